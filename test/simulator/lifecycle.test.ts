import { describe, expect, it, vi } from 'vitest'
import { SIMULATOR_PROFILES, startSimulator, type SimulatorProfile } from '../../src/simulator/index.js'
import { CHAT_PATH, post, readTimed } from './http.js'

const FAST = SIMULATOR_PROFILES.fast as SimulatorProfile
const chat = (maxTokens: number) => ({ messages: [{ role: 'user', content: 'go' }], max_tokens: maxTokens, ignore_eos: true, stream: true })
const isContent = (event: string): boolean => event.includes('"content":" ')

describe('clients that go away', () => {
  it('free their KV reservation, so a request that did not fit beside them is admitted at once', async () => {
    // Room for the long request (5 + 2000 tokens) or the short one (5 + 200), never both.
    const simulator = await startSimulator({ profile: { ...FAST, kvCapacityTokens: 2100, maxModelLen: 2100 }, seed: 1 })
    try {
      const abort = new AbortController()
      const long = await readTimed(await post(simulator.url, CHAT_PATH, chat(2000), abort.signal), (events) => events.some(({ event }) => isContent(event)))
      expect(long.events.some(({ event }) => isContent(event))).toBe(true)
      expect(simulator.stats().kvUsedTokens).toBe(2005)
      abort.abort()
      await vi.waitFor(() => expect(simulator.stats()).toMatchObject({ running: 0, waiting: 0, kvUsedTokens: 0 }))

      // Had the long request kept its KV, this one would wait its ~3 s of decoding first.
      const sentAt = performance.now()
      const short = await readTimed(await post(simulator.url, CHAT_PATH, chat(200), AbortSignal.timeout(2500)))
      expect(short.error).toBeUndefined()
      expect(short.text).toContain('data: [DONE]')
      const firstToken = short.events.find(({ event }) => isContent(event))?.atMs as number
      expect(firstToken - sentAt).toBeLessThan(1000)
    } finally {
      await simulator.close()
    }
  })
})

describe('close()', () => {
  it('ends open streams and idle keep-alive sockets, and leaves no connection or engine timer', async () => {
    const simulator = await startSimulator({ profile: 'fast', seed: 3 })
    // A finished request leaves a keep-alive socket; a long one is mid-stream when close() comes.
    await (await post(simulator.url, CHAT_PATH, chat(3))).text()
    const streaming = readTimed(await post(simulator.url, CHAT_PATH, chat(5000)))
    await vi.waitFor(() => expect(simulator.stats().steps).toBeGreaterThan(5))
    expect(simulator.stats()).toMatchObject({ running: 1, timerPending: true })

    await simulator.close()
    expect(simulator.stats()).toMatchObject({ connections: 0, running: 0, waiting: 0, kvUsedTokens: 0, timerPending: false })
    const cut = await streaming
    expect(cut.error).toBeInstanceOf(Error)
    expect(cut.text).not.toContain('[DONE]')
    // Closing twice is harmless, and the port no longer answers.
    await simulator.close()
    await expect(fetch(`${simulator.url}/health`)).rejects.toThrow()
  })

  it('ends a stalled stream that the client would otherwise hold open forever', async () => {
    const simulator = await startSimulator({ profile: 'fast', seed: 3, faults: { stall: 1 } })
    const stalled = readTimed(await post(simulator.url, CHAT_PATH, chat(50)))
    await vi.waitFor(() => expect(simulator.stats()).toMatchObject({ running: 0, waiting: 0, connections: 1 }))
    await simulator.close()
    expect(simulator.stats().connections).toBe(0)
    const cut = await stalled
    expect(cut.error).toBeInstanceOf(Error)
    expect(cut.events.some(({ event }) => isContent(event))).toBe(true)
  })
})
