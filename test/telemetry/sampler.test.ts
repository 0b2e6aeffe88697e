import { afterEach, describe, expect, test, vi } from 'vitest'
import { DEFAULT_TELEMETRY, type TelemetrySpec } from '../../src/config/telemetry-schema.js'
import type { MetricSeries } from '../../src/telemetry/prometheus.js'
import { openTelemetry, type TelemetryDeps, type TelemetrySession } from '../../src/telemetry/sampler.js'
import type { TrialTelemetry } from '../../src/result/telemetry.js'
import { stubFakeNvidiaSmi } from '../helpers/fake-nvidia-smi.js'
import { startMetricsServer, vllmExposition, type MetricsServer } from '../helpers/metrics-server.js'

const spec = (overrides: Partial<TelemetrySpec> = {}): TelemetrySpec => ({ ...DEFAULT_TELEMETRY, interval_ms: 100, ...overrides })

const opened: Array<{ close(): Promise<void> }> = []
afterEach(async () => {
  for (const one of opened.splice(0)) await one.close()
  vi.unstubAllEnvs()
})

async function metricsServer(options: Parameters<typeof startMetricsServer>[0]): Promise<MetricsServer> {
  const server = await startMetricsServer(options)
  opened.push(server)
  return server
}

function session(telemetry: TelemetrySpec, origin: string, headers: Record<string, string> = {}, cap?: number): TelemetrySession {
  const opened_ = cap === undefined ? openTelemetry(telemetry, origin, headers) : openTelemetry(telemetry, origin, headers, undefined, cap)
  expect(opened_).not.toBeNull()
  opened.push(opened_!)
  return opened_!
}

/** One trial that lasts until `until` holds (with a deadline): what a trial's measured requests would span. */
async function trial(watch: TelemetrySession, until: () => void): Promise<TrialTelemetry | undefined> {
  const sampling = watch.startTrial()
  await vi.waitFor(until, { timeout: 10_000, interval: 20 })
  return sampling.stop()
}

