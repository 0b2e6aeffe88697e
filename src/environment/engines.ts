/**
 * Which inference engine answered, from what each one serves about itself. The shapes were read
 * in the engines' own code (docs/fingerprint.md has the files):
 * - vLLM: `GET /version` → `{"version"}`; `/v1/models` entries carry `owned_by: "vllm"`, `root`
 *   (the weights' path) and `max_model_len`.
 * - SGLang: `GET /server_info` (older releases `/get_server_info`) → its server arguments,
 *   scheduler info and `version`; `/v1/models` entries carry `owned_by: "sglang"`.
 * - TGI: `GET /info` → `model_id`, `model_sha`, `max_*` limits, `router: "text-generation-router"`,
 *   `version`; its `/v1/models` puts the model id in `owned_by`.
 * - llama.cpp server: `GET /props` → `build_info`, `total_slots`, `model_path`,
 *   `default_generation_settings.n_ctx`; `/v1/models` entries carry `owned_by: "llamacpp"`.
 * - Ollama: `GET /api/version` → `{"version"}`.
 * - TensorRT-LLM (`trtllm-serve`): `GET /version`; `/v1/models` entries carry `owned_by: "tensorrt_llm"`.
 * - The built-in simulator: TGI's `/info` shape with `router: "llm-perf-gate-simulator"`.
 */
import type { ServerInfo } from '../result/types.js'

export const ENGINES = ['vllm', 'sglang', 'tgi', 'llama.cpp', 'ollama', 'trt-llm', 'llm-perf-gate-simulator'] as const
export type Engine = (typeof ENGINES)[number]

export const SIMULATOR_ENGINE: Engine = 'llm-perf-gate-simulator'

/** What the server answered on each endpoint it was asked about; null where it gave nothing usable. */
export interface ServerAnswers {
  /** GET /v1/models */
  models: unknown
  /** GET /version (vLLM, TensorRT-LLM, the simulator) */
  version: unknown
  /** GET /info (TGI, the simulator) */
  info: unknown
  /** GET /props (llama.cpp) */
  props: unknown
  /** GET /api/version (Ollama) */
  ollamaVersion: unknown
  /** GET /server_info, else /get_server_info (SGLang); only asked when the first answers left SGLang possible. */
  serverInfo: unknown
}

/** What `owned_by` says when the engine writes its own name there. */
const OWNERS: Record<string, Engine> = { vllm: 'vllm', sglang: 'sglang', llamacpp: 'llama.cpp', tensorrt_llm: 'trt-llm' }

/** Longest text kept from a server: a version or a path, not a page. */
export const MAX_TEXT = 200
const MAX_MODELS = 50

type Json = Record<string, unknown>
const record = (value: unknown): Json => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {})
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null)

function listedModels(answers: ServerAnswers): Json[] {
  const data = record(answers.models).data
  return Array.isArray(data) ? data.map(record) : []
}

/** SGLang's server info is its ServerArgs dataclass with `version` beside it. */
const isSglangInfo = (value: unknown): boolean => text(record(value).version) !== null && (text(record(value).model_path) !== null || typeof record(value).tp_size === 'number')

/** What each engine's fingerprint is read from (see describeServer). */
const NEEDS: Record<Engine, ReadonlyArray<keyof ServerAnswers>> = {
  vllm: ['models', 'version'],
  'trt-llm': ['models', 'version'],
  sglang: ['models', 'serverInfo'],
  tgi: ['models', 'info'],
  'llama.cpp': ['models', 'props'],
  ollama: ['models', 'ollamaVersion'],
  'llm-perf-gate-simulator': ['models', 'version', 'info']
}
/** The order to ask in while the engine is unknown: the cheap endpoints first, SGLang's server info last. */
const ASKING_ORDER: ReadonlyArray<keyof ServerAnswers> = ['models', 'version', 'info', 'props', 'ollamaVersion', 'serverInfo']

/**
 * The next endpoint to ask, given the answers so far (`asked` holds those already asked): while
 * no answer names the engine, the next in order; once one does, only what that engine's
 * fingerprint is read from. Undefined when there is nothing more to ask.
 */
export function nextQuestion(answers: ServerAnswers, asked: ReadonlySet<keyof ServerAnswers>): keyof ServerAnswers | undefined {
  const engine = identifyEngine(answers)
  return (engine === null ? ASKING_ORDER : NEEDS[engine]).find((key) => !asked.has(key))
}

/** The engine, or null when no answer names one. */
export function identifyEngine(answers: ServerAnswers): Engine | null {
  const info = record(answers.info)
  const version = text(record(answers.version).version)
  if (info.router === 'llm-perf-gate-simulator' || version?.endsWith('+llm-perf-gate-simulator') === true) return SIMULATOR_ENGINE
  if (info.router === 'text-generation-router' || (text(info.model_id) !== null && typeof info.max_total_tokens === 'number')) return 'tgi'
  const owner = text(listedModels(answers)[0]?.owned_by)
  if (owner !== null && Object.hasOwn(OWNERS, owner)) return OWNERS[owner]!
  if (isSglangInfo(answers.serverInfo)) return 'sglang'
  if (text(record(answers.props).build_info) !== null) return 'llama.cpp'
  if (text(record(answers.ollamaVersion).version) !== null) return 'ollama'
  return null
}

