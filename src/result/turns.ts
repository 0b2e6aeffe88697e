import type { RequestRecord, TurnSummary } from './types.js'
import { describe } from './summary.js'

type ConversationSummary = { conversations?: TurnSummary }

/**
 * A request that starts work of its own: a single-turn request, or a conversation's first turn.
 * The open loop schedules these; a later turn follows its answer, so the achieved rate counts starts.
 */
export const startsWork = (record: RequestRecord): boolean => record.turn === undefined || record.turn === 0

const counted = (record: RequestRecord): boolean => record.error?.kind !== 'cancelled'

/**
 * TTFT of first turns against later turns, and per turn index, over the given trials' requests;
 * nothing for a run without conversations. First turns prefill their whole prompt; later turns
 * carry the history, which a server with a prefix cache has already computed.
 */
export function summarizeTurns(trials: ReadonlyArray<readonly RequestRecord[]>): ConversationSummary {
  if (!trials.some((records) => records.some((record) => record.turn !== undefined))) return {}
  let conversations = 0
  const ttftByTurn: number[][] = []
  const inputByTurn: number[][] = []
  const requestsByTurn: number[] = []
  for (const records of trials) {
    const seen = new Set<number>()
    for (const record of records) {
      if (record.turn === undefined || !counted(record)) continue
      if (record.conversation !== undefined) seen.add(record.conversation)
      if (!record.ok) continue
      const turn = record.turn
      while (ttftByTurn.length <= turn) {
        ttftByTurn.push([])
        inputByTurn.push([])
        requestsByTurn.push(0)
      }
      requestsByTurn[turn]!++
      if (record.ttft_ms !== null) ttftByTurn[turn]!.push(record.ttft_ms)
      inputByTurn[turn]!.push(record.input_tokens)
    }
    conversations += seen.size
  }
  const mean = (values: readonly number[]): number | null => (values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length)
  const summary: TurnSummary = {
    count: conversations,
    ttft_first_turn_ms: describe(ttftByTurn[0] ?? []),
    ttft_later_turns_ms: describe(ttftByTurn.slice(1).flat()),
    by_turn: ttftByTurn.map((ttft, turn) => ({ turn, requests: requestsByTurn[turn]!, ttft_ms: describe(ttft), input_tokens_mean: mean(inputByTurn[turn]!) }))
  }
  return { conversations: summary }
}
