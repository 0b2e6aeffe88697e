/**
 * One trial's request records as a run holds them: in typed columns, with each record's JSON text
 * left where it was written (spool.ts). A record object with its array of gaps takes about 1 KB
 * of heap and garbage collection follows it; here a record of 16 tokens is about 250 bytes of
 * typed arrays, and nothing per request or per gap is a heap object. The summaries, the columns
 * `compare` reads and the report's time series are computed from these (trial-summary.ts); the
 * records themselves are read back from the spool only to write the result file (writer.ts) or
 * when someone asks for them (`records()`).
 */
import type { WorkloadSpec } from '../config/workload.js'
import { ErrorTally } from '../result/error-summary.js'
import { meetsSlo } from '../result/summary.js'
import { CompactColumn, GrowingBytes } from './growing.js'
import { emptyTally, tallyRecord, type ServerTally } from './notes.js'
import { FileSpool, type RecordSpool } from './spool.js'
import { COALESCED, E2E, END, EVENTS, FLAG_DONE, FLAG_INPUT_ESTIMATE, FLAG_OK, FLAGS, GAPS, ID, INPUT, MAX, OUTPUT, outputSourceOf, QUEUE, SENT, TPOT, TTFT } from './packed-records.js'
import type { RequestError, RequestRecord, TrialResult } from './types.js'

export const OK = 1
export const CANCELLED = 2
export const MEETS_SLO = 4

const orNaN = (value: number | null): number => (value === null ? Number.NaN : value)

export class TrialRecords {
  /** Per record, in the order they were added (completion order): NaN stands for null. Times are kept in microseconds where exact (growing.ts). */
  readonly ids = new CompactColumn(1)
  readonly flags = new GrowingBytes()
  readonly sent = new CompactColumn(1000)
  readonly end = new CompactColumn(1000)
  readonly ttft = new CompactColumn(1000)
  readonly tpot = new CompactColumn(1000)
  readonly e2e = new CompactColumn(1000)
  readonly queue = new CompactColumn(1000)
  readonly inputTokens = new CompactColumn(1)
  readonly outputTokens = new CompactColumn(1)
  readonly maxTokens = new CompactColumn(1)
  /** How many of `itl` are a successful record's gaps (they follow the previous successful record's); 0 for a failed one. */
  readonly itlCount = new CompactColumn(1)
  /** The successful records' gaps, record after record. */
  readonly itl = new CompactColumn(1000, 1024)
  /** Where each record's JSON text is in the spool. */
  private readonly offsets = new CompactColumn(1)
  private readonly lengths = new CompactColumn(1)
  /** What the result's notes count (notes.ts). */
  readonly tally: ServerTally = emptyTally()
  readonly errors = new ErrorTally()
  /** output_tokens_source of the successful records. */
  readonly outputSources = new Set<string>()
  private sorted: Uint32Array | null = null

  constructor(
    private spool: RecordSpool,
    private readonly slo: WorkloadSpec['slo']
  ) {
    if (spool instanceof FileSpool) spool.retain()
  }

  get size(): number {
    return this.ids.length
  }

  /** Says where the records are (for error messages). */
  get where(): string {
    return this.spool.where
  }

  /** Adds a record whose JSON text is in the spool at `offset` (`length` bytes; a memory spool's index and any length). */
  add(record: RequestRecord, offset: number, length: number): void {
    this.addFacts(record, record.itl_ms, 0, offset, length)
  }

  /**
   * Adds the record packed at `values[at…]` (packed-records.ts), its gaps at `gaps[gapsFrom…]`
   * and, when it failed, its error; its JSON text is in the spool at `offset`.
   */
  addPacked(values: Float64Array, at: number, gaps: ArrayLike<number>, gapsFrom: number, error: RequestError | undefined, offset: number, length: number): void {
    const facts = this.facts
    const flags = values[at + FLAGS]!
    const nullable = (value: number): number | null => (value === value ? value : null)
    facts.id = values[at + ID]!
    facts.ok = (flags & FLAG_OK) !== 0
    // Left undefined rather than deleted: the reused object keeps its shape.
    ;(facts as { error?: RequestError | undefined }).error = error
    facts.sent_ms = nullable(values[at + SENT]!)
    facts.end_ms = values[at + END]!
    facts.ttft_ms = nullable(values[at + TTFT]!)
    facts.tpot_ms = nullable(values[at + TPOT]!)
    facts.e2e_ms = nullable(values[at + E2E]!)
    facts.client_queue_ms = nullable(values[at + QUEUE]!)
    facts.input_tokens = values[at + INPUT]!
    facts.input_tokens_source = (flags & FLAG_INPUT_ESTIMATE) !== 0 ? 'estimate' : 'usage'
    facts.output_tokens = values[at + OUTPUT]!
    facts.output_tokens_source = outputSourceOf(flags)
    facts.max_tokens = values[at + MAX]!
    facts.content_events = values[at + EVENTS]!
    facts.coalesced_events = values[at + COALESCED]!
    facts.done = (flags & FLAG_DONE) !== 0
    this.addFacts(facts, gaps, gapsFrom, offset, length, values[at + GAPS]!)
  }

