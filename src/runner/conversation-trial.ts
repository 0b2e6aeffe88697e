import { startRequest } from '../client/stream-request.js'
import type { RequestRecord } from '../result/types.js'
import type { ChatMessage, PlannedConversation } from '../workload/conversations.js'
import type { PlannedRequest } from '../workload/prompts.js'
import { loopPlan, releaseOnPlan, waitUntil } from '../client/send-loop.js'
import type { TrialRun, TrialRunInput } from './trial.js'

export interface ConversationTrialInput extends Omit<TrialRunInput, 'requests'> {
  conversations: readonly PlannedConversation[]
  /** The pause between an answer's end and the next turn (a user reading and typing). */
  thinkTimeMs: number
}

/**
 * Most characters of one answer kept for the history (a 16k-token answer is about 64k): past
 * it the history carries the answer cut short, and the server's prefix cache stops matching there.
 */
export const MAX_ANSWER_CHARS = 1 << 20

function turnRequest(conversation: PlannedConversation, turn: number, history: readonly ChatMessage[], historyTokens: number): PlannedRequest {
  const planned = conversation.turns[turn]!
  return {
    id: conversation.firstId + turn,
    messages: [...history],
    inputTokensTarget: historyTokens,
    maxTokens: planned.maxTokens,
    conversation: conversation.index,
    turn
  }
}

/** The request a conversation starts with: its prefix and first user turn. */
export function firstTurnRequest(conversation: PlannedConversation): PlannedRequest {
  return turnRequest(conversation, 0, [...conversation.prefix, { role: 'user', content: conversation.turns[0]!.content }], 0)
}

/**
 * Runs one trial's conversations. A conversation is a session: its first turn is released by the
 * load model (a closed loop keeps `concurrency` conversations going; an open loop starts them on
 * its schedule, at most `concurrency` at once when set), and each later turn is sent once the
 * answer before it has arrived and the think time has passed, carrying the whole conversation so
 * far with the server's own answers, as a chat client does. A failed turn ends its conversation:
 * the next turn would have no answer to follow.
 */
export async function runConversationTrial(input: ConversationTrialInput): Promise<TrialRun> {
  const { context, watchdog, spec, conversations, plan, clock, signal, thinkTimeMs } = input
  // First turns are known before the trial: their bodies are serialised before the clock starts.
  const firstBodies = conversations.map((conversation) =>
    JSON.stringify(context.adapter.buildBody(firstTurnRequest(conversation), spec))
  )
  const records: RequestRecord[] = []
  const startMs = clock()
  const startedAt = new Date().toISOString()

  const converse = async (index: number, firstScheduledAt: number): Promise<void> => {
    const conversation = conversations[index]!
    const history: ChatMessage[] = [...conversation.prefix]
    let historyTokens = conversation.prefixTokens
    let scheduledAt = firstScheduledAt
    for (let turn = 0; turn < conversation.turns.length; turn++) {
      const planned = conversation.turns[turn]!
      history.push({ role: 'user', content: planned.content })
      historyTokens += planned.tokens
      const request = turnRequest(conversation, turn, history, historyTokens)
      const body = turn === 0 ? firstBodies[index]! : JSON.stringify(context.adapter.buildBody(request, spec))
      if (turn > 0) await waitUntil(scheduledAt, clock, signal)
      if (signal?.aborted === true) return
      const started = startRequest(context, request, body, scheduledAt, startMs, MAX_ANSWER_CHARS)
      const record = await watchdog.watch(started)
      record.conversation = conversation.index
      record.turn = turn
      records.push(record)
      input.onRecord?.(record)
      if (!record.ok) return
      history.push({ role: 'assistant', content: started.answerText() ?? '' })
      historyTokens += record.output_tokens
      scheduledAt = clock() + thinkTimeMs
    }
  }

  let next = 0
  await releaseOnPlan({
    // A closed loop keeps `concurrency` conversations going; an open loop starts each on its schedule.
    plan: loopPlan(plan, conversations.length),
    clock,
    startMs,
    watchdog,
    signal,
    claim: () => (next < conversations.length ? { index: next++ } : null),
    run: ({ index }, scheduledAt) => converse(index, scheduledAt)
  })
  records.sort((a, b) => a.id - b.id)
  return { startMs, startedAt, records, interrupted: signal?.aborted === true }
}
