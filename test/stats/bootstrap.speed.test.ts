/**
 * The bootstrap's cost at the size the brief sets: 10 trials × 10,000 requests a side, 2,000
 * resamples, 30 intervals. Opt-in, since wall time depends on the machine:
 *   STATS_BENCH=1 npx vitest run test/stats/bootstrap.speed.test.ts
 */
import { describe, expect, it } from 'vitest'
import { Random } from '../../src/random.js'
import { bootstrapSide, relativeChangeIntervals, type BootstrapStatistic } from '../../src/stats/bootstrap.js'

function side(seed: number, scale: number): number[][] {
  const random = new Random(seed, 'speed')
  return Array.from({ length: 10 }, () => {
    let drift = 0
    return Array.from({ length: 10_000 }, () => {
      drift = 0.9 * drift + 0.44 * random.normal()
      return scale * random.logNormal(40, 0.3) * Math.exp(0.1 * drift)
    })
  })
}

/** Wall and CPU milliseconds: on a shared machine the CPU time is the steadier of the two. */
function measure(run: () => void): string {
  const wallStart = performance.now()
  const cpuStart = process.cpuUsage()
  run()
  const cpu = process.cpuUsage(cpuStart)
  return `${(performance.now() - wallStart).toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU`
}

function intervals(baseline: number[][], current: number[][], statistics: BootstrapStatistic[]) {
  return relativeChangeIntervals(bootstrapSide(baseline, statistics, { seed: 1, stream: 'baseline' }), bootstrapSide(current, statistics, { seed: 1, stream: 'current' }), statistics.length)
}

const family: BootstrapStatistic[] = [{ kind: 'mean' }, ...[50, 90, 95, 99].map((p) => ({ kind: 'percentile' as const, p }))]

describe.skipIf(process.env.STATS_BENCH === undefined)('bootstrap speed', () => {
  const metrics = Array.from({ length: 6 }, (_, index) => ({ baseline: side(2 * index, 1), current: side(2 * index + 1, 1.05) }))

  it('computes 30 intervals as 6 metrics × 5 statistics sharing resamples', () => {
    const time = measure(() => {
      for (const { baseline, current } of metrics) {
        for (const result of intervals(baseline, current, family)) expect(result.ok).toBe(true)
      }
    })
    console.log(`6 metrics × 5 statistics, shared resamples: ${time}`)
  })

  it('computes 30 intervals one statistic at a time', () => {
    const time = measure(() => {
      for (const { baseline, current } of metrics) for (const statistic of family) intervals(baseline, current, [statistic])
    })
    console.log(`30 single-statistic calls: ${time}`)
  })
})
