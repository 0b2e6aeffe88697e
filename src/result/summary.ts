import type { WorkloadSpec } from '../config/workload.js'
import { mean, percentileOfSorted, sampleVariance, sortedCopy } from '../stats/percentile.js'
import type { Distribution, RequestRecord, RunSummary, TrialResult, TrialSummary } from './types.js'
import { summarizeErrors } from './error-summary.js'
import { startsWork, summarizeTurns } from './turns.js'

/** Cancelled requests were cut off by the user, not failed by the server: they are left out of every count. */
export const countsAsSent = (record: RequestRecord): boolean => record.error?.kind !== 'cancelled'

/** Meets every SLO the workload sets (docs/metrics.md goodput); a request with one output token has no TPOT to miss. */
export function meetsSlo(record: RequestRecord, slo: WorkloadSpec['slo']): boolean {
  if (!record.ok) return false
  if (slo.ttft_ms !== undefined && (record.ttft_ms === null || record.ttft_ms > slo.ttft_ms)) return false
  if (slo.tpot_ms !== undefined && record.tpot_ms !== null && record.tpot_ms > slo.tpot_ms) return false
  if (slo.e2e_ms !== undefined && (record.e2e_ms === null || record.e2e_ms > slo.e2e_ms)) return false
  return true
}

const hasSlo = (slo: WorkloadSpec['slo']): boolean => slo.ttft_ms !== undefined || slo.tpot_ms !== undefined || slo.e2e_ms !== undefined

function extent(values: readonly number[]): { min: number; max: number } {
  let min = Infinity
  let max = -Infinity
  for (const value of values) {
    if (value < min) min = value
    if (value > max) max = value
  }
  return { min, max }
}

function collect(records: readonly RequestRecord[], pick: (record: RequestRecord) => number | null): number[] {
  const values: number[] = []
  for (const record of records) {
    const value = pick(record)
    if (value !== null) values.push(value)
  }
  return values
}

export type RequestMetric = 'ttft_ms' | 'tpot_ms' | 'itl_ms' | 'e2e_ms'

/** Every ITL of the successful requests, pooled: one value per event gap (docs/metrics.md). */
export function pooledItl(records: readonly RequestRecord[]): Float64Array {
  let total = 0
  for (const record of records) if (record.ok) total += record.itl_ms.length
  const values = new Float64Array(total)
  let offset = 0
  for (const record of records) {
    if (!record.ok) continue
    values.set(record.itl_ms, offset)
    offset += record.itl_ms.length
  }
  return values
}

export interface TrialSummaryInput {
  records: readonly RequestRecord[]
  slo: WorkloadSpec['slo']
  /** The rate the open loop's schedule asked for; null for a closed loop. */
  targetRate: number | null
  /** A duration measured elsewhere (an imported result without send times); otherwise from the records. */
  durationS?: number
}

/** The trial's distributions and scalars (docs/metrics.md); also returns duration_s. */
export function summarizeTrial({ records, slo, targetRate, durationS: givenDurationS }: TrialSummaryInput): { summary: TrialSummary; durationS: number } {
  const counted = records.filter(countsAsSent)
  const ok = counted.filter((record) => record.ok)
  const sentTimes = collect(counted, (r) => r.sent_ms)
  const sends = extent(sentTimes)
  const firstSend = sentTimes.length > 0 ? sends.min : 0
  const lastEnd = counted.length > 0 ? extent(counted.map((r) => r.end_ms)).max : 0
  const durationS = givenDurationS ?? Math.max(0, lastEnd - firstSend) / 1000
  const perSecond = (amount: number): number => (durationS > 0 ? amount / durationS : 0)
  const outputTokens = ok.reduce((sum, r) => sum + r.output_tokens, 0)
  const inputTokens = ok.reduce((sum, r) => sum + r.input_tokens, 0)
  // Conversations: their later turns follow answers, not the schedule, so the rate counts starts.
  const startTimes = collect(counted.filter(startsWork), (r) => r.sent_ms)
  const starts = extent(startTimes)
  const sendSpanS = startTimes.length > 1 ? (starts.max - starts.min) / 1000 : 0
  const sources = new Set(ok.map((r) => r.output_tokens_source))
  const summary: TrialSummary = {
    ttft_ms: describe(collect(ok, (r) => r.ttft_ms)),
    tpot_ms: describe(collect(ok, (r) => r.tpot_ms)),
    itl_ms: describe(pooledItl(ok)),
    e2e_ms: describe(collect(ok, (r) => r.e2e_ms)),
    schedule_lag_ms: describe(collect(counted, (r) => r.client_queue_ms)),
    request_throughput: perSecond(ok.length),
    output_throughput: perSecond(outputTokens),
    total_throughput: perSecond(inputTokens + outputTokens),
    goodput: hasSlo(slo) ? perSecond(ok.filter((r) => meetsSlo(r, slo)).length) : null,
    error_rate: counted.length > 0 ? (counted.length - ok.length) / counted.length : 0,
    sent: counted.length,
    completed: ok.length,
    failed: counted.length - ok.length,
    total_input_tokens: inputTokens,
    total_output_tokens: outputTokens,
    achieved_rate: sendSpanS > 0 ? (startTimes.length - 1) / sendSpanS : null,
    target_rate: targetRate,
    output_tokens_source: sources.size === 0 ? null : sources.size === 1 ? [...sources][0]! : 'mixed',
    ...summarizeTurns([records])
  }
  return { summary, durationS }
}

