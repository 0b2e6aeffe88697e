/**
 * Capacity at SLO (docs/sweeps.md): the highest load at which the workload's SLO holds
 * for at least `attainment` of the requests. The capacity lies between the highest step that
 * holds and the next step above it, which does not, interpolated linearly in load on the SLO
 * metric's quantile at the attainment level (p99 TPOT for `tpot_ms` at 0.99). Each trial index
 * (trial i of every step) gives a capacity of its own by the same rule; the interval is a
 * t-interval around the capacity from their spread, and `compare` tests them. Pure: no I/O.
 */
import { quickselect } from 'simple-statistics'
import { countsAsSent, meetsSlo } from '../result/summary.js'
import type { RequestRecord } from '../result/types.js'
import { studentTQuantile } from '../stats/distributions.js'
import { numpyLerp, sampleVariance } from '../stats/percentile.js'
import { SLO_METRICS, type Capacity, type LoadKind, type SloMetric, type SloThresholds, type StepSloOutcome } from '../result/sweep-types.js'

/** The share of requests that must meet every SLO when the workload does not say (docs/sweeps.md). */
export const DEFAULT_ATTAINMENT = 0.99
/** Confidence of the capacity's interval (two-sided). */
export const CAPACITY_CONFIDENCE = 0.95

/** What one trial of one step contributes to the SLO judgement. */
export interface TrialSlo {
  /** Requests that counted (cancelled ones are left out, as in every count). */
  sent: number
  /** Of those, the ones meeting every SLO. */
  met: number
  failed: number
  /** The successful requests' value of each SLO metric the workload sets. */
  values: Partial<Record<SloMetric, Float64Array>>
  requestThroughput: number
}

export interface CapacityRule {
  slo: SloThresholds
  attainment: number
  /** Beyond this error rate a step's miss is put down to errors whatever its latency. */
  maxErrorRate: number
}

/** One step, its load and its trials, as the capacity rule reads it. */
export interface StepSloData {
  load: number
  trials: TrialSlo[]
}

/** The SLO thresholds a workload sets, without `attainment`. */
export function sloThresholds(slo: SloThresholds & { attainment?: number | undefined }): SloThresholds {
  const thresholds: SloThresholds = {}
  for (const metric of SLO_METRICS) if (slo[metric] !== undefined) thresholds[metric] = slo[metric]
  return thresholds
}

export const sloMetricsOf = (slo: SloThresholds): SloMetric[] => SLO_METRICS.filter((metric) => slo[metric] !== undefined)

export function trialSloOf(records: readonly RequestRecord[], slo: SloThresholds, requestThroughput: number): TrialSlo {
  const counted = records.filter(countsAsSent)
  const ok = counted.filter((record) => record.ok)
  const values: TrialSlo['values'] = {}
  for (const metric of sloMetricsOf(slo)) {
    const picked = ok.map((record) => record[metric]).filter((value): value is number => value !== null)
    values[metric] = Float64Array.from(picked)
  }
  return { sent: counted.length, met: counted.filter((record) => meetsSlo(record, slo)).length, failed: counted.length - ok.length, values, requestThroughput }
}

/**
 * numpy's linear quantile (0 < share <= 1) of `values`, which it reorders. Selection instead of
 * a sort: the bootstrap takes this quantile of every resample of every step.
 */
export function quantileInPlace(values: Float64Array, share: number): number {
  const n = values.length
  const position = (n - 1) * share
  const lower = Math.min(n - 1, Math.floor(position))
  quickselect(values as unknown as number[], lower)
  const low = values[lower]!
  if (lower === n - 1) return low
  let high = Infinity
  for (let i = lower + 1; i < n; i++) if (values[i]! < high) high = values[i]!
  return numpyLerp(low, high, position - lower)
}

/** The pooled outcome of a step's trials (some may repeat: bootstrap resamples). */
export function judgeStep(trials: readonly TrialSlo[], rule: CapacityRule): StepSloOutcome {
  let sent = 0
  let met = 0
  let failed = 0
  for (const trial of trials) {
    sent += trial.sent
    met += trial.met
    failed += trial.failed
  }
  const quantiles: StepSloOutcome['quantiles'] = {}
  for (const metric of sloMetricsOf(rule.slo)) {
    let size = 0
    for (const trial of trials) size += trial.values[metric]?.length ?? 0
    if (size === 0) {
      quantiles[metric] = null
      continue
    }
    const pooled = new Float64Array(size)
    let offset = 0
    for (const trial of trials) {
      const values = trial.values[metric]
      if (values === undefined) continue
      pooled.set(values, offset)
      offset += values.length
    }
    quantiles[metric] = quantileInPlace(pooled, rule.attainment)
  }
  const attained = sent > 0 ? met / sent : 0
  // A share computed from counts can land a hair under the level it equals.
  const holds = sent > 0 && attained >= rule.attainment - 1e-12
  const errorRate = sent > 0 ? failed / sent : 0
  const latencyMisses = sent - failed - met
  const limitedBy = holds ? null : errorRate > rule.maxErrorRate || failed > latencyMisses ? 'errors' : 'latency'
  return { sent, attained, holds, error_rate: errorRate, limited_by: limitedBy, quantiles }
}

