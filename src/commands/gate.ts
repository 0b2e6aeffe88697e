import { join } from 'node:path'
import { loadThresholds } from '../config/thresholds.js'
import { loadWorkload } from '../config/workload.js'
import { writeJsonFile } from '../result/io.js'
import { readComparableResult } from '../result/load.js'
import { compareAndReport } from './compare.js'
import { gatedMetrics, loadJobHistory, trendWithCurrent } from '../history/input.js'
import { htmlTrendOf } from '../report/html/history-trend.js'
import type { CommandIo } from '../process-io.js'
import { writeReportFiles } from './report-files.js'
import { runAndWrite } from './run.js'

export interface GateOptions {
  workload: string
  baseline: string
  thresholds?: string
  url?: string
  trials?: number
  out?: string
  /** A performance history (docs/history.md). */
  history?: string
  quiet?: boolean
}

/** `run` then `compare`: writes current.result.json, comparison.json, report.md and report.html into --out. */
export async function gateCommand(options: GateOptions, io: CommandIo): Promise<number> {
  // Read the baseline first: a broken baseline should not cost a whole run to discover. Only its
  // columns are kept (load.ts), not a heap object per request, while the run measures.
  const baseline = readComparableResult(options.baseline, 'baseline')
  const history = options.history === undefined ? undefined : loadJobHistory(options.history, (line) => io.stderr.write(`warning: ${line}\n`))
  const workload = loadWorkload(options.workload, {
    env: io.env,
    ...(options.url !== undefined ? { url: options.url } : {}),
    ...(options.trials !== undefined ? { trials: options.trials } : {})
  })
  const outDir = options.out ?? '.'
  const currentPath = join(outDir, 'current.result.json')
  const current = await runAndWrite(workload, currentPath, io, options.quiet === true)
  if (current.interrupted === true) {
    io.stderr.write(`interrupted: ${currentPath} holds what was measured; no comparison was made\n`)
    return 130
  }
  const reproduce = `npx llm-perf-gate compare --baseline ${options.baseline} --current ${currentPath}${options.thresholds !== undefined ? ` --thresholds ${options.thresholds}` : ''}${options.history !== undefined ? ` --history ${options.history}` : ''}`
  const labels = { baseline: options.baseline, current: currentPath }
  const { comparison, exitCode, input } = compareAndReport(baseline, current, { thresholds: options.thresholds, format: 'text', labels, reproduce, history }, io)
  writeJsonFile(join(outDir, 'comparison.json'), comparison, true)
  const trend = history === undefined ? null : trendWithCurrent(history.records, current, gatedMetrics(loadThresholds(options.thresholds)))
  // The HTML report draws the requests over time from the columns (result/columns.ts series).
  const reports = writeReportFiles(outDir, { ...input, trend, ...htmlTrendOf(trend) })
  io.stderr.write(`files: ${currentPath}, ${join(outDir, 'comparison.json')}, ${reports.markdown}, ${reports.html}\n`)
  return exitCode
}
