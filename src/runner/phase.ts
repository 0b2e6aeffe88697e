import type { Workload } from '../config/workload.js'
import { planConversations, plannedTurns, type PlannedConversation } from '../workload/conversations.js'
import { planDatasetPrompts } from '../workload/dataset.js'
import { promptStream, type PlannedRequest } from '../workload/prompts.js'
import { firstTurnRequest, runConversationTrial } from './conversation-trial.js'
import type { TrialRun, TrialRunInput } from './trial.js'

type Phase = 'warmup' | 'measured'

/**
 * A phase's single requests from the workload's prompt source, drawn one at a time (a synthetic
 * or file trial of a million requests never holds them all: client/feed.ts), or a dataset's.
 */
export function phaseRequests(workload: Workload, trial: number, phase: Phase, count: number): Iterator<PlannedRequest> {
  const dataset = workload.dataset ?? null
  return dataset !== null ? planDatasetPrompts(workload, dataset, trial, phase, count)[Symbol.iterator]() : promptStream(workload, trial, phase, count)
}

/** The phase's conversations (`prompts.source: conversations`), or null for single requests. */
export function phaseConversations(workload: Workload, trial: number, phase: Phase, count: number): PlannedConversation[] | null {
  return workload.spec.prompts.source === 'conversations' ? planConversations(workload, trial, phase, count) : null
}

/** Requests a phase sends when every one succeeds: `count`, or every turn of `count` conversations. */
export function phaseSends(workload: Workload, trial: number, phase: Phase, count: number): number {
  const conversations = phaseConversations(workload, trial, phase, count)
  return conversations === null ? count : plannedTurns(conversations)
}

/** The workload's first request (what the preflight sends): a conversation's first turn, a dataset entry, a synthetic or file prompt. */
export function firstRequest(workload: Workload): PlannedRequest | undefined {
  const conversations = phaseConversations(workload, 0, 'warmup', 1)
  if (conversations !== null) return conversations[0] === undefined ? undefined : firstTurnRequest(conversations[0])
  const next = phaseRequests(workload, 0, 'warmup', 1).next()
  return next.done === true ? undefined : next.value
}

/**
 * Runs a phase of conversations on this thread: each turn's body carries the answers before it,
 * so turns are built as the answers arrive and cannot be prepared for worker threads.
 */
export function runConversations(workload: Workload, conversations: PlannedConversation[], input: Omit<TrialRunInput, 'requests'>): Promise<TrialRun> {
  const thinkTimeMs = (workload.spec.prompts.conversation?.think_time_s ?? 0) * 1000
  return runConversationTrial({ ...input, conversations, thinkTimeMs })
}
