import { loadWorkload, type Workload } from '../config/workload.js'
import { formatConsoleSummary } from '../output/console-summary.js'
import { createProgress } from '../output/progress.js'
import { writeJsonFile } from '../result/io.js'
import { Journal } from '../result/journal.js'
import type { ResultFile } from '../result/types.js'
import { runWorkload } from '../runner/run.js'
import type { CommandIo } from '../process-io.js'

export interface RunCommandOptions {
  workload: string
  url?: string
  model?: string
  trials?: number
  out?: string
  quiet?: boolean
}

export const defaultResultPath = (workload: Workload): string => `${workload.spec.name}.result.json`

/**
 * Runs a workload and writes its result. Each finished request also goes to a journal beside
 * the result, so a crash leaves what was measured on disk; the journal is removed once the
 * result is written.
 */
export async function runAndWrite(workload: Workload, out: string, io: CommandIo, quiet: boolean): Promise<ResultFile> {
  const journal = new Journal(`${out}.journal.jsonl`)
  const progress = createProgress({ stream: io.stderr, quiet })
  try {
    const result = await runWorkload(workload, { observer: progress, openJournal: () => journal, ...(io.signal !== undefined ? { signal: io.signal } : {}) })
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
  const out = options.out ?? defaultResultPath(workload)
  const result = await runAndWrite(workload, out, io, options.quiet === true)
  io.stdout.write(formatConsoleSummary(result))
  io.stderr.write(`result: ${out}${result.interrupted === true ? ' (interrupted: it holds the requests measured before the stop)' : ''}\n`)
  return result.interrupted === true ? 130 : 0
}
