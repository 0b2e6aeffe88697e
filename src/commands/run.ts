import { loadThresholds } from '../config/thresholds.js'
import { loadWorkload, type Workload } from '../config/workload.js'
import { trialsOverErrorRate } from '../result/error-summary.js'
import { formatConsoleSummary } from '../output/console-summary.js'
import { createProgress } from '../output/progress.js'
import { writeJsonFile } from '../result/io.js'
import { Journal, keptJournalNote } from '../result/journal.js'
import type { ResultFile } from '../result/types.js'
import { runWorkload } from '../runner/run.js'
import { serverLogPath, withServers } from '../server/managed.js'
import type { CommandIo } from '../process-io.js'

export interface RunCommandOptions {
  workload: string
  url?: string
  model?: string
  trials?: number
  out?: string
  quiet?: boolean
  /** Thresholds file or preset whose validity.max_error_rate decides exit 3 (default: pr). */
  thresholds?: string
}

export const defaultResultPath = (workload: Workload): string => `${workload.spec.name}.result.json`

/**
 * Runs a workload and writes its result. Each finished request also goes to a journal beside
 * the result, so a crash leaves what was measured on disk; the journal is removed once the
 * result is written. A workload with `server:` has its server started and stopped around the run.
 */
export async function runAndWrite(workload: Workload, out: string, io: CommandIo, quiet: boolean): Promise<ResultFile> {
  const journal = new Journal(`${out}.journal.jsonl`)
  const kept = keptJournalNote(journal)
  if (kept !== null) io.stderr.write(kept)
  const progress = createProgress({ stream: io.stderr, quiet, ...(io.signal !== undefined ? { signal: io.signal } : {}) })
  try {
    // The workload's `server:` is started first and stopped after the run, whatever happens.
    const result = await withServers([{ workload, logPath: serverLogPath(out), label: 'server' }], io, () =>
      runWorkload(workload, { observer: progress, openJournal: () => journal, ...(io.signal !== undefined ? { signal: io.signal } : {}) })
    )
    writeJsonFile(out, result)
    journal.close(true)
    return result
  } catch (error) {
    if (journal.close(false)) io.stderr.write(`the requests measured before the failure are in ${journal.path}; \`llm-perf-gate import --from journal ${journal.path}\` turns them into a result file\n`)
    throw error
  } finally {
    progress.stop()
  }
}

export async function runCommand(options: RunCommandOptions, io: CommandIo): Promise<number> {
  const workload = loadWorkload(options.workload, {
    env: io.env,
    ...(options.url !== undefined ? { url: options.url } : {}),
    ...(options.model !== undefined ? { model: options.model } : {}),
    ...(options.trials !== undefined ? { trials: options.trials } : {})
  })
  // Read before the run, so a mistyped thresholds file fails in a second, not after it.
  const thresholds = loadThresholds(options.thresholds)
  const out = options.out ?? defaultResultPath(workload)
  const result = await runAndWrite(workload, out, io, options.quiet === true)
  io.stdout.write(formatConsoleSummary(result))
  io.stderr.write(`result: ${out}${result.interrupted === true ? ' (interrupted: it holds the requests measured before the stop)' : ''}\n`)
  if (result.interrupted === true) return 130
  const maxErrorRate = thresholds.validity.max_error_rate
  const over = trialsOverErrorRate(result.trials, maxErrorRate)
  if (over.length === 0) return 0
  const percent = (rate: number): string => `${(100 * rate).toFixed(1)}%`
  const which = over.map((trial) => `trial ${trial.index + 1}: ${percent(trial.errorRate)}`).join(', ')
  io.stderr.write(`too many failed requests (${which}), above validity.max_error_rate ${percent(maxErrorRate)} of the thresholds ${thresholds.source}: the result is written, but its numbers do not measure the server; the errors are listed above (exit 3)\n`)
  return 3
}
