/** `history append | show | detect` (docs/history.md). */
import { markdownTable } from 'markdown-table'
import { ALL_METRIC_NAMES } from '../metrics/metric-names.js'
import { loadThresholds } from '../config/thresholds.js'
import { InputError } from '../errors.js'
import { escapeMarkdown } from '../report/escape.js'
import { CHANGES_SCHEMA, DETECT_DEFAULTS } from '../history/changes.js'
import { appendRecord, describeProblems, readHistory, type History } from '../history/file.js'
import { commitAndRef, historyRecordOf, type HistoryRecord } from '../history/record.js'
import { byWorkload } from '../history/series.js'
import { historyTrend, type Trend } from '../history/trend.js'
import { changesList, describeChange, trendCharts } from '../report/history-section.js'
import { formatValue, label } from '../report/format.js'
import { readComparableResult } from '../result/load.js'
import { gatedMetrics } from '../history/input.js'
import type { CommandIo } from '../process-io.js'

export const HISTORY_FORMATS = ['text', 'markdown', 'json'] as const
type HistoryFormat = (typeof HISTORY_FORMATS)[number]
export const HISTORY_SHOW_SCHEMA = 'llm-perf-gate/history-show@1'

export interface HistoryAppendOptions {
  history: string
  result: string
  commit?: string
  ref?: string
}

export interface HistoryViewOptions {
  history: string
  workload?: string
  format?: string
  /** Metrics to follow; default: those the thresholds gate. */
  metric?: string[]
  thresholds?: string
  /** Runs shown by `show` (the last ones). */
  last?: number
}

function warnProblems(history: History, io: CommandIo): void {
  for (const line of describeProblems(history)) io.stderr.write(`warning: ${line}\n`)
}

/** Appends a result's run to the history file (created if missing); a run already there is not appended again. */
export async function historyAppendCommand(options: HistoryAppendOptions, io: CommandIo): Promise<number> {
  const result = readComparableResult(options.result, 'result')
  const history = readHistory(options.history, { missingIsEmpty: true })
  warnProblems(history, io)
  const record = historyRecordOf(result, commitAndRef({ ...(options.commit !== undefined ? { commit: options.commit } : {}), ...(options.ref !== undefined ? { ref: options.ref } : {}) }, io.env))
  const outcome = appendRecord(options.history, record, history)
  if (!outcome.appended) {
    io.stderr.write(`${outcome.reason}\n`)
    return 0
  }
  const workloadRuns = history.records.filter((existing) => existing.workload.name === record.workload.name).length + 1
  io.stderr.write(`appended run ${record.id} of ${record.workload.name}${record.commit !== null ? ` at ${record.commit.slice(0, 12)}` : ''} to ${options.history} (${workloadRuns} run${workloadRuns === 1 ? '' : 's'} of this workload, ${outcome.runs} in all)\n`)
  return 0
}

interface View {
  format: HistoryFormat
  metrics: string[]
  workloads: Array<[string, HistoryRecord[]]>
}

function prepare(options: HistoryViewOptions, io: CommandIo): View {
  const format = options.format ?? 'text'
  if (!(HISTORY_FORMATS as readonly string[]).includes(format)) throw new InputError(`--format: got ${JSON.stringify(format)}; expected one of ${HISTORY_FORMATS.join(', ')}`)
  for (const metric of options.metric ?? []) {
    if (!ALL_METRIC_NAMES.includes(metric)) throw new InputError(`--metric: got ${JSON.stringify(metric)}; expected one of ${ALL_METRIC_NAMES.join(', ')}`)
  }
  const metrics = options.metric !== undefined && options.metric.length > 0 ? options.metric : gatedMetrics(loadThresholds(options.thresholds ?? 'nightly'))
  const history = readHistory(options.history)
  warnProblems(history, io)
  const groups = byWorkload(history.records)
  if (options.workload !== undefined && !groups.has(options.workload)) {
    const known = [...groups.keys()]
    throw new InputError(`--workload: ${options.history} holds no run of ${JSON.stringify(options.workload)}; ${known.length === 0 ? 'it holds no run at all' : `it holds ${known.map((name) => JSON.stringify(name)).join(', ')}`}`)
  }
  const workloads = [...groups].filter(([name]) => options.workload === undefined || name === options.workload)
  return { format: format as HistoryFormat, metrics, workloads }
}

function trendsOf(view: View, last: number | undefined, changes: boolean): Trend[] {
  return view.workloads.map(([, runs]) => historyTrend(runs, view.metrics, { ...(last !== undefined ? { last } : {}), changes })).filter((trend): trend is Trend => trend !== null)
}

const day = (time: string): string => time.slice(0, 10)
const commitCell = (commit: string | null): string => (commit === null ? '—' : commit.slice(0, 7))

function header(trend: Trend): string {
  return `${trend.workload}: ${trend.runs} run${trend.runs === 1 ? '' : 's'}, ${trend.comparable} comparable with the newest (same workload hash and hardware)`
}

function textTable(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => [...row[column]!].length)))
  return rows.map((row) => row.map((cell, column) => (column < 3 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ').trimEnd())
}

function runRows(trend: Trend): string[][] {
  return trend.window.map((run, position) => [String(run.index), day(run.created_at), commitCell(run.commit), ...trend.series.map((series) => formatValue(series.metric, series.values[position] ?? null))])
}

/** Lists a workload's last runs with the followed metrics; markdown adds the trend charts. */
export async function historyShowCommand(options: HistoryViewOptions, io: CommandIo): Promise<number> {
  const view = prepare(options, io)
  const trends = trendsOf(view, options.last ?? 30, view.format !== 'text')
  if (view.format === 'json') {
    io.stdout.write(`${JSON.stringify({ schema: HISTORY_SHOW_SCHEMA, workloads: trends }, null, 2)}\n`)
    return 0
  }
  const heading = ['run', 'date', 'commit', ...view.metrics.map(label)]
  const blocks = trends.map((trend) => {
    if (view.format === 'text') return [header(trend), ...textTable([heading, ...runRows(trend)]).map((line) => `  ${line}`)].join('\n')
    const rows = runRows(trend).map((row) => row.map((cell) => escapeMarkdown(cell)))
    return [`### ${escapeMarkdown(header(trend))}`, ...trendCharts(trend), changesList(trend, true), markdownTable([heading, ...rows])].join('\n\n')
  })
  io.stdout.write(blocks.length === 0 ? 'the history holds no runs\n' : `${blocks.join('\n\n')}\n`)
  return 0
}

/** Finds where the followed metrics changed across each workload's runs (E-divisive means). */
export async function historyDetectCommand(options: HistoryViewOptions, io: CommandIo): Promise<number> {
  const view = prepare(options, io)
  const trends = trendsOf(view, undefined, true)
  const changes = trends.flatMap((trend) => trend.changes)
  if (view.format === 'json') {
    io.stdout.write(`${JSON.stringify({ schema: CHANGES_SCHEMA, changes }, null, 2)}\n`)
    return 0
  }
  const blocks = trends.map((trend) => {
    if (view.format === 'markdown') return [`### ${escapeMarkdown(header(trend))}`, changesList(trend, true)].join('\n\n')
    const lines = trend.changes.map((change) => `  ${describeChange(change, false)}`)
    return [header(trend), ...(lines.length > 0 ? lines : [`  no change point (E-divisive means, permutation test at p ≤ ${DETECT_DEFAULTS.alpha}) in ${view.metrics.map(label).join(', ')}`])].join('\n')
  })
  io.stdout.write(blocks.length === 0 ? 'the history holds no runs\n' : `${blocks.join('\n\n')}\n`)
  return 0
}
