import { describe, expect, it } from 'vitest'
import { Random } from '../../src/random.js'
import { bootstrapSide, expandedConfidence, relativeChangeIntervals, type BootstrapStatistic, type RelativeChangeInterval, type RelativeChangeResult, type SideOptions } from '../../src/stats/bootstrap.js'
import { percentile } from '../../src/stats/percentile.js'

/** Trials of lognormal latencies with AR(1) drift inside each trial and a per-trial level. */
function latencyTrials(seed: number, trials: number, requests: number, scale = 1, correlation = 0.9): number[][] {
  const random = new Random(seed, 'latency-trials')
  return Array.from({ length: trials }, () => {
    const trialLevel = random.logNormal(1, 0.02)
    let drift = 0
    return Array.from({ length: requests }, () => {
      drift = correlation * drift + Math.sqrt(1 - correlation * correlation) * random.normal()
      return scale * trialLevel * random.logNormal(40, 0.25) * Math.exp(0.15 * drift)
    })
  })
}

type Options = Omit<SideOptions, 'stream'> & { confidence?: number }

/** Each statistic's interval as compare gets it: each side resampled on its own stream, then paired in order. */
function bootstrapRelativeChanges(baseline: ReadonlyArray<ArrayLike<number>>, current: ReadonlyArray<ArrayLike<number>>, statistics: readonly BootstrapStatistic[], { confidence, ...options }: Options): RelativeChangeResult[] {
  return relativeChangeIntervals(bootstrapSide(baseline, statistics, { ...options, stream: 'baseline' }), bootstrapSide(current, statistics, { ...options, stream: 'current' }), statistics.length, confidence)
}

const bootstrapRelativeChange = (baseline: ReadonlyArray<ArrayLike<number>>, current: ReadonlyArray<ArrayLike<number>>, statistic: BootstrapStatistic, options: Options): RelativeChangeResult =>
  bootstrapRelativeChanges(baseline, current, [statistic], options)[0]!

const interval = (result: RelativeChangeResult): RelativeChangeInterval => {
  if (!result.ok) throw new Error(`no interval: ${result.reason}`)
  return result
}

const p50: BootstrapStatistic = { kind: 'percentile', p: 50 }