describe('server metrics while a trial runs', () => {
  test('gauges keep their mean, maximum and last value; counters their increase; every sample its values', async () => {
    vi.stubEnv('PATH', '/nonexistent')
    // KV usage 0.41 throughout; 20 more preemptions at every scrape.
    const server = await metricsServer({ body: (n) => vllmExposition({ running: 12, waiting: n % 2, kv: 0.41, preemptions: 1000 + 20 * n }) })
    const telemetry = (await trial(session(spec(), server.url), () => expect(server.requests()).toBeGreaterThanOrEqual(6)))!
    const scrapes = server.requests()
    expect(telemetry.interval_ms).toBe(100)
    expect(telemetry.server_metrics!['vllm:kv_cache_usage_perc']).toEqual({ kind: 'gauge', mean: 0.41, max: 0.41, last: 0.41 })
    expect(telemetry.server_metrics!['vllm:num_requests_running']).toEqual({ kind: 'gauge', mean: 12, max: 12, last: 12 })
    expect(telemetry.server_metrics!['vllm:num_requests_waiting']).toMatchObject({ kind: 'gauge', max: 1 })
    // From the first scrape (as the trial starts) to the last (as it stops).
    expect(telemetry.server_metrics!['vllm:num_preemptions_total']).toEqual({ kind: 'counter', delta: 20 * (scrapes - 1) })
    expect(telemetry.gpu).toBeUndefined()
    expect(telemetry.samples.length).toBe(scrapes)
    expect(telemetry.samples[0]).toEqual({ t_ms: expect.any(Number), server_metrics: expect.objectContaining({ 'vllm:kv_cache_usage_perc': 0.41, 'vllm:num_preemptions_total': 0 }) })
    expect(telemetry.samples.at(-1)!.server_metrics!['vllm:num_preemptions_total']).toBe(20 * (scrapes - 1))
    const times = telemetry.samples.map((sample) => sample.t_ms)
    expect([...times].sort((a, b) => a - b)).toEqual(times)
  })

  test('an endpoint that does not answer in the exposition format is left alone after one try, quietly', async () => {
    vi.stubEnv('PATH', '/nonexistent')
    for (const options of [{ status: 404 }, { contentType: 'text/html; charset=utf-8' }, { contentType: 'application/json' }]) {
      const server = await metricsServer({ body: () => '<html>not here</html>', ...options })
      const watch = session(spec(), server.url)
      const first = watch.startTrial()
      await vi.waitFor(() => expect(server.requests()).toBeGreaterThanOrEqual(1))
      expect(await first.stop()).toBeUndefined()
      // Once it has answered (a scrape past its deadline on a busy machine is tried again), it is not asked again.
      const asked = server.requests()
      expect(await trial(watch, () => undefined)).toBeUndefined()
      expect(server.requests()).toBe(asked)
    }
  })

  test('a slow endpoint costs samples and does not hold the trial’s end', async () => {
    vi.stubEnv('PATH', '/nonexistent')
    // Every answer comes after 1.5 s; a scrape's deadline is 80 ms at a 100 ms interval.
    const server = await metricsServer({ body: () => vllmExposition({ kv: 0.5 }), delayMs: 1500 })
    const watch = session(spec(), server.url)
    const sampling = watch.startTrial()
    await vi.waitFor(() => expect(server.requests()).toBeGreaterThanOrEqual(4), { timeout: 10_000 })
    const stopping = performance.now()
    const telemetry = await sampling.stop()
    expect(performance.now() - stopping).toBeLessThan(1000)
    expect(telemetry).toBeUndefined()
  })

  test('a tick that finds the last scrape still outstanding starts none, and counts it missed', async () => {
    // Scripted timer and scraper: each scrape resolves only when the test says so.
    const pending: Array<(series: MetricSeries[]) => void> = []
    let tick: () => void = () => undefined
    const deps: TelemetryDeps = {
      clock: () => performance.now(),
      createScraper: () => ({ scrape: () => new Promise((resolve) => pending.push((series) => resolve({ ok: true, series }))), close: async () => undefined }),
      startGpuMonitor: () => ({ onReading: () => undefined, stop: async () => undefined }),
      setInterval: (callback) => (tick = callback),
      clearInterval: () => undefined
    }
    const watch = openTelemetry(spec({ gpu: false }), 'http://127.0.0.1:9', {}, deps)!
    const sampling = watch.startTrial()
    expect(pending).toHaveLength(1)
    tick()
    tick()
    expect(pending).toHaveLength(1)
    pending[0]!([{ name: 'vllm:num_requests_running', type: 'gauge', labels: {}, value: 3 }])
    // The answer's handlers run in the microtasks after it; a turn of the event loop sees them done.
    await new Promise((resolve) => setImmediate(resolve))
    tick()
    expect(pending).toHaveLength(2)
    pending[1]!([{ name: 'vllm:num_requests_running', type: 'gauge', labels: {}, value: 5 }])
    const stopping = sampling.stop()
    await vi.waitFor(() => expect(pending).toHaveLength(3))
    pending[2]!([{ name: 'vllm:num_requests_running', type: 'gauge', labels: {}, value: 4 }])
    const telemetry = (await stopping)!
    expect(telemetry.missed_scrapes).toBe(2)
    expect(telemetry.server_metrics!['vllm:num_requests_running']).toEqual({ kind: 'gauge', mean: 4, max: 5, last: 4 })
    expect(telemetry.samples.map((sample) => sample.server_metrics!['vllm:num_requests_running'])).toEqual([3, 5, 4])
  })

  test('the workload’s headers go to its own server’s endpoint, not to another origin', async () => {
    vi.stubEnv('PATH', '/nonexistent')
    const own = await metricsServer({ body: () => vllmExposition({ kv: 0.1 }) })
    await trial(session(spec(), own.url, { authorization: 'Bearer sk-own-server-1234' }), () => expect(own.requests()).toBeGreaterThanOrEqual(1))
    expect(own.lastHeaders().authorization).toBe('Bearer sk-own-server-1234')
    // Only the known names are asked for (prometheus_client's name[] filter).
    const asked = new URL(own.lastUrl(), own.url).searchParams.getAll('name[]')
    expect(asked).toContain('vllm:kv_cache_usage_perc')
    expect(asked).toContain('vllm:num_preemptions_total')
    expect(asked).not.toContain('vllm:time_to_first_token_seconds')

    const elsewhere = await metricsServer({ body: () => vllmExposition({ kv: 0.1 }) })
    await trial(session(spec({ metrics_url: `${elsewhere.url}/metrics` }), own.url, { authorization: 'Bearer sk-own-server-1234' }), () => expect(elsewhere.requests()).toBeGreaterThanOrEqual(1))
    expect(elsewhere.lastHeaders().authorization).toBeUndefined()
  })

  test('samples are capped per trial, evenly spread, the first kept', async () => {
    vi.stubEnv('PATH', '/nonexistent')
    const server = await metricsServer({ body: (n) => vllmExposition({ running: n }) })
    const telemetry = (await trial(session(spec(), server.url, {}, 4), () => expect(server.requests()).toBeGreaterThanOrEqual(12)))!
    expect(telemetry.samples.length).toBeLessThanOrEqual(4)
    expect(telemetry.samples[0]!.server_metrics!['vllm:num_requests_running']).toBe(0)
    // The summary still covers every scrape.
    expect(telemetry.server_metrics!['vllm:num_requests_running']).toMatchObject({ max: server.requests() - 1 })
  })
})

