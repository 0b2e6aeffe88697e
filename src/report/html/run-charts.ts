/**
 * The charts of the two runs themselves: each side's latency by percentile, and each trial's
 * latency, throughput and load over the trial's time, from the per-request records.
 */
import { pooledValues, toComparable, type ResultLike, type SeriesColumns } from '../../result/columns.js'
import { sortedCopy } from '../../stats/percentile.js'
import type { ChartData, ChartSection, SeriesData, Side } from './charts.js'
import { bucketPercentiles, MAX_POINTS_PER_SERIES, minMaxPerBucket, percentileCurve, round } from './downsample.js'

export interface Sides {
  baseline: ResultLike
  candidate: ResultLike
}

const SIDES = ['baseline', 'candidate'] as const

/** Each trial's per-request series, read from its columns (result/columns.ts): no request objects held; null for a trial read without them. */
function trialSeriesColumns(result: ResultLike): Array<{ series: SeriesColumns; itl: Float64Array } | null> {
  return toComparable(result).trials.map(({ columns }) => (columns.series === undefined ? null : { series: columns.series, itl: columns.itl_ms }))
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

/** One trial's time series, in seconds since the trial started, from its records' columns (`pooledGaps`: the successful records' gaps, record after record). */
export function trialSeries(series: SeriesColumns, pooledGaps: Float64Array): TrialSeries {
  const n = series.ok.length
  // Where each record's gaps start in `pooledGaps`.
  const gapsFrom = new Float64Array(n)
  for (let k = 1; k < n; k++) gapsFrom[k] = gapsFrom[k - 1]! + series.itl_count[k - 1]!
  const sent = (k: number): number => series.sent_ms[k]!
  const measured: number[] = []
  for (let k = 0; k < n; k++) if (series.ok[k] === 1 && !Number.isNaN(series.sent_ms[k]!) && !Number.isNaN(series.ttft_ms[k]!)) measured.push(k)
  measured.sort((a, b) => sent(a) - sent(b))
  // As Math.max(1, ...ends), NaN included, without spreading a trial's worth of arguments.
  let span = 1
  for (let k = 0; k < n; k++) span = Math.max(span, series.end_ms[k]!)
  const ttft = minMaxPerBucket(
    measured.map((k) => sent(k) / 1000),
    measured.map((k) => series.ttft_ms[k]!)
  )
  // Every content event: the first at the first token, then one per gap; each carries its share of the request's tokens.
  let events = 0
  for (const k of measured) events += series.itl_count[k]! + 1
  const at = new Float64Array(events)
  const gapAt = new Float64Array(events)
  const tokens = new Float64Array(events)
  const isGap = new Uint8Array(events)
  let e = 0
  for (const k of measured) {
    const count = series.itl_count[k]!
    const share = series.output_tokens[k]! / (count + 1)
    let t = sent(k) + series.ttft_ms[k]!
    at[e] = t
    tokens[e++] = share
    for (let g = gapsFrom[k]!; g < gapsFrom[k]! + count; g++) {
      const gap = pooledGaps[g]!
      t += gap
      at[e] = t
      gapAt[e] = gap
      isGap[e] = 1
      tokens[e++] = share
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
  for (let k = 0; k < n; k++) {
    if (Number.isNaN(series.sent_ms[k]!)) continue
    changes.push([series.sent_ms[k]!, 1], [series.end_ms[k]!, -1])
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
  const trials = { baseline: trialSeriesColumns(sides.baseline), candidate: trialSeriesColumns(sides.candidate) }
  const count = Math.max(...SIDES.map((side) => trials[side].filter((trial) => trial !== null).length))
  if (count === 0) return null
  const missing = SIDES.filter((side) => trials[side].some((trial) => trial === null) || trials[side].length === 0)
  const views = Array.from({ length: count }, (_, index) => {
    const series = new Map<Side, TrialSeries>()
    for (const side of SIDES) {
      const trial = trials[side][index]
      if (trial != null) series.set(side, trialSeries(trial.series, trial.itl))
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
