import { METRIC_ROLES } from './known-metrics.js'
import type { ServerMetricSummary, TrialTelemetry } from './telemetry.js'

/** A quantity over a side's trials, with the metric it was read from. */
export interface GaugeDigest {
  metric: string
  /** Mean of the trials' means. */
  mean: number
  /** The largest of the trials' maxima. */
  max: number
}

/**
 * One side's telemetry, over every trial that has some: what the console summary, the report's
 * telemetry table and the diagnosis read. A quantity is null when no trial observed it.
 */
export interface TelemetryDigest {
  trials: number
  kvCacheUsage: GaugeDigest | null
  /** Preemptions (SGLang: retractions) per trial, on average. */
  preemptions: { metric: string; perTrial: number; perSecond: number | null } | null
  waiting: GaugeDigest | null
  running: GaugeDigest | null
  gpuUtilizationPct: { mean: number; max: number } | null
  gpuMemoryMib: { max: number } | null
  powerW: { mean: number } | null
  smClockMhz: { mean: number; min: number } | null
  temperatureC: { max: number } | null
  /** Clock event reasons seen in any trial, on any GPU. */
  throttleReasons: string[]
  /** The GPUs' names, as nvidia-smi gave them. */
  gpuNames: string[]
}

interface TrialLike {
  duration_s: number
  telemetry?: TrialTelemetry
}

const average = (values: readonly number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length
const present = <T>(values: ReadonlyArray<T | null | undefined>): T[] => values.filter((value): value is T => value !== null && value !== undefined)

function gaugeDigest(trials: readonly TrialTelemetry[], names: readonly string[]): GaugeDigest | null {
  for (const metric of names) {
    const gauges = present(trials.map((trial) => trial.server_metrics?.[metric])).filter((summary): summary is Extract<ServerMetricSummary, { kind: 'gauge' }> => summary.kind === 'gauge')
    if (gauges.length > 0) return { metric, mean: average(gauges.map((gauge) => gauge.mean)), max: Math.max(...gauges.map((gauge) => gauge.max)) }
  }
  return null
}

/** One side's telemetry in a few numbers; null when no trial has telemetry. */
export function digestTelemetry(result: { trials: readonly TrialLike[] }): TelemetryDigest | null {
  const withTelemetry = result.trials.filter((trial) => trial.telemetry !== undefined)
  if (withTelemetry.length === 0) return null
  const trials = withTelemetry.map((trial) => trial.telemetry!)
  let preemptions: TelemetryDigest['preemptions'] = null
  for (const metric of METRIC_ROLES.preemptions) {
    const counted = withTelemetry.filter((trial) => trial.telemetry!.server_metrics?.[metric]?.kind === 'counter')
    if (counted.length === 0) continue
    const deltas = counted.map((trial) => (trial.telemetry!.server_metrics![metric] as { delta: number }).delta)
    const seconds = counted.reduce((sum, trial) => sum + trial.duration_s, 0)
    preemptions = { metric, perTrial: average(deltas), perSecond: seconds > 0 ? deltas.reduce((a, b) => a + b, 0) / seconds : null }
    break
  }
  const gpus = trials.flatMap((trial) => trial.gpu ?? [])
  const utilization = present(gpus.map((gpu) => gpu.utilization_pct.mean))
  const utilizationMax = present(gpus.map((gpu) => gpu.utilization_pct.max))
  const memory = present(gpus.map((gpu) => gpu.memory_used_mib.max))
  const power = present(gpus.map((gpu) => gpu.power_w.mean))
  const clock = present(gpus.map((gpu) => gpu.sm_clock_mhz.mean))
  const clockMin = present(gpus.map((gpu) => gpu.sm_clock_mhz.min))
  const temperature = present(gpus.map((gpu) => gpu.temperature_c.max))
  return {
    trials: trials.length,
    kvCacheUsage: gaugeDigest(trials, METRIC_ROLES.kvCacheUsage),
    preemptions,
    waiting: gaugeDigest(trials, METRIC_ROLES.waiting),
    running: gaugeDigest(trials, METRIC_ROLES.running),
    gpuUtilizationPct: utilization.length > 0 ? { mean: average(utilization), max: Math.max(...utilizationMax, ...utilization) } : null,
    gpuMemoryMib: memory.length > 0 ? { max: Math.max(...memory) } : null,
    powerW: power.length > 0 ? { mean: average(power) } : null,
    smClockMhz: clock.length > 0 ? { mean: average(clock), min: Math.min(...(clockMin.length > 0 ? clockMin : clock)) } : null,
    temperatureC: temperature.length > 0 ? { max: Math.max(...temperature) } : null,
    throttleReasons: [...new Set(gpus.flatMap((gpu) => gpu.throttle_reasons))].sort(),
    gpuNames: [...new Set(gpus.map((gpu) => gpu.name))]
  }
}
