// How long `compare` takes on two large results: 10 trials x 10,000 requests a side, each request
// with 32 output tokens (31 ITLs), written to disk as `run` writes them. The whole command is timed
// as users run it (`node dist/cli.js compare`), with the host's CPU steal over each run; the
// phases are timed in this process, reading the files one after the other on this thread and then
// side by side as the command does (each file read, scanned into columns and resampled on its
// own thread, the current on the bundled worker), so the two ways are measured in the same run.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { compareResults } from '../src/compare/compare.js'
import { loadThresholds } from '../src/config/thresholds.js'
import { joinReport, renderMarkdown } from '../src/report/markdown.js'
import { writeJsonFile } from '../src/result/io.js'
import { readComparableResults } from '../src/compare/read-results.js'
import { readProcStat, stealShare } from '../src/runner/host-load.js'
import { SERVING_LIKE, syntheticResult } from './synthetic-results.js'

const TRIALS = 10
const REQUESTS = 10_000
const REPEATS = 5
const WORKER = new URL('../../dist/read-result-worker.js', import.meta.url)
// Preloaded into the command: prints the process's CPU time (every thread) and peak resident
// memory as it exits. CPU seconds barely move with host steal, which moves wall time by tens of
// percent on shared VMs. Workers inherit the preload; the largest figures are the main thread's, at the end.
const CPU_PROBE =
  "data:text/javascript,process.on('exit',()=>{const u=process.cpuUsage();process.stderr.write('cpu-seconds '+((u.user+u.system)/1e6)+' peak-rss-kb '+process.resourceUsage().maxRSS+'\\n')})"

const dir = mkdtempSync(join(tmpdir(), 'lpg-compare-speed-'))
const files = { baseline: join(dir, 'baseline.json'), current: join(dir, 'current.json') }
for (const [side, seed, slowdown] of [['baseline', 1, 1], ['current', 2, 1.1]] as const) {
  writeJsonFile(files[side], syntheticResult({ ...SERVING_LIKE, seed, trials: TRIALS, requestsPerTrial: REQUESTS, slowdown: { ttft: slowdown, tpot: slowdown } }))
}
const megabytes = (statSync(files.baseline).size / 2 ** 20).toFixed(0)
const toRead = [
  { path: files.baseline, role: 'baseline' },
  { path: files.current, role: 'current result' }
]

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const phases: Record<string, number[]> = { sequential: [], sideBySide: [], read: [], parallelRead: [], compare: [], render: [], cli: [], cliCpu: [], cliRss: [] }
const steal: number[] = []
const thresholds = loadThresholds('pr')
for (let repeat = 0; repeat < REPEATS; repeat++) {
  let t = performance.now()
  const [baseline, current] = await readComparableResults(toRead, { worker: null })
  phases.read!.push(performance.now() - t)
  let c = performance.now()
  const comparison = compareResults(baseline!, current!, thresholds)
  phases.compare!.push(performance.now() - c)
  c = performance.now()
  joinReport(renderMarkdown({ comparison, baseline: baseline!, current: current! }))
  phases.render!.push(performance.now() - c)
  phases.sequential!.push(performance.now() - t)

  t = performance.now()
  const [b2, c2] = await readComparableResults(
    toRead.map((file, index) => ({ ...file, resample: { thresholds, side: index === 0 ? ('baseline' as const) : ('current' as const) } })),
    { worker: WORKER }
  )
  phases.parallelRead!.push(performance.now() - t)
  joinReport(renderMarkdown({ comparison: compareResults(b2!, c2!, thresholds), baseline: b2!, current: c2! }))
  phases.sideBySide!.push(performance.now() - t)

  const before = readProcStat()
  t = performance.now()
  const cli = spawnSync(process.execPath, ['--import', CPU_PROBE, 'dist/cli.js', 'compare', '--baseline', files.baseline, '--current', files.current, '--format', 'markdown'], { encoding: 'utf8', maxBuffer: 2 ** 26 })
  phases.cli!.push(performance.now() - t)
  steal.push(stealShare(before, readProcStat()) ?? Number.NaN)
  if (cli.status !== 0 && cli.status !== 1 && cli.status !== 3) throw new Error(`compare exited ${cli.status}: ${cli.stderr}`)
  const probes = [...cli.stderr.matchAll(/cpu-seconds ([\d.]+) peak-rss-kb (\d+)/g)]
  phases.cliCpu!.push(1000 * Math.max(...probes.map((match) => Number(match[1]))))
  phases.cliRss!.push(Math.max(...probes.map((match) => Number(match[2]))))
}

const seconds = (ms: number): string => (ms / 1000).toFixed(2)
const row = (name: string, what: string): string => `| ${name} | ${seconds(median(phases[what]!))} s | ${phases[what]!.map(seconds).join(', ')} |`
const stealText = steal.map((share) => (Number.isNaN(share) ? '?' : `${(100 * share).toFixed(0)}%`)).join(', ')
const quietest = steal.indexOf(Math.min(...steal.filter((share) => !Number.isNaN(share))))
console.log(`## compare on large results

Two result files of ${TRIALS} trials × ${REQUESTS.toLocaleString('en-US')} requests a side (32 output tokens each, so
${(TRIALS * REQUESTS * 31 / 1e6).toFixed(1)} M ITL values a side; ${megabytes} MiB of JSON each, times to the microsecond as \`run\`
writes them), \`pr\` preset (2,000 bootstrap resamples a side). Median of ${REPEATS} runs, each run's figure listed.

| phase | median | runs |
| --- | ---: | --- |
${row('**whole command**: `node dist/cli.js compare … --format markdown`', 'cli')}
${row('— its CPU time, all threads (user + system)', 'cliCpu')}
| — its peak resident memory | ${(median(phases.cliRss!) / 1024).toFixed(0)} MiB | ${phases.cliRss!.map((kb) => (kb / 1024).toFixed(0)).join(', ')} MiB |
${row('in this process, files side by side, then compare and render', 'sideBySide')}
${row('— of which reading and resampling side by side', 'parallelRead')}
${row('in this process, one file after the other, then compare and render', 'sequential')}
${row('— read and validate both files, one thread', 'read')}
${row('— compare (tests, bootstrap intervals, Holm)', 'compare')}
${row('— render the Markdown report', 'render')}

Host CPU steal during each whole-command run: ${stealText}; the run at the lowest steal took ${seconds(phases.cli![quietest]!)} s.
Side by side against one after the other, in this run: ${(median(phases.sideBySide!) / median(phases.sequential!)).toFixed(2)}×.`)
