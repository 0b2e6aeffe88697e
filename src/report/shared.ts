import type { Comparison } from '../compare/types.js'
import { DISTRIBUTION_METRICS, STATISTICS, type DistributionMetric } from '../metrics/metric-names.js'
import { pooledValues, toComparable, type ResultLike } from '../result/columns.js'
import { percentiles } from '../stats/percentile.js'
import { formatNumber, formatPercent, label } from './format.js'

/** How many trials each side had, and whether they were one `ab` run's pairs; `quote` marks the command name (Markdown code, or nothing). */
export function describeTrials(comparison: Comparison, quote: (text: string) => string): string {
  const requests = `${comparison.current.requests_per_trial} requests`
  const pairing = comparison.pairing
  if (pairing === undefined) return `${comparison.baseline.trials} vs ${comparison.current.trials} trials × ${requests}`
  return `${pairing.pairs} back-to-back pairs of trials × ${requests} (one ${quote('ab')} run${pairing.tests === 'paired' ? ', tested pair by pair' : ''})`
}

export const PICTURE_QUANTILES = [10, 25, 50, 75, 90, 95, 99] as const

/** A load field as written by us: a finite number, else "?" (a result file is not trusted to hold numbers there). */
const count = (value: unknown): string => (typeof value === 'number' && Number.isFinite(value) ? String(value) : '?')

/** "concurrency 16 (closed loop)", "Poisson 8 req/s", "ramp 2→8 req/s". Only numbers and our own words: nothing of the result's text. */
export function describeLoad(result: ResultLike): string {
  const load = result.workload.load as { concurrency?: unknown; rate?: unknown; arrival?: unknown; burstiness?: unknown; ramp?: unknown } | undefined
  if (load === undefined || load === null || typeof load !== 'object') return 'load unknown'
  const cap = load.concurrency !== undefined ? `, at most ${count(load.concurrency)} in flight` : ''
  const arrival = load.arrival === 'gamma' ? `gamma (burstiness ${count(load.burstiness)})` : load.arrival === 'constant' ? 'constant' : 'Poisson'
  if (Array.isArray(load.ramp) && load.ramp.length > 0) return `${arrival} ramp ${load.ramp.map((stage: { rate?: unknown } | null) => count(stage?.rate)).join('→')} req/s${cap}`
  if (load.rate !== undefined) return `${arrival} ${count(load.rate)} req/s${cap}`
  return `concurrency ${count(load.concurrency)} (closed loop)`
}

/** Quantiles of a metric's per-request values pooled over the side's successful requests. */
export function pooledQuantiles(result: ResultLike, base: DistributionMetric): number[] | null {
  const values = pooledValues(toComparable(result), base)
  return values.length === 0 ? null : percentiles(values, [...PICTURE_QUANTILES])
}

export interface DetailRow {
  label: string
  baseline: string
  current: string
  delta: string
}

/** Every statistic of every metric, both sides, from the results' summaries. */
export function detailRows(baseline: ResultLike, current: ResultLike): DetailRow[] {
  const rows: DetailRow[] = []
  const delta = (a: number | null, b: number | null): string => (a === null || b === null || a === 0 ? '—' : formatPercent((100 * (b - a)) / a))
  for (const base of DISTRIBUTION_METRICS) {
    for (const statistic of STATISTICS) {
      const a = baseline.summary[base][statistic]
      const b = current.summary[base][statistic]
      rows.push({ label: `${label(`${base}.${statistic}`)} (ms)`, baseline: formatNumber(a), current: formatNumber(b), delta: delta(a, b) })
    }
  }
  const scalars: Array<[string, string, (r: ResultLike) => number | null]> = [
    ['request throughput (req/s)', 'request_throughput', (r) => r.summary.request_throughput],
    ['output throughput (tok/s)', 'output_throughput', (r) => r.summary.output_throughput],
    ['total throughput (tok/s)', 'total_throughput', (r) => r.summary.total_throughput],
    ['goodput (req/s)', 'goodput', (r) => r.summary.goodput],
    ['schedule lag p99 (ms)', 'schedule_lag', (r) => r.summary.schedule_lag_ms.p99]
  ]
  for (const [text, , pick] of scalars) rows.push({ label: text, baseline: formatNumber(pick(baseline)), current: formatNumber(pick(current)), delta: delta(pick(baseline), pick(current)) })
  rows.push({ label: 'error rate', baseline: `${(100 * baseline.summary.error_rate).toFixed(2)}%`, current: `${(100 * current.summary.error_rate).toFixed(2)}%`, delta: '' })
  return rows
}

/** One side's environment as short lines (plain text: the caller escapes). */
export function environmentLines(result: ResultLike): string[] {
  const { server, gpu = [], runner = {} } = result.environment as { server: typeof result.environment.server; gpu?: typeof result.environment.gpu; runner?: Partial<typeof result.environment.runner> }
  // An imported result may lack the runner's details: say what is known, never "undefined".
  const cpu = runner.cpu_model ? `${runner.cpu_count !== undefined ? `${runner.cpu_count}× ` : ''}${runner.cpu_model}` : null
  const machine = [runner.os, runner.arch].filter(Boolean).join(' ')
  const runnerLine = machine === '' && cpu === null && !runner.node ? 'runner not reported' : `runner ${[machine || 'unknown OS', cpu, runner.node ? `Node ${runner.node}` : null].filter(Boolean).join(', ')}`
  const lines = [
    `server ${server.url}${server.engine ? ` (${server.engine}${server.version ? ` ${server.version}` : ''})` : server.version ? ` (version ${server.version})` : ''}`,
    `model ${server.model ?? 'not reported'}`,
    gpu.length > 0 ? `${gpu.length}× ${gpu[0]!.name}${gpu[0]!.driver_version ? `, driver ${gpu[0]!.driver_version}` : ''}${gpu[0]!.cuda_version ? `, CUDA ${gpu[0]!.cuda_version}` : ''}` : 'no GPU reported',
    runner.name ? runnerLine.replace(/^runner /, `runner ${runner.name}: `) : runnerLine,
    `${result.trials.length} trials × ${toComparable(result).trials[0]?.columns.records ?? 0} requests, run ${result.created_at ?? 'at an unknown time'} with llm-perf-gate ${result.tool.version}`
  ]
  if (result.interrupted === true) lines.push('interrupted')
  return lines
}
