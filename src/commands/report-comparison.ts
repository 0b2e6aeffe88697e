import type { ResultFile } from '../result/types.js'
import { compareAndReport } from './compare.js'
import type { CommandIo } from './io.js'

export interface ReportOptions {
  thresholds?: string | undefined
  labels?: { baseline: string; current: string }
  reproduce?: string
}

/** The text report of a comparison of two fresh results (demo, ab); returns the exit status. */
export function reportComparison(baseline: ResultFile, candidate: ResultFile, options: ReportOptions, io: CommandIo): number {
  return compareAndReport(baseline, candidate, { thresholds: options.thresholds, format: 'text', ...(options.labels !== undefined ? { labels: options.labels } : {}), ...(options.reproduce !== undefined ? { reproduce: options.reproduce } : {}) }, io).exitCode
}
