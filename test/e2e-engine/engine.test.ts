/**
 * The e2e engine (e2e/engine): a real llama.cpp inference server on the CPU with generated
 * random-weight models. These tests start it as a child process and talk to it over HTTP.
 * They skip when the engine is not installed (run e2e/engine/setup.sh).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  contentOf,
  engineInstalled,
  eventually,
  latencyOf,
  makeModel,
  median,
  metric,
  startServer,
  streamRequest,
  usageOf
} from './harness.js'
import type { RunningServer, StreamResult } from './harness.js'

const SKIP_REASON = 'e2e engine tests SKIPPED: e2e/engine/node_modules is missing; run e2e/engine/setup.sh'
if (!engineInstalled) console.warn(SKIP_REASON)
const title = engineInstalled ? 'e2e engine' : `e2e engine (${SKIP_REASON})`

const CHAT = '/v1/chat/completions'
const COMPLETIONS = '/v1/completions'
const MESSAGES = [{ role: 'user', content: 'What is the capital of France? Answer in one word.' }]

function choiceEvents(result: StreamResult): Array<Record<string, unknown>> {
  return result.events.flatMap((event) =>
    event.data !== '[DONE]' && (event.data.choices as unknown[]).length > 0 ? [event.data] : []
  )
}

describe.skipIf(!engineInstalled)(title, () => {
  let workDir: string
  let smallModel: string
  let bigModel: string
  let small: RunningServer
  let big: RunningServer

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'e2e-engine-'))
    smallModel = join(workDir, 'small.gguf')
    bigModel = join(workDir, 'big.gguf')
    await Promise.all([makeModel(smallModel, ['--preset', 'small']), makeModel(bigModel, ['--preset', 'big'])])
    ;[small, big] = await Promise.all([
      startServer(smallModel, ['--sequences', '4']),
      startServer(bigModel, ['--sequences', '1'])
    ])
  }, 60_000)

  afterAll(async () => {
    await Promise.all([small?.stop(), big?.stop()])
    if (workDir !== undefined) await rm(workDir, { recursive: true, force: true })
  })

  describe('model files', () => {
    test('the same seed writes byte-identical GGUF v3 files, another seed a different one', async () => {
      const again = join(workDir, 'small-again.gguf')
      const otherSeed = join(workDir, 'small-seed-2.gguf')
      await Promise.all([makeModel(again, ['--preset', 'small']), makeModel(otherSeed, ['--preset', 'small', '--seed', '2'])])
      const [first, second, third] = await Promise.all([readFile(smallModel), readFile(again), readFile(otherSeed)])
      expect(first.subarray(0, 4).toString('ascii')).toBe('GGUF')
      expect(first.readUInt32LE(4)).toBe(3)
      expect(second.equals(first)).toBe(true)
      expect(third.equals(first)).toBe(false)
    })
  })

  describe('routes', () => {
    test('GET /health, /version and /v1/models answer', async () => {
      expect((await fetch(`${small.url}/health`)).status).toBe(200)
      const version = (await (await fetch(`${small.url}/version`)).json()) as Record<string, unknown>
      expect(version.version).toEqual(expect.any(String))
      const models = (await (await fetch(`${small.url}/v1/models`)).json()) as { data: Array<{ id: string }> }
      expect(models.data.map((model) => model.id)).toEqual(['llm-perf-gate/e2e-random'])
    })

    test('a request for another model is a 404 in the OpenAI error shape', async () => {
      const response = await fetch(`${small.url}${CHAT}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'someone/else', messages: MESSAGES })
      })
      expect(response.status).toBe(404)
      expect(((await response.json()) as { error: { param: string } }).error.param).toBe('model')
    })
  })

  describe('streaming', () => {
    test('chat streams a role-only chunk, one chunk per token, a usage chunk and [DONE]', async () => {
      const result = await streamRequest(small.url, CHAT, {
        messages: MESSAGES,
        max_tokens: 24,
        ignore_eos: true,
        temperature: 0,
        stream_options: { include_usage: true }
      })
      const choices = choiceEvents(result)
      expect(choices[0]?.choices).toEqual([
        { index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }
      ])
      expect(choices.at(-1)?.choices).toMatchObject([{ finish_reason: 'length' }])
      expect(choices.slice(0, -1).every((event) => (event.choices as Array<{ finish_reason: unknown }>)[0]?.finish_reason === null)).toBe(true)
      const usageEvent = result.events.at(-2)?.data
      expect(usageEvent).toMatchObject({ object: 'chat.completion.chunk', choices: [] })
      expect(usageOf(result)).toMatchObject({ completion_tokens: 24 })
      expect(result.events.at(-1)?.data).toBe('[DONE]')
      // A chunk is sent for every token that completes text; bytes of a partial character wait.
      expect(choices.length - 1).toBeLessThanOrEqual(24)
    })

    test('chat prompt_tokens counts the chat template around the messages', async () => {
      const chat = await streamRequest(small.url, CHAT, { messages: MESSAGES, max_tokens: 2, stream_options: { include_usage: true } })
      const rendered = `<|im_start|>user\n${MESSAGES[0]?.content}<|im_end|>\n<|im_start|>assistant\n`
      const completion = await streamRequest(small.url, COMPLETIONS, { prompt: rendered, max_tokens: 2, stream_options: { include_usage: true } })
      const bare = await streamRequest(small.url, COMPLETIONS, { prompt: MESSAGES[0]?.content, max_tokens: 2, stream_options: { include_usage: true } })
      expect(usageOf(chat)?.prompt_tokens).toBe(usageOf(completion)?.prompt_tokens)
      expect(usageOf(chat)?.prompt_tokens).toBeGreaterThan(usageOf(bare)?.prompt_tokens ?? Infinity)
    })

    test('completions streams choices[0].text, a usage chunk and [DONE]', async () => {
      const result = await streamRequest(small.url, COMPLETIONS, {
        prompt: 'The train left the station at',
        max_tokens: 20,
        ignore_eos: true,
        stream_options: { include_usage: true }
      })
      const choices = choiceEvents(result)
      expect(choices[0]).toMatchObject({ object: 'text_completion', choices: [{ index: 0, text: expect.any(String) }] })
      expect(choices.map(contentOf).join('').length).toBeGreaterThan(0)
      expect(choices.at(-1)?.choices).toMatchObject([{ finish_reason: 'length' }])
      expect(usageOf(result)).toMatchObject({ completion_tokens: 20, total_tokens: (usageOf(result)?.prompt_tokens ?? 0) + 20 })
      expect(result.events.at(-1)?.data).toBe('[DONE]')
    })

    test('ignore_eos generates exactly max_tokens where the model would otherwise stop', async () => {
      // Which seeds stop early depends on the CPU's floating point (4 seeds that all stopped after
      // 9–40 tokens on one machine ran to the limit on another): draw seeds in rounds of 4 until one
      // ends early, at most 64, so that the test finds one whatever the machine.
      const body = { prompt: 'Once upon a time', max_tokens: 100, temperature: 1, stream_options: { include_usage: true } }
      const finishReasonOf = (result: StreamResult): unknown =>
        (choiceEvents(result).at(-1)?.choices as Array<{ finish_reason: unknown }> | undefined)?.[0]?.finish_reason
      const seeds: number[] = []
      const stopped: StreamResult[] = []
      for (let round = 0; round < 16 && stopped.length === 0; round++) {
        const batch = [1, 2, 3, 4].map((i) => round * 4 + i)
        const natural = await Promise.all(batch.map((seed) => streamRequest(small.url, COMPLETIONS, { ...body, seed })))
        natural.forEach((result, i) => {
          // An end of generation drawn as the 100th token is a stop, but not an early one.
          if (finishReasonOf(result) !== 'stop' || (usageOf(result)?.completion_tokens ?? 100) >= 100) return
          stopped.push(result)
          seeds.push(batch[i] ?? 0)
        })
      }
      expect(stopped.length).toBeGreaterThan(0)
      const forced = await Promise.all(seeds.map((seed) => streamRequest(small.url, COMPLETIONS, { ...body, seed, ignore_eos: true })))
      for (const result of forced) {
        expect(finishReasonOf(result)).toBe('length')
        expect(usageOf(result)?.completion_tokens).toBe(100)
      }
    })

    test('streamed text is valid, printable UTF-8, with partial characters held back', async () => {
      // Which tokens a random model samples depends on the CPU's floating point (the same seed drew
      // a multi-byte character on one machine and none on another): several seeds, so that some
      // stream carries one whatever the machine.
      const streams = await Promise.all(
        [5, 6, 7, 8, 9].map(async (seed) => {
          const result = await streamRequest(small.url, COMPLETIONS, { prompt: 'Zürich café', max_tokens: 150, temperature: 1.5, seed, ignore_eos: true, stream_options: { include_usage: true } })
          const choices = choiceEvents(result)
          return { choices, text: choices.map(contentOf).join(''), tokens: usageOf(result)?.completion_tokens ?? 0 }
        })
      )
      for (const { text } of streams) {
        expect(text).not.toContain('\uFFFD')
        expect(text).toMatch(/^[\n\x20-\x7E\u00A0-\u00FF]*$/)
      }
      expect(streams.some(({ text }) => /[\u0080-\uFFFF]/.test(text))).toBe(true)
      // A character generated over several tokens went out in one chunk, once it was whole: fewer chunks than tokens.
      for (const { choices, tokens } of streams) expect(choices.length).toBeLessThanOrEqual(tokens)
      expect(streams.some(({ choices, tokens }) => choices.length < tokens)).toBe(true)
    })

    test('the same seed gives the same sampled text', async () => {
      const body = { prompt: 'Once upon a time', max_tokens: 16, temperature: 1, seed: 42, ignore_eos: true }
      const [first, second] = [await streamRequest(small.url, COMPLETIONS, body), await streamRequest(small.url, COMPLETIONS, body)]
      expect(choiceEvents(first).map(contentOf).join('')).toBe(choiceEvents(second).map(contentOf).join(''))
    })
  })

  describe('concurrency', () => {
    const body = { prompt: 'Numbers from one run are noisy.', max_tokens: 40, ignore_eos: true, temperature: 0, stream_options: { include_usage: true } }

    test('4 concurrent requests all complete with their full usage', async () => {
      const results = await Promise.all(Array.from({ length: 4 }, () => streamRequest(small.url, COMPLETIONS, body)))
      for (const result of results) {
        expect(usageOf(result)?.completion_tokens).toBe(40)
        expect(result.events.at(-1)?.data).toBe('[DONE]')
      }
    })

    test('a request beyond the free sequences waits for one', async () => {
      const results = await Promise.all(Array.from({ length: 5 }, () => streamRequest(small.url, COMPLETIONS, body)))
      const timings = results.map((result) => ({ ...latencyOf(result), e2eMs: (result.events.at(-1)?.arrivedMs ?? 0) - result.sentMs }))
      const queued = timings.reduce((latest, timing) => (timing.ttftMs > latest.ttftMs ? timing : latest))
      const firstDone = Math.min(...timings.filter((timing) => timing !== queued).map((timing) => timing.e2eMs))
      expect(queued.ttftMs).toBeGreaterThanOrEqual(firstDone * 0.9)
    })

    test('time per output token is higher with 4 sequences in flight than with 1', async () => {
      const single: number[] = []
      const four: number[] = []
      for (let round = 0; round < 3; round++) {
        single.push(latencyOf(await streamRequest(small.url, COMPLETIONS, body)).tpotMs)
        const batch = await Promise.all(Array.from({ length: 4 }, () => streamRequest(small.url, COMPLETIONS, body)))
        four.push(median(batch.map((result) => latencyOf(result).tpotMs)))
      }
      expect(median(four), `TPOT ms, 1 in flight: ${single.map((v) => v.toFixed(2))}; 4 in flight: ${four.map((v) => v.toFixed(2))}`).toBeGreaterThan(median(single))
    })
  })

  describe('model size', () => {
    test('the big model is measurably slower per token than the small one', async () => {
      const body = { prompt: 'Numbers from one run are noisy.', max_tokens: 40, ignore_eos: true, temperature: 0, stream_options: { include_usage: true } }
      const smallTpot: number[] = []
      const bigTpot: number[] = []
      for (let round = 0; round < 3; round++) {
        smallTpot.push(latencyOf(await streamRequest(small.url, COMPLETIONS, body)).tpotMs)
        bigTpot.push(latencyOf(await streamRequest(big.url, COMPLETIONS, body)).tpotMs)
      }
      expect(median(bigTpot), `TPOT ms, small: ${smallTpot.map((v) => v.toFixed(2))}; big: ${bigTpot.map((v) => v.toFixed(2))}`).toBeGreaterThan(1.5 * median(smallTpot))
    })
  })

  describe('disconnects and shutdown', () => {
    const long = { prompt: 'Tell me a long story.', max_tokens: 1500, ignore_eos: true }

    test('a client that disconnects mid-stream frees its sequence and the next request is served', async () => {
      const cut = await streamRequest(small.url, COMPLETIONS, long, { stopAfterContentEvents: 3 })
      expect(choiceEvents(cut).length).toBeGreaterThanOrEqual(3)
      expect(await eventually(async () => (await metric(small.url, 'num_requests_running')) === 0, 2000)).toBe(true)
      const next = await streamRequest(small.url, COMPLETIONS, { prompt: 'Next.', max_tokens: 8, ignore_eos: true, stream_options: { include_usage: true } })
      expect(usageOf(next)?.completion_tokens).toBe(8)
    })

    test('a client that disconnects while queued leaves the queue', async () => {
      const busy = new AbortController()
      const running = Array.from({ length: 4 }, () => streamRequest(small.url, COMPLETIONS, long, { signal: busy.signal }))
      expect(await eventually(async () => (await metric(small.url, 'num_requests_running')) === 4, 5000)).toBe(true)
      const waiter = new AbortController()
      const queued = fetch(`${small.url}${COMPLETIONS}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...long, stream: true }),
        signal: waiter.signal
      }).catch(() => undefined)
      expect(await eventually(async () => (await metric(small.url, 'num_requests_waiting')) === 1, 2000)).toBe(true)
      waiter.abort()
      await queued
      expect(await eventually(async () => (await metric(small.url, 'num_requests_waiting')) === 0, 2000)).toBe(true)
      busy.abort()
      await Promise.all(running)
      expect(await eventually(async () => (await metric(small.url, 'num_requests_running')) === 0, 2000)).toBe(true)
    })

    test('SIGTERM mid-stream stops the server cleanly', async () => {
      // The big model's server is not needed after this; stopping it saves starting another.
      const streaming = streamRequest(big.url, COMPLETIONS, long).catch(() => undefined)
      expect(await eventually(async () => (await metric(big.url, 'num_requests_running')) === 1, 2000)).toBe(true)
      const startedMs = performance.now()
      expect(await big.stop()).toBe(0)
      expect(performance.now() - startedMs).toBeLessThan(5000)
      await streaming
    })
  })
})
