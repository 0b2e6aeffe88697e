import { setImmediate as yieldToIo, setTimeout as sleep } from 'node:timers/promises'
import type { Clock } from '../clock.js'
import type { WorkloadSpec } from '../config/workload.js'
import { RequestAbort } from '../client/errors.js'
import { startRequest, type RequestContext } from '../client/stream-request.js'
import type { Watchdog } from '../client/watchdog.js'
import type { RequestRecord } from '../result/types.js'
import type { PlannedRequest } from '../workload/prompts.js'
import type { SendPlan } from '../workload/schedule.js'

export interface TrialRunInput {
  context: RequestContext
  watchdog: Watchdog
  spec: WorkloadSpec
  requests: readonly PlannedRequest[]
  plan: SendPlan
  clock: Clock
  /** Called as each request finishes, in completion order. */
  onRecord?: (record: RequestRecord) => void
  /** Keep the records for `TrialRun.records` (default); false when `onRecord` keeps them elsewhere, so memory does not grow with the trial. */
  keepRecords?: boolean
  /** Aborting stops new sends and cancels what is in flight; what finished is kept. */
  signal?: AbortSignal
}

export interface TrialRun {
  /** The trial's start on the monotonic clock; the records' `*_ms` fields are relative to it. */
  startMs: number
  startedAt: string
  /** Records of the requests that were sent, by id (none when `keepRecords` is false). */
  records: RequestRecord[]
  interrupted: boolean
}

/** Counts free places for the open loop's optional concurrency cap. */
class Slots {
  private waiting: Array<() => void> = []
  constructor(private free: number) {}
  async take(): Promise<void> {
    if (this.free > 0) {
      this.free--
      return
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve))
  }
  give(): void {
    const next = this.waiting.shift()
    if (next !== undefined) next()
    else this.free++
  }
}

/**
 * Waits until `target` on the monotonic clock. Node's timers fire up to a millisecond or more
 * late, so the last stretch yields to I/O with setImmediate until the time is reached: the
 * send stays on its absolute schedule and the event loop keeps reading streams meanwhile.
 */
async function waitUntil(target: number, clock: Clock, signal: AbortSignal | undefined): Promise<void> {
  const remaining = target - clock()
  if (remaining > 2) {
    try {
      await sleep(remaining - 1.5, undefined, signal !== undefined ? { signal } : undefined)
    } catch {
      return // aborted: the caller sees signal.aborted
    }
  }
  while (clock() < target && signal?.aborted !== true) await yieldToIo()
}

/** Runs one trial's measured requests against the plan; every request sent yields a record. */
export async function runTrial(input: TrialRunInput): Promise<TrialRun> {
  const { context, watchdog, spec, requests, plan, clock, signal } = input
  // Bodies are serialised before the clock starts so that JSON work is never client queueing.
  const bodies = requests.map((request) => JSON.stringify(context.adapter.buildBody(request, spec)))
  const records: RequestRecord[] = []
  const cancel = (): void => watchdog.abortAll(new RequestAbort('cancelled', 'the run was interrupted while this request was in flight'))
  signal?.addEventListener('abort', cancel, { once: true })
  const startMs = clock()
  const startedAt = new Date().toISOString()

  const send = async (index: number, scheduledAt: number): Promise<void> => {
    const request = requests[index]!
    const started = startRequest(context, request, bodies[index]!, scheduledAt, startMs)
    watchdog.add(started.inFlight)
    const record = await started.completion
    watchdog.remove(started.inFlight)
    if (input.keepRecords !== false) records.push(record)
    input.onRecord?.(record)
  }

  try {
    if (plan.kind === 'closed') {
      let next = 0
      const worker = async (): Promise<void> => {
        while (next < requests.length && signal?.aborted !== true) {
          const index = next++
          await send(index, clock())
        }
      }
      await Promise.all(Array.from({ length: Math.min(plan.concurrency, requests.length) }, worker))
    } else {
      const slots = plan.concurrency !== null ? new Slots(plan.concurrency) : null
      const inFlight: Array<Promise<void>> = []
      for (let index = 0; index < requests.length; index++) {
        const scheduledAt = startMs + plan.sendAtMs[index]!
        await waitUntil(scheduledAt, clock, signal)
        if (slots !== null) await slots.take()
        if (signal?.aborted === true) {
          slots?.give()
          break
        }
        inFlight.push(send(index, scheduledAt).finally(() => slots?.give()))
      }
      await Promise.all(inFlight)
    }
  } finally {
    signal?.removeEventListener('abort', cancel)
  }
  records.sort((a, b) => a.id - b.id)
  return { startMs, startedAt, records, interrupted: signal?.aborted === true }
}
