import { describe, expect, test } from 'vitest'
import { Random } from '../../src/random.js'
import { bestSplit, eDivisive, segmentsOf } from '../../src/stats/change-points.js'

/** q̂ of one split straight from the definition (Matteson and James, eq. 3–5), for checking the prefix-sum version. */
function qHat(x: number[], tau: number, kappa: number): number {
  const a = x.slice(0, tau)
  const b = x.slice(tau, kappa)
  const n = a.length
  const m = b.length
  let between = 0
  for (const u of a) for (const v of b) between += Math.abs(u - v)
  const within = (side: number[]): number => {
    if (side.length < 2) return 0
    let sum = 0
    for (let i = 0; i < side.length; i++) for (let k = i + 1; k < side.length; k++) sum += Math.abs(side[i]! - side[k]!)
    return sum / ((side.length * (side.length - 1)) / 2)
  }
  return ((n * m) / (n + m)) * ((2 * between) / (n * m) - within(a) - within(b))
}

/** log values of nightly runs: `noise` log-sd around steps that start at the given nights. */
function nights(seed: number, length: number, steps: Array<{ at: number; ratio: number }>, noise = 0.02): number[] {
  const random = new Random(seed, 'nights')
  return Array.from({ length }, (_, night) => steps.filter((step) => night >= step.at).reduce((level, step) => level + Math.log(step.ratio), 0) + noise * random.normal())
}

const SEEDS = Array.from({ length: 12 }, (_, index) => index + 1)

describe('the energy statistic', () => {
  test('the best split is the one the definition gives, over every τ < κ', () => {
    for (const seed of SEEDS) {
      const random = new Random(seed, 'q')
      const x = Array.from({ length: 2 + (seed % 11) }, () => random.normal() * (random.uniform() < 0.3 ? 3 : 1))
      let best = { tau: 0, kappa: 0, statistic: -Infinity }
      for (let tau = 1; tau < x.length; tau++) for (let kappa = tau + 1; kappa <= x.length; kappa++) {
        const statistic = qHat(x, tau, kappa)
        if (statistic > best.statistic) best = { tau, kappa, statistic }
      }
      const found = bestSplit(x, 0, x.length)!
      expect(found.statistic).toBeCloseTo(best.statistic, 10)
      expect([found.tau, found.kappa]).toEqual([best.tau, best.kappa])
    }
  })

  test('a split inside a segment is reported in the series\' indices', () => {
    const x = [0, 0, 0, 5, 5, 9, 9, 9, 1, 1, 1]
    const found = bestSplit(x, 5, 11)!
    expect(found.tau).toBe(8)
  })

  test('segments lie between the change points', () => {
    expect(segmentsOf(10, [])).toEqual([{ start: 0, end: 10 }])
    expect(segmentsOf(10, [7, 3])).toEqual([{ start: 0, end: 3 }, { start: 3, end: 7 }, { start: 7, end: 10 }])
  })
})

describe('E-divisive means with a permutation test', () => {
  test('a +12% step at night 16 of 24, under 2% noise, is found at night 16', () => {
    for (const seed of SEEDS) {
      const changes = eDivisive(nights(seed, 24, [{ at: 16, ratio: 1.12 }]))
      expect(changes.map((change) => change.index)).toEqual([16])
      expect(changes[0]!.pValue).toBeLessThanOrEqual(0.01)
    }
  })

  test('a smaller step (+5% under 2% noise) is found within two nights of it', () => {
    let found = 0
    for (const seed of SEEDS) {
      const changes = eDivisive(nights(seed, 30, [{ at: 18, ratio: 1.05 }]))
      expect(changes.length).toBeLessThanOrEqual(1)
      if (changes.length === 1) {
        found++
        expect(Math.abs(changes[0]!.index - 18)).toBeLessThanOrEqual(2)
      }
    }
    expect(found).toBeGreaterThanOrEqual(SEEDS.length - 2)
  })

  test('two steps, one up and one down, are both found', () => {
    for (const seed of SEEDS) {
      const changes = eDivisive(nights(seed, 36, [{ at: 12, ratio: 1.1 }, { at: 24, ratio: 0.85 }]))
      expect(changes.map((change) => change.index)).toEqual([12, 24])
    }
  })

  test('a flat noisy series rarely has a change (at most the test level, 1%, in expectation)', () => {
    let withChange = 0
    for (let seed = 1; seed <= 60; seed++) if (eDivisive(nights(seed, 24, [])).length > 0) withChange++
    expect(withChange).toBeLessThanOrEqual(3)
  })

  test('an outlier night is not a change', () => {
    for (const seed of SEEDS) {
      const series = nights(seed, 24, [])
      series[10]! += Math.log(1.3)
      expect(eDivisive(series)).toEqual([])
    }
  })

  test('the same seed gives the same p-values; the permutations are seeded', () => {
    const series = nights(3, 20, [{ at: 14, ratio: 1.03 }])
    expect(eDivisive(series, { seed: 5, alpha: 0.2 })).toEqual(eDivisive(series, { seed: 5, alpha: 0.2 }))
  })

  test('the p-value is a permutation p-value: (1 + exceedances) / (R + 1), never below 1 / (R + 1)', () => {
    const changes = eDivisive(nights(1, 24, [{ at: 8, ratio: 1.5 }]), { permutations: 99, alpha: 0.05 })
    expect(changes[0]!.pValue).toBe(0.01)
  })

  test('a constant series has no change, and bad input is refused', () => {
    expect(eDivisive([5, 5, 5, 5, 5, 5])).toEqual([])
    expect(eDivisive([1])).toEqual([])
    expect(() => eDivisive([1, Number.NaN, 2])).toThrow(/index 1/)
    expect(() => eDivisive([1, 2], { alpha: 0 })).toThrow(/alpha/)
    // 99 permutations cannot give a p-value below 0.01.
    expect(() => eDivisive([1, 2], { alpha: 0.005, permutations: 99 })).toThrow(/cannot reach/)
  })
})
