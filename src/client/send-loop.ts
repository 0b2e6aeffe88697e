/**
 * The loop that releases a phase's requests on their schedule, shared by the main thread
 * (runner/trial.ts) and each worker thread (worker-main.ts): only where a request comes from
 * (`claim`) and where a free place comes from (`slots`) differ, so a trial measures the same way
 * on one thread or several.
 */
import { setImmediate as yieldToIo, setTimeout as sleep } from 'node:timers/promises'
import type { Clock } from '../clock.js'
import type { RequestRecord } from '../result/types.js'
import type { PlannedRequest } from '../workload/prompts.js'
import type { SendPlan } from '../workload/schedule.js'
import { RequestAbort } from './errors.js'
import { startRequest, type RequestContext } from './stream-request.js'
import type { Watchdog } from './watchdog.js'

/** A request claimed for sending: its index in the phase, what the record needs of it, and its serialised body. */
export interface Claimed {
  index: number
  request: Pick<PlannedRequest, 'id' | 'maxTokens' | 'inputTokensTarget'>
  body: string | Uint8Array
}

export interface RequestSource {
  /** The next request to send, or null when none is left. A worker may wait here for its body to arrive (feed.ts). */
  claim(): Claimed | null | Promise<Claimed | null>
}

/** Free places under the open loop's concurrency cap. `take` resolves false when the run stopped while it waited. */
export interface Slots {
  take(): Promise<boolean>
  give(): void
}

export type LoopPlan = { kind: 'closed'; loops: number } | { kind: 'open'; sendAtMs: ArrayLike<number>; slots: Slots | null }

export interface SendLoopInput {
  context: RequestContext
  watchdog: Watchdog
  source: RequestSource
  plan: LoopPlan
  clock: Clock
  /** The trial's start on `clock`: the open loop's schedule counts from it, and so do the records' times. */
  startMs: number
  /** Aborting stops new sends and cancels what is in flight. */
  signal?: AbortSignal
  onRecord(record: RequestRecord): void
}

/** Counts free places for the open loop's optional concurrency cap, on one thread. */
export class LocalSlots implements Slots {
  private waiting: Array<(taken: boolean) => void> = []
  constructor(private free: number) {}
  async take(): Promise<boolean> {
    if (this.free > 0) {
      this.free--
      return true
    }
    return new Promise<boolean>((resolve) => this.waiting.push(resolve))
  }
  give(): void {
    const next = this.waiting.shift()
    if (next !== undefined) next(true)
    else this.free++
  }
}

/** A phase's send plan as this thread's loop runs `count` of its items: at most `count` closed loops, or the open schedule under a local cap. */
export function loopPlan(plan: SendPlan, count: number): LoopPlan {
  return plan.kind === 'closed' ? { kind: 'closed', loops: Math.min(plan.concurrency, count) } : { kind: 'open', sendAtMs: plan.sendAtMs, slots: plan.concurrency !== null ? new LocalSlots(plan.concurrency) : null }
}

/**
 * Waits until `target` on the monotonic clock. Node's timers fire up to a millisecond or more
 * late, so the last stretch yields to I/O with setImmediate until the time is reached: the
 * send stays on its absolute schedule and the event loop keeps reading streams meanwhile.
 */
export async function waitUntil(target: number, clock: Clock, signal: AbortSignal | undefined): Promise<void> {
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

/** What a plan releases: something with its index in the phase's schedule. */
export interface Released {
  index: number
}

export interface ReleaseInput<T extends Released> {
  plan: LoopPlan
  clock: Clock
  startMs: number
  watchdog: Watchdog
  signal?: AbortSignal | undefined
  /** The next thing to release, or null when none is left. */
  claim(): T | null | Promise<T | null>
  /** Runs it; `scheduledAt` is when the plan released it (a closed loop: the moment a place freed). */
  run(item: T, scheduledAt: number): Promise<void>
}

/**
 * Releases what `claim` gives on the plan: a closed loop keeps `loops` going, each starting the
 * next as soon as its last ended; an open loop waits for each one's absolute time and, under a
 * cap, a free slot. Aborting `signal` stops releases and cancels what the watchdog holds.
 * Requests (runSendLoop) and whole conversations (runner/conversation-trial.ts) are released so.
 */
export async function releaseOnPlan<T extends Released>(input: ReleaseInput<T>): Promise<void> {
  const { plan, clock, startMs, watchdog, signal } = input
  const stopped = (): boolean => signal?.aborted === true
  const cancel = (): void => watchdog.abortAll(new RequestAbort('cancelled', 'the run was interrupted while this request was in flight'))
  signal?.addEventListener('abort', cancel, { once: true })
  try {
    if (plan.kind === 'closed') {
      const loop = async (): Promise<void> => {
        while (!stopped()) {
          // A claim waits only when a worker's body has not arrived: the common case stays synchronous.
          let claimed = input.claim()
          if (claimed instanceof Promise) claimed = await claimed
          if (claimed === null || stopped()) break
          await input.run(claimed, clock())
        }
      }
      await Promise.all(Array.from({ length: plan.loops }, loop))
    } else {
      const slots = plan.slots
      const inFlight: Array<Promise<void>> = []
      while (!stopped()) {
        let claimed = input.claim()
        if (claimed instanceof Promise) claimed = await claimed
        if (claimed === null) break
        const scheduledAt = startMs + plan.sendAtMs[claimed.index]!
        await waitUntil(scheduledAt, clock, signal)
        if (slots !== null && !(await slots.take())) break
        if (stopped()) {
          slots?.give()
          break
        }
        inFlight.push(input.run(claimed, scheduledAt).finally(() => slots?.give()))
      }
      await Promise.all(inFlight)
    }
  } finally {
    signal?.removeEventListener('abort', cancel)
  }
}

/** Sends every request the source gives, on the plan's schedule; resolves once each sent request has its record. */
export async function runSendLoop(input: SendLoopInput): Promise<void> {
  const { context, watchdog, source, startMs } = input
  await releaseOnPlan({
    plan: input.plan,
    clock: input.clock,
    startMs,
    watchdog,
    signal: input.signal,
    claim: () => source.claim(),
    run: async (claimed, scheduledAt) => {
      input.onRecord(await watchdog.watch(startRequest(context, claimed.request as PlannedRequest, claimed.body, scheduledAt, startMs)))
    }
  })
}
