import { monotonicClock, type Clock } from '../clock.js'
import { GpuWindow } from './gpu-window.js'
import { startGpuMonitor, type GpuMonitor } from './nvidia-smi.js'
import type { TelemetrySpec } from '../config/telemetry-schema.js'
import { createMetricsScraper, ServerMetricsWindow, type MetricsScraper } from './server-metrics.js'
import type { TelemetrySample, TrialTelemetry } from '../result/telemetry.js'

/** Samples kept per trial: an hour at the default 1 s. Past it, every other one is dropped and the spacing doubles. */
export const MAX_SAMPLES_PER_TRIAL = 3600

export interface TelemetryDeps {
  clock: Clock
  createScraper(metricsUrl: string, headers: Record<string, string>): MetricsScraper
  startGpuMonitor(intervalMs: number, clock: Clock): GpuMonitor
  setInterval(callback: () => void, ms: number): unknown
  clearInterval(handle: unknown): void
}

export const nodeTelemetryDeps: TelemetryDeps = {
  clock: monotonicClock,
  createScraper: createMetricsScraper,
  startGpuMonitor: (intervalMs, clock) => startGpuMonitor(intervalMs, clock),
  // Unreferenced: a sampler never holds the process open; each trial clears its own.
  setInterval: (callback, ms) => setInterval(callback, ms).unref(),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>)
}

/** One trial's sampling, started as its measured requests start. */
export interface TrialSampling {
  /** Ends the sampling (one last scrape closes the counters) and returns the trial's telemetry; undefined when nothing was observed. */
  stop(): Promise<TrialTelemetry | undefined>
}

/** What one server (one side of `ab`) is watched with for a whole run. */
export interface TelemetrySession {
  startTrial(): TrialSampling
  close(): Promise<void>
}

/** Keeps at most `cap` samples, evenly spread: when full, every other one goes and only every other later one is kept. */
class SampleLog {
  private samples: TelemetrySample[] = []
  private stride = 1
  private offered = 0
  constructor(private readonly cap: number) {}
  push(sample: TelemetrySample): void {
    if (this.offered++ % this.stride !== 0) return
    this.samples.push(sample)
    if (this.samples.length >= this.cap) {
      this.samples = this.samples.filter((_, index) => index % 2 === 0)
      this.stride *= 2
    }
  }
  list(): TelemetrySample[] {
    return this.samples
  }
}

/**
 * Watches a server while trials run (docs/telemetry.md): a timer scrapes its Prometheus endpoint every
 * interval on a connection of its own and reads nvidia-smi's loop output, off the request path.
 * A scrape has a deadline shorter than the interval, and a tick that finds the previous scrape
 * still outstanding skips it: a slow or broken endpoint costs samples, never a request's time.
 * An endpoint that answers with something other than the text exposition format is left alone
 * for the rest of the run, quietly; so is a machine without nvidia-smi. Null when the workload
 * switches both off (or was built without a `telemetry` block).
 */
export function openTelemetry(spec: TelemetrySpec | undefined, origin: string, headers: Record<string, string>, deps: TelemetryDeps = nodeTelemetryDeps, cap = MAX_SAMPLES_PER_TRIAL): TelemetrySession | null {
  if (spec === undefined || (!spec.server_metrics && !spec.gpu)) return null
  const metricsUrl = spec.metrics_url.startsWith('/') ? `${origin}${spec.metrics_url}` : spec.metrics_url
  // The workload's headers (an API key) go to its own server only.
  const sameOrigin = new URL(metricsUrl).origin === new URL(origin).origin
  const scraper = spec.server_metrics ? deps.createScraper(metricsUrl, sameOrigin ? headers : {}) : null
  let serverState: 'unknown' | 'on' | 'off' = scraper === null ? 'off' : 'unknown'
  const deadlineMs = Math.min(spec.interval_ms * 0.8, 5000)
  // The GPU readings of the trial being sampled, from its start on.
  let current: { window: GpuWindow; startMs: number } | null = null
  // Started now, so nvidia-smi's own start-up (a second on some machines) is over by the first trial.
  const gpu = spec.gpu ? deps.startGpuMonitor(spec.interval_ms, deps.clock) : null
  gpu?.onReading((reading, atMs) => {
    if (current !== null && atMs >= current.startMs) current.window.add(reading)
  })

  const startTrial = (): TrialSampling => {
    const startMs = deps.clock()
    const gpuWindow = new GpuWindow()
    current = { window: gpuWindow, startMs }
    const server = new ServerMetricsWindow()
    const samples = new SampleLog(cap)
    let outstanding: Promise<void> | null = null
    let missed = 0

    const record = (tMs: number, values: Record<string, number> | undefined): void => {
      const readings = gpuWindow.takeLatest()
      if (values === undefined && readings === undefined) return
      samples.push({ t_ms: Math.round(tMs), ...(values !== undefined ? { server_metrics: values } : {}), ...(readings !== undefined ? { gpu: readings } : {}) })
    }
    const scrape = async (): Promise<Record<string, number> | undefined> => {
      const result = await scraper!.scrape(deadlineMs)
      if (result.ok) {
        serverState = 'on'
        return server.add(result.series)
      }
      // An endpoint that never answered in the exposition format is not a metrics endpoint: leave it alone.
      if (result.reason === 'format' && serverState === 'unknown') serverState = 'off'
      else missed++
      return undefined
    }
    const tick = (): void => {
      const tMs = deps.clock() - startMs
      if (serverState === 'off') return record(tMs, undefined)
      if (outstanding !== null) {
        missed++
        return
      }
      outstanding = scrape()
        .then((values) => record(tMs, values))
        .catch(() => void missed++)
        .finally(() => (outstanding = null))
    }
    tick()
    const timer = deps.setInterval(tick, spec.interval_ms)

    return {
      async stop() {
        deps.clearInterval(timer)
        await outstanding
        // The counters' increase runs to the end of the measured requests.
        if (serverState !== 'off') record(deps.clock() - startMs, await scrape().catch(() => undefined))
        else record(deps.clock() - startMs, undefined)
        if (current?.window === gpuWindow) current = null
        if (server.empty && gpuWindow.empty) return undefined
        return {
          interval_ms: spec.interval_ms,
          ...(server.empty ? {} : { server_metrics: server.summary() }),
          ...(gpuWindow.empty ? {} : { gpu: gpuWindow.summary() }),
          samples: samples.list(),
          ...(missed > 0 ? { missed_scrapes: missed } : {})
        }
      }
    }
  }

  return {
    startTrial,
    async close() {
      current = null
      await Promise.all([scraper?.close(), gpu?.stop()])
    }
  }
}
