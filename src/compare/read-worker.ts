/**
 * A worker thread's side of a read (read-ahead.ts): reads, validates and scans one result file
 * at once, then waits for how to resample it, and hands the columns and the resamples back
 * without copying them. Bundled as dist/read-result-worker.js, beside the bundles that start it.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { readHere, replyBuffers, withResamples } from './read-results.js'
import type { ReadReply, Resample } from './read-ahead.js'

const failure = (error: unknown): ReadReply => ({ ok: false, input: false, message: (error as Error).message, stack: (error as Error).stack ?? '' })

let read: ReadReply
try {
  read = readHere(workerData as { path: string; role: string })
} catch (error) {
  read = failure(error)
}
parentPort!.once('message', ({ resample }: { resample: Resample | undefined }) => {
  let reply: ReadReply
  try {
    reply = withResamples(read, resample)
  } catch (error) {
    reply = failure(error)
  }
  parentPort!.postMessage(reply, replyBuffers(reply))
})
