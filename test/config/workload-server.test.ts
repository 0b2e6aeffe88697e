import { describe, expect, test } from 'vitest'
import { resolveWorkload } from '../../src/config/workload.js'
import { inputErrorOf } from '../helpers/input-error.js'

const MINIMAL = { name: 'chat-short', load: { concurrency: 4 } }


describe('server: and telemetry: in a workload', () => {
  test('say how to start and watch the server, not what is sent: the workload hash does not change', () => {
    const plain = resolveWorkload(MINIMAL, 'w.yml', { env: {} })
    const served = resolveWorkload(
      { ...MINIMAL, server: { command: 'vllm serve Qwen/Qwen2.5-7B-Instruct --port 8000', env: { VLLM_USE_V1: '1' }, args: ['--max-num-seqs', '64'] }, telemetry: { gpu: false, interval_ms: 500, metrics_url: 'http://127.0.0.1:9400/metrics' } },
      'w.yml',
      { env: {} }
    )
    expect(served.workloadHash).toBe(plain.workloadHash)
  })

  test('defaults: health path, timeouts, cwd; telemetry on at 1 s from <server root>/metrics', () => {
    const workload = resolveWorkload({ ...MINIMAL, server: { command: ['python', '-m', 'vllm.entrypoints.openai.api_server'] } }, 'w.yml', { env: {} })
    expect(workload.spec.server).toEqual({ command: ['python', '-m', 'vllm.entrypoints.openai.api_server'], env: {}, cwd: '.', health_path: '/health', ready_timeout_s: 900, stop_timeout_s: 30 })
    expect(workload.spec.telemetry).toEqual({ server_metrics: true, gpu: true, interval_ms: 1000, metrics_url: '/metrics' })
  })

  test('mistakes name the field and what is expected', () => {
    expect(inputErrorOf(() => resolveWorkload({ ...MINIMAL, server: {} }, 'w.yml')).message).toContain('server.command: missing; expected a command line (run by sh -c) or a list [program, arg, ...] (run without a shell)')
    expect(inputErrorOf(() => resolveWorkload({ ...MINIMAL, server: { command: 'x', health_path: 'health' } }, 'w.yml')).message).toContain('server.health_path: got "health"; expected a path starting with /')
    expect(inputErrorOf(() => resolveWorkload({ ...MINIMAL, server: { command: 'x', ready_timeout_s: 0 } }, 'w.yml')).message).toContain('server.ready_timeout_s: got 0; expected a number of seconds > 0')
    expect(inputErrorOf(() => resolveWorkload({ ...MINIMAL, server: { command: 'x', stop_after: 3 } }, 'w.yml')).message).toContain('server: unknown field "stop_after"')
    expect(inputErrorOf(() => resolveWorkload({ ...MINIMAL, telemetry: { interval_ms: 10 } }, 'w.yml')).message).toContain('telemetry.interval_ms: got 10; expected at least 100 ms')
    expect(inputErrorOf(() => resolveWorkload({ ...MINIMAL, telemetry: { metrics_url: 'metrics' } }, 'w.yml')).message).toContain('telemetry.metrics_url: got "metrics"; expected a URL such as http://127.0.0.1:8000/metrics, or a path such as /metrics')
  })
})
