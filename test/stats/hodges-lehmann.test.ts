import { describe, expect, it } from 'vitest'
import { hodgesLehmann, pairwiseDifferenceOrderStatistic, sortedCopy } from '../../src/stats/index.js'
import { Random } from '../../src/random.js'
import { loadFixture } from './fixtures.js'

interface Interval {
  confidence: number
  rank: number
  low: number | null
  high: number | null
  coverage: number
}
interface HodgesLehmannCase {
  name: string
  x: number[]
  y: number[]
  estimate: number
  intervals: Interval[]
}

const fixture = loadFixture<{ hand_worked: HodgesLehmannCase & { working: string[] }; cases: HodgesLehmannCase[] }>('hodges-lehmann.json')

/** Every difference y_j - x_i, sorted: the definition, at O(mn log mn). */
function allDifferences(x: readonly number[], y: readonly number[]): Float64Array {
  const differences: number[] = []
  for (const yj of y) for (const xi of x) differences.push(yj - xi)
  return Float64Array.from(differences).sort()
}

function randomSample(random: Random, n: number, median: number, ties: boolean): number[] {
  return Array.from({ length: n }, () => (ties ? Math.round(random.logNormal(median, 0.3)) : random.logNormal(median, 0.3)))
}

describe('hodgesLehmann', () => {
  for (const c of [fixture.hand_worked, ...fixture.cases]) {
    it(`gives the estimate, ranks, ends and coverage of the enumerated construction: ${c.name}`, () => {
      for (const expected of c.intervals) {
        const result = hodgesLehmann(c.x, c.y, { confidence: expected.confidence })
        expect(result.method).toBe('exact')
        expect(result.estimate).toBe(c.estimate)
        expect(result.rank).toBe(expected.rank)
        expect(result.low).toBe(expected.low)
        expect(result.high).toBe(expected.high)
        expect(result.coverage).toBeCloseTo(expected.coverage, 12)
      }
    })
  }

  it('has no 95% interval for 3 vs 4, where even complete separation has probability 1/35 > 0.025', () => {
    const result = hodgesLehmann([1, 2.5, 4], [3, 5, 6.5, 9])
    expect(result).toMatchObject({ estimate: 3.25, low: null, high: null, rank: 0, coverage: 1 })
  })

  it('recovers a known shift', () => {
    const random = new Random(7, 'hl-shift')
    const x = randomSample(random, 40, 100, false)
    const y = randomSample(random, 40, 100, false).map((v) => v + 12)
    const result = hodgesLehmann(x, y, { method: 'asymptotic' })
    expect(result.low as number).toBeLessThan(12)
    expect(result.high as number).toBeGreaterThan(12)
    expect(result.estimate).toBeGreaterThan(0)
  })

  it('uses the normal approximation with ties, picking the rank by floor(mn/2 + 1/2 - z σ)', () => {
    const x = [1, 2, 2, 3, 3, 3, 4, 5]
    const y = [2, 3, 4, 4, 5, 5, 6, 7, 7]
    const result = hodgesLehmann(x, y, { confidence: 0.9 })
    // n = 17, tie groups (value: count) 1:1, 2:3, 3:4, 4:3, 5:3, 6:1, 7:2 -> Σ(t³ - t) = 24 + 60 + 24 + 24 + 6 = 138.
    // σ² = 72/12 · (18 - 138 / (17 · 16)) = 6 · (18 - 0.5073529…) = 104.9558…; σ = 10.2448…
    // z(0.95) = 1.6448536…; k = floor(36 + 0.5 - 16.851…) = 19.
    expect(result.method).toBe('asymptotic')
    expect(result.rank).toBe(19)
    const differences = allDifferences(x, y)
    expect(result.low).toBe(differences[18])
    expect(result.high).toBe(differences[72 - 19])
  })

  it('finds order statistics of the differences exactly, as sorting them all would', () => {
    const random = new Random(11, 'hl-order')
    // Small shapes are listed outright; the larger ones (over 4,096 pairs) go through the search.
    for (const [m, n, ties] of [[1, 1, false], [5, 3, true], [12, 17, false], [70, 90, false], [80, 75, true], [3, 2000, false]] as const) {
      const x = randomSample(random, m, 50, ties)
      const y = randomSample(random, n, 55, ties)
      const expected = allDifferences(x, y)
      const xs = sortedCopy(x)
      const ys = sortedCopy(y)
      const step = Math.max(1, Math.floor((m * n) / 150))
      for (let k = 1; k <= m * n; k += step) expect(pairwiseDifferenceOrderStatistic(xs, ys, k)).toBe(expected[k - 1])
      for (const k of [m * n, Math.ceil((m * n) / 2), Math.floor((m * n) / 2) + 1]) expect(pairwiseDifferenceOrderStatistic(xs, ys, k)).toBe(expected[k - 1])
    }
  })

  it('finds order statistics among heavy ties, where many differences are exactly 0', () => {
    const x = Array.from({ length: 300 }, (_, i) => i % 3)
    const y = Array.from({ length: 200 }, (_, i) => i % 4)
    const expected = allDifferences(x, y)
    const xs = sortedCopy(x)
    const ys = sortedCopy(y)
    for (let k = 1; k <= expected.length; k += 997) expect(pairwiseDifferenceOrderStatistic(xs, ys, k)).toBe(expected[k - 1])
  })

  it('matches the brute-force median of differences on random samples', () => {
    const random = new Random(3, 'hl-median')
    for (let trial = 0; trial < 20; trial++) {
      const x = randomSample(random, 1 + random.int(0, 25), 80, trial % 2 === 0)
      const y = randomSample(random, 1 + random.int(0, 25), 90, trial % 2 === 0)
      const differences = allDifferences(x, y)
      const mid = differences.length
      const median = mid % 2 === 1 ? differences[(mid - 1) / 2] : (differences[mid / 2 - 1] + differences[mid / 2]) / 2
      expect(hodgesLehmann(x, y).estimate).toBe(median)
    }
  })

  it('handles request-level samples of 10^5 without forming 10^10 differences', () => {
    const random = new Random(5, 'hl-large')
    const x = randomSample(random, 100_000, 40, false)
    const y = randomSample(random, 100_000, 40, false)
    const started = performance.now()
    const result = hodgesLehmann(x, y)
    expect(performance.now() - started).toBeLessThan(3000)
    expect(Math.abs(result.estimate)).toBeLessThan(0.5)
    expect(result.low as number).toBeLessThan(result.high as number)
  })
})
