import { createHash } from 'node:crypto'
import { basename } from 'node:path'
import { z } from 'zod'
import { canonicalJson, WORKLOAD_HASH_VERSION } from '../config/workload.js'
import { captureRunner } from '../environment.js'
import { InputError } from '../errors.js'
import { summarizeRun, summarizeTrial } from '../result/summary.js'
import { DEFINITIONS_VERSION, RESULT_SCHEMA, type RequestError, type RequestRecord, type ResultFile, type TrialResult } from '../result/types.js'
import { TOOL_NAME, TOOL_VERSION } from '../version.js'

/** One request as another tool recorded it, in milliseconds; null where the tool recorded nothing. */
export interface ImportedRequest {
  /** When it was sent, from the trial's start. */
  sentMs: number | null
  /** When the tool's schedule meant to send it, where it records that. */
  scheduledMs?: number | null
  /** When it finished (or failed), from the trial's start. */
  endMs?: number | null
  ttftMs: number | null
  /** The gaps between content events, where the tool records them. */
  itlMs: number[] | null
  /** Write to last content event; when absent, ttft + the sum of the gaps. */
  e2eMs?: number | null
  inputTokens: number
  outputTokens: number
  /** Content events the tool counted without recording their times. */
  contentEvents?: number
  ok: boolean
  /** Cut off by the tool (its cancellation feature, or the end of its measuring window): not a server failure. */
  cancelled?: boolean
  error?: { message: string; status?: number }
}

const isNumberList = (value: unknown): value is number[] => {
  if (!Array.isArray(value)) return false
  for (const item of value) if (typeof item !== 'number') return false
  return true
}

/**
 * Per-request arrays checked by a loop rather than element by element through the schema library:
 * a large run holds millions of ITLs, and a schema that checks and copies each took seconds.
 */
export const numberList = (error: string) => z.custom<number[]>(isNumberList, { error })
export const numberLists = (error: string) => z.custom<number[][]>((value) => Array.isArray(value) && value.every(isNumberList), { error })

/** Math.min over an array of any length (spreading 100,000 arguments overflows the stack). */
export function minOf(values: Iterable<number>): number {
  let min = Infinity
  for (const value of values) if (value < min) min = value
  return min
}

export function maxOf(values: Iterable<number>): number {
  let max = -Infinity
  for (const value of values) if (value > max) max = value
  return max
}

export const round3 = (value: number): number => Math.round(value * 1000) / 1000

