import { describe, expect, it } from 'vitest'
import { SERVING_LIKE, syntheticResult } from '../../bench/synthetic-results.js'
import { environmentLines } from '../../src/report/shared.js'

describe('environmentLines', () => {
  const result = syntheticResult({ ...SERVING_LIKE, seed: 1, trials: 1, requestsPerTrial: 3, slowdown: { ttft: 1, tpot: 1 } })

  it('describes the runner as recorded', () => {
    const runner = { os: 'linux', release: '6.1', arch: 'x64', cpu_model: 'AMD EPYC', cpu_count: 2, node: 'v24.21.0' }
    expect(environmentLines({ ...result, environment: { ...result.environment, runner } })).toContain('runner linux x64, 2× AMD EPYC, Node v24.21.0')
  })

  it('says what is known of a runner an imported result describes in part, never "undefined"', () => {
    const partial = { ...result, environment: { ...result.environment, runner: { os: 'linux', arch: 'x64' } } } as unknown as typeof result
    expect(environmentLines(partial)).toContain('runner linux x64')
    const none = { ...result, environment: { server: result.environment.server } } as unknown as typeof result
    const lines = environmentLines(none)
    expect(lines).toContain('runner not reported')
    expect(lines).toContain('no GPU reported')
    expect(lines.join('\n')).not.toContain('undefined')
  })
})
