/**
 * Job-to-job variation (docs/method-history.md). compare's tests treat the trial as the unit of replication,
 * which is right inside one job; a baseline measured in another job (another night, a restarted
 * server) differs by more than its trials show. With enough comparable past runs, a metric
 * regresses only when the current run also lies beyond what past jobs varied.
 *
 * The check is a prediction interval over past jobs, on the log scale: the runs since the last
 * change point of the metric set the level, the spread of every run around its own segment's
 * mean (change points removed, so a past step does not inflate it) sets the width, and
 *
 *   t = (log current − level) / (s · sqrt(1 + 1/n_level)),  df = runs − segments,
 *
 * is Student's t under "the current run is one more job like the past ones" (normal job effects).
 * Its two-sided p-values are Holm-adjusted over the gated metrics, as the trial-level ones are.
 * docs/method-history.md gives the reasons and the calibration.
 */
import type { JobHistory } from '../history/file.js'
import { hardwareKey } from '../history/hardware.js'
import { runId } from '../history/record.js'
import { DETECT_DEFAULTS } from '../history/changes.js'
import { comparableRuns, metricSeries } from '../history/series.js'
import type { ResultLike } from '../result/columns.js'
import { eDivisive, segmentsOf } from '../stats/change-points.js'
import { studentTCdf } from '../stats/distributions.js'
import { holm } from '../stats/holm.js'
import type { MetricComparison, MetricStatus } from './types.js'

export type { JobHistory }

/** Fewer comparable past runs than this leave the verdict as the trial-level tests give it. */
export const MIN_COMPARABLE_RUNS = 8
/** A spread needs at least this many degrees of freedom once the segments' means are removed. */
const MIN_DEGREES_OF_FREEDOM = 4

/** `comparison.history` (an extension): what the history held and whether the verdict used it. */
export interface HistorySummary {
  source: string
  /** Runs in the history, of any workload. */
  runs: number
  /** Past runs comparable with the current one: same workload hash and hardware. */
  comparable: number
  /** How many comparable runs the check needs. */
  needed: number
  /** Whether the statuses account for job-to-job variation (enough comparable runs). */
  used: boolean
  /** The verdict the trial-level rules alone give. */
  verdict_without_history?: string
}

/** `metrics[].job_variation` (an extension): the job-to-job spread a metric was judged against. */
export interface JobVariation {
  /** Comparable past runs with a value of this metric. */
  runs: number
  /** Change points found among them (their steps are left out of the spread). */
  changes: number
  /** Runs since the last change point: they set the level. */
  level_runs: number
  /** Geometric mean of those runs. */
  level: number
  /** Standard deviation of a job's log value around its segment's mean, as a percentage: exp(s) − 1. */
  spread_pct: number
  df: number
  /** The current run against the level. */
  delta_pct: number
  p_value: number
  /** Holm over the gated metrics; null for metrics whose gate is off. */
  p_adjusted: number | null
  /** What the trial-level rules alone gave, where the history changed it. */
  status_without_history?: MetricStatus
}

export interface SpreadEstimate {
  runs: number
  changes: number
  /** Mean of the log values since the last change, and how many there are. */
  level: number
  levelRuns: number
  /** Pooled within-segment standard deviation of the log values. */
  s: number
  df: number
}

/**
 * The spread of past jobs' log values with their change points removed: the pooled standard
 * deviation around each segment's mean, and the level of the last segment. Null with fewer
 * than MIN_DEGREES_OF_FREEDOM degrees of freedom.
 */
export function estimateJobSpread(logValues: readonly number[]): SpreadEstimate | null {
  // Change points in the past runs: the same test as `history detect`, which the report lists.
  const changes = eDivisive(logValues, DETECT_DEFAULTS)
  const segments = segmentsOf(logValues.length, changes.map((change) => change.index))
  let squares = 0
  let level = 0
  let levelRuns = 0
  for (const segment of segments) {
    const part = logValues.slice(segment.start, segment.end)
    const mean = part.reduce((sum, value) => sum + value, 0) / part.length
    for (const value of part) squares += (value - mean) ** 2
    level = mean
    levelRuns = part.length
  }
  const df = logValues.length - segments.length
  if (df < MIN_DEGREES_OF_FREEDOM) return null
  return { runs: logValues.length, changes: changes.length, level, levelRuns, s: Math.sqrt(squares / df), df }
}

/** The current value against the past jobs: t and its two-sided p-value. */
export function predictionTest(estimate: SpreadEstimate, current: number): { t: number; p: number } {
  const scale = estimate.s * Math.sqrt(1 + 1 / estimate.levelRuns)
  const difference = Math.log(current) - estimate.level
  if (scale === 0) return { t: difference === 0 ? 0 : Math.sign(difference) * Infinity, p: difference === 0 ? 1 : 0 }
  const t = difference / scale
  return { t, p: 2 * studentTCdf(-Math.abs(t), estimate.df) }
}

export interface Judged {
  metrics: MetricComparison[]
  summary: HistorySummary
}