function engineVersion(engine: Engine | null, answers: ServerAnswers): string | null {
  const version = text(record(answers.version).version)
  const info = record(answers.info)
  switch (engine) {
    case 'tgi':
      return text(info.version)
    case 'sglang':
      return text(record(answers.serverInfo).version) ?? version
    case 'llama.cpp':
      return text(record(answers.props).build_info)
    case 'ollama':
      return text(record(answers.ollamaVersion).version)
    default:
      return version ?? text(info.version)
  }
}

/** SGLang's server arguments (and scheduler info) that decide its speed; all are top-level fields of its server info. */
const SGLANG_SETTINGS = [
  'model_path', 'tp_size', 'dp_size', 'pp_size', 'ep_size', 'dtype', 'kv_cache_dtype', 'quantization', 'context_length',
  'mem_fraction_static', 'max_running_requests', 'max_total_tokens', 'max_total_num_tokens', 'max_prefill_tokens',
  'chunked_prefill_size', 'schedule_policy', 'attention_backend', 'disable_radix_cache', 'enable_dp_attention',
  'speculative_algorithm', 'cuda_graph_max_bs'
]
/** TGI's router limits from /info (the simulator answers the same shape). */
const TGI_SETTINGS = ['max_concurrent_requests', 'max_input_tokens', 'max_total_tokens', 'max_best_of', 'max_client_batch_size']

function pick(source: Json, names: readonly string[]): Json {
  return Object.fromEntries(names.map((name) => [name, source[name]]))
}

function reportedSettings(engine: Engine | null, answers: ServerAnswers): Json {
  switch (engine) {
    case 'vllm': {
      const first = listedModels(answers)[0] ?? {}
      return { max_model_len: first.max_model_len, model_path: first.root }
    }
    case 'sglang':
      return { max_model_len: listedModels(answers)[0]?.max_model_len, ...pick(record(answers.serverInfo), SGLANG_SETTINGS) }
    case 'tgi':
    case SIMULATOR_ENGINE:
      return pick(record(answers.info), TGI_SETTINGS)
    case 'llama.cpp': {
      const props = record(answers.props)
      return { total_slots: props.total_slots, n_ctx: record(props.default_generation_settings).n_ctx, model_path: props.model_path }
    }
    default:
      return {}
  }
}

function modelRevision(engine: Engine | null, answers: ServerAnswers): string | null {
  if (engine === 'tgi') return text(record(answers.info).model_sha)
  if (engine === 'sglang') return text(record(answers.serverInfo).revision)
  return null
}

/** Server text made safe to keep: secrets redacted first (so a cut cannot split one), then cut to `max` characters. */
export function keepText(value: string, redact: (text: string) => string, max = MAX_TEXT): string {
  const clean = redact(value)
  return clean.length > max ? `${Array.from(clean).slice(0, max - 1).join('')}…` : clean
}

export interface DescribeOptions {
  url: string
  workloadModel: string | null
  redact: (text: string) => string
  args?: string[]
}

/** The server's part of the environment, from its answers. Pure: every string is redacted and bounded. */
export function describeServer(answers: ServerAnswers, options: DescribeOptions): ServerInfo {
  const keep = (value: string | null): string | null => (value === null ? null : keepText(value, options.redact))
  const engine = identifyEngine(answers)
  const ids = listedModels(answers)
    .map((entry) => text(entry.id))
    .filter((id): id is string => id !== null)
    .slice(0, MAX_MODELS)
    .map((id) => keepText(id, options.redact))
  const settings: Record<string, string | number | boolean> = {}
  for (const [name, value] of Object.entries(reportedSettings(engine, answers))) {
    if (typeof value === 'number' && Number.isFinite(value)) settings[name] = value
    else if (typeof value === 'boolean') settings[name] = value
    else if (typeof value === 'string' && value !== '') settings[name] = keepText(value, options.redact)
  }
  return {
    url: options.url,
    model: options.workloadModel ?? ids[0] ?? keep(text(record(answers.info).model_id)) ?? keep(text(record(answers.serverInfo).served_model_name)),
    version: keep(engineVersion(engine, answers)),
    engine,
    models: ids,
    model_revision: keep(modelRevision(engine, answers)),
    ...(options.args !== undefined ? { args: redactArgs(options.args, options.redact) } : {}),
    settings
  }
}

const SECRET_FLAG = /^--?[\w.-]*(key|token|secret|password|passwd|credential)[\w.-]*$/i
const MAX_ARGS = 200

/**
 * Launch flags safe to keep: the value of a flag whose name says it is a secret (`--api-key`,
 * `--hf-token`) is replaced, in both `--flag value` and `--flag=value` forms, and header values
 * are redacted anywhere.
 */
export function redactArgs(args: readonly string[], redact: (text: string) => string): string[] {
  const out: string[] = []
  for (let i = 0; i < Math.min(args.length, MAX_ARGS); i++) {
    const arg = args[i]!
    const equals = arg.indexOf('=')
    if (equals > 0 && SECRET_FLAG.test(arg.slice(0, equals))) {
      out.push(`${arg.slice(0, equals)}=[redacted]`)
    } else if (SECRET_FLAG.test(arg) && i + 1 < args.length && !args[i + 1]!.startsWith('-')) {
      out.push(keepText(arg, redact), '[redacted]')
      i++
    } else {
      out.push(keepText(arg, redact))
    }
  }
  return out
}

/** `server.args` of a workload when it has one (the `server:` block of docs/server-lifecycle.md), read without depending on its schema. */
export function workloadServerArgs(spec: unknown): string[] | undefined {
  const args = record(record(spec).server).args
  return Array.isArray(args) && args.every((arg) => typeof arg === 'string') ? (args as string[]) : undefined
}
