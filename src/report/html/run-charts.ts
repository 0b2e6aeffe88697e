/**
 * The charts of the two runs themselves: each side's latency by percentile, and each trial's
 * latency, throughput and load over the trial's time, from the per-request records.
 */
import { pooledValues, toComparable, type ResultLike } from '../../result/columns.js'
import type { RequestRecord, ResultFile, TrialResult } from '../../result/types.js'
import { sortedCopy } from '../../stats/percentile.js'
import type { ChartData, ChartSection, SeriesData, Side } from './charts.js'
import { bucketPercentiles, MAX_POINTS_PER_SERIES, minMaxPerBucket, percentileCurve, round } from './downsample.js'

export interface Sides {
  baseline: ResultLike
  candidate: ResultLike
}

const SIDES = ['baseline', 'candidate'] as const

/** A side's trials with their request records, or null when it was read in columns only (load.ts). */
function trialsWithRequests(result: ResultLike): TrialResult[] | null {
  const trials = result.trials as Array<Partial<TrialResult>>
  return trials.every((trial) => Array.isArray(trial.requests)) ? (result as ResultFile).trials : null
}

const DISTRIBUTIONS = [
  ['ttft_ms', 'TTFT'],
  ['tpot_ms', 'TPOT'],
  ['itl_ms', 'ITL'],
  ['e2e_ms', 'E2E latency']
] as const

/** Latency by percentile, both sides on each chart: every successful request of every trial, pooled. */
export function distributionSection(sides: Sides): ChartSection {
  const charts = DISTRIBUTIONS.map(([metric, name]): ChartData => {
    const series: SeriesData[] = []
    const counts: string[] = []
    for (const side of SIDES) {
      const values = pooledValues(toComparable(sides[side]), metric)
      counts.push(`${values.length.toLocaleString('en-US')} ${side}`)
      if (values.length === 0) continue
      series.push({ label: side, side, style: 'line', ...percentileCurve(sortedCopy(values)) })
    }
    return {
      title: `${name} by percentile`,
      note: `Every successful request of every trial pooled (${metric === 'itl_ms' ? 'gaps' : 'values'}: ${counts.join(', ')}); each curve is drawn through about 300 of its quantiles and stops at the highest percentile its sample supports.`,
      x: { label: 'percentile', kind: 'percentile' },
      y: { label: 'ms' },
      series
    }
  })
  return { id: 'distributions', title: 'Distributions', note: 'The cumulative distribution turned on its side: the y value below which that share of requests fell. The x axis stretches the tail (p90, p99, p99.9 equally apart).', views: [{ label: 'all', charts }] }
}

interface TrialSeries {
  ttft: { x: number[]; y: Array<number | null> }
  itlP50: { x: number[]; y: Array<number | null> }
  itlP99: { x: number[]; y: Array<number | null> }
  tokensPerS: { x: number[]; y: Array<number | null> }
  inFlight: { x: number[]; y: Array<number | null> }
}

