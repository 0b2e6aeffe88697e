import { importJournal } from '../import/journal.js'
import { importVllm } from '../import/vllm.js'
import { InputError } from '../errors.js'
import { formatConsoleSummary } from '../output/console-summary.js'
import { writeJsonFile } from '../result/io.js'
import type { CommandIo } from '../process-io.js'

export const IMPORT_SOURCES = ['vllm', 'journal'] as const

export interface ImportOptions {
  from: string
  files: string[]
  out?: string
  name?: string
}

/** Turns another tool's result (or a crashed run's journal) into a result file. */
export async function importCommand(options: ImportOptions, io: CommandIo): Promise<number> {
  if (!(IMPORT_SOURCES as readonly string[]).includes(options.from)) {
    throw new InputError(`--from: got ${JSON.stringify(options.from)}; expected one of ${IMPORT_SOURCES.join(', ')}`)
  }
  if (options.from === 'journal' && options.files.length !== 1) throw new InputError('import --from journal: give exactly one .journal.jsonl file')
  const result = options.from === 'vllm' ? importVllm(options.files, options.name) : importJournal(options.files[0]!)
  const out = options.out ?? `${result.workload.name}.result.json`
  writeJsonFile(out, result)
  io.stdout.write(formatConsoleSummary(result))
  io.stderr.write(`result: ${out} (${result.trials.length} trial${result.trials.length === 1 ? '' : 's'})\n`)
  return 0
}
