import { writeFileSync } from 'node:fs'
import { exitCodeFor } from '../compare/compare.js'
import { compareSweeps, referenceResults, type SweepComparison } from '../compare/sweep.js'
import type { Thresholds } from '../config/thresholds.js'
import { InputError } from '../errors.js'
import { renderHtml } from '../report/html/page.js'
import { joinReport } from '../report/markdown.js'
import { renderSweepMarkdown, renderSweepText, sweepCurves, type SweepReportInput } from '../report/sweep-section.js'
import { RESULT_SCHEMA } from '../result/types.js'
import { readSweepFile, SWEEP_SCHEMA } from '../result/sweep-io.js'
import type { SweepFile } from '../result/sweep-types.js'
import type { ReportFormat } from './compare.js'
import type { CommandIo } from '../process-io.js'

/** The comparison of two sweeps in one format. The HTML page shows one step of each sweep in its distribution charts, and both curves. */
export function renderSweepReport(input: SweepReportInput, format: ReportFormat): string {
  if (format === 'json') return `${JSON.stringify(input.comparison, null, 2)}\n`
  if (format === 'markdown') return joinReport(renderSweepMarkdown(input))
  if (format === 'text') return renderSweepText(input)
  const steps = referenceResults(input.baseline, input.current)
  if (steps.baseline === null || steps.current === null) throw new InputError(`the HTML report draws a step of each sweep, and the ${steps.baseline === null ? 'baseline' : 'current'} sweep has no finished step; use --format markdown, text or json`)
  return renderHtml({ comparison: input.comparison, baseline: steps.baseline, current: steps.current, sweep: sweepCurves(input), ...(input.labels !== undefined ? { labels: input.labels } : {}), ...(input.reproduce !== undefined ? { reproduce: input.reproduce } : {}) })
}

const describeSchema = (schema: string | null): string => (schema === SWEEP_SCHEMA ? 'a sweep file' : schema === RESULT_SCHEMA ? 'a result file' : schema === null ? 'not a sweep file' : `a "${schema}" file`)

/** Refuses a sweep compared with anything but a sweep (exit 2), naming both files. */
export function checkBothSweeps(files: { baseline: string; current: string }, schemas: { baseline: string | null; current: string | null }): void {
  if (schemas.baseline === SWEEP_SCHEMA && schemas.current === SWEEP_SCHEMA) return
  throw new InputError(
    `--baseline ${files.baseline} is ${describeSchema(schemas.baseline)} and --current ${files.current} is ${describeSchema(schemas.current)}: ` +
      'compare takes two result files or two sweep files (a sweep\'s capacity has no counterpart in one result); run the other side with `llm-perf-gate sweep` too'
  )
}

export function compareSweepsAndReport(baseline: SweepFile, current: SweepFile, thresholds: Thresholds, options: { format: ReportFormat; out?: string | undefined; labels?: SweepReportInput['labels']; reproduce?: string }, io: CommandIo): { comparison: SweepComparison; exitCode: number } {
  const comparison = compareSweeps(baseline, current, thresholds)
  const report = renderSweepReport({ comparison, baseline, current, ...(options.labels !== undefined ? { labels: options.labels } : {}), ...(options.reproduce !== undefined ? { reproduce: options.reproduce } : {}) }, options.format)
  io.stdout.write(report)
  if (options.out !== undefined) writeFileSync(options.out, report)
  return { comparison, exitCode: exitCodeFor(comparison) }
}

/** `compare` of two sweep files (docs/sweeps.md). */
export function compareSweepCommand(options: { baseline: string; current: string; thresholds?: string | undefined; out?: string | undefined }, thresholds: Thresholds, format: ReportFormat, schemas: { baseline: string | null; current: string | null }, io: CommandIo): number {
  checkBothSweeps(options, schemas)
  const baseline = readSweepFile(options.baseline, 'baseline')
  const current = readSweepFile(options.current, 'current sweep')
  const reproduce = `npx llm-perf-gate compare --baseline ${options.baseline} --current ${options.current}${options.thresholds !== undefined ? ` --thresholds ${options.thresholds}` : ''}`
  return compareSweepsAndReport(baseline, current, thresholds, { format, out: options.out, labels: { baseline: options.baseline, current: options.current }, reproduce }, io).exitCode
}
