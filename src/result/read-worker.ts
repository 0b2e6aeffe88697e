/**
 * A worker thread's side of `readComparableResults` (load.ts): reads, validates and converts one
 * result file, and hands the columns back without copying them. Bundled as
 * dist/read-result-worker.js, beside the bundles that start it.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { InputError } from '../errors.js'
import { columnBuffers } from './columns.js'
import { readComparableResult, type ReadReply, type ResultToRead } from './load.js'

const { path, role } = workerData as ResultToRead
let reply: ReadReply
let transfer: ArrayBuffer[] = []
try {
  const result = readComparableResult(path, role)
  reply = { ok: true, result }
  transfer = columnBuffers(result)
} catch (error) {
  reply = { ok: false, input: error instanceof InputError, message: (error as Error).message, stack: (error as Error).stack ?? '' }
}
parentPort!.postMessage(reply, transfer)
