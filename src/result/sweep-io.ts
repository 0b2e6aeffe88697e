/**
 * Reading sweep files, and telling a sweep file from a result file by its head.
 */
import { z } from 'zod'
import { parseWithSchema, readJsonFile } from '../config/validate.js'
import { InputError } from '../errors.js'
import { parseResultValue } from './io.js'
import { SLO_METRICS, SWEEP_SCHEMA, type SweepFile } from './sweep-types.js'

export { SWEEP_SCHEMA }
export { sniffSchema } from './sniff.js'

const nullableNumber = z.number().nullable()
const outcome = z.looseObject({ sent: z.number(), attained: z.number(), holds: z.boolean(), error_rate: z.number(), limited_by: z.enum(['latency', 'errors']).nullable(), quantiles: z.record(z.string(), nullableNumber) })
const loadKind = z.enum(['concurrency', 'rate'])

/** The parts of a sweep file that `compare` and the reports read; each step's result is checked as a result file. */
const sweepSchema = z.looseObject({
  schema: z.literal(SWEEP_SCHEMA, { error: `expected "${SWEEP_SCHEMA}"` }),
  definitions: z.number(),
  tool: z.looseObject({ name: z.string(), version: z.string() }),
  created_at: z.string(),
  workload: z.looseObject({ name: z.string(), workload_hash: z.string().startsWith('sha256:'), sweep_hash: z.string().startsWith('sha256:') }),
  plan: z.looseObject({ load_kind: loadKind, mode: z.enum(['grid', 'auto']) }),
  environment: z.looseObject({ server: z.looseObject({ url: z.string(), model: z.string().nullable() }) }).nullable(),
  interrupted: z.literal(true).optional(),
  max_error_rate: z.number(),
  steps: z.array(
    z.looseObject({
      index: z.number(),
      load_kind: loadKind,
      load: z.number().positive(),
      phase: z.enum(['grid', 'double', 'refine']),
      slo: outcome.extend({ trials: z.array(outcome) }),
      result: z.unknown()
    })
  ),
  capacity: z.looseObject({
    load_kind: loadKind,
    load: nullableNumber,
    ci_low: nullableNumber,
    ci_high: nullableNumber,
    confidence: z.number(),
    request_throughput: nullableNumber,
    attainment: z.number().gt(0).max(1),
    slo: z.partialRecord(z.enum(SLO_METRICS), z.number()),
    limited_by: z.enum(['latency', 'errors']).nullable(),
    metric: z.enum(SLO_METRICS).nullable(),
    bracket: z.looseObject({ below: nullableNumber, above: nullableNumber }),
    trials: z.array(nullableNumber)
  }),
  notes: z.array(z.string())
})

/** Validates a parsed sweep document; `path` and `role` name it in errors. */
export function parseSweepValue(value: unknown, path: string, role = 'sweep file'): SweepFile {
  const sweep = parseWithSchema(sweepSchema, value, path, role) as unknown as SweepFile
  sweep.steps.forEach((step, index) => {
    step.result = parseResultValue(step.result, `${path} steps[${index}].result`, role)
  })
  return sweep
}

/** Reads and validates a sweep file; a missing, truncated or foreign file is an input error naming it. */
export function readSweepFile(path: string, role = 'sweep file'): SweepFile {
  const value = readJsonFile(path, role)
  if (value === null || typeof value !== 'object' || (value as { schema?: unknown }).schema !== SWEEP_SCHEMA) {
    const schema = (value as { schema?: unknown } | null)?.schema
    throw new InputError(`${role} ${path}: got ${typeof schema === 'string' ? `a file with schema "${schema}"` : 'a file without a schema'}; expected a sweep file ("${SWEEP_SCHEMA}") written by \`llm-perf-gate sweep\``)
  }
  return parseSweepValue(value, path, role)
}
