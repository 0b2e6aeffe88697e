import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import type { WorkloadSpec } from '../../src/config/workload.js'
import { summarizeRun, summarizeTrial } from '../../src/result/summary.js'
import { trialColumns } from '../../src/result/columns.js'
import { observeServer } from '../../src/result/notes.js'
import { journalRecordPrefix } from '../../src/result/journal.js'
import { packBatch } from '../../src/result/packed-records.js'
import { MemorySpool } from '../../src/result/spool.js'
import { attachStore, TrialRecords } from '../../src/result/trial-records.js'
import { observeTrials, summarizeRunRecords, summarizeTrialRecords, summarizeTrials, trialColumnsOf } from '../../src/result/trial-summary.js'
import type { RequestRecord, TrialResult } from '../../src/result/types.js'
import { RecordSink } from '../../src/result/record-sink.js'

// Values as the client writes them (3 decimals: the columns keep them as whole microseconds), or, in some
// trials, with the odd ones a record may hold (any double: the columns then keep doubles), and nulls.
const clean = fc.integer({ min: 0, max: 5_000_000 }).map((n) => n / 1000)
const odd = fc.oneof(clean, fc.constant(0), fc.double({ min: 0, max: 1e7, noNaN: true }), fc.double({ min: 3e6, max: 1e9, noNaN: true }))
const errorOf = fc.oneof(
  fc.constant(undefined),
  fc.record({ kind: fc.constantFrom('http', 'timeout', 'connection', 'protocol', 'server', 'cancelled', 'unknown'), message: fc.oneof(fc.constantFrom('boom', 'event 3 is not valid JSON', 'event 9 is not valid JSON', 'reset ✂ by peer'), fc.string()) }),
  fc.record({ kind: fc.constant('http'), status: fc.constantFrom(429, 500, 503), message: fc.constantFrom('overloaded', 'CUDA out of memory') }),
  fc.record({ kind: fc.constant('timeout'), timeout: fc.constantFrom('connect', 'first_token', 'idle', 'request'), message: fc.constant('no event') })
)

const recordArb = (ms: fc.Arbitrary<number>): fc.Arbitrary<Omit<RequestRecord, 'id'>> => {
  const nullableMs = fc.option(ms, { nil: null })
  return fc
  .record({
    sent: nullableMs,
    scheduled: ms,
    end: ms,
    ttft: nullableMs,
    e2e: nullableMs,
    tpot: nullableMs,
    queue: nullableMs,
    itl: fc.array(ms, { maxLength: 12 }),
    input: fc.integer({ min: 0, max: 4096 }),
    output: fc.integer({ min: 0, max: 512 }),
    max: fc.integer({ min: 1, max: 512 }),
    events: fc.integer({ min: 0, max: 512 }),
    coalesced: fc.integer({ min: 0, max: 8 }),
    done: fc.boolean(),
    outputSource: fc.constantFrom('usage', 'events', 'details'),
    inputSource: fc.constantFrom('usage', 'estimate'),
    error: errorOf
  })
  .map(
    (r): Omit<RequestRecord, 'id'> => ({
      scheduled_ms: r.scheduled,
      sent_ms: r.sent,
      client_queue_ms: r.queue,
      end_ms: r.end,
      ttft_ms: r.ttft,
      e2e_ms: r.e2e,
      tpot_ms: r.tpot,
      itl_ms: r.itl,
      input_tokens: r.input,
      input_tokens_source: r.inputSource as RequestRecord['input_tokens_source'],
      output_tokens: r.output,
      output_tokens_source: r.outputSource as RequestRecord['output_tokens_source'],
      max_tokens: r.max,
      content_events: r.events,
      coalesced_events: r.coalesced,
      done: r.done,
      finish_reason: 'length',
      ok: r.error === undefined,
      ...(r.error !== undefined ? { error: r.error as RequestRecord['error'] } : {})
    })
  )
}

/** A trial's records by id, and the order they finished in. */
// Gaps a few µs apart, many alike: counted rather than sorted (trial-summary.ts describeCounted).
const tiny = fc.integer({ min: 0, max: 20 }).map((n) => n / 1000)
const trialArb = fc.constantFrom(clean, odd, tiny).chain((ms) => fc.array(recordArb(ms), { maxLength: 40 })).chain((records) =>
  fc.tuple(fc.constant(records.map((record, id) => ({ id, ...record }) as RequestRecord)), fc.shuffledSubarray(records.map((_, i) => i), { minLength: records.length, maxLength: records.length }))
)

