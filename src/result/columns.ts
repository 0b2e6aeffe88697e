/**
 * A result's requests as columns: what `compare`, its validity checks and the report read from
 * the per-request records, built once per result. A large result holds a hundred thousand
 * records and millions of ITL values; reading typed arrays instead of walking the records for
 * every metric is most of what makes `compare` fast, and typed arrays can be handed from a
 * worker thread without a copy (see load.ts).
 */
import { pooledItl, type RequestMetric } from './summary.js'
import { storeOf, trialFields } from './trial-records.js'
import { trialColumnsOf } from './trial-summary.js'
import type { RequestRecord, ResultFile, TrialResult } from './types.js'

/** One trial's successful requests, in arrival order. */
export interface TrialColumns {
  /** Records in the trial, successful or not. */
  records: number
  /** Successful requests. */
  ok: number
  /** One value per successful request, nulls left out (docs/metrics.md). */
  ttft_ms: Float64Array
  tpot_ms: Float64Array
  e2e_ms: Float64Array
  /** Every event gap of the successful requests, request after request. */
  itl_ms: Float64Array
  /** Sums over the successful requests, for the validity checks and the check of the stored throughputs. */
  inputTokens: number
  outputTokens: number
  maxTokens: number
  clientQueueMs: number
  /** Per record, what the report draws over the trial's time; absent where it was not read. */
  series?: SeriesColumns
}

/** Per record (successful or not), in id order, what the HTML report's time series need (report/html/run-charts.ts). */
export interface SeriesColumns {
  /** 1 for a successful record. */
  ok: Uint8Array
  /** NaN where the record has null. */
  sent_ms: Float64Array
  end_ms: Float64Array
  ttft_ms: Float64Array
  output_tokens: Float64Array
  /** How many of the trial's `itl_ms` are this record's (0 for a failed one): its gaps follow the previous successful record's. */
  itl_count: Float64Array
}

/** The series of records held as objects. */
export function seriesColumns(records: readonly RequestRecord[]): SeriesColumns {
  const n = records.length
  const series: SeriesColumns = { ok: new Uint8Array(n), sent_ms: new Float64Array(n), end_ms: new Float64Array(n), ttft_ms: new Float64Array(n), output_tokens: new Float64Array(n), itl_count: new Float64Array(n) }
  records.forEach((record, k) => {
    series.ok[k] = record.ok ? 1 : 0
    // The file's text decides: a number, or NaN for anything else (null, missing), as scan.ts reads it.
    series.sent_ms[k] = typeof record.sent_ms === 'number' ? record.sent_ms : Number.NaN
    series.end_ms[k] = typeof record.end_ms === 'number' ? record.end_ms : Number.NaN
    series.ttft_ms[k] = record.ttft_ms ?? Number.NaN
    series.output_tokens[k] = record.output_tokens
    series.itl_count[k] = record.ok ? record.itl_ms.length : 0
  })
  return series
}

export type ComparableTrial = Omit<TrialResult, 'requests'> & { columns: TrialColumns }
export type ComparableResult = Omit<ResultFile, 'trials'> & { trials: ComparableTrial[] }
/** What the comparison and the report accept: a result as written, or already in columns. */
export type ResultLike = ResultFile | ComparableResult

function pick(records: readonly RequestRecord[], ok: number, field: 'ttft_ms' | 'tpot_ms' | 'e2e_ms'): Float64Array {
  const values = new Float64Array(ok)
  let kept = 0
  for (const record of records) {
    const value = record[field]
    if (record.ok && value !== null) values[kept++] = value
  }
  return kept === ok ? values : values.slice(0, kept)
}

export function trialColumns(records: readonly RequestRecord[]): TrialColumns {
  let ok = 0
  let inputTokens = 0
  let outputTokens = 0
  let maxTokens = 0
  let clientQueueMs = 0
  for (const record of records) {
    if (!record.ok) continue
    ok++
    inputTokens += record.input_tokens
    outputTokens += record.output_tokens
    maxTokens += record.max_tokens
    clientQueueMs += record.client_queue_ms ?? 0
  }
  return {
    records: records.length,
    ok,
    ttft_ms: pick(records, ok, 'ttft_ms'),
    tpot_ms: pick(records, ok, 'tpot_ms'),
    e2e_ms: pick(records, ok, 'e2e_ms'),
    itl_ms: pooledItl(records),
    inputTokens,
    outputTokens,
    maxTokens,
    clientQueueMs,
    series: seriesColumns(records)
  }
}

const isComparable = (result: ResultLike): result is ComparableResult => result.trials.length === 0 || 'columns' in result.trials[0]!

const cache = new WeakMap<ResultFile, ComparableResult>()

/** A trial in columns: from the store a run keeps its records in (trial-records.ts), never reading them back, or from its record objects. */
function comparableTrial(trial: TrialResult): ComparableTrial {
  const store = storeOf(trial)
  if (store !== undefined) return { ...trialFields(trial), columns: trialColumnsOf(store) }
  const { requests, ...rest } = trial
  return { ...rest, columns: trialColumns(requests) }
}

/** The result in columns; a result already in columns is returned as it is, and each result is converted once. */
export function toComparable(result: ResultLike): ComparableResult {
  if (isComparable(result)) return result
  let comparable = cache.get(result)
  if (comparable === undefined) {
    comparable = { ...result, trials: result.trials.map(comparableTrial) }
    cache.set(result, comparable)
  }
  return comparable
}

/** The typed arrays of a result in columns, to hand to another thread without copying. */
export function columnBuffers(result: ComparableResult): ArrayBuffer[] {
  const arrays = (columns: TrialColumns): ArrayBufferView[] => [columns.ttft_ms, columns.tpot_ms, columns.e2e_ms, columns.itl_ms, ...(columns.series === undefined ? [] : Object.values(columns.series))]
  // A buffer listed twice cannot be transferred: views of one buffer are handed over once.
  return [...new Set(result.trials.flatMap(({ columns }) => arrays(columns).map((array) => array.buffer as ArrayBuffer)))]
}

/** A metric's values pooled over every trial. */
export function pooledValues(result: ComparableResult, metric: RequestMetric): Float64Array {
  const parts = result.trials.map((trial) => trial.columns[metric])
  const pooled = new Float64Array(parts.reduce((sum, part) => sum + part.length, 0))
  let offset = 0
  for (const part of parts) {
    pooled.set(part, offset)
    offset += part.length
  }
  return pooled
}
