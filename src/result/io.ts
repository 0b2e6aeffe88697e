import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { z } from 'zod'
import { parseWithSchema } from '../config/validate.js'
import { InputError } from '../errors.js'
import { RESULT_SCHEMA, type ResultFile } from './types.js'

/** Writes via a temporary file and a rename, so a reader never sees half a result. */
export function writeJsonFile(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true })
  const temporary = `${path}.${process.pid}.tmp`
  writeFileSync(temporary, `${JSON.stringify(value, null, 1)}\n`)
  renameSync(temporary, path)
}

const nullableNumber = z.number().nullable()
const distribution = z.looseObject({
  count: z.number(),
  mean: nullableNumber,
  stddev: nullableNumber,
  min: nullableNumber,
  p50: nullableNumber,
  p90: nullableNumber,
  p95: nullableNumber,
  p99: nullableNumber,
  max: nullableNumber
})

const requestRecord = z.looseObject({
  id: z.number(),
  ok: z.boolean(),
  ttft_ms: nullableNumber,
  e2e_ms: nullableNumber,
  tpot_ms: nullableNumber,
  itl_ms: z.array(z.number()),
  input_tokens: z.number(),
  output_tokens: z.number(),
  max_tokens: z.number(),
  client_queue_ms: nullableNumber
})

const scalars = {
  request_throughput: z.number(),
  output_throughput: z.number(),
  total_throughput: z.number(),
  goodput: nullableNumber,
  error_rate: z.number()
}

const distributions = { ttft_ms: distribution, tpot_ms: distribution, itl_ms: distribution, e2e_ms: distribution, schedule_lag_ms: distribution }

/** The parts of a result file that `compare` relies on; other fields pass through. */
const resultSchema = z.looseObject({
  schema: z.literal(RESULT_SCHEMA, { error: `expected "${RESULT_SCHEMA}"` }),
  definitions: z.number(),
  tool: z.looseObject({ name: z.string(), version: z.string() }),
  workload: z.looseObject({ name: z.string(), workload_hash: z.string().startsWith('sha256:') }),
  environment: z.looseObject({ server: z.looseObject({ url: z.string(), model: z.string().nullable() }) }),
  trials: z.array(
    z.looseObject({
      index: z.number(),
      duration_s: z.number(),
      requests: z.array(requestRecord),
      summary: z.looseObject({ ...distributions, ...scalars, achieved_rate: nullableNumber, target_rate: nullableNumber })
    })
  ),
  summary: z.looseObject({ ...distributions, ...scalars })
})

/** Reads and validates a result file; a missing, truncated or foreign file is an input error naming it. */
export function readResultFile(path: string, role = 'result file'): ResultFile {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new InputError(`${role} ${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)}); expected a result file written by \`llm-perf-gate run\``)
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    const truncated = text.trim() === '' || !text.trimEnd().endsWith('}')
    throw new InputError(`${role} ${path}: not valid JSON${truncated ? ' (the file looks truncated: an interrupted write or copy?)' : ''}: ${(error as Error).message}`)
  }
  // A different definitions version is read, not rejected: compare calls the pair incomparable.
  return parseWithSchema(resultSchema, value, path, role) as unknown as ResultFile
}
