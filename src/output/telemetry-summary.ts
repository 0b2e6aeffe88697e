import { digestTelemetry } from '../result/telemetry-digest.js'
import type { TrialTelemetry } from '../result/telemetry.js'

const fixed = (value: number, digits: number): string => value.toFixed(digits)

/** The console summary's telemetry rows ([label, value]); none when no trial has telemetry. */
export function telemetrySummaryRows(trials: ReadonlyArray<{ duration_s: number; telemetry?: TrialTelemetry }>): Array<[string, string]> {
  const digest = digestTelemetry({ trials })
  if (digest === null) return []
  const rows: Array<[string, string]> = []
  if (digest.gpuMemoryMib !== null) rows.push(['Peak GPU memory used (MiB):', fixed(digest.gpuMemoryMib.max, 0)])
  if (digest.gpuUtilizationPct !== null) rows.push(['Mean GPU utilization (%):', fixed(digest.gpuUtilizationPct.mean, 1)])
  if (digest.smClockMhz !== null) rows.push(['Mean / min SM clock (MHz):', `${fixed(digest.smClockMhz.mean, 0)} / ${fixed(digest.smClockMhz.min, 0)}`])
  if (digest.gpuNames.length > 0) rows.push(['GPU throttle reasons:', digest.throttleReasons.length === 0 ? 'none' : digest.throttleReasons.join(', ')])
  if (digest.kvCacheUsage !== null) rows.push(['Mean / peak KV-cache usage:', `${fixed(digest.kvCacheUsage.mean, 2)} / ${fixed(digest.kvCacheUsage.max, 2)}`])
  if (digest.preemptions !== null) rows.push(['Preemptions per trial:', fixed(digest.preemptions.perTrial, digest.preemptions.perTrial % 1 === 0 ? 0 : 1)])
  if (digest.waiting !== null) rows.push(['Mean / max requests waiting:', `${fixed(digest.waiting.mean, 1)} / ${fixed(digest.waiting.max, 0)}`])
  return rows
}
