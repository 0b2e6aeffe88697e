import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { resolveWorkload, type Workload } from '../../src/config/workload.js'
import { writeJsonFile } from '../../src/result/io.js'
import { Journal } from '../../src/result/journal.js'
import type { RequestRecord, ResultFile } from '../../src/result/types.js'
import { openTarget, runWorkload } from '../../src/runner/run.js'
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.js'
import { clientWorkerScript } from '../helpers/client-worker.js'

const dir = mkdtempSync(join(tmpdir(), 'lpg-pool-'))

function workloadOf(url: string, extra: Record<string, unknown> = {}): Workload {
  return resolveWorkload({ name: 'pool', url, seed: 3, trials: 2, requests: 40, warmup: 4, load: { concurrency: 8 }, prompts: { input_tokens: 16, output_tokens: 8 }, client: { workers: 2 }, telemetry: { gpu: false, interval_ms: 100 }, ...extra }, 'pool workload', { env: {} })
}

/** An OpenAI-style server that streams max_tokens tokens `everyMs` apart, or, with `stall`, after the first request (the preflight), one token and then nothing. */
async function startStreamServer(options: { everyMs: number; stall?: boolean }): Promise<{ url: string; close(): Promise<void> }> {
  let posts = 0
  const server: Server = createServer((request, response) => {
    if (request.method === 'GET') {
      response.writeHead(request.url === '/v1/models' ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify({ data: [{ id: 'm' }] }))
      return
    }
    let body = ''
    request.on('data', (data: Buffer) => (body += data.toString()))
    request.on('end', () => {
      const tokens = (JSON.parse(body) as { max_tokens: number }).max_tokens
      response.writeHead(200, { 'content-type': 'text/event-stream' })
      const event = (content: string): boolean => response.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content } }] })}\n\n`)
      event('t0')
      if (options.stall === true && posts++ > 0) return
      let sent = 1
      const timer = setInterval(() => {
        if (response.destroyed) return clearInterval(timer)
        event(` t${sent}`)
        if (++sent >= tokens) {
          clearInterval(timer)
          response.end('data: [DONE]\n\n')
        }
      }, options.everyMs)
      response.on('close', () => clearInterval(timer))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/** The most requests in flight at once, from the records' write and end times. */
function mostInFlight(records: readonly RequestRecord[]): number {
  const changes = records.flatMap((record) => (record.sent_ms === null ? [] : [[record.sent_ms, 1] as const, [record.end_ms, -1] as const]))
  changes.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  let now = 0
  let most = 0
  for (const [, change] of changes) most = Math.max(most, (now += change))
  return most
}

describe('a run on worker threads', () => {
  let simulator: RunningSimulator
  let worker: URL

  beforeAll(async () => {
    ;[simulator, worker] = await Promise.all([startSimulator({ profile: 'fast', seed: 5 }), clientWorkerScript()])
  }, 60_000)

  afterAll(async () => {
    await simulator?.close()
  })

  test('starts the workers the workload asks for', async () => {
    const target = await openTarget(workloadOf(simulator.url), simulator.url, undefined, undefined, { clientWorker: worker })
    try {
      expect(target.pool?.size).toBe(2)
      // The main thread's connections (capture, preflight) are closed: the workers hold the run's.
      expect(target.connections.openCount).toBe(0)
    } finally {
      await target.close()
    }
    const single = await openTarget(workloadOf(simulator.url, { client: { workers: 0 } }), simulator.url, undefined, undefined, { clientWorker: worker })
    expect(single.pool).toBeNull()
    await single.close()
  })

  test('sends every request once and records each, as one thread does, with telemetry around each trial', async () => {
    const workload = workloadOf(simulator.url)
    const out = join(dir, 'two.result.json')
    const journal = new Journal(`${out}.journal.jsonl`)
    const result = await runWorkload(workload, { clientWorker: worker, openJournal: () => journal })
    writeJsonFile(out, result)
    journal.close(true)
    const written = JSON.parse(readFileSync(out, 'utf8')) as ResultFile
    for (const trial of written.trials) {
      expect(trial.requests.map((record) => record.id)).toEqual(Array.from({ length: 40 }, (_, id) => id))
      expect(trial.requests.every((record) => record.ok)).toBe(true)
      // The schedule's timebase is the main thread's: sends come after the trial's start, and queueing is never negative.
      for (const record of trial.requests) {
        expect(record.sent_ms!).toBeGreaterThanOrEqual(record.scheduled_ms)
        expect(record.client_queue_ms!).toBeGreaterThanOrEqual(0)
        expect(record.end_ms).toBeGreaterThan(record.sent_ms!)
      }
      expect(mostInFlight(trial.requests)).toBeLessThanOrEqual(8)
      expect(trial.telemetry?.samples?.length ?? 0).toBeGreaterThan(0)
      expect(trial.host!.event_loop_utilization).toBeGreaterThan(0)
    }
    const single = await runWorkload(workloadOf(simulator.url, { client: { workers: 0 } }))
    expect(result.summary.completed).toBe(single.summary.completed)
    expect(result.summary.sent).toBe(80)
    expect(result.workload.workload_hash).toBe(single.workload.workload_hash)
  }, 60_000)

  test("keeps an open loop's concurrency cap across the workers", async () => {
    const server = await startStreamServer({ everyMs: 15 })
    try {
      const workload = workloadOf(server.url, { trials: 1, requests: 30, warmup: 0, load: { rate: 400, concurrency: 3 }, prompts: { input_tokens: 16, output_tokens: 6 }, client: { workers: 3 }, telemetry: { server_metrics: false, gpu: false } })
      const result = await runWorkload(workload, { clientWorker: worker })
      const records = result.trials[0]!.requests
      expect(records.length).toBe(30)
      expect(mostInFlight(records)).toBe(3)
    } finally {
      await server.close()
    }
  }, 60_000)

  test('Ctrl-C stops the workers, cancels what they have in flight and keeps what finished', async () => {
    const server = await startStreamServer({ everyMs: 25 })
    try {
      const workload = workloadOf(server.url, { trials: 2, requests: 40, warmup: 0, prompts: { input_tokens: 16, output_tokens: 40 }, telemetry: { server_metrics: false, gpu: false } })
      const controller = new AbortController()
      const out = join(dir, 'stopped.result.json')
      const journal = new Journal(`${out}.journal.jsonl`)
      const started = performance.now()
      const running = runWorkload(workload, { clientWorker: worker, signal: controller.signal, openJournal: () => journal })
      setTimeout(() => controller.abort(), 1500)
      const result = await running
      expect(performance.now() - started).toBeLessThan(15_000)
      expect(result.interrupted).toBe(true)
      const records = result.trials.flatMap((trial) => trial.requests)
      const cancelled = records.filter((record) => record.error?.kind === 'cancelled')
      expect(cancelled.length).toBeGreaterThan(0)
      expect(records.every((record) => record.ok || record.error?.kind === 'cancelled')).toBe(true)
      // Cancelled requests are not counted as sent.
      expect(result.summary.sent).toBe(records.length - cancelled.length)
      writeJsonFile(out, result)
      journal.close(true)
      expect((JSON.parse(readFileSync(out, 'utf8')) as ResultFile).interrupted).toBe(true)
    } finally {
      await server.close()
    }
  }, 60_000)

  test("the workload's timeouts fire on the workers: a stream that stalls after its first token is an idle timeout", async () => {
    const server = await startStreamServer({ everyMs: 10, stall: true })
    try {
      const workload = workloadOf(server.url, { trials: 1, requests: 6, warmup: 0, load: { concurrency: 3 }, timeouts: { idle_s: 0.3, first_token_s: 5, request_s: 10 }, telemetry: { server_metrics: false, gpu: false } })
      const result = await runWorkload(workload, { clientWorker: worker })
      const records = result.trials[0]!.requests
      expect(records.length).toBe(6)
      expect(records.map((record) => [record.error?.kind, record.error?.timeout])).toEqual(Array.from({ length: 6 }, () => ['timeout', 'idle']))
    } finally {
      await server.close()
    }
  }, 60_000)

  test('a worker that fails ends the run with an error naming it', async () => {
    const broken = join(dir, 'broken-worker.mjs')
    writeFileSync(broken, "throw new Error('the worker could not start')\n")
    await expect(runWorkload(workloadOf(simulator.url), { clientWorker: pathToFileURL(broken) })).rejects.toThrow(/client worker \d of 2 failed: the worker could not start/)
  }, 60_000)
})
