/**
 * The statistics `compare` tests, taken from the request records (a result's columns), not from the
 * summaries stored beside them: per trial for the trial-level and paired tests, pooled over the
 * trials for the reported values and the change. Per-trial scalars (throughputs, goodput, error
 * rate) are rates of a trial's duration and come from its summary, which result/consistency.ts
 * checks against the records when a file is read.
 */
import type { MetricName } from '../metrics/metric-names.js'
import { pooledValues, type ComparableResult, type ComparableTrial } from '../result/columns.js'
import type { RequestMetric } from '../result/summary.js'
import { mean, percentileBySelection } from '../stats/percentile.js'

type DistributionName = Extract<MetricName, { kind: 'distribution' }>

/** `scratch` may be reordered (a copy made for this call); percentiles by selection, O(n) each. */
function statisticOf(values: Float64Array, metric: DistributionName, scratch: () => Float64Array): number | null {
  if (values.length === 0) return null
  if (metric.statistic === 'mean') return mean(values)
  return percentileBySelection(scratch(), Number(metric.statistic.slice(1)))
}

/**
 * One comparison's statistics of the records, each computed once. Working copies are not kept:
 * a large result's ITL column is millions of values, and a copy kept per trial and pooled
 * doubled `compare`'s peak memory.
 */
export class RecordStatistics {
  private readonly values = new Map<unknown, Map<string, number | null>>()

  private remember(owner: unknown, name: string, compute: () => number | null): number | null {
    const known = this.values.get(owner) ?? new Map<string, number | null>()
    this.values.set(owner, known)
    if (!known.has(name)) known.set(name, compute())
    return known.get(name)!
  }

  /** A trial's value of the statistic; null where it has none (no successful request, no SLO). */
  trial(trial: ComparableTrial, metric: MetricName): number | null {
    if (metric.kind === 'scalar') return trial.summary[metric.base]
    const column = trial.columns[metric.base]
    return this.remember(trial, metric.name, () => statisticOf(column, metric, () => column.slice()))
  }

  /** Pooled over every trial's requests (distributions), or the mean over trials (scalars), as the run summary defines them. */
  pooled(result: ComparableResult, metric: MetricName): number | null {
    if (metric.kind === 'distribution') {
      return this.remember(result, metric.name, () => {
        const values = pooledValues(result, metric.base)
        return statisticOf(values, metric, () => values)
      })
    }
    const values = result.trials.map((trial) => trial.summary[metric.base]).filter((value): value is number => value !== null)
    return values.length === 0 ? (metric.base === 'goodput' ? null : 0) : mean(values)
  }
}

/** Values of the metric in the trial: what a percentile rests on. */
export const trialCount = (trial: ComparableTrial, base: RequestMetric): number => trial.columns[base].length
