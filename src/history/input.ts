/** A history as compare, gate and the action use it: read with its problems reported, and the trend with the current run last. */
import type { Thresholds } from '../config/thresholds.js'
import { describeProblems, readHistory, type JobHistory } from './file.js'
import { historyRecordOf, type HistoryRecord } from './record.js'
import { byWorkload } from './series.js'
import { historyTrend, type Trend } from './trend.js'
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
