import { join } from 'node:path'
import { loadWorkload, type Workload } from '../config/workload.js'
import type { CommandIo } from '../process-io.js'
import { runAb } from '../runner/ab.js'
import { serverLogPath, serverWithCommand, withServers } from '../server/managed.js'
import { compareAndReport } from './compare.js'
import { writeReportFiles } from './report-files.js'

export interface AbOptions {
  workload: string
  baselineUrl: string
  candidateUrl: string
  trials?: number
  out?: string
  thresholds?: string
  quiet?: boolean
  /** Starts the baseline server (default: the workload's server.command). */
  baselineServer?: string
  /** Starts the candidate server, with the settings of the workload's server: block. */
  candidateServer?: string
}

/**
 * An `ab` run's servers (docs/server-lifecycle.md): the workload's `server:` starts the baseline
 * (or `baselineServer` does), `candidateServer` the candidate with the same settings; a side with
 * neither is expected to be running. Each side's workload then says how its server was started.
 */
export function withAbServers<T>(workloads: { baseline: Workload; candidate: Workload }, outDir: string, commands: { baselineServer?: string | null | undefined; candidateServer?: string | null | undefined }, io: CommandIo, body: () => Promise<T>): Promise<T> {
  const declared = workloads.baseline.spec.server
  workloads.baseline.spec.server = commands.baselineServer != null ? serverWithCommand(commands.baselineServer, declared) : declared
  workloads.candidate.spec.server = commands.candidateServer != null ? serverWithCommand(commands.candidateServer, declared) : undefined
  return withServers(
    (['baseline', 'candidate'] as const).map((side) => ({ workload: workloads[side], logPath: serverLogPath(join(outDir, `${side}.result.json`)), label: `${side} server` })),
    io,
    body
  )
}

export async function abCommand(options: AbOptions, io: CommandIo): Promise<number> {
  // The URL is not part of the workload hash, so the two sides stay comparable.
  const load = (url: string): Workload => loadWorkload(options.workload, { env: io.env, url, ...(options.trials !== undefined ? { trials: options.trials } : {}) })
  const outDir = options.out ?? '.'
  const workloads = { baseline: load(options.baselineUrl), candidate: load(options.candidateUrl) }
  const { baseline, candidate } = await withAbServers(workloads, outDir, { baselineServer: options.baselineServer, candidateServer: options.candidateServer }, io, () => runAb(workloads, outDir, io, options.quiet === true))
  const paths = { baseline: join(outDir, 'baseline.result.json'), candidate: join(outDir, 'candidate.result.json') }
  io.stderr.write(`results: ${paths.baseline}, ${paths.candidate}\n`)
  if (baseline.interrupted === true) return 130
  const labels = { baseline: options.baselineUrl, current: options.candidateUrl }
  const reproduce = `npx llm-perf-gate compare --baseline ${paths.baseline} --current ${paths.candidate}${options.thresholds !== undefined ? ` --thresholds ${options.thresholds}` : ''}`
  const { comparison, exitCode } = compareAndReport(baseline, candidate, { thresholds: options.thresholds, format: 'text', labels, reproduce }, io)
  const reports = writeReportFiles(outDir, { comparison, baseline, current: candidate, labels, reproduce })
  io.stderr.write(`reports: ${reports.markdown}, ${reports.html}\n`)
  return exitCode
}
