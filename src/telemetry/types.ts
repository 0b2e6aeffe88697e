/**
 * A trial's `telemetry` in the result file (SPEC §13). Field names are public and snake_case.
 * What the server and its GPUs did while the trial's measured requests ran; absent where
 * nothing could be observed (no Prometheus endpoint, no nvidia-smi, `telemetry:` switched off).
 */

/** A gauge over the trial: the mean and the largest of the scrapes, and the last one. */
export interface GaugeSummary {
  kind: 'gauge'
  mean: number
  max: number
  last: number
}

/** A counter's increase over the trial; a counter that went down was reset, and counts again from zero. */
export interface CounterSummary {
  kind: 'counter'
  delta: number
}

export type ServerMetricSummary = GaugeSummary | CounterSummary

/** One GPU over the trial; null where nvidia-smi reported the field as not available. */
export interface GpuTrialSummary {
  index: number
  name: string
  utilization_pct: { mean: number | null; max: number | null }
  memory_used_mib: { max: number | null }
  power_w: { mean: number | null }
  sm_clock_mhz: { mean: number | null; min: number | null }
  temperature_c: { max: number | null }
  /** Every clock event reason seen active in the trial (gpu_idle left out), e.g. sw_thermal, sw_power_cap. */
  throttle_reasons: string[]
}

/** One GPU at one moment. */
export interface GpuReading {
  index: number
  utilization_pct: number | null
  memory_used_mib: number | null
  power_w: number | null
  sm_clock_mhz: number | null
  temperature_c: number | null
  throttle_reasons: string[]
}

/**
 * One moment of the trial, at most one per interval: gauges as read, counters as their
 * increase since the trial's start (so a plot of either reads directly).
 */
export interface TelemetrySample {
  /** From the trial's start. */
  t_ms: number
  server_metrics?: Record<string, number>
  gpu?: GpuReading[]
}

export interface TrialTelemetry {
  interval_ms: number
  /** Known metric names (docs/telemetry.md) that the server exposed. */
  server_metrics?: Record<string, ServerMetricSummary>
  gpu?: GpuTrialSummary[]
  samples: TelemetrySample[]
  /** Scrapes not started because the previous one was still outstanding, or that failed or ran past their deadline. */
  missed_scrapes?: number
}
