import { describe, expect, test } from 'vitest'
import { RequestAbort } from '../../src/client/errors.js'
import { chat, runScripted, type Arrival } from '../helpers/scripted-dispatch.js'

/** A complete vLLM chat stream: role chunk, three tokens, usage, [DONE]. */
const STREAM = chat.role + chat.content(' Hello') + chat.content(' wörld 🙂') + chat.content(' end', 'length') + chat.usage(7, 3) + chat.done

/** Every arrival at its own time, 10 ms apart, starting at 100. */
const spaced = (pieces: Array<string | Buffer>): Arrival[] => pieces.map((bytes, index) => ({ at: 100 + 10 * index, bytes }))

describe('reading a stream', () => {
  test('the role-only first chunk does not count as the first token', async () => {
    const record = await runScripted('openai-chat', { sentAt: 0, arrivals: spaced([chat.role, chat.content(' a'), chat.content(' b', 'length'), chat.usage(5, 2), chat.done]) })
    expect(record.ttft_ms).toBe(110)
    expect(record.content_events).toBe(2)
  })

  test('TTFT, ITL, E2E and TPOT follow the definitions on a hand-computed example', async () => {
    // content at 20, 35, 55, 60 after a write at 5: TTFT 15, gaps 15/20/5, E2E 55, TPOT (55-15)/(4-1)
    const record = await runScripted('openai-chat', {
      sentAt: 5,
      arrivals: [
        { at: 10, bytes: chat.role },
        { at: 20, bytes: chat.content('a') },
        { at: 35, bytes: chat.content('b') },
        { at: 55, bytes: chat.content('c') },
        { at: 60, bytes: chat.content('d', 'length') },
        { at: 61, bytes: chat.usage(9, 4) + chat.done }
      ]
    })
    expect(record).toMatchObject({ ttft_ms: 15, e2e_ms: 55, itl_ms: [15, 20, 5], output_tokens: 4, output_tokens_source: 'usage', input_tokens: 9, input_tokens_source: 'usage', ok: true, done: true, finish_reason: 'length' })
    expect(record.tpot_ms).toBeCloseTo(40 / 3, 3)
  })

  test('output_tokens come from the usage chunk, not from counting events', async () => {
    // Two events carrying five tokens between them (a multi-token chunk).
    const record = await runScripted('openai-chat', { arrivals: spaced([chat.content('abc'), chat.content('de', 'length'), chat.usage(3, 5), chat.done]) })
    expect(record.output_tokens).toBe(5)
    expect(record.content_events).toBe(2)
    expect(record.tpot_ms).toBeCloseTo(10 / 4, 6)
  })

  test('without a usage chunk output_tokens counts content events and says so', async () => {
    const record = await runScripted('openai-chat', { arrivals: spaced([chat.role, chat.content('a'), chat.content('b'), chat.done]) })
    expect(record).toMatchObject({ output_tokens: 2, output_tokens_source: 'events', input_tokens_source: 'estimate', ok: true })
  })

  test.each([
    ['\n', 'LF'],
    ['\r\n', 'CRLF'],
    ['\r', 'CR']
  ])('parses the same stream split at every byte with %j line endings (%s)', async (eol) => {
    const bytes = Buffer.from(STREAM.replaceAll('\n', eol))
    const whole = await runScripted('openai-chat', { arrivals: [{ at: 1, bytes }] })
    expect(whole).toMatchObject({ ok: true, content_events: 3, output_tokens: 3, done: true })
    for (let cut = 1; cut < bytes.length; cut++) {
      const split = await runScripted('openai-chat', { arrivals: [{ at: 1, bytes: bytes.subarray(0, cut) }, { at: 2, bytes: bytes.subarray(cut) }] })
      expect({ cut, ok: split.ok, events: split.content_events, tokens: split.output_tokens, done: split.done }).toEqual({ cut, ok: true, events: 3, tokens: 3, done: true })
    }
  })

  test('a multi-byte character split across reads is decoded, not mangled into a malformed event', async () => {
    const bytes = Buffer.from(chat.content(' 日本🙂') + chat.content(' é', 'length') + chat.done)
    // Cut inside every multi-byte sequence: each arrival is one byte.
    const arrivals = [...bytes].map((byte, index) => ({ at: index, bytes: Buffer.from([byte]) }))
    const record = await runScripted('openai-chat', { arrivals })
    expect(record).toMatchObject({ ok: true, content_events: 2 })
  })

  test('comments and keep-alive lines are ignored', async () => {
    const record = await runScripted('openai-chat', { arrivals: spaced([': ping\n\n', chat.content('a'), ':\n\n', chat.content('b', 'length'), ': keep-alive\n\n', chat.done]) })
    expect(record).toMatchObject({ ok: true, content_events: 2, done: true })
  })

  test('events that arrive in one read share its timestamp and are counted as coalesced', async () => {
    const record = await runScripted('openai-chat', { arrivals: [{ at: 10, bytes: chat.content('a') }, { at: 20, bytes: chat.content('b') + chat.content('c') + chat.content('d') }, { at: 30, bytes: chat.done }] })
    expect(record.itl_ms).toEqual([10, 0, 0])
    expect(record.coalesced_events).toBe(2)
  })

  test('a stream that ends without [DONE] is kept, marked as not done', async () => {
    const record = await runScripted('openai-chat', { arrivals: spaced([chat.content('a'), chat.content('b', 'length'), chat.usage(2, 2)]) })
    expect(record).toMatchObject({ ok: true, done: false, output_tokens: 2 })
  })

  test('a last event without its blank line still counts', async () => {
    const record = await runScripted('openai-chat', { arrivals: spaced([chat.content('a'), chat.content('b').trimEnd()]) })
    expect(record.content_events).toBe(2)
  })

  test('reasoning content counts as generated content', async () => {
    const reasoning = `data: ${JSON.stringify({ choices: [{ index: 0, delta: { reasoning_content: 'thinking' } }] })}\n\n`
    const record = await runScripted('openai-chat', { sentAt: 0, arrivals: spaced([chat.role, reasoning, chat.content('a', 'stop'), chat.done]) })
    expect(record.ttft_ms).toBe(110)
    expect(record.content_events).toBe(2)
  })

  test('completions streams count choices[0].text and skip empty text', async () => {
    const event = (text: string): string => `data: ${JSON.stringify({ object: 'text_completion', choices: [{ index: 0, text, finish_reason: null }] })}\n\n`
    const record = await runScripted('openai-completions', { sentAt: 0, arrivals: spaced([event(''), event(' x'), event(' y'), chat.done]) })
    expect(record).toMatchObject({ ttft_ms: 110, content_events: 2, ok: true })
  })

  test('TGI events count one token each and take the counts from the final details', async () => {
    const token = (text: string, special = false): string => `data:${JSON.stringify({ index: 1, token: { id: 1, text, logprob: -0.1, special }, generated_text: null, details: null })}\n\n`
    const final = `data:${JSON.stringify({ index: 3, token: { id: 2, text: '</s>', logprob: 0, special: true }, generated_text: 'a b', details: { finish_reason: 'eos_token', generated_tokens: 3, seed: null, input_length: 11 } })}\n\n`
    const record = await runScripted('tgi', { sentAt: 0, arrivals: spaced([token(' a'), token(' b'), final]) })
    expect(record).toMatchObject({ content_events: 2, output_tokens: 3, output_tokens_source: 'details', input_tokens: 11, done: true, finish_reason: 'eos_token', itl_token_ms: [10] })
  })

  test('continuous usage gives the tokens each event carried', async () => {
    const event = (text: string, completion: number): string => `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: text } }], usage: { prompt_tokens: 4, completion_tokens: completion } })}\n\n`
    const record = await runScripted('openai-chat', { arrivals: spaced([event('a', 1), event('bc', 3), event('d', 4), chat.done]) })
    expect(record.itl_token_ms).toEqual([5, 10])
    expect(record.output_tokens).toBe(4)
  })
})

