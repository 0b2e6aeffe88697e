/**
 * One side's bootstrap resamples for a comparison, kept with the result they were drawn from.
 * Each side is resampled from its own seeded stream, so each can be resampled on the thread that
 * read it (load.ts) while the other is still being read; this module carries only what that
 * needs, so the reading worker stays small. The two results of one `ab` run draw their trials
 * from a stream named by the run instead, so both draw the same pairs without seeing each other.
 */
import type { Thresholds } from '../config/thresholds.js'
import { deriveSeed } from '../random.js'
import type { ComparableResult } from '../result/columns.js'
import { bootstrapSide, type BootstrapStatistic, type SideReplicates } from '../stats/bootstrap.js'
import { parseMetricName, percentileOf, type DistributionMetric } from '../metrics/metric-names.js'

/** More values than this per side are thinned to every k-th before the bootstrap (ITL pools millions); trial-to-trial resampling carries most of the interval, so the cost of thinning is small. */
export const BOOTSTRAP_VALUE_LIMIT = 25_000

/**
 * Each trial's values in arrival order for the bootstrap, keeping every `stride`-th when a side
 * has more than BOOTSTRAP_VALUE_LIMIT (ITL pools millions).
 */
function bootstrapValues(result: ComparableResult, base: DistributionMetric): { trials: Float64Array[]; stride: number } {
  const columns = result.trials.map((trial) => trial.columns[base])
  const total = columns.reduce((sum, values) => sum + values.length, 0)
  const stride = Math.max(1, Math.ceil(total / BOOTSTRAP_VALUE_LIMIT))
  if (stride === 1) return { trials: columns, stride }
  const trials = columns.map((values) => {
    const kept = new Float64Array(Math.ceil(values.length / stride))
    for (let i = 0, k = 0; i < values.length; i += stride) kept[k++] = values[i]!
    return kept
  })
  return { trials, stride }
}

/** The bootstrap statistics each base metric needs for the thresholds' metrics. */
export function bootstrapPlan(thresholds: Thresholds): Map<DistributionMetric, Array<{ name: string; statistic: BootstrapStatistic }>> {
  const byBase = new Map<DistributionMetric, Array<{ name: string; statistic: BootstrapStatistic }>>()
  for (const name of Object.keys(thresholds.metrics)) {
    const metric = parseMetricName(name)
    if (metric?.kind !== 'distribution') continue
    const p = percentileOf(metric.statistic)
    const list = byBase.get(metric.base) ?? []
    list.push({ name, statistic: p === null ? { kind: 'mean' } : { kind: 'percentile', p } })
    byBase.set(metric.base, list)
  }
  return byBase
}

export type BootstrapRole = 'baseline' | 'current'
export type SideBootstrap = Map<DistributionMetric, { replicates: SideReplicates; stride: number }>
const sideCache = new WeakMap<ComparableResult, WeakMap<Thresholds, Map<string, SideBootstrap>>>()

/** The `ab` run a result's trial draws are paired through, when it has one: what the reading worker assumes. */
export const likelyPairedRun = (result: ComparableResult): string | null => result.pairing?.run ?? null

function cachedSides(result: ComparableResult, thresholds: Thresholds): Map<string, SideBootstrap> {
  const byThresholds = sideCache.get(result) ?? new WeakMap<Thresholds, Map<string, SideBootstrap>>()
  sideCache.set(result, byThresholds)
  const cached = byThresholds.get(thresholds) ?? new Map<string, SideBootstrap>()
  byThresholds.set(thresholds, cached)
  return cached
}

const cacheKey = (role: BootstrapRole, pairedRun: string | null): string => (pairedRun === null ? role : `${role}\u0000${pairedRun}`)

/** Keeps a side's resamples made elsewhere (on the worker thread that read the result) as bootstrapSideOf's. */
export function adoptBootstrapSide(result: ComparableResult, thresholds: Thresholds, role: BootstrapRole, pairedRun: string | null, side: SideBootstrap): void {
  cachedSides(result, thresholds).set(cacheKey(role, pairedRun), side)
}

/** The typed arrays of a side's resamples, to hand to another thread without copying. */
export function bootstrapSideBuffers(side: SideBootstrap): ArrayBuffer[] {
  return [...side.values()].flatMap(({ replicates }) => (replicates.ok ? replicates.replicates.map((array) => array.buffer as ArrayBuffer) : []))
}

/**
 * One side's bootstrap resamples for every distribution metric the thresholds name, resampled
 * once per base metric from a stream named by the seed, the metric and the side (the trial draws
 * by the `ab` run instead, when `pairedRun` is given). Kept with the result, so each side can be
 * resampled where it was read, while the other is still being read.
 */
export function bootstrapSideOf(result: ComparableResult, thresholds: Thresholds, role: BootstrapRole, pairedRun: string | null = null): SideBootstrap {
  const cached = cachedSides(result, thresholds)
  const existing = cached.get(cacheKey(role, pairedRun))
  if (existing !== undefined) return existing
  const side: SideBootstrap = new Map()
  for (const [base, wanted] of bootstrapPlan(thresholds)) {
    const { trials, stride } = bootstrapValues(result, base)
    const replicates = bootstrapSide(trials, wanted.map((w) => w.statistic), {
      seed: deriveSeed(thresholds.bootstrap.seed, base),
      iterations: thresholds.bootstrap.iterations,
      stream: role,
      ...(pairedRun !== null ? { pairedTrials: pairedRun } : {})
    })
    side.set(base, { replicates, stride })
  }
  cached.set(cacheKey(role, pairedRun), side)
  return side
}
