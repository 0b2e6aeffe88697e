/**
 * Starting to read a result file on a worker thread, kept free of the modules that read it: the
 * CLI starts `compare`'s worker on the current result before the command's own modules load
 * (a few hundred milliseconds of compiling on a small runner), and the worker's reply waits for
 * the thresholds the command loads meanwhile. load.ts builds on this.
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { BootstrapRole, SideBootstrap } from './bootstrap-sides.js'
import type { Thresholds } from '../config/thresholds.js'
import type { ComparableResult } from '../result/columns.js'

/** Resample a result as this side of a comparison where it is read (compare's bootstrap), so the sides resample in parallel. */
export interface Resample {
  thresholds: Thresholds
  side: BootstrapRole
}

export interface ResultToRead {
  path: string
  /** How error messages name the file: "baseline", "current result". */
  role: string
  resample?: Resample
  /** Already being read on a worker (readAhead); its `resample` is sent to it. */
  ahead?: WorkerRead | null
}

export type ReadReply = { ok: true; result: ComparableResult; bootstrap?: SideBootstrap } | { ok: false; input: boolean; message: string; stack: string }

/** The bundled worker sits at the top of dist/, where this module is either a bundle or one of its chunks (dist/chunks/). */
export function defaultReadWorker(): URL | null {
  const candidates = [new URL('../result/read-result-worker.js', import.meta.url), new URL('../read-result-worker.js', import.meta.url)]
  return candidates.find((candidate) => existsSync(fileURLToPath(candidate))) ?? null
}

/**
 * A file being read on a worker. The worker reads, validates and scans the file as soon as it
 * starts, then waits to be told how to resample it before it replies. Until `reply` is asked
 * for, the worker does not keep the process alive, so a command that fails first exits at once.
 */
export interface WorkerRead {
  /** How to resample the result once read; the worker goes on without holding the process. */
  resample(resample: Resample | undefined): void
  /** The worker's reply; from now on the process waits for it. */
  reply(): Promise<ReadReply>
}

export function startWorkerRead(file: { path: string; role: string }, worker: URL): WorkerRead {
  const thread = new Worker(worker, { workerData: { path: file.path, role: file.role } })
  const failed = (message: string, stack = ''): ReadReply => ({ ok: false, input: false, message: `reading ${file.role} ${file.path} on a worker thread failed: ${message}`, stack })
  const reply = new Promise<ReadReply>((resolve) => {
    thread.once('message', resolve)
    thread.once('error', (error) => resolve(failed(error.message, error.stack)))
    thread.once('exit', (code) => resolve(failed(`it exited with code ${code} before replying`)))
  })
  // After the listeners: adding a message listener refs the worker again.
  thread.unref()
  return {
    resample(resample) {
      thread.postMessage({ resample })
    },
    reply() {
      thread.ref()
      return reply
    }
  }
}

/** Starts reading `file` on the bundled worker now; null where there is no bundled worker (running from the sources). */
export function readAhead(file: { path: string; role: string }, worker: URL | null = defaultReadWorker()): WorkerRead | null {
  return worker === null ? null : startWorkerRead(file, worker)
}
