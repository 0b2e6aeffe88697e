import { describe, expect, it } from 'vitest'
import { BatchingEngine, modelStepMs, type EngineClock } from '../../src/simulator/engine.js'
import { SIMULATOR_PROFILES, type SimulatorProfile } from '../../src/simulator/profiles.js'
import { NO_SLOWDOWN, parseSlowdown, type Slowdown } from '../../src/simulator/slowdown.js'
import { FakeClock } from './fake-clock.js'

/** Round numbers and no noise, so every expected time can be written down exactly. */
const QUIET: SimulatorProfile = {
  description: 'test',
  decodeBaseMs: 10,
  decodePerSequenceMs: 1,
  prefillPerTokenMs: 0.1,
  kvCapacityTokens: 1000,
  maxRunningSequences: 64,
  maxPrefillTokensPerStep: 10_000,
  maxModelLen: 1000,
  eosProbabilityPerToken: 0,
  stepNoiseSigma: 0,
  driftSigma: 0,
  driftTimeConstantMs: 1000
}

interface Trace {
  tokenTimes: number[]
  cancel(): void
}

function submit(engine: BatchingEngine, clock: EngineClock, promptTokens: number, maxTokens: number, outputTokens = maxTokens): Trace {
  const tokenTimes: number[] = []
  const handle = engine.submit({ promptTokens, maxTokens, outputTokens, onToken: () => tokenTimes.push(clock.now()) })
  return { tokenTimes, cancel: () => handle.cancel() }
}

function gaps(times: number[]): number[] {
  return times.slice(1).map((time, i) => time - (times[i] as number))
}

