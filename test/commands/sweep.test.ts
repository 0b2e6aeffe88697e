import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { CommandIo } from '../../src/process-io.js'
import { planFromOptions, sweepCommand } from '../../src/commands/sweep.js'
import { InputError } from '../../src/errors.js'
import { SIMULATOR_PROFILES, startSimulator, type RunningSimulator } from '../../src/simulator/index.js'
import { readSweepFile } from '../../src/result/sweep-io.js'
import { nextLoad, type RanStep } from '../../src/sweep/plan.js'
import { resolveSweepWorkload } from '../../src/sweep/workload.js'

function captureIo(onErr?: (text: string) => void, signal?: AbortSignal): CommandIo & { out(): string; err(): string } {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let out = ''
  let err = ''
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString()
    onErr?.(err)
  })
  return { stdout, stderr, env: {}, ...(signal !== undefined ? { signal } : {}), out: () => out, err: () => err }
}

const dir = mkdtempSync(join(tmpdir(), 'lpg-sweep-'))
function workloadFile(name: string, url: string, extra: Record<string, unknown> = {}): string {
  const path = join(dir, `${name}.yml`)
  writeFileSync(path, JSON.stringify({ name, url, trials: 2, requests: 12, warmup: 2, prompts: { input_tokens: 16, output_tokens: 16 }, slo: { tpot_ms: 7.5 }, ...extra }))
  return path
}

describe('sweep against a server whose TPOT is 4 ms + 0.5 ms per stream', () => {
  let simulator: RunningSimulator
  beforeAll(async () => {
    simulator = await startSimulator({ profile: 'linear', seed: 1 })
  })
  afterAll(async () => {
    await simulator?.close()
  })

  test('runs each load of the list, every step a whole result of the workload at that load, and finds the capacity', async () => {
    const out = join(dir, 'grid.sweep.json')
    const io = captureIo()
    expect(await sweepCommand({ workload: workloadFile('grid', simulator.url), concurrency: '12,2,16', out }, io)).toBe(0)
    const sweep = readSweepFile(out)
    expect(sweep.plan).toEqual({ load_kind: 'concurrency', mode: 'grid', loads: [2, 12, 16] })
    expect(sweep.steps.map((step) => [step.load, step.phase, step.result.trials.length, step.result.trials[0]!.requests.length])).toEqual([
      [2, 'grid', 2, 12],
      [12, 'grid', 2, 12],
      [16, 'grid', 2, 12]
    ])
    for (const step of sweep.steps) expect(step.result.workload.load).toMatchObject({ concurrency: step.load })
    // A pause of this machine only adds latency: 12 and 16 streams (10 and 12 ms by the law) always miss 7.5 ms.
    expect(sweep.steps.slice(1).map((step) => step.slo.holds)).toEqual([false, false])
    expect(sweep.steps[1]!.slo.quantiles.tpot_ms!).toBeGreaterThan(9.5)
    if (sweep.capacity.load !== null) {
      expect(sweep.capacity.load).toBeLessThan(7.5)
      expect(sweep.capacity).toMatchObject({ limited_by: 'latency', metric: 'tpot_ms', bracket: { below: 2, above: 12 } })
    }
    expect(io.out()).toMatch(/Capacity at SLO: /)
    expect(io.err()).toMatch(/step 2\/3, concurrency 12: trial 1\/2: 12 requests against http:\/\/127\.0\.0\.1:\d+/)
    expect(io.err()).toMatch(/step 3, concurrency 16: misses \(latency\), \d+% met the SLO \(99% needed\), TPOT p99 [\d.]+ ms \(SLO 7\.5 ms\)/)
  })

  test('the automatic sweep doubles from one stream, then bisects, within its bound of steps', async () => {
    const out = join(dir, 'auto.sweep.json')
    expect(await sweepCommand({ workload: workloadFile('auto', simulator.url, { requests: 8 }), out, maxSteps: 5, quiet: true }, captureIo())).toBe(0)
    const sweep = readSweepFile(out)
    expect(sweep.plan).toMatchObject({ mode: 'auto', auto: { start: 1, max_load: 8, max_steps: 5, refine_steps: 3 } })
    expect(sweep.steps[0]!.load).toBe(1)
    expect(sweep.steps.length).toBeLessThanOrEqual(5)
    // The loads are the plan's answers to what each step found.
    const ran: RanStep[] = []
    for (const step of sweep.steps) {
      expect(nextLoad(sweep.plan, ran)).toEqual({ load: step.load, phase: step.phase })
      ran.push({ load: step.load, holds: step.slo.holds, phase: step.phase })
    }
    expect(nextLoad(sweep.plan, ran)).toBeNull()
  })

  test('an interrupted sweep keeps the steps that finished, written atomically', async () => {
    const out = join(dir, 'stopped.sweep.json')
    const controller = new AbortController()
    const io = captureIo((err) => {
      if (err.includes('step 1, concurrency 2:')) controller.abort()
    }, controller.signal)
    expect(await sweepCommand({ workload: workloadFile('stopped', simulator.url), concurrency: '2,4,8', out }, io)).toBe(130)
    const sweep = readSweepFile(out)
    expect(sweep.interrupted).toBe(true)
    expect(sweep.steps.map((step) => step.load)).toEqual([2])
    expect(io.err()).toMatch(/interrupted: it holds the steps that finished/)
    expect(readdirSync(dir).filter((file) => file.endsWith('.tmp'))).toEqual([])
  })
})

