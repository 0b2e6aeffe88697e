import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SIMULATOR_PROFILES, startSimulator, type RunningSimulator, type SimulatorProfile } from '../../src/simulator/index.js'
import { CHAT_PATH, COMPLETIONS_PATH, TGI_PATH, post, sseEvents, vllmPayloads } from './http.js'

const MODEL = 'llm-perf-gate/sim-7b'
const FAST = SIMULATOR_PROFILES.fast as SimulatorProfile
let simulator: RunningSimulator
/** The same engine, but one where an un-ignored EOS comes almost at once. */
let eager: RunningSimulator

beforeAll(async () => {
  simulator = await startSimulator({ profile: 'fast', seed: 11 })
  eager = await startSimulator({ profile: { ...FAST, eosProbabilityPerToken: 0.5 }, seed: 11 })
})
afterAll(async () => {
  await Promise.all([simulator.close(), eager.close()])
})

const chatBody = (extra: Record<string, unknown> = {}) => ({
  model: MODEL,
  messages: [
    { role: 'system', content: 'be brief' },
    { role: 'user', content: 'the cat sat on the mat' }
  ],
  max_tokens: 5,
  stream: true,
  ignore_eos: true,
  ...extra
})
// Words plus four template tokens per message: (2 + 4) + (6 + 4).
const CHAT_PROMPT_TOKENS = 16

