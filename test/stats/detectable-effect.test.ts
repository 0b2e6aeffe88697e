import { describe, expect, it } from 'vitest'
import { minimumDetectableChange, minimumDetectableChangeFromSpread, minimumExactMannWhitneyP } from '../../src/stats/detectable-effect.js'
import { loadFixture, relativeError } from './fixtures.js'

interface DetectableCase {
  n1: number
  n2: number
  alpha: number
  power: number
  standardized_shift: number
}

const fixture = loadFixture<{ cases: DetectableCase[] }>('detectable-change.json')

describe('minimumDetectableChange', () => {
  for (const c of fixture.cases) {
    it(`is within 1.5% of the exact noncentral-t answer for the t-test: ${c.n1} vs ${c.n2} trials`, () => {
      const result = minimumDetectableChangeFromSpread(0.01, c.n1, c.n2, { alpha: c.alpha, power: c.power, test: 'welch-log' })
      if (!result.ok) throw new Error(result.reason)
      // cv = 1%: the exact shift in standard deviations is the change in percent.
      expect(relativeError(result.changePct, c.standardized_shift)).toBeLessThan(0.015)
    })
  }

  it('asks Mann–Whitney for √(π/3) times the t-test change, its efficiency under normal noise', () => {
    const t = minimumDetectableChangeFromSpread(0.02, 6, 6, { test: 'welch-log' })
    const u = minimumDetectableChangeFromSpread(0.02, 6, 6, { test: 'mann-whitney' })
    if (!t.ok || !u.ok) throw new Error('expected both')
    expect(u.changePct / t.changePct).toBeCloseTo(Math.sqrt(Math.PI / 3), 12)
  })

  it('detects nothing with Mann–Whitney at 3 vs 3 trials, whose smallest p is 2/20 = 0.1', () => {
    expect(minimumExactMannWhitneyP(3, 3)).toBeCloseTo(0.1, 15)
    expect(minimumDetectableChange([10, 11, 10.5], [12, 11.5, 12.2])).toEqual({ ok: false, reason: 'never_significant', minimumP: 0.1 })
  })

  it('detects changes with Mann–Whitney from 4 vs 4 trials, whose smallest p is 2/70', () => {
    expect(minimumExactMannWhitneyP(4, 4)).toBeCloseTo(2 / 70, 15)
    expect(minimumDetectableChange([10, 11, 10.5, 10.2], [10.1, 10.6, 10.9, 10.4]).ok).toBe(true)
  })

  it('grows with the noise and shrinks with more trials', () => {
    const at = (cv: number, n: number): number => {
      const result = minimumDetectableChangeFromSpread(cv, n, n)
      if (!result.ok) throw new Error(result.reason)
      return result.changePct
    }
    expect(at(0.04, 5)).toBeCloseTo(2 * at(0.02, 5), 12)
    expect(at(0.02, 10)).toBeLessThan(at(0.02, 5))
  })

  it('pools the per-trial spread of both sides relative to the baseline mean', () => {
    // Deviations ±1 around 100 and around 110: pooled sd √(4 / 4) = 1, cv = 1 / 100.
    const result = minimumDetectableChange([99, 101, 100], [109, 111, 110], { test: 'welch-log' })
    if (!result.ok) throw new Error(result.reason)
    expect(result.cv).toBeCloseTo(0.01, 15)
  })

  it('says why when it cannot say anything', () => {
    expect(minimumDetectableChange([1], [1, 2])).toEqual({ ok: false, reason: 'too_few_trials' })
    expect(minimumDetectableChange([0, 0, 0, 0], [1, 2, 3, 4])).toEqual({ ok: false, reason: 'baseline_zero' })
  })
})
