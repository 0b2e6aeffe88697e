import { describe, expect, test } from 'vitest'
import type { StartedRequest } from '../../src/client/stream-request.js'
import { chat, runScripted } from '../helpers/scripted-dispatch.js'

async function answerOf(arrivals: Array<string | Buffer>, answerChars: number, api: 'openai-chat' | 'openai-completions' = 'openai-chat'): Promise<string | null> {
  let started: StartedRequest | undefined
  await runScripted(api, { arrivals: arrivals.map((bytes, i) => ({ at: 10 + i, bytes })) }, { answerChars, onStarted: (s) => (started = s) })
  return started!.answerText()
}

const completion = (text: string): string => `data: ${JSON.stringify({ id: 'c', object: 'text_completion', choices: [{ index: 0, text, finish_reason: null }] })}\n\n`

describe("a conversation's answer text", () => {
  test('is the streamed content joined, split events and multi-byte characters included', async () => {
    const event = Buffer.from(chat.content(' café 🙂'))
    // The event's bytes arrive in two reads cut inside the emoji.
    const cut = event.indexOf(0xf0) + 2
    const arrivals = [chat.role, chat.content('Hello'), event.subarray(0, cut), event.subarray(cut), chat.usage(3, 2), chat.done]
    let started: StartedRequest | undefined
    await runScripted('openai-chat', { arrivals: arrivals.map((bytes, i) => ({ at: i + 1, bytes })) }, { answerChars: 1000, onStarted: (s) => (started = s) })
    expect(started!.answerText()).toBe('Hello café 🙂')
  })

  test('is kept for the completions API too', async () => {
    expect(await answerOf([completion('one'), completion(' two'), chat.done], 100, 'openai-completions')).toBe('one two')
  })

  test('is bounded: past answerChars characters the rest is not kept', async () => {
    expect(await answerOf([chat.content('abcdef'), chat.content('ghijkl'), chat.done], 8)).toBe('abcdefgh')
  })

  test('is not kept at all for a single-turn request', async () => {
    expect(await answerOf([chat.content('abcdef'), chat.done], 0)).toBeNull()
  })
})
