import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { resolveWorkload } from '../../src/config/workload.js'
import type { ResultFile } from '../../src/result/types.js'
import { runWorkload } from '../../src/runner/run.js'
import { BatchingEngine } from '../../src/simulator/engine.js'
import { SIMULATOR_PROFILES, startSimulator, type RunningSimulator, type SimulatorProfile } from '../../src/simulator/index.js'
import { PrefixCache, type ChatTurn } from '../../src/simulator/prefix-cache.js'
import { NO_SLOWDOWN } from '../../src/simulator/slowdown.js'
import { CHAT_TEMPLATE_TOKENS_PER_MESSAGE } from '../../src/simulator/tokens.js'
import { FakeClock } from './fake-clock.js'

const token = (text: string) => ({ id: 1000, text, logprob: -1, special: false })
const words = (text: string): number => text.split(/\s+/).filter((word) => word !== '').length
const tokensOf = (messages: ChatTurn[]): number => messages.reduce((sum, m) => sum + words(m.content) + CHAT_TEMPLATE_TOKENS_PER_MESSAGE, 0)
/** A lookup that stores nothing (the request never finishes). */
const lookup = (cache: PrefixCache, messages: ChatTurn[]): number => cache.begin(messages, tokensOf(messages)).cachedTokens

/** One turn through the cache: look up, stream `answer` word by word, store. Returns the cached tokens and the answer message. */
function turn(cache: PrefixCache, messages: ChatTurn[], answer: string): { cached: number; answer: ChatTurn } {
  const used = cache.begin(messages, tokensOf(messages))
  for (const word of answer.match(/ ?[^ ]+/g)!) used.add(token(word))
  used.finish()
  return { cached: used.cachedTokens, answer: { role: 'assistant', content: answer } }
}

describe('the prefix cache', () => {
  test("a later turn finds the earlier turns' prompt and answer: only its new message is prefilled", () => {
    const cache = new PrefixCache(100_000)
    const u1 = { role: 'user', content: 'tell me about the cache please' }
    const first = turn(cache, [u1], ' it keeps the history')
    expect(first.cached).toBe(0)
    const u2 = { role: 'user', content: 'and then what' }
    const second = turn(cache, [u1, first.answer, u2], ' it is reused')
    expect(second.cached).toBe(tokensOf([u1, first.answer]))
    const u3 = { role: 'user', content: 'thanks' }
    expect(turn(cache, [u1, first.answer, u2, second.answer, u3], ' welcome').cached).toBe(tokensOf([u1, first.answer, u2, second.answer]))
    expect(cache.stats()).toEqual({ lookups: 3, hits: 2, cachedTokens: tokensOf([u1, first.answer]) + tokensOf([u1, first.answer, u2, second.answer]) })
  })

  test('an answer that differs from what the server generated finds nothing', () => {
    const cache = new PrefixCache(100_000)
    const u1 = { role: 'user', content: 'hello there' }
    turn(cache, [u1], ' the real answer')
    expect(turn(cache, [u1, { role: 'assistant', content: ' a different answer' }, { role: 'user', content: 'next' }], ' x').cached).toBe(0)
  })

  test('repeated single-turn prompts never hit: only a prompt with its answer is stored', () => {
    const cache = new PrefixCache(100_000)
    const messages = [{ role: 'system', content: 'a shared system prompt' }, { role: 'user', content: 'the same question' }]
    turn(cache, messages, ' one answer')
    expect(turn(cache, messages, ' one answer').cached).toBe(0)
    expect(cache.stats().hits).toBe(0)
  })

  test('the least recently used histories are evicted once their tokens pass the capacity', () => {
    const cache = new PrefixCache(40)
    const a = { role: 'user', content: 'conversation a opens here' }
    const b = { role: 'user', content: 'conversation b opens here' }
    const aAnswer = turn(cache, [a], ' answer a').answer
    const bAnswer = turn(cache, [b], ' answer b').answer
    // Each stored history is 14 tokens (4 words and an answer of 2, with 4 template tokens each): a third passes 40 and pushes the oldest (a) out.
    expect(tokensOf([a, aAnswer])).toBe(14)
    expect(lookup(cache, [a, aAnswer, { role: 'user', content: 'more' }])).toBe(14)
    turn(cache, [{ role: 'user', content: 'conversation c opens here' }], ' answer c')
    // The lookup above made a the most recent: b is the oldest now, and goes.
    expect(lookup(cache, [b, bAnswer, { role: 'user', content: 'more' }])).toBe(0)
    expect(lookup(cache, [a, aAnswer, { role: 'user', content: 'more' }])).toBe(14)
  })
})

