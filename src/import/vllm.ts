import { createHash } from 'node:crypto'
import { basename } from 'node:path'
import { z } from 'zod'
import { canonicalJson } from '../config/workload.js'
import { parseWithSchema, readStructuredFile } from '../config/validate.js'
import { InputError } from '../errors.js'
import { summarizeRun, summarizeTrial } from '../result/summary.js'
import { DEFINITIONS_VERSION, RESULT_SCHEMA, type RequestRecord, type ResultFile, type TrialResult } from '../result/types.js'
import { captureRunner } from '../environment.js'
import { TOOL_NAME, TOOL_VERSION } from '../version.js'

/**
 * `vllm bench serve --save-result --save-detailed` writes run-level figures and, per request,
 * `input_lens`, `output_lens`, `ttfts` (seconds), `itls` (lists of seconds) and `errors` (empty
 * for a success). Fields vLLM added over time (`start_times`, `failed`, `request_goodput`) are
 * used when present.
 */
const vllmSchema = z.looseObject({
  backend: z.string().optional(),
  endpoint_type: z.string().optional(),
  model_id: z.string().optional(),
  tokenizer_id: z.string().optional(),
  num_prompts: z.number().optional(),
  request_rate: z.union([z.number(), z.string()]).nullable().optional(),
  burstiness: z.number().nullable().optional(),
  max_concurrency: z.number().nullable().optional(),
  date: z.string().optional(),
  duration: z.number({ error: 'expected the benchmark duration in seconds' }).positive(),
  input_lens: z.array(z.number(), { error: 'expected per-request input lengths: run vllm bench serve with --save-result --save-detailed' }),
  output_lens: z.array(z.number(), { error: 'expected per-request output lengths: run vllm bench serve with --save-result --save-detailed' }),
  ttfts: z.array(z.number(), { error: 'expected per-request TTFTs in seconds: run vllm bench serve with --save-result --save-detailed' }),
  itls: z.array(z.array(z.number()), { error: 'expected per-request ITL lists in seconds: run vllm bench serve with --save-result --save-detailed' }),
  errors: z.array(z.string().nullable()).optional(),
  start_times: z.array(z.number()).optional()
})

type VllmResult = z.output<typeof vllmSchema>

const round3 = (value: number): number => Math.round(value * 1000) / 1000

/** The run-level settings that decide what was sent: equal for two runs of the same benchmark command. */
function vllmWorkload(run: VllmResult, name: string): ResultFile['workload'] {
  const settings = {
    source: 'vllm bench serve',
    backend: run.backend ?? null,
    endpoint_type: run.endpoint_type ?? null,
    model: run.model_id ?? null,
    tokenizer_id: run.tokenizer_id ?? null,
    num_prompts: run.num_prompts ?? run.ttfts.length,
    request_rate: run.request_rate ?? null,
    burstiness: run.burstiness ?? null,
    max_concurrency: run.max_concurrency ?? null
  }
  return { name, ...settings, workload_hash: `sha256:${createHash('sha256').update(canonicalJson(settings)).digest('hex')}` }
}

function trialFromVllm(run: VllmResult, index: number, file: string): TrialResult {
  const count = run.ttfts.length
  for (const [field, length] of [['input_lens', run.input_lens.length], ['output_lens', run.output_lens.length], ['itls', run.itls.length], ['errors', run.errors?.length ?? count]] as const) {
    if (length !== count) throw new InputError(`vllm result ${file}: ${field} has ${length} entries but ttfts has ${count}; expected one per request`)
  }
  const firstStart = run.start_times !== undefined && run.start_times.length > 0 ? Math.min(...run.start_times) : null
  const records: RequestRecord[] = []
  for (let id = 0; id < count; id++) {
    const error = run.errors?.[id] ?? ''
    const ok = error === null || error === ''
    const ttft = run.ttfts[id]! * 1000
    const itl = run.itls[id]!.map((gap) => round3(gap * 1000))
    const e2e = ttft + itl.reduce((sum, gap) => sum + gap, 0)
    const outputTokens = run.output_lens[id]!
    const sent = firstStart !== null && run.start_times![id] !== undefined ? (run.start_times![id]! - firstStart) * 1000 : 0
    records.push({
      id,
      scheduled_ms: round3(sent),
      sent_ms: round3(sent),
      client_queue_ms: null,
      end_ms: round3(sent + (ok ? e2e : 0)),
      ttft_ms: ok ? round3(ttft) : null,
      e2e_ms: ok ? round3(e2e) : null,
      tpot_ms: ok && outputTokens > 1 ? round3((e2e - ttft) / (outputTokens - 1)) : null,
      itl_ms: ok ? itl : [],
      input_tokens: run.input_lens[id]!,
      input_tokens_source: 'imported',
      output_tokens: outputTokens,
      output_tokens_source: 'imported',
      max_tokens: outputTokens,
      content_events: ok ? itl.length + 1 : 0,
      coalesced_events: 0,
      done: ok,
      ok,
      ...(ok ? {} : { error: { kind: 'unknown' as const, message: String(error).replace(/\s+/g, ' ').slice(0, 300) } })
    })
  }
  // Without per-request start times the only duration is vLLM's own, which docs/metrics.md's per-trial rates then use.
  const { summary, durationS } = summarizeTrial({ records, slo: {}, targetRate: null, ...(firstStart === null ? { durationS: run.duration } : {}) })
  return { index, started_at: run.date ?? new Date(0).toISOString(), duration_s: durationS, requests: records, summary }
}

/**
 * Converts one or more `vllm bench serve` detailed results into a result file; each file is one
 * trial, so five runs of the same command give the five trials the trial-level tests need.
 */
export function importVllm(files: readonly string[], name?: string): ResultFile {
  if (files.length === 0) throw new InputError('import --from vllm: give at least one result file')
  const runs = files.map((file) => parseWithSchema(vllmSchema, readStructuredFile(file, 'vllm result'), file, 'vllm result'))
  const workloadName = name ?? basename(files[0]!).replace(/\.json$/, '').replace(/[^A-Za-z0-9._-]/g, '-')
  const workloads = runs.map((run) => vllmWorkload(run, workloadName))
  const differing = workloads.findIndex((w) => w.workload_hash !== workloads[0]!.workload_hash)
  if (differing > 0) throw new InputError(`vllm result ${files[differing]}: its settings (backend, model, rate, concurrency, prompts) differ from ${files[0]}; trials of one result must come from the same command`)
  const trials = runs.map((run, index) => trialFromVllm(run, index, files[index]!))
  const first = runs[0]!
  return {
    schema: RESULT_SCHEMA,
    definitions: DEFINITIONS_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    created_at: first.date ?? new Date().toISOString(),
    workload: workloads[0]!,
    environment: {
      server: { url: 'unknown (imported from vllm bench serve)', model: first.model_id ?? null, version: null, engine: first.backend ?? null },
      gpu: [],
      runner: captureRunner()
    },
    notes: [
      `imported from vllm bench serve: ${files.join(', ')}`,
      'timestamps are vLLM client\'s: e2e_ms is ttft + the sum of its ITLs, token counts are as vLLM reported them, and there is no client schedule lag'
    ],
    trials,
    summary: summarizeRun(trials, {})
  }
}
