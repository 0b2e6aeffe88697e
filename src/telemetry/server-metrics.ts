import { Client } from 'undici'
import { KNOWN_SERVER_METRICS, type KnownMetric } from '../result/known-metrics.js'
import { isExpositionContentType, parseKnownSeries, type MetricSeries } from './prometheus.js'
import type { ServerMetricSummary } from '../result/telemetry.js'

/** What one scrape gave: the series, or why there are none (`format`: not the exposition format, so the endpoint is left alone). */
export type ScrapeResult = { ok: true; series: MetricSeries[] } | { ok: false; reason: 'format' | 'failed' }

export interface MetricsScraper {
  scrape(deadlineMs: number): Promise<ScrapeResult>
  close(): Promise<void>
}

/** A Prometheus endpoint bigger than this is not an engine's: the scrape is cut and counted as failed. */
const MAX_BODY_BYTES = 8 * 1024 * 1024
const NAMES: ReadonlySet<string> = new Set(Object.keys(KNOWN_SERVER_METRICS))

/**
 * The endpoint asked for the known names only: prometheus_client (vLLM, SGLang) then serves just
 * those (its `name[]` parameter), a few hundred bytes instead of tens of kilobytes of histograms;
 * servers that do not know the parameter ignore it and serve everything, which is filtered here.
 */
export function restrictedMetricsUrl(metricsUrl: string): URL {
  const url = new URL(metricsUrl)
  for (const name of NAMES) url.searchParams.append('name[]', name)
  return url
}

/**
 * Scrapes over a connection of its own (one undici Client, apart from the load's pool), so a
 * scrape never waits for, or holds, a connection the workload's requests use. `headers` go
 * only to the workload's own origin.
 */
export function createMetricsScraper(metricsUrl: string, headers: Record<string, string>): MetricsScraper {
  const url = restrictedMetricsUrl(metricsUrl)
  const client = new Client(url.origin, { pipelining: 1, allowH2: false, connect: { timeout: 5000 }, keepAliveTimeout: 60_000 })
  return {
    async scrape(deadlineMs) {
      try {
        const response = await client.request({
          path: `${url.pathname}${url.search}`,
          method: 'GET',
          headers: { ...headers, accept: 'text/plain;version=0.0.4;q=1, */*;q=0.1' },
          signal: AbortSignal.timeout(Math.max(1, Math.ceil(deadlineMs)))
        })
        const contentType = response.headers['content-type']
        if (response.statusCode !== 200 || !isExpositionContentType(Array.isArray(contentType) ? contentType[0] : contentType)) {
          await response.body.dump()
          return { ok: false, reason: response.statusCode >= 500 ? 'failed' : 'format' }
        }
        const chunks: Buffer[] = []
        let size = 0
        for await (const chunk of response.body) {
          size += (chunk as Buffer).length
          if (size > MAX_BODY_BYTES) {
            response.body.destroy()
            return { ok: false, reason: 'failed' }
          }
          chunks.push(chunk as Buffer)
        }
        const series = parseKnownSeries(Buffer.concat(chunks).toString('utf8'), NAMES)
        return series === null ? { ok: false, reason: 'format' } : { ok: true, series }
      } catch {
        return { ok: false, reason: 'failed' }
      }
    },
    close: () => client.destroy()
  }
}

const seriesKey = (series: MetricSeries): string =>
  `${series.name}\u0000${Object.entries(series.labels)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('\u0000')}`

const kindOf = (series: MetricSeries, known: KnownMetric): 'gauge' | 'counter' => (series.type === 'counter' ? 'counter' : series.type === 'gauge' ? 'gauge' : known.kind)

interface GaugeAccumulator {
  kind: 'gauge'
  sum: number
  count: number
  max: number
  last: number
}

/** Six significant digits: enough for any gauge or counter, without float noise in the file. */
const tidy = (value: number): number => Number(value.toPrecision(6))

/**
 * The server metrics of one trial, scrape by scrape: gauges combined over their series
 * (known-metrics.ts) then summarised, counters turned into their increase since the trial's
 * first scrape, series by series (a series that went down was reset and counts from zero; one
 * that first appears later started during the trial).
 */
export class ServerMetricsWindow {
  private readonly gauges = new Map<string, GaugeAccumulator>()
  private readonly counterDelta = new Map<string, number>()
  private readonly lastCounterValue = new Map<string, number>()
  private baselineTaken = false

  /** Adds one scrape; returns the sample's values (gauges as combined, counters as their increase so far). */
  add(series: readonly MetricSeries[]): Record<string, number> {
    const combined = new Map<string, number>()
    const seenCounters = new Set<string>()
    for (const one of series) {
      const known = KNOWN_SERVER_METRICS[one.name]
      if (known === undefined) continue
      if (kindOf(one, known) === 'counter') {
        const key = seriesKey(one)
        const previous = this.lastCounterValue.get(key)
        const increase = previous === undefined ? (this.baselineTaken ? one.value : 0) : one.value >= previous ? one.value - previous : one.value
        this.lastCounterValue.set(key, one.value)
        this.counterDelta.set(one.name, (this.counterDelta.get(one.name) ?? 0) + increase)
        seenCounters.add(one.name)
      } else {
        const before = combined.get(one.name)
        combined.set(one.name, before === undefined ? one.value : known.combine === 'max' ? Math.max(before, one.value) : before + one.value)
      }
    }
    this.baselineTaken = true
    const sample: Record<string, number> = {}
    for (const [name, value] of combined) {
      const gauge = this.gauges.get(name) ?? { kind: 'gauge', sum: 0, count: 0, max: -Infinity, last: value }
      gauge.sum += value
      gauge.count += 1
      gauge.max = Math.max(gauge.max, value)
      gauge.last = value
      this.gauges.set(name, gauge)
      sample[name] = tidy(value)
    }
    for (const name of seenCounters) sample[name] = tidy(this.counterDelta.get(name)!)
    return sample
  }

  /** Whether any scrape held a known metric. */
  get empty(): boolean {
    return this.gauges.size === 0 && this.counterDelta.size === 0
  }

  summary(): Record<string, ServerMetricSummary> {
    const summary: Record<string, ServerMetricSummary> = {}
    for (const name of [...this.gauges.keys(), ...this.counterDelta.keys()].sort()) {
      const gauge = this.gauges.get(name)
      summary[name] = gauge !== undefined ? { kind: 'gauge', mean: tidy(gauge.sum / gauge.count), max: tidy(gauge.max), last: tidy(gauge.last) } : { kind: 'counter', delta: tidy(this.counterDelta.get(name)!) }
    }
    return summary
  }
}
