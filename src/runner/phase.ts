import type { Workload } from '../config/workload.js'
import { planConversations, plannedTurns } from '../workload/conversations.js'
import { planDatasetPrompts } from '../workload/dataset.js'
import { planPrompts } from '../workload/prompts.js'
import { firstTurnRequest, runConversationTrial } from './conversation-trial.js'
import type { PlannedRequest } from '../workload/prompts.js'
import { runTrial, type TrialRun, type TrialRunInput } from './trial.js'

/** One phase (warmup or measured) of one trial, planned from the seed and ready to run. */
export interface PlannedPhase {
  /** Requests it sends when every one succeeds: `count` requests, or every turn of `count` conversations. */
  sends: number
  /** The first request it sends (the preflight sends it too), undefined when it sends none. */
  first: PlannedRequest | undefined
  run(input: Omit<TrialRunInput, 'requests'>): Promise<TrialRun>
}

/** Plans `count` requests, or `count` conversations for `prompts.source: conversations`, from the workload's prompt source. */
export function planPhase(workload: Workload, trial: number, phase: 'warmup' | 'measured', count: number): PlannedPhase {
  const { prompts } = workload.spec
  if (prompts.source === 'conversations') {
    const conversations = planConversations(workload, trial, phase, count)
    const thinkTimeMs = (prompts.conversation?.think_time_s ?? 0) * 1000
    return { sends: plannedTurns(conversations), first: conversations[0] === undefined ? undefined : firstTurnRequest(conversations[0]), run: (input) => runConversationTrial({ ...input, conversations, thinkTimeMs }) }
  }
  const dataset = workload.dataset ?? null
  const requests = dataset !== null ? planDatasetPrompts(workload, dataset, trial, phase, count) : planPrompts(workload, trial, phase, count)
  return { sends: requests.length, first: requests[0], run: (input) => runTrial({ ...input, requests }) }
}
