import { z } from 'zod'
import { parseWithSchema, readJsonFile } from '../config/validate.js'
import { InputError } from '../errors.js'
import type { ResultFile } from '../result/types.js'
import { buildResult, buildTrial, chooseRuns, inputLengthKey, minOf, nameFromFile, numberList, numberLists, observedLengths, safeName, type ImportedRequest, type ImportedRun } from './common.js'
import { readJsonLines } from './jsonl.js'

// Python's float('inf') arrives as Infinity, which z.number() refuses.
const anyNumber = z.custom<number>((value) => typeof value === 'number', { error: 'expected a number' })

/**
 * `vllm bench serve --save-result --save-detailed` (vllm/benchmarks/serve.py, read at
 * 009e6d4a1cd6) writes run-level settings and, per request in send order, `input_lens`,
 * `output_lens` (0 for a failure), `ttfts` and `itls` (seconds), `errors` (empty for a success),
 * and since 2025 `start_times` (perf_counter seconds), `latencies` and `queue_times`.
 * `--append-result` appends further runs to the same file, one JSON object per line.
 */
const vllmSchema = z.looseObject({
  backend: z.string().optional(),
  endpoint_type: z.string().optional(),
  label: z.string().nullable().optional(),
  model_id: z.string().optional(),
  tokenizer_id: z.string().nullable().optional(),
  num_prompts: z.number().optional(),
  request_rate: z.union([anyNumber, z.string()]).nullable().optional(),
  burstiness: anyNumber.nullable().optional(),
  max_concurrency: z.number().nullable().optional(),
  ramp_up_strategy: z.string().nullable().optional(),
  ramp_up_start_rps: z.number().nullable().optional(),
  ramp_up_end_rps: z.number().nullable().optional(),
  date: z.string().optional(),
  duration: z.number({ error: 'expected the benchmark duration in seconds' }).positive(),
  input_lens: numberList('expected per-request input lengths: run vllm bench serve with --save-result --save-detailed'),
  output_lens: numberList('expected per-request output lengths: run vllm bench serve with --save-result --save-detailed'),
  ttfts: numberList('expected per-request TTFTs in seconds: run vllm bench serve with --save-result --save-detailed'),
  itls: numberLists('expected per-request ITL lists in seconds: run vllm bench serve with --save-result --save-detailed'),
  errors: z.array(z.string().nullable()).optional(),
  start_times: numberList('expected per-request send times in seconds').optional(),
  latencies: numberList('expected per-request latencies in seconds').optional(),
  queue_times: z.array(z.number().nullable()).optional()
})

type VllmRun = z.output<typeof vllmSchema>

/** vLLM's `date` (20261120-101500, the benchmarking machine's local time) as ISO-8601. */
function isoDate(date: string | undefined): string | null {
  const match = date === undefined ? null : /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})$/.exec(date)
  return match === null ? (date ?? null) : `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}`
}

/** The settings that decide what was sent: equal for two runs of the same benchmark command. The model is not one (docs/fingerprint.md). */
function vllmSettings(run: VllmRun): Record<string, unknown> {
  return {
    backend: run.backend ?? null,
    endpoint_type: run.endpoint_type ?? null,
    num_prompts: run.num_prompts ?? run.ttfts.length,
    request_rate: run.request_rate ?? null,
    burstiness: run.burstiness ?? null,
    max_concurrency: run.max_concurrency ?? null,
    ...(run.ramp_up_strategy != null ? { ramp_up_strategy: run.ramp_up_strategy, ramp_up_start_rps: run.ramp_up_start_rps ?? null, ramp_up_end_rps: run.ramp_up_end_rps ?? null } : {}),
    ...inputLengthKey(run.input_lens)
  }
}

/** A finite request rate vLLM's schedule kept exactly (it rescales its gaps to n / rate unless it ramps). */
function targetRate(run: VllmRun): number | null {
  const rate = typeof run.request_rate === 'string' ? Number(run.request_rate) : run.request_rate
  return typeof rate === 'number' && Number.isFinite(rate) && rate > 0 && run.ramp_up_strategy == null ? rate : null
}

function requestsOf(run: VllmRun, where: string): ImportedRequest[] {
  const count = run.ttfts.length
  const lengths: Array<[string, number | undefined]> = [
    ['input_lens', run.input_lens.length],
    ['output_lens', run.output_lens.length],
    ['itls', run.itls.length],
    ['errors', run.errors?.length],
    ['start_times', run.start_times?.length],
    ['latencies', run.latencies?.length],
    ['queue_times', run.queue_times?.length]
  ]
  for (const [field, length] of lengths) {
    if (length !== undefined && length !== count) throw new InputError(`${where}: ${field} has ${length} entries but ttfts has ${count}; expected one per request`)
  }
  const starts = run.start_times !== undefined && run.start_times.length > 0 ? run.start_times : null
  const firstStart = starts === null ? null : minOf(starts)
  // Without a concurrency cap, vLLM's queue time is the client falling behind its schedule; with
  // one, it is the wait for a free slot, which a closed loop does by design and is not lag.
  const queueIsLag = run.max_concurrency == null
  return run.ttfts.map((ttftS, id): ImportedRequest => {
    const message = run.errors?.[id] ?? ''
    const itlS = run.itls[id]!
    // A non-200 answer can leave an empty reason: nothing received is a failure all the same.
    const nothing = ttftS === 0 && itlS.length === 0 && run.output_lens[id] === 0
    const ok = (message === null || message === '') && !nothing
    const sentMs = starts === null ? null : (starts[id]! - firstStart!) * 1000
    const queueMs = queueIsLag ? run.queue_times?.[id] : null
    const latencyS = run.latencies?.[id]
    return {
      sentMs,
      scheduledMs: sentMs !== null && typeof queueMs === 'number' ? sentMs - queueMs * 1000 : null,
      endMs: sentMs !== null && latencyS !== undefined && latencyS > 0 ? sentMs + latencyS * 1000 : null,
      ttftMs: ttftS > 0 ? ttftS * 1000 : null,
      itlMs: ttftS > 0 ? itlS.map((gap) => gap * 1000) : null,
      inputTokens: run.input_lens[id]!,
      outputTokens: run.output_lens[id]!,
      ok,
      ...(ok ? {} : { error: { message: message ?? '' } })
    }
  })
}

