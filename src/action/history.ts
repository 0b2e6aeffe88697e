/**
 * The performance history in the action (docs/history.md): it travels with the baseline. The past runs
 * come from the `history` input's file, else from the history the baseline artifact carried,
 * else a history starts from the baseline result itself. Every gate and baseline run writes the
 * history extended by its own run beside the result (`perf-history.jsonl`, capped at
 * `history-limit` runs of the workload); `mode: baseline` uploads it with the result.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { gatedMetrics, loadJobHistory, trendWithCurrent } from '../history/input.js'
import type { Thresholds } from '../config/thresholds.js'
import { capHistory, HISTORY_FILE, writeHistory, type JobHistory } from '../history/file.js'
import { commitAndRef, historyRecordOf, type HistoryRecord } from '../history/record.js'
import type { Trend } from '../history/trend.js'
import type { ResultLike } from '../result/columns.js'
import { historySections } from '../report/history-section.js'
import { resolveBaseline, type BaselineNames, type ResolvedBaseline } from './baseline.js'
import type { ActionDeps } from './deps.js'
import type { ActionSettings } from './settings.js'
import type { Trigger } from './trigger.js'

/** The past runs, or null when there is nothing to start from (no history input, no baseline). */
export function pastRuns(settings: ActionSettings, baseline: ResolvedBaseline | null, deps: ActionDeps): JobHistory | null {
  const warn = (message: string): void => deps.core.warning(message)
  if (settings.history !== null) {
    if (!existsSync(settings.history)) {
      warn(`history ${settings.history}: no such file; the history starts with this run`)
      return { records: [], source: settings.history }
    }
    return loadJobHistory(settings.history, warn)
  }
  if (baseline === null || !baseline.found) return null
  if (baseline.history !== undefined) return { ...loadJobHistory(baseline.history, warn), source: `the baseline artifact (${baseline.label})` }
  // A baseline artifact from before histories: its result is the first run of one.
  return { records: [historyRecordOf(baseline.result)], source: `the baseline (${baseline.label})` }
}

export interface ExtendedHistory {
  /** The file written: the past runs and this one, capped. */
  path: string
  records: HistoryRecord[]
  /** The trend of the gated metrics over it, for the report. */
  trend: Trend | null
}

/** Writes the past runs extended by the current one beside the result. */
export function writeExtendedHistory(past: JobHistory | null, current: ResultLike, settings: ActionSettings, deps: ActionDeps, thresholds: Thresholds): ExtendedHistory {
  const { context } = deps
  const record = historyRecordOf(current, commitAndRef({ commit: context.payload.pull_request?.head?.sha ?? context.sha }, deps.io.env))
  const records = [...(past?.records ?? [])]
  if (!records.some((existing) => existing.id === record.id)) records.push(record)
  const kept = capHistory(records, settings.historyLimit)
  const path = join(settings.outputDirectory, HISTORY_FILE)
  writeHistory(path, kept)
  return { path, records: kept, trend: trendWithCurrent(kept, current, gatedMetrics(thresholds), record) }
}

/**
 * `mode: baseline`: the previous baseline artifact's history (or the history input's file),
 * extended by this run, its trend added to the job summary. The file goes into the artifact.
 */
export async function baselineHistory(settings: ActionSettings, deps: ActionDeps, result: ResultLike, thresholds: Thresholds, names: BaselineNames, trigger: Trigger): Promise<ExtendedHistory> {
  const { core } = deps
  const previous = settings.history !== null ? null : await core.group('Find the previous baseline and its history', () => resolveBaseline({ ...settings, baseline: { kind: 'artifact' } }, deps, names, trigger))
  if (previous?.found === false) core.info(`the history starts with this run: ${previous.reason}`)
  const history = writeExtendedHistory(pastRuns(settings, previous, deps), result, settings, deps, thresholds)
  const sections = historySections(null, history.trend)
  if (sections.length > 0) core.summary.addRaw(`\n${sections.map((section) => section.text).join('\n\n')}\n\n`)
  return history
}