// Error text comes from another tool's file: a traceback can quote a URL with a signed query or
// an echoed Authorization header. Shapes of credentials are replaced; the rest is kept.
const CREDENTIAL_PATTERNS: Array<[RegExp, string]> = [
  [/\b(authorization|proxy-authorization|x-api-key|api[_-]?key)(["']?\s*[:=]\s*["']?)[^\s"',}]+(?:\s+[^\s"',}]+)?/gi, '$1$2[redacted]'],
  [/\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{8,}/g, '$1 [redacted]'],
  [/\b(?:sk|hf|gh[pousr]|github_pat|xox[abp])[-_][A-Za-z0-9_-]{16,}/g, '[redacted]'],
  [/(https?:\/\/)[^\s/@:]+:[^\s/@]+@/g, '$1[redacted]@'],
  [/(https?:\/\/[^\s?#"'<>]+)\?[^\s#"'<>]*/g, '$1?[redacted]']
]

export const MAX_ERROR_TEXT = 4096

/** A tool's error text, whole up to 4 KiB (a Python traceback's last line says what happened), with credentials redacted. */
export function importedErrorText(text: string): string {
  let out = text.replace(/\r\n?/g, '\n').trim()
  for (const [pattern, replacement] of CREDENTIAL_PATTERNS) out = out.replace(pattern, replacement)
  if (out === '') return '(no message)'
  if (out.length <= MAX_ERROR_TEXT) return out
  // Keep both ends: the head names the request, a traceback's tail names the exception.
  const half = MAX_ERROR_TEXT / 2 - 40
  return `${out.slice(0, half)}\n… [${out.length - 2 * half} characters left out] …\n${out.slice(-half)}`
}

function toError(request: ImportedRequest): RequestError | undefined {
  if (request.ok) return undefined
  const message = importedErrorText(request.error?.message ?? (request.cancelled === true ? 'cancelled by the benchmarking tool' : ''))
  if (request.cancelled === true) return { kind: 'cancelled', message }
  const status = request.error?.status
  return status !== undefined && status >= 100 && status <= 599 ? { kind: 'http', status, message } : { kind: 'unknown', message }
}

/** A request record (docs/file-formats.md) from what the tool recorded; what it did not record stays null or empty. */
export function toRecord(id: number, request: ImportedRequest): RequestRecord {
  const ttft = request.ttftMs
  const itl = request.itlMs === null ? [] : request.itlMs.map(round3)
  const e2e = request.e2eMs ?? (ttft !== null && request.itlMs !== null ? ttft + request.itlMs.reduce((sum, gap) => sum + gap, 0) : null)
  const tpot = request.ok && ttft !== null && e2e !== null && request.outputTokens > 1 ? (e2e - ttft) / (request.outputTokens - 1) : null
  const sent = request.sentMs ?? 0
  const scheduled = request.scheduledMs ?? sent
  const error = toError(request)
  return {
    id,
    scheduled_ms: round3(scheduled),
    sent_ms: round3(sent),
    client_queue_ms: request.scheduledMs != null && request.sentMs !== null ? round3(sent - request.scheduledMs) : null,
    end_ms: round3(request.endMs ?? sent + (e2e ?? ttft ?? 0)),
    ttft_ms: ttft === null ? null : round3(ttft),
    e2e_ms: e2e === null ? null : round3(e2e),
    tpot_ms: tpot === null ? null : round3(tpot),
    itl_ms: itl,
    input_tokens: request.inputTokens,
    input_tokens_source: 'imported',
    output_tokens: request.outputTokens,
    output_tokens_source: 'imported',
    max_tokens: request.outputTokens,
    content_events: request.contentEvents ?? (ttft !== null ? itl.length + 1 : 0),
    coalesced_events: 0,
    done: request.ok,
    ok: request.ok,
    ...(error !== undefined ? { error } : {})
  }
}

export interface TrialInput {
  requests: readonly ImportedRequest[]
  startedAt: string
  /** The tool's own duration, used when it records no send times. */
  durationS?: number
  /** The mean rate the tool's schedule asked for; null for a closed loop or where unknown. */
  targetRate?: number | null
}

export function buildTrial(index: number, input: TrialInput): TrialResult {
  const records = input.requests.map((request, id) => toRecord(id, request))
  const { summary, durationS } = summarizeTrial({ records, slo: {}, targetRate: input.targetRate ?? null, ...(input.durationS !== undefined ? { durationS: input.durationS } : {}) })
  return { index, started_at: input.startedAt, duration_s: durationS, requests: records, summary }
}

/** JSON has no infinity: a tool's `inf` rate becomes the string "inf" in the hashed settings rather than null. */
export function finiteOrWord(value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf'
  if (Array.isArray(value)) return value.map(finiteOrWord)
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, finiteOrWord(inner)]))
  return value
}

/** `x` to two significant digits: 512 → 510, 1024 → 1000, 3.7 → 3.7. */
export function twoSignificant(value: number): number {
  if (value === 0 || !Number.isFinite(value)) return value
  const scale = 10 ** (Math.floor(Math.log10(Math.abs(value))) - 1)
  return Math.round(value / scale) * scale
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/**
 * What the prompts' lengths say about the workload, for the hash: the median input length to two
 * significant digits. A tool reports token counts, not its length settings (vLLM counts a success
 * with the server's usage and a failure with its own tokenizer), so an exact list would change with
 * every failed request; the rounded median does not, and still tells 512 from 1024.
 */
export function inputLengthKey(lengths: readonly number[]): { input_tokens_median: number | null } {
  const middle = median(lengths.filter((length) => length > 0))
  return { input_tokens_median: middle === null ? null : twoSignificant(middle) }
}

/** Observed lengths, written beside the hashed settings for the reader (not hashed: they are measurements). */
export function observedLengths(requests: readonly ImportedRequest[]): Record<string, number | null> {
  const inputs = requests.map((r) => r.inputTokens).filter((length) => length > 0)
  const outputs = requests.filter((r) => r.ok).map((r) => r.outputTokens)
  return {
    requests: requests.length,
    input_tokens_median: median(inputs),
    input_tokens_min: inputs.length > 0 ? minOf(inputs) : null,
    input_tokens_max: inputs.length > 0 ? maxOf(inputs) : null,
    output_tokens_median: median(outputs)
  }
}

export function hashSettings(settings: Record<string, unknown>): string {
  return `sha256:${createHash('sha256').update(canonicalJson(finiteOrWord(settings))).digest('hex')}`
}

/** A workload name as docs/file-formats.md allows it (it names the output file): letters, digits, ".", "_", "-". */
export function safeName(text: string): string {
  const safe = text.replace(/[^A-Za-z0-9._-]/g, '-').replace(/^[^A-Za-z0-9]+/, '')
  return safe === '' ? 'imported' : safe.slice(0, 100)
}

/** A workload name from the input file's name, never from text inside the file. */
export function nameFromFile(file: string, suffix = ''): string {
  return safeName(`${basename(file).replace(/\.(jsonl|json|ya?ml)$/i, '')}${suffix}`)
}

/** One run (a vLLM file or line, an SGLang line, a GuideLLM benchmark) with the settings that decide what it sent. */
export interface ImportedRun<T> {
  run: T
  /** How the user names it: "line 3", "benchmark 2". */
  label: string
  /** The settings written into the result's workload and hashed. */
  settings: Record<string, unknown>
  /** One line on what makes this run's workload what it is, for the listing in an error. */
  describe: string
  /** The model it ran against, where the source says: runs of two models are never trials of one result, though the model is not in the hash. */
  model?: string | null
}

/**
 * Runs of one workload become the trials of one result; a file holding several workloads (a
 * GuideLLM sweep, an SGLang rate range, mixed appended runs) needs `--benchmark N`, which picks the
 * workload of run N. Every run of that workload is taken, so the pick cannot split trials.
 */
export function chooseRuns<T>(runs: ReadonlyArray<ImportedRun<T>>, pick: number | undefined, what: string): Array<ImportedRun<T>> {
  if (runs.length === 0) throw new InputError(`${what}: holds no runs to import`)
  const hashes = runs.map((run) => hashSettings({ ...run.settings, ...(run.model != null ? { '(model)': run.model } : {}) }))
  if (pick !== undefined) {
    if (!Number.isInteger(pick) || pick < 1 || pick > runs.length) throw new InputError(`--benchmark: got ${pick}; ${what} holds ${runs.length} run${runs.length === 1 ? '' : 's'}, numbered 1 to ${runs.length}`)
    return runs.filter((_, index) => hashes[index] === hashes[pick - 1])
  }
  const distinct = [...new Set(hashes)]
  if (distinct.length === 1) return [...runs]
  const groups = distinct.map((hash) => runs.map((run, index) => ({ run, number: index + 1 })).filter((_, index) => hashes[index] === hash))
  const listing = groups.map((group) => `  - ${group.length === 1 ? group[0]!.run.label : `${group[0]!.run.label} (and ${group.slice(1).map((g) => g.number).join(', ')}: the same workload)`}: ${group[0]!.run.describe}`)
  throw new InputError(
    `${what} holds ${distinct.length} different workloads (each load is its own result, compared only with the same load); pick one with --benchmark N:\n${listing.join('\n')}`
  )
}

export interface ResultInput {
  source: string
  name: string
  settings: Record<string, unknown>
  /** Shown beside the settings, not hashed. */
  observed: Record<string, unknown>
  model: string | null
  engine: string | null
  notes: string[]
  trials: TrialResult[]
  createdAt: string
}

export function buildResult(input: ResultInput): ResultFile {
  const workload_hash = hashSettings({ source: input.source, ...input.settings })
  return {
    schema: RESULT_SCHEMA,
    definitions: DEFINITIONS_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    created_at: input.createdAt,
    workload: { name: input.name, source: input.source, ...(finiteOrWord(input.settings) as Record<string, unknown>), observed: input.observed, workload_hash, hash_version: WORKLOAD_HASH_VERSION },
    environment: {
      server: { url: `unknown (imported from ${input.source})`, model: input.model, version: null, engine: input.engine },
      gpu: [],
      runner: captureRunner()
    },
    notes: input.notes,
    trials: input.trials,
    summary: summarizeRun(input.trials, {})
  }
}

/** ISO-8601 from seconds since the epoch, or the fallback where the tool gave none. */
export function isoFromEpochSeconds(seconds: number | null | undefined, fallback: string): string {
  return seconds !== null && seconds !== undefined && Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000).toISOString() : fallback
}