describe('failures are records with their kind, keeping what was measured', () => {
  test('an HTTP error keeps its status and the server message', async () => {
    const record = await runScripted('openai-chat', { status: 500, headers: { 'content-type': 'application/json' }, arrivals: [{ at: 3, bytes: JSON.stringify({ object: 'error', message: 'engine is dead', code: 500 }) }] })
    expect(record).toMatchObject({ ok: false, error: { kind: 'http', status: 500, message: 'engine is dead' }, ttft_ms: null })
  })

  test('a connection reset after the first token keeps the TTFT and the ITLs so far', async () => {
    const reset = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' })
    const record = await runScripted('openai-chat', { sentAt: 0, arrivals: spaced([chat.role, chat.content('a'), chat.content('b')]), end: { at: 200, error: reset } })
    expect(record).toMatchObject({ ok: false, ttft_ms: 110, itl_ms: [10], content_events: 2, error: { kind: 'connection' } })
    expect(record.end_ms).toBe(200)
  })

  test('a timeout abort is a timeout record naming its phase', async () => {
    const record = await runScripted('openai-chat', { sentAt: 0, arrivals: spaced([chat.content('a')]), end: { at: 500, error: new RequestAbort('idle', 'no event for idle_s') } })
    expect(record).toMatchObject({ ok: false, ttft_ms: 100, error: { kind: 'timeout', timeout: 'idle' } })
  })

  test('a malformed event fails the request as a protocol error and keeps the TTFT', async () => {
    const record = await runScripted('openai-chat', { sentAt: 0, arrivals: spaced([chat.content('a'), 'data: {"choices": [\n\n', chat.content('b')]) })
    expect(record).toMatchObject({ ok: false, ttft_ms: 100, content_events: 1, error: { kind: 'protocol' } })
    expect(record.error?.message).toContain('not valid JSON')
  })

  test('an error object inside the stream is a server error', async () => {
    const record = await runScripted('openai-chat', { arrivals: spaced([chat.content('a'), `data: ${JSON.stringify({ error: { message: 'KV cache exhausted', code: 503 } })}\n\n`]) })
    expect(record).toMatchObject({ ok: false, error: { kind: 'server', message: 'the stream carried an error: KV cache exhausted' } })
  })

  test('a JSON answer to a streaming request is a protocol error, not a success', async () => {
    const record = await runScripted('openai-chat', { headers: { 'content-type': 'application/json' }, arrivals: [{ at: 1, bytes: '{"choices":[{"message":{"content":"hi"}}]}' }] })
    expect(record).toMatchObject({ ok: false, error: { kind: 'protocol' } })
  })

  test('a stream without any content is a protocol error', async () => {
    const record = await runScripted('openai-chat', { arrivals: spaced([chat.role, chat.usage(3, 0), chat.done]) })
    expect(record).toMatchObject({ ok: false, error: { kind: 'protocol', message: 'the stream ended without any generated content' } })
  })

  test('server text is redacted before it is kept', async () => {
    const record = await runScripted(
      'openai-chat',
      { status: 401, arrivals: [{ at: 1, bytes: JSON.stringify({ error: { message: 'invalid key sk-secret-123456' } }) }] },
      { redact: (text) => text.replaceAll('sk-secret-123456', '[redacted]') }
    )
    expect(record.error?.message).toBe('invalid key [redacted]')
  })
})
