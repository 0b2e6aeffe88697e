import { z } from 'zod'
import { parseWithSchema } from '../config/validate.js'
import { InputError } from '../errors.js'
import type { ResultFile } from '../result/types.js'
import { buildResult, buildTrial, chooseRuns, inputLengthKey, nameFromFile, numberList, numberLists, observedLengths, safeName, type ImportedRequest, type ImportedRun } from './common.js'
import { readJsonLines } from './jsonl.js'

const anyNumber = z.custom<number>((value) => typeof value === 'number', { error: 'expected a number' })

const DETAILS_HINT = 'run python -m sglang.bench_serving with --output-file and --output-details'

const detailsSchema = z.looseObject({
  input_lens: numberList(`expected per-request input lengths: ${DETAILS_HINT}`),
  output_lens: numberList(`expected per-request output lengths: ${DETAILS_HINT}`),
  ttfts: numberList(`expected per-request TTFTs in seconds: ${DETAILS_HINT}`),
  itls: numberLists(`expected per-request ITL lists in seconds: ${DETAILS_HINT}`),
  errors: z.array(z.string().nullable()).optional()
})

/**
 * One line of `python -m sglang.bench_serving --output-file F --output-details` (bench_serving.py
 * at sgl-project/sglang 0033168f, and sglang/benchmark/metrics.py save_results at 6e48df33): the
 * run's arguments (backend, dataset_name, request_rate, max_concurrency, the random_* and
 * sharegpt_output_len lengths), its summary, and per request `input_lens`, `output_lens` (0 for a
 * failure), `ttfts` and `itls` (seconds) and `errors`, at the top level or under `details`.
 */
const lineSchema = z.looseObject({
  backend: z.string().optional(),
  dataset_name: z.string().optional(),
  request_rate: z.union([anyNumber, z.string()]).nullable().optional(),
  max_concurrency: z.number().nullable().optional(),
  sharegpt_output_len: z.number().nullable().optional(),
  random_input_len: z.number().nullable().optional(),
  random_output_len: z.number().nullable().optional(),
  random_range_ratio: z.number().nullable().optional(),
  duration: z.number({ error: 'expected the benchmark duration in seconds' }).positive(),
  details: detailsSchema.optional()
})

type SglangLine = z.output<typeof lineSchema>
type Details = z.output<typeof detailsSchema>

function settingsOf(line: SglangLine, details: Details): Record<string, unknown> {
  return {
    backend: line.backend ?? null,
    dataset_name: line.dataset_name ?? null,
    request_rate: line.request_rate ?? null,
    max_concurrency: line.max_concurrency ?? null,
    sharegpt_output_len: line.sharegpt_output_len ?? null,
    random_input_len: line.random_input_len ?? null,
    random_output_len: line.random_output_len ?? null,
    random_range_ratio: line.random_range_ratio ?? null,
    num_prompts: details.ttfts.length,
    ...inputLengthKey(details.input_lens)
  }
}

function requestsOf(details: Details, where: string): ImportedRequest[] {
  const count = details.ttfts.length
  for (const [field, length] of [['input_lens', details.input_lens.length], ['output_lens', details.output_lens.length], ['itls', details.itls.length], ['errors', details.errors?.length ?? count]] as const) {
    if (length !== count) throw new InputError(`${where}: ${field} has ${length} entries but ttfts has ${count}; expected one per request`)
  }
  return details.ttfts.map((ttftS, id): ImportedRequest => {
    const message = details.errors?.[id] ?? ''
    const itlS = details.itls[id]!
    // A non-200 answer leaves SGLang's error as the HTTP reason, which can be empty.
    const nothing = ttftS === 0 && itlS.length === 0 && details.output_lens[id] === 0
    const ok = (message === null || message === '') && !nothing
    return {
      sentMs: null,
      ttftMs: ttftS > 0 ? ttftS * 1000 : null,
      itlMs: ttftS > 0 ? itlS.map((gap) => gap * 1000) : null,
      inputTokens: details.input_lens[id]!,
      outputTokens: details.output_lens[id]!,
      ok,
      ...(ok ? {} : { error: { message: message ?? '' } })
    }
  })
}

/** Converts SGLang bench_serving JSONL (one run per line) into a result file; lines of one workload become its trials. */
export function importSglang(files: readonly string[], name?: string, benchmark?: number): ResultFile {
  if (files.length === 0) throw new InputError('import --from sglang: give at least one bench_serving JSONL file')
  const runs: Array<ImportedRun<{ line: SglangLine; details: Details; where: string }>> = []
  for (const file of files) {
    readJsonLines(file, 'sglang result', (value, lineNumber) => {
      const where = `sglang result ${file} line ${lineNumber}`
      const line = parseWithSchema(lineSchema, value, `${file} line ${lineNumber}`, 'sglang result')
      const details = parseWithSchema(detailsSchema, line.details ?? value, `${file} line ${lineNumber}`, 'sglang result')
      const settings = settingsOf(line, details)
      runs.push({
        run: { line, details, where },
        label: `run ${runs.length + 1} (${file} line ${lineNumber})`,
        settings,
        describe: `rate ${String(settings.request_rate)}, max concurrency ${String(settings.max_concurrency)}, ${String(settings.num_prompts)} prompts, dataset ${String(settings.dataset_name)}, median input ${String(settings.input_tokens_median)} tokens`
      })
    })
  }
  const chosen = chooseRuns(runs, benchmark, `import --from sglang ${files.join(' ')}`)
  const requests = chosen.map(({ run }) => requestsOf(run.details, run.where))
  // SGLang writes no date; the import's own time stands in.
  const now = new Date().toISOString()
  const trials = chosen.map(({ run }, index) => buildTrial(index, { requests: requests[index]!, startedAt: now, durationS: run.line.duration, targetRate: null }))
  return buildResult({
    source: 'sglang bench_serving',
    name: name !== undefined ? safeName(name) : nameFromFile(files[0]!),
    settings: chosen[0]!.settings,
    observed: observedLengths(requests.flat()),
    model: null,
    engine: null,
    notes: [
      `imported from SGLang bench_serving: ${chosen.map((run) => run.label).join(', ')}`,
      "SGLang saves no send times, per-request latencies or date: throughput uses its own duration, there is no achieved rate or schedule lag, started_at is the import's time, and e2e_ms is ttft + the sum of its ITLs (SGLang's own latency also waits for [DONE])",
      "token counts are SGLang's output_lens (the server's completion_tokens where it sent them, otherwise the requested length): the file does not say which",
      'SGLang does not save the model name: compare cannot check that both runs served the same model'
    ],
    trials,
    createdAt: now
  })
}
