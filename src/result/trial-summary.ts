/**
 * The summaries of a run held in columns (trial-records.ts): the same numbers as
 * result/summary.ts computes from record objects (summarizeTrial, summarizeRun), field for
 * field; test/result/trial-summary.test.ts checks both on random records. Distributions do not
 * depend on the order of their values (describe sorts them first), so values are gathered as they
 * come; sums and the columns `compare` reads follow the records' id order, as the records' do.
 */
import type { WorkloadSpec } from '../config/workload.js'
import { topErrorGroups } from './error-summary.js'
import { interpolateAt } from '../stats/percentile.js'
import { describeSorted, meanOf, summarizeRun } from './summary.js'
import type { SeriesColumns, TrialColumns } from './columns.js'
import type { CompactColumn } from './growing.js'
import { addTallies, notesFromTally, observeServer } from './notes.js'
import { CANCELLED, MEETS_SLO, OK, storeOf, type TrialRecords } from './trial-records.js'
import type { Distribution, RunSummary, TrialResult, TrialSummary } from './types.js'

const hasSlo = (slo: WorkloadSpec['slo']): boolean => slo.ttft_ms !== undefined || slo.tpot_ms !== undefined || slo.e2e_ms !== undefined

type Column = (store: TrialRecords) => CompactColumn

/** The values of `column` for records whose flags have `mask` set (or, `countedOnly`, that were not cancelled) and are not NaN (null), in any order, sorted and described. */
function describeWhere(stores: readonly TrialRecords[], column: Column, mask: number, countedOnly = false): Distribution {
  let total = 0
  for (const store of stores) {
    const values = column(store)
    for (let i = 0; i < store.size; i++) if (selected(store.flags.get(i), mask, countedOnly) && !Number.isNaN(values.get(i))) total++
  }
  const gathered = new Float64Array(total)
  let k = 0
  for (const store of stores) {
    const values = column(store)
    for (let i = 0; i < store.size; i++) {
      const value = values.get(i)
      if (selected(store.flags.get(i), mask, countedOnly) && !Number.isNaN(value)) gathered[k++] = value
    }
  }
  return describeSorted(gathered.sort())
}

const selected = (flags: number, mask: number, countedOnly: boolean): boolean => (countedOnly ? (flags & CANCELLED) === 0 : (flags & mask) !== 0)

/** Every gap of the successful records of these trials, sorted and described: as whole microseconds where the stores hold them so, half the memory of doubles. */
function describeItl(stores: readonly TrialRecords[]): Distribution {
  const total = stores.reduce((sum, store) => sum + store.itl.length, 0)
  if (stores.every((store) => store.itl.ints !== null)) {
    const parts = stores.map((store) => store.itl.ints!.subarray(0, store.itl.length))
    const scale = stores[0]?.itl.scale ?? 1
    let least = 0
    let most = 0
    for (const part of parts) {
      for (let i = 0; i < part.length; i++) {
        if (part[i]! < least) least = part[i]!
        if (part[i]! > most) most = part[i]!
      }
    }
    // Counting the values in order takes a count per microsecond of their range; sorting a copy, a slot per value: the smaller.
    if (least >= 0 && most + 1 < total) return describeCounted(parts, most, total, scale)
    const pooled = new Int32Array(total)
    let offset = 0
    for (const part of parts) {
      pooled.set(part, offset)
      offset += part.length
    }
    return describeSortedUnits(pooled.sort(), scale)
  }
  const pooled = new Float64Array(total)
  let offset = 0
  for (const store of stores) {
    store.itl.copyTo(pooled, offset)
    offset += store.itl.length
  }
  return describeSorted(pooled.sort())
}

/**
 * describeSortedUnits of non-negative ints (at most `most`) without sorting them: a count per
 * value, read in order, is the sorted sample (gaps under 10 ms: 40 KB of counts, where a sorted
 * copy of a million requests' 15 million gaps takes 60 MB).
 */
function describeCounted(parts: readonly Int32Array[], most: number, total: number, scale: number): Distribution {
  const counts = new Uint32Array(most + 1)
  for (const part of parts) for (let i = 0; i < part.length; i++) counts[part[i]!]!++
  // The value at sorted index `index`: walked forward, as the percentiles ask in increasing order.
  let unit = 0
  let before = 0
  const value = (index: number): number => {
    if (index < before) {
      unit = 0
      before = 0
    }
    while (before + counts[unit]! <= index) before += counts[unit++]!
    return unit / scale
  }
  return describeOrdered(total, value, (each) => {
    for (let u = 0; u <= most; u++) {
      const v = u / scale
      for (let c = counts[u]!; c > 0; c--) each(v)
    }
  })
}

/** describeSorted (stats/percentile.ts) of sorted[i] / scale, computed in the same order with the same operations, so the numbers are the same to the last bit. */
function describeSortedUnits(sorted: Int32Array, scale: number): Distribution {
  const value = (index: number): number => sorted[index]! / scale
  return describeOrdered(sorted.length, value, (each) => {
    for (let i = 0; i < sorted.length; i++) each(value(i))
  })
}

