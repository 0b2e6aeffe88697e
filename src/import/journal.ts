import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import type { WorkloadSpec } from '../config/workload.js'
import { InputError } from '../errors.js'
import { Journal, type JournalEntry } from '../result/journal.js'
import { attachStore } from '../result/trial-records.js'
import { observeTrials, summarizeTrialRecords, summarizeTrials } from '../result/trial-summary.js'
import { DEFINITIONS_VERSION, RESULT_SCHEMA, type HostLoad, type ResultFile, type TrialResult } from '../result/types.js'
import { RecordSink } from '../result/record-sink.js'
import { TOOL_NAME, TOOL_VERSION } from '../version.js'
import { forEachJournalEntry } from './journal-lines.js'

interface JournaledTrial {
  started_at: string
  url: string
  targetRate: number | null
  sink: RecordSink
  ids: IdSet
  ended: boolean
  host?: HostLoad
}

/** Request ids seen in a trial: a bit per id up to a few million, a Set beyond. */
class IdSet {
  private bits = new Uint8Array(1024)
  private readonly large = new Set<number>()
  /** Adds `id`; false when it was there already. */
  add(id: number): boolean {
    if (!Number.isInteger(id) || id >= 1 << 24) {
      if (this.large.has(id)) return false
      this.large.add(id)
      return true
    }
    const byte = id >> 3
    if (byte >= this.bits.length) {
      const bigger = new Uint8Array(Math.max(byte + 1, this.bits.length * 2))
      bigger.set(this.bits)
      this.bits = bigger
    }
    const mask = 1 << (id & 7)
    if ((this.bits[byte]! & mask) !== 0) return false
    this.bits[byte]! |= mask
    return true
  }
}

/**
 * Rebuilds a result from the journal a run leaves beside its result file, for a run that died
 * before writing one. Every line is checked (journal-lines.ts); trials without their end line
 * are marked interrupted. The journal is read a piece at a time and its records kept as a run
 * keeps them (result/trial-records.ts): their text in a temporary file, their numbers in
 * columns. The file goes once the result is written (or when the process ends).
 */
export function importJournal(file: string): ResultFile {
  let run: Extract<JournalEntry, { type: 'run' }> | null = null
  const byTrial = new Map<number, JournaledTrial>()
  const trialOf = (index: number, line: number): JournaledTrial => {
    const trial = byTrial.get(index)
    if (trial === undefined) throw new InputError(`journal ${file}: line ${line} belongs to trial ${index}, which no earlier trial line started`)
    return trial
  }
  const directory = mkdtempSync(join(tmpdir(), 'llm-perf-gate-import-'))
  const spool = new Journal(join(directory, 'records.jsonl'))
  let slo: WorkloadSpec['slo'] = {}
  let cutLine: number | null
  try {
    ;({ cutLine } = forEachJournalEntry(file, (line, entry) => {
      if (run === null) {
        if (entry.type !== 'run') throw new InputError(`journal ${file}: line ${line} is a ${entry.type} line; expected the run header first, as in the .journal.jsonl a run writes beside its result`)
        run = entry
        slo = (run.workload as Partial<WorkloadSpec>).slo ?? {}
        return
      }
      if (entry.type === 'run') throw new InputError(`journal ${file}: line ${line} is a second run header; expected one journal per run`)
      if (entry.type === 'trial') {
        if (byTrial.has(entry.index)) throw new InputError(`journal ${file}: line ${line} starts trial ${entry.index} a second time`)
        byTrial.set(entry.index, { started_at: entry.started_at, url: entry.url, targetRate: entry.target_rate, sink: new RecordSink(entry.index, spool, slo), ids: new IdSet(), ended: false })
      }
      if (entry.type === 'request') {
        const trial = trialOf(entry.trial, line)
        if (!trial.ids.add(entry.record.id)) throw new InputError(`journal ${file}: line ${line} records request ${entry.record.id} of trial ${entry.trial} a second time`)
        trial.sink.add([entry.record], [JSON.stringify(entry.record)])
      }
      if (entry.type === 'trial_end') {
        const trial = trialOf(entry.index, line)
        trial.ended = !entry.interrupted
        if (entry.host !== undefined) trial.host = entry.host
      }
    }))
  } finally {
    // Removed now; the records stay readable through the open file until they are written to the result.
    spool.close(true)
    rmSync(directory, { recursive: true, force: true })
  }
  if (run === null) throw new InputError(`journal ${file}: no lines; expected the run header first, as in the .journal.jsonl a run writes beside its result`)
  const header = run as Extract<JournalEntry, { type: 'run' }>
  const workload = header.workload as ResultFile['workload'] & Partial<WorkloadSpec>
  const trials: TrialResult[] = [...byTrial.entries()]
    .filter(([, trial]) => trial.sink.store.size > 0)
    .map(([index, trial]) => {
      const { summary, durationS } = summarizeTrialRecords(trial.sink.store, slo, trial.targetRate)
      const result: TrialResult = { index, started_at: trial.started_at, duration_s: durationS, url: trial.url, ...(trial.ended ? {} : { interrupted: true }), ...(trial.host !== undefined ? { host: trial.host } : {}), requests: [], summary }
      return attachStore(result, trial.sink.store)
    })
  const complete = trials.length > 0 && trials.every((trial) => trial.interrupted !== true) && trials.length === (workload.trials ?? trials.length)
  const cut = cutLine === null ? [] : [`the journal's last line (${cutLine}) was cut off mid-write and is left out`]
  return {
    schema: RESULT_SCHEMA,
    definitions: DEFINITIONS_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    created_at: header.created_at,
    workload,
    environment: header.environment,
    ...(complete ? {} : { interrupted: true }),
    ...(header.pairing !== undefined ? { pairing: header.pairing } : {}),
    notes: [`rebuilt from the journal ${file}`, ...cut, ...observeTrials(trials, workload as unknown as WorkloadSpec)],
    trials,
    summary: summarizeTrials(trials, slo)
  }
}

/**
 * Where a rebuilt result goes when --out is not given: beside the journal, named after the
 * journal's own file name (`x.result.json.journal.jsonl` and a kept `x.result.json.journal.<time>.jsonl`
 * give `x.result.json`), never after text inside it. An existing file there is not replaced.
 */
export function defaultJournalResultPath(journal: string): string {
  const name = basename(journal)
  const marker = name.lastIndexOf('.journal')
  let stem = marker > 0 ? name.slice(0, marker) : name.replace(/\.jsonl$/, '')
  if (!stem.endsWith('.json')) stem = `${stem}.result.json`
  const out = join(dirname(journal), stem)
  if (existsSync(out)) throw new InputError(`import --from journal: ${out} already exists (the result of an earlier run?); pass --out to say where the rebuilt result goes`)
  return out
}