describe('the chat completions stream (vLLM)', () => {
  it('sends a role-only chunk, one content chunk per token, finish_reason on the last, the usage chunk, then [DONE]', async () => {
    const response = await post(simulator.url, CHAT_PATH, chatBody({ stream_options: { include_usage: true } }))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    const text = await response.text()
    const events = sseEvents(text)
    expect(text.endsWith('\n\n')).toBe(true)
    expect(events.every((event) => event.startsWith('data: '))).toBe(true)
    expect(events.at(-1)).toBe('data: [DONE]')
    const chunks = vllmPayloads(text)
    expect(chunks).toHaveLength(1 + 5 + 1)

    const [role, ...rest] = chunks
    expect(role).toMatchObject({ object: 'chat.completion.chunk', model: MODEL, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }] })
    expect(String(role?.id)).toMatch(/^chatcmpl-[0-9a-f]{32}$/)
    expect(typeof role?.created).toBe('number')
    expect(chunks.every((chunk) => chunk.id === role?.id && chunk.created === role?.created)).toBe(true)

    const content = rest.slice(0, 5)
    for (const [i, chunk] of content.entries()) {
      const choice = (chunk.choices as Array<Record<string, unknown>>)[0] as Record<string, unknown>
      expect(Object.keys(choice.delta as object)).toEqual(['content'])
      expect((choice.delta as { content: string }).content).toMatch(/^ \S/)
      expect(choice.finish_reason).toBe(i === 4 ? 'length' : null)
      expect('stop_reason' in choice).toBe(i === 4)
      expect('usage' in chunk).toBe(false)
    }
    expect(rest[5]).toMatchObject({ choices: [], usage: { prompt_tokens: CHAT_PROMPT_TOKENS, completion_tokens: 5, total_tokens: CHAT_PROMPT_TOKENS + 5 } })
  })

  it('sends no usage chunk when the request does not ask for it', async () => {
    const text = await (await post(simulator.url, CHAT_PATH, chatBody())).text()
    const chunks = vllmPayloads(text)
    expect(chunks).toHaveLength(6)
    expect(chunks.some((chunk) => 'usage' in chunk)).toBe(false)
    expect(sseEvents(text).at(-1)).toBe('data: [DONE]')
  })

  it('puts cumulative usage on every chunk with continuous_usage_stats', async () => {
    const text = await (await post(simulator.url, CHAT_PATH, chatBody({ stream_options: { include_usage: true, continuous_usage_stats: true } }))).text()
    const completion = vllmPayloads(text).map((chunk) => (chunk.usage as { completion_tokens: number }).completion_tokens)
    // Role chunk, five tokens, final usage chunk.
    expect(completion).toEqual([0, 1, 2, 3, 4, 5, 5])
  })

  it('stops on a simulated EOS with finish_reason "stop" and an empty last delta unless ignore_eos is set', async () => {
    const text = await (await post(eager.url, CHAT_PATH, chatBody({ max_tokens: 40, ignore_eos: false, stream_options: { include_usage: true } }))).text()
    const chunks = vllmPayloads(text)
    const usage = chunks.at(-1)?.usage as { completion_tokens: number }
    const last = (chunks.at(-2)?.choices as Array<Record<string, unknown>>)[0]
    expect(last).toMatchObject({ delta: { content: '' }, finish_reason: 'stop' })
    expect(usage.completion_tokens).toBeLessThan(40)
    // Role chunk + one chunk per token (the EOS one included) + usage chunk.
    expect(chunks).toHaveLength(usage.completion_tokens + 2)
  })

  it('answers a request for another model with vLLM\'s 404 error', async () => {
    const response = await post(simulator.url, CHAT_PATH, chatBody({ model: 'gpt-4' }))
    expect(response.status).toBe(404)
    expect(await response.json()).toEqual({ error: { message: 'The model `gpt-4` does not exist.', type: 'NotFoundError', param: 'model', code: 404 } })
  })

  it('refuses bad JSON and a request longer than the context with 400', async () => {
    const broken = await post(simulator.url, CHAT_PATH, '{"messages": [')
    expect(broken.status).toBe(400)
    expect(await broken.json()).toMatchObject({ error: { type: 'BadRequestError', code: 400 } })
    const tooLong = await post(simulator.url, CHAT_PATH, chatBody({ max_tokens: FAST.maxModelLen }))
    expect(tooLong.status).toBe(400)
    expect(await tooLong.json()).toMatchObject({ error: { param: 'max_tokens', message: expect.stringMatching(/maximum context length is 8192/) } })
  })

  it('returns one chat.completion object when not streaming', async () => {
    const response = await post(simulator.url, CHAT_PATH, chatBody({ stream: false }))
    expect(response.headers.get('content-type')).toBe('application/json')
    const body = (await response.json()) as Record<string, unknown>
    expect(body).toMatchObject({ object: 'chat.completion', model: MODEL, choices: [{ index: 0, message: { role: 'assistant' }, finish_reason: 'length' }] })
    expect(body.usage).toEqual({ prompt_tokens: CHAT_PROMPT_TOKENS, total_tokens: CHAT_PROMPT_TOKENS + 5, completion_tokens: 5 })
  })

  it('gives the same text for the same prompt and seed, and another text for another prompt', async () => {
    const textOf = async (content: string) =>
      vllmPayloads(await (await post(simulator.url, CHAT_PATH, chatBody({ seed: 5, max_tokens: 12, messages: [{ role: 'user', content }] }))).text())
        .map((chunk) => (chunk.choices as Array<{ delta: { content?: string } }>)[0]?.delta.content ?? '')
        .join('')
    const first = await textOf('one two three')
    expect(await textOf('one two three')).toBe(first)
    expect(await textOf('four five six')).not.toBe(first)
  })
})

describe('the completions stream (vLLM)', () => {
  it('streams text chunks with no role chunk, then usage and [DONE]', async () => {
    const body = { prompt: 'a b c d e f g', max_tokens: 4, stream: true, ignore_eos: true, stream_options: { include_usage: true } }
    const text = await (await post(simulator.url, COMPLETIONS_PATH, body)).text()
    const chunks = vllmPayloads(text)
    expect(chunks).toHaveLength(5)
    expect(String(chunks[0]?.id)).toMatch(/^cmpl-[0-9a-f]{32}$/)
    for (const [i, chunk] of chunks.slice(0, 4).entries()) {
      expect(chunk.object).toBe('text_completion')
      expect(chunk.choices).toEqual([{ index: 0, text: expect.stringMatching(/^ \S/), logprobs: null, finish_reason: i === 3 ? 'length' : null, stop_reason: null }])
    }
    expect(chunks[4]).toMatchObject({ object: 'text_completion', choices: [], usage: { prompt_tokens: 7, total_tokens: 11, completion_tokens: 4 } })
    expect(sseEvents(text).at(-1)).toBe('data: [DONE]')
  })

  it('emits multi-byte UTF-8 tokens', async () => {
    const text = await (await post(simulator.url, COMPLETIONS_PATH, { prompt: 'x', max_tokens: 200, stream: true, ignore_eos: true })).text()
    const tokens = vllmPayloads(text).map((chunk) => (chunk.choices as Array<{ text: string }>)[0]?.text ?? '')
    expect(tokens.some((token) => Buffer.byteLength(token) > token.length)).toBe(true)
  })
})

