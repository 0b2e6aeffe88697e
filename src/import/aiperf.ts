import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { z } from 'zod'
import { describeIssues, readJsonFile } from '../config/validate.js'
import { InputError } from '../errors.js'
import type { ResultFile } from '../result/types.js'
import { buildResult, buildTrial, chooseRuns, inputLengthKey, isoFromEpochSeconds, nameFromFile, observedLengths, safeName, type ImportedRequest, type ImportedRun } from './common.js'
import { readJsonLines } from './jsonl.js'

/**
 * AIPerf's per-request export, `profile_export.jsonl` (aiperf/common/models/record_models.py
 * MetricRecordInfo, written by post_processors/record_export_results_processor.py; read at
 * ai-dynamo/aiperf db4f6397): one line per request with `metadata` (wall-clock ns timestamps),
 * `metrics` (each `{value, unit}` in its display unit: ms for times, tokens for lengths) and `error`.
 */
const metricValue = z.looseObject({ value: z.unknown(), unit: z.string() })
const recordSchema = z.looseObject({
  metadata: z.looseObject({
    session_num: z.number().optional(),
    turn_index: z.number().nullable().optional(),
    request_start_ns: z.number({ error: 'expected the request start in ns since the epoch' }),
    request_end_ns: z.number({ error: 'expected the request end in ns since the epoch' }),
    benchmark_phase: z.string().optional(),
    was_cancelled: z.boolean().optional()
  }),
  metrics: z.record(z.string(), metricValue).nullable().optional(),
  error: z.looseObject({ code: z.number().nullable().optional(), type: z.string().nullable().optional(), message: z.string() }).nullable().optional()
})

type AiperfRecord = z.output<typeof recordSchema>

const MS_PER_UNIT: Record<string, number> = { ns: 1e-6, us: 1e-3, ms: 1, sec: 1000, s: 1000 }

function milliseconds(record: AiperfRecord, metric: string, where: string): number | null {
  const entry = record.metrics?.[metric]
  if (entry === undefined) return null
  const factor = MS_PER_UNIT[entry.unit]
  if (factor === undefined) throw new InputError(`${where}: metrics.${metric}.unit is ${JSON.stringify(entry.unit)}; expected one of ${Object.keys(MS_PER_UNIT).join(', ')}`)
  if (typeof entry.value !== 'number') throw new InputError(`${where}: metrics.${metric}.value is not a number`)
  return entry.value * factor
}

function tokens(record: AiperfRecord, metric: string): number | null {
  const value = record.metrics?.[metric]?.value
  return typeof value === 'number' ? value : null
}

function gapsMs(record: AiperfRecord, where: string): number[] | null {
  const entry = record.metrics?.inter_chunk_latency
  if (entry === undefined) return null
  const factor = MS_PER_UNIT[entry.unit]
  if (factor === undefined || !Array.isArray(entry.value) || entry.value.some((gap) => typeof gap !== 'number')) {
    throw new InputError(`${where}: metrics.inter_chunk_latency is not a list of times in ns, us, ms or sec`)
  }
  return (entry.value as number[]).map((gap) => gap * factor)
}

interface AiperfRun {
  file: string
  requests: ImportedRequest[]
  startNs: number
  warmup: number
  config: Record<string, unknown> | null
  configFile: string | null
}

/** The load and prompt settings from `profile_export_aiperf.json` beside the records (its `input_config`), without headers or secrets. */
function configSettings(config: Record<string, unknown> | null): Record<string, unknown> {
  if (config === null) return { load: null, prompts: null }
  const pick = (value: unknown, keys: readonly string[]): Record<string, unknown> | null =>
    value !== null && typeof value === 'object' ? Object.fromEntries(keys.filter((key) => key in value).map((key) => [key, (value as Record<string, unknown>)[key]])) : null
  const input = (config.input ?? {}) as Record<string, unknown>
  const prompt = (input.prompt ?? {}) as Record<string, unknown>
  const endpoint = pick(config.endpoint, ['type', 'streaming', 'custom_endpoint'])
  return {
    endpoint,
    load: pick(config.loadgen, ['concurrency', 'request_rate', 'request_rate_mode', 'request_count', 'benchmark_duration', 'request_cancellation_rate', 'request_cancellation_delay']),
    prompts: {
      ...pick(prompt, ['input_tokens', 'output_tokens', 'prefix_prompt', 'batch_size', 'sequence_distribution']),
      ...pick(input, ['file', 'public_dataset', 'custom_dataset_type', 'random_seed', 'fixed_schedule', 'extra']),
      ...pick(input.conversation, ['num', 'turn'])
    }
  }
}

function readConfig(jsonl: string): { config: Record<string, unknown> | null; file: string | null } {
  const file = join(dirname(jsonl), 'profile_export_aiperf.json')
  if (!existsSync(file)) return { config: null, file: null }
  const document = readJsonFile(file, 'aiperf summary')
  const config = document !== null && typeof document === 'object' ? (document as Record<string, unknown>).input_config : undefined
  return { config: config !== null && typeof config === 'object' ? (config as Record<string, unknown>) : null, file }
}

