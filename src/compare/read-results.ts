/**
 * Reads the result files of a comparison (`compare`) at once: the first on this thread, the
 * others on worker threads, each read (result/load.ts) and resampled where it was read. Reading
 * is most of the cost of comparing large results (a 10 × 10,000-request result is 40–60 MB of
 * JSON), and one file cannot be split between threads, so the files are read side by side.
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { adoptBootstrapSide, bootstrapSideBuffers, bootstrapSideOf, likelyPairedRun } from './bootstrap-sides.js'
import { InputError } from '../errors.js'
import { columnBuffers, type ComparableResult } from '../result/columns.js'
import { checkReadable } from '../result/io.js'
import { readComparableResult } from '../result/load.js'
import { defaultReadWorker, startWorkerRead, type ReadReply, type Resample, type ResultToRead } from './read-ahead.js'

export { readAhead, type ReadReply, type ResultToRead } from './read-ahead.js'

/** Reads one file where this code runs; input errors become replies. */
export function readHere(file: { path: string; role: string }): ReadReply {
  try {
    return { ok: true, result: readComparableResult(file.path, file.role) }
  } catch (error) {
    if (error instanceof InputError) return { ok: false, input: true, message: error.message, stack: error.stack ?? '' }
    throw error
  }
}

/** The reply with the result's resamples, when asked for. */
export function withResamples(reply: ReadReply, resample: Resample | undefined): ReadReply {
  if (!reply.ok || resample === undefined) return reply
  return { ...reply, bootstrap: bootstrapSideOf(reply.result, resample.thresholds, resample.side, likelyPairedRun(reply.result)) }
}

/** What a reply hands over without copying: the columns and the resamples. */
export function replyBuffers(reply: ReadReply): ArrayBuffer[] {
  return reply.ok ? [...columnBuffers(reply.result), ...(reply.bootstrap === undefined ? [] : bootstrapSideBuffers(reply.bootstrap))] : []
}

export interface ReadOptions {
  /** The worker script; null reads every file on this thread. */
  worker?: URL | null
}

/**
 * Reads and validates result files in parallel, in columns, each resampled where it was read
 * when its `resample` asks. When `worker` is null or its file is missing (running from the
 * TypeScript sources), every file is read on this thread. A bad file throws the InputError
 * `readResultFile` would: first for a file that cannot be opened, before any is read (a mistyped
 * path is named at once, not after a 40 MB baseline); then for the first bad file in order.
 */
export async function readComparableResults(files: readonly ResultToRead[], options: ReadOptions = {}): Promise<ComparableResult[]> {
  const worker = options.worker === undefined ? defaultReadWorker() : options.worker
  const parallel = worker !== null && existsSync(fileURLToPath(worker))
  const [first, ...rest] = files
  if (first === undefined) return []
  // A path that cannot be opened is reported before a large file is read to the end.
  for (const file of files) checkReadable(file.path, file.role)
  const started = rest.map((file) => file.ahead ?? (parallel ? startWorkerRead(file, worker) : null))
  rest.forEach((file, index) => started[index]?.resample(file.resample))
  const head = withResamples(readHere(first), first.resample)
  // Thrown before any worker's reply is waited for: they do not hold the process open.
  if (!head.ok) throw replyError(head)
  const replies = await Promise.all(rest.map((file, index) => started[index]?.reply().then((reply) => adopt(file, reply)) ?? withResamples(readHere(file), file.resample)))
  return [head, ...replies].map((reply) => {
    if (reply.ok) return reply.result
    throw replyError(reply)
  })
}

function replyError(reply: Extract<ReadReply, { ok: false }>): Error {
  if (reply.input) return new InputError(reply.message)
  const error = new Error(reply.message)
  error.stack = reply.stack
  return error
}

/** Keeps the resamples a worker made with its result, as if made here. */
function adopt(file: ResultToRead, reply: ReadReply): ReadReply {
  if (reply.ok && reply.bootstrap !== undefined && file.resample !== undefined) adoptBootstrapSide(reply.result, file.resample.thresholds, file.resample.side, likelyPairedRun(reply.result), reply.bootstrap)
  return reply
}
