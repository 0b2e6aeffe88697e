import { oneLine } from '../report/escape.js'
import { errorGroupsOf, errorLines } from '../result/error-summary.js'
import { turnsConsoleRows } from '../report/turns-section.js'
import type { Distribution, ResultFile } from '../result/types.js'
import { telemetrySummaryRows } from './telemetry-summary.js'

const WIDTH = 50

function banner(title: string, fill: string): string {
  const text = ` ${title} `
  const left = Math.floor((WIDTH - text.length) / 2)
  return `${fill.repeat(Math.max(0, left))}${text}${fill.repeat(Math.max(0, WIDTH - left - text.length))}`
}

const row = (label: string, value: string): string => `${label.padEnd(40)} ${value}`
const fixed = (value: number | null): string => (value === null ? 'n/a' : value.toFixed(2))

function latencyBlock(title: string, short: string, distribution: Distribution): string[] {
  return [
    banner(title, '-'),
    row(`Mean ${short} (ms):`, fixed(distribution.mean)),
    row(`Median ${short} (ms):`, fixed(distribution.p50)),
    row(`P99 ${short} (ms):`, fixed(distribution.p99))
  ]
}

/** What the server and its GPUs reported (docs/telemetry.md), when they did. */
function telemetryBlock(trials: ResultFile['trials']): string[] {
  const rows = telemetrySummaryRows(trials)
  return rows.length === 0 ? [] : [banner('Server and GPU telemetry', '-'), ...rows.map(([label, value]) => row(label, value))]
}

/** The run's summary laid out like `vllm bench serve`'s, so the two can be read side by side. */
export function formatConsoleSummary(result: ResultFile): string {
  const s = result.summary
  const trials = result.trials
  const duration = trials.reduce((sum, trial) => sum + trial.duration_s, 0)
  const inputTokens = trials.reduce((sum, trial) => sum + trial.summary.total_input_tokens, 0)
  const outputTokens = trials.reduce((sum, trial) => sum + trial.summary.total_output_tokens, 0)
  const lines = [
    banner('Serving Benchmark Result', '='),
    row('Workload:', oneLine(`${result.workload.name} (${result.workload.workload_hash.slice(0, 19)})`)),
    row('Server:', oneLine(`${result.environment.server.url}${result.environment.server.model !== null ? ` (${result.environment.server.model})` : ''}`)),
    row('Trials:', `${trials.length}${result.interrupted === true ? ' (interrupted)' : ''}`),
    row('Successful requests:', String(s.completed)),
    row('Failed requests:', String(s.failed)),
    row('Benchmark duration (s):', duration.toFixed(2)),
    row('Total input tokens:', String(inputTokens)),
    row('Total generated tokens:', String(outputTokens)),
    row('Request throughput (req/s):', s.request_throughput.toFixed(2)),
    row('Output token throughput (tok/s):', s.output_throughput.toFixed(2)),
    row('Total Token throughput (tok/s):', s.total_throughput.toFixed(2)),
    ...(s.goodput !== null ? [row('Request goodput (req/s):', s.goodput.toFixed(2))] : []),
    row('Error rate:', `${(100 * s.error_rate).toFixed(2)}%`),
    ...latencyBlock('Time to First Token', 'TTFT', s.ttft_ms),
    ...latencyBlock('Time per Output Token (excl. 1st token)', 'TPOT', s.tpot_ms),
    ...latencyBlock('Inter-token Latency', 'ITL', s.itl_ms),
    ...latencyBlock('End-to-end Latency', 'E2EL', s.e2e_ms),
    ...turnsConsoleRows(result, row),
    row('P99 client schedule lag (ms):', fixed(s.schedule_lag_ms.p99)),
    ...telemetryBlock(trials),
    '='.repeat(WIDTH)
  ]
  if (trials.length > 1) lines.push('Throughputs are the mean of the trials; latencies pool every trial\'s requests.')
  if (s.failed > 0) lines.push(...failureLines(result))
  for (const note of result.notes ?? []) lines.push(`note: ${oneLine(note)}`)
  return `${lines.join('\n')}\n`
}

/** Why requests failed, most frequent first. */
function failureLines(result: ResultFile): string[] {
  const { lines, others } = errorLines(errorGroupsOf(result), result.summary.failed)
  return ['Errors (most frequent first):', ...lines.map((line) => `  ${line}`), ...(others > 0 ? [`  ${others} more of other kinds`] : [])]
}
