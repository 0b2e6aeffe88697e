/**
 * The statistics `compare` tests, taken from the request records (a result's columns), not from the
 * summaries stored beside them: per trial for the trial-level and paired tests, pooled over the
 * trials for the reported values and the change. Per-trial scalars (throughputs, goodput, error
 * rate) are rates of a trial's duration and come from its summary, which result/consistency.ts
 * checks against the records when a file is read.
 */
import { parseMetricName, percentileOf, type MetricName } from '../metrics/metric-names.js'
import { pooledValues, type ComparableResult, type ComparableTrial } from '../result/columns.js'
import type { RequestMetric } from '../result/summary.js'
import { mean, percentilesBySelection } from '../stats/percentile.js'

/**
 * One comparison's statistics of the records. Every percentile a column needs is taken at once,
 * from one working copy that is dropped at once: a large result's ITL column is millions of
 * values, and copies kept per trial doubled `compare`'s peak memory.
 */
export class RecordStatistics {
  /** The percentiles each base metric needs, ascending. */
  private readonly wanted = new Map<RequestMetric, number[]>()
  private readonly known = new Map<unknown, Map<string, number | null>>()

  constructor(metricNames: readonly string[]) {
    for (const name of metricNames) {
      const metric = parseMetricName(name)
      const p = metric?.kind === 'distribution' ? percentileOf(metric.statistic) : null
      if (metric?.kind !== 'distribution' || p === null) continue
      this.wanted.set(metric.base, [...(this.wanted.get(metric.base) ?? []), p])
    }
  }

  private statistic(owner: unknown, metric: Extract<MetricName, { kind: 'distribution' }>, values: () => Float64Array, copy: boolean): number | null {
    const known = this.known.get(owner) ?? new Map<string, number | null>()
    this.known.set(owner, known)
    if (!known.has(metric.name)) {
      const column = values()
      if (column.length === 0) {
        known.set(metric.name, null)
      } else if (metric.statistic === 'mean') {
        known.set(metric.name, mean(column))
      } else {
        const ps = this.wanted.get(metric.base) ?? [percentileOf(metric.statistic)!]
        const found = percentilesBySelection(copy ? column.slice() : column, ps)
        ps.forEach((p, index) => known.set(`${metric.base}.p${p}`, found[index]!))
      }
    }
    return known.get(metric.name) ?? null
  }

  /** A trial's value of the statistic; null where it has none (no successful request, no SLO). */
  trial(trial: ComparableTrial, metric: MetricName): number | null {
    if (metric.kind === 'scalar') return trial.summary[metric.base]
    return this.statistic(trial, metric, () => trial.columns[metric.base], true)
  }

  /** Pooled over every trial's requests (distributions), or the mean over trials (scalars), as the run summary defines them. */
  pooled(result: ComparableResult, metric: MetricName): number | null {
    if (metric.kind === 'distribution') return this.statistic(result, metric, () => pooledValues(result, metric.base), false)
    const values = result.trials.map((trial) => trial.summary[metric.base]).filter((value): value is number => value !== null)
    return values.length === 0 ? (metric.base === 'goodput' ? null : 0) : mean(values)
  }
}

/** Values of the metric in the trial: what a percentile rests on. */
export const trialCount = (trial: ComparableTrial, base: RequestMetric): number => trial.columns[base].length
