import { accessSync, closeSync, constants, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { parseWithSchema } from '../config/validate.js'
import { describeValue, InputError } from '../errors.js'
import { toComparable } from './columns.js'
import { checkSummaries } from './consistency.js'
import { CHECKED_REQUEST_FIELDS, readableResultSchema, REQUEST_FIELD_KINDS, successProblem } from './schema.js'
import { RESULT_SCHEMA, type ResultFile } from './types.js'
import { writeResultFile } from './writer.js'

const isResultFile = (value: unknown): value is ResultFile => value !== null && typeof value === 'object' && (value as { schema?: unknown }).schema === RESULT_SCHEMA && Array.isArray((value as { trials?: unknown }).trials)

/**
 * Writes via a temporary file and a rename, so a reader never sees half a result. Result files
 * hold every request and can reach tens of megabytes, so they are written compactly (`pretty`
 * for small documents people open by hand).
 */
export function writeJsonFile(path: string, value: unknown, pretty = false): void {
  // A result in columns (columns.ts) has no request records: written out, no reader could use it.
  const trials = (value as { trials?: unknown } | null)?.trials
  if (Array.isArray(trials) && trials.some((trial) => typeof trial === 'object' && trial !== null && 'columns' in trial)) {
    throw new Error(`writeJsonFile ${path}: a result in columns is never written; copy the file it was read from`)
  }
  // A result is streamed: no string holds it whole, and a run's records are read from where it keeps them (writer.ts).
  if (!pretty && isResultFile(value)) return writeResultFile(path, value)
  mkdirSync(dirname(path), { recursive: true })
  const temporary = `${path}.${process.pid}.tmp`
  writeFileSync(temporary, `${pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value)}\n`)
  renameSync(temporary, path)
}

/** What the fast check says of a value that is not of its field's kind. */
function got(value: unknown): string {
  if (value === undefined) return 'missing'
  return typeof value === 'number' && !Number.isFinite(value) ? `got ${value} (a number too large for a double)` : `got ${describeValue(value)}`
}

const CHECKED = Object.entries(CHECKED_REQUEST_FIELDS).map(([field, kind]) => ({ field, ...REQUEST_FIELD_KINDS[kind] }))
const MS = REQUEST_FIELD_KINDS.ms

/**
 * The request fields `compare` reads (schema.ts CHECKED_REQUEST_FIELDS), checked by a plain loop
 * rather than the schema library: a large result holds hundreds of thousands of records and
 * millions of ITL values, and checking each through a schema took seconds.
 */
export function requestProblem(request: unknown): string | null {
  if (request === null || typeof request !== 'object' || Array.isArray(request)) return `got ${describeValue(request)}; expected a request record`
  const record = request as Record<string, unknown>
  for (const { field, check, expected } of CHECKED) {
    const value = record[field]
    if (!check(value)) return `${field}: ${got(value)}; expected ${expected}`
    if (Array.isArray(value)) for (let i = 0; i < value.length; i++) if (!MS.check(value[i])) return `${field}[${i}]: ${got(value[i])}; expected ${MS.expected}`
  }
  const success = successProblem(record as Parameters<typeof successProblem>[0])
  return success === null ? null : `${success.field}: ${got(record[success.field])}; ${success.message}`
}

function checkRequests(result: ResultFile, path: string, role: string): void {
  result.trials.forEach((trial, t) => {
    trial.requests.forEach((request, r) => {
      const problem = requestProblem(request)
      if (problem !== null) throw new InputError(`${role} ${path} is not valid:\n  - trials[${t}].requests[${r}].${problem}`)
    })
  })
}

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
  return parseResultValue(parseJson(text, path, role), path, role)
}

/** Validates a result document already parsed (a sweep file's steps hold whole results); errors as parseResultText's. */
export function parseResultValue(value: unknown, path: string, role = 'result file'): ResultFile {
  // A different definitions version is read, not rejected: compare calls the pair incomparable.
  const result = parseWithSchema(readableResultSchema, value, path, role) as unknown as ResultFile
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
  const result = parseResultText(readResultText(path, role), path, role)
  checkSummaries(toComparable(result), path, role)
  return result
}
