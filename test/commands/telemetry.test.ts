import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { compareCommand } from '../../src/commands/compare.js'
import { runCommand } from '../../src/commands/run.js'
import type { ResultFile } from '../../src/result/types.js'
import { parseSlowdown, startSimulator } from '../../src/simulator/index.js'
import { captureIo } from '../helpers/capture-io.js'
import { stubFakeNvidiaSmi, type FakeGpu } from '../helpers/fake-nvidia-smi.js'
import { startMetricsServer, vllmExposition } from '../helpers/metrics-server.js'

const H100 = 'NVIDIA H100 80GB HBM3'

interface Side {
  result: ResultFile
  path: string
  stdout: string
}

/**
 * One side as users run it: `run` against the simulator (the API), with the server's metrics
 * served by a small loopback endpoint (metrics_url) and the GPU by the fake nvidia-smi.
 */
async function measure(dir: string, name: string, options: { slowdown: string | null; kv: number; preemptionsPerSecond: number; gpu: FakeGpu }): Promise<Side> {
  const simulator = await startSimulator({ profile: 'fast', seed: name === 'baseline' ? 1 : 2, slowdown: parseSlowdown(options.slowdown === null ? [] : [options.slowdown]) })
  const startedAt = performance.now()
  const metrics = await startMetricsServer({ body: () => vllmExposition({ running: 4, waiting: 0, kv: options.kv, preemptions: Math.floor((options.preemptionsPerSecond * (performance.now() - startedAt)) / 1000) }) })
  stubFakeNvidiaSmi([options.gpu])
  try {
    const workload = join(dir, `${name}.json`)
    writeFileSync(
      workload,
      JSON.stringify({
        name: 'telemetry',
        url: simulator.url,
        trials: 3,
        requests: 48,
        warmup: 8,
        load: { concurrency: 4 },
        prompts: { input_tokens: 32, output_tokens: 48 },
        telemetry: { interval_ms: 100, metrics_url: `${metrics.url}/metrics` }
      })
    )
    const io = captureIo()
    const path = join(dir, `${name}.result.json`)
    expect(await runCommand({ workload, out: path, quiet: true }, io)).toBe(0)
    return { result: JSON.parse(readFileSync(path, 'utf8')) as ResultFile, path, stdout: io.out() }
  } finally {
    vi.unstubAllEnvs()
    await Promise.all([simulator.close(), metrics.close()])
  }
}

describe('telemetry in a run, and the likely cause in the report', () => {
  let dir: string
  let baseline: Side
  let candidate: Side

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lpg-telemetry-'))
    baseline = await measure(dir, 'baseline', { slowdown: null, kv: 0.41, preemptionsPerSecond: 0, gpu: { name: H100, 'utilization.gpu': 61, 'memory.used': 61234, 'power.draw': 480, 'clocks.sm': 1755, 'temperature.gpu': 64, 'clocks_event_reasons.active': '0x0000000000000000' } })
    candidate = await measure(dir, 'candidate', { slowdown: 'tpot=1.3', kv: 0.97, preemptionsPerSecond: 20, gpu: { name: H100, 'utilization.gpu': 98, 'memory.used': 79100, 'power.draw': 700, 'clocks.sm': 1410, 'temperature.gpu': 86, 'clocks_event_reasons.active': '0x0000000000000020' } })
  }, 120_000)

  afterAll(() => {
    vi.unstubAllEnvs()
  })

  test('each trial’s telemetry holds what the server’s /metrics and nvidia-smi reported', () => {
    for (const trial of baseline.result.trials) {
      const telemetry = trial.telemetry!
      expect(telemetry.interval_ms).toBe(100)
      expect(telemetry.server_metrics!['vllm:kv_cache_usage_perc']).toEqual({ kind: 'gauge', mean: 0.41, max: 0.41, last: 0.41 })
      expect(telemetry.server_metrics!['vllm:num_preemptions_total']).toEqual({ kind: 'counter', delta: 0 })
      expect(telemetry.gpu).toEqual([
        { index: 0, name: H100, utilization_pct: { mean: 61, max: 61 }, memory_used_mib: { max: 61234 }, power_w: { mean: 480 }, sm_clock_mhz: { mean: 1755, min: 1755 }, temperature_c: { max: 64 }, throttle_reasons: [] }
      ])
      expect(telemetry.samples.length).toBeGreaterThan(2)
    }
    for (const trial of candidate.result.trials) {
      const telemetry = trial.telemetry!
      expect(telemetry.server_metrics!['vllm:kv_cache_usage_perc']).toMatchObject({ mean: 0.97 })
      // 20 a second from the trial's first scrape (answered as its requests start) to its last (after they end).
      const delta = (telemetry.server_metrics!['vllm:num_preemptions_total'] as { delta: number }).delta
      expect(delta).toBeGreaterThanOrEqual(Math.floor(20 * (trial.duration_s - 0.5)))
      expect(delta).toBeLessThanOrEqual(Math.ceil(20 * (trial.duration_s + 1.5)))
      expect(telemetry.gpu![0]).toMatchObject({ sm_clock_mhz: { mean: 1410, min: 1410 }, throttle_reasons: ['sw_thermal'] })
    }
  })

  test('the console summary shows the peak GPU memory, utilization, KV-cache peak and preemptions', () => {
    expect(baseline.stdout).toMatch(/Server and GPU telemetry/)
    expect(baseline.stdout).toMatch(/Peak GPU memory used \(MiB\): +61234/)
    expect(baseline.stdout).toMatch(/Mean GPU utilization \(%\): +61\.0/)
    expect(baseline.stdout).toMatch(/Mean \/ peak KV-cache usage: +0\.41 \/ 0\.41/)
    expect(baseline.stdout).toMatch(/Preemptions per trial: +0\n/)
    expect(candidate.stdout).toMatch(/GPU throttle reasons: +sw_thermal/)
  })

  test('the report names the KV cache, the preemptions and the clock beside the regressed or inconclusive metric', async () => {
    const io = captureIo()
    await compareCommand({ baseline: baseline.path, current: candidate.path, format: 'markdown' }, io)
    const report = io.out()
    const cause = report.slice(report.indexOf('**Likely cause**')).split('\n').find((line) => line.startsWith('- ') && line.includes('TPOT p50'))
    expect(cause, report).toBeDefined()
    expect(cause).toMatch(/KV-cache usage peak 0\.41 → 0\.97 and 0 → [\d.]+ preemptions per trial \((1\d|2\d)(\.\d)?\/s\); SM clock 1,755 → 1,410 MHz with thermal throttling/)
    expect(report).toContain('**Likely cause**')
    // The table sets the two sides side by side.
    expect(report).toMatch(/\| KV-cache usage, mean \/ peak +\| +0\.41 \/ 0\.41 \| +0\.97 \/ 0\.97 \|/)
    expect(report).toMatch(/\| SM clock, mean \/ min +\| +1,755 \/ 1,755 MHz \| +1,410 \/ 1,410 MHz \|/)
    expect(report).toMatch(/\| throttle reasons +\| +none \| +sw\\_thermal \|/)
    expect(report).toMatch(/\| preemptions per trial +\| +0 \| +[\d.]+ \|/)
  })

  test('the text report says the same', async () => {
    const io = captureIo()
    await compareCommand({ baseline: baseline.path, current: candidate.path, format: 'text' }, io)
    expect(io.out()).toContain('Likely cause (from the telemetry):')
    expect(io.out()).toMatch(/SM clock 1,755 → 1,410 MHz with thermal throttling/)
  })
})
