import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { runAb } from '../../src/commands/ab.js'
import type { CommandIo } from '../../src/commands/io.js'
import { startEngine, type EngineServer } from '../../src/commands/real-engine.js'
import { compareResults } from '../../src/compare/compare.js'
import { loadThresholds } from '../../src/config/thresholds.js'
import { resolveWorkload, type Workload } from '../../src/config/workload.js'
import { runWorkload } from '../../src/runner/run.js'
import { cpuTimes, stealBetween } from '../helpers/steal.js'
import { engineInstalled } from './harness.js'

/**
 * llm-perf-gate against a real engine: node-llama-cpp on the CPU over generated models, served
 * by e2e/engine. The simulator checks our logic; this checks our assumptions about an engine.
 * Skipped, saying so, when the engine is not installed (npm run e2e:setup).
 */
const quietIo = (): CommandIo => {
  const sink = new PassThrough()
  sink.resume()
  return { stdout: sink, stderr: sink, env: {} }
}

const TOKENS = 16

function workload(url: string, overrides: object = {}): Workload {
  return resolveWorkload(
    { name: 'e2e-real', api: 'openai-chat', url, seed: 5, trials: 1, requests: 8, warmup: 1, load: { concurrency: 4 }, prompts: { input_tokens: 24, output_tokens: TOKENS }, ...overrides },
    'e2e workload',
    { env: {} }
  )
}

describe.skipIf(!engineInstalled)('llm-perf-gate against the real engine', () => {
  let small: EngineServer
  let smallTwin: EngineServer
  let big: EngineServer

  beforeAll(async () => {
    ;[small, smallTwin, big] = await Promise.all([startEngine('small'), startEngine('small'), startEngine('big')])
  })

  afterAll(async () => {
    await Promise.all([small?.stop(), smallTwin?.stop(), big?.stop()])
  })

  test.each(['openai-chat', 'openai-completions'] as const)('run over %s: every request succeeds with output_tokens = max_tokens from the usage chunk', async (api) => {
    const result = await runWorkload(workload(small.url, { api }))
    const requests = result.trials.flatMap((trial) => trial.requests)
    expect(requests).toHaveLength(8)
    for (const request of requests) expect(request).toMatchObject({ ok: true, output_tokens: TOKENS, output_tokens_source: 'usage', max_tokens: TOKENS, done: true })
    expect(result.environment.server.model).toBe('llm-perf-gate/e2e-random')
  })

  test('TPOT rises when concurrency rises', async () => {
    const one = await runWorkload(workload(small.url, { load: { concurrency: 1 }, requests: 4, prompts: { input_tokens: 24, output_tokens: 32 } }))
    const four = await runWorkload(workload(small.url, { load: { concurrency: 4 }, requests: 8, prompts: { input_tokens: 24, output_tokens: 32 } }))
    expect(four.summary.tpot_ms.p50!).toBeGreaterThan(one.summary.tpot_ms.p50! * 1.3)
  })

  test('gate fails when the candidate serves the bigger model (a real regression), naming TPOT', async () => {
    const load = (url: string): Workload => workload(url, { trials: 5 })
    const { baseline, candidate } = await runAb({ baseline: load(small.url), candidate: load(big.url) }, mkdtempSync(join(tmpdir(), 'lpg-e2e-ab-')), quietIo(), true)
    const comparison = compareResults(baseline, candidate, loadThresholds('pr'))
    expect(comparison.verdict).toBe('fail')
    expect(comparison.metrics.find((m) => m.metric === 'tpot_ms.p50')).toMatchObject({ status: 'regressed' })
  })

  test('gate does not fail an A/A comparison: two servers of the same model, trials interleaved', async () => {
    const load = (url: string): Workload => workload(url, { trials: 5 })
    const before = cpuTimes()
    const { baseline, candidate } = await runAb({ baseline: load(small.url), candidate: load(smallTwin.url) }, mkdtempSync(join(tmpdir(), 'lpg-e2e-aa-')), quietIo(), true)
    const steal = stealBetween(before, cpuTimes())
    const comparison = compareResults(baseline, candidate, loadThresholds('pr'))
    // Whether an A/A passes depends on the runner: a change inside the tolerance needs trial-to-trial
    // noise below it, and host CPU steal on shared VMs moves whole trials by tens of percent. The
    // log line carries what decides it: each delta, the minimum detectable change, and the steal.
    const tested = comparison.metrics.filter((m) => m.gate !== 'off')
    console.info(
      `A/A on the real engine: ${comparison.verdict} (host CPU steal ${steal === null ? 'unknown' : `${(100 * steal).toFixed(0)}%`}); ` +
        tested.map((m) => `${m.metric} ${m.delta_pct?.toFixed(1)}% (tolerance ${m.tolerance_pct ?? '-'}%, detectable ${m.mde_pct?.toFixed(0) ?? '-'}%) ${m.status}`).join(', ')
    )
    expect(comparison.verdict).not.toBe('fail')
    expect(comparison.metrics.filter((m) => m.status === 'regressed')).toEqual([])
  })
})
