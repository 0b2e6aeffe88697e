import { InputError } from '../errors.js'
import { summarizeRun, summarizeTrial } from '../result/summary.js'
import { observeServer } from '../result/notes.js'
import { readJournal } from '../result/journal.js'
import { DEFINITIONS_VERSION, RESULT_SCHEMA, type HostLoad, type RequestRecord, type ResultFile, type TrialResult } from '../result/types.js'
import { TOOL_NAME, TOOL_VERSION } from '../version.js'

/**
 * Rebuilds a result from the journal a run leaves beside its result file, for a run that died
 * before writing one. Trials without their end line are marked interrupted.
 */
export function importJournal(file: string): ResultFile {
  let entries
  try {
    entries = readJournal(file)
  } catch (error) {
    throw new InputError(`journal ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)}); expected the .journal.jsonl a run writes beside its result`)
  }
  const run = entries.find((entry) => entry.type === 'run')
  if (run === undefined || run.type !== 'run') throw new InputError(`journal ${file}: no run header line; expected the .journal.jsonl a run writes beside its result`)
  const workload = run.workload
  const slo = workload.slo ?? {}
  const byTrial = new Map<number, { started_at: string; url: string; records: RequestRecord[]; ended: boolean; host?: HostLoad }>()
  for (const entry of entries) {
    if (entry.type === 'trial') byTrial.set(entry.index, { started_at: entry.started_at, url: entry.url, records: [], ended: false })
    if (entry.type === 'request') byTrial.get(entry.trial)?.records.push(entry.record)
    if (entry.type === 'trial_end') {
      const trial = byTrial.get(entry.index)
      if (trial !== undefined) trial.ended = !entry.interrupted
      if (trial !== undefined && entry.host !== undefined) trial.host = entry.host
    }
  }
  const trials: TrialResult[] = [...byTrial.entries()]
    .filter(([, trial]) => trial.records.length > 0)
    .map(([index, trial]) => {
      const records = trial.records.sort((a, b) => a.id - b.id)
      const { summary, durationS } = summarizeTrial({ records, slo, targetRate: null })
      return { index, started_at: trial.started_at, duration_s: durationS, url: trial.url, ...(trial.ended ? {} : { interrupted: true }), ...(trial.host !== undefined ? { host: trial.host } : {}), requests: records, summary }
    })
  const complete = trials.length > 0 && trials.every((trial) => trial.interrupted !== true) && trials.length === (workload.trials ?? trials.length)
  return {
    schema: RESULT_SCHEMA,
    definitions: DEFINITIONS_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    created_at: run.created_at,
    workload,
    environment: run.environment,
    ...(complete ? {} : { interrupted: true }),
    ...(run.pairing !== undefined ? { pairing: run.pairing } : {}),
    notes: [`rebuilt from the journal ${file}`, ...observeServer(trials, workload)],
    trials,
    summary: summarizeRun(trials, slo)
  }
}
