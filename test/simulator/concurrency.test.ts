import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.js'
import { CHAT_PATH, post, readTimed } from './http.js'

const TOKENS = 100
let simulator: RunningSimulator

beforeAll(async () => {
  simulator = await startSimulator({ profile: 'fast', seed: 2 })
})
afterAll(async () => {
  await simulator.close()
})

/** Mean gap between one request's content events, as a client would measure its TPOT. */
async function meanInterTokenMs(): Promise<number> {
  const body = { messages: [{ role: 'user', content: 'tell me a story' }], max_tokens: TOKENS, ignore_eos: true, stream: true }
  const { events, error } = await readTimed(await post(simulator.url, CHAT_PATH, body))
  expect(error).toBeUndefined()
  const content = events.filter(({ event }) => event.includes('"content":" '))
  expect(content).toHaveLength(TOKENS)
  return ((content.at(-1)?.atMs as number) - (content[0]?.atMs as number)) / (TOKENS - 1)
}

describe('the simulator under concurrency', () => {
  it('takes longer between tokens with 16 concurrent streams than with one', async () => {
    const alone = await meanInterTokenMs()
    const crowded = await Promise.all(Array.from({ length: 16 }, () => meanInterTokenMs()))
    const crowdedMean = crowded.reduce((sum, value) => sum + value, 0) / crowded.length
    // The fast profile's steps: 1.6 ms alone, 3.1 ms with 16 running (about 1.9×).
    expect(alone).toBeGreaterThan(1)
    expect(crowdedMean / alone).toBeGreaterThan(1.4)
    expect(simulator.stats()).toMatchObject({ running: 0, waiting: 0, kvUsedTokens: 0 })
  })
})