describe('bootstrap intervals of a relative change', () => {
  const baseline = latencyTrials(1, 5, 400)
  const current = latencyTrials(2, 5, 400, 1.2)

  it('gives identical numbers for the same inputs and seed', () => {
    const first = bootstrapRelativeChange(baseline, current, p50, { seed: 42, iterations: 500 })
    const second = bootstrapRelativeChange(baseline, current, p50, { seed: 42, iterations: 500 })
    expect(second).toEqual(first)
  })

  it('gives slightly different intervals, and the same estimate, for another seed', () => {
    const first = interval(bootstrapRelativeChange(baseline, current, p50, { seed: 1, iterations: 500 }))
    const second = interval(bootstrapRelativeChange(baseline, current, p50, { seed: 2, iterations: 500 }))
    expect(second.estimatePct).toBe(first.estimatePct)
    expect(second.lowPct).not.toBe(first.lowPct)
    expect(Math.abs(second.lowPct - first.lowPct)).toBeLessThan(1)
    expect(Math.abs(second.highPct - first.highPct)).toBeLessThan(1)
  })

  it('estimates a 20% slowdown near +20% with an interval that covers it', () => {
    for (const statistic of [{ kind: 'mean' }, p50, { kind: 'percentile', p: 90 }, { kind: 'percentile', p: 99 }] as const) {
      const result = interval(bootstrapRelativeChange(baseline, current, statistic, { seed: 7, iterations: 1000 }))
      // 2,000 values a side: p99 rests on the top 20 of them, so it is the noisiest.
      expect(Math.abs(result.estimatePct - 20), JSON.stringify(statistic)).toBeLessThan(statistic.kind === 'percentile' && statistic.p === 99 ? 6 : 3)
      expect(result.lowPct).toBeLessThan(20)
      expect(result.highPct).toBeGreaterThan(20)
      expect(result.lowPct).toBeLessThanOrEqual(result.estimatePct)
      expect(result.highPct).toBeGreaterThanOrEqual(result.estimatePct)
    }
  })

  it('reports the change on the observed data as the estimate', () => {
    const result = interval(bootstrapRelativeChange(baseline, current, p50, { seed: 3, iterations: 200 }))
    const observedBase = percentile(baseline.flat(), 50)
    const observedCurrent = percentile(current.flat(), 50)
    expect(result.estimatePct).toBe((100 * (observedCurrent - observedBase)) / observedBase)
  })

  it('gives exactly what numpy.percentile of each rebuilt resample gives, on the fast path', () => {
    for (const p of [0, 2.5, 50, 99, 100]) {
      const fast = bootstrapRelativeChange(baseline, current, { kind: 'percentile', p }, { seed: 11, iterations: 50 })
      const rebuilt = bootstrapRelativeChange(baseline, current, (pooled) => percentile(pooled, p), { seed: 11, iterations: 50 })
      expect(fast).toEqual(rebuilt)
    }
  })

  it('gives the mean of each rebuilt resample on the fast path, up to summation order', () => {
    const fast = interval(bootstrapRelativeChange(baseline, current, { kind: 'mean' }, { seed: 5, iterations: 200 }))
    const rebuilt = interval(
      bootstrapRelativeChange(baseline, current, (pooled) => pooled.reduce((sum, value) => sum + value, 0) / pooled.length, { seed: 5, iterations: 200 })
    )
    expect(fast.lowPct).toBeCloseTo(rebuilt.lowPct, 9)
    expect(fast.highPct).toBeCloseTo(rebuilt.highPct, 9)
  })

  it('gives each statistic of a shared call exactly what a call for it alone gives', () => {
    const statistics: BootstrapStatistic[] = [{ kind: 'mean' }, p50, { kind: 'percentile', p: 95 }]
    const together = bootstrapRelativeChanges(baseline, current, statistics, { seed: 9, iterations: 300 })
    statistics.forEach((statistic, index) => {
      expect(together[index]).toEqual(bootstrapRelativeChange(baseline, current, statistic, { seed: 9, iterations: 300 }))
    })
  })

  it('has a zero-width interval when whole-trial blocks leave nothing to resample', () => {
    // Every trial of a side is the same, and a block is a whole trial: every resample is the original.
    const same = (trial: number[], copies: number): number[][] => Array.from({ length: copies }, () => trial)
    const result = interval(
      bootstrapRelativeChange(same([5, 1, 4, 2, 3], 4), same([6, 2, 5, 3, 4], 3), p50, { seed: 1, iterations: 100, blockLength: 5 })
    )
    expect(result.lowPct).toBeCloseTo(result.estimatePct, 12)
    expect(result.highPct).toBeCloseTo(result.estimatePct, 12)
    expect(result.estimatePct).toBeCloseTo((100 * (4 - 3)) / 3, 12)
  })

  it('widens the interval for autocorrelated requests compared with resampling requests one by one', () => {
    // One trial a side, so only the blocks inside it vary: independent draws would ignore the drift.
    const drifting = latencyTrials(21, 1, 4000, 1, 0.99)
    const drifting2 = latencyTrials(22, 1, 4000, 1, 0.99)
    const width = (blockLength?: number): number => {
      const result = interval(bootstrapRelativeChange(drifting, drifting2, { kind: 'mean' }, { seed: 4, iterations: 400, blockLength }))
      return result.highPct - result.lowPct
    }
    expect(width()).toBeGreaterThan(1.5 * width(1))
  })

  it('says why there is no interval for an empty side or a zero baseline', () => {
    expect(bootstrapRelativeChange([[], []], [[1, 2]], p50, { seed: 1 })).toMatchObject({ ok: false, reason: 'empty_sample' })
    expect(bootstrapRelativeChange([[0, 0, 0]], [[1, 2, 3]], p50, { seed: 1, iterations: 50 })).toMatchObject({ ok: false, reason: 'baseline_zero' })
  })

  it('calls an interval unbounded when resamples of the baseline can have a zero statistic', () => {
    const result = bootstrapRelativeChange([[0, 0, 0, 0], [0, 0, 0, 10]], [[1, 2, 3, 4]], { kind: 'mean' }, { seed: 1, iterations: 200, blockLength: 1 })
    // Observed means 1.25 and 2.5; a resample without the 10 has a baseline mean of 0.
    expect(result).toMatchObject({ ok: false, reason: 'unbounded', estimatePct: 100 })
  })

  it('leaves out trials without values, as if they had not been run', () => {
    const withEmpty = bootstrapRelativeChange([[], [3, 1, 2, 5], []], [[2, 3, 4, 6]], p50, { seed: 8, iterations: 100 })
    const without = bootstrapRelativeChange([[3, 1, 2, 5]], [[2, 3, 4, 6]], p50, { seed: 8, iterations: 100 })
    expect(withEmpty).toEqual(without)
  })

  it('says not_a_number when the statistic gives NaN', () => {
    expect(bootstrapRelativeChange(baseline, current, () => Number.NaN, { seed: 1, iterations: 10 })).toMatchObject({ ok: false, reason: 'not_a_number' })
  })

  it('rejects options that are programming mistakes', () => {
    expect(() => bootstrapRelativeChange(baseline, current, p50, { seed: 1, iterations: 0 })).toThrow(RangeError)
    expect(() => bootstrapRelativeChange(baseline, current, p50, { seed: 1, confidence: 1 })).toThrow(RangeError)
    expect(() => bootstrapRelativeChange(baseline, current, { kind: 'percentile', p: 101 }, { seed: 1 })).toThrow(RangeError)
    expect(() => bootstrapRelativeChange(baseline, current, p50, { seed: 1, blockLength: 0 })).toThrow(RangeError)
  })

  it('covers the true change of 0 in most of 40 null comparisons at 90% confidence', () => {
    let covered = 0
    for (let replication = 0; replication < 40; replication++) {
      const a = latencyTrials(1000 + replication, 8, 100, 1, 0.8)
      const b = latencyTrials(2000 + replication, 8, 100, 1, 0.8)
      const result = interval(bootstrapRelativeChange(a, b, p50, { seed: replication, iterations: 200, confidence: 0.9 }))
      if (result.lowPct <= 0 && result.highPct >= 0) covered++
    }
    expect(covered).toBeGreaterThanOrEqual(32)
  })
})

