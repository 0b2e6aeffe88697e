import { createHash } from 'node:crypto'
import { dirname, resolve } from 'node:path'
import { z } from 'zod'
import { describeValue, InputError } from '../errors.js'
import { serverSchema } from './server-schema.js'
import { DEFAULT_TELEMETRY, telemetrySchema } from './telemetry-schema.js'
import { clientSchema } from './client-schema.js'
import { checkNesting, parseWithSchema, readJsonlFile, readStructuredFile } from './validate.js'
import { checkBudgets, promptBytes, WORKLOAD_BOUNDS as BOUNDS } from './workload-bounds.js'
import { conversationSchema, datasetSchema, resolvePromptSources, type PromptSources } from '../workload/sources.js'
import { TOKENIZER_NAMES } from '../workload/tokenizers.js'

export const API_KINDS = ['openai-completions', 'openai-chat', 'tgi'] as const
export type ApiKind = (typeof API_KINDS)[number]

export const DEFAULT_PATHS: Record<ApiKind, string> = {
  'openai-completions': '/v1/completions',
  'openai-chat': '/v1/chat/completions',
  tgi: '/generate_stream'
}

const positive = z.number({ error: 'expected a number' }).positive({ error: 'expected a number > 0' })
const positiveInt = z.number({ error: 'expected an integer' }).int({ error: 'expected an integer' }).min(1, { error: 'expected an integer >= 1' })
const nonNegativeInt = z.number({ error: 'expected an integer' }).int({ error: 'expected an integer' }).min(0, { error: 'expected an integer >= 0' })
/** An upper bound from workload-bounds.ts, named in the message. */
const atMost = (max: number, what: string) => ({ error: `expected at most ${max.toLocaleString('en-US')} ${what} (llm-perf-gate's bound; see docs/reliability.md)` })
const timeout = (fallback: number) => positive.max(BOUNDS.timeoutSeconds, atMost(BOUNDS.timeoutSeconds, 'seconds')).default(fallback)

/** Header names are HTTP tokens; a CR or LF in a name or value would split the request (header injection). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
export const UNSAFE_HEADER_VALUE = /[\r\n\0]/

/** http:// or https:// only: the client speaks HTTP, and `file:` or other schemes are never what was meant. */
export const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL such as http://127.0.0.1:8000' })

interface Length {
  mean: number
  stddev: number
  min?: number | undefined
  max?: number | undefined
}

/** A token-length distribution: a bare number means exactly that many. */
const lengthSchema = (bound: number) =>
  z
    .union(
      [
        positiveInt.transform((mean): Length => ({ mean, stddev: 0 })),
        z.strictObject({
          mean: positive,
          stddev: z.number().min(0, { error: 'expected a number >= 0' }).default(0),
          min: positiveInt.optional(),
          max: positiveInt.optional()
        })
      ],
      { error: 'expected a token count (integer >= 1) or {mean, stddev, min, max}' }
    )
    .superRefine((length, ctx) => {
      for (const key of ['mean', 'stddev', 'min', 'max'] as const) {
        const value = length[key]
        // A bare count is the mean: the message then points at the count itself.
        if (value !== undefined && value > bound) ctx.addIssue({ code: 'custom', path: key === 'mean' ? [] : [key], message: atMost(bound, 'tokens').error })
      }
    })

const stageSchema = z.strictObject({
  rate: z
    .number()
    .min(0, { error: 'expected requests/s >= 0' })
    .max(BOUNDS.rate, atMost(BOUNDS.rate, 'requests/s'))
    .refine((rate) => rate === 0 || rate >= BOUNDS.minRate, { error: `expected 0 (a pause) or at least ${BOUNDS.minRate} requests/s` }),
  seconds: positive.max(BOUNDS.stageSeconds, atMost(BOUNDS.stageSeconds, 'seconds per stage'))
})

