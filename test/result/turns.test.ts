import { describe, expect, test } from 'vitest'
import { summarizeRun, summarizeTrial } from '../../src/result/summary.js'
import { summarizeTurns } from '../../src/result/turns.js'
import type { TrialResult } from '../../src/result/types.js'
import { record } from '../helpers/records.js'


/** Two conversations of three turns: first turns slow (a full prefill), later turns fast. */
const CONVERSATIONS = [
  record({ id: 0, conversation: 0, turn: 0, ttft_ms: 80, input_tokens: 500, sent_ms: 0 }),
  record({ id: 1, conversation: 0, turn: 1, ttft_ms: 6, input_tokens: 560, sent_ms: 300 }),
  record({ id: 2, conversation: 0, turn: 2, ttft_ms: 8, input_tokens: 620, sent_ms: 600 }),
  record({ id: 3, conversation: 1, turn: 0, ttft_ms: 90, input_tokens: 500, sent_ms: 1000 }),
  record({ id: 4, conversation: 1, turn: 1, ttft_ms: 4, input_tokens: 560, sent_ms: 1300 }),
  record({ id: 5, conversation: 1, turn: 2, ttft_ms: null, ok: false, sent_ms: 1600, error: { kind: 'http', status: 500, message: 'x' } })
]

describe('TTFT by turn', () => {
  const turns = summarizeTurns([CONVERSATIONS]).conversations!

  test('first turns and later turns are described apart, successful requests only', () => {
    expect(turns.count).toBe(2)
    expect(turns.ttft_first_turn_ms).toMatchObject({ count: 2, p50: 85, min: 80, max: 90 })
    expect(turns.ttft_later_turns_ms).toMatchObject({ count: 3, p50: 6, min: 4, max: 8 })
  })

  test('each turn index has its requests, TTFT and mean input length', () => {
    expect(turns.by_turn.map((t) => [t.turn, t.requests, t.ttft_ms.p50, t.input_tokens_mean])).toEqual([
      [0, 2, 85, 500],
      [1, 2, 5, 560],
      [2, 1, 8, 620]
    ])
  })

  test('a single-turn run has no turn summary, and its summaries are as before', () => {
    const single = [record({ id: 0 }), record({ id: 1, sent_ms: 500 })]
    expect(summarizeTurns([single])).toEqual({})
    expect(summarizeTrial({ records: single, slo: {}, targetRate: null }).summary).not.toHaveProperty('conversations')
  })

  test('the run counts conversations trial by trial, and its trials carry their own split', () => {
    const trial = (index: number): TrialResult => {
      const { summary, durationS } = summarizeTrial({ records: CONVERSATIONS, slo: {}, targetRate: 2 })
      return { index, started_at: '', duration_s: durationS, requests: CONVERSATIONS, summary }
    }
    const trials = [trial(0), trial(1)]
    expect(trials[0]!.summary.conversations!.count).toBe(2)
    expect(summarizeRun(trials, {}).conversations!.count).toBe(4)
    expect(summarizeRun(trials, {}).conversations!.ttft_first_turn_ms.count).toBe(4)
  })

  test("the achieved rate counts conversation starts: later turns follow answers, not the schedule", () => {
    // Starts at 0 and 1000 ms: one start a second, though six turns were sent in 1.6 s.
    expect(summarizeTrial({ records: CONVERSATIONS, slo: {}, targetRate: 1 }).summary.achieved_rate).toBeCloseTo(1, 12)
  })
})
