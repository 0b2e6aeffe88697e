import { afterEach, describe, expect, it, vi } from 'vitest'
import { NO_FAULTS, startSimulator, type FaultSpec, type RunningSimulator } from '../../src/simulator/index.js'
import { CHAT_PATH, COMPLETIONS_PATH, TGI_PATH, post, readTimed, sseEvents } from './http.js'

const started: RunningSimulator[] = []
afterEach(async () => {
  await Promise.all(started.splice(0).map((simulator) => simulator.close()))
})

/** A simulator where one fault hits every request. */
async function withFault(fault: Partial<FaultSpec>): Promise<RunningSimulator> {
  const simulator = await startSimulator({ profile: 'fast', seed: 4, faults: { ...NO_FAULTS, ...fault } })
  started.push(simulator)
  return simulator
}

const chat = (maxTokens = 20) => ({ messages: [{ role: 'user', content: 'hi there' }], max_tokens: maxTokens, ignore_eos: true, stream: true, stream_options: { include_usage: true } })
const isContent = (event: string): boolean => event.includes('"content":" ')

describe('injected faults', () => {
  it('http500 answers 500 with an OpenAI-style error body', async () => {
    const simulator = await withFault({ http500: 1 })
    const response = await post(simulator.url, CHAT_PATH, chat())
    expect(response.status).toBe(500)
    expect(await response.json()).toEqual({ error: { message: expect.any(String), type: 'InternalServerError', param: null, code: 500 } })
  })

  it('http429 answers 429 with retry-after and an error body; TGI gets its own error shape', async () => {
    const simulator = await withFault({ http429: 1 })
    const response = await post(simulator.url, CHAT_PATH, chat())
    expect(response.status).toBe(429)
    expect(response.headers.get('retry-after')).toBe('1')
    expect(await response.json()).toMatchObject({ error: { type: 'RateLimitError', code: 429 } })
    const tgi = await post(simulator.url, TGI_PATH, { inputs: 'hi', parameters: { max_new_tokens: 3 } })
    expect(tgi.status).toBe(429)
    expect(await tgi.json()).toEqual({ error: 'Model is overloaded', error_type: 'overloaded' })
  })

  it('reset closes the connection after at least one token and before [DONE]', async () => {
    const simulator = await withFault({ reset: 1 })
    const { text, events, error } = await readTimed(await post(simulator.url, CHAT_PATH, chat()))
    expect(error).toBeInstanceOf(Error)
    const tokens = events.filter(({ event }) => isContent(event)).length
    expect(tokens).toBeGreaterThanOrEqual(1)
    expect(tokens).toBeLessThan(20)
    expect(text).not.toContain('[DONE]')
    await vi.waitFor(() => expect(simulator.stats()).toMatchObject({ running: 0, kvUsedTokens: 0 }))
  })

  it('stall stops sending after at least one token but keeps the connection open until the client gives up', async () => {
    const simulator = await withFault({ stall: 1 })
    const response = await post(simulator.url, CHAT_PATH, chat(), AbortSignal.timeout(300))
    const reading = readTimed(response)
    // Stalled: the engine has let the sequence go, while the connection stays open.
    await vi.waitFor(() => expect(simulator.stats()).toMatchObject({ running: 0, waiting: 0, kvUsedTokens: 0 }))
    expect(simulator.stats().connections).toBe(1)
    // At the fast profile's ~2 ms per step, all 20 tokens would have come well within the 300 ms.
    const { text, events, error } = await reading
    expect((error as Error).name).toMatch(/AbortError|TimeoutError/)
    const tokens = events.filter(({ event }) => isContent(event)).length
    expect(tokens).toBeGreaterThanOrEqual(1)
    expect(tokens).toBeLessThan(20)
    expect(text).not.toContain('[DONE]')
    await vi.waitFor(() => expect(simulator.stats().connections).toBe(0))
  })

  it('malformed sends one event whose data is not JSON and then carries on to [DONE]', async () => {
    const simulator = await withFault({ malformed: 1 })
    const text = await (await post(simulator.url, COMPLETIONS_PATH, { prompt: 'hi', max_tokens: 10, ignore_eos: true, stream: true })).text()
    const data = sseEvents(text).map((event) => event.slice('data: '.length))
    const unparsable = data.filter((payload) => {
      try {
        JSON.parse(payload)
        return false
      } catch {
        return payload !== '[DONE]'
      }
    })
    expect(unparsable).toHaveLength(1)
    expect(data.filter((payload) => payload.includes('"text":" '))).toHaveLength(10)
    expect(data.at(-1)).toBe('[DONE]')
  })

  it('no_done ends the stream cleanly with its usage chunk but without [DONE]; TGI without its final details', async () => {
    const simulator = await withFault({ noDone: 1 })
    const { text, error } = await readTimed(await post(simulator.url, CHAT_PATH, chat(5)))
    expect(error).toBeUndefined()
    expect(text).not.toContain('[DONE]')
    expect(text).toContain('"usage":{"prompt_tokens":6,"total_tokens":11,"completion_tokens":5}')
    const tgi = sseEvents(await (await post(simulator.url, TGI_PATH, { inputs: 'hi', parameters: { max_new_tokens: 3, details: true } })).text())
    expect(tgi).toHaveLength(3)
    expect(JSON.parse((tgi[2] as string).slice('data:'.length))).toMatchObject({ index: 3, generated_text: null, details: null })
  })

  it('comments interleaves ": ping" comment lines between the events', async () => {
    const simulator = await withFault({ comments: 1 })
    const events = sseEvents(await (await post(simulator.url, CHAT_PATH, chat(4))).text())
    const comments = events.filter((event) => event === ': ping')
    expect(comments.length).toBeGreaterThanOrEqual(4)
    // One before the first token (during prefill) and one after each token event.
    expect(events[0]).toBe(': ping')
    expect(events.filter(isContent)).toHaveLength(4)
    expect(events.at(-1)).toBe('data: [DONE]')
  })
})