const loadSchema = z
  .strictObject({
    concurrency: positiveInt.max(BOUNDS.concurrency, atMost(BOUNDS.concurrency, 'requests in flight')).optional(),
    rate: positive.min(BOUNDS.minRate, { error: `expected at least ${BOUNDS.minRate} requests/s` }).max(BOUNDS.rate, atMost(BOUNDS.rate, 'requests/s')).optional(),
    arrival: z.enum(['constant', 'poisson', 'gamma'], { error: 'expected one of constant, poisson, gamma' }).default('poisson'),
    burstiness: positive.min(BOUNDS.burstiness.min, { error: `expected at least ${BOUNDS.burstiness.min}` }).max(BOUNDS.burstiness.max, atMost(BOUNDS.burstiness.max, '')).default(1),
    ramp: z.array(stageSchema).max(BOUNDS.rampStages, atMost(BOUNDS.rampStages, 'stages')).default([]),
    // No default, and false is dropped: only `true` changes the schedule, so only `true` enters the
    // workload hash, and every existing workload keeps its hash.
    exact_rate: z
      .boolean({ error: 'expected true or false' })
      .optional()
      .transform((value) => (value === true ? true : undefined))
      .optional()
  })
  .superRefine((load, ctx) => {
    if (load.ramp.reduce((sum, stage) => sum + stage.seconds, 0) > BOUNDS.rampSeconds) {
      ctx.addIssue({ code: 'custom', message: `the stages last more than ${BOUNDS.rampSeconds.toLocaleString('en-US')} s (a week) together; expected a shorter ramp`, path: ['ramp'] })
    }
    if (load.concurrency === undefined && load.rate === undefined && load.ramp.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'set load.concurrency (closed loop), load.rate (open loop) or load.ramp (open loop in stages)', path: [] })
    }
    if (load.rate !== undefined && load.ramp.length > 0) {
      ctx.addIssue({ code: 'custom', message: 'load.rate and load.ramp exclude each other: a ramp gives the rate of each stage', path: ['ramp'] })
    }
    if (load.ramp.length > 0 && load.ramp[load.ramp.length - 1]!.rate === 0) {
      ctx.addIssue({ code: 'custom', message: 'the last ramp stage continues until every request is sent, so its rate must be > 0', path: ['ramp', load.ramp.length - 1, 'rate'] })
    }
    if (load.exact_rate === true && load.rate === undefined) {
      ctx.addIssue({ code: 'custom', message: 'exact_rate rescales the gaps of one open-loop rate: set load.rate (a ramp gives each stage its own rate)', path: ['exact_rate'] })
    }
    if (load.burstiness !== 1 && load.arrival !== 'gamma') {
      ctx.addIssue({ code: 'custom', message: 'burstiness applies only to arrival: gamma', path: ['burstiness'] })
    }
  })

const promptsSchema = z
  .strictObject({
    source: z.enum(['synthetic', 'file', 'conversations', 'dataset'], { error: 'expected synthetic, file, conversations or dataset' }).default('synthetic'),
    file: z.string().min(1).optional(),
    // Optional without defaults, so that workloads written before them keep their hash (docs/workloads.md).
    tokenizer: z.enum(TOKENIZER_NAMES, { error: `expected one of ${TOKENIZER_NAMES.join(', ')}` }).optional(),
    conversation: conversationSchema.optional(),
    dataset: datasetSchema.optional(),
    input_tokens: lengthSchema(BOUNDS.inputTokens).default({ mean: 512, stddev: 0 }),
    output_tokens: lengthSchema(BOUNDS.outputTokens).default({ mean: 128, stddev: 0 }),
    shared_prefix_tokens: nonNegativeInt.max(BOUNDS.inputTokens, atMost(BOUNDS.inputTokens, 'tokens')).default(0)
  })
  .superRefine((prompts, ctx) => {
    if (prompts.source === 'file' && prompts.file === undefined) {
      ctx.addIssue({ code: 'custom', message: 'prompts.source is file, so prompts.file must name a JSONL file', path: ['file'] })
    }
  })

