import type { HistorySummary, JobVariation } from './job-variation.js'

/** The comparison document (docs/file-formats.md, comparison, `schema: "llm-perf-gate/comparison@1"`). Field names are public. */
import type { EnvironmentChange } from '../result/fingerprint.js'

export type { EnvironmentChange }

export const COMPARISON_SCHEMA = 'llm-perf-gate/comparison@1'

export type Verdict = 'pass' | 'fail' | 'inconclusive' | 'incomparable'
export type MetricStatus = 'pass' | 'regressed' | 'improved' | 'inconclusive'
export type Gate = 'fail' | 'warn' | 'off'

export interface MetricComparison {
  /** `ttft_ms.p50`, `output_throughput`, … */
  metric: string
  /** Pooled over the side's trials (distributions) or the mean of its trials (scalars), as in the result's summary. */
  baseline: number | null
  current: number | null
  /** 100 (current - baseline) / baseline. */
  delta_pct: number | null
  /** Bootstrap interval of delta_pct at `confidence` (Welch's interval of the ratio for per-trial scalars). */
  ci_low_pct: number | null
  ci_high_pct: number | null
  p_value: number | null
  /** Holm–Bonferroni over the metrics whose gate is not off; null for those that are off or untested. */
  p_adjusted: number | null
  /** Paired tests (`wilcoxon-signed-rank`, `paired-t-log`, unit `pair`) are an extension, for the two results of one `ab` run. */
  test: 'mann-whitney' | 'welch-log' | 'wilcoxon-signed-rank' | 'paired-t-log' | 'threshold' | 'none'
  unit: 'trial' | 'request' | 'pair'
  tolerance_pct: number | null
  gate: Gate
  status: MetricStatus
  // Extensions.
  /** Absolute change, for error_rate (gated by `max_increase`). */
  delta_abs?: number | null
  max_increase?: number | null
  direction: 'lower_is_better' | 'higher_is_better'
  /** The smallest change the trial-level test could detect at this noise (80% power, Holm-adjusted alpha); null when none is. */
  mde_pct: number | null
  /** The per-trial values the test compared; under a paired test, element i of each is pair i. */
  trials: { baseline: number[]; current: number[] }
  /** Why the status is what it is, when that is not obvious (inconclusive, untested). */
  reason?: string
  /** Set (status `inconclusive`) when the samples are too few for this percentile (validity `min_tail_samples`): nothing was measured, which is not a change. */
  insufficient_data?: true
  /** With a history (`--history`): the job-to-job spread the metric was judged against (docs/history.md). */
  job_variation?: JobVariation
}

export interface ValidityCheck {
  check: string
  ok: boolean
  detail: string
  /** Which result it is about. */
  side?: 'baseline' | 'current' | 'both'
  /** This check is reported beside the verdict, failed or not, but never changes it. */
  warn?: true
}

export interface SideInfo {
  name: string
  workload_hash: string
  created_at: string | null
  tool_version: string
  server: { url: string; model: string | null; version: string | null; engine?: string | null }
  gpu: string[]
  trials: number
  requests_per_trial: number
  interrupted: boolean
}

export interface Comparison {
  schema: typeof COMPARISON_SCHEMA
  verdict: Verdict
  metrics: MetricComparison[]
  validity: ValidityCheck[]
  notes: string[]
  // Extensions.
  definitions: number
  thresholds: { source: string; alpha: number; confidence: number; decision: 'detect' | 'non-inferiority'; fail_on_inconclusive: boolean }
  baseline: SideInfo
  current: SideInfo
  /** Set when the two results are one `ab` run's back-to-back trials (see compare/pairs.ts). */
  pairing?: PairingSummary
  /** Every environment field that differs between the two results, model first (What changed, docs/fingerprint.md). */
  changes?: EnvironmentChange[]
  /** With a history (`--history`): how many comparable past runs it held and whether the verdict used them (docs/history.md). */
  history?: HistorySummary
}

export interface PairingSummary {
  run: string
  /** Trials paired by index. */
  pairs: number
  /** Whether the tests were the paired ones; with too few pairs they are the independent ones, and only the intervals use the pairing. */
  tests: 'paired' | 'independent'
}
