import { accessSync, closeSync, constants, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { z } from 'zod'
import { parseWithSchema } from '../config/validate.js'
import { describeValue, InputError } from '../errors.js'
import { RESULT_SCHEMA, type ResultFile } from './types.js'
import { writeResultFile } from './writer.js'

const isResultFile = (value: unknown): value is ResultFile => value !== null && typeof value === 'object' && (value as { schema?: unknown }).schema === RESULT_SCHEMA && Array.isArray((value as { trials?: unknown }).trials)

/**
 * Writes via a temporary file and a rename, so a reader never sees half a result. Result files
 * hold every request and can reach tens of megabytes, so they are written compactly (`pretty`
 * for small documents people open by hand).
 */
export function writeJsonFile(path: string, value: unknown, pretty = false): void {
  // A result is streamed: no string holds it whole, and a run's records are read from where it keeps them (writer.ts).
  if (!pretty && isResultFile(value)) return writeResultFile(path, value)
  mkdirSync(dirname(path), { recursive: true })
  const temporary = `${path}.${process.pid}.tmp`
  writeFileSync(temporary, `${pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value)}\n`)
  renameSync(temporary, path)
}

const nullableNumber = z.number().nullable()
const distribution = z.looseObject({
  count: z.number(),
  mean: nullableNumber,
  stddev: nullableNumber,
  min: nullableNumber,
  p50: nullableNumber,
  p90: nullableNumber,
  p95: nullableNumber,
  p99: nullableNumber,
  max: nullableNumber
})

/**
 * The request fields `compare` reads, checked by a plain loop rather than the schema library: a
 * large result holds hundreds of thousands of records and millions of ITL values, and checking
 * each through a schema took seconds.
 */
const REQUEST_FIELDS: Array<[string, 'number' | 'nullable' | 'boolean']> = [
  ['id', 'number'],
  ['ok', 'boolean'],
  ['ttft_ms', 'nullable'],
  ['e2e_ms', 'nullable'],
  ['tpot_ms', 'nullable'],
  ['input_tokens', 'number'],
  ['output_tokens', 'number'],
  ['max_tokens', 'number'],
  ['client_queue_ms', 'nullable']
]

function requestProblem(request: unknown): string | null {
  if (request === null || typeof request !== 'object') return `got ${describeValue(request)}; expected a request record`
  const record = request as Record<string, unknown>
  for (const [field, kind] of REQUEST_FIELDS) {
    const value = record[field]
    const ok = kind === 'boolean' ? typeof value === 'boolean' : kind === 'number' ? typeof value === 'number' : value === null || typeof value === 'number'
    if (!ok) return `${field}: ${value === undefined ? 'missing' : `got ${describeValue(value)}`}; expected ${kind === 'nullable' ? 'a number or null' : `a ${kind}`}`
  }
  const itl = record.itl_ms
  if (!Array.isArray(itl)) return `itl_ms: ${itl === undefined ? 'missing' : `got ${describeValue(itl)}`}; expected an array of numbers`
  for (let i = 0; i < itl.length; i++) if (typeof itl[i] !== 'number') return `itl_ms[${i}]: got ${describeValue(itl[i])}; expected a number`
  return null
}

function checkRequests(result: ResultFile, path: string, role: string): void {
  result.trials.forEach((trial, t) => {
    trial.requests.forEach((request, r) => {
      const problem = requestProblem(request)
      if (problem !== null) throw new InputError(`${role} ${path} is not valid:\n  - trials[${t}].requests[${r}].${problem}`)
    })
  })
}

const scalars = {
  request_throughput: z.number(),
  output_throughput: z.number(),
  total_throughput: z.number(),
  goodput: nullableNumber,
  error_rate: z.number()
}

const distributions = { ttft_ms: distribution, tpot_ms: distribution, itl_ms: distribution, e2e_ms: distribution, schedule_lag_ms: distribution }

/** The parts of a result file that `compare` relies on; other fields pass through. */
const resultSchema = z.looseObject({
  schema: z.literal(RESULT_SCHEMA, { error: `expected "${RESULT_SCHEMA}"` }),
  definitions: z.number(),
  tool: z.looseObject({ name: z.string(), version: z.string() }),
  workload: z.looseObject({ name: z.string(), workload_hash: z.string().startsWith('sha256:') }),
  // Reports read the GPU list and the runner (report/shared.ts environmentLines).
  environment: z.looseObject({ server: z.looseObject({ url: z.string(), model: z.string().nullable() }), gpu: z.array(z.looseObject({ name: z.string() })), runner: z.looseObject({}) }),
  pairing: z.object({ run: z.string().min(1), side: z.enum(['baseline', 'candidate']) }).optional(),
  trials: z.array(
    z.looseObject({
      index: z.number(),
      duration_s: z.number(),
      requests: z.array(z.unknown()),
      summary: z.looseObject({ ...distributions, ...scalars, achieved_rate: nullableNumber, target_rate: nullableNumber })
    })
  ),
  summary: z.looseObject({ ...distributions, ...scalars, errors: z.array(z.looseObject({ kind: z.string(), message: z.string(), count: z.number().int().min(1) })).optional() })
})

const unreadable = (path: string, role: string, error: unknown): InputError =>
  new InputError(`${role} ${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)}); expected a result file written by \`llm-perf-gate run\``)

/** Throws the input error reading `path` would, without reading it: a missing file or one without read permission. */
export function checkReadable(path: string, role = 'result file'): void {
  try {
    accessSync(path, constants.R_OK)
  } catch (error) {
    throw unreadable(path, role, error)
  }
}

/** A result file's text; a missing or unreadable file is an input error naming it. */
export function readResultText(path: string, role = 'result file'): string {
  try {
    return readFileSync(path, 'utf8')
  } catch (error) {
    throw unreadable(path, role, error)
  }
}

/** A result file's bytes followed by one 0 byte, the end marker scan.ts reads up to; errors as readResultText's. */
export function readResultBytes(path: string, role = 'result file'): Uint8Array {
  let descriptor: number | undefined
  try {
    descriptor = openSync(path, 'r')
    const size = fstatSync(descriptor).size
    const bytes = new Uint8Array(size + 1)
    let filled = 0
    while (filled < size) {
      const read = readSync(descriptor, bytes, filled, size - filled, null)
      if (read === 0) break
      filled += read
    }
    // A file that shrank while it was read ends early; its end marker moves with it.
    return filled === size ? bytes : bytes.subarray(0, filled + 1)
  } catch (error) {
    throw unreadable(path, role, error)
  } finally {
    if (descriptor !== undefined) closeSync(descriptor)
  }
}

function parseJson(text: string, path: string, role: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    const truncated = text.trim() === '' || !text.trimEnd().endsWith('}')
    throw new InputError(`${role} ${path}: not valid JSON${truncated ? ' (the file looks truncated: an interrupted write or copy?)' : ''}: ${(error as Error).message}`)
  }
}

/** Validates a result file's text; a truncated or foreign file is an input error naming it. */
export function parseResultText(text: string, path: string, role = 'result file'): ResultFile {
  // A different definitions version is read, not rejected: compare calls the pair incomparable.
  const result = parseWithSchema(resultSchema, parseJson(text, path, role), path, role) as unknown as ResultFile
  checkRequests(result, path, role)
  return result
}

/**
 * The text of a result file whose request arrays were taken out (scan.ts), validated like a whole
 * one; null when it does not validate, and the caller then reads the whole file for the message.
 */
export function parseResultRest(rest: string, path: string, role: string): ResultFile | null {
  try {
    return parseResultText(rest, path, role)
  } catch (error) {
    if (error instanceof InputError) return null
    throw error
  }
}

/** Reads and validates a result file; a missing, truncated or foreign file is an input error naming it. */
export function readResultFile(path: string, role = 'result file'): ResultFile {
  return parseResultText(readResultText(path, role), path, role)
}
