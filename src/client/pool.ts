/**
 * The client's worker threads (docs/scale.md). One thread reads about 60,000 paced events a second
 * (one token per socket read); a server streaming more than that would be measured late by one
 * event loop. Each worker has its own connections and stamps its own reads; the main thread
 * keeps the plan (prompts, bodies, the schedule), the journal, the columns, the progress and the
 * telemetry. Sends are the workers' own: a worker claims the next request from a shared counter
 * and sends it at its absolute time on the common timebase (timebase.ts), so client_queue_ms
 * measures the thread that sends, as it does on one thread, and no message between threads
 * stands between a request's time and its send.
 *
 * Workers get a small young generation (youngGenerationMb): V8 otherwise grows it to 128 MB on a
 * thread that allocates as fast as a stream reader does, most of a run's resident memory.
 */
import { existsSync } from 'node:fs'
import type { EventLoopUtilization } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { Clock } from '../clock.js'
import type { Workload } from '../config/workload.js'
import type { RecordBatch } from '../result/packed-records.js'
import type { PlannedRequest } from '../workload/prompts.js'
import type { SendPlan } from '../workload/schedule.js'
import { BLOCK_SIZE, RequestFeed, type RequestBlock } from './feed.js'
import { SharedControl } from './shared-control.js'
import { anchorNow } from './timebase.js'
import type { FromWorker, ToWorker, WorkerSetup } from './worker-protocol.js'

/**
 * A worker's young generation, in MB: 8 for up to 256 streams, more with more streams, to 64.
 * A scavenge costs what survives it, the state of the requests in flight: with many streams, a
 * young generation too small for that state would promote most of it, and old-generation
 * collections would pause the stamping for longer.
 */
export const youngGenerationMb = (streams: number | null): number => Math.min(64, Math.max(8, Math.ceil((streams ?? 256) / 32)))
/** Blocks of bodies made ahead of the claims. */
const BLOCKS_AHEAD = 2
/** How often the main thread checks whether the workers need more bodies, besides when they say so. */
const FEED_CHECK_MS = 5

/** The bundled worker sits at the top of dist/, where this module is either a bundle or one of its chunks (dist/chunks/). */
export function defaultClientWorker(): URL | null {
  const candidates = [new URL('./client-worker.js', import.meta.url), new URL('../client-worker.js', import.meta.url)]
  return candidates.find((candidate) => existsSync(fileURLToPath(candidate))) ?? null
}

export interface PhaseInput {
  prompts: Iterator<PlannedRequest>
  count: number
  /** A request's body, as the main thread serialises it. */
  body: (request: PlannedRequest) => string
  plan: SendPlan
  clock: Clock
  signal?: AbortSignal
  /** The trial the records belong to, and where they go as they come back, in batches; absent for a warmup, whose records are not kept. */
  records?: { trial: number; onBatch: (batch: RecordBatch) => void }
}

export interface PhaseRun {
  startMs: number
  startedAt: string
  interrupted: boolean
}

/** Splits `total` into `parts` near-equal whole shares. */
export function shares(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, index) => Math.floor(total / parts) + (index < total % parts ? 1 : 0))
}

export class ClientPool {
  private nextId = 0
  private failure: Error | null = null
  private readonly failed: Array<(error: Error) => void> = []

  private constructor(private readonly workers: Worker[]) {
    for (const [index, worker] of workers.entries()) {
      const fail = (error: Error): void => {
        this.failure ??= error
        for (const notify of this.failed.splice(0)) notify(this.failure)
      }
      worker.on('error', (error) => fail(new Error(`client worker ${index + 1} of ${workers.length} failed: ${error.message}`, { cause: error })))
      worker.on('exit', (code) => fail(new Error(`client worker ${index + 1} of ${workers.length} exited (code ${code})`)))
    }
  }

  /** Starts `count` workers for the workload's server. */
  static start(workload: Workload, origin: string, count: number, script: URL): ClientPool {
    const { spec } = workload
    const inFlight = spec.load.concurrency === undefined ? null : shares(spec.load.concurrency, count)
    const anchor = anchorNow()
    const workers = Array.from({ length: count }, (_, index) => {
      const setup: WorkerSetup = { origin, api: spec.api, path: workload.path, headers: workload.headers, timeouts: spec.timeouts, inFlight: inFlight === null ? null : Math.max(1, inFlight[index]!), anchor }
      return new Worker(script, { workerData: setup, resourceLimits: { maxYoungGenerationSizeMb: youngGenerationMb(setup.inFlight) }, stdout: false, stderr: false })
    })
    return new ClientPool(workers)
  }

  get size(): number {
    return this.workers.length
  }

  /** Each worker's event loop utilization so far (for the trial's host load: the busiest thread is the one that stamps late). */
  eventLoopUtilization(): EventLoopUtilization[] {
    return this.workers.map((worker) => worker.performance.eventLoopUtilization())
  }

