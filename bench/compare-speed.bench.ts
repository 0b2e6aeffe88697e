// How long `compare` takes on two large results: 10 trials x 10,000 requests a side, each request
// with 32 output tokens (31 ITLs), written to disk as `run` writes them. Phases are timed in this
// process; the whole command is timed as users run it (`node dist/cli.js compare`).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { compareResults } from '../src/compare/compare.js'
import { loadThresholds } from '../src/config/thresholds.js'
import { joinReport, renderMarkdown } from '../src/report/markdown.js'
import { readResultFile, writeJsonFile } from '../src/result/io.js'
import { SERVING_LIKE, syntheticResult } from './synthetic-results.js'

const TRIALS = 10
const REQUESTS = 10_000
const REPEATS = 3

const dir = mkdtempSync(join(tmpdir(), 'lpg-compare-speed-'))
const files = { baseline: join(dir, 'baseline.json'), current: join(dir, 'current.json') }
for (const [side, seed, slowdown] of [['baseline', 1, 1], ['current', 2, 1.1]] as const) {
  writeJsonFile(files[side], syntheticResult({ ...SERVING_LIKE, seed, trials: TRIALS, requestsPerTrial: REQUESTS, slowdown: { ttft: slowdown, tpot: slowdown } }))
}
const megabytes = (statSync(files.baseline).size / 2 ** 20).toFixed(0)

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const phases: Record<string, number[]> = { read: [], compare: [], render: [], cli: [] }
const thresholds = loadThresholds('pr')
for (let repeat = 0; repeat < REPEATS; repeat++) {
  let t = performance.now()
  const baseline = readResultFile(files.baseline)
  const current = readResultFile(files.current)
  phases.read!.push(performance.now() - t)
  t = performance.now()
  const comparison = compareResults(baseline, current, thresholds)
  phases.compare!.push(performance.now() - t)
  t = performance.now()
  joinReport(renderMarkdown({ comparison, baseline, current }))
  phases.render!.push(performance.now() - t)
  t = performance.now()
  const cli = spawnSync(process.execPath, ['dist/cli.js', 'compare', '--baseline', files.baseline, '--current', files.current, '--format', 'markdown'], { encoding: 'utf8', maxBuffer: 2 ** 26 })
  phases.cli!.push(performance.now() - t)
  if (cli.status !== 0 && cli.status !== 1 && cli.status !== 3) throw new Error(`compare exited ${cli.status}: ${cli.stderr}`)
}

const row = (name: string, what: string): string => `| ${name} | ${(median(phases[what]!) / 1000).toFixed(2)} s | ${phases[what]!.map((ms) => (ms / 1000).toFixed(2)).join(', ')} |`
console.log(`## compare on large results

Two result files of ${TRIALS} trials × ${REQUESTS.toLocaleString('en-US')} requests a side (32 output tokens each, so
${(TRIALS * REQUESTS * 31 / 1e6).toFixed(1)} M ITL values a side; ${megabytes} MiB of JSON each), \`pr\` preset (2,000 bootstrap
resamples). Median of ${REPEATS} runs, each run's figure listed.

| phase | median | runs |
| --- | ---: | --- |
${row('read and validate both files', 'read')}
${row('compare (tests, bootstrap intervals, Holm)', 'compare')}
${row('render the Markdown report', 'render')}
${row('whole command: `node dist/cli.js compare … --format markdown`', 'cli')}`)
