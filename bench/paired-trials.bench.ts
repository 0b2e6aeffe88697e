// What testing one `ab` run's trials pair by pair buys, on serving-like synthetic data: the same
// seeded results compared with their pairing (signed-rank and paired t) and without it (Mann–Whitney
// and Welch on independent trials). LPG_PAIRED_EXPERIMENTS sets the experiments per cell (default 100).
import { compareResults } from '../src/compare/compare.js'
import { loadThresholds } from '../src/config/thresholds.js'
import { percentile } from '../src/stats/percentile.js'
import { SERVING_LIKE, syntheticResult, type SyntheticSpec } from './synthetic-results.js'

const experiments = Number(process.env.LPG_PAIRED_EXPERIMENTS ?? 100)
// Under `detect` the interval never decides a verdict: 200 resamples, as in the calibration bench.
const pr = { ...loadThresholds('pr'), bootstrap: { iterations: 200, seed: 0 } }

interface Drift {
  name: string
  shared: number
  own: number
}
const DRIFTS: Drift[] = [
  { name: '10% shared, 1% each side', shared: 0.1, own: 0.01 },
  { name: 'none shared, 5% each side', shared: 0, own: 0.05 }
]
const TRIALS = [8, 12, 20]
const SLOWDOWNS = [1, 1.1]

const pct = (value: number): string => `${(100 * value).toFixed(1)}%`
const rows: string[][] = []
const started = performance.now()
for (const drift of DRIFTS) {
  for (const trials of TRIALS) {
    const cells = new Map<string, { fail: number; inconclusive: number; mde: number[] }>()
    for (const slowdown of SLOWDOWNS) {
      for (let k = 0; k < experiments; k++) {
        const seed = 200_000 + 1000 * trials + 2 * k
        const spec: SyntheticSpec = { ...SERVING_LIKE, trials, trialDrift: drift.own, ...(drift.shared > 0 ? { sharedDrift: { seed, sd: drift.shared } } : {}), seed, slowdown: { ttft: 1, tpot: 1 } }
        for (const paired of [true, false]) {
          const pairing = (side: 'baseline' | 'candidate') => (paired ? { pairing: { run: `bench-${seed}`, side } } : {})
          const baseline = syntheticResult({ ...spec, ...pairing('baseline') })
          const candidate = syntheticResult({ ...spec, ...pairing('candidate'), seed: seed + 1, slowdown: { ttft: 1, tpot: slowdown } })
          const comparison = compareResults(baseline, candidate, pr)
          const key = `${paired}:${slowdown}`
          const cell = cells.get(key) ?? { fail: 0, inconclusive: 0, mde: [] }
          if (comparison.verdict === 'fail') cell.fail++
          if (comparison.verdict === 'inconclusive') cell.inconclusive++
          const mde = comparison.metrics.find((m) => m.metric === 'tpot_ms.p50')?.mde_pct
          if (typeof mde === 'number') cell.mde.push(mde)
          cells.set(key, cell)
        }
      }
    }
    for (const paired of [true, false]) {
      const aa = cells.get(`${paired}:1`)!
      const slower = cells.get(`${paired}:1.1`)!
      const mde = aa.mde.length > 0 ? `±${percentile(aa.mde, 50).toFixed(1)}%` : 'none'
      rows.push([drift.name, String(trials), paired ? 'paired (signed-rank, paired t)' : 'independent (Mann–Whitney, Welch)', String(experiments), pct(aa.fail / experiments), pct(aa.inconclusive / experiments), mde, pct(slower.fail / experiments)])
    }
    process.stderr.write(`${drift.name}, ${trials} pairs: done (${((performance.now() - started) / 1000).toFixed(0)} s)\n`)
  }
}

const table = [
  '| runner drift | pairs | tests | experiments | A/A: fail | A/A: inconclusive | TPOT p50 detectable change (median, A/A) | +10% TPOT: fail |',
  '| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map((row) => `| ${row.join(' | ')} |`)
]

console.log(`## Paired trials: one \`ab\` run tested pair by pair

\`ab\` runs baseline and candidate trials back to back (A B, B A, …) and marks both results as one
run, so \`compare\` tests trial i of one against trial i of the other. Each experiment here is one
such run of the serving-like model of the calibration section, under the \`pr\` preset, compared
twice: with its pairing and with the pairing removed (the same trials as independent samples).
"Shared" drift moves both trials of a pair together, as the CPU speed of this project's 2-vCPU
machine did by 10–20% over seconds (issue 5); "each side" drift is a trial's own. Experiments are
seeded: the same command gives the same table.

${table.join('\n')}

Reading it: where the runner drifts under both sides alike, pairing takes the drift out of every
comparison, and the detectable change and the power follow. Where drift is each trial's own,
pairing has nothing to cancel and costs power with few pairs (a test on n differences has half
the degrees of freedom of one on n against n, and the signed-rank test's exact floor is higher);
by 20 pairs the two agree. \`ab\` exists to make the sides share the runner's drift, which is why
its results are tested pair by pair.`)
