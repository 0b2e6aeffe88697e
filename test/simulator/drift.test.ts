import { describe, expect, it } from 'vitest'
import { Random } from '../../src/random.js'
import { SpeedDrift } from '../../src/simulator/drift.js'

function sampleLogFactors(seed: number, sigma: number, timeConstantMs: number, everyMs: number, count: number): number[] {
  const drift = new SpeedDrift(new Random(seed, 'drift-test'), sigma, timeConstantMs)
  return Array.from({ length: count }, (_, i) => Math.log(drift.factorAt(i * everyMs)))
}

const mean = (values: number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length
const stddev = (values: number[]): number => {
  const m = mean(values)
  return Math.sqrt(values.reduce((sum, value) => sum + (value - m) ** 2, 0) / (values.length - 1))
}

describe('the speed drift', () => {
  it('wanders around nominal speed with the configured stationary spread', () => {
    // 2000 time constants: long enough for the sample spread to sit near the stationary one.
    const logs = sampleLogFactors(3, 0.03, 100, 50, 4000)
    expect(Math.abs(mean(logs))).toBeLessThan(0.01)
    expect(stddev(logs)).toBeGreaterThan(0.024)
    expect(stddev(logs)).toBeLessThan(0.036)
  })

  it('changes slowly: neighbours within a time constant are close, far-apart samples are not', () => {
    const logs = sampleLogFactors(5, 0.03, 4000, 10, 20_000)
    const neighbourSteps = logs.slice(1).map((value, i) => Math.abs(value - (logs[i] as number)))
    // Over 10 ms of a 4 s process the increment's spread is 0.03 × sqrt(2 × 10 / 4000) ≈ 0.002.
    expect(mean(neighbourSteps)).toBeLessThan(0.004)
    // Means over consecutive 5 s windows (what consecutive trials see) differ by about a percent or more.
    const windows = Array.from({ length: 40 }, (_, w) => mean(logs.slice(w * 500, (w + 1) * 500)))
    expect(stddev(windows)).toBeGreaterThan(0.005)
  })

  it('is reproducible from its seed', () => {
    expect(sampleLogFactors(9, 0.03, 1000, 7, 50)).toEqual(sampleLogFactors(9, 0.03, 1000, 7, 50))
    expect(sampleLogFactors(10, 0.03, 1000, 7, 50)).not.toEqual(sampleLogFactors(9, 0.03, 1000, 7, 50))
  })

  it('stays at exactly nominal speed when its spread is zero', () => {
    expect(sampleLogFactors(1, 0, 1000, 5, 20).every((value) => value === 0)).toBe(true)
  })
})