/** The largest quantile/threshold ratio over the SLO metrics, and its metric: above 1 the quantile is beyond its SLO. */
function worstRatio(outcome: StepSloOutcome, slo: SloThresholds): { ratio: number; metric: SloMetric | null } {
  let ratio = -Infinity
  let metric: SloMetric | null = null
  for (const m of sloMetricsOf(slo)) {
    const quantile = outcome.quantiles[m]
    // No successful request at all: as far beyond the SLO as it gets.
    const r = quantile === null || quantile === undefined ? Infinity : quantile / slo[m]!
    if (r > ratio) {
      ratio = r
      metric = m
    }
  }
  return { ratio, metric }
}

interface Located {
  load: number | null
  /** 0..1 between the bracket's loads. */
  fraction: number
  below: number | null
  above: number | null
  belowIndex: number | null
  limitedBy: 'latency' | 'errors' | null
  metric: SloMetric | null
  beyond: boolean
}

/**
 * The capacity on steps in load order: between the highest load that holds and the next load
 * above it (docs/sweeps.md: "the highest load at which the SLO holds"). A miss below that load does not
 * end the search: on a busy client machine a pause only ever adds latency, so a lone miss at a
 * low load is far likelier noise than a server that recovers under more load. Judged lazily from
 * the top (`judge(i)`), so that a resample judges only the steps it needs.
 */
function locate(loads: readonly number[], judge: (index: number) => StepSloOutcome, slo: SloThresholds): Located {
  const last = loads.length - 1
  let above: StepSloOutcome | null = null
  for (let i = last; i >= 0; i--) {
    const outcome = judge(i)
    if (!outcome.holds) {
      above = outcome
      continue
    }
    if (above === null) return { load: loads[last]!, fraction: 0, below: loads[last]!, above: null, belowIndex: last, limitedBy: null, metric: null, beyond: true }
    const [below, next] = [loads[i]!, loads[i + 1]!]
    if (above.limited_by === 'errors') return { load: below, fraction: 0, below, above: next, belowIndex: i, limitedBy: 'errors', metric: null, beyond: false }
    const low = worstRatio(outcome, slo).ratio
    const high = worstRatio(above, slo)
    // The step missed the SLO, yet its quantile may sit inside it (misses spread over several
    // metrics), or the holding step's may already sit beyond (a quantile interpolated past the
    // last value that met it): then no crossing lies between them and the capacity is the load that held.
    const fraction = high.ratio > low && high.ratio >= 1 && low <= 1 ? Math.min(1, Math.max(0, (1 - low) / (high.ratio - low))) : 0
    return { load: below + fraction * (next - below), fraction, below, above: next, belowIndex: i, limitedBy: 'latency', metric: high.metric, beyond: false }
  }
  const lowest = above!
  return { load: null, fraction: 0, below: null, above: loads[0]!, belowIndex: null, limitedBy: lowest.limited_by, metric: lowest.limited_by === 'latency' ? worstRatio(lowest, slo).metric : null, beyond: false }
}

export const describeLoadStep = (kind: LoadKind, load: number): string => (kind === 'rate' ? `${Number(load.toPrecision(4))} req/s` : `concurrency ${Number(load.toPrecision(4))}`)

const percent = (share: number): string => `${Number((100 * share).toFixed(2))}%`
const METRIC_LABELS: Record<SloMetric, string> = { ttft_ms: 'TTFT', tpot_ms: 'TPOT', e2e_ms: 'E2E latency' }
/** "TPOT p99", for an attainment of 0.99. */
export const quantileLabel = (metric: SloMetric, attainment: number): string => `${METRIC_LABELS[metric]} p${Number((100 * attainment).toFixed(2))}`

export interface CapacityInput {
  kind: LoadKind
  /** In increasing load, each load once. */
  steps: readonly StepSloData[]
  rule: CapacityRule
}

