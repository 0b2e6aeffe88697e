import type { WorkloadSpec } from '../config/workload.js'
import type { Journal } from '../result/journal.js'
import { MemorySpool } from '../result/spool.js'
import { TrialRecords } from '../result/trial-records.js'
import type { RequestRecord } from '../result/types.js'

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
    private readonly onRecord?: (record: RequestRecord) => void
  ) {
    this.memory = journal === null ? new MemorySpool() : null
    this.store = new TrialRecords(journal?.spool ?? this.memory!, slo)
  }

  /** Records that finished, with their JSON text (`JSON.stringify(record)`), in one journal write. */
  add(records: readonly RequestRecord[], jsons: readonly string[]): void {
    if (this.memory !== null) {
      records.forEach((record, i) => this.store.add(record, this.memory!.add(jsons[i]!), jsons[i]!.length))
    } else {
      const located = this.journal!.appendRecords(this.trial, jsons)
      if (located === null) throw new Error(`the journal ${this.journal!.path} was closed while trial ${this.trial + 1} ran`)
      records.forEach((record, i) => this.store.add(record, located.offsets[i]!, located.lengths[i]!))
    }
    if (this.onRecord !== undefined) for (const record of records) this.onRecord(record)
  }
}