describe('the TGI /generate_stream stream', () => {
  it('sends data: events without a space, one per token, the last with generated_text and details, and no [DONE]', async () => {
    const response = await post(simulator.url, TGI_PATH, { inputs: 'hello there world', parameters: { max_new_tokens: 4, details: true, seed: 42 } })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/event-stream')
    const text = await response.text()
    const events = sseEvents(text)
    expect(events).toHaveLength(4)
    expect(events.every((event) => event.startsWith('data:{'))).toBe(true)
    expect(text).not.toContain('[DONE]')
    const payloads = events.map((event) => JSON.parse(event.slice('data:'.length)) as Record<string, unknown>)
    payloads.forEach((payload, i) => {
      expect(Object.keys(payload)).toEqual(['index', 'token', 'generated_text', 'details'])
      expect(payload.index).toBe(i + 1)
      expect(payload.token).toEqual({ id: expect.any(Number), text: expect.stringMatching(/^ \S/), logprob: expect.any(Number), special: false })
      if (i < 3) expect(payload).toMatchObject({ generated_text: null, details: null })
    })
    const generated = payloads.map((payload) => (payload.token as { text: string }).text).join('')
    expect(payloads[3]).toMatchObject({ generated_text: generated, details: { finish_reason: 'length', generated_tokens: 4, seed: 42, input_length: 3 } })
  })

  it('leaves details null when the request does not ask for them, as TGI does', async () => {
    const events = sseEvents(await (await post(simulator.url, TGI_PATH, { inputs: 'hello', parameters: { max_new_tokens: 2 } })).text())
    expect(JSON.parse((events[1] as string).slice('data:'.length))).toMatchObject({ generated_text: expect.any(String), details: null })
  })

  it('answers a validation error with status 200 and one error event, as TGI does', async () => {
    const response = await post(simulator.url, TGI_PATH, { inputs: 'hello', parameters: { max_new_tokens: 0 } })
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('data:{"error":"Input validation error: `max_new_tokens` must be strictly positive","error_type":"validation"}\n\n')
  })
})

describe('the cheap endpoints', () => {
  it('lists the one served model like vLLM', async () => {
    const body = await (await fetch(`${simulator.url}/v1/models`)).json()
    expect(body).toEqual({
      object: 'list',
      data: [{ id: MODEL, object: 'model', created: expect.any(Number), owned_by: 'llm-perf-gate-simulator', root: MODEL, parent: null, max_model_len: FAST.maxModelLen, permission: [] }]
    })
  })

  it('answers /health, /version and /info', async () => {
    const health = await fetch(`${simulator.url}/health`)
    expect(health.status).toBe(200)
    expect(await health.text()).toBe('')
    expect(await (await fetch(`${simulator.url}/version`)).json()).toEqual({ version: expect.stringMatching(/simulator/) })
    expect(await (await fetch(`${simulator.url}/info`)).json()).toMatchObject({ model_id: MODEL, version: expect.any(String), max_total_tokens: FAST.maxModelLen })
  })

  it('answers an unknown path with 404 and a wrong method with 405', async () => {
    expect((await fetch(`${simulator.url}/v2/nothing`)).status).toBe(404)
    const wrongMethod = await fetch(`${simulator.url}${CHAT_PATH}`)
    expect(wrongMethod.status).toBe(405)
    expect(wrongMethod.headers.get('allow')).toBe('POST')
  })
})
