import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { ALL_METRIC_NAMES, isSweepMetric, parseMetricName, SWEEP_METRICS } from '../metrics/metric-names.js'
import { InputError } from '../errors.js'
import { parseWithSchema, readStructuredFile } from './validate.js'

export const PRESETS = ['pr', 'nightly', 'release'] as const
export type PresetName = (typeof PRESETS)[number]

const percentGate = z.strictObject({
  tolerance_pct: z.number().min(0, { error: 'expected a percentage >= 0' }).optional(),
  max_increase: z.number().min(0, { error: 'expected an absolute increase >= 0, e.g. 0.01 for one percentage point' }).optional(),
  gate: z.enum(['fail', 'warn', 'off'], { error: 'expected one of fail, warn, off' }).default('fail')
})

export const thresholdsSchema = z
  .strictObject({
    alpha: z.number().gt(0).lt(1, { error: 'expected a significance level in (0, 1), e.g. 0.05' }).default(0.05),
    confidence: z.number().gt(0).lt(1, { error: 'expected a confidence level in (0, 1), e.g. 0.95' }).default(0.95),
    decision: z.enum(['detect', 'non-inferiority'], { error: 'expected detect or non-inferiority' }).default('detect'),
    fail_on_inconclusive: z.boolean().default(false),
    bootstrap: z
      .strictObject({
        iterations: z.number().int().min(200, { error: 'expected at least 200 resamples' }).max(100_000).default(2000),
        seed: z.number().int().default(0)
      })
      .default({ iterations: 2000, seed: 0 }),
    metrics: z.record(z.string(), percentGate).superRefine((metrics, ctx) => {
      for (const [name, gate] of Object.entries(metrics)) {
        const metric = parseMetricName(name)
        if (metric === null && !isSweepMetric(name)) {
          ctx.addIssue({ code: 'custom', path: [name], message: `unknown metric; expected one of ${[...ALL_METRIC_NAMES, ...SWEEP_METRICS].join(', ')}` })
          continue
        }
        if (name === 'error_rate') {
          if (gate.max_increase === undefined && gate.gate !== 'off') ctx.addIssue({ code: 'custom', path: [name, 'max_increase'], message: 'error_rate is gated by max_increase (an absolute increase, e.g. 0.01)' })
        } else if (gate.tolerance_pct === undefined && gate.gate !== 'off') {
          ctx.addIssue({ code: 'custom', path: [name, 'tolerance_pct'], message: 'expected tolerance_pct: the change in percent that counts as a regression' })
        }
      }
    }),
    validity: z
      .strictObject({
        min_achieved_rate_ratio: z.number().gt(0).max(1).default(0.95),
        max_schedule_lag_p99_ms: z.number().positive().default(10),
        max_closed_loop_lag_share: z.number().min(0).max(1).default(0.02),
        max_output_tokens_mismatch: z.number().min(0).default(0.02),
        max_error_rate: z.number().min(0).max(1).default(0.05),
        min_tail_samples: z.number().int().min(1).default(5),
        max_host_cpu_steal: z.number().min(0).max(1).default(0.1)
      })
      .default({ min_achieved_rate_ratio: 0.95, max_schedule_lag_p99_ms: 10, max_closed_loop_lag_share: 0.02, max_output_tokens_mismatch: 0.02, max_error_rate: 0.05, min_tail_samples: 5, max_host_cpu_steal: 0.1 }),
    // docs/fingerprint.md.
    comparability: z
      .strictObject({
        hardware: z.enum(['require', 'warn'], { error: 'expected require (a different GPU model or count is incomparable) or warn (compared, with a warning)' }).default('require'),
        model: z.enum(['allow', 'require'], { error: 'expected allow (a different model is compared) or require (a different model is incomparable)' }).default('allow')
      })
      .default({ hardware: 'require', model: 'allow' })
  })

export type Thresholds = z.output<typeof thresholdsSchema> & { source: string }

/** Where the shipped presets live: beside the bundle in dist/, or at the repository root from src/. */
function presetDirectory(): string {
  const here = dirname(fileURLToPath(import.meta.url))
  for (const candidate of [join(here, '..', 'thresholds'), join(here, '..', '..', 'thresholds')]) {
    if (existsSync(join(candidate, 'pr.yml'))) return candidate
  }
  throw new Error(`the shipped threshold presets were not found next to ${here}`)
}

export function presetPath(name: PresetName): string {
  return join(presetDirectory(), `${name}.yml`)
}

/** A preset name (`pr`, `nightly`, `release`) or a path to a thresholds file. */
export function loadThresholds(nameOrPath: string | undefined): Thresholds {
  const given = nameOrPath ?? 'pr'
  const isPreset = (PRESETS as readonly string[]).includes(given)
  if (!isPreset && !existsSync(given)) {
    throw new InputError(`thresholds: ${JSON.stringify(given)} is neither a preset (${PRESETS.join(', ')}) nor an existing file`)
  }
  const file = isPreset ? presetPath(given as PresetName) : resolve(given)
  const where = isPreset ? `preset ${given} (${file})` : file
  const parsed = parseWithSchema(thresholdsSchema, readStructuredFile(file, 'thresholds'), where, 'thresholds')
  // A comparison that tests nothing can only pass: that is a mistake in the file, not a verdict.
  if (!Object.values(parsed.metrics).some((metric) => metric.gate !== 'off')) {
    const names = Object.keys(parsed.metrics)
    throw new InputError(`thresholds ${where} is not valid:\n  - metrics: ${names.length === 0 ? 'none listed' : `every gate is off (${names.join(', ')})`}; expected at least one metric with gate: fail or warn, e.g. tpot_ms.p50: {tolerance_pct: 5, gate: fail}`)
  }
  return { ...parsed, source: isPreset ? given : file }
}