/**
 * A file is one run (`--save-result`) or several, one per line (`--append-result`). A whole-file
 * parse comes first so a pretty-printed single run still reads.
 */
function readRuns(file: string): Array<{ value: unknown; line: number | null }> {
  let documentError: InputError
  try {
    return [{ value: readJsonFile(file, 'vllm result'), line: null }]
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    documentError = error
  }
  const lines: Array<{ value: unknown; line: number }> = []
  try {
    readJsonLines(file, 'vllm result', (value, line) => lines.push({ value, line }))
  } catch (error) {
    // A first line that is not JSON on its own: the file was meant as one document.
    if (lines.length === 0) throw documentError
    throw error
  }
  if (lines.length < 2) throw documentError
  return lines
}

/**
 * Converts `vllm bench serve` detailed results into a result file. Runs of the same command (one
 * file each, or appended lines) become its trials; `benchmark` picks a workload when they differ.
 */
export function importVllm(files: readonly string[], name?: string, benchmark?: number): ResultFile {
  if (files.length === 0) throw new InputError('import --from vllm: give at least one result file')
  const runs: Array<ImportedRun<{ run: VllmRun; where: string }>> = []
  for (const file of files) {
    for (const { value, line } of readRuns(file)) {
      const where = line === null ? `vllm result ${file}` : `vllm result ${file} line ${line}`
      const run = parseWithSchema(vllmSchema, value, line === null ? file : `${file} line ${line}`, 'vllm result')
      const settings = vllmSettings(run)
      runs.push({
        run: { run, where },
        label: `run ${runs.length + 1} (${line === null ? file : `${file} line ${line}`})`,
        settings,
        model: run.model_id ?? null,
        describe: `rate ${String(settings.request_rate)}, max concurrency ${String(settings.max_concurrency)}, ${String(settings.num_prompts)} prompts, median input ${String(settings.input_tokens_median)} tokens, model ${String(run.model_id ?? 'unnamed')}`
      })
    }
  }
  const chosen = chooseRuns(runs, benchmark, `import --from vllm ${files.join(' ')}`)
  const requests = chosen.map(({ run: { run, where } }) => requestsOf(run, where))
  const trials = chosen.map(({ run: { run } }, index) =>
    buildTrial(index, {
      requests: requests[index]!,
      startedAt: isoDate(run.date) ?? new Date(0).toISOString(),
      // Without send times the only duration is vLLM's own, which the per-trial rates of docs/metrics.md then use.
      ...(run.start_times === undefined || run.start_times.length === 0 ? { durationS: run.duration } : {}),
      targetRate: run.start_times !== undefined && run.start_times.length > 0 ? targetRate(run) : null
    })
  )
  const first = chosen[0]!.run.run
  const hasStarts = chosen.every(({ run: { run } }) => run.start_times !== undefined && run.start_times.length > 0)
  return buildResult({
    source: 'vllm bench serve',
    name: name !== undefined ? safeName(name) : nameFromFile(files[0]!),
    settings: vllmSettings(first),
    observed: { model_id: first.model_id ?? null, tokenizer_id: first.tokenizer_id ?? null, ...observedLengths(requests.flat()) },
    model: first.model_id ?? null,
    engine: null,
    notes: [
      `imported from vllm bench serve: ${chosen.map((run) => run.label).join(', ')}`,
      "timestamps are vLLM's client's: e2e_ms is ttft + the sum of its ITLs; token counts are as vLLM reported them (the server's usage where it sent one, otherwise vLLM's tokenizer on the text): the file does not say which",
      'vLLM does not save its dataset settings (input and output lengths): the workload hash holds the median input length to two significant digits; output lengths are checked by compare (output_tokens)',
      hasStarts
        ? first.max_concurrency == null
          ? 'send times are vLLM\'s start_times; its queue_times (the client behind its schedule) are the schedule lag'
          : "send times are vLLM's start_times; its queue_times are waits for a --max-concurrency slot, not lag, so there is no schedule lag"
        : 'the file has no start_times (vLLM before 2025): no send times, so throughput uses vLLM\'s own duration and there is no achieved rate or schedule lag'
    ],
    trials,
    createdAt: isoDate(first.date) ?? new Date().toISOString()
  })
}