/** describeSorted of a sample given by its size, its value at each sorted index, and a walk over it in sorted order. */
function describeOrdered(count: number, value: (index: number) => number, walk: (each: (value: number) => void) => void): Distribution {
  if (count === 0) return describeSorted([])
  // The same compensated (Kahan–Babuska) sum, in the same order, as simple-statistics' mean in
  // describeSorted: the library takes an array, and these values are never gathered into one.
  let sum = 0
  let correction = 0
  let first = true
  walk((v) => {
    if (first) {
      sum = v
      first = false
      return
    }
    const next = sum + v
    correction += Math.abs(sum) >= Math.abs(v) ? sum - next + v : v - next + sum
    sum = next
  })
  const average = (sum + correction) / count
  let squares = 0
  walk((v) => {
    const deviation = v - average
    squares += deviation * deviation
  })
  return {
    count,
    mean: average,
    stddev: count >= 2 ? Math.sqrt(squares / (count - 1)) : null,
    min: value(0),
    p50: interpolateAt(50, count, value),
    p90: interpolateAt(90, count, value),
    p95: interpolateAt(95, count, value),
    p99: interpolateAt(99, count, value),
    max: value(count - 1)
  }
}

/** As summarizeTrial (result/summary.ts) gives for the store's records. */
export function summarizeTrialRecords(store: TrialRecords, slo: WorkloadSpec['slo'], targetRate: number | null, givenDurationS?: number): { summary: TrialSummary; durationS: number } {
  let counted = 0
  let ok = 0
  let sentCount = 0
  let firstSend = Infinity
  let lastSend = -Infinity
  let lastEnd = -Infinity
  let outputTokens = 0
  let inputTokens = 0
  let meeting = 0
  // In id order, as summarizeTrial adds them up.
  for (const i of store.order()) {
    const flags = store.flags.get(i)
    if ((flags & CANCELLED) !== 0) continue
    counted++
    const sent = store.sent.get(i)
    if (sent === sent) {
      sentCount++
      if (sent < firstSend) firstSend = sent
      if (sent > lastSend) lastSend = sent
    }
    const end = store.end.get(i)
    if (end > lastEnd) lastEnd = end
    if ((flags & OK) === 0) continue
    ok++
    outputTokens += store.outputTokens.get(i)
    inputTokens += store.inputTokens.get(i)
    if ((flags & MEETS_SLO) !== 0) meeting++
  }
  const start = sentCount > 0 ? firstSend : 0
  const durationS = givenDurationS ?? Math.max(0, (counted > 0 ? lastEnd : 0) - start) / 1000
  const perSecond = (amount: number): number => (durationS > 0 ? amount / durationS : 0)
  const sendSpanS = sentCount > 1 ? (lastSend - start) / 1000 : 0
  const sources = store.outputSources
  const summary: TrialSummary = {
    ttft_ms: describeWhere([store], (s) => s.ttft, OK),
    tpot_ms: describeWhere([store], (s) => s.tpot, OK),
    itl_ms: describeItl([store]),
    e2e_ms: describeWhere([store], (s) => s.e2e, OK),
    schedule_lag_ms: describeWhere([store], (s) => s.queue, 0, true),
    request_throughput: perSecond(ok),
    output_throughput: perSecond(outputTokens),
    total_throughput: perSecond(inputTokens + outputTokens),
    goodput: hasSlo(slo) ? perSecond(meeting) : null,
    error_rate: counted > 0 ? (counted - ok) / counted : 0,
    sent: counted,
    completed: ok,
    failed: counted - ok,
    total_input_tokens: inputTokens,
    total_output_tokens: outputTokens,
    achieved_rate: sendSpanS > 0 ? (sentCount - 1) / sendSpanS : null,
    target_rate: targetRate,
    output_tokens_source: sources.size === 0 ? null : sources.size === 1 ? ([...sources][0]! as TrialSummary['output_tokens_source']) : 'mixed'
  }
  return { summary, durationS }
}

/** As summarizeRun (result/summary.ts) gives for these trials' records. */
export function summarizeRunRecords(trials: ReadonlyArray<{ store: TrialRecords; summary: TrialSummary }>, slo: WorkloadSpec['slo']): RunSummary {
  const stores = trials.map((trial) => trial.store)
  let counted = 0
  let ok = 0
  for (const store of stores) {
    for (let i = 0; i < store.size; i++) {
      const flags = store.flags.get(i)
      if ((flags & CANCELLED) !== 0) continue
      counted++
      if ((flags & OK) !== 0) ok++
    }
  }
  const scalar = (pick: (summary: TrialSummary) => number | null): number | null => meanOf(trials.map((trial) => pick(trial.summary)))
  const errors = topErrorGroups(stores.map((store) => store.errors.groups()))
  // One trial's values are the run's: its distributions are the run's, without sorting them again.
  const only = trials.length === 1 ? trials[0]!.summary : null
  const distribution = (metric: 'ttft_ms' | 'tpot_ms' | 'itl_ms' | 'e2e_ms' | 'schedule_lag_ms', describeRun: () => Distribution): Distribution => (only !== null ? { ...only[metric] } : describeRun())
  return {
    ttft_ms: distribution('ttft_ms', () => describeWhere(stores, (s) => s.ttft, OK)),
    tpot_ms: distribution('tpot_ms', () => describeWhere(stores, (s) => s.tpot, OK)),
    itl_ms: distribution('itl_ms', () => describeItl(stores)),
    e2e_ms: distribution('e2e_ms', () => describeWhere(stores, (s) => s.e2e, OK)),
    schedule_lag_ms: distribution('schedule_lag_ms', () => describeWhere(stores, (s) => s.queue, 0, true)),
    request_throughput: scalar((s) => s.request_throughput) ?? 0,
    output_throughput: scalar((s) => s.output_throughput) ?? 0,
    total_throughput: scalar((s) => s.total_throughput) ?? 0,
    goodput: hasSlo(slo) ? scalar((s) => s.goodput) : null,
    error_rate: scalar((s) => s.error_rate) ?? 0,
    sent: counted,
    completed: ok,
    failed: counted - ok,
    ...(errors.length > 0 ? { errors } : {})
  }
}

