import { describe, expect, test } from 'vitest'
import { resolveWorkload } from '../../src/config/workload.js'
import { buildSendPlan, type LoadSpec } from '../../src/workload/schedule.js'

const loadOf = (load: object): LoadSpec => resolveWorkload({ name: 'x', load }, 'w').spec.load

function openPlan(load: object, count: number, seed = 1, trial = 0): Float64Array {
  const plan = buildSendPlan(loadOf(load), count, seed, trial)
  if (plan.kind !== 'open') throw new Error('expected an open loop')
  return plan.sendAtMs
}

function gapsOf(sendAt: Float64Array): number[] {
  const gaps: number[] = []
  for (let i = 1; i < sendAt.length; i++) gaps.push(sendAt[i]! - sendAt[i - 1]!)
  return gaps
}

const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length
const cv = (values: number[]): number => {
  const m = mean(values)
  return Math.sqrt(values.reduce((sum, v) => sum + (v - m) ** 2, 0) / (values.length - 1)) / m
}

describe('open-loop schedules', () => {
  test('Poisson arrivals have the requested mean rate and exponential gaps (coefficient of variation 1)', () => {
    const gaps = gapsOf(openPlan({ rate: 8, arrival: 'poisson' }, 20_001))
    // 20,000 exponential gaps: the mean's standard error is 1/sqrt(20000) ≈ 0.7%.
    expect(1000 / mean(gaps)).toBeGreaterThan(8 * 0.97)
    expect(1000 / mean(gaps)).toBeLessThan(8 * 1.03)
    expect(cv(gaps)).toBeGreaterThan(0.96)
    expect(cv(gaps)).toBeLessThan(1.04)
  })

  test('Poisson counts per second have variance equal to their mean', () => {
    const sendAt = openPlan({ rate: 20, arrival: 'poisson' }, 40_000)
    const seconds = Math.floor(sendAt[sendAt.length - 1]! / 1000)
    const counts = new Array<number>(seconds).fill(0)
    for (const t of sendAt) if (t < seconds * 1000) counts[Math.floor(t / 1000)]!++
    const m = mean(counts)
    const variance = counts.reduce((sum, c) => sum + (c - m) ** 2, 0) / (counts.length - 1)
    expect(variance / m).toBeGreaterThan(0.85)
    expect(variance / m).toBeLessThan(1.15)
  })

  test.each([0.25, 4])('gamma arrivals with burstiness %s keep the rate and have CV 1/sqrt(burstiness)', (burstiness) => {
    const gaps = gapsOf(openPlan({ rate: 10, arrival: 'gamma', burstiness }, 20_001))
    expect(1000 / mean(gaps)).toBeGreaterThan(10 * 0.95)
    expect(1000 / mean(gaps)).toBeLessThan(10 * 1.05)
    expect(cv(gaps)).toBeCloseTo(1 / Math.sqrt(burstiness), 1)
  })

  test('constant arrivals are evenly spaced from 0', () => {
    const sendAt = openPlan({ rate: 4, arrival: 'constant' }, 5)
    expect([...sendAt]).toEqual([0, 250, 500, 750, 1000])
  })

  test('the same seed gives the same schedule; another seed or trial another one', () => {
    const a = openPlan({ rate: 8 }, 100, 7, 0)
    expect([...openPlan({ rate: 8 }, 100, 7, 0)]).toEqual([...a])
    expect([...openPlan({ rate: 8 }, 100, 8, 0)]).not.toEqual([...a])
    expect([...openPlan({ rate: 8 }, 100, 7, 1)]).not.toEqual([...a])
  })

  test('ramp stages give each stage its rate, and the last rate goes on', () => {
    const sendAt = openPlan({ ramp: [{ rate: 2, seconds: 100 }, { rate: 20, seconds: 100 }], arrival: 'constant' }, 2_400)
    const inWindow = (from: number, to: number): number => [...sendAt].filter((t) => t >= from * 1000 && t < to * 1000).length
    expect(inWindow(0, 100)).toBe(200)
    expect(inWindow(100, 200)).toBe(2000)
    // 200 stage-3 requests at the continuing rate of 20/s: 10 s more.
    expect(sendAt[sendAt.length - 1]! / 1000).toBeCloseTo(209.95, 1)
  })

  test('a ramp stage at rate 0 is a pause', () => {
    const sendAt = openPlan({ ramp: [{ rate: 10, seconds: 1 }, { rate: 0, seconds: 5 }, { rate: 10, seconds: 1 }], arrival: 'constant' }, 20)
    // The 11th arrival falls exactly on the stage's end (the first time the expected count reaches 10);
    // the next waits out the pause.
    expect(sendAt[10]).toBeCloseTo(1000, 6)
    expect(sendAt[11]).toBeCloseTo(6100, 6)
  })

  test('the scheduled rate is what the schedule itself realises', () => {
    const plan = buildSendPlan(loadOf({ rate: 4, arrival: 'constant' }), 9, 1, 0)
    expect(plan.kind === 'open' && plan.scheduledRate).toBeCloseTo(4, 9)
  })

  test('a Poisson schedule offers what its sample of gaps realises, not exactly the configured rate', () => {
    const plan = buildSendPlan(loadOf({ rate: 6 }), 200, 0, 0)
    expect(plan.kind === 'open' && plan.scheduledRate).not.toBeCloseTo(6, 2)
  })

  test.each([
    [{ rate: 6 }, 200, 0],
    [{ rate: 6 }, 200, 42],
    [{ rate: 0.5, arrival: 'gamma', burstiness: 0.3 }, 57, 3],
    [{ rate: 250, arrival: 'poisson', concurrency: 8 }, 10_000, 9]
  ])('exact_rate rescales the gaps so the offered rate is the configured one: %j, %i requests, seed %i', (load, count, seed) => {
    const plan = buildSendPlan(loadOf({ ...load, exact_rate: true }), count, seed, 0)
    if (plan.kind !== 'open') throw new Error('expected an open loop')
    const offered = ((count - 1) * 1000) / (plan.sendAtMs[count - 1]! - plan.sendAtMs[0]!)
    expect(Math.abs(offered - load.rate)).toBeLessThan(1e-9 * load.rate)
    expect(Math.abs(plan.scheduledRate! - load.rate)).toBeLessThan(1e-9 * load.rate)
    expect(plan.sendAtMs[0]).toBe(0)
  })

  test('exact_rate keeps the shape of the arrivals: the gaps are those of the same seed, scaled by one factor', () => {
    const raw = gapsOf(openPlan({ rate: 6 }, 200, 0))
    const exact = gapsOf(openPlan({ rate: 6, exact_rate: true }, 200, 0))
    const factor = exact[0]! / raw[0]!
    expect(factor).not.toBeCloseTo(1, 3)
    exact.forEach((gap, i) => expect(gap).toBeCloseTo(raw[i]! * factor, 9))
  })

  test('exact_rate schedules are deterministic per seed and trial', () => {
    const a = openPlan({ rate: 6, exact_rate: true }, 300, 5, 1)
    expect([...openPlan({ rate: 6, exact_rate: true }, 300, 5, 1)]).toEqual([...a])
    expect([...openPlan({ rate: 6, exact_rate: true }, 300, 6, 1)]).not.toEqual([...a])
    expect([...openPlan({ rate: 6, exact_rate: true }, 300, 5, 2)]).not.toEqual([...a])
  })

  test('exact_rate: true is part of the workload hash; false or absent leave the hash as it was', () => {
    const hash = (load: object): string => resolveWorkload({ name: 'x', load }, 'w').workloadHash
    expect(hash({ rate: 6, exact_rate: false })).toBe(hash({ rate: 6 }))
    expect(hash({ rate: 6, exact_rate: true })).not.toBe(hash({ rate: 6 }))
    expect('exact_rate' in resolveWorkload({ name: 'x', load: { rate: 6 } }, 'w').spec.load).toBe(false)
  })

  test('exact_rate needs one open-loop rate', () => {
    expect(() => loadOf({ concurrency: 4, exact_rate: true })).toThrow(/load.exact_rate: got true; exact_rate rescales the gaps of one open-loop rate/)
    expect(() => loadOf({ ramp: [{ rate: 2, seconds: 10 }], exact_rate: true })).toThrow(/exact_rate/)
  })

  test('a concurrency alone is a closed loop', () => {
    expect(buildSendPlan(loadOf({ concurrency: 16 }), 10, 1, 0)).toEqual({ kind: 'closed', concurrency: 16 })
  })
})
