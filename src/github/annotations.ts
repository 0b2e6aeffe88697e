import type { AnnotationProperties } from '@actions/core'

/** The part of `@actions/core` that annotates; `core` itself fits, and tests pass a recorder. */
export interface AnnotationSink {
  error(message: string, properties?: AnnotationProperties): void
  warning(message: string, properties?: AnnotationProperties): void
}

/** A metric the comparison marked `regressed` (docs/file-formats.md, comparison: `metric`, `delta_pct`, `tolerance_pct`, `gate`). */
export interface RegressedMetric {
  metric: string
  deltaPct: number
  /** Absent for metrics gated on an absolute limit instead (`error_rate: {max_increase}`). */
  tolerancePct?: number | null
  /** `fail` (the default) annotates as an error, `warn` as a warning. */
  gate?: 'fail' | 'warn'
}

export interface AnnotateOptions {
  workload: string
  /** The workload file, so the annotation is attached to it in the pull request's files view. */
  file?: string
}

function formatPercent(value: number): string {
  return `${value > 0 ? '+' : ''}${value.toFixed(1)}%`
}

/**
 * One annotation per regressed metric: an error for a failing gate, a warning for a warning
 * gate. The annotations are what shows in the checks list without opening the logs, so each
 * says which workload, which metric and by how much.
 */
export function annotateRegressions(sink: AnnotationSink, regressions: readonly RegressedMetric[], options: AnnotateOptions): number {
  for (const regression of regressions) {
    const tolerance =
      regression.tolerancePct === undefined || regression.tolerancePct === null ? '' : ` (tolerance ${regression.tolerancePct}%)`
    const message = `${regression.metric} changed ${formatPercent(regression.deltaPct)} against the baseline${tolerance} in workload ${options.workload}.`
    const properties: AnnotationProperties = { title: `Performance regression: ${regression.metric}` }
    if (options.file !== undefined) properties.file = options.file
    if (regression.gate === 'warn') sink.warning(message, properties)
    else sink.error(message, properties)
  }
  return regressions.length
}