  /** Opens `count` connections, shared out over the workers (Connections.open), before the measured requests. */
  async open(count: number, path: string, signal?: AbortSignal): Promise<{ ok: number; firstError: string | null }> {
    const id = this.nextId++
    const replies = await this.exchange(
      shares(count, this.workers.length).map((share): ToWorker => ({ type: 'open', id, count: Math.max(1, share), path })),
      (message, settle) => {
        if (message.type === 'opened' && message.id === id) settle(message)
      },
      signal
    )
    return { ok: replies.reduce((sum, reply) => sum + (reply?.type === 'opened' ? reply.ok : 0), 0), firstError: replies.map((reply) => (reply?.type === 'opened' ? reply.firstError : null)).find((error) => error !== null) ?? null }
  }

  /** Runs one phase's requests on the workers; resolves when every worker has sent what it claimed and has its records. */
  async runPhase(input: PhaseInput): Promise<PhaseRun> {
    const id = this.nextId++
    const { plan, clock, signal } = input
    const feed = new RequestFeed(input.prompts, input.count, input.body, true)
    const control = new SharedControl({ free: plan.kind === 'open' && plan.concurrency !== null ? plan.concurrency : 0 })
    const ahead = (): RequestBlock[] => {
      const made: RequestBlock[] = []
      while (!feed.done && feed.produced < control.claimed + BLOCKS_AHEAD * BLOCK_SIZE) made.push(feed.next()!)
      return made
    }
    let timer: NodeJS.Timeout | null = null
    const blocks = (): void => {
      for (const block of ahead()) for (const worker of this.workers) worker.postMessage({ type: 'block', id, block } satisfies ToWorker)
      // Once every body is made, the main thread need not wake to check.
      if (feed.done && timer !== null) {
        clearInterval(timer)
        timer = null
      }
    }
    // The first blocks go with the phase, made before its clock starts; later ones while it runs, ahead of the claims.
    const first = ahead()
    const loops = plan.kind === 'closed' ? shares(Math.min(plan.concurrency, input.count), this.workers.length) : null
    const sendAtMs = plan.kind === 'open' ? new Float64Array(new SharedArrayBuffer(plan.sendAtMs.byteLength)) : null
    if (plan.kind === 'open') sendAtMs!.set(plan.sendAtMs)
    const stop = (): void => {
      control.stop()
      for (const worker of this.workers) worker.postMessage({ type: 'abort', id } satisfies ToWorker)
    }
    signal?.addEventListener('abort', stop, { once: true })
    if (!feed.done) timer = setInterval(blocks, FEED_CHECK_MS)
    const startMs = clock()
    const startedAt = new Date().toISOString()
    try {
      await this.exchange(
        this.workers.map((_, index): ToWorker => ({
          type: 'phase',
          id,
          trial: input.records?.trial ?? null,
          count: input.count,
          startMs,
          control: control.memory,
          blocks: first,
          plan: loops !== null ? { kind: 'closed', loops: loops[index]! } : { kind: 'open', sendAtMs: sendAtMs!, capped: plan.kind === 'open' && plan.concurrency !== null }
        })),
        (message, settle) => {
          if (message.id !== id) return
          if (message.type === 'records') {
            input.records?.onBatch(message.batch)
            blocks()
          } else if (message.type === 'need') blocks()
          else if (message.type === 'done') settle(message)
        },
        undefined
      )
    } catch (error) {
      stop()
      throw error
    } finally {
      if (timer !== null) clearInterval(timer)
      signal?.removeEventListener('abort', stop)
    }
    return { startMs, startedAt, interrupted: signal?.aborted === true }
  }

  /**
   * Sends each worker its message and waits until `handle` settles each worker's part, a worker
   * fails, or `signal` aborts (parts not settled are then undefined).
   */
  private exchange(messages: ToWorker[], handle: (message: FromWorker, settle: (reply: FromWorker) => void) => void, signal?: AbortSignal): Promise<Array<FromWorker | undefined>> {
    return new Promise((resolve, reject) => {
      if (this.failure !== null) return reject(this.failure)
      const replies: Array<FromWorker | undefined> = new Array(this.workers.length)
      let pending = this.workers.length
      const listeners = this.workers.map((worker, index) => {
        let settled = false
        const listener = (message: FromWorker): void =>
          handle(message, (reply) => {
            if (settled) return
            settled = true
            replies[index] = reply
            if (--pending === 0) finish(() => resolve(replies))
          })
        worker.on('message', listener)
        return listener
      })
      const onFailure = (error: Error): void => finish(() => reject(error))
      const onAbort = (): void => finish(() => resolve(replies))
      const finish = (settle: () => void): void => {
        this.workers.forEach((worker, index) => worker.off('message', listeners[index]!))
        signal?.removeEventListener('abort', onAbort)
        const at = this.failed.indexOf(onFailure)
        if (at >= 0) this.failed.splice(at, 1)
        settle()
      }
      this.failed.push(onFailure)
      signal?.addEventListener('abort', onAbort, { once: true })
      this.workers.forEach((worker, index) => worker.postMessage(messages[index]!))
    })
  }

  async close(): Promise<void> {
    this.failure ??= new Error('the client workers were closed')
    await Promise.all(this.workers.map((worker) => worker.terminate()))
  }
}