const mean = (values: number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length

function quietEngine(slowdown: Slowdown = NO_SLOWDOWN, profile: SimulatorProfile = QUIET): { engine: BatchingEngine; clock: FakeClock } {
  const clock = new FakeClock()
  return { engine: new BatchingEngine(profile, slowdown, 1, clock), clock }
}

describe('the step cost model', () => {
  it('is the decode base plus a per-sequence cost times the batch plus prefill per admitted prompt token', () => {
    expect(modelStepMs(QUIET, NO_SLOWDOWN, 1, 0)).toBe(11)
    expect(modelStepMs(QUIET, NO_SLOWDOWN, 8, 0)).toBe(18)
    expect(modelStepMs(QUIET, NO_SLOWDOWN, 1, 500)).toBe(61)
  })

  it('scales the decode part by the tpot slowdown and the prefill part by the ttft slowdown', () => {
    expect(modelStepMs(QUIET, { prefill: 1, decode: 2 }, 8, 0)).toBe(36)
    expect(modelStepMs(QUIET, { prefill: 1, decode: 2 }, 1, 500)).toBe(72)
    expect(modelStepMs(QUIET, { prefill: 1.5, decode: 1 }, 1, 500)).toBeCloseTo(86, 9)
  })

  it('gives the default profile decode steps of 7-10 ms at small batch and the fast profile steps near 2 ms', () => {
    const defaults = SIMULATOR_PROFILES.default as SimulatorProfile
    const fast = SIMULATOR_PROFILES.fast as SimulatorProfile
    expect(modelStepMs(defaults, NO_SLOWDOWN, 1, 0)).toBeGreaterThanOrEqual(7)
    expect(modelStepMs(defaults, NO_SLOWDOWN, 16, 0)).toBeLessThanOrEqual(10)
    expect(modelStepMs(defaults, NO_SLOWDOWN, 64, 0)).toBeGreaterThan(modelStepMs(defaults, NO_SLOWDOWN, 16, 0))
    expect(modelStepMs(fast, NO_SLOWDOWN, 4, 0)).toBeGreaterThan(1.5)
    expect(modelStepMs(fast, NO_SLOWDOWN, 4, 0)).toBeLessThan(2.5)
  })
})

describe('the batching engine', () => {
  it('makes each sequence wait longer per token when more sequences run', () => {
    const alone = quietEngine()
    const single = submit(alone.engine, alone.clock, 10, 20)
    alone.clock.runUntilIdle()

    const crowded = quietEngine()
    const batch = Array.from({ length: 8 }, () => submit(crowded.engine, crowded.clock, 10, 20))
    crowded.clock.runUntilIdle()

    expect(gaps(single.tokenTimes)).toEqual(Array(19).fill(11))
    for (const trace of batch) expect(gaps(trace.tokenTimes)).toEqual(Array(19).fill(18))
  })

  it('takes longer to the first token for a longer prompt', () => {
    const short = quietEngine()
    const shortTrace = submit(short.engine, short.clock, 100, 4)
    short.clock.runUntilIdle()
    const long = quietEngine()
    const longTrace = submit(long.engine, long.clock, 500, 4)
    long.clock.runUntilIdle()

    expect(shortTrace.tokenTimes[0]).toBeCloseTo(21, 9)
    expect(longTrace.tokenTimes[0]).toBeCloseTo(61, 9)
  })

  it('prefills requests that arrive together in one step', () => {
    const { engine, clock } = quietEngine()
    const first = submit(engine, clock, 100, 3)
    const second = submit(engine, clock, 300, 3)
    clock.runUntilIdle()
    // 10 base + 2 sequences + 0.1 × 400 prompt tokens.
    expect(first.tokenTimes[0]).toBeCloseTo(52, 9)
    expect(second.tokenTimes[0]).toBeCloseTo(52, 9)
  })

  it('queues requests beyond the KV capacity until a running sequence frees its reservation', () => {
    const { engine, clock } = quietEngine()
    const first = submit(engine, clock, 100, 500)
    const second = submit(engine, clock, 100, 500)
    clock.advanceTo(100)
    expect(engine.stats()).toMatchObject({ running: 1, waiting: 1, kvUsedTokens: 600 })
    expect(second.tokenTimes).toEqual([])
    clock.runUntilIdle()
    expect(first.tokenTimes).toHaveLength(500)
    expect(second.tokenTimes).toHaveLength(500)
    expect(second.tokenTimes[0]).toBeGreaterThan(first.tokenTimes[499] as number)
  })

  it('prefills no more than the per-step budget, but always at least one prompt', () => {
    const { engine, clock } = quietEngine(NO_SLOWDOWN, { ...QUIET, maxPrefillTokensPerStep: 300 })
    const traces = [400, 200, 200].map((prompt) => submit(engine, clock, prompt, 2))
    clock.runUntilIdle()
    const firstTokens = traces.map((trace) => trace.tokenTimes[0] as number)
    expect(firstTokens[0]).toBeCloseTo(10 + 1 + 40, 9)
    expect(firstTokens[1]).toBeGreaterThan(firstTokens[0] as number)
    expect(firstTokens[2]).toBeGreaterThan(firstTokens[1] as number)
  })

  it('frees the KV of a cancelled running sequence so the next request is admitted at the next step', () => {
    const { engine, clock } = quietEngine()
    const first = submit(engine, clock, 100, 500)
    const second = submit(engine, clock, 100, 500)
    clock.advanceTo(50)
    expect(first.tokenTimes.length).toBeGreaterThan(0)
    first.cancel()
    expect(engine.stats()).toMatchObject({ running: 0, kvUsedTokens: 0 })
    const cancelledAt = first.tokenTimes.length
    clock.runUntilIdle()
    expect(first.tokenTimes).toHaveLength(cancelledAt)
    expect(second.tokenTimes).toHaveLength(500)
    // The step in flight when the cancel came finishes first (11 ms), then the admitting step runs.
    expect(second.tokenTimes[0] as number).toBeLessThan(50 + 11 + 21 + 1e-9)
  })

  it('never runs a sequence cancelled while it waits', () => {
    const { engine, clock } = quietEngine()
    submit(engine, clock, 100, 500)
    clock.advanceTo(0)
    const waiting = submit(engine, clock, 100, 500)
    expect(engine.stats()).toMatchObject({ running: 1, waiting: 1 })
    waiting.cancel()
    expect(engine.stats().waiting).toBe(0)
    clock.runUntilIdle()
    expect(waiting.tokenTimes).toEqual([])
  })

  it('holds no timer once idle, and stop() clears the one in flight', () => {
    const { engine, clock } = quietEngine()
    submit(engine, clock, 10, 5)
    clock.runUntilIdle()
    expect(clock.pendingTimers).toBe(0)
    expect(engine.stats()).toMatchObject({ timerPending: false, running: 0, kvUsedTokens: 0 })

    const trace = submit(engine, clock, 10, 50)
    clock.advanceTo(30)
    expect(engine.stats().timerPending).toBe(true)
    engine.stop()
    expect(clock.pendingTimers).toBe(0)
    const emitted = trace.tokenTimes.length
    clock.advanceTo(10_000)
    expect(trace.tokenTimes).toHaveLength(emitted)
    expect(() => submit(engine, clock, 10, 5)).toThrow(/stopped/)
  })

  it('schedules steps against absolute end times, so late timers do not add up', () => {
    const fake = new FakeClock()
    // Every timer fires 0.7 ms late, as Node's do under load.
    const late: EngineClock = { now: () => fake.now(), setTimer: (callback, delayMs) => fake.setTimer(callback, delayMs + 0.7), clearTimer: (handle) => fake.clearTimer(handle) }
    const engine = new BatchingEngine(QUIET, NO_SLOWDOWN, 1, late)
    const trace = submit(engine, late, 10, 100)
    fake.runUntilIdle()
    // 100 steps of 11 ms (the first also prefills 10 tokens): the end is off by one lateness, not 100.
    const last = trace.tokenTimes[99] as number
    expect(last).toBeGreaterThan(100 * 11 + 1)
    expect(last).toBeLessThan(100 * 11 + 1 + 2 * 0.7 + 1e-9)
  })

  it('gives the same step times for the same seed and different ones for another seed', () => {
    const noisy = SIMULATOR_PROFILES.default as SimulatorProfile
    const run = (seed: number): number[] => {
      const clock = new FakeClock()
      const engine = new BatchingEngine(noisy, NO_SLOWDOWN, seed, clock)
      const traces = [50, 200, 800].map((prompt) => submit(engine, clock, prompt, 40))
      clock.runUntilIdle()
      return traces.flatMap((trace) => trace.tokenTimes)
    }
    const first = run(7)
    expect(run(7)).toEqual(first)
    expect(run(8)).not.toEqual(first)
    // Noise and drift are a few percent, not a different machine.
    const ratio = mean(gaps(run(8))) / mean(gaps(first))
    expect(ratio).toBeGreaterThan(0.85)
    expect(ratio).toBeLessThan(1.15)
  })

  it('slows decode steps by exactly the tpot factor and leaves the prefill cost alone', () => {
    const base = quietEngine()
    const baseTrace = submit(base.engine, base.clock, 100, 20)
    base.clock.runUntilIdle()
    const slowed = quietEngine(parseSlowdown(['tpot=2']))
    const slowedTrace = submit(slowed.engine, slowed.clock, 100, 20)
    slowed.clock.runUntilIdle()

    expect(mean(gaps(slowedTrace.tokenTimes)) / mean(gaps(baseTrace.tokenTimes))).toBeCloseTo(2, 9)
    // First token: decode part doubled (11 → 22), prefill part (10) unchanged.
    expect(slowedTrace.tokenTimes[0]).toBeCloseTo(32, 9)
    expect(baseTrace.tokenTimes[0]).toBeCloseTo(21, 9)
  })
})
