import { describe, expect, it } from 'vitest'
import { minimumDetectablePairedChange } from '../../src/stats/detectable-effect.js'
import { logRatios, minimumExactSignedRankP, pairedLogTTest, signedRankCdf, wilcoxonSignedRank } from '../../src/stats/paired.js'
import { loadFixture, relativeError } from './fixtures.js'

interface PairedCase {
  name: string
  x: number[]
  y: number[]
  w_plus: number
  signed_rank_p: number
  method: 'exact' | 'asymptotic'
  enumerated_p?: number
  t: number
  t_p: number
  ratio: number
  ratio_ci_95: [number, number]
}

const fixture = loadFixture<{ cases: PairedCase[]; tied: Array<{ name: string; d: number[]; p: number }> }>('paired.json')
const differences = (c: PairedCase): number[] => {
  const ratios = logRatios(c.x, c.y)
  if (!ratios.ok) throw new Error(ratios.reason)
  return ratios.d
}

describe('wilcoxonSignedRank against scipy.stats.wilcoxon and enumeration', () => {
  for (const c of fixture.cases) {
    it(`matches W+ and the two-sided p (${c.method}): ${c.name}`, () => {
      const result = wilcoxonSignedRank(differences(c))
      if (!result.ok) throw new Error(result.reason)
      expect(result.method).toBe(c.method)
      expect(result.wPlus).toBe(c.w_plus)
      expect(relativeError(result.p, c.signed_rank_p)).toBeLessThan(1e-12)
      if (c.enumerated_p !== undefined) expect(relativeError(result.p, c.enumerated_p)).toBeLessThan(1e-12)
    })
  }
  for (const c of fixture.tied) {
    it(`uses the normal approximation with the tie correction and drops zeros: ${c.name}`, () => {
      const result = wilcoxonSignedRank(c.d)
      if (!result.ok) throw new Error(result.reason)
      expect(result.method).toBe('asymptotic')
      expect(relativeError(result.p, c.p)).toBeLessThan(1e-12)
    })
  }

  it('has the exact null distribution: symmetric, and every sign pattern equally likely', () => {
    for (const n of [1, 2, 5, 9]) {
      const total = (n * (n + 1)) / 2
      for (let w = 0; w <= total; w++) expect(signedRankCdf(w, n)).toBeCloseTo(1 - signedRankCdf(total - w - 1, n), 14)
      expect(signedRankCdf(0, n)).toBe(1 / 2 ** n)
    }
    // Sums of subsets of {1, 2, 3}: 0 1 2 3 3 4 5 6.
    expect([0, 1, 2, 3, 4, 5, 6].map((w) => signedRankCdf(w, 3) * 8)).toEqual([1, 2, 3, 5, 6, 7, 8])
  })

  it('reaches its smallest p only when every pair moved the same way', () => {
    expect(minimumExactSignedRankP(5)).toBe(0.0625)
    expect(wilcoxonSignedRank([0.01, 0.02, 0.03, 0.04, 0.05, 0.06])).toMatchObject({ p: minimumExactSignedRankP(6) })
    expect(wilcoxonSignedRank([0.01, -0.02, 0.03, 0.04, 0.05, 0.06])).toMatchObject({ p: 6 / 64 }) // W+ = 19: sign patterns with a negative-rank sum of at most 2 are {}, {1}, {2}
  })

  it('says when there is nothing to test', () => {
    expect(wilcoxonSignedRank([0, 0, 0])).toEqual({ ok: false, reason: 'too_few_pairs' })
    expect(logRatios([1, 2], [1, 0])).toEqual({ ok: false, reason: 'non_positive_values' })
    expect(() => logRatios([1, 2], [1])).toThrow(RangeError)
  })
})

describe('pairedLogTTest against scipy.stats.ttest_rel(log y, log x)', () => {
  for (const c of fixture.cases) {
    it(`matches t, p, the ratio and its 95% interval: ${c.name}`, () => {
      const result = pairedLogTTest(c.x, c.y)
      if (!result.ok) throw new Error(result.reason)
      expect(relativeError(result.t, c.t)).toBeLessThan(1e-10)
      expect(relativeError(result.p, c.t_p)).toBeLessThan(1e-8)
      expect(relativeError(result.ratio, c.ratio)).toBeLessThan(1e-12)
      expect(relativeError(result.ratioCi.low, c.ratio_ci_95[0])).toBeLessThan(1e-10)
      expect(relativeError(result.ratioCi.high, c.ratio_ci_95[1])).toBeLessThan(1e-10)
    })
  }

  it('cannot test a constant ratio or a single pair', () => {
    expect(pairedLogTTest([3, 3, 3], [5, 5, 5])).toEqual({ ok: false, reason: 'zero_variance' })
    expect(pairedLogTTest([1], [2])).toEqual({ ok: false, reason: 'too_few_pairs' })
  })
})

describe('minimumDetectablePairedChange', () => {
  it('grows with the spread of the ratios and shrinks with the number of pairs', () => {
    const ratios = (n: number, spread: number): number[] => Array.from({ length: n }, (_, i) => spread * (i % 2 === 0 ? 1 : -1))
    const small = minimumDetectablePairedChange(ratios(10, 0.02))
    const wide = minimumDetectablePairedChange(ratios(10, 0.04))
    const many = minimumDetectablePairedChange(ratios(40, 0.02))
    if (!small.ok || !wide.ok || !many.ok) throw new Error('expected detectable changes')
    expect(wide.changePct).toBeGreaterThan(1.9 * small.changePct)
    expect(many.changePct).toBeLessThan(small.changePct / 1.9)
  })

  it('is the t-test formula on the log scale, larger by √(π/3) for the signed-rank test', () => {
    // 10 pairs, sd(d) = 0.02: (t(0.975, 9) + t(0.8, 9)) · 0.02 / √10 = (2.2622 + 0.8834) · 0.006325 = 0.019894.
    const d = [0.02, -0.02, 0.02, -0.02, 0.02, -0.02, 0.02, -0.02, 0.02, -0.02]
    const sd = Math.sqrt(d.reduce((sum, v) => sum + v * v, 0) / 9)
    const t = minimumDetectablePairedChange(d, { test: 'paired-t-log' })
    const rank = minimumDetectablePairedChange(d, { test: 'signed-rank' })
    if (!t.ok || !rank.ok) throw new Error('expected detectable changes')
    expect(t.changePct).toBeCloseTo(100 * (Math.exp((3.1456 * sd) / Math.sqrt(10)) - 1), 2)
    expect(Math.log1p(rank.changePct / 100) / Math.log1p(t.changePct / 100)).toBeCloseTo(Math.sqrt(Math.PI / 3), 10)
  })

  it('has a floor: with 5 pairs no signed-rank outcome is significant at 0.05', () => {
    expect(minimumDetectablePairedChange([0.01, 0.02, 0.03, 0.04, 0.05])).toEqual({ ok: false, reason: 'never_significant', minimumP: 0.0625 })
    expect(minimumDetectablePairedChange([0.01, 0.02, 0.03, 0.04, 0.05], { test: 'paired-t-log' }).ok).toBe(true)
  })
})