const sloArb = fc.record({ ttft_ms: fc.option(fc.double({ min: 1, max: 5000, noNaN: true }), { nil: undefined }), tpot_ms: fc.option(fc.double({ min: 1, max: 100, noNaN: true }), { nil: undefined }) }).map((slo) => Object.fromEntries(Object.entries(slo).filter(([, v]) => v !== undefined)) as WorkloadSpec['slo'])

/** The store a run fills: records in completion order, their text in the spool. */
function stored(records: readonly RequestRecord[], completion: readonly number[], slo: WorkloadSpec['slo']): TrialRecords {
  const spool = new MemorySpool()
  const store = new TrialRecords(spool, slo)
  for (const i of completion) {
    const json = JSON.stringify(records[i])
    store.add(records[i]!, spool.add(json), json.length)
  }
  return store
}

const spec = (slo: WorkloadSpec['slo'], ignoreEos: boolean): WorkloadSpec => ({ api: 'openai-chat', slo, sampling: { temperature: 0, ignore_eos: ignoreEos } }) as WorkloadSpec

describe('summaries from the columns a run keeps', () => {
  test('are those summarizeTrial and summarizeRun give for the same records, whatever order they finished in', () => {
    fc.assert(
      fc.property(fc.array(trialArb, { minLength: 1, maxLength: 4 }), sloArb, fc.option(fc.double({ min: 0.1, max: 100, noNaN: true }), { nil: null }), fc.boolean(), (trials, slo, targetRate, ignoreEos) => {
        const stores = trials.map(([records, completion]) => stored(records, completion, slo))
        const fromRecords = trials.map(([records]) => summarizeTrial({ records, slo, targetRate }))
        const fromColumns = stores.map((store) => summarizeTrialRecords(store, slo, targetRate))
        expect(fromColumns).toStrictEqual(fromRecords)
        const trialResults = trials.map(([records], index): TrialResult => ({ index, started_at: '', duration_s: fromRecords[index]!.durationS, requests: records, summary: fromRecords[index]!.summary }))
        expect(summarizeRunRecords(stores.map((store, index) => ({ store, summary: fromColumns[index]!.summary })), slo)).toStrictEqual(summarizeRun(trialResults, slo))
        expect(stores.map((store) => trialColumnsOf(store))).toStrictEqual(trials.map(([records]) => trialColumns(records)))
        const withStores = trialResults.map((trial, index) => attachStore({ ...trial, requests: [] }, stores[index]!))
        expect(observeTrials(withStores, spec(slo, ignoreEos))).toStrictEqual(observeServer(trialResults, spec(slo, ignoreEos)))
        expect(summarizeTrials(withStores, slo)).toStrictEqual(summarizeRun(trialResults, slo))
        // And the records read back are the records, in id order.
        expect(withStores.map((trial) => trial.requests)).toStrictEqual(trials.map(([records]) => JSON.parse(JSON.stringify(records)) as RequestRecord[]))
        // Records a worker thread packed in batches give the same columns and summaries.
        const packed = trials.map(([records, completion], index) => {
          const sink = new RecordSink(index, null, slo)
          for (let from = 0; from < completion.length; from += 3) sink.addBatch(packBatch(completion.slice(from, from + 3).map((i) => records[i]!), journalRecordPrefix(index)))
          return sink.store
        })
        expect(packed.map((store) => summarizeTrialRecords(store, slo, targetRate))).toStrictEqual(fromRecords)
        expect(packed.map((store) => trialColumnsOf(store))).toStrictEqual(stores.map((store) => trialColumnsOf(store)))
        expect(packed.map((store) => store.tally)).toStrictEqual(stores.map((store) => store.tally))
        expect(packed.map((store) => store.errors.groups())).toStrictEqual(stores.map((store) => store.errors.groups()))
        expect(packed.map((store) => store.records())).toStrictEqual(withStores.map((trial) => trial.requests))
      }),
      { numRuns: 300 }
    )
  })
})
