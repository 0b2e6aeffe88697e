import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { resolveWorkload, type Workload } from '../config/workload.js'
import { formatConsoleSummary } from '../output/console-summary.js'
import { parseSlowdown, startSimulator } from '../simulator/index.js'
import { compareAndReport } from './compare.js'
import type { CommandIo } from '../process-io.js'
import { runAb } from '../runner/ab.js'
import { checkEngineInstalled, startEngine } from './real-engine.js'
import { runAndWrite } from './run.js'

/** The demo's workload: small enough for under a minute, with enough trials for the trial-level statistics. */
export const DEMO_WORKLOAD = {
  name: 'demo-chat',
  api: 'openai-chat',
  seed: 7,
  trials: 5,
  requests: 40,
  warmup: 4,
  load: { concurrency: 8 },
  prompts: { input_tokens: { mean: 256, stddev: 64, min: 32, max: 512 }, output_tokens: 48 },
  slo: { ttft_ms: 250, tpot_ms: 20 }
}

/** The candidate's injected regression, as a user would write it to `simulate --slowdown`. */
export const DEMO_SLOWDOWN = 'tpot=1.2'

async function runAgainstSimulator(label: string, seed: number, slowdown: string | null, dir: string, io: CommandIo, quiet: boolean): Promise<{ path: string; result: Awaited<ReturnType<typeof runAndWrite>> }> {
  const simulator = await startSimulator({ seed, slowdown: parseSlowdown(slowdown === null ? [] : [slowdown]) })
  try {
    const workload: Workload = resolveWorkload({ ...DEMO_WORKLOAD, url: simulator.url }, `built-in demo workload (${label})`, { env: {} })
    io.stderr.write(`\n${label}: simulator ${simulator.url}${slowdown !== null ? ` with --slowdown ${slowdown}` : ''}\n`)
    const path = join(dir, `${label}.result.json`)
    return { path, result: await runAndWrite(workload, path, io, quiet) }
  } finally {
    await simulator.close()
  }
}

/** The real-engine demo's workload: a CPU engine streams a few hundred tokens a second. */
export const REAL_DEMO_WORKLOAD = {
  name: 'demo-real-chat',
  api: 'openai-chat',
  seed: 11,
  trials: 5,
  requests: 8,
  warmup: 2,
  load: { concurrency: 4 },
  prompts: { input_tokens: 24, output_tokens: 24 }
}

/**
 * `demo --real`: the same story with a real engine on the CPU. The baseline serves the small
 * generated model, the candidate a bigger one under the same name (a real regression: more
 * arithmetic per token); trials alternate between them.
 */
async function realDemo(io: CommandIo, quiet: boolean): Promise<number> {
  checkEngineInstalled()
  const dir = mkdtempSync(join(tmpdir(), 'llm-perf-gate-demo-real-'))
  const small = await startEngine('small')
  const big = await startEngine('big')
  try {
    io.stderr.write(`baseline: node-llama-cpp on CPU, small model at ${small.url}\ncandidate: the big model under the same name at ${big.url}\n`)
    const load = (url: string): Workload => resolveWorkload({ ...REAL_DEMO_WORKLOAD, url }, 'built-in real-engine demo workload', { env: {} })
    const { baseline, candidate } = await runAb({ baseline: load(small.url), candidate: load(big.url) }, dir, io, quiet)
    io.stdout.write(`\nBaseline (small model)\n${formatConsoleSummary(baseline)}\nCandidate (big model)\n${formatConsoleSummary(candidate)}\n`)
    const code = compareAndReport(baseline, candidate, { labels: { baseline: 'small model', current: 'big model' } }, io).exitCode
    io.stdout.write(`\nresult files: ${join(dir, 'baseline.result.json')} ${join(dir, 'candidate.result.json')}\n`)
    return code === 2 ? 2 : 0
  } finally {
    await Promise.all([small.stop(), big.stop()])
  }
}

/**
 * No arguments, no GPU: starts the simulator in-process, runs a baseline, then a candidate whose
 * decode is 20% slower, and compares them, the way a PR check would. `--real` does it with a
 * real engine on the CPU.
 */
export async function demoCommand(options: { quiet?: boolean; real?: boolean }, io: CommandIo): Promise<number> {
  if (options.real === true) return realDemo(io, options.quiet === true)
  const dir = mkdtempSync(join(tmpdir(), 'llm-perf-gate-demo-'))
  const quiet = options.quiet === true
  const baseline = await runAgainstSimulator('baseline', 1, null, dir, io, quiet)
  const candidate = await runAgainstSimulator('candidate', 2, DEMO_SLOWDOWN, dir, io, quiet)
  io.stdout.write(`\nBaseline\n${formatConsoleSummary(baseline.result)}\nCandidate (decode slowed by 20%)\n${formatConsoleSummary(candidate.result)}\n`)
  const reproduce = `npx llm-perf-gate compare --baseline ${baseline.path} --current ${candidate.path} --format markdown`
  const code = compareAndReport(baseline.result, candidate.result, { labels: { baseline: 'demo baseline', current: 'demo candidate (--slowdown tpot=1.2)' }, reproduce }, io).exitCode
  io.stdout.write(`\nresult files: ${baseline.path} ${candidate.path}\nthe same comparison as Markdown (the PR comment): ${reproduce}\n`)
  // The demo shows a regression on purpose; its own exit status is success.
  return code === 2 ? 2 : 0
}
