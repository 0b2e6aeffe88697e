import { describe, expect, it } from 'vitest'
import { describe as describeSample } from '../../src/result/summary.js'
import { percentile, percentilesBySelection, percentileOfSorted, percentiles, sortedCopy } from '../../src/stats/percentile.js'
import { loadFixture, relativeError } from './fixtures.js'

interface PercentileCase {
  name: string
  values: number[]
  percentiles: number[]
  expected: number[]
  mean: number
  stddev: number | null
}

const fixture = loadFixture<{ cases: PercentileCase[] }>('percentile.json')

describe('percentile', () => {
  it('was checked against the numpy recorded in the fixture', () => {
    expect(fixture.header.calls.expected).toContain('numpy.percentile')
    expect(fixture.header.numpy).toMatch(/^\d+\.\d+/)
  })

  for (const testCase of fixture.cases) {
    it(`matches numpy.percentile bit for bit: ${testCase.name}`, () => {
      const got = testCase.percentiles.map((p) => percentile(testCase.values, p))
      expect(got).toEqual(testCase.expected)
    })
  }

  for (const testCase of fixture.cases) {
    it(`matches numpy.percentile bit for bit by selection too: ${testCase.name}`, () => {
      expect(percentilesBySelection(Float64Array.from(testCase.values), testCase.percentiles)).toEqual(testCase.expected)
    })
  }

  it('gives by selection what the sort gives, on samples with ties, with percentiles asked in any order', () => {
    let state = 7
    const next = (): number => (state = (state * 48271) % 2147483647) / 2147483647
    for (const n of [1, 2, 3, 10, 601, 5000]) {
      const values = Float64Array.from({ length: n }, () => Math.round(next() * 40))
      const ps = [99, 50, 0, 100, 90, 12.5, 95, 50]
      expect(percentilesBySelection(values.slice(), ps), `n ${n}`).toEqual(ps.map((p) => percentile(values, p)))
    }
  })

  it('gives the minimum at 0 and the maximum at 100', () => {
    const values = [8, -2, 5, 11, 3]
    expect(percentile(values, 0)).toBe(-2)
    expect(percentile(values, 100)).toBe(11)
  })

  it('takes the middle value for an odd count and the mean of the two middle values for an even count', () => {
    expect(percentile([9, 1, 5], 50)).toBe(5)
    expect(percentile([9, 1, 5, 3], 50)).toBe(4)
  })

  it('interpolates linearly between neighbouring ranks', () => {
    // virtual index (5 - 1) * 0.9 = 3.6: 40 + 0.6 * (50 - 40)
    expect(percentile([10, 20, 30, 40, 50], 90)).toBeCloseTo(46, 12)
  })

  it('computes several percentiles from one sort, in the order asked', () => {
    expect(percentiles([4, 1, 3, 2], [100, 0, 50])).toEqual([4, 1, 2.5])
  })

  it('reads a sorted array without copying or reordering it', () => {
    const sorted = sortedCopy([3, 1, 2])
    expect(Array.from(sorted)).toEqual([1, 2, 3])
    expect(percentileOfSorted(sorted, 50)).toBe(2)
  })

  it('rejects percentiles outside 0–100, an empty sample and NaN', () => {
    expect(() => percentile([1, 2], 101)).toThrow(RangeError)
    expect(() => percentile([1, 2], -1)).toThrow(RangeError)
    expect(() => percentile([], 50)).toThrow(RangeError)
    expect(() => percentile([1, Number.NaN], 50)).toThrow(RangeError)
  })

  it('handles a million values in well under a second', () => {
    const values = new Float64Array(1_000_000)
    for (let i = 0; i < values.length; i++) values[i] = (i * 7919) % 1_000_003
    const started = performance.now()
    const summary = describeSample(values)
    expect(performance.now() - started).toBeLessThan(1000)
    expect(summary.count).toBe(1_000_000)
  })
})

describe('describe', () => {
  for (const testCase of fixture.cases) {
    it(`matches numpy mean, std(ddof=1) and percentiles: ${testCase.name}`, () => {
      const summary = describeSample(testCase.values)
      const at = (p: number): number => testCase.expected[testCase.percentiles.indexOf(p)]
      expect(summary.count).toBe(testCase.values.length)
      expect(relativeError(summary.mean as number, testCase.mean)).toBeLessThan(1e-12)
      if (testCase.stddev === null) expect(summary.stddev).toBeNull()
      else expect(relativeError(summary.stddev as number, testCase.stddev)).toBeLessThan(1e-12)
      expect([summary.min, summary.p50, summary.p90, summary.p95, summary.p99, summary.max]).toEqual([at(0), at(50), at(90), at(95), at(99), at(100)])
    })
  }

  it('returns nulls with count 0 for an empty sample', () => {
    expect(describeSample([])).toEqual({ count: 0, mean: null, stddev: null, min: null, p50: null, p90: null, p95: null, p99: null, max: null })
  })

  it('has no standard deviation for a single value', () => {
    const summary = describeSample([7])
    expect(summary.stddev).toBeNull()
    expect(summary.p99).toBe(7)
  })

  it('does not reorder its input', () => {
    const values = [3, 1, 2]
    describeSample(values)
    expect(values).toEqual([3, 1, 2])
  })
})
