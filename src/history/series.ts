/** Which runs of a history belong together, in time order, and a metric's values across them. */
import type { HistoryRecord } from './record.js'

const time = (record: HistoryRecord): number => {
  const parsed = Date.parse(record.created_at)
  return Number.isNaN(parsed) ? 0 : parsed
}

/** Oldest first; runs made at the same moment keep their order in the file. */
export function chronological(records: readonly HistoryRecord[]): HistoryRecord[] {
  return records.map((record, index) => ({ record, index })).sort((a, b) => time(a.record) - time(b.record) || a.index - b.index).map(({ record }) => record)
}

/** Each workload's runs, oldest first, workloads in order of their first run. */
export function byWorkload(records: readonly HistoryRecord[]): Map<string, HistoryRecord[]> {
  const groups = new Map<string, HistoryRecord[]>()
  for (const record of chronological(records)) {
    const group = groups.get(record.workload.name)
    if (group === undefined) groups.set(record.workload.name, [record])
    else group.push(record)
  }
  return groups
}

export interface ComparableWith {
  workload_hash: string
  hardware: string
  /** Metric definitions version: values measured under other definitions mean other things. */
  definitions?: number
  /** Left out: the run being judged, when the history already holds it. */
  excludeId?: string
  /** Left out: runs made after this moment (ISO 8601), when both times read. */
  notAfter?: string
}

/** Runs comparable with a given one (docs/history.md): the same workload hash, hardware and metric definitions, made before it. */
export function comparableRuns(records: readonly HistoryRecord[], other: ComparableWith): HistoryRecord[] {
  const limit = other.notAfter === undefined ? NaN : Date.parse(other.notAfter)
  return chronological(records).filter((record) => {
    if (record.workload.workload_hash !== other.workload_hash || record.hardware !== other.hardware) return false
    if (other.definitions !== undefined && record.definitions !== other.definitions) return false
    if (record.id === other.excludeId || record.interrupted === true) return false
    const made = Date.parse(record.created_at)
    return Number.isNaN(limit) || Number.isNaN(made) || made <= limit
  })
}

/** A metric's run values, null where a run has none (or a non-finite one). */
export function metricSeries(records: readonly HistoryRecord[], metric: string): Array<number | null> {
  return records.map((record) => {
    const value = record.metrics[metric]?.run
    return value === null || value === undefined || !Number.isFinite(value) ? null : value
  })
}
