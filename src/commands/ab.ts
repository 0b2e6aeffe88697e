import { join } from 'node:path'
import { loadWorkload, type Workload } from '../config/workload.js'
import type { CommandIo } from '../process-io.js'
import { runAb } from '../runner/ab.js'
import { compareAndReport } from './compare.js'

export interface AbOptions {
  workload: string
  baselineUrl: string
  candidateUrl: string
  trials?: number
  out?: string
  thresholds?: string
  quiet?: boolean
}

export async function abCommand(options: AbOptions, io: CommandIo): Promise<number> {
  // The URL is not part of the workload hash, so the two sides stay comparable.
  const load = (url: string): Workload => loadWorkload(options.workload, { env: io.env, url, ...(options.trials !== undefined ? { trials: options.trials } : {}) })
  const outDir = options.out ?? '.'
  const { baseline, candidate } = await runAb({ baseline: load(options.baselineUrl), candidate: load(options.candidateUrl) }, outDir, io, options.quiet === true)
  io.stderr.write(`results: ${join(outDir, 'baseline.result.json')}, ${join(outDir, 'candidate.result.json')}\n`)
  if (baseline.interrupted === true) return 130
  return compareAndReport(baseline, candidate, { thresholds: options.thresholds }, io).exitCode
}