export const workloadSchema = z.strictObject({
  name: z.string({ error: 'expected a name (a string)' }).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: 'expected letters, digits, ".", "_" or "-" (it names files and the PR comment)' }),
  api: z.enum(API_KINDS, { error: `expected one of ${API_KINDS.join(', ')}` }).default('openai-chat'),
  url: httpUrl.default('http://127.0.0.1:8000'),
  path: z.string().startsWith('/', { error: 'expected a path starting with /' }).optional(),
  model: z.string().min(1).optional(),
  seed: z.number().int({ error: 'expected an integer' }).default(42),
  // The pr preset's number: below 5 trials a side the exact trial-level test cannot reach its alpha (thresholds/pr.yml).
  trials: positiveInt.max(BOUNDS.trials, atMost(BOUNDS.trials, 'trials')).default(5),
  requests: positiveInt.max(BOUNDS.requests, atMost(BOUNDS.requests, 'requests per trial')).default(200),
  warmup: nonNegativeInt.max(BOUNDS.warmup, atMost(BOUNDS.warmup, 'warm-up requests')).default(10),
  load: loadSchema,
  prompts: promptsSchema.default({ source: 'synthetic', input_tokens: { mean: 512, stddev: 0 }, output_tokens: { mean: 128, stddev: 0 }, shared_prefix_tokens: 0 }),
  sampling: z
    .strictObject({
      temperature: z.number().min(0).default(0),
      ignore_eos: z.boolean().default(true),
      top_p: z.number().gt(0).max(1).optional(),
      top_k: z.number().int().optional()
    })
    .default({ temperature: 0, ignore_eos: true }),
  extra_body: z.record(z.string(), z.unknown()).default({}),
  timeouts: z
    .strictObject({
      connect_s: timeout(10),
      first_token_s: timeout(60),
      idle_s: timeout(30),
      request_s: timeout(300)
    })
    .default({ connect_s: 10, first_token_s: 60, idle_s: 30, request_s: 300 }),
  slo: z
    .strictObject({
      ttft_ms: positive.optional(),
      tpot_ms: positive.optional(),
      e2e_ms: positive.optional(),
      // The share of requests that must meet every SLO (sweeps, docs/sweeps.md). No default
      // here, so a workload without it writes and hashes as before; readers default it to 0.99.
      attainment: z.number({ error: 'expected a share in (0, 1], e.g. 0.99' }).gt(0, { error: 'expected a share in (0, 1], e.g. 0.99' }).max(1, { error: 'expected a share in (0, 1], e.g. 0.99' }).optional()
    })
    .default({}),
  headers: z
    .record(z.string(), z.string({ error: 'expected a string (use "${VAR}" for secrets)' }))
    .superRefine((headers, ctx) => {
      for (const [name, value] of Object.entries(headers)) {
        if (!HEADER_NAME.test(name)) ctx.addIssue({ code: 'custom', path: [name], message: 'expected a header name of letters, digits and !#$%&\'*+.^_`|~- (no spaces, colons, CR or LF)' })
        else if (UNSAFE_HEADER_VALUE.test(value)) ctx.addIssue({ code: 'custom', path: [name], message: 'expected a value without CR, LF or NUL characters (they would split the request)' })
      }
    })
    .default({}),
  server: serverSchema.optional(),
  telemetry: telemetrySchema.default(DEFAULT_TELEMETRY),
  client: clientSchema.optional()
})

export type WorkloadSpec = z.output<typeof workloadSchema>
export type LengthSpec = WorkloadSpec['prompts']['input_tokens']

/** A prompt from a JSONL file. */
export interface FilePrompt {
  prompt?: string
  messages?: Array<{ role: string; content: unknown }>
  max_tokens?: number
}

/** The validated workload with everything resolved that the run needs. */
export interface Workload extends Partial<PromptSources> {
  spec: WorkloadSpec
  /** The file it came from (for messages), or a label. */
  source: string
  /** Server root and request path actually used. */
  url: string
  path: string
  filePrompts: FilePrompt[] | null
  /** Header values with ${VAR} expanded: secrets, never written anywhere. */
  headers: Record<string, string>
  workloadHash: string
  /** The hash as versions before hash version 2 computed it (with the model), for comparing with their baselines. */
  legacyWorkloadHash?: string
  /** sha256 of the prompt file's content (null for synthetic prompts): for hashes of derived workloads (sweeps). */
  promptFileSha256?: string | null
}

