/**
 * A client worker thread (pool.ts starts it): its own connections, watchdog and clock (on the main
 * thread's timebase, timebase.ts), and the same send loop as the main thread's client. It claims
 * requests from the phase's shared counter, sends each at its absolute time, stamps every read
 * of its streams, and hands finished records back packed (packed-records.ts), in batches.
 * Bundled as dist/client-worker.js, beside the bundles that start it.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { journalRecordPrefix } from '../result/journal.js'
import { packBatch } from '../result/packed-records.js'
import type { RequestRecord } from '../result/types.js'
import { Connections } from './connections.js'
import { blockOf, claimFrom, type RequestBlock } from './feed.js'
import { runSendLoop, type Claimed, type RequestSource } from './send-loop.js'
import { SharedControl } from './shared-control.js'
import { createRequestContext } from './stream-request.js'
import { clockFrom } from './timebase.js'
import { Watchdog } from './watchdog.js'
import type { FromWorker, ToWorker, WorkerSetup } from './worker-protocol.js'

const port = parentPort!
const setup = workerData as WorkerSetup
const clock = clockFrom(setup.anchor)
const connections = new Connections(setup.origin, { inFlight: setup.inFlight, connectTimeoutMs: setup.timeouts.connect_s * 1000 })
const context = createRequestContext(connections, setup.api, setup.path, setup.headers, clock)
const watchdog = new Watchdog(setup.timeouts, clock)
const post = (message: FromWorker): void => port.postMessage(message)
/**
 * Finished records go to the main thread every FLUSH_MS, or sooner by FLUSH_RECORDS: a message a
 * batch rather than a turn of the event loop, so neither thread wakes for every few records. The
 * journal then lags the measurement by at most that.
 */
const FLUSH_MS = 50
const FLUSH_RECORDS = 1024

interface Phase {
  id: number
  abort: AbortController
  blocks: Map<number, RequestBlock>
  /** Claims waiting for their block to arrive. */
  waiting: Map<number, Array<(block: RequestBlock | null) => void>>
}

let phase: Phase | null = null

async function runPhase(message: Extract<ToWorker, { type: 'phase' }>): Promise<void> {
  const current: Phase = { id: message.id, abort: new AbortController(), blocks: new Map(message.blocks.map((block) => [blockOf(block.start), block])), waiting: new Map() }
  phase = current
  const control = new SharedControl(message.control)
  const source: RequestSource = {
    claim(): Claimed | null | Promise<Claimed | null> {
      if (control.stopped || current.abort.signal.aborted) return null
      const index = control.claim()
      if (index >= message.count) return null
      const number = blockOf(index)
      // Claims only grow: blocks before this one are never needed here again.
      for (const known of current.blocks.keys()) if (known < number) current.blocks.delete(known)
      const block = current.blocks.get(number)
      if (block !== undefined) return claimFrom(block, index)
      post({ type: 'need', id: current.id, block: number })
      return new Promise((resolve) => {
        const waiters = current.waiting.get(number) ?? []
        waiters.push((arrived) => resolve(arrived === null ? null : claimFrom(arrived, index)))
        current.waiting.set(number, waiters)
      })
    }
  }
  let pending: RequestRecord[] = []
  const prefix = message.trial === null ? null : journalRecordPrefix(message.trial)
  let timer: NodeJS.Timeout | null = null
  const flush = (): void => {
    if (timer !== null) clearTimeout(timer)
    timer = null
    if (pending.length === 0 || prefix === null) return
    const batch = packBatch(pending, prefix)
    pending = []
    post({ type: 'records', id: current.id, batch })
  }
  const plan = message.plan
  await runSendLoop({
    context,
    watchdog,
    source,
    plan: plan.kind === 'closed' ? plan : { kind: 'open', sendAtMs: plan.sendAtMs, slots: plan.capped ? control.slots() : null },
    clock,
    startMs: message.startMs,
    signal: current.abort.signal,
    onRecord(record) {
      if (prefix === null) return
      pending.push(record)
      if (pending.length >= FLUSH_RECORDS) flush()
      else timer ??= setTimeout(flush, FLUSH_MS)
    }
  })
  flush()
  phase = null
  post({ type: 'done', id: current.id })
}

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'open':
      void connections.open(message.count, message.path).then(({ ok, firstError }) => post({ type: 'opened', id: message.id, ok, firstError }))
      break
    case 'phase':
      // A failure here is a bug: unhandled, it ends the worker, and the main thread reports its error.
      void runPhase(message)
      break
    case 'block': {
      if (phase?.id !== message.id) break
      phase.blocks.set(blockOf(message.block.start), message.block)
      const number = blockOf(message.block.start)
      for (const resolve of phase.waiting.get(number) ?? []) resolve(message.block)
      phase.waiting.delete(number)
      break
    }
    case 'abort':
      if (phase?.id !== message.id) break
      phase.abort.abort()
      for (const waiters of phase.waiting.values()) for (const resolve of waiters) resolve(null)
      phase.waiting.clear()
      break
  }
})
