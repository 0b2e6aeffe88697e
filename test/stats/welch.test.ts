import { describe, expect, it } from 'vitest'
import { studentTQuantile } from '../../src/stats/distributions.js'
import { welchLogTest } from '../../src/stats/welch.js'
import { loadFixture, relativeError } from './fixtures.js'

interface WelchCase {
  name: string
  x: number[]
  y: number[]
  t: number
  df: number
  p: number
  ratio: number
  ratio_ci: Array<{ confidence: number; low: number; high: number }>
}

const fixture = loadFixture<{ cases: WelchCase[]; t_quantiles: Array<{ probability: number; df: number; t: number }> }>('welch-log.json')

describe('welchLogTest against scipy.stats.ttest_ind(log y, log x, equal_var=False)', () => {
  for (const c of fixture.cases) {
    it(`matches t, df, p, the ratio and its intervals: ${c.name}`, () => {
      for (const expected of c.ratio_ci) {
        const result = welchLogTest(c.x, c.y, { confidence: expected.confidence })
        if (!result.ok) throw new Error(result.reason)
        expect(relativeError(result.t, c.t)).toBeLessThan(1e-12)
        expect(relativeError(result.df, c.df)).toBeLessThan(1e-12)
        expect(relativeError(result.p, c.p)).toBeLessThan(1e-12)
        expect(relativeError(result.ratio, c.ratio)).toBeLessThan(1e-12)
        expect(relativeError(result.ratioCi.low, expected.low)).toBeLessThan(1e-12)
        expect(relativeError(result.ratioCi.high, expected.high)).toBeLessThan(1e-12)
        expect(result.ratioCi.confidence).toBe(expected.confidence)
      }
    })
  }
})

describe('welchLogTest behaviour', () => {
  it('reads t > 0 and ratio > 1 as the candidate being larger', () => {
    const result = welchLogTest([100, 102, 98], [120, 123, 118])
    expect(result.ok && result.t > 0 && result.ratio > 1).toBe(true)
  })

  it('gives a ratio interval that contains the ratio', () => {
    const result = welchLogTest([100, 102, 98, 101], [95, 97, 96])
    if (!result.ok) throw new Error(result.reason)
    expect(result.ratioCi.low).toBeLessThan(result.ratio)
    expect(result.ratioCi.high).toBeGreaterThan(result.ratio)
  })

  it('says too_few_values, with the ratio, when a side has one trial', () => {
    expect(welchLogTest([100], [110, 112])).toMatchObject({ ok: false, reason: 'too_few_values', p: null })
    const result = welchLogTest([100], [121])
    expect(result.ok).toBe(false)
    expect(result.ratio).toBeCloseTo(1.21, 12)
  })

  it('says too_few_values, without a ratio, when a side is empty', () => {
    expect(welchLogTest([], [1, 2])).toEqual({ ok: false, reason: 'too_few_values', ratio: null, t: null, df: null, p: null, ratioCi: null })
  })

  it('says non_positive_values for a zero, a negative or an infinite value', () => {
    for (const bad of [0, -5, Infinity, Number.NaN]) {
      expect(welchLogTest([1, 2, bad], [1, 2, 3])).toMatchObject({ ok: false, reason: 'non_positive_values', ratio: null })
    }
  })

  it('says zero_variance, with the exact ratio, when both sides are constant', () => {
    const result = welchLogTest([50, 50, 50], [55, 55])
    expect(result).toMatchObject({ ok: false, reason: 'zero_variance', p: null })
    expect(result.ratio).toBeCloseTo(1.1, 12)
  })
})

describe('studentTQuantile', () => {
  it('inverts the t distribution to scipy.stats.t.ppf within 1e-12 relative', () => {
    for (const { probability, df, t } of fixture.t_quantiles) {
      expect(relativeError(studentTQuantile(probability, df), t), `p=${probability} df=${df}`).toBeLessThan(1e-12)
    }
  })

  it('is 0 at one half and infinite at 0 and 1', () => {
    expect(studentTQuantile(0.5, 3)).toBe(0)
    expect(studentTQuantile(0, 3)).toBe(-Infinity)
    expect(studentTQuantile(1, 3)).toBe(Infinity)
  })
})