const pct = (value: number): string => `${Math.abs(value) < 10 ? value.toFixed(1) : value.toFixed(0)}%`
const signed = (value: number): string => `${value >= 0 ? '+' : '−'}${pct(Math.abs(value))}`

function withinReason(m: MetricComparison, variation: JobVariation): string {
  const level = variation.changes === 0 ? 'their level' : `the level of the ${variation.level_runs} since their last change point`
  const p = variation.p_adjusted ?? variation.p_value
  return `within what ${variation.runs} comparable past jobs varied: ${m.delta_pct === null ? '' : `${signed(m.delta_pct)} against the baseline, `}${signed(variation.delta_pct)} from ${level}, job-to-job spread ±${pct(variation.spread_pct)} (p = ${p.toPrecision(2)})`
}

/** Whether the trial-level status stands once past jobs are taken into account, and why not. */
function judge(m: MetricComparison, variation: JobVariation, alpha: number, decision: 'detect' | 'non-inferiority', unreliable: boolean): { status: MetricStatus; reason?: string } | null {
  const p = variation.p_adjusted ?? variation.p_value
  const worseSign = m.direction === 'lower_is_better' ? 1 : -1
  const beyondWorse = p < alpha && Math.sign(variation.delta_pct) === worseSign
  const beyondBetter = p < alpha && Math.sign(variation.delta_pct) === -worseSign
  if (m.status === 'regressed' && !beyondWorse) return decision === 'detect' ? { status: 'pass', reason: withinReason(m, variation) } : { status: 'inconclusive', reason: `not shown non-inferior, and not worse beyond job-to-job variation: ${withinReason(m, variation)}` }
  if (m.status === 'improved' && !beyondBetter && decision === 'detect') return { status: 'pass', reason: withinReason(m, variation) }
  // Beyond the tolerance but not significant against trial noise: past jobs can still show it is ordinary.
  if (m.status === 'inconclusive' && decision === 'detect' && !unreliable && m.delta_pct !== null && !beyondWorse) {
    const worse = worseSign * m.delta_pct
    if (worse > (m.tolerance_pct ?? 0)) return { status: 'pass', reason: withinReason(m, variation) }
  }
  return null
}

/**
 * The metric rows with statuses adjusted for job-to-job variation (detect: a regression needs
 * the current run beyond past jobs' spread too; non-inferiority: a regression within it is
 * inconclusive), each tested row carrying the spread it used. `unreliable` names metrics whose
 * statistic rests on too few samples: they stay as they are. With too few comparable runs the
 * rows are returned unchanged and the summary says how many are missing.
 */
export function judgeAgainstHistory(metrics: readonly MetricComparison[], history: JobHistory, current: ResultLike, options: { alpha: number; decision: 'detect' | 'non-inferiority'; unreliable?: ReadonlySet<string> }): Judged {
  const comparable = comparableRuns(history.records, {
    workload_hash: current.workload.workload_hash,
    hardware: hardwareKey(current.environment),
    definitions: current.definitions,
    excludeId: runId(current),
    notAfter: current.created_at
  })
  const summary: HistorySummary = { source: history.source, runs: history.records.length, comparable: comparable.length, needed: MIN_COMPARABLE_RUNS, used: comparable.length >= MIN_COMPARABLE_RUNS }
  if (!summary.used) return { metrics: [...metrics], summary }
  const variations = metrics.map((m): Omit<JobVariation, 'p_adjusted'> | null => {
    if (m.test === 'threshold' || m.current === null || !(m.current > 0)) return null
    const values = metricSeries(comparable, m.metric).filter((value): value is number => value !== null && value > 0)
    if (values.length < MIN_COMPARABLE_RUNS) return null
    const estimate = estimateJobSpread(values.map(Math.log))
    if (estimate === null) return null
    const { p } = predictionTest(estimate, m.current)
    return { runs: estimate.runs, changes: estimate.changes, level_runs: estimate.levelRuns, level: Math.exp(estimate.level), spread_pct: 100 * (Math.exp(estimate.s) - 1), df: estimate.df, delta_pct: 100 * (m.current / Math.exp(estimate.level) - 1), p_value: p }
  })
  const adjusted = holm(variations.map((v, index) => (v === null || metrics[index]!.gate === 'off' ? null : v.p_value)))
  const rows = metrics.map((m, index) => {
    const found = variations[index]
    if (found === null || found === undefined) return { ...m }
    const variation: JobVariation = { ...found, p_adjusted: adjusted[index] ?? null }
    // Metrics whose gate is off are judged on the unadjusted p-value, as their trial-level status is.
    const decided = judge(m, variation, options.alpha, options.decision, options.unreliable?.has(m.metric) === true)
    if (decided === null) return { ...m, job_variation: variation }
    return { ...m, status: decided.status, ...(decided.reason !== undefined ? { reason: decided.reason } : {}), job_variation: { ...variation, status_without_history: m.status } }
  })
  return { metrics: rows, summary }
}