function readRun(file: string): AiperfRun {
  const records: Array<{ record: AiperfRecord; where: string }> = []
  let warmup = 0
  readJsonLines(file, 'aiperf export', (value, line) => {
    const where = `aiperf export ${file} line ${line}`
    if (value !== null && typeof value === 'object' && 'experiments' in value) {
      throw new InputError(`${where}: this is GenAI-Perf's profile_export.json (per-request timestamps without token counts), which is not handled; give AIPerf's per-record profile_export.jsonl (aiperf profile)`)
    }
    const parsed = recordSchema.safeParse(value)
    if (!parsed.success) {
      throw new InputError(`${where} is not an AIPerf per-request record (metadata, metrics, error):\n  - ${describeIssues(parsed.error.issues, value).join('\n  - ')}`)
    }
    if (parsed.data.metadata.benchmark_phase !== undefined && parsed.data.metadata.benchmark_phase !== 'profiling') warmup++
    else records.push({ record: parsed.data, where })
  })
  if (records.length === 0) throw new InputError(`aiperf export ${file}: holds no profiling records; expected one line per measured request`)
  // AIPerf writes records as they are processed, not in send order.
  records.sort((a, b) => a.record.metadata.request_start_ns - b.record.metadata.request_start_ns)
  const startNs = records[0]!.record.metadata.request_start_ns
  const requests = records.map(({ record, where }): ImportedRequest => {
    const { metadata, error } = record
    const cancelled = metadata.was_cancelled === true || error?.type === 'RequestCancellationError'
    const ok = error == null && !cancelled
    const input = tokens(record, 'input_sequence_length') ?? tokens(record, 'error_isl') ?? 0
    return {
      sentMs: (metadata.request_start_ns - startNs) / 1e6,
      endMs: (metadata.request_end_ns - startNs) / 1e6,
      ttftMs: milliseconds(record, 'time_to_first_token', where),
      itlMs: gapsMs(record, where),
      e2eMs: ok ? milliseconds(record, 'request_latency', where) : null,
      inputTokens: input,
      outputTokens: ok ? (tokens(record, 'output_sequence_length') ?? 0) : 0,
      ok,
      cancelled,
      ...(error != null ? { error: { message: `${error.type != null ? `${error.type}: ` : ''}${error.message}`, ...(error.code != null ? { status: error.code } : {}) } } : {})
    }
  })
  const { config, file: configFile } = readConfig(file)
  return { file, requests, startNs, warmup, config, configFile }
}

function settingsOf(run: AiperfRun): Record<string, unknown> {
  return { ...configSettings(run.config), ...inputLengthKey(run.requests.map((r) => r.inputTokens)) }
}

function describeLoad(settings: Record<string, unknown>): string {
  const load = settings.load as Record<string, unknown> | null
  if (load === null) return `median input ${String(settings.input_tokens_median)} tokens (no profile_export_aiperf.json beside it)`
  return `concurrency ${String(load.concurrency ?? '-')}, rate ${String(load.request_rate ?? '-')} ${String(load.request_rate_mode ?? '')}, median input ${String(settings.input_tokens_median)} tokens`
}

/** Converts AIPerf `profile_export.jsonl` files (one run each) into a result file; runs of one workload become its trials. */
export function importAiperf(files: readonly string[], name?: string, benchmark?: number): ResultFile {
  if (files.length === 0) throw new InputError('import --from aiperf: give at least one profile_export.jsonl')
  const runs: Array<ImportedRun<AiperfRun>> = files.map((file, index) => {
    const run = readRun(file)
    const settings = settingsOf(run)
    return { run, label: `run ${index + 1} (${file})`, settings, describe: describeLoad(settings) }
  })
  const chosen = chooseRuns(runs, benchmark, `import --from aiperf ${files.join(' ')}`)
  const trials = chosen.map(({ run }, index) => buildTrial(index, { requests: run.requests, startedAt: isoFromEpochSeconds(run.startNs / 1e9, new Date(0).toISOString()), targetRate: null }))
  const first = chosen[0]!.run
  const endpoint = (first.config?.endpoint ?? {}) as Record<string, unknown>
  const models = Array.isArray(endpoint.model_names) ? endpoint.model_names.filter((model): model is string => typeof model === 'string') : []
  const warmup = chosen.reduce((sum, { run }) => sum + run.warmup, 0)
  const noConfig = chosen.filter(({ run }) => run.config === null)
  return buildResult({
    source: 'aiperf profile',
    name: name !== undefined ? safeName(name) : nameFromFile(dirname(first.file) === '.' ? first.file : dirname(first.file)),
    settings: settingsOf(first),
    observed: observedLengths(chosen.flatMap(({ run }) => run.requests)),
    model: models[0] ?? null,
    engine: null,
    notes: [
      `imported from AIPerf: ${chosen.map((run) => run.label).join(', ')}`,
      "times are AIPerf's: ttft_ms is its time_to_first_token, e2e_ms its request_latency (to its last response), itl_ms its inter_chunk_latency (one gap per response, not per token); tpot_ms is (e2e - ttft) / (output tokens - 1), AIPerf's inter_token_latency",
      "token counts are AIPerf's input/output_sequence_length (its tokenizer, or the server's usage with --use-server-token-count): the file does not say which",
      'AIPerf does not record its send schedule: no target rate and no schedule lag',
      ...(noConfig.length > 0
        ? [`no profile_export_aiperf.json beside ${noConfig.map(({ run }) => run.file).join(', ')}: its concurrency and rate are unknown, so the workload hash holds only the median input length; keep the summary beside the records to compare loads`]
        : [`load and prompt settings from ${first.configFile}`]),
      ...(warmup > 0 ? [`${warmup} warm-up record(s) left out`] : [])
    ],
    trials,
    createdAt: isoFromEpochSeconds(first.startNs / 1e9, new Date().toISOString())
  })
}
