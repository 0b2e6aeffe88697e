import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { resolveWorkload, type Workload } from '../../src/config/workload.js'
import { writeJsonFile } from '../../src/result/io.js'
import { Journal } from '../../src/result/journal.js'
import type { ResultFile } from '../../src/result/types.js'
import { runWorkload } from '../../src/runner/run.js'
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.js'
import { clientWorkerScript } from '../helpers/client-worker.js'

const dir = mkdtempSync(join(tmpdir(), 'lpg-pool-'))

function workloadOf(url: string, extra: Record<string, unknown> = {}): Workload {
  return resolveWorkload({ name: 'pool', url, seed: 3, trials: 2, requests: 40, warmup: 4, load: { concurrency: 8 }, prompts: { input_tokens: 16, output_tokens: 8 }, client: { workers: 2 }, ...extra }, 'pool workload', { env: {} })
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

  test('sends every request once and records each, as one thread does', async () => {
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
      // The schedule's timebase is the main thread's: sends come after the trial's start, and queueing is small and never negative.
      for (const record of trial.requests) {
        expect(record.sent_ms!).toBeGreaterThanOrEqual(record.scheduled_ms)
        expect(record.client_queue_ms!).toBeGreaterThanOrEqual(0)
        expect(record.end_ms).toBeGreaterThan(record.sent_ms!)
      }
    }
    const single = await runWorkload(workloadOf(simulator.url, { client: { workers: 0 } }))
    expect(result.summary.completed).toBe(single.summary.completed)
    expect(result.summary.sent).toBe(80)
    expect(result.workload.workload_hash).toBe(single.workload.workload_hash)
  }, 60_000)
})
