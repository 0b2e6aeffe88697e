import type { Clock } from '../clock.js'
import type { WorkloadSpec } from '../config/workload.js'
import { loopPlan, runSendLoop, type Claimed } from '../client/send-loop.js'
import type { RequestContext } from '../client/stream-request.js'
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

/** Runs one trial's measured requests against the plan on this thread; every request sent yields a record. */
export async function runTrial(input: TrialRunInput): Promise<TrialRun> {
  const { context, watchdog, spec, requests, plan, clock, signal } = input
  // Bodies are serialised before the clock starts so that JSON work is never client queueing.
  const bodies = requests.map((request) => JSON.stringify(context.adapter.buildBody(request, spec)))
  const records: RequestRecord[] = []
  let next = 0
  const source = { claim: (): Claimed | null => (next < requests.length ? { index: next, request: requests[next]!, body: bodies[next++]! } : null) }
  const startMs = clock()
  const startedAt = new Date().toISOString()
  await runSendLoop({
    context,
    watchdog,
    source,
    plan: loopPlan(plan, requests.length),
    clock,
    startMs,
    ...(signal !== undefined ? { signal } : {}),
    onRecord: (record) => {
      if (input.keepRecords !== false) records.push(record)
      input.onRecord?.(record)
    }
  })
  records.sort((a, b) => a.id - b.id)
  return { startMs, startedAt, records, interrupted: signal?.aborted === true }
}
