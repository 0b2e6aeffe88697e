import type { Comparison, MetricComparison } from '../compare/types.js'
import type { TelemetryDigest } from '../result/telemetry-digest.js'
import { formatDelta, formatNumber, label } from './format.js'

/**
 * What the telemetry of the two sides shows beside a regressed or inconclusive metric (docs/telemetry.md,
 * "Diagnosis"): each quantity that moved beyond a threshold, with both sides' numbers. It names
 * what moved with the metric; it does not claim a mechanism, and says so when nothing moved.
 */
export interface Diagnosis {
  /** "TPOT p50 +12.0%", the metrics this line is about. */
  metrics: string[]
  /** "KV-cache usage peak 0.61 → 0.97 and 0 → 412 preemptions per trial; SM clock 1,755 → 1,410 MHz with thermal throttling", or null when nothing moved. */
  cause: string | null
  /** What was compared, for the "nothing moved" line: "KV cache, preemptions, SM clock". */
  watched: string[]
}

// Beyond these a quantity "moved". They are set to be read, not tuned: a change a reader of the
// two numbers would call a change, and never a wobble of one gauge between scrapes.
const KV_PEAK_RISE = 0.05
const KV_PEAK_HIGH = 0.8
const KV_MEAN_CHANGE = 0.1
const PREEMPTION_RATIO = 1.5
const QUEUE_RISE = 1
const RUNNING_CHANGE = 0.25
const CLOCK_DROP = 0.03
const MEMORY_RISE_MIB = 1024
const MEMORY_RISE_SHARE = 0.05
const UTILIZATION_CHANGE_POINTS = 10
const TEMPERATURE_RISE_C = 5

const arrow = (a: string, b: string): string => `${a} → ${b}`
const fraction = (value: number): string => value.toFixed(2)
const count = (value: number): string => (Number.isInteger(value) || value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1))
const whole = (value: number): string => formatNumber(Math.round(value))

const THROTTLE_KINDS: Array<[RegExp, string]> = [
  [/thermal/, 'thermal throttling'],
  [/power/, 'power capping'],
  [/^hw_slowdown$/, 'hardware slowdown']
]

/** "thermal throttling and power capping" for reasons the candidate had and the baseline did not. */
function throttleWords(reasons: readonly string[]): string | null {
  const words = THROTTLE_KINDS.filter(([pattern]) => reasons.some((reason) => pattern.test(reason))).map(([, words]) => words)
  return words.length === 0 ? null : words.join(' and ')
}

interface Signal {
  /** Which quantity, for the "nothing moved" line. */
  watched: string
  phrase: string | null
}

/** Each quantity both sides observed, with a phrase when it moved. */
function signals(a: TelemetryDigest, b: TelemetryDigest): Record<'kv' | 'preemptions' | 'queue' | 'running' | 'clock' | 'utilization' | 'memory' | 'temperature', Signal | null> {
  const kv =
    a.kvCacheUsage !== null && b.kvCacheUsage !== null
      ? {
          watched: 'KV cache',
          phrase:
            b.kvCacheUsage.max - a.kvCacheUsage.max >= KV_PEAK_RISE && b.kvCacheUsage.max >= KV_PEAK_HIGH
              ? `KV-cache usage peak ${arrow(fraction(a.kvCacheUsage.max), fraction(b.kvCacheUsage.max))}`
              : Math.abs(b.kvCacheUsage.mean - a.kvCacheUsage.mean) >= KV_MEAN_CHANGE
                ? `KV-cache usage mean ${arrow(fraction(a.kvCacheUsage.mean), fraction(b.kvCacheUsage.mean))}`
                : null
        }
      : null
  const preemptions =
    a.preemptions !== null && b.preemptions !== null
      ? {
          watched: 'preemptions',
          phrase:
            b.preemptions.perTrial >= 1 && b.preemptions.perTrial > a.preemptions.perTrial && (a.preemptions.perTrial === 0 || b.preemptions.perTrial / a.preemptions.perTrial >= PREEMPTION_RATIO)
              ? `${arrow(count(a.preemptions.perTrial), count(b.preemptions.perTrial))} ${b.preemptions.metric.startsWith('sglang:') ? 'retractions' : 'preemptions'} per trial${b.preemptions.perSecond !== null ? ` (${formatNumber(b.preemptions.perSecond)}/s)` : ''}`
              : null
        }
      : null
  const queue =
    a.waiting !== null && b.waiting !== null
      ? { watched: 'queue', phrase: b.waiting.mean - a.waiting.mean >= QUEUE_RISE ? `requests waiting (mean) ${arrow(count(a.waiting.mean), count(b.waiting.mean))}` : null }
      : null
  const running =
    a.running !== null && b.running !== null
      ? {
          watched: 'batch size',
          phrase: Math.abs(b.running.mean - a.running.mean) >= RUNNING_CHANGE * Math.max(a.running.mean, 1) ? `requests running (mean) ${arrow(count(a.running.mean), count(b.running.mean))}` : null
        }
      : null
  let clock: Signal | null = null
  if (a.smClockMhz !== null && b.smClockMhz !== null) {
    const added = b.throttleReasons.filter((reason) => !a.throttleReasons.includes(reason))
    const words = throttleWords(added)
    const dropped = b.smClockMhz.mean <= a.smClockMhz.mean * (1 - CLOCK_DROP)
    clock = {
      watched: 'SM clock',
      phrase: dropped
        ? `SM clock ${arrow(whole(a.smClockMhz.mean), whole(b.smClockMhz.mean))} MHz${words !== null ? ` with ${words}` : ''}`
        : words !== null
          ? `${words} (${added.join(', ')}) at SM clock ${arrow(whole(a.smClockMhz.mean), whole(b.smClockMhz.mean))} MHz`
          : null
    }
  }
  const utilization =
    a.gpuUtilizationPct !== null && b.gpuUtilizationPct !== null
      ? {
          watched: 'GPU utilization',
          phrase: Math.abs(b.gpuUtilizationPct.mean - a.gpuUtilizationPct.mean) >= UTILIZATION_CHANGE_POINTS ? `GPU utilization ${arrow(`${Math.round(a.gpuUtilizationPct.mean)}%`, `${Math.round(b.gpuUtilizationPct.mean)}%`)}` : null
        }
      : null
  const memory =
    a.gpuMemoryMib !== null && b.gpuMemoryMib !== null
      ? {
          watched: 'GPU memory',
          phrase:
            b.gpuMemoryMib.max - a.gpuMemoryMib.max >= Math.max(MEMORY_RISE_MIB, MEMORY_RISE_SHARE * a.gpuMemoryMib.max) ? `GPU memory peak ${arrow(whole(a.gpuMemoryMib.max), whole(b.gpuMemoryMib.max))} MiB` : null
        }
      : null
  const temperature =
    a.temperatureC !== null && b.temperatureC !== null
      ? { watched: 'temperature', phrase: b.temperatureC.max - a.temperatureC.max >= TEMPERATURE_RISE_C ? `GPU temperature peak ${arrow(String(Math.round(a.temperatureC.max)), String(Math.round(b.temperatureC.max)))} °C` : null }
      : null
  return { kv, preemptions, queue, running, clock, utilization, memory, temperature }
}