const filePromptSchema = z.union(
  [
    z.looseObject({ prompt: z.string().min(1), max_tokens: positiveInt.optional() }),
    z.looseObject({
      messages: z.array(z.looseObject({ role: z.string(), content: z.unknown() })).min(1),
      max_tokens: positiveInt.optional()
    })
  ],
  { error: 'expected {"prompt": "..."} or {"messages": [{"role": ..., "content": ...}]}, with an optional "max_tokens"' }
)

function loadPromptFile(file: string, api: ApiKind): { prompts: FilePrompt[]; sha256: string } {
  const prompts: FilePrompt[] = []
  const sha256 = readJsonlFile(file, 'prompts file', filePromptSchema, (parsed, _line, where) => {
    if ('messages' in parsed && parsed.messages !== undefined && api !== 'openai-chat') {
      throw new InputError(`${where} has "messages", which only api: openai-chat can send; use "prompt" for ${api}`)
    }
    prompts.push(parsed as FilePrompt)
  })
  return { prompts, sha256 }
}

const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g

/** Expands ${VAR} in header values from `env`; an unset variable is an error naming the header, never its value. */
export function expandHeaders(headers: Record<string, string>, env: NodeJS.ProcessEnv, source: string): Record<string, string> {
  const expanded: Record<string, string> = {}
  for (const [name, template] of Object.entries(headers)) {
    expanded[name] = template.replace(VARIABLE, (_match, variable: string) => {
      const value = env[variable]
      if (value === undefined || value === '') {
        throw new InputError(`workload ${source}: headers.${name} uses \${${variable}}, but the environment variable ${variable} is not set; export it before the run`)
      }
      if (UNSAFE_HEADER_VALUE.test(value)) throw new InputError(`workload ${source}: headers.${name} uses \${${variable}}, whose value holds a CR, LF or NUL character; expected a single-line value`)
      return value
    })
  }
  return expanded
}

/** A root like http://host:8000/v1 (the OpenAI client's base URL) would double the /v1 of the default paths. */
function joinUrl(root: string, path: string, pathGiven: boolean): { url: string; path: string } {
  const base = new URL(root)
  let prefix = base.pathname.replace(/\/+$/, '')
  if (!pathGiven && prefix.endsWith('/v1') && path.startsWith('/v1/')) prefix = prefix.slice(0, -3)
  return { url: `${base.protocol}//${base.host}`, path: `${prefix}${path}` }
}

/** The workload as a result file holds it: the spec with defaults filled, where it was sent, and its hash. */
export type NormalisedWorkload = Omit<WorkloadSpec, 'model'> & { workload_hash: string; hash_version: number; workload_hash_v1?: string; path: string; model: string | null }

/**
 * The normalised workload as written into result files: defaults filled, header values
 * redacted, the prompt file named by its content hash.
 */
export function normalisedWorkload(workload: Workload): NormalisedWorkload {
  const { spec } = workload
  return {
    ...spec,
    workload_hash: workload.workloadHash,
    hash_version: WORKLOAD_HASH_VERSION,
    ...(workload.legacyWorkloadHash !== undefined ? { workload_hash_v1: workload.legacyWorkloadHash } : {}),
    url: workload.url,
    path: workload.path,
    model: spec.model ?? null,
    headers: Object.fromEntries(Object.keys(spec.headers).map((name) => [name, '[redacted]']))
  }
}

/**
 * Version 2 leaves the model name out of the hash (docs/fingerprint.md: like the URL, it says where requests
 * go, not what they are), so a model change is compared rather than refused. Version 1 (results
 * without `hash_version`) hashed it; results keep that hash too as `workload_hash_v1`, so a
 * baseline made before the change still matches a run of the same workload on the same model.
 */
export const WORKLOAD_HASH_VERSION = 2

/**
 * sha256 of what is sent: everything but where it is sent (`url`, so `--url` and `ab` compare;
 * `model`, from version 2), how often the trial is replicated (`trials`), and the prompt file's
 * path (its content counts), how the server is started and watched (`server`, `telemetry`), and
 * how the client measures (`client`).
 * Header templates count ("${KEY}"), their expanded values never do. `slo.attainment` does not
 * count either: it judges a sweep's steps and changes no request or metric (docs/sweeps.md).
 */