/** The mean of the values present; null when none is. */
export function meanOf(values: Array<number | null>): number | null {
  const present = values.filter((value): value is number => value !== null)
  return present.length === 0 ? null : mean(present)
}

/**
 * The run's summary: distributions pooled over every trial's successful requests; per-trial
 * scalars (throughputs, goodput, error rate) as the mean over trials, since each is a rate of
 * its own trial's duration.
 */
export function summarizeRun(trials: readonly TrialResult[], slo: WorkloadSpec['slo']): RunSummary {
  const records = trials.flatMap((trial) => trial.requests)
  const ok = records.filter((r) => r.ok && countsAsSent(r))
  const counted = records.filter(countsAsSent)
  const scalar = (pick: (summary: TrialSummary) => number | null): number | null => meanOf(trials.map((trial) => pick(trial.summary)))
  const errors = summarizeErrors(records)
  return {
    ttft_ms: describe(collect(ok, (r) => r.ttft_ms)),
    tpot_ms: describe(collect(ok, (r) => r.tpot_ms)),
    itl_ms: describe(pooledItl(ok)),
    e2e_ms: describe(collect(ok, (r) => r.e2e_ms)),
    schedule_lag_ms: describe(collect(counted, (r) => r.client_queue_ms)),
    request_throughput: scalar((s) => s.request_throughput) ?? 0,
    output_throughput: scalar((s) => s.output_throughput) ?? 0,
    total_throughput: scalar((s) => s.total_throughput) ?? 0,
    goodput: hasSlo(slo) ? scalar((s) => s.goodput) : null,
    error_rate: scalar((s) => s.error_rate) ?? 0,
    sent: counted.length,
    completed: ok.length,
    failed: counted.length - ok.length,
    ...(errors.length > 0 ? { errors } : {}),
    ...summarizeTurns(trials.map((trial) => trial.requests))
  }
}

/**
 * The summary of one sample (docs/metrics.md, distributions): count, mean, sample standard deviation (ddof = 1), min,
 * p50/p90/p95/p99 (numpy linear) and max. Every field but count is null for an empty sample,
 * and stddev is null below two values. One sort serves every percentile.
 */
export function describe(values: ArrayLike<number>): Distribution {
  return describeSorted(sortedCopy(values))
}

/** describe() of values already sorted ascending (and free of NaN), for a caller that sorted its own copy in place. */
export function describeSorted(sorted: ArrayLike<number>): Distribution {
  const count = sorted.length
  if (count === 0) {
    return { count: 0, mean: null, stddev: null, min: null, p50: null, p90: null, p95: null, p99: null, max: null }
  }
  return {
    count,
    mean: mean(sorted),
    stddev: count >= 2 ? Math.sqrt(sampleVariance(sorted)) : null,
    min: sorted[0]!,
    p50: percentileOfSorted(sorted, 50),
    p90: percentileOfSorted(sorted, 90),
    p95: percentileOfSorted(sorted, 95),
    p99: percentileOfSorted(sorted, 99),
    max: sorted[count - 1]!
  }
}
