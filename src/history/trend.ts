/**
 * The trend of a workload's metrics over its last runs, as data: what the nightly report draws
 * (report/history-section.ts) and what other renderers (an HTML report) can draw their own way.
 */
import { parseMetricName, worseDirection } from '../metrics/metric-names.js'
import { percentile } from '../stats/percentile.js'
import { workloadChanges, type Change } from './changes.js'
import type { HistoryRecord } from './record.js'
import { comparableRuns, metricSeries } from './series.js'

export interface TrendRun {
  /** Position in the workload's history, oldest first, as `history detect` counts. */
  index: number
  id: string
  commit: string | null
  ref: string | null
  created_at: string
}

export interface TrendSeries {
  metric: string
  /** One value per run of the trend, null where the run has none. */
  values: Array<number | null>
  /** Median over the trend's runs. */
  median: number | null
  /** 100 (value / median − 1), signed so that positive is worse (slower, less throughput). */
  worse_pct: Array<number | null>
}

export interface Trend {
  workload: string
  /** Runs of the workload in the history, and how many of them are comparable with the newest (same workload hash and hardware). */
  runs: number
  comparable: number
  /** The last comparable runs, oldest first. */
  window: TrendRun[]
  series: TrendSeries[]
  /** Change points over all comparable runs (history detect). */
  changes: Change[]
}

export interface TrendOptions {
  /** How many of the last comparable runs to show. Default 30. */
  last?: number
  /** Skip change detection (it costs permutations). */
  changes?: boolean
}

/** The trend of `metrics` over a workload's runs (oldest first, as byWorkload gives them). */
export function historyTrend(runs: readonly HistoryRecord[], metrics: readonly string[], options: TrendOptions = {}): Trend | null {
  const newest = runs.at(-1)
  if (newest === undefined) return null
  const comparable = comparableRuns(runs, { workload_hash: newest.workload.workload_hash, hardware: newest.hardware, definitions: newest.definitions })
  const shown = comparable.slice(-(options.last ?? 30))
  const series = metrics.map((metric): TrendSeries => {
    const values = metricSeries(shown, metric)
    const present = values.filter((value): value is number => value !== null)
    const median = present.length === 0 ? null : percentile(present, 50)
    const parsed = parseMetricName(metric)
    const sign = parsed === null ? 1 : worseDirection(parsed)
    return { metric, values, median, worse_pct: values.map((value) => (value === null || median === null || median === 0 ? null : sign * 100 * (value / median - 1))) }
  })
  return {
    workload: newest.workload.name,
    runs: runs.length,
    comparable: comparable.length,
    window: shown.map((run) => ({ index: runs.indexOf(run), id: run.id, commit: run.commit, ref: run.ref, created_at: run.created_at })),
    series,
    changes: options.changes === false ? [] : workloadChanges(runs, metrics)
  }
}
