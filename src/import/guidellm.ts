import { extname } from 'node:path'
import { readJsonFile, readStructuredFile } from '../config/validate.js'
import { InputError } from '../errors.js'
import type { ResultFile } from '../result/types.js'
import { buildResult, buildTrial, chooseRuns, inputLengthKey, isoFromEpochSeconds, maxOf, minOf, nameFromFile, observedLengths, safeName, type ImportedRequest, type ImportedRun } from './common.js'

/**
 * GuideLLM `benchmarks.json` / `.yaml` (vllm-project/guidellm, read at ee7a7745 and its tags):
 * a report with `benchmarks[]`, each one load (a strategy) with `requests.{successful, incomplete,
 * errored}`. Two shapes of request exist:
 * - 0.2–0.3 (no report version): flat `start_time`, `first_token_time`, `last_token_time`,
 *   `end_time` (epoch seconds), `prompt_tokens`, `output_tokens`, `error`, `scheduler_info`;
 * - 0.4 and later (report version none in 0.4, 1 in 0.5–0.6, 2 from 0.7): `info.timings.{targeted_start,
 *   request_start, first_token_iteration, last_token_iteration, request_end, token_iterations}`,
 *   `info.error`, and the serialised `prompt_tokens` / `output_tokens`.
 */
const HANDLED = 'GuideLLM 0.2–0.4 (no report version) and report versions 1 (0.5–0.6) and 2 (0.7 and later)'

type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value)
const numberAt = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null)
const objectAt = (value: unknown): Json => (isObject(value) ? value : {})

type Shape = 'flat' | 'timings'

interface GuideRequest {
  targeted: number | null
  start: number | null
  first: number | null
  last: number | null
  end: number | null
  prompt: number | null
  output: number | null
  iterations: number | null
  error: string | null
}

function readRequest(raw: unknown, shape: Shape): GuideRequest {
  const r = objectAt(raw)
  if (shape === 'flat') {
    const scheduler = objectAt(r.scheduler_info)
    const targeted = numberAt(scheduler.targeted_start_time)
    return {
      targeted: targeted !== null && targeted > 0 ? targeted : null,
      start: numberAt(r.start_time),
      first: numberAt(r.first_token_time),
      last: numberAt(r.last_token_time),
      end: numberAt(r.end_time),
      prompt: numberAt(r.prompt_tokens),
      output: numberAt(r.output_tokens),
      iterations: null,
      error: typeof r.error === 'string' ? r.error : null
    }
  }
  const info = objectAt(r.info)
  const timings = objectAt(info.timings)
  const input = objectAt(r.input_metrics)
  const output = objectAt(r.output_metrics)
  const iterations = numberAt(timings.token_iterations)
  return {
    targeted: numberAt(timings.targeted_start),
    start: numberAt(timings.request_start) ?? numberAt(timings.resolve_start),
    first: numberAt(timings.first_token_iteration),
    last: numberAt(timings.last_token_iteration),
    end: numberAt(timings.request_end) ?? numberAt(timings.resolve_end),
    prompt: numberAt(r.prompt_tokens) ?? numberAt(input.total_tokens) ?? numberAt(input.text_tokens),
    // GuideLLM's own fallback without usage: one token per iteration.
    output: numberAt(r.output_tokens) ?? numberAt(output.total_tokens) ?? numberAt(output.text_tokens) ?? (iterations !== null && iterations > 0 ? iterations : null),
    iterations,
    error: typeof info.error === 'string' ? info.error : null
  }
}

function shapeOf(report: Json, file: string): { shape: Shape; version: string } {
  const metadata = objectAt(report.metadata)
  const version = metadata.version
  if (version !== undefined && version !== 1 && version !== 2) {
    throw new InputError(`guidellm report ${file}: metadata.version is ${JSON.stringify(version)}, which is not handled; handled: ${HANDLED}`)
  }
  const benchmarks = report.benchmarks
  if (!Array.isArray(benchmarks)) throw new InputError(`guidellm report ${file}: benchmarks: missing; expected the benchmarks.json (or .yaml) GuideLLM writes (${HANDLED})`)
  const sample = benchmarks.map((b) => objectAt(objectAt(b).requests)).flatMap((r) => [...(Array.isArray(r.successful) ? r.successful : []), ...(Array.isArray(r.errored) ? r.errored : [])])[0]
  if (sample === undefined) return { shape: 'timings', version: version === undefined ? 'unversioned' : String(version) }
  const s = objectAt(sample)
  if (isObject(s.info) && isObject(objectAt(s.info).timings)) return { shape: 'timings', version: version === undefined ? '0.4' : `version ${String(version)}` }
  if ('start_time' in s && 'first_token_time' in s) return { shape: 'flat', version: '0.2–0.3' }
  throw new InputError(`guidellm report ${file}: its requests have neither info.timings nor start_time/first_token_time; this shape is not handled (${HANDLED})`)
}

