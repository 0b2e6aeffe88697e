import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { SERVING_LIKE, syntheticResult, type SyntheticSpec } from '../../bench/synthetic-results.js'
import { compareResults, exitCodeFor } from '../../src/compare/compare.js'
import { loadThresholds, type Thresholds } from '../../src/config/thresholds.js'
import { joinReport, renderMarkdown } from '../../src/report/markdown.js'
import { renderText } from '../../src/report/text.js'
import type { GpuInfo, ResultFile } from '../../src/result/types.js'

const pr = loadThresholds('pr')
const H100 = 'NVIDIA H100 80GB HBM3'
const A100 = 'NVIDIA A100-SXM4-80GB'

/** A quiet serving-like result on `count` GPUs of one model. */
function onGpus(name: string | null, count = 1, overrides: Partial<SyntheticSpec> = {}): ResultFile {
  const result = syntheticResult({ ...SERVING_LIKE, seed: 1, trials: 5, trialDrift: 0.01, slowdown: { ttft: 1, tpot: 1 }, ...overrides })
  const gpu: GpuInfo = { name: name ?? '', memory_total_mib: 81559, driver_version: '550.54.15', cuda_version: '12.4', vendor: 'nvidia' }
  result.environment.gpu = name === null ? [] : Array.from({ length: count }, () => ({ ...gpu }))
  return result
}

/** A thresholds file as a user writes it, loaded the way `compare --thresholds` does. */
function thresholdsWith(yaml: string): Thresholds {
  const file = join(mkdtempSync(join(tmpdir(), 'lpg-comparability-')), 'thresholds.yml')
  writeFileSync(file, `metrics:\n  tpot_ms.p50: {tolerance_pct: 5, gate: fail}\n  ttft_ms.p50: {tolerance_pct: 10, gate: fail}\n${yaml}`)
  return loadThresholds(file)
}

const check = (comparison: ReturnType<typeof compareResults>, name: string) => comparison.validity.find((c) => c.check === name)

