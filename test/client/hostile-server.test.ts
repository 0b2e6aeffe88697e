import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { API_ADAPTERS } from '../../src/client/api.js'
import { createArrivalStamp } from '../../src/client/arrival.js'
import { Connections } from '../../src/client/connections.js'
import type { RequestContext } from '../../src/client/stream-request.js'
import { Watchdog } from '../../src/client/watchdog.js'
import { monotonicClock } from '../../src/clock.js'
import { runCommand } from '../../src/commands/run.js'
import { resolveWorkload } from '../../src/config/workload.js'
import { InputError } from '../../src/errors.js'
import type { RequestRecord } from '../../src/result/types.js'
import { runTrial } from '../../src/runner/trial.js'
import { planPrompts } from '../../src/workload/prompts.js'
import { startHostileServer, type HostileBehaviour, type HostileServer } from '../helpers/hostile-server.js'
import { quietIo } from '../helpers/quiet-io.js'

/** Tight timeouts keep each test short; every bound below is many times the timeout, so only a hang fails it. */
const TIMEOUTS = { connect_s: 0.3, first_token_s: 0.3, idle_s: 0.3, request_s: 5 }
const HANG_MS = 8000

let server: HostileServer | null = null
afterEach(async () => {
  await server?.close()
  server = null
})

async function hostile(post: HostileBehaviour, get: HostileBehaviour = 'ok', extra: { bigEventBytes?: number } = {}): Promise<HostileServer> {
  server = await startHostileServer({ behaviour: (request) => (request.method === 'GET' ? get : post), ...extra })
  return server
}

const workloadFor = (url: string, overrides: Record<string, unknown> = {}) =>
  resolveWorkload({ name: 'hostile', url, trials: 1, requests: 2, warmup: 0, load: { concurrency: 1 }, prompts: { input_tokens: 4, output_tokens: 8 }, timeouts: TIMEOUTS, ...overrides }, 'hostile.yml', { env: {} })

/** Sends `count` requests of a workload one after another, as a trial does, and returns their records. */
async function requestsTo(url: string, count = 1): Promise<RequestRecord[]> {
  const workload = workloadFor(url)
  const connections = new Connections(workload.url, { inFlight: 1, connectTimeoutMs: TIMEOUTS.connect_s * 1000 })
  const context: RequestContext = { connections, adapter: API_ADAPTERS[workload.spec.api], path: workload.path, headers: {}, clock: monotonicClock, arrivalStamp: createArrivalStamp(monotonicClock), redact: (text) => text }
  try {
    const run = await runTrial({ context, watchdog: new Watchdog(workload.spec.timeouts, monotonicClock), spec: workload.spec, requests: planPrompts(workload, 0, 'measured', count), plan: { kind: 'closed', concurrency: 1 }, clock: monotonicClock })
    return run.records
  } finally {
    await connections.close()
  }
}

/** Runs `llm-perf-gate run` against `url`; returns the exit code, or the InputError it threw, and how long it took. */
async function runAgainst(url: string, signal?: AbortSignal): Promise<{ code: number | InputError; ms: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'lpg-hostile-'))
  writeFileSync(join(dir, 'w.json'), JSON.stringify({ name: 'hostile', url, trials: 1, requests: 3, warmup: 1, load: { concurrency: 1 }, prompts: { input_tokens: 4, output_tokens: 8 }, timeouts: TIMEOUTS }))
  const started = performance.now()
  const io = { ...quietIo(), ...(signal !== undefined ? { signal } : {}) }
  try {
    const code = await runCommand({ workload: join(dir, 'w.json'), out: join(dir, 'r.json'), quiet: true }, io)
    return { code, ms: performance.now() - started }
  } catch (error) {
    if (error instanceof InputError) return { code: error, ms: performance.now() - started }
    throw error
  }
}

