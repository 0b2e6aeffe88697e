import { importAiperf } from '../import/aiperf.js'
import { importGuidellm } from '../import/guidellm.js'
import { defaultJournalResultPath, importJournal } from '../import/journal.js'
import { importSglang } from '../import/sglang.js'
import { importVllm } from '../import/vllm.js'
import { InputError } from '../errors.js'
import { formatConsoleSummary } from '../output/console-summary.js'
import { writeJsonFile } from '../result/io.js'
import type { CommandIo } from '../process-io.js'

export const IMPORT_SOURCES = ['vllm', 'aiperf', 'guidellm', 'sglang', 'journal'] as const

export interface ImportOptions {
  from: string
  files: string[]
  out?: string
  name?: string
  /** Which run, when the input holds several workloads (1-based, as the listing numbers them). */
  benchmark?: number
}

const IMPORTERS = { vllm: importVllm, aiperf: importAiperf, guidellm: importGuidellm, sglang: importSglang }

/** Turns another tool's result (or a crashed run's journal) into a result file. */
export async function importCommand(options: ImportOptions, io: CommandIo): Promise<number> {
  if (!(IMPORT_SOURCES as readonly string[]).includes(options.from)) {
    throw new InputError(`--from: got ${JSON.stringify(options.from)}; expected one of ${IMPORT_SOURCES.join(', ')}`)
  }
  if (options.from === 'journal' && options.files.length !== 1) throw new InputError('import --from journal: give exactly one .journal.jsonl file')
  if (options.from === 'journal' && options.benchmark !== undefined) throw new InputError('import --from journal: --benchmark picks a run of another tool\'s file; a journal holds one run')
  const result = options.from === 'journal' ? importJournal(options.files[0]!) : IMPORTERS[options.from as keyof typeof IMPORTERS](options.files, options.name, options.benchmark)
  // A journal's result is named after the journal's file, never after the name inside it (`name: ../../x` would write anywhere).
  const out = options.out ?? (options.from === 'journal' ? defaultJournalResultPath(options.files[0]!) : `${result.workload.name}.result.json`)
  writeJsonFile(out, result)
  io.stdout.write(formatConsoleSummary(result))
  io.stderr.write(`result: ${out} (${result.trials.length} trial${result.trials.length === 1 ? '' : 's'})\n`)
  return 0
}
