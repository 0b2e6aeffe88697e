import { SERVING_LIKE, syntheticResult } from '../../bench/synthetic-results.js'
import type { ResultFile } from '../../src/result/types.js'

/** Fields of a result file that hold text, each set to this with the field's name in front. */
export function hostile(field: string): string {
  return [
    `${field}<img src=x onerror=alert(1)> <b>bold</b> </details> @org/team #1 <!-- llm-perf-gate:other -->`,
    '[link](https://evil.example) ![img](https://evil.example/x.png) https://evil.example www.evil.example mail@evil.example',
    'a|b | c ``` ```` `',
    '```',
    '# heading',
    '- item',
    '::error::pwned \u001b[31mred\u202Eevil'
  ].join('\n')
}

/** A result whose every text field (and every load field) is hostile; its numbers are a real run's. */
export function hostileResult(seed: number): ResultFile {
  const result = syntheticResult({ ...SERVING_LIKE, seed, trials: 5, trialDrift: 0.01, slowdown: { ttft: 1, tpot: seed === 1 ? 1 : 1.3 } })
  result.tool.version = hostile('tool.version')
  result.created_at = hostile('created_at')
  result.workload.name = hostile('workload.name')
  result.workload.workload_hash = `sha256:${hostile('workload_hash')}`
  ;(result.workload as Record<string, unknown>).load = { arrival: 'gamma', burstiness: hostile('burstiness'), rate: hostile('rate'), concurrency: hostile('concurrency') }
  result.environment.server = { url: hostile('url'), model: hostile('model'), version: hostile('version'), engine: hostile('engine'), models: [hostile('models')] }
  result.environment.gpu = [{ name: hostile('gpu.name'), memory_total_mib: 81_559, driver_version: hostile('driver') }]
  result.environment.runner = { os: hostile('os'), release: hostile('release'), arch: hostile('arch'), cpu_model: hostile('cpu'), cpu_count: 16, node: hostile('node') }
  result.notes = [hostile('note')]
  for (const trial of result.trials) {
    trial.url = hostile('trial.url')
    const failed = trial.requests[0]!
    failed.finish_reason = hostile('finish_reason')
    failed.error = { kind: 'http', status: 500, message: hostile('error') }
  }
  return result
}
