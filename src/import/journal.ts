import { existsSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { InputError } from '../errors.js'
import { summarizeRun, summarizeTrial } from '../result/summary.js'
import { observeServer } from '../result/notes.js'
import { DEFINITIONS_VERSION, RESULT_SCHEMA, type HostLoad, type RequestRecord, type ResultFile, type TrialResult } from '../result/types.js'
import type { WorkloadSpec } from '../config/workload.js'
import { TOOL_NAME, TOOL_VERSION } from '../version.js'
import { readJournalLines } from './journal-lines.js'

interface JournaledTrial {
  started_at: string
  url: string
  targetRate: number | null
  records: RequestRecord[]
  ids: Set<number>
  ended: boolean
  host?: HostLoad
}

/**
 * Rebuilds a result from the journal a run leaves beside its result file, for a run that died
 * before writing one. Every line is checked (journal-lines.ts); trials without their end line
 * are marked interrupted.
 */
export function importJournal(file: string): ResultFile {
  const { entries, cutLine } = readJournalLines(file)
  const head = entries[0]
  if (head === undefined || head.entry.type !== 'run') {
    throw new InputError(`journal ${file}: ${head === undefined ? 'no lines' : `line ${head.line} is a ${head.entry.type} line`}; expected the run header first, as in the .journal.jsonl a run writes beside its result`)
  }
  const run = head.entry
  const workload = run.workload as ResultFile['workload'] & Partial<WorkloadSpec>
  const slo = workload.slo ?? {}
  const byTrial = new Map<number, JournaledTrial>()
  const trialOf = (index: number, line: number): JournaledTrial => {
    const trial = byTrial.get(index)
    if (trial === undefined) throw new InputError(`journal ${file}: line ${line} belongs to trial ${index}, which no earlier trial line started`)
    return trial
  }
  for (const { line, entry } of entries.slice(1)) {
    if (entry.type === 'run') throw new InputError(`journal ${file}: line ${line} is a second run header; expected one journal per run`)
    if (entry.type === 'trial') {
      if (byTrial.has(entry.index)) throw new InputError(`journal ${file}: line ${line} starts trial ${entry.index} a second time`)
      byTrial.set(entry.index, { started_at: entry.started_at, url: entry.url, targetRate: entry.target_rate, records: [], ids: new Set(), ended: false })
    }
    if (entry.type === 'request') {
      const trial = trialOf(entry.trial, line)
      if (trial.ids.has(entry.record.id)) throw new InputError(`journal ${file}: line ${line} records request ${entry.record.id} of trial ${entry.trial} a second time`)
      trial.ids.add(entry.record.id)
      trial.records.push(entry.record)
    }
    if (entry.type === 'trial_end') {
      const trial = trialOf(entry.index, line)
      trial.ended = !entry.interrupted
      if (entry.host !== undefined) trial.host = entry.host
    }
  }
  const trials: TrialResult[] = [...byTrial.entries()]
    .filter(([, trial]) => trial.records.length > 0)
    .map(([index, trial]) => {
      const records = trial.records.sort((a, b) => a.id - b.id)
      const { summary, durationS } = summarizeTrial({ records, slo, targetRate: trial.targetRate })
      return { index, started_at: trial.started_at, duration_s: durationS, url: trial.url, ...(trial.ended ? {} : { interrupted: true }), ...(trial.host !== undefined ? { host: trial.host } : {}), requests: records, summary }
    })
  const complete = trials.length > 0 && trials.every((trial) => trial.interrupted !== true) && trials.length === (workload.trials ?? trials.length)
  const cut = cutLine === null ? [] : [`the journal's last line (${cutLine}) was cut off mid-write and is left out`]
  return {
    schema: RESULT_SCHEMA,
    definitions: DEFINITIONS_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    created_at: run.created_at,
    workload,
    environment: run.environment,
    ...(complete ? {} : { interrupted: true }),
    ...(run.pairing !== undefined ? { pairing: run.pairing } : {}),
    notes: [`rebuilt from the journal ${file}`, ...cut, ...observeServer(trials, workload as unknown as WorkloadSpec)],
    trials,
    summary: summarizeRun(trials, slo)
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
