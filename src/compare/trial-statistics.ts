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

type Values = Map<string, number | null>

/**
 * One comparison's statistics of the records. For each metric, one working copy of a result's
 * values serves every percentile the thresholds ask for, per trial (each trial's stretch of the
 * copy, selected in place) and then pooled, and is dropped: a large result's ITL column is
 * millions of values.
 */
export class RecordStatistics {
  /** The percentiles each base metric needs, ascending. */
  private readonly wanted = new Map<RequestMetric, number[]>()
  private readonly known = new Map<ComparableResult | ComparableTrial, Values>()

  constructor(metricNames: readonly string[]) {
    for (const name of metricNames) {
      const metric = parseMetricName(name)
      const p = metric?.kind === 'distribution' ? percentileOf(metric.statistic) : null
      if (metric?.kind !== 'distribution' || p === null) continue
      this.wanted.set(metric.base, [...(this.wanted.get(metric.base) ?? []), p])
    }
  }

  private values(owner: ComparableResult | ComparableTrial): Values {
    const known = this.known.get(owner) ?? new Map<string, number | null>()
    this.known.set(owner, known)
    return known
  }

  /** Every wanted percentile of `base`, per trial and pooled, from one copy. */
  private percentiles(result: ComparableResult, base: RequestMetric, extra: number): void {
    const ps = [...new Set([...(this.wanted.get(base) ?? []), extra])]
    const pooled = pooledValues(result, base)
    const record = (owner: ComparableResult | ComparableTrial, values: Float64Array): void => {
      const found = values.length === 0 ? ps.map(() => null) : percentilesBySelection(values, ps)
      ps.forEach((p, index) => this.values(owner).set(`${base}.p${p}`, found[index]!))
    }
    let offset = 0
    for (const trial of result.trials) {
      const length = trial.columns[base].length
      record(trial, pooled.subarray(offset, offset + length))
      offset += length
    }
    record(result, pooled)
  }

  private distribution(result: ComparableResult, owner: ComparableResult | ComparableTrial, values: () => Float64Array, metric: Extract<MetricName, { kind: 'distribution' }>): number | null {
    const known = this.values(owner)
    if (!known.has(metric.name)) {
      if (metric.statistic === 'mean') {
        const column = values()
        known.set(metric.name, column.length === 0 ? null : mean(column))
      } else {
        this.percentiles(result, metric.base, percentileOf(metric.statistic)!)
      }
    }
    return known.get(metric.name) ?? null
  }

  /** Each trial's value of the statistic, in trial order; null where a trial has none (no successful request, no SLO). */
  perTrial(result: ComparableResult, metric: MetricName): Array<number | null> {
    return result.trials.map((trial) => (metric.kind === 'scalar' ? trial.summary[metric.base] : this.distribution(result, trial, () => trial.columns[metric.base], metric)))
  }

  /** Pooled over every trial's requests (distributions), or the mean over trials (scalars), as the run summary defines them. */
  pooled(result: ComparableResult, metric: MetricName): number | null {
    if (metric.kind === 'distribution') return this.distribution(result, result, () => pooledValues(result, metric.base), metric)
    const values = result.trials.map((trial) => trial.summary[metric.base]).filter((value): value is number => value !== null)
    return values.length === 0 ? (metric.base === 'goodput' ? null : 0) : mean(values)
  }
}

/** Values of the metric in the trial: what a percentile rests on. */
export const trialCount = (trial: ComparableTrial, base: RequestMetric): number => trial.columns[base].length
