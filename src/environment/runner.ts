import { arch, cpus, release, type } from 'node:os'
import type { RunnerInfo } from '../result/types.js'

const MAX_LABELS = 50
const MAX_LABEL_LENGTH = 100

/**
 * The machine the client ran on. `name` is the Actions runner's `RUNNER_NAME`; a job cannot see
 * its runner's labels (neither the environment nor the `runner` context holds them), so they come
 * from `LLM_PERF_GATE_RUNNER_LABELS` when the workflow sets it (comma-separated).
 */
export function captureRunner(env: NodeJS.ProcessEnv = process.env): RunnerInfo {
  const cores = cpus()
  const name = env.RUNNER_NAME?.trim()
  const labels = (env.LLM_PERF_GATE_RUNNER_LABELS ?? '')
    .split(',')
    .map((label) => label.trim().slice(0, MAX_LABEL_LENGTH))
    .filter((label) => label !== '')
    .slice(0, MAX_LABELS)
  return {
    os: type(),
    release: release(),
    arch: arch(),
    cpu_model: cores[0]?.model.trim() ?? 'unknown',
    cpu_count: cores.length,
    node: process.version,
    name: name === undefined || name === '' ? null : name.slice(0, MAX_LABEL_LENGTH),
    labels
  }
}