describe('hardware', () => {
  test('H100 against A100 is incomparable (exit 3), and the reports say the GPU changed', () => {
    const baseline = onGpus(H100)
    const current = onGpus(A100, 1, { seed: 2 })
    const comparison = compareResults(baseline, current, pr)
    expect(comparison.verdict).toBe('incomparable')
    expect(exitCodeFor(comparison)).toBe(3)
    expect(check(comparison, 'hardware')).toMatchObject({ ok: false, detail: expect.stringContaining(`1× ${H100} vs 1× ${A100}`) })
    expect(comparison.changes).toContainEqual({ field: 'gpu.name', baseline: H100, current: A100 })
    const text = renderText({ comparison, baseline, current })
    expect(text).toContain(`GPU: ${H100} → ${A100}`)
    expect(text).toMatch(/hardware: the GPUs differ/)
    const markdown = joinReport(renderMarkdown({ comparison, baseline, current }))
    expect(markdown).toMatch(/^### .*incomparable.* — hardware differ/im)
    expect(markdown).toMatch(new RegExp(`\\| GPU \\| ${H100} \\| ${A100} ⛔ not compared \\|`))
  })

  test('a different GPU count is incomparable', () => {
    const comparison = compareResults(onGpus(H100, 1), onGpus(H100, 2, { seed: 2 }), pr)
    expect(comparison.verdict).toBe('incomparable')
    expect(check(comparison, 'hardware')?.detail).toContain(`1× ${H100} vs 2× ${H100}`)
  })

  test('with comparability.hardware: warn it is compared, with a warning beside the verdict', () => {
    const baseline = onGpus(H100)
    const current = onGpus(A100, 1, { seed: 2 })
    const comparison = compareResults(baseline, current, thresholdsWith('comparability: {hardware: warn}\n'))
    expect(comparison.verdict).toBe('pass')
    expect(comparison.metrics.length).toBeGreaterThan(0)
    expect(check(comparison, 'hardware')).toMatchObject({ ok: false, warn: true, detail: expect.stringContaining('compared anyway') })
    const markdown = joinReport(renderMarkdown({ comparison, baseline, current }))
    expect(markdown).toContain('⚠️ compared anyway (comparability.hardware: warn)')
    expect(markdown).toMatch(/- hardware: the GPUs differ/)
  })

  test('the same GPUs with another driver are compared, and the driver is listed as changed', () => {
    const current = onGpus(H100, 1, { seed: 2 })
    current.environment.gpu[0]!.driver_version = '570.86.15'
    const comparison = compareResults(onGpus(H100), current, pr)
    expect(comparison.verdict).toBe('pass')
    expect(comparison.changes).toEqual([{ field: 'gpu.driver_version', baseline: '550.54.15', current: '570.86.15' }])
  })

  test('a side that reported no GPU is not refused: the hardware could not be compared, and the check says so', () => {
    const comparison = compareResults(onGpus(null), onGpus(H100, 1, { seed: 2 }), pr)
    expect(comparison.verdict).toBe('pass')
    expect(check(comparison, 'hardware')).toMatchObject({ ok: true, detail: 'no GPU reported by the baseline: the hardware was not compared' })
  })
})

describe('model changes are compared', () => {
  const baseline = onGpus(H100, 1, { model: 'Qwen/Qwen2.5-7B-Instruct' })
  const current = onGpus(H100, 1, { seed: 2, model: 'meta-llama/Llama-3.1-8B-Instruct' })

  test('two runs of one workload against different models get a verdict, both models named first under What changed', () => {
    const comparison = compareResults(baseline, current, pr)
    expect(comparison.verdict).toBe('pass')
    expect(comparison.changes?.[0]).toEqual({ field: 'server.model', baseline: 'Qwen/Qwen2.5-7B-Instruct', current: 'meta-llama/Llama-3.1-8B-Instruct' })
    expect(check(comparison, 'model')).toMatchObject({ ok: true, detail: expect.stringContaining('comparability.model: allow') })
    const report = renderMarkdown({ comparison, baseline, current })
    expect(report.sections[0]!.text).toContain('model Qwen/Qwen2.5-7B-Instruct → meta-llama/Llama-3.1-8B-Instruct')
    const changed = report.sections.find((s) => s.title === 'what changed')!.text.split('\n')
    expect(changed[0]).toBe('**What changed**')
    expect(changed[4]).toBe('| **model** | Qwen/Qwen2.5-7B-Instruct | meta-llama/Llama-3.1-8B-Instruct |')
    expect(renderText({ comparison, baseline, current })).toContain('model: Qwen/Qwen2.5-7B-Instruct → meta-llama/Llama-3.1-8B-Instruct')
  })

  test('comparability.model: require makes them incomparable', () => {
    const comparison = compareResults(baseline, current, thresholdsWith('comparability: {model: require}\n'))
    expect(comparison.verdict).toBe('incomparable')
    expect(exitCodeFor(comparison)).toBe(3)
    expect(check(comparison, 'model')).toMatchObject({ ok: false, detail: expect.stringContaining('Qwen/Qwen2.5-7B-Instruct vs meta-llama/Llama-3.1-8B-Instruct') })
  })

  test('under require, another revision of the same model is incomparable too', () => {
    const a = onGpus(H100)
    const b = onGpus(H100, 1, { seed: 2 })
    a.environment.server.model_revision = 'e0bc86c'
    b.environment.server.model_revision = '0d4b76e'
    expect(compareResults(a, b, thresholdsWith('comparability: {model: require}\n')).verdict).toBe('incomparable')
    expect(compareResults(a, b, pr).verdict).toBe('pass')
  })
})

describe('baselines made before the workload hash left the model out', () => {
  /** A result as versions before hash version 2 wrote it: no hash_version, the model inside the hash. */
  const legacy = (hash: string, model: string): ResultFile => {
    const result = onGpus(H100, 1, { model, workloadHash: hash })
    return result
  }
  const modern = (hash: string, v1: string, model: string): ResultFile => {
    const result = onGpus(H100, 1, { seed: 2, model, workloadHash: hash })
    Object.assign(result.workload, { hash_version: 2, workload_hash_v1: v1 })
    return result
  }

  test('still match a new run of the same workload and model, through workload_hash_v1', () => {
    const comparison = compareResults(legacy('sha256:old-with-model', 'm'), modern('sha256:new', 'sha256:old-with-model', 'm'), pr)
    expect(check(comparison, 'workload_hash')?.ok).toBe(true)
    expect(comparison.verdict).toBe('pass')
  })

  test('across a model change they are incomparable, and the message says to make the baseline again', () => {
    const comparison = compareResults(legacy('sha256:old-with-model-a', 'a'), modern('sha256:new', 'sha256:old-with-model-b', 'b'), pr)
    expect(comparison.verdict).toBe('incomparable')
    expect(check(comparison, 'workload_hash')?.detail).toMatch(/baseline was made by an llm-perf-gate older than workload hash version 2, whose hash includes the model name \(a vs b\); make that result again/)
  })
})

describe('thresholds', () => {
  test('comparability defaults to hardware: require, model: allow', () => {
    expect(pr.comparability).toEqual({ hardware: 'require', model: 'allow' })
  })

  test('an unknown setting names the field and the choices', () => {
    expect(() => thresholdsWith('comparability: {hardware: ignore}\n')).toThrow(/comparability\.hardware.*expected require .* or warn/)
  })
})
