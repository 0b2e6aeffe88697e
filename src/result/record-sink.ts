import type { WorkloadSpec } from '../config/workload.js'
import type { Journal } from './journal.js'
import { FLAG_CANCELLED, FLAG_OK, FLAGS, GAPS, PACKED_FIELDS, type RecordBatch } from './packed-records.js'
import { MemorySpool } from './spool.js'
import { TrialRecords } from './trial-records.js'
import type { RequestRecord } from './types.js'

/** Who hears of finished requests (runner/run.ts RunObserver): each one, or counts of a batch where it takes them. */
export interface RecordObserver {
  requestDone?(record: RequestRecord): void
  requestsDone?(done: number, failed: number): void
}

/**
 * Where one trial's records go as they finish: appended to the journal (or, without one, kept
 * as text in memory) and added to the trial's columns. Nothing keeps the record objects.
 */
export class RecordSink {
  readonly store: TrialRecords
  private readonly memory: MemorySpool | null

  constructor(
    private readonly trial: number,
    private readonly journal: Journal | null,
    slo: WorkloadSpec['slo'],
    private readonly observer: RecordObserver = {}
  ) {
    this.memory = journal === null ? new MemorySpool() : null
    this.store = new TrialRecords(journal?.spool ?? this.memory!, slo)
  }

  /** Records that finished on this thread, with their JSON text (`JSON.stringify(record)`), in one journal write. */
  add(records: readonly RequestRecord[], jsons: readonly string[]): void {
    if (this.memory !== null) {
      records.forEach((record, i) => this.store.add(record, this.memory!.add(jsons[i]!), jsons[i]!.length))
    } else {
      const located = this.journal!.appendRecords(this.trial, jsons)
      if (located === null) throw this.closed()
      records.forEach((record, i) => this.store.add(record, located.offsets[i]!, located.lengths[i]!))
    }
    if (this.observer.requestsDone !== undefined) this.observer.requestsDone(records.length, records.filter((record) => !record.ok && record.error?.kind !== 'cancelled').length)
    else if (this.observer.requestDone !== undefined) for (const record of records) this.observer.requestDone(record)
  }

  /** Records a worker thread packed (packed-records.ts): their lines go to the journal as they are, their numbers to the columns. */
  addBatch(batch: RecordBatch): void {
    const count = batch.bytes.length
    const start = this.memory === null ? this.journal!.appendLines(batch.lines, count) : 0
    if (start === null) throw this.closed()
    const prefixBytes = Buffer.byteLength(batch.prefix)
    const prefixChars = batch.prefix.length
    const values = this.row
    let byteAt = start
    let charAt = 0
    let gapsFrom = 0
    let next = 0
    let failed = 0
    for (let k = 0; k < count; k++) {
      for (let f = 0; f < PACKED_FIELDS; f++) values[f] = batch.values[k * PACKED_FIELDS + f]!
      const error = batch.errors[next]?.[0] === k ? batch.errors[next++]![1] : undefined
      const offset = this.memory !== null ? this.memory.add(batch.lines.slice(charAt + prefixChars, charAt + prefixChars + batch.chars[k]!)) : byteAt + prefixBytes
      this.store.addPacked(values, 0, batch.gaps, gapsFrom, error, offset, batch.bytes[k]!)
      gapsFrom += values[GAPS]!
      byteAt += prefixBytes + batch.bytes[k]! + 2
      charAt += prefixChars + batch.chars[k]! + 2
      if ((values[FLAGS]! & FLAG_OK) === 0 && (values[FLAGS]! & FLAG_CANCELLED) === 0) failed++
    }
    if (this.observer.requestsDone !== undefined) this.observer.requestsDone(count, failed)
    else if (this.observer.requestDone !== undefined) {
      charAt = 0
      for (let k = 0; k < count; k++) {
        this.observer.requestDone(JSON.parse(batch.lines.slice(charAt + prefixChars, charAt + prefixChars + batch.chars[k]!)) as RequestRecord)
        charAt += prefixChars + batch.chars[k]! + 2
      }
    }
  }

  /** One record's packed numbers, reused. */
  private readonly row = new Float64Array(PACKED_FIELDS)

  private closed(): Error {
    return new Error(`the journal ${this.journal!.path} was closed while trial ${this.trial + 1} ran`)
  }
}
