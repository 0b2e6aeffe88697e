/** A history as compare, gate and the action use it: read with its problems reported, and the trend with the current run last. */
import type { Thresholds } from '../config/thresholds.js'
import { describeProblems, readHistory, type JobHistory } from '../history/file.js'
import { historyRecordOf, type HistoryRecord } from '../history/record.js'
import { byWorkload } from '../history/series.js'
import { historyTrend, type Trend } from '../history/trend.js'
import { metricLabel, metricUnit, parseMetricName } from '../compare/metric-names.js'
import type { HistoryTrend } from '../report/html/charts.js'
import type { ResultLike } from '../result/columns.js'

/** Reads a history for a comparison; each skipped line is passed to `warn` by file and line number. */
export function loadJobHistory(path: string, warn: (message: string) => void, options: { missingIsEmpty?: boolean } = {}): JobHistory {
  const history = readHistory(path, { role: 'history', ...options })
  for (const line of describeProblems(history)) warn(line)
  return { records: history.records, source: path }
}

/** The metrics a thresholds file tests, which the trend and `history detect` follow. */
export function gatedMetrics(thresholds: Thresholds): string[] {
  return Object.entries(thresholds.metrics).filter(([, spec]) => spec.gate !== 'off').map(([name]) => name)
}

/** The trend of the current run's workload: its past runs, then the current run (unless the history already holds it). */
export function trendWithCurrent(records: readonly HistoryRecord[], current: ResultLike, metrics: readonly string[], currentRecord: HistoryRecord = historyRecordOf(current)): Trend | null {
  const runs = records.some((record) => record.id === currentRecord.id) ? records : [...records, currentRecord]
  const workload = byWorkload(runs).get(current.workload.name)
  return workload === undefined ? null : historyTrend(workload, metrics)
}

/** The trend as the HTML report draws it: each metric's past runs by commit (or date), and the current run, which trendWithCurrent put last. */
export function htmlTrendOf(trend: Trend | null): { history?: HistoryTrend } {
  if (trend === null || trend.window.length === 0) return {}
  const past = trend.window.slice(0, -1)
  const metrics = trend.series.flatMap((series) => {
    const parsed = parseMetricName(series.metric)
    if (parsed === null) return []
    const runs = past.flatMap((run, index) => {
      const value = series.values[index]
      return value === null || value === undefined ? [] : [{ label: run.commit?.slice(0, 7) ?? run.created_at.slice(0, 10), value }]
    })
    return [{ metric: metricLabel(parsed), unit: metricUnit(parsed), runs, candidate: series.values.at(-1) ?? null }]
  })
  return metrics.length === 0 ? {} : { history: { metrics } }
}