/** The columns `compare` reads (columns.ts trialColumns), and the report's time series, in id order. */
export function trialColumnsOf(store: TrialRecords): TrialColumns {
  const order = store.order()
  const n = order.length
  let ok = 0
  let gaps = 0
  for (let i = 0; i < n; i++) {
    if ((store.flags.get(i) & OK) === 0) continue
    ok++
    gaps += store.itlCount.get(i)
  }
  const ttft = new Float64Array(ok)
  const tpot = new Float64Array(ok)
  const e2e = new Float64Array(ok)
  const itl = new Float64Array(gaps)
  const series: SeriesColumns = { ok: new Uint8Array(n), sent_ms: new Float64Array(n), end_ms: new Float64Array(n), ttft_ms: new Float64Array(n), output_tokens: new Float64Array(n), itl_count: new Float64Array(n) }
  const kept = { ttft: 0, tpot: 0, e2e: 0, itl: 0 }
  let inputTokens = 0
  let outputTokens = 0
  let maxTokens = 0
  let clientQueueMs = 0
  // Where each record's gaps start in the store's `itl`: they follow each other in the order the records were added.
  const itlStart = new Float64Array(n)
  for (let i = 1; i < n; i++) itlStart[i] = itlStart[i - 1]! + store.itlCount.get(i - 1)
  for (let k = 0; k < n; k++) {
    const i = order[k]!
    const isOk = (store.flags.get(i) & OK) !== 0
    series.ok[k] = isOk ? 1 : 0
    series.sent_ms[k] = store.sent.get(i)
    series.end_ms[k] = store.end.get(i)
    series.ttft_ms[k] = store.ttft.get(i)
    series.output_tokens[k] = store.outputTokens.get(i)
    if (!isOk) continue
    const ttftValue = store.ttft.get(i)
    const tpotValue = store.tpot.get(i)
    const e2eValue = store.e2e.get(i)
    const queue = store.queue.get(i)
    if (ttftValue === ttftValue) ttft[kept.ttft++] = ttftValue
    if (tpotValue === tpotValue) tpot[kept.tpot++] = tpotValue
    if (e2eValue === e2eValue) e2e[kept.e2e++] = e2eValue
    const start = itlStart[i]!
    const count = store.itlCount.get(i)
    store.itl.copyTo(itl, kept.itl, start, count)
    kept.itl += count
    series.itl_count[k] = count
    inputTokens += store.inputTokens.get(i)
    outputTokens += store.outputTokens.get(i)
    maxTokens += store.maxTokens.get(i)
    clientQueueMs += queue === queue ? queue : 0
  }
  const cut = (values: Float64Array, length: number): Float64Array => (length === values.length ? values : values.slice(0, length))
  return { records: n, ok, ttft_ms: cut(ttft, kept.ttft), tpot_ms: cut(tpot, kept.tpot), e2e_ms: cut(e2e, kept.e2e), itl_ms: itl, inputTokens, outputTokens, maxTokens, clientQueueMs, series }
}

/** The stores of every trial, or null when one holds record objects instead. */
function storesOf(trials: readonly TrialResult[]): TrialRecords[] | null {
  const stores = trials.map(storeOf)
  return stores.every((store) => store !== undefined) ? stores : null
}

/** The run's summary (summarizeRun), from the trials' columns when a run holds them there. */
export function summarizeTrials(trials: readonly TrialResult[], slo: WorkloadSpec['slo']): RunSummary {
  const stores = storesOf(trials)
  return stores === null ? summarizeRun(trials, slo) : summarizeRunRecords(trials.map((trial, index) => ({ store: stores[index]!, summary: trial.summary })), slo)
}

/** The result's notes (observeServer), from the trials' tallies when a run holds its records in columns. */
export function observeTrials(trials: readonly TrialResult[], spec: WorkloadSpec): string[] {
  const stores = storesOf(trials)
  return stores === null ? observeServer(trials, spec) : notesFromTally(addTallies(stores.map((store) => store.tally)), spec)
}