  /** One reused record for addPacked: what the SLO check, the notes and the error tally read of a record. */
  private readonly facts: RequestRecord = { id: 0, scheduled_ms: 0, sent_ms: null, client_queue_ms: null, end_ms: 0, ttft_ms: null, e2e_ms: null, tpot_ms: null, itl_ms: [], input_tokens: 0, input_tokens_source: 'usage', output_tokens: 0, output_tokens_source: 'usage', max_tokens: 0, content_events: 0, coalesced_events: 0, done: false, ok: false }

  private addFacts(record: RequestRecord, gaps: ArrayLike<number>, gapsFrom: number, offset: number, length: number, gapCount = record.itl_ms.length): void {
    const ok = record.ok
    this.ids.push(record.id)
    this.flags.push((ok ? OK : 0) | (record.error?.kind === 'cancelled' ? CANCELLED : 0) | (meetsSlo(record, this.slo) ? MEETS_SLO : 0))
    this.sent.push(orNaN(record.sent_ms))
    this.end.push(record.end_ms)
    this.ttft.push(orNaN(record.ttft_ms))
    this.tpot.push(orNaN(record.tpot_ms))
    this.e2e.push(orNaN(record.e2e_ms))
    this.queue.push(orNaN(record.client_queue_ms))
    this.inputTokens.push(record.input_tokens)
    this.outputTokens.push(record.output_tokens)
    this.maxTokens.push(record.max_tokens)
    this.itlCount.push(ok ? gapCount : 0)
    if (ok) for (let k = 0; k < gapCount; k++) this.itl.push(gaps[gapsFrom + k]!)
    this.offsets.push(offset)
    this.lengths.push(length)
    tallyRecord(this.tally, record)
    this.errors.add(record, record.id)
    if (ok) this.outputSources.add(record.output_tokens_source)
    this.sorted = null
  }

  /** The records' indices (in the columns above) in the order of their ids: the order of the result file. */
  order(): Uint32Array {
    if (this.sorted === null || this.sorted.length !== this.size) {
      const ids = new Float64Array(this.size)
      this.ids.copyTo(ids, 0)
      this.sorted = Uint32Array.from({ length: this.size }, (_, i) => i).sort((a, b) => ids[a]! - ids[b]!)
    }
    return this.sorted
  }

  /** Calls `each` with every record's JSON text, in id order; bytes are valid only during the call. */
  forEachJson(each: (json: string | Uint8Array) => void): void {
    this.spool.forEach(this.offsets, this.lengths, this.order(), (_, json) => each(json))
  }

  /** The records, in id order, read back from the spool: a copy each time, for the callers that need objects. */
  records(): RequestRecord[] {
    const decoder = new TextDecoder()
    const records: RequestRecord[] = []
    this.forEachJson((json) => records.push(JSON.parse(typeof json === 'string' ? json : decoder.decode(json)) as RequestRecord))
    return records
  }

  /**
   * The records were just written to the result file at `path`, at `offsets` (in id order): records
   * kept in a file (the journal, which is removed next) are read from there from now on; their
   * lengths are the same. Records kept in memory stay there.
   */
  relocated(path: string, offsets: ArrayLike<number>): void {
    if (!(this.spool instanceof FileSpool)) return
    const order = this.order()
    for (let k = 0; k < order.length; k++) this.offsets.set(order[k]!, offsets[k]!)
    const before = this.spool
    this.spool = new FileSpool(path)
    before.release()
  }
}

const stores = new WeakMap<object, TrialRecords>()

/**
 * Makes `trial.requests` read its records back from `store` each time it is asked for (an
 * enumerable getter, so JSON.stringify of the trial still writes them, in their place), and
 * remembers the store for the writer, the summaries and `compare`, which read the columns
 * instead. Assigning `requests` replaces the getter with the value assigned.
 */
export function attachStore(trial: TrialResult, store: TrialRecords): TrialResult {
  Object.defineProperty(trial, 'requests', {
    enumerable: true,
    configurable: true,
    get: () => store.records(),
    set: (value: RequestRecord[]) => {
      stores.delete(trial)
      Object.defineProperty(trial, 'requests', { value, enumerable: true, configurable: true, writable: true })
    }
  })
  stores.set(trial, store)
  return trial
}

/** The store a trial's records are held in (attachStore), or undefined for a trial holding record objects. */
export const storeOf = (trial: object): TrialRecords | undefined => stores.get(trial)

/** A trial's fields but `requests`, without reading the records. */
export function trialFields(trial: TrialResult): Omit<TrialResult, 'requests'> {
  const fields: Record<string, unknown> = {}
  for (const key of Object.keys(trial)) if (key !== 'requests') fields[key] = (trial as unknown as Record<string, unknown>)[key]
  return fields as Omit<TrialResult, 'requests'>
}
