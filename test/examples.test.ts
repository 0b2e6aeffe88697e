import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { pairedTestsPossible } from '../src/compare/pairs.js'
import { loadThresholds } from '../src/config/thresholds.js'
import { loadWorkload, resolveWorkload } from '../src/config/workload.js'
import { parseMetricName, percentileOf } from '../src/metrics/metric-names.js'
import { minimumExactMannWhitneyP } from '../src/stats/detectable-effect.js'

const workloads = readdirSync('examples').filter((file) => file.endsWith('.yml') && !file.startsWith('workflow-'))

test.each(workloads)('examples/%s is a valid workload', (file) => {
  const workload = loadWorkload(join('examples', file), { env: { OPENAI_API_KEY: 'sk-example' } })
  expect(workload.spec.name).toBe(file.replace(/\.yml$/, ''))
})

// The examples are what users copy for a PR check: under the pr preset their trials must let the
// exact trial-level test reach alpha after Holm, and every TTFT/TPOT/E2E percentile the preset
// gates must rest on min_tail_samples values beyond it in every trial (one value per request).
test.each(workloads)('examples/%s is measured enough for the pr preset', (file) => {
  const { spec } = loadWorkload(join('examples', file), { env: { OPENAI_API_KEY: 'sk-example' } })
  const pr = loadThresholds('pr')
  const gated = Object.entries(pr.metrics).filter(([name, metric]) => metric.gate !== 'off' && name !== 'error_rate')
  expect(minimumExactMannWhitneyP(spec.trials, spec.trials) * gated.length).toBeLessThan(pr.alpha)
  for (const [name] of gated) {
    const metric = parseMetricName(name)!
    if (metric.kind !== 'distribution' || metric.base === 'itl_ms') continue
    const q = percentileOf(metric.statistic)
    if (q === null || q <= 50) continue
    expect((spec.requests * (100 - q)) / 100, `${name} in ${file}`).toBeGreaterThanOrEqual(pr.validity.min_tail_samples)
  }
})

test('a workload without trials gets the number the pr preset is designed for', () => {
  expect(resolveWorkload({ name: 'no-trials', load: { concurrency: 1 } }, 'inline', { env: {} }).spec.trials).toBe(5)
})

test('examples/workflow-ab.yml runs enough pairs for paired tests under its preset, with inputs the action has', () => {
  const workflow = parseYaml(readFileSync(join('examples', 'workflow-ab.yml'), 'utf8')) as { jobs: Record<string, { steps: Array<{ uses?: string; with?: Record<string, unknown> }> }> }
  const step = Object.values(workflow.jobs).flatMap((job) => job.steps).find((candidate) => candidate.uses?.startsWith('llm-perf-gate/llm-perf-gate'))!
  const inputs = Object.keys((parseYaml(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, unknown> }).inputs)
  expect(Object.keys(step.with!).filter((name) => !inputs.includes(name))).toEqual([])
  expect(step.with).toMatchObject({ mode: 'ab', thresholds: 'pr' })
  const thresholds = loadThresholds(String(step.with!.thresholds))
  const tested = Object.entries(thresholds.metrics).filter(([name, metric]) => metric.gate !== 'off' && name !== 'error_rate').length
  expect(pairedTestsPossible(Number(step.with!.trials), thresholds.alpha, tested)).toBe(true)
  expect(pairedTestsPossible(Number(step.with!.trials) - 1, thresholds.alpha, tested)).toBe(false)
})