describe('the engine with cached tokens', () => {
  test('prefills only the tokens the cache does not hold', () => {
    const profile: SimulatorProfile = { ...(SIMULATOR_PROFILES.fast as SimulatorProfile), decodeBaseMs: 10, decodePerSequenceMs: 0, prefillPerTokenMs: 0.1, stepNoiseSigma: 0, driftSigma: 0 }
    const firstTokenAt = (prefillTokens?: number): number => {
      const clock = new FakeClock()
      const engine = new BatchingEngine(profile, NO_SLOWDOWN, 1, clock)
      let at = Number.NaN
      engine.submit({ promptTokens: 1000, ...(prefillTokens !== undefined ? { prefillTokens } : {}), maxTokens: 1, outputTokens: 1, onToken: () => (at = clock.now()) })
      clock.advanceTo(1000)
      return at
    }
    expect(firstTokenAt()).toBeCloseTo(110, 9)
    expect(firstTokenAt(100)).toBeCloseTo(20, 9)
  })
})

describe('conversations against the simulator', () => {
  // Prefill dominates: a 1500-word opening costs ~75 ms to prefill, a short follow-up ~2 ms; decode steps are ~2 ms.
  const profile: SimulatorProfile = { ...(SIMULATOR_PROFILES.fast as SimulatorProfile), prefillPerTokenMs: 0.05 }
  const dir = mkdtempSync(join(tmpdir(), 'lpg-prefix-'))
  const document = Array.from({ length: 1500 }, (_, i) => ['the', 'model', 'cache', 'batch', 'token'][i % 5]).join(' ')
  writeFileSync(
    join(dir, 'chats.jsonl'),
    Array.from({ length: 6 }, (_, i) => JSON.stringify({ turns: [`document ${i}: ${document}`, `question ${i} about it`, `and one more on ${i}`], max_tokens: 6 })).join('\n')
  )

  async function runAgainst(prefixCache: boolean): Promise<{ result: ResultFile; hits: number }> {
    const simulator: RunningSimulator = await startSimulator({ profile, seed: 4, prefixCache })
    try {
      const workload = resolveWorkload(
        // One conversation at a time: a first turn's prefill never shares a step with another's later turn.
        { name: 'prefix', url: simulator.url, seed: 2, trials: 1, requests: 6, warmup: 0, load: { concurrency: 1 }, prompts: { source: 'conversations', file: 'chats.jsonl' } },
        join(dir, 'w.yml'),
        { env: {} }
      )
      const result = await runWorkload(workload)
      return { result, hits: simulator.stats().prefixCache?.hits ?? 0 }
    } finally {
      await simulator.close()
    }
  }

  let cached: { result: ResultFile; hits: number }
  let uncached: { result: ResultFile; hits: number }
  beforeAll(async () => {
    cached = await runAgainst(true)
    uncached = await runAgainst(false)
  }, 60_000)
  afterAll(() => {})

  test("later turns' TTFT falls below first turns' when the server keeps the history", () => {
    const turns = cached.result.summary.conversations!
    expect(cached.result.summary.failed).toBe(0)
    expect(turns.count).toBe(6)
    expect(cached.hits).toBe(12)
    // ~75 ms against a few ms: a factor of 3 holds with room for a busy machine.
    expect(turns.ttft_later_turns_ms.p50!).toBeLessThan(turns.ttft_first_turn_ms.p50! / 3)
  })

  test('without the cache, later turns pay for the whole history again', () => {
    const turns = uncached.result.summary.conversations!
    expect(uncached.hits).toBe(0)
    expect(turns.ttft_later_turns_ms.p50!).toBeGreaterThan(turns.ttft_first_turn_ms.p50! * 0.9)
    // The server counted the history every time: input tokens grow turn by turn.
    const inputs = turns.by_turn.map((t) => t.input_tokens_mean!)
    expect(inputs[1]!).toBeGreaterThan(inputs[0]!)
    expect(inputs[2]!).toBeGreaterThan(inputs[1]!)
  })
})