interface Benchmark {
  number: number
  strategy: Json
  requests: ImportedRequest[]
  targetRate: number | null
  startedAt: number | null
  model: string | null
  lagNote: string
}

const OPEN_LOOP = new Set(['constant', 'poisson'])

function describeStrategy(strategy: Json): string {
  const type = String(strategy.type_ ?? 'unknown')
  const rate = numberAt(strategy.rate)
  const parts = [type]
  if (rate !== null) parts.push(`${rate.toPrecision(4)} req/s`)
  if (numberAt(strategy.streams) !== null) parts.push(`${String(strategy.streams)} streams`)
  if (numberAt(strategy.max_concurrency) !== null) parts.push(`max concurrency ${String(strategy.max_concurrency)}`)
  return parts.join(', ')
}

function findModel(value: unknown, depth = 0): string | null {
  if (!isObject(value) || depth > 3) return null
  if (typeof value.model === 'string' && value.model !== '') return value.model
  if (typeof value.backend_model === 'string' && value.backend_model !== 'None') return value.backend_model
  for (const inner of Object.values(value)) {
    const found = findModel(inner, depth + 1)
    if (found !== null) return found
  }
  return null
}

function readBenchmark(raw: unknown, number: number, shape: Shape, file: string): { benchmark: Benchmark; settingsPart: Json } {
  const b = objectAt(raw)
  const where = `guidellm report ${file} benchmark ${number}`
  const config = objectAt(b.config)
  const args = objectAt(b.args)
  const strategy = objectAt(shape === 'flat' ? args.strategy : config.strategy)
  const lists = objectAt(b.requests)
  const groups = (['successful', 'errored', 'incomplete'] as const).map((status) => ({ status, items: Array.isArray(lists[status]) ? (lists[status] as unknown[]) : [] }))
  const totals = shape === 'flat' ? objectAt(b.request_totals) : objectAt(objectAt(b.scheduler_metrics).requests_made)
  const sampled = shape === 'flat' ? b.request_samples != null : config.sample_size != null && groups.some(({ status, items }) => numberAt(totals[status]) !== null && items.length < numberAt(totals[status])!)
  if (sampled) {
    throw new InputError(
      `${where}: keeps only a sample of its requests (${groups.map(({ status, items }) => `${items.length} of ${String(totals[status] ?? '?')} ${status}`).join(', ')}); rates and error counts from a sample are wrong, so rerun GuideLLM without --output-sampling / --sample-requests`
    )
  }
  const read = groups.flatMap(({ status, items }) => items.map((item) => ({ status, request: readRequest(item, shape) })))
  if (read.length === 0) throw new InputError(`${where}: holds no requests`)
  const openLoop = OPEN_LOOP.has(String(strategy.type_)) && numberAt(strategy.max_concurrency) === null
  read.sort((a, b) => (a.request.start ?? Infinity) - (b.request.start ?? Infinity))
  const origin = minOf(read.map(({ request }) => Math.min(request.start ?? Infinity, openLoop ? (request.targeted ?? Infinity) : Infinity)))
  const ms = (t: number | null): number | null => (t === null || !Number.isFinite(origin) ? null : (t - origin) * 1000)
  const requests = read.map(({ status, request }): ImportedRequest => {
    const ok = status === 'successful'
    const ttft = request.first !== null && request.start !== null ? (request.first - request.start) * 1000 : null
    const lastContent = request.last ?? (ok ? request.end : null)
    return {
      sentMs: ms(request.start),
      scheduledMs: openLoop ? ms(request.targeted) : null,
      endMs: ms(request.end),
      ttftMs: ttft,
      itlMs: null,
      e2eMs: lastContent !== null && request.start !== null && request.first !== null ? (lastContent - request.start) * 1000 : null,
      inputTokens: request.prompt ?? 0,
      outputTokens: ok ? (request.output ?? 0) : 0,
      ...(request.iterations !== null ? { contentEvents: request.iterations } : {}),
      ok,
      cancelled: status === 'incomplete',
      ...(status === 'errored' ? { error: { message: request.error ?? '' } } : {})
    }
  })
  // The rate the schedule itself set: GuideLLM keeps each request's targeted start.
  const targeted = read.map(({ request }) => request.targeted).filter((t): t is number => t !== null)
  const span = targeted.length > 1 ? maxOf(targeted) - minOf(targeted) : 0
  const targetRate = openLoop && span > 0 ? (targeted.length - 1) / span : null
  const pick = (value: Json, keys: readonly string[]): Json => Object.fromEntries(keys.filter((key) => key in value).map((key) => [key, value[key]]))
  const settingsPart: Json = {
    strategy: pick(strategy, ['type_', 'rate', 'streams', 'max_concurrency', 'rampup_duration', 'initial_burst', 'random_seed', 'time_scale']),
    limits:
      shape === 'flat'
        ? pick(args, ['max_number', 'max_duration', 'warmup_number', 'warmup_duration', 'cooldown_number', 'cooldown_duration'])
        : { constraints: config.constraints ?? null, warmup: config.warmup ?? null, cooldown: config.cooldown ?? null }
  }
  return {
    benchmark: {
      number,
      strategy,
      requests,
      targetRate,
      startedAt: read[0]!.request.start,
      model: findModel(config.backend) ?? findModel(b.worker),
      lagNote: openLoop
        ? 'scheduled_ms is GuideLLM\'s targeted_start, so client_queue_ms (schedule lag) is its request_start - targeted_start'
        : `a ${String(strategy.type_)} load sends when a slot frees: there is no schedule to lag behind`
    },
    settingsPart
  }
}