test('a step where the server fails is recorded, and the capacity says it was limited by errors', async () => {
  // Four sequences at most in the batch: at 8 streams half the requests wait a whole request for a
  // slot (about 48 tokens × 6 ms), past the first-token deadline of 80 ms; at 4 or fewer none waits.
  const simulator = await startSimulator({ profile: { ...SIMULATOR_PROFILES.linear!, maxRunningSequences: 4 }, seed: 2 })
  try {
    const out = join(dir, 'errors.sweep.json')
    const workload = workloadFile('errors', simulator.url, { requests: 10, prompts: { input_tokens: 16, output_tokens: 48 }, slo: { tpot_ms: 50 }, timeouts: { first_token_s: 0.08 } })
    expect(await sweepCommand({ workload, concurrency: '2,4,8', out, quiet: true }, captureIo())).toBe(0)
    const sweep = readSweepFile(out)
    const overloaded = sweep.steps.find((step) => step.load === 8)!
    expect(overloaded.slo).toMatchObject({ holds: false, limited_by: 'errors' })
    expect(overloaded.slo.error_rate).toBeGreaterThan(0.2)
    expect(overloaded.result.trials.flatMap((trial) => trial.requests).some((request) => request.error?.kind === 'timeout' && request.error.timeout === 'first_token')).toBe(true)
    expect(sweep.capacity.limited_by).toBe('errors')
    if (sweep.capacity.load !== null) expect(sweep.capacity.load).toBeLessThanOrEqual(4)
    expect(sweep.capacity.metric).toBeNull()
  } finally {
    await simulator.close()
  }
})

describe('the flags', () => {
  const sweep = resolveSweepWorkload({ name: 'w', requests: 50, load: { concurrency: 1 }, slo: { tpot_ms: 7.5 } }, 'w.yml', { env: {} })

  test('a list of concurrencies or of rates, or neither for the automatic sweep', () => {
    expect(planFromOptions({ concurrency: '4,1' }, sweep)).toEqual({ load_kind: 'concurrency', mode: 'grid', loads: [1, 4] })
    expect(planFromOptions({ rate: '0.5,2' }, sweep)).toEqual({ load_kind: 'rate', mode: 'grid', loads: [0.5, 2] })
    expect(planFromOptions({}, sweep)).toMatchObject({ mode: 'auto', auto: { max_load: 50, max_steps: 12 } })
    expect(planFromOptions({ auto: true, maxSteps: 6 }, sweep)).toMatchObject({ mode: 'auto', auto: { max_steps: 6 } })
  })

  test('conflicting flags, and an automatic sweep without an SLO, are input errors that say what to give', () => {
    expect(() => planFromOptions({ concurrency: '1', rate: '1' }, sweep)).toThrow(new InputError('--concurrency and --rate: give one; a sweep varies one kind of load (closed-loop streams or open-loop requests/s)'))
    expect(() => planFromOptions({ auto: true, rate: '1' }, sweep)).toThrow(/--auto and --rate: give one/)
    const noSlo = resolveSweepWorkload({ name: 'w', load: { concurrency: 1 } }, 'w.yml', { env: {} })
    expect(() => planFromOptions({}, noSlo)).toThrow(/workload w\.yml: the automatic sweep doubles the load until the SLO breaks, but slo sets no ttft_ms, tpot_ms or e2e_ms/)
    expect(planFromOptions({ concurrency: '1,2' }, noSlo)).toMatchObject({ mode: 'grid' })
  })
})