describe('every network wait has a deadline', () => {
  test('a server that accepts connections and never answers fails the run within connect_s, naming it', async () => {
    const { url } = await hostile('silent', 'silent')
    const { code, ms } = await runAgainst(url)
    expect(code).toBeInstanceOf(InputError)
    expect((code as InputError).exitCode).toBe(2)
    expect((code as InputError).message).toMatch(/cannot reach the server .*no answer to GET \/health within connect_s \(0\.3 s\)/)
    expect(ms).toBeLessThan(HANG_MS)
  })

  test('a server that sends headers and never a body fails the run within connect_s', async () => {
    const { url } = await hostile('headers-only', 'headers-only')
    const { code, ms } = await runAgainst(url)
    expect((code as InputError).exitCode).toBe(2)
    expect((code as InputError).message).toContain('within connect_s')
    expect(ms).toBeLessThan(HANG_MS)
  })

  test('a server that answers GETs but never a generation request stops the run at the preflight, within first_token_s', async () => {
    const { url } = await hostile('silent')
    const { code, ms } = await runAgainst(url)
    expect((code as InputError).exitCode).toBe(2)
    expect((code as InputError).message).toMatch(/^preflight: .* timed out \(first_token\): no generated content within first_token_s \(0\.3 s\)/)
    expect(ms).toBeLessThan(HANG_MS)
  })

  test('headers then silence in a trial is recorded as a first-token timeout, each within its deadline', async () => {
    const { url } = await hostile('headers-only')
    const started = performance.now()
    const records = await requestsTo(url, 3)
    expect(records.map((record) => record.error)).toEqual(Array(3).fill({ kind: 'timeout', timeout: 'first_token', message: 'no generated content within first_token_s (0.3 s)' }))
    expect(performance.now() - started).toBeLessThan(HANG_MS)
  })

  test('aborting the signal ends a run that waits on a silent server at once, with exit 130', async () => {
    const { url } = await hostile('silent', 'silent')
    const controller = new AbortController()
    const running = runAgainst(url, controller.signal)
    // The abort comes while the GET waits for its answer: the server has seen the connection by then.
    setImmediate(() => controller.abort())
    const { code } = await running
    expect((code as InputError).exitCode).toBe(130)
    expect((code as InputError).message).toContain('interrupted before the first measured request')
  })

  test('aborting the signal while the preflight waits for a first token ends the run with exit 130', async () => {
    server = await startHostileServer({ behaviour: (request) => (request.method === 'GET' ? 'ok' : 'silent') })
    const controller = new AbortController()
    const { url } = server
    const running = runAgainst(url, controller.signal)
    // Poll the server's own count: the abort lands while the preflight POST is in flight.
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (server!.posts() > 0) {
          clearInterval(poll)
          resolve()
        }
      }, 1)
    })
    controller.abort()
    const { code } = await running
    expect((code as InputError).exitCode).toBe(130)
  })
})

describe('hostile answers are named', () => {
  test('an endless stream is cut past 2 × max_tokens + 16 content events as a protocol error', async () => {
    const { url } = await hostile('endless')
    const [record] = await requestsTo(url)
    expect(record!.error?.kind).toBe('protocol')
    expect(record!.error?.message).toContain('ran past max_tokens 8: 33 content events, more than 2 × max_tokens + 16')
    expect(record!.content_events).toBe(33)
    expect(record!.itl_ms.length).toBe(32)
  })

  test('a gzip-encoded answer that was not asked for names the encoding', async () => {
    const { url } = await hostile('gzip')
    const [record] = await requestsTo(url)
    expect(record!.error).toMatchObject({ kind: 'protocol' })
    expect(record!.error!.message).toContain('content-encoding: gzip, which the client did not ask for')
  })

  test('a 200 text/html page (a proxy\'s login page) names the content type and the page title', async () => {
    const { url } = await hostile('html')
    const [record] = await requestsTo(url)
    expect(record!.error).toMatchObject({ kind: 'protocol' })
    expect(record!.error!.message).toContain('an HTML page (content-type text/html)')
    expect(record!.error!.message).toContain('Sign in - Example Corp proxy')
  })

  test('garbage in chunked encoding is a protocol error, not a connection error', async () => {
    const { url } = await hostile('bad-chunked')
    const [record] = await requestsTo(url)
    expect(record!.error?.kind).toBe('protocol')
    expect(record!.error?.message).toContain('not valid HTTP/1.1')
    expect(record!.error?.message).toContain('chunk size')
  })

  test('a 1 MB event that ends is read as the content it is', async () => {
    const { url } = await hostile('big-event', 'ok', { bigEventBytes: 1_000_000 })
    const [record] = await requestsTo(url)
    expect(record).toMatchObject({ ok: true, content_events: 3, done: true })
  })

  test('an event past the 1 MiB limit is cut with a message that says so, not that it never ended', async () => {
    const { url } = await hostile('big-event', 'ok', { bigEventBytes: 2_000_000 })
    const [record] = await requestsTo(url)
    expect(record!.error?.kind).toBe('protocol')
    expect(record!.error?.message).toContain('grew past 1 MiB while it arrived')
    expect(record!.error?.message).not.toContain('without ending')
  })

  test('a server that closes mid-stream is a connection error that keeps what was measured', async () => {
    const { url } = await hostile('close-mid-stream')
    const [record] = await requestsTo(url)
    expect(record!.error?.kind).toBe('connection')
    expect(record!.content_events).toBe(3)
    expect(record!.ttft_ms).not.toBeNull()
  })

  test('every request sent yields exactly one record, whatever the server does', async () => {
    let n = 0
    const kinds: HostileBehaviour[] = ['ok', 'gzip', 'html', 'bad-chunked', 'close-mid-stream', 'headers-only', 'endless', 'silent', 'model-not-found']
    server = await startHostileServer({ behaviour: (request) => (request.method === 'GET' ? 'ok' : kinds[n++ % kinds.length]!) })
    const records = await requestsTo(server.url, kinds.length * 2)
    expect(records.map((record) => record.id)).toEqual(Array.from({ length: kinds.length * 2 }, (_, i) => i))
    expect(server.posts()).toBe(kinds.length * 2)
    expect(records.filter((record) => record.ok)).toHaveLength(2)
  })
})