/** One trial's time series, in seconds since the trial started. */
export function trialSeries(records: readonly RequestRecord[]): TrialSeries {
  const measured = records.filter((r) => r.ok && r.sent_ms !== null && r.ttft_ms !== null).sort((a, b) => a.sent_ms! - b.sent_ms!)
  const span = Math.max(1, ...records.map((r) => r.end_ms))
  const ttft = minMaxPerBucket(
    measured.map((r) => r.sent_ms! / 1000),
    measured.map((r) => r.ttft_ms!)
  )
  // Every content event: the first at the first token, then one per gap; each carries its share of the request's tokens.
  let events = 0
  for (const r of measured) events += r.itl_ms.length + 1
  const at = new Float64Array(events)
  const gapAt = new Float64Array(events)
  const tokens = new Float64Array(events)
  const isGap = new Uint8Array(events)
  let k = 0
  for (const r of measured) {
    const share = r.output_tokens / (r.itl_ms.length + 1)
    let t = r.sent_ms! + r.ttft_ms!
    at[k] = t
    tokens[k++] = share
    for (const gap of r.itl_ms) {
      t += gap
      at[k] = t
      gapAt[k] = gap
      isGap[k] = 1
      tokens[k++] = share
    }
  }
  // Buckets of a quarter second (10 to 120 of them): narrower ones make a p99 of a handful of gaps, and a noisy line.
  const buckets = Math.min(120, Math.max(10, Math.floor(span / 250)))
  const gapTimes: number[] = []
  const gaps: number[] = []
  for (let i = 0; i < events; i++) {
    if (isGap[i] === 1) {
      gapTimes.push(at[i]!)
      gaps.push(gapAt[i]!)
    }
  }
  const itl = bucketPercentiles(gapTimes, gaps, span, buckets, [50, 99])
  const seconds = itl.centres.map((centre) => round(centre / 1000))
  const width = span / buckets / 1000
  const perBucket = new Array<number>(buckets).fill(0)
  for (let i = 0; i < events; i++) perBucket[Math.min(buckets - 1, Math.floor(at[i]! / (span / buckets)))]! += tokens[i]!
  // Requests in flight: +1 at each write, -1 at each end, failed requests included (the server held them too).
  const changes: Array<[number, number]> = []
  for (const r of records) {
    if (r.sent_ms === null) continue
    changes.push([r.sent_ms, 1], [r.end_ms, -1])
  }
  changes.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  const flightX: number[] = [0]
  const flightY: number[] = [0]
  let inFlight = 0
  for (const [t, change] of changes) {
    inFlight += change
    flightX.push(t / 1000)
    flightY.push(inFlight)
  }
  return {
    ttft,
    itlP50: { x: seconds, y: itl.percentiles[0]! },
    itlP99: { x: seconds, y: itl.percentiles[1]! },
    tokensPerS: { x: seconds, y: perBucket.map((sum) => round(sum / width)) },
    inFlight: minMaxPerBucket(flightX, flightY, MAX_POINTS_PER_SERIES)
  }
}

/** Per trial, both sides' trial of that index on the same charts (for an `ab` run, one back-to-back pair). */
export function timeSection(sides: Sides): ChartSection | null {
  const trials = { baseline: trialsWithRequests(sides.baseline), candidate: trialsWithRequests(sides.candidate) }
  const count = Math.max(trials.baseline?.length ?? 0, trials.candidate?.length ?? 0)
  if (count === 0) return null
  const missing = SIDES.filter((side) => trials[side] === null)
  const views = Array.from({ length: count }, (_, index) => {
    const series = new Map<Side, TrialSeries>()
    for (const side of SIDES) {
      const trial = trials[side]?.[index]
      if (trial !== undefined) series.set(side, trialSeries(trial.requests))
    }
    const lines = (pick: (s: TrialSeries) => { x: number[]; y: Array<number | null> }, style: SeriesData['style'], suffix = ''): SeriesData[] =>
      [...series].map(([side, s]) => ({ label: `${side}${suffix}`, side, style, ...pick(s) }))
    const charts: ChartData[] = [
      { title: 'TTFT by send time', note: `One point a successful request, at the time it was written; above ${MAX_POINTS_PER_SERIES.toLocaleString('en-US')} points, the lowest and highest of each time bucket are kept.`, x: { label: 's since the trial started', kind: 'seconds' }, y: { label: 'ms' }, series: lines((s) => s.ttft, 'points') },
      { title: 'ITL over time', note: 'The median (solid) and p99 (dashed) of the gaps between content events that arrived in each time bucket.', x: { label: 's since the trial started', kind: 'seconds' }, y: { label: 'ms' }, series: [...lines((s) => s.itlP50, 'line', ' p50'), ...lines((s) => s.itlP99, 'dashed', ' p99')] },
      { title: 'Output tokens/s', note: "Tokens arriving in each time bucket, each content event carrying an equal share of its request's output tokens.", x: { label: 's since the trial started', kind: 'seconds' }, y: { label: 'tokens/s' }, series: lines((s) => s.tokensPerS, 'line') },
      { title: 'Requests in flight', note: 'From each write to the end of its response, failed requests included.', x: { label: 's since the trial started', kind: 'seconds' }, y: { label: 'requests' }, series: lines((s) => s.inFlight, 'step') }
    ]
    return { label: `trial ${index + 1}`, charts }
  })
  const note = missing.length > 0 ? `The ${missing.join(' and ')} result was read without its request records: only the other side is drawn.` : undefined
  return { id: 'over-time', title: "Over the run's time", selector: 'trial', ...(note !== undefined ? { note } : {}), views }
}
