/**
 * Reads several result files at once for `compare`: the first on this thread, the others on
 * worker threads, each read, validated and turned into columns where it was parsed. Parsing is
 * most of the cost of comparing large results (a 10 × 10,000-request result is 40–60 MB of
 * JSON), and JSON.parse cannot be split, so the files are parsed side by side.
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { InputError } from '../errors.js'
import { toComparable, type ComparableResult } from './columns.js'
import { parseResultRest, parseResultText, readResultBytes } from './io.js'
import { decodeUtf8, scanResultColumns } from './scan.js'

export interface ResultToRead {
  path: string
  /** How error messages name the file: "baseline", "current result". */
  role: string
}

export type ReadReply = { ok: true; result: ComparableResult } | { ok: false; input: boolean; message: string; stack: string }

/** The bundled worker sits at the top of dist/, where this module is either a bundle or one of its chunks (dist/chunks/). */
export function defaultReadWorker(): URL | null {
  const candidates = [new URL('./read-result-worker.js', import.meta.url), new URL('../read-result-worker.js', import.meta.url)]
  return candidates.find((candidate) => existsSync(fileURLToPath(candidate))) ?? null
}

/**
 * A result file's bytes (with readResultBytes' end marker), validated, in columns: the request
 * arrays scanned straight into typed arrays (scan.ts), the rest parsed and validated as usual. A
 * file the scanner does not take is parsed whole, so its errors read as `readResultFile`'s.
 */
export function comparableFromBytes(bytes: Uint8Array, path: string, role: string): ComparableResult {
  const scanned = scanResultColumns(bytes)
  const rest = scanned === null ? null : parseResultRest(scanned.rest, path, role)
  if (scanned === null || rest === null) return toComparable(parseResultText(decodeUtf8(bytes.subarray(0, bytes.length - 1)), path, role))
  return { ...rest, trials: rest.trials.map(({ requests: _requests, ...trial }, index) => ({ ...trial, columns: scanned.columns[index]! })) }
}

/** Reads and validates one result file into columns; errors name the file as `readResultFile`'s do. */
export function readComparableResult(path: string, role: string): ComparableResult {
  return comparableFromBytes(readResultBytes(path, role), path, role)
}

function readOnWorker(file: ResultToRead, worker: URL): Promise<ReadReply> {
  return new Promise((resolve) => {
    const thread = new Worker(worker, { workerData: file })
    thread.once('message', (reply: ReadReply) => resolve(reply))
    thread.once('error', (error) => resolve({ ok: false, input: false, message: `reading ${file.role} ${file.path} on a worker thread failed: ${error.message}`, stack: error.stack ?? '' }))
    thread.once('exit', (code) => resolve({ ok: false, input: false, message: `reading ${file.role} ${file.path} on a worker thread failed: it exited with code ${code} before replying`, stack: '' }))
  })
}

function readHere(file: ResultToRead): ReadReply {
  try {
    return { ok: true, result: readComparableResult(file.path, file.role) }
  } catch (error) {
    if (error instanceof InputError) return { ok: false, input: true, message: error.message, stack: error.stack ?? '' }
    throw error
  }
}

export interface ReadOptions {
  /** The worker script; null reads every file on this thread. */
  worker?: URL | null
  /** Work on the first result that can start while the others are still being read. */
  whileWaiting?: (first: ComparableResult) => void
}

/**
 * Reads and validates result files in parallel, in columns. When `worker` is null or its file is
 * missing (running from the TypeScript sources), every file is read on this thread. A bad file
 * throws the InputError `readResultFile` would; with several bad files, the first in order.
 */
export async function readComparableResults(files: readonly ResultToRead[], options: ReadOptions = {}): Promise<ComparableResult[]> {
  const worker = options.worker === undefined ? defaultReadWorker() : options.worker
  const parallel = worker !== null && existsSync(fileURLToPath(worker))
  const [first, ...rest] = files
  if (first === undefined) return []
  const pending = parallel ? rest.map((file) => readOnWorker(file, worker)) : []
  const head = readHere(first)
  if (head.ok && options.whileWaiting !== undefined) options.whileWaiting(head.result)
  const replies = [head, ...(parallel ? await Promise.all(pending) : rest.map(readHere))]
  return replies.map((reply) => {
    if (reply.ok) return reply.result
    if (reply.input) throw new InputError(reply.message)
    const error = new Error(reply.message)
    error.stack = reply.stack
    throw error
  })
}
