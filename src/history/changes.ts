/**
 * Where a workload's metrics changed across its history (docs/history.md `history detect`): E-divisive
 * means with a permutation test over each metric's run values, on the log scale (a step is a
 * ratio, whatever the metric's level), and the size of each change between the runs around it.
 */
import { parseMetricName, worseDirection } from '../metrics/metric-names.js'
import { CHANGE_POINT_DEFAULTS, eDivisive, segmentsOf, type ChangePointOptions } from '../stats/change-points.js'
import { percentile } from '../stats/percentile.js'
import type { HistoryRecord } from './record.js'
import { comparableRuns, metricSeries } from './series.js'

export const CHANGES_SCHEMA = 'llm-perf-gate/changes@1'

/** The defaults of `history detect` (and of the segmentation compare's job-to-job spread uses). */
export const DETECT_DEFAULTS = { ...CHANGE_POINT_DEFAULTS, seed: 0 } as const

export interface Change {
  workload: string
  metric: string
  /** The first run after the change, counted from 0 in the workload's history (oldest first). */
  index: number
  /** That run's commit, ref, time and id. */
  commit: string | null
  ref: string | null
  created_at: string
  run_id: string
  /** Medians of the metric over the runs between the neighbouring changes, before and after this one. */
  before: number
  after: number
  /** 100 (after - before) / before; null when before is 0. */
  delta_pct: number | null
  p_value: number
  /** Whether the change made the metric worse (higher latency or error rate, lower throughput). */
  worse: boolean
  /** How many runs the medians rest on. */
  runs_before: number
  runs_after: number
}

export interface SeriesChange {
  /** Position in the series given (nulls counted). */
  position: number
  before: number
  after: number
  delta_pct: number | null
  p_value: number
  runs_before: number
  runs_after: number
}

/** Change points of one series of run values; nulls are left out of the analysis and keep their positions. */
export function seriesChanges(values: ReadonlyArray<number | null>, options: ChangePointOptions = {}): SeriesChange[] {
  const positions: number[] = []
  const kept: number[] = []
  values.forEach((value, position) => {
    if (value !== null && Number.isFinite(value)) {
      positions.push(position)
      kept.push(value)
    }
  })
  // Ratios are what matter for latencies and throughputs; a rate that can be 0 is analysed as it is.
  const scaled = kept.every((value) => value > 0) ? kept.map(Math.log) : kept
  const found = eDivisive(scaled, { ...DETECT_DEFAULTS, ...options })
  const segments = segmentsOf(kept.length, found.map((change) => change.index))
  return found.map((change) => {
    const beforeSegment = segments.find((segment) => segment.end === change.index)!
    const afterSegment = segments.find((segment) => segment.start === change.index)!
    const before = percentile(kept.slice(beforeSegment.start, beforeSegment.end), 50)
    const after = percentile(kept.slice(afterSegment.start, afterSegment.end), 50)
    return {
      position: positions[change.index]!,
      before,
      after,
      delta_pct: before === 0 ? null : (100 * (after - before)) / before,
      p_value: change.pValue,
      runs_before: beforeSegment.end - beforeSegment.start,
      runs_after: afterSegment.end - afterSegment.start
    }
  })
}

/**
 * Changes in a workload's runs (oldest first), for each metric named. Only runs comparable with
 * the newest one (same workload hash and hardware) are analysed: a change of workload or GPU is
 * not a performance change. Indices count every run of the workload.
 */
export function workloadChanges(runs: readonly HistoryRecord[], metrics: readonly string[], options: ChangePointOptions = {}): Change[] {
  const newest = runs.at(-1)
  if (newest === undefined) return []
  const comparable = comparableRuns(runs, { workload_hash: newest.workload.workload_hash, hardware: newest.hardware, definitions: newest.definitions })
  const changes: Change[] = []
  for (const metric of metrics) {
    for (const change of seriesChanges(metricSeries(comparable, metric), options)) {
      const run = comparable[change.position]!
      const { position: _position, ...rest } = change
      const parsed = parseMetricName(metric)
      const up = change.after > change.before
      changes.push({
        workload: run.workload.name,
        metric,
        index: runs.indexOf(run),
        commit: run.commit,
        ref: run.ref,
        created_at: run.created_at,
        run_id: run.id,
        ...rest,
        worse: parsed !== null && worseDirection(parsed) === -1 ? !up : up
      })
    }
  }
  return changes.sort((a, b) => a.index - b.index || a.metric.localeCompare(b.metric))
}
