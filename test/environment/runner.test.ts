import { describe, expect, test } from 'vitest'
import { captureRunner } from '../../src/environment/runner.js'

describe('the runner', () => {
  test('an Actions runner gives its name; labels come from LLM_PERF_GATE_RUNNER_LABELS', () => {
    const runner = captureRunner({ RUNNER_NAME: 'gpu-runner-7', RUNNER_OS: 'Linux', LLM_PERF_GATE_RUNNER_LABELS: 'self-hosted, linux ,h100x8,,' })
    expect(runner).toMatchObject({ name: 'gpu-runner-7', labels: ['self-hosted', 'linux', 'h100x8'] })
    expect(runner.cpu_count).toBeGreaterThan(0)
  })

  test('outside Actions there is no name and no label', () => {
    expect(captureRunner({})).toMatchObject({ name: null, labels: [] })
  })
})
