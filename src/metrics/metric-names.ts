/**
 * The metrics a comparison can name (docs/file-formats.md, comparison): a per-request metric with a statistic, or a
 * per-trial scalar. Which direction is worse is known per metric, never configured.
 */

export const DISTRIBUTION_METRICS = ['ttft_ms', 'tpot_ms', 'itl_ms', 'e2e_ms'] as const
export const STATISTICS = ['mean', 'p50', 'p90', 'p95', 'p99'] as const
export const SCALAR_METRICS = ['request_throughput', 'output_throughput', 'total_throughput', 'goodput', 'error_rate'] as const

export type DistributionMetric = (typeof DISTRIBUTION_METRICS)[number]
export type Statistic = (typeof STATISTICS)[number]
export type ScalarMetric = (typeof SCALAR_METRICS)[number]

export type MetricName =
  | { kind: 'distribution'; name: string; base: DistributionMetric; statistic: Statistic }
  | { kind: 'scalar'; name: string; base: ScalarMetric }

export const ALL_METRIC_NAMES: string[] = [
  ...DISTRIBUTION_METRICS.flatMap((base) => STATISTICS.map((statistic) => `${base}.${statistic}`)),
  ...SCALAR_METRICS
]

/**
 * Metrics only a comparison of two sweep files has (docs/sweeps.md, compare/sweep.ts): thresholds may
 * name them, and a comparison of two results leaves them out.
 */
export const SWEEP_METRICS = ['capacity_at_slo'] as const
export const isSweepMetric = (name: string): boolean => (SWEEP_METRICS as readonly string[]).includes(name)
export const SWEEP_METRIC_LABELS: Record<(typeof SWEEP_METRICS)[number], string> = { capacity_at_slo: 'capacity at SLO' }

export function parseMetricName(name: string): MetricName | null {
  if ((SCALAR_METRICS as readonly string[]).includes(name)) return { kind: 'scalar', name, base: name as ScalarMetric }
  const [base, statistic, extra] = name.split('.')
  if (extra !== undefined || statistic === undefined) return null
  if (!(DISTRIBUTION_METRICS as readonly string[]).includes(base!) || !(STATISTICS as readonly string[]).includes(statistic)) return null
  return { kind: 'distribution', name, base: base as DistributionMetric, statistic: statistic as Statistic }
}

const HIGHER_IS_BETTER = new Set<string>(['request_throughput', 'output_throughput', 'total_throughput', 'goodput'])

/** +1 when a larger value is worse (latencies, error rate), -1 when a smaller one is (throughputs). */
export function worseDirection(metric: MetricName): 1 | -1 {
  return HIGHER_IS_BETTER.has(metric.base) ? -1 : 1
}

/** The percentile a statistic reads (0–100), or null for the mean. */
export function percentileOf(statistic: Statistic): number | null {
  return statistic === 'mean' ? null : Number(statistic.slice(1))
}

const LABELS: Record<string, string> = {
  ttft_ms: 'TTFT',
  tpot_ms: 'TPOT',
  itl_ms: 'ITL',
  e2e_ms: 'E2E latency',
  request_throughput: 'request throughput',
  output_throughput: 'output throughput',
  total_throughput: 'total throughput',
  goodput: 'goodput',
  error_rate: 'error rate'
}

/** "TPOT p50", "output throughput". */
export function metricLabel(metric: MetricName): string {
  return metric.kind === 'scalar' ? LABELS[metric.base]! : `${LABELS[metric.base]} ${metric.statistic}`
}

const UNITS: Record<string, string> = {
  request_throughput: 'req/s',
  output_throughput: 'tok/s',
  total_throughput: 'tok/s',
  goodput: 'req/s',
  error_rate: ''
}

export function metricUnit(metric: MetricName): string {
  return metric.kind === 'distribution' ? 'ms' : UNITS[metric.base]!
}