export function computeWorkloadHash(spec: WorkloadSpec, path: string, promptFileSha256: string | null, version: 1 | 2 = WORKLOAD_HASH_VERSION): string {
  const { url: _url, trials: _trials, server: _server, telemetry: _telemetry, client: _client, model, prompts, slo, ...rest } = spec
  const { file: _file, dataset, ...promptsRest } = prompts
  const { attainment: _attainment, ...sloHashed } = slo
  // A dataset counts by its content (file_sha256), like a prompt file, not by its path.
  const datasetRest = dataset === undefined ? undefined : { ...dataset, file: undefined }
  const hashed = { ...rest, slo: sloHashed, ...(version === 1 ? { model } : {}), path, prompts: { ...promptsRest, dataset: datasetRest, file_sha256: promptFileSha256 } }
  return `sha256:${createHash('sha256').update(canonicalJson(hashed)).digest('hex')}`
}

/** JSON with object keys sorted at every depth, so the hash does not depend on key order in the file. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

export interface LoadWorkloadOptions {
  env?: NodeJS.ProcessEnv
  /** --url: where to send, without changing the hash. */
  url?: string
  /** --model */
  model?: string
  /** --trials */
  trials?: number
}

/** Validates a workload already read from `source` and resolves its prompt file, URL, headers and hash. */
export function resolveWorkload(input: unknown, source: string, options: LoadWorkloadOptions = {}): Workload {
  checkNesting(input, source, 'workload')
  const spec = parseWithSchema(workloadSchema, input, source, 'workload')
  if (options.model !== undefined) spec.model = options.model
  if (options.trials !== undefined) spec.trials = options.trials
  if (options.url !== undefined) {
    const checked = httpUrl.safeParse(options.url)
    if (!checked.success) throw new InputError(`--url: got ${describeValue(options.url)}; expected an http:// or https:// URL such as http://127.0.0.1:8000`)
    spec.url = options.url
  }
  for (const length of [spec.prompts.input_tokens, spec.prompts.output_tokens]) {
    if (length.min !== undefined && length.max !== undefined && length.min > length.max) {
      throw new InputError(`workload ${source} is not valid:\n  - prompts: a token length has min ${length.min} > max ${length.max}`)
    }
  }
  let filePrompts: FilePrompt[] | null = null
  let promptSha: string | null = null
  if (spec.prompts.source === 'file') {
    const file = resolve(dirname(source), spec.prompts.file!)
    const loaded = loadPromptFile(file, spec.api)
    filePrompts = loaded.prompts
    promptSha = loaded.sha256
  }
  const { sha256: sourceSha, ...sources } = resolvePromptSources(spec, source)
  promptSha ??= sourceSha
  const { trials, requests, warmup, prompts, extra_body: extraBody } = spec
  const promptSize = filePrompts === null ? { inputTokensMean: prompts.input_tokens.mean } : { filePromptChars: filePrompts.reduce((sum, prompt) => sum + JSON.stringify(prompt).length, 0) / filePrompts.length }
  checkBudgets({ trials, requests, warmup, promptBytes: promptBytes(promptSize), outputTokensMean: prompts.output_tokens.mean, extraBodyBytes: JSON.stringify(extraBody).length }, source)
  const headers = expandHeaders(spec.headers, options.env ?? process.env, source)
  const joined = joinUrl(spec.url, spec.path ?? DEFAULT_PATHS[spec.api], spec.path !== undefined)
  return {
    spec,
    source,
    url: joined.url,
    path: joined.path,
    filePrompts,
    ...sources,
    headers,
    workloadHash: computeWorkloadHash(spec, joined.path, promptSha),
    legacyWorkloadHash: computeWorkloadHash(spec, joined.path, promptSha, 1),
    promptFileSha256: promptSha
  }
}

/** Reads, validates and resolves a workload file (YAML or JSON). */
export function loadWorkload(file: string, options: LoadWorkloadOptions = {}): Workload {
  return resolveWorkload(readStructuredFile(file, 'workload'), file, options)
}