describe('expandedConfidence', () => {
  it('reads the bootstrap further out when there are few units, and converges to the nominal level', () => {
    // n = 5, 90%: z = sqrt(5/4) * t(0.95, 4) = 1.1180 * 2.1318 = 2.3835; 1 - 2 Phi(-2.3835) = 0.98285
    // (scipy: math.sqrt(5/4) * stats.t.ppf(0.95, 4) -> 2.383477, 1 - 2 * stats.norm.cdf(-z) -> 0.982850)
    expect(expandedConfidence(0.9, 5)).toBeCloseTo(0.98285, 4)
    expect(expandedConfidence(0.95, 3)).toBeGreaterThan(0.999)
    expect(expandedConfidence(0.95, 1000)).toBeCloseTo(0.95, 2)
    expect(expandedConfidence(0.95, 1)).toBe(0.95)
  })
})

describe('bootstrapSide with paired trials', () => {
  // Every request of trial t is t + 1 on one side and 2 (t + 1) on the other: a resample's mean is
  // then exactly twice the other's when, and only when, both drew the same trials.
  const trials = 6
  const sideA = Array.from({ length: trials }, (_, t) => new Float64Array(30).fill(t + 1))
  const sideB = sideA.map((values) => values.map((v) => 2 * v))
  const mean: BootstrapStatistic[] = [{ kind: 'mean' }]
  const draw = (values: Float64Array[], stream: string, pairedTrials?: string) => {
    const side = bootstrapSide(values, mean, { seed: 3, iterations: 200, stream, ...(pairedTrials !== undefined ? { pairedTrials } : {}) })
    if (!side.ok) throw new Error('empty side')
    return [...side.replicates[0]!]
  }

  it('draws the same trials on both sides, each side its own blocks', () => {
    const a = draw(sideA, 'baseline', 'run-1')
    const b = draw(sideB, 'current', 'run-1')
    expect(b).toEqual(a.map((value) => 2 * value))
    expect(new Set(a).size).toBeGreaterThan(20)
  })

  it('draws them independently without a pairing, or with different runs', () => {
    const a = draw(sideA, 'baseline')
    expect(draw(sideB, 'current').filter((value, i) => value === 2 * a[i]!).length).toBeLessThan(20)
    const paired = draw(sideA, 'baseline', 'run-1')
    expect(draw(sideB, 'current', 'run-2').filter((value, i) => value === 2 * paired[i]!).length).toBeLessThan(20)
  })
})
