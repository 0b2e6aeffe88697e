import { describe, expect, it } from 'vitest'
import { mannWhitneyU } from '../../src/stats/mann-whitney.js'
import { untiedUCdf } from '../../src/stats/u-distribution.js'
import { loadFixture, relativeError } from './fixtures.js'

interface MannWhitneyCase {
  name: string
  x: number[]
  y: number[]
  ties: boolean
  u: number
  p_exact?: number
  p_asymptotic: number
  /** null where scipy returns NaN: every value equal, 0/0. */
  p_asymptotic_no_continuity: number | null
  p_permutation?: number
}

const fixture = loadFixture<{ cases: MannWhitneyCase[] }>('mann-whitney.json')
const caseNamed = (name: string): MannWhitneyCase => fixture.cases.find((c) => c.name.startsWith(name)) as MannWhitneyCase

describe('mannWhitneyU against scipy.stats.mannwhitneyu', () => {
  for (const c of fixture.cases.filter((c) => c.p_exact !== undefined)) {
    it(`exact p equals scipy's method='exact' to 1e-12: ${c.name}`, () => {
      const result = mannWhitneyU(c.x, c.y, { method: 'exact' })
      expect(result.method).toBe('exact')
      expect(result.u).toBe(c.u)
      expect(relativeError(result.p, c.p_exact as number)).toBeLessThan(1e-12)
    })
  }

  for (const c of fixture.cases) {
    it(`asymptotic p with continuity matches scipy to 1e-12: ${c.name}`, () => {
      const result = mannWhitneyU(c.x, c.y, { method: 'asymptotic' })
      expect(result.method).toBe('asymptotic')
      expect(result.ties).toBe(c.ties)
      expect(result.u).toBe(c.u)
      expect(relativeError(result.p, c.p_asymptotic)).toBeLessThan(1e-12)
    })
  }

  it('matches scipy without the continuity correction too', () => {
    for (const c of fixture.cases) {
      const result = mannWhitneyU(c.x, c.y, { method: 'asymptotic', continuity: false })
      if (c.p_asymptotic_no_continuity === null) expect(result.p, c.name).toBe(1) // scipy: NaN
      else expect(relativeError(result.p, c.p_asymptotic_no_continuity), c.name).toBeLessThan(1e-12)
    }
  })

  for (const c of fixture.cases.filter((c) => c.p_permutation !== undefined)) {
    it(`exact p with ties equals scipy's full permutation test: ${c.name}`, () => {
      const result = mannWhitneyU(c.x, c.y, { method: 'exact' })
      expect(result.method).toBe('exact')
      expect(result.ties).toBe(true)
      expect(relativeError(result.p, c.p_permutation as number)).toBeLessThan(1e-12)
    })
  }
})

describe('mannWhitneyU behaviour', () => {
  it('gives 2/252 for 5 vs 5 completely separated, the smallest p that size allows', () => {
    const result = mannWhitneyU([1, 2, 3, 4, 5], [6, 7, 8, 9, 10])
    expect(result).toEqual({ u: 0, p: 2 / 252, method: 'exact', ties: false })
  })

  it('reports U for the first sample, so swapping the samples gives n1 n2 - U and the same p', () => {
    const c = caseNamed('12 vs 30')
    const forward = mannWhitneyU(c.x, c.y)
    const backward = mannWhitneyU(c.y, c.x)
    expect(backward.u).toBe(12 * 30 - forward.u)
    expect(backward.p).toBeCloseTo(forward.p, 14)
  })

  it('chooses the exact distribution automatically for small untied samples', () => {
    expect(mannWhitneyU(caseNamed('8 vs 8').x, caseNamed('8 vs 8').y).method).toBe('exact')
    expect(mannWhitneyU(caseNamed('45 vs 55').x, caseNamed('45 vs 55').y).method).toBe('exact')
  })

  it('chooses the normal approximation automatically for ties and for large samples', () => {
    expect(mannWhitneyU(caseNamed('6 vs 5 with ties').x, caseNamed('6 vs 5 with ties').y).method).toBe('asymptotic')
    expect(mannWhitneyU(caseNamed('100 vs 100').x, caseNamed('100 vs 100').y).method).toBe('asymptotic')
  })

  it('falls back to the normal approximation when exact is asked of samples too large to count', () => {
    const c = caseNamed('2000 vs 3000')
    expect(mannWhitneyU(c.x, c.y, { method: 'exact' }).method).toBe('asymptotic')
  })

  it('gives p = 1 when every value is equal', () => {
    expect(mannWhitneyU([5, 5, 5], [5, 5]).p).toBe(1)
    expect(mannWhitneyU([5, 5, 5], [5, 5], { method: 'exact' }).p).toBe(1)
  })

  it('gives p = 1 for one value against one value', () => {
    expect(mannWhitneyU([2], [1])).toEqual({ u: 1, p: 1, method: 'exact', ties: false })
  })

  it('keeps tiny exact p-values accurate far into the tail', () => {
    const c = caseNamed('50 vs 50')
    expect(c.p_exact).toBeLessThan(1e-28)
    expect(relativeError(mannWhitneyU(c.x, c.y).p, c.p_exact as number)).toBeLessThan(1e-12)
  })

  it('has an exact null distribution that is a CDF symmetric about n1 n2 / 2', () => {
    // 4 vs 6: P(U <= u) = 1 - P(U <= 24 - u - 1), and the total mass is C(10, 4) = 210 splits.
    expect(untiedUCdf(0, 4, 6)).toBeCloseTo(1 / 210, 15)
    for (let u = 0; u < 24; u++) expect(untiedUCdf(u, 4, 6)).toBeCloseTo(1 - untiedUCdf(24 - u - 1, 4, 6), 14)
    expect(untiedUCdf(24, 4, 6)).toBe(1)
  })

  it('rejects an empty sample', () => {
    expect(() => mannWhitneyU([], [1, 2])).toThrow(RangeError)
  })

  it('ranks 10^5 vs 10^5 request-level values quickly', () => {
    const x = Float64Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 100_003)
    const y = Float64Array.from({ length: 100_000 }, (_, i) => ((i * 104_729) % 100_019) + 3)
    const started = performance.now()
    const result = mannWhitneyU(x, y)
    expect(performance.now() - started).toBeLessThan(1000)
    expect(result.method).toBe('asymptotic')
  })
})