/** The capacity (docs/sweeps.md) of the steps, its interval and each trial's own capacity. */
export function computeCapacity({ kind, steps, rule }: CapacityInput): Capacity {
  const loads = steps.map((step) => step.load)
  const base = { load_kind: kind, confidence: CAPACITY_CONFIDENCE, attainment: rule.attainment, slo: rule.slo }
  if (steps.length === 0) {
    return { ...base, load: null, ci_low: null, ci_high: null, request_throughput: null, limited_by: null, metric: null, bracket: { below: null, above: null }, trials: [], note: 'no step finished: there is nothing to find a capacity in' }
  }
  if (sloMetricsOf(rule.slo).length === 0) {
    return { ...base, load: null, ci_low: null, ci_high: null, request_throughput: null, limited_by: null, metric: null, bracket: { below: null, above: null }, trials: [], note: 'the workload sets no slo (ttft_ms, tpot_ms or e2e_ms): a sweep without one draws curves but has no capacity' }
  }
  const outcomes = steps.map((step) => judgeStep(step.trials, rule))
  const point = locate(loads, (i) => outcomes[i]!, rule.slo)
  const throughputOf = (step: StepSloData): number => step.trials.reduce((sum, trial) => sum + trial.requestThroughput, 0) / Math.max(1, step.trials.length)
  let requestThroughput: number | null = null
  if (point.belowIndex !== null) {
    const low = throughputOf(steps[point.belowIndex]!)
    const high = point.beyond ? low : throughputOf(steps[point.belowIndex + 1]!)
    requestThroughput = low + point.fraction * (high - low)
  }
  const trialCount = Math.max(...steps.map((step) => step.trials.length))
  const perTrial = Array.from({ length: trialCount }, (_, t) => {
    const present = steps.filter((step) => step.trials[t] !== undefined)
    if (present.length === 0) return null
    return locate(present.map((step) => step.load), (i) => judgeStep([present[i]!.trials[t]!], rule), rule.slo).load
  })
  const interval = trialInterval(perTrial, point.load, loads[loads.length - 1]!)
  const notes: string[] = []
  if (point.load === null) {
    const outcome = outcomes[0]!
    notes.push(`even the lowest load (${describeLoadStep(kind, loads[0]!)}) misses the SLO: ${percent(outcome.attained)} of its requests met it, ${percent(rule.attainment)} needed${outcome.limited_by === 'errors' ? `; ${percent(outcome.error_rate)} failed` : ''}`)
  } else if (point.beyond) {
    notes.push(`every load held the SLO: the capacity is at least ${describeLoadStep(kind, point.load)}, the highest load run; add higher loads to find it`)
  } else if (point.limitedBy === 'errors') {
    notes.push(`${describeLoadStep(kind, point.above!)} failed ${percent(outcomes[point.belowIndex! + 1]!.error_rate)} of its requests (max_error_rate ${percent(rule.maxErrorRate)}): limited by errors, so the capacity is the last load that held, not interpolated`)
  }
  const missedBelow = point.belowIndex === null ? [] : loads.filter((_load, i) => i < point.belowIndex! && !outcomes[i]!.holds)
  if (missedBelow.length > 0) {
    notes.push(`${missedBelow.map((load) => describeLoadStep(kind, load)).join(', ')} missed the SLO below ${describeLoadStep(kind, point.below!)}, the highest load that held: a pause of the client's machine, or a server that misbehaves at low load; look at ${missedBelow.length > 1 ? 'those steps' : 'that step'}`)
  }
  if (interval.note !== null) notes.push(interval.note)
  return {
    ...base,
    load: point.load,
    ci_low: interval.low,
    ci_high: interval.high,
    request_throughput: requestThroughput,
    limited_by: point.limitedBy,
    metric: point.metric,
    bracket: { below: point.below, above: point.above },
    ...(point.beyond ? { beyond_tested: true as const } : {}),
    trials: perTrial,
    ...(notes.length > 0 ? { note: notes.join('; ') } : {})
  }
}

/**
 * The interval: the capacity's standard error from the spread of the trials' own capacities (on
 * logarithms, sd / √k with k trials, as the gate's Welch test reads them), around the capacity
 * itself, with Student's t on k - 1 degrees of freedom. Trials are the unit of replication:
 * requests of one trial share its server state (drift, a slow period, a pause of the client).
 * Centred on the pooled capacity rather than on the trials' mean, since a p99 of k trials pooled
 * reaches further into the tail than each trial's own, and an interval that missed its own
 * estimate would mislead. A percentile bootstrap over trials was tried first and set aside: with
 * 3–5 trials a step it has a handful of distinct resamples, and its interval sat above the estimate.
 */
function trialInterval(trials: ReadonlyArray<number | null>, point: number | null, highestLoad: number): { low: number | null; high: number | null; note: string | null } {
  if (point === null || point <= 0) return { low: null, high: null, note: null }
  const values = trials.filter((value): value is number => value !== null && value > 0)
  const missing = trials.length - values.length
  const missingNote = missing > 0 ? `${missing} of ${trials.length} trials had no capacity of their own (their lowest load missed the SLO) and are left out of the interval` : null
  if (values.length < 2) return { low: null, high: null, note: missingNote ?? 'one trial a step: no interval (the trials are the unit of replication)' }
  const logs = values.map(Math.log)
  const halfWidth = studentTQuantile((1 + CAPACITY_CONFIDENCE) / 2, logs.length - 1) * Math.sqrt(sampleVariance(logs) / logs.length)
  const notes = [missingNote, values.some((value) => value >= highestLoad) ? `a trial held the SLO at every load: its capacity is a lower bound` : null].filter((note) => note !== null)
  return { low: point * Math.exp(-halfWidth), high: point * Math.exp(halfWidth), note: notes.length === 0 ? null : `interval: ${notes.join('; ')}` }
}
