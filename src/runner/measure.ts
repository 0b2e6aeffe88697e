/**
 * One phase of a trial (warmup or measured) on the target's worker threads, or on this thread
 * where it has none (client/pool.ts, docs/scale.md). Either way the requests are the workload's
 * seeded plan, sent on the same schedule by the same loop (client/send-loop.ts).
 */
import { performance, type EventLoopUtilization } from 'node:perf_hooks'
import type { Clock } from '../clock.js'
import type { Workload } from '../config/workload.js'
import type { ClientPool } from '../client/pool.js'
import type { RecordBatch } from '../result/packed-records.js'
import type { RequestRecord } from '../result/types.js'
import type { PlannedRequest } from '../workload/prompts.js'
import type { SendPlan } from '../workload/schedule.js'
import type { RecordSink } from '../result/record-sink.js'
import { phaseConversations, phaseRequests, runConversations } from './phase.js'
import type { Target } from './run.js'
import { runTrial } from './trial.js'

export interface PhaseOptions {
  trialIndex: number
  phase: 'warmup' | 'measured'
  count: number
  plan: SendPlan
  clock: Clock
  signal?: AbortSignal
  /** Where the records go; none for the warmup. */
  sink?: RecordSink
}

export interface PhaseResult {
  startMs: number
  startedAt: string
  interrupted: boolean
}

/** Opens the connections a trial needs before it is measured: on the workers, or on this thread. */
export async function openConnections(target: Target, count: number, signal?: AbortSignal): Promise<void> {
  if (target.pool != null) await target.pool.open(count, '/health', signal)
  else await target.connections.open(count, '/health', signal)
}

export async function runPhase(target: Target, workload: Workload, options: PhaseOptions): Promise<PhaseResult & { records: RequestRecord[] }> {
  const { spec } = workload
  const signal = options.signal !== undefined ? { signal: options.signal } : {}
  const sink = options.sink
  const onRecord = sink !== undefined ? { onRecord: (record: RequestRecord) => sink.add([record], [JSON.stringify(record)]) } : {}
  // Conversations run on this thread (openTarget starts no workers for them); their records are
  // kept too, for the summary's split by turn (result/turns.ts).
  const conversations = phaseConversations(workload, options.trialIndex, options.phase, options.count)
  if (conversations !== null) {
    return runConversations(workload, conversations, { context: target.context, watchdog: target.watchdog, spec, plan: options.plan, clock: options.clock, ...onRecord, ...signal })
  }
  if (target.pool != null) {
    const run = await target.pool.runPhase({
      prompts: phaseRequests(workload, options.trialIndex, options.phase, options.count),
      count: options.count,
      body: (request) => JSON.stringify(target.context.adapter.buildBody(request, spec)),
      plan: options.plan,
      clock: options.clock,
      ...signal,
      ...(sink !== undefined ? { records: { trial: options.trialIndex, onBatch: (batch: RecordBatch) => sink.addBatch(batch) } } : {})
    })
    return { ...run, records: [] }
  }
  const requests: PlannedRequest[] = []
  for (let source = phaseRequests(workload, options.trialIndex, options.phase, options.count), next = source.next(); next.done !== true; next = source.next()) requests.push(next.value)
  return runTrial({ context: target.context, watchdog: target.watchdog, spec, requests, plan: options.plan, clock: options.clock, keepRecords: false, ...onRecord, ...signal })
}

/** Each worker's event loop counters, to compare at the trial's end. */
export const workerLoops = (pool: ClientPool | null | undefined): EventLoopUtilization[] | null => pool?.eventLoopUtilization() ?? null

/** The busiest worker's share of the trial its event loop was busy: the thread whose stamps would be late. */
export function busiestWorker(pool: ClientPool, before: readonly EventLoopUtilization[]): number {
  return Math.max(...pool.eventLoopUtilization().map((after, index) => performance.eventLoopUtilization(after, before[index]!).utilization))
}
