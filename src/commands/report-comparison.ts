import type { ResultFile } from '../result/types.js'
import type { CommandIo } from './io.js'

export interface ReportOptions {
  thresholds?: string | undefined
}

const METRICS: Array<[string, (r: ResultFile) => number | null]> = [
  ['TTFT p50 (ms)', (r) => r.summary.ttft_ms.p50],
  ['TTFT p99 (ms)', (r) => r.summary.ttft_ms.p99],
  ['TPOT p50 (ms)', (r) => r.summary.tpot_ms.p50],
  ['ITL p50 (ms)', (r) => r.summary.itl_ms.p50],
  ['E2E p50 (ms)', (r) => r.summary.e2e_ms.p50],
  ['output throughput (tok/s)', (r) => r.summary.output_throughput],
  ['error rate', (r) => r.summary.error_rate]
]

/** A plain delta table of the two summaries (no statistics yet). */
export function reportComparison(baseline: ResultFile, candidate: ResultFile, _options: ReportOptions, io: CommandIo): number {
  const lines = [`${'metric'.padEnd(28)}${'baseline'.padStart(12)}${'candidate'.padStart(12)}${'delta'.padStart(10)}`]
  for (const [label, pick] of METRICS) {
    const a = pick(baseline)
    const b = pick(candidate)
    const delta = a !== null && b !== null && a !== 0 ? `${(100 * (b - a) / a).toFixed(1)}%` : '-'
    lines.push(`${label.padEnd(28)}${(a?.toFixed(2) ?? '-').padStart(12)}${(b?.toFixed(2) ?? '-').padStart(12)}${delta.padStart(10)}`)
  }
  io.stdout.write(`${lines.join('\n')}\n`)
  return 0
}