describe('GPU telemetry while a trial runs', () => {
  test('each GPU’s utilization, memory, power, clock, temperature and throttle reasons, per trial and per sample', async () => {
    const printed = stubFakeNvidiaSmi([
      { name: 'NVIDIA H100 80GB HBM3', 'utilization.gpu': 61, 'memory.used': 71234, 'power.draw': 512.3, 'clocks.sm': 1755, 'temperature.gpu': 71, 'clocks_event_reasons.active': '0x0000000000000021' },
      { name: 'NVIDIA H100 80GB HBM3', 'utilization.gpu': 0, 'memory.used': 5, 'power.draw': 70, 'clocks.sm': 345, 'temperature.gpu': 30, 'clocks_event_reasons.active': '0x0000000000000001' }
    ])
    const watch = session(spec({ server_metrics: false }), 'http://127.0.0.1:9')
    const telemetry = (await trial(watch, () => expect(printed()).toBeGreaterThanOrEqual(4)))!
    expect(telemetry.server_metrics).toBeUndefined()
    expect(telemetry.gpu).toEqual([
      { index: 0, name: 'NVIDIA H100 80GB HBM3', utilization_pct: { mean: 61, max: 61 }, memory_used_mib: { max: 71234 }, power_w: { mean: 512.3 }, sm_clock_mhz: { mean: 1755, min: 1755 }, temperature_c: { max: 71 }, throttle_reasons: ['sw_thermal'] },
      { index: 1, name: 'NVIDIA H100 80GB HBM3', utilization_pct: { mean: 0, max: 0 }, memory_used_mib: { max: 5 }, power_w: { mean: 70 }, sm_clock_mhz: { mean: 345, min: 345 }, temperature_c: { max: 30 }, throttle_reasons: [] }
    ])
    const withGpu = telemetry.samples.filter((sample) => sample.gpu !== undefined)
    expect(withGpu.length).toBeGreaterThan(0)
    expect(withGpu[0]!.gpu![0]).toEqual({ index: 0, utilization_pct: 61, memory_used_mib: 71234, power_w: 512.3, sm_clock_mhz: 1755, temperature_c: 71, throttle_reasons: ['gpu_idle', 'sw_thermal'] })
  })

  test('one nvidia-smi serves every trial of the run, and each trial keeps only its own readings', async () => {
    const printed = stubFakeNvidiaSmi([{ name: 'NVIDIA L4', 'utilization.gpu': 90, 'clocks.sm': 2040 }])
    const watch = session(spec({ server_metrics: false }), 'http://127.0.0.1:9')
    const first = (await trial(watch, () => expect(printed()).toBeGreaterThanOrEqual(3)))!
    const before = printed()
    const second = (await trial(watch, () => expect(printed()).toBeGreaterThanOrEqual(before + 3)))!
    expect(first.gpu![0]!.utilization_pct.mean).toBe(90)
    expect(second.gpu![0]!.sm_clock_mhz.mean).toBe(2040)
    expect(second.samples.every((sample) => sample.t_ms >= 0)).toBe(true)
  })
})
