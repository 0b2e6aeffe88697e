/**
 * A request record's numbers in a row of doubles, as a client worker thread hands its finished
 * records to the main thread (client/pool.ts): one Float64Array a batch, moved between threads
 * without a copy, instead of an object per record that the main thread would parse and collect.
 * What is not a number travels beside it: the record's JSON text (for the journal and the result
 * file) and, for a failed record, its error.
 */
import type { OutputTokensSource, RequestError, RequestRecord } from './types.js'

export const PACKED_FIELDS = 14
export const ID = 0
export const FLAGS = 1
export const SENT = 2
export const END = 3
export const TTFT = 4
export const TPOT = 5
export const E2E = 6
export const QUEUE = 7
export const INPUT = 8
export const OUTPUT = 9
export const MAX = 10
export const EVENTS = 11
export const COALESCED = 12
export const GAPS = 13

export const FLAG_OK = 1
export const FLAG_CANCELLED = 2
export const FLAG_DONE = 4
export const FLAG_INPUT_ESTIMATE = 8
/** output_tokens_source, as its index in OUTPUT_SOURCES, from this bit. */
const SOURCE_SHIFT = 4
export const OUTPUT_SOURCES: readonly OutputTokensSource[] = ['usage', 'details', 'events', 'imported']

const orNaN = (value: number | null): number => (value === null ? Number.NaN : value)

/** Writes `record`'s numbers at `values[at…at + PACKED_FIELDS)`; its gaps go beside (GAPS counts them). */
export function packRecord(record: RequestRecord, values: Float64Array, at: number): void {
  const source = OUTPUT_SOURCES.indexOf(record.output_tokens_source)
  if (source < 0) throw new Error(`packRecord: output_tokens_source ${JSON.stringify(record.output_tokens_source)} is not one the client writes`)
  values[at + ID] = record.id
  values[at + FLAGS] =
    (record.ok ? FLAG_OK : 0) | (record.error?.kind === 'cancelled' ? FLAG_CANCELLED : 0) | (record.done ? FLAG_DONE : 0) | (record.input_tokens_source === 'estimate' ? FLAG_INPUT_ESTIMATE : 0) | (source << SOURCE_SHIFT)
  values[at + SENT] = orNaN(record.sent_ms)
  values[at + END] = record.end_ms
  values[at + TTFT] = orNaN(record.ttft_ms)
  values[at + TPOT] = orNaN(record.tpot_ms)
  values[at + E2E] = orNaN(record.e2e_ms)
  values[at + QUEUE] = orNaN(record.client_queue_ms)
  values[at + INPUT] = record.input_tokens
  values[at + OUTPUT] = record.output_tokens
  values[at + MAX] = record.max_tokens
  values[at + EVENTS] = record.content_events
  values[at + COALESCED] = record.coalesced_events
  values[at + GAPS] = record.itl_ms.length
}

export const outputSourceOf = (flags: number): OutputTokensSource => OUTPUT_SOURCES[(flags >> SOURCE_SHIFT) & 3]!

/**
 * Finished records as one thread hands them to another: their journal lines, and their numbers
 * packed. Plain strings and arrays, not typed arrays: what arrives on the receiving thread is then
 * on its heap, collected with its young generation, where typed arrays would be memory outside
 * the heap, collected only after tens of megabytes of it have piled up.
 */
export interface RecordBatch {
  /** The records' journal lines (journal.ts), one after another. */
  lines: string
  /** The prefix each line starts with, before the record's JSON text; each line ends with `}\n`. */
  prefix: string
  /** Each record's JSON text: its length in UTF-8 bytes, and in characters. */
  bytes: number[]
  chars: number[]
  /** PACKED_FIELDS numbers a record. */
  values: number[]
  /** The records' gaps, record after record (GAPS says how many each). */
  gaps: number[]
  /** The error of each record that has one, by its position in the batch. */
  errors: Array<[number, RequestError]>
}

/** Packs records into a batch whose lines start with `prefix` (the journal's, for their trial) and end with `}\n`. */
export function packBatch(records: readonly RequestRecord[], prefix: string): RecordBatch {
  const n = records.length
  const row = new Float64Array(PACKED_FIELDS)
  const values: number[] = []
  const gaps: number[] = []
  const bytes: number[] = []
  const chars: number[] = []
  const errors: Array<[number, RequestError]> = []
  const lines: string[] = []
  for (let k = 0; k < n; k++) {
    const record = records[k]!
    packRecord(record, row, 0)
    for (const value of row) values.push(value)
    for (const gap of record.itl_ms) gaps.push(gap)
    if (record.error !== undefined) errors.push([k, record.error])
    const json = JSON.stringify(record)
    bytes.push(Buffer.byteLength(json))
    chars.push(json.length)
    lines.push(`${prefix}${json}}\n`)
  }
  return { lines: lines.join(''), prefix, bytes, chars, values, gaps, errors }
}