/** A cause line from the signals in the order that reads best for this metric: the queue first for TTFT, the KV cache and the clock first otherwise. */
function causeFor(metric: string, found: ReturnType<typeof signals>): { cause: string | null; watched: string[] } {
  const cache = [found.kv?.phrase, found.preemptions?.phrase].filter((phrase): phrase is string => typeof phrase === 'string')
  const cacheGroup = cache.length > 0 ? cache.join(' and ') : null
  const order = metric.startsWith('ttft_ms')
    ? [found.queue?.phrase, cacheGroup, found.running?.phrase, found.clock?.phrase, found.temperature?.phrase, found.utilization?.phrase, found.memory?.phrase]
    : [cacheGroup, found.clock?.phrase, found.temperature?.phrase, found.running?.phrase, found.queue?.phrase, found.utilization?.phrase, found.memory?.phrase]
  const phrases = order.filter((phrase): phrase is string => typeof phrase === 'string')
  const watched = Object.values(found)
    .filter((signal): signal is Signal => signal !== null)
    .map((signal) => signal.watched)
  return { cause: phrases.length === 0 ? null : phrases.join('; '), watched }
}

/** Regressed, or inconclusive on the worse side: an inconclusive improvement needs no cause. */
function needsDiagnosis(m: MetricComparison): boolean {
  if (m.gate === 'off' || (m.status !== 'regressed' && m.status !== 'inconclusive')) return false
  if (m.status === 'regressed') return true
  const change = m.metric === 'error_rate' ? (m.delta_abs ?? null) : m.delta_pct
  return change === null || (m.direction === 'lower_is_better' ? change > 0 : change < 0)
}

/**
 * One line per distinct cause, naming the regressed or inconclusive gated metrics it goes with.
 * Empty when either side has no telemetry (nothing to set side by side), or no metric needs one.
 */
export function diagnose(comparison: Comparison, baseline: TelemetryDigest | null, current: TelemetryDigest | null): Diagnosis[] {
  if (baseline === null || current === null) return []
  const found = signals(baseline, current)
  const lines = new Map<string, Diagnosis>()
  for (const metric of comparison.metrics.filter(needsDiagnosis)) {
    const { cause, watched } = causeFor(metric.metric, found)
    if (watched.length === 0) continue
    const key = cause ?? ''
    const line = lines.get(key) ?? { metrics: [], cause, watched }
    line.metrics.push(`${label(metric.metric)} ${formatDelta(metric)}`)
    lines.set(key, line)
  }
  return [...lines.values()]
}

/** "TPOT p50 +12.0%: KV-cache usage …", plain text (the caller escapes for Markdown). */
export function diagnosisSentence(diagnosis: Diagnosis): string {
  const subject = diagnosis.metrics.join(', ')
  return diagnosis.cause !== null ? `${subject}: ${diagnosis.cause}` : `${subject}: nothing in the telemetry moved with ${diagnosis.metrics.length === 1 ? 'it' : 'them'} (${diagnosis.watched.join(', ')} compared)`
}