/** What the report says about the prompts, for every benchmark of it (0.2–0.3 keep it per benchmark). */
function dataSpec(report: Json, benchmark: Json): Json {
  const spec = objectAt(objectAt(report.config).spec)
  if (Object.keys(spec).length > 0) return { data: spec.data ?? null, seed: spec.seed ?? null }
  const args = objectAt(report.args)
  if (Object.keys(args).length > 0) return { data: args.data ?? null, data_args: args.data_args ?? null, seed: args.random_seed ?? null }
  const loader = objectAt(benchmark.request_loader)
  return { data: loader.data ?? null, data_args: loader.data_args ?? null }
}

/**
 * Converts one benchmark of a GuideLLM report into a result file. Each benchmark is one load (a
 * sweep's rates are different loads), so each is its own result; `benchmark` picks one when the
 * report holds several workloads, and benchmarks of the same workload become trials.
 */
export function importGuidellm(files: readonly string[], name?: string, benchmark?: number): ResultFile {
  if (files.length !== 1) throw new InputError('import --from guidellm: give exactly one benchmarks.json or benchmarks.yaml')
  const file = files[0]!
  const extension = extname(file).toLowerCase()
  const document = extension === '.yaml' || extension === '.yml' ? readStructuredFile(file, 'guidellm report') : readJsonFile(file, 'guidellm report')
  if (!isObject(document)) throw new InputError(`guidellm report ${file}: expected an object with benchmarks (${HANDLED})`)
  const { shape, version } = shapeOf(document, file)
  const benchmarks = document.benchmarks as unknown[]
  const runs: Array<ImportedRun<Benchmark>> = benchmarks.map((raw, index) => {
    const { benchmark: read, settingsPart } = readBenchmark(raw, index + 1, shape, file)
    const settings = { ...settingsPart, dataset: dataSpec(document, objectAt(raw)), ...inputLengthKey(read.requests.map((r) => r.inputTokens)) }
    return { run: read, label: `benchmark ${index + 1}`, settings, describe: describeStrategy(read.strategy) }
  })
  const chosen = chooseRuns(runs, benchmark, `guidellm report ${file}`)
  const trials = chosen.map(({ run }, index) => buildTrial(index, { requests: run.requests, startedAt: isoFromEpochSeconds(run.startedAt, new Date(0).toISOString()), targetRate: run.targetRate }))
  const first = chosen[0]!
  const suffix = benchmarks.length > 1 ? `-benchmark${first.run.number}` : ''
  return buildResult({
    source: 'guidellm benchmark',
    name: name !== undefined ? safeName(name) : nameFromFile(file, suffix),
    settings: first.settings,
    observed: observedLengths(chosen.flatMap(({ run }) => run.requests)),
    model: first.run.model,
    engine: null,
    notes: [
      `imported from GuideLLM (${version === '0.2–0.3' || version === '0.4' ? `GuideLLM ${version} report` : `report ${version}`}): ${file}, ${chosen.map((run) => `${run.label} (${run.describe})`).join(', ')}`,
      'GuideLLM records the first and last token times of a request, not each token: itl_ms is empty (no ITL distribution); tpot_ms is (last - first) / (output tokens - 1), GuideLLM\'s inter_token_latency',
      'token counts are GuideLLM\'s (the server\'s usage where it sent one, otherwise one token per streamed iteration): the file does not say which',
      'incomplete requests (cut off when GuideLLM\'s benchmark ended) are recorded as cancelled and left out of the counts',
      first.run.lagNote
    ],
    trials,
    createdAt: isoFromEpochSeconds(first.run.startedAt, new Date().toISOString())
  })
}
