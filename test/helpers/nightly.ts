import { PassThrough } from 'node:stream'
import { SERVING_LIKE, syntheticResult } from '../../bench/synthetic-results.js'
import type { CommandIo } from '../../src/process-io.js'
import { Random } from '../../src/random.js'
import type { ResultFile } from '../../src/result/types.js'

export interface NightlyOptions {
  seed: number
  nights: number
  /** Log-sd of each night's speed factor (job-to-job noise). */
  jobNoise: number
  /** From night `at` on, TPOT (and so ITL, E2E and throughput) or TTFT is `ratio` times slower. */
  steps?: Array<{ at: number; ratio: number; metric?: 'tpot' | 'ttft' }>
  /** Nights that run `ratio` times slower than their neighbours, once. */
  outliers?: Array<{ at: number; ratio: number }>
  trials?: number
  /** Log-sd of request-to-request noise inside a trial (default 0.15, as SERVING_LIKE). */
  requestNoise?: number
}

/**
 * A nightly job's results, one a day: serving-like synthetic results (bench/synthetic-results.ts)
 * of 3 short trials, each night at its own speed, with steps and outlier nights where asked.
 */
export function nightlyResults(options: NightlyOptions): ResultFile[] {
  const offsets = new Random(options.seed, 'nightly-offsets')
  return Array.from({ length: options.nights }, (_, night) => {
    const speed = Math.exp(options.jobNoise * offsets.normal()) * (options.outliers ?? []).filter((o) => o.at === night).reduce((f, o) => f * o.ratio, 1)
    const slowdown = { ttft: speed, tpot: speed }
    for (const step of options.steps ?? []) if (night >= step.at) slowdown[step.metric ?? 'tpot'] *= step.ratio
    const result = syntheticResult({ ...SERVING_LIKE, requestsPerTrial: 100, trials: options.trials ?? 3, requestNoise: options.requestNoise ?? SERVING_LIKE.requestNoise, trialDrift: 0.01, seed: options.seed * 1000 + night, slowdown })
    const day = Date.UTC(2026, 10, 1) + night * 86_400_000
    return { ...result, created_at: new Date(day + 7_200_000).toISOString(), trials: result.trials.map((trial, index) => ({ ...trial, started_at: new Date(day + 7_200_000 + index * 60_000).toISOString() })) }
  })
}

/** Command I/O that keeps what was written. */
export function recordingIo(env: NodeJS.ProcessEnv = {}): CommandIo & { out: () => string; err: () => string } {
  const chunks = { out: [] as string[], err: [] as string[] }
  const stream = (into: string[]): PassThrough => {
    const sink = new PassThrough()
    sink.on('data', (chunk: Buffer) => into.push(chunk.toString('utf8')))
    return sink
  }
  return { stdout: stream(chunks.out), stderr: stream(chunks.err), env, out: () => chunks.out.join(''), err: () => chunks.err.join('') }
}
