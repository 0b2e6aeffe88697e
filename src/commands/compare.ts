import { writeFileSync } from 'node:fs'
import { compareResults, exitCodeFor } from '../compare/compare.js'
import type { Comparison } from '../compare/types.js'
import { loadThresholds, type Thresholds } from '../config/thresholds.js'
import { InputError } from '../errors.js'
import { renderHtml } from '../report/html/page.js'
import { joinReport, renderMarkdown, type ReportInput } from '../report/markdown.js'
import { renderText } from '../report/text.js'
import type { ResultLike } from '../result/columns.js'
import { readComparableResults } from '../compare/read-results.js'
import type { WorkerRead } from '../compare/read-ahead.js'
import type { JobHistory } from '../history/file.js'
import { gatedMetrics, loadJobHistory, trendWithCurrent } from '../history/input.js'
import { htmlTrendOf } from '../report/html/history-trend.js'
import type { CommandIo } from '../process-io.js'
import { sniffSchema } from '../result/sniff.js'
import { SWEEP_SCHEMA } from '../result/sweep-types.js'

export const FORMATS = ['text', 'markdown', 'json', 'html'] as const
export type ReportFormat = (typeof FORMATS)[number]

export interface CompareOptions {
  baseline: string
  current: string
  thresholds?: string
  format?: string
  out?: string
  /** A performance history (docs/history.md). */
  history?: string
  /** The current result, already being read (readAhead). */
  currentAhead?: WorkerRead | null
}

export function renderReport(input: ReportInput, format: ReportFormat): string {
  if (format === 'json') return `${JSON.stringify(input.comparison, null, 2)}\n`
  if (format === 'markdown') return joinReport(renderMarkdown(input))
  if (format === 'html') return renderHtml(input)
  return renderText(input)
}

/** Compares two results already in memory and prints the report; returns the exit status (docs/file-formats.md, comparison). */
export function compareAndReport(baseline: ResultLike, current: ResultLike, options: { thresholds?: string | Thresholds | undefined; format?: ReportFormat; out?: string | undefined; labels?: ReportInput['labels']; reproduce?: string; history?: JobHistory | undefined }, io: CommandIo): { comparison: Comparison; exitCode: number; input: ReportInput } {
  const thresholds = typeof options.thresholds === 'object' ? options.thresholds : loadThresholds(options.thresholds)
  const comparison = compareResults(baseline, current, thresholds, options.history !== undefined ? { history: options.history } : {})
  // The trend is drawn only where there is a picture to draw it in.
  const trend = options.history !== undefined && (options.format === 'markdown' || options.format === 'html') ? trendWithCurrent(options.history.records, current, gatedMetrics(thresholds)) : null
  const input: ReportInput = { comparison, baseline, current, trend, ...(options.format === 'html' ? htmlTrendOf(trend) : {}), ...(options.labels !== undefined ? { labels: options.labels } : {}), ...(options.reproduce !== undefined ? { reproduce: options.reproduce } : {}) }
  const format = options.format ?? 'text'
  const report = renderReport(input, format)
  io.stdout.write(report)
  if (options.out !== undefined) writeFileSync(options.out, report)
  return { comparison, exitCode: exitCodeFor(comparison), input }
}

export async function compareCommand(options: CompareOptions, io: CommandIo): Promise<number> {
  const format = options.format ?? 'text'
  if (!(FORMATS as readonly string[]).includes(format)) throw new InputError(`--format: got ${JSON.stringify(format)}; expected one of ${FORMATS.join(', ')}`)
  const thresholds = loadThresholds(options.thresholds)
  const schemas = { baseline: sniffSchema(options.baseline), current: sniffSchema(options.current) }
  if (schemas.baseline === SWEEP_SCHEMA || schemas.current === SWEEP_SCHEMA) return (await import('./compare-sweep.js')).compareSweepCommand(options, thresholds, format as ReportFormat, schemas, io)
  const history = options.history === undefined ? undefined : loadJobHistory(options.history, (line) => io.stderr.write(`warning: ${line}\n`))
  // Every format, the HTML report's time series included, reads the results in columns (result/columns.ts), never as request objects.
  const [baseline, current] = (await readComparableResults([
    { path: options.baseline, role: 'baseline', resample: { thresholds, side: 'baseline' } },
    { path: options.current, role: 'current result', resample: { thresholds, side: 'current' }, ahead: options.currentAhead ?? null }
  ])) as [ResultLike, ResultLike]
  return compareAndReport(baseline, current, { thresholds, format: format as ReportFormat, out: options.out, labels: { baseline: options.baseline, current: options.current }, history, reproduce: `npx llm-perf-gate compare --baseline ${options.baseline} --current ${options.current}${options.thresholds !== undefined ? ` --thresholds ${options.thresholds}` : ''}${options.history !== undefined ? ` --history ${options.history}` : ''}` }, io).exitCode
}
