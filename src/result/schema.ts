/**
 * The result file (`schema: "llm-perf-gate/result@1"`, docs/file-formats.md), described once: the
 * TypeScript types (types.ts) are inferred from these schemas, and the fast request check (io.ts)
 * and the scanner's fields (scan.ts) are built from the same table of request fields. Field names
 * are public and snake_case. Every time is in milliseconds from a monotonic clock.
 *
 * To add a field: add it here (optional, so older results still read), document it in
 * docs/file-formats.md, and write it where results are assembled (runner/run.ts, import/*).
 */
import { z } from 'zod'
import type { NormalisedWorkload } from '../config/workload.js'

export const RESULT_SCHEMA = 'llm-perf-gate/result@1'
export const DEFINITIONS_VERSION = 1

/**
 * The kinds of value a request field holds, each as a schema and as the plain predicate the fast
 * check applies to hundreds of thousands of records (test/result/schema.test.ts checks that the
 * two agree). JSON holds no NaN or Infinity, but a number such as 1e400 parses to Infinity.
 */
const finiteAtLeastZero = (value: unknown): value is number => typeof value === 'number' && value >= 0 && value !== Infinity
export const REQUEST_FIELD_KINDS = {
  count: { schema: z.number().int().min(0), check: (value: unknown) => finiteAtLeastZero(value) && Number.isInteger(value), expected: 'an integer >= 0' },
  ms: { schema: z.number().min(0), check: finiteAtLeastZero, expected: 'a finite number of milliseconds >= 0' },
  msOrNull: { schema: z.number().min(0).nullable(), check: (value: unknown) => value === null || finiteAtLeastZero(value), expected: 'a finite number of milliseconds >= 0, or null' },
  flag: { schema: z.boolean(), check: (value: unknown) => typeof value === 'boolean', expected: 'true or false' },
  msList: { schema: z.array(z.number().min(0)), check: (value: unknown) => Array.isArray(value), expected: 'an array of finite numbers of milliseconds >= 0' }
} as const
export type RequestFieldKind = keyof typeof REQUEST_FIELD_KINDS

/**
 * The request fields `compare` reads, checked in every record of a file it reads (the others are
 * written by every run, described below, and passed through unchecked). scan.ts reads exactly
 * these, into columns.
 */
export const CHECKED_REQUEST_FIELDS = {
  id: 'count',
  ok: 'flag',
  ttft_ms: 'msOrNull',
  e2e_ms: 'msOrNull',
  tpot_ms: 'msOrNull',
  input_tokens: 'count',
  output_tokens: 'count',
  max_tokens: 'count',
  client_queue_ms: 'msOrNull',
  itl_ms: 'msList'
} as const satisfies Record<string, RequestFieldKind>

type CheckedSchemas = { [F in keyof typeof CHECKED_REQUEST_FIELDS]: (typeof REQUEST_FIELD_KINDS)[(typeof CHECKED_REQUEST_FIELDS)[F]]['schema'] }
const checkedSchemas = Object.fromEntries(Object.entries(CHECKED_REQUEST_FIELDS).map(([field, kind]) => [field, REQUEST_FIELD_KINDS[kind].schema])) as CheckedSchemas

/** The checked fields alone: what io.ts requestProblem checks without this library (test/result/schema.test.ts compares them). */
export const checkedRequestSchema = z.object(checkedSchemas)

const { count, ms, msOrNull, msList } = Object.fromEntries(Object.entries(REQUEST_FIELD_KINDS).map(([kind, { schema }]) => [kind, schema])) as { [K in RequestFieldKind]: (typeof REQUEST_FIELD_KINDS)[K]['schema'] }

export const errorKindSchema = z.enum([
  'http', // the server answered with a non-2xx status
  'timeout', // one of the workload's timeouts fired (see `timeout`)
  'connection', // refused, reset, closed mid-stream
  'protocol', // a body we could not read as the API's stream (bad JSON, wrong content type)
  'server', // the stream carried an error object
  'cancelled', // the run was interrupted while this request was in flight
  'unknown' // imported from another tool, which gave only a message
])

export const timeoutPhaseSchema = z.enum(['connect', 'first_token', 'idle', 'request'])

export const requestErrorSchema = z.object({
  kind: errorKindSchema,
  /** HTTP status, for `http`. */
  status: z.number().int().optional(),
  /** Which timeout fired, for `timeout`. */
  timeout: timeoutPhaseSchema.optional(),
  /** What happened, with server text truncated; never a header value. */
  message: z.string()
})

export const outputTokensSourceSchema = z.enum([
  'usage', // usage.completion_tokens of the OpenAI usage chunk
  'details', // details.generated_tokens of TGI's final event
  'events', // no count from the server: the number of content-bearing events
  'imported' // as the tool the result was imported from reported it
])

export const inputTokensSourceSchema = z.enum(['usage', 'details', 'estimate', 'imported'])

/**
 * One measured request. Times are relative to the trial's start (`scheduled_ms`, `sent_ms`,
 * `end_ms`) or to the write (`ttft_ms`, `e2e_ms`). Metric definitions: docs/metrics.md.
 */
export const requestRecordSchema = z
  .object({
    ...checkedRequestSchema.shape,
    /** When the schedule said to send it (closed loop: when a slot became free). */
    scheduled_ms: ms,
    /** When the request was written on an open connection; null if it never was. */
    sent_ms: msOrNull,
    /** When the request finished (response end, or failure), from the trial's start: the trial's duration ends at the last of these. */
    end_ms: ms,
    /** gap / tokens carried, where the server said how many tokens an event carried. */
    itl_token_ms: msList.optional(),
    input_tokens_source: inputTokensSourceSchema,
    output_tokens_source: outputTokensSourceSchema,
    /** Events that carried generated content. */
    content_events: count,
    /** Content events that arrived in the same read as the one before them (their gap is 0 by measurement, not by guess). */
    coalesced_events: count,
    /** The stream's end marker (`[DONE]`, or TGI's final event) was seen. */
    done: z.boolean(),
    finish_reason: z.string().nullable().optional(),
    error: requestErrorSchema.optional()
  })
  .superRefine((record, context) => {
    const problem = successProblem(record)
    if (problem !== null) context.addIssue({ code: 'custom', path: [problem.field], message: problem.message })
  })

/** What a successful record must hold beyond its fields' kinds: a first token, and an end not before it. */
export function successProblem(record: { ok: boolean; ttft_ms: number | null; e2e_ms: number | null }): { field: 'ttft_ms' | 'e2e_ms'; message: string } | null {
  if (!record.ok) return null
  if (record.ttft_ms === null) return { field: 'ttft_ms', message: 'ok is true, so the request had a first token: expected its time, not null' }
  if (record.e2e_ms === null) return { field: 'e2e_ms', message: 'ok is true, so the request ended: expected its time, not null' }
  if (record.e2e_ms < record.ttft_ms) return { field: 'e2e_ms', message: `expected at least ttft_ms (${record.ttft_ms}): the last token cannot come before the first` }
  return null
}

const statistic = z.number().nullable()
/** count, mean, sample stddev, min, percentiles (linear interpolation, numpy's default), max; all but count null for an empty sample. */
export const distributionSchema = z.object({
  count,
  mean: statistic,
  stddev: statistic,
  min: statistic,
  p50: statistic,
  p90: statistic,
  p95: statistic,
  p99: statistic,
  max: statistic
})

const rate = z.number().min(0)
const scalars = {
  request_throughput: rate,
  output_throughput: rate,
  total_throughput: rate,
  /** Requests meeting every SLO per second; null when the workload sets no SLO. */
  goodput: rate.nullable(),
  error_rate: z.number().min(0).max(1)
}

/** The per-request distributions every summary holds. */
const distributions = {
  ttft_ms: distributionSchema,
  tpot_ms: distributionSchema,
  itl_ms: distributionSchema,
  e2e_ms: distributionSchema,
  /** client_queue_ms over the measured requests (docs/metrics.md). */
  schedule_lag_ms: distributionSchema
}

const counts = { sent: count, completed: count, failed: count }

export const trialSummarySchema = z.object({
  ...distributions,
  ...scalars,
  ...counts,
  total_input_tokens: count,
  total_output_tokens: count,
  /** Requests sent per second over the span of sends; compared with target_rate for validity. */
  achieved_rate: rate.nullable(),
  /** The open loop's mean target rate; null for a closed loop. */
  target_rate: rate.nullable(),
  output_tokens_source: z.union([outputTokensSourceSchema, z.literal('mixed')]).nullable()
})

export const runSummarySchema = z.object({ ...distributions, ...scalars, ...counts })

/** What the client's machine did during a trial's measured requests (measured by runner/host-load.ts). */
export const hostLoadSchema = z.object({
  /** Share of the machine's CPU time the hypervisor gave to other guests; null where /proc/stat is not readable. */
  cpu_steal: z.number().min(0).max(1).nullable(),
  /** CPU time of the client process per second of the trial; 1 is one core. */
  client_cpu: z.number().min(0),
  /** Share of the trial the client's event loop was busy. */
  event_loop_utilization: z.number().min(0).max(1)
})

export const trialResultSchema = z.object({
  index: count,
  started_at: z.string(),
  duration_s: z.number().min(0),
  /** Set when the run was stopped before this trial finished. */
  interrupted: z.boolean().optional(),
  /** Which URL this trial ran against (an `ab` run alternates). */
  url: z.string().optional(),
  /** Absent in imported results. */
  host: hostLoadSchema.optional(),
  requests: z.array(requestRecordSchema),
  summary: trialSummarySchema
})

export const serverInfoSchema = z.object({
  url: z.string(),
  model: z.string().nullable(),
  version: z.string().nullable(),
  /** The engine as far as we can tell from its answers (vllm, tgi, llama.cpp, llm-perf-gate-simulator...). */
  engine: z.string().nullable().optional(),
  /** Models listed by /v1/models. */
  models: z.array(z.string()).optional()
})

export const gpuInfoSchema = z.object({
  name: z.string(),
  memory_total_mib: z.number().nullable(),
  driver_version: z.string().nullable()
})

export const runnerInfoSchema = z.object({
  os: z.string(),
  release: z.string(),
  arch: z.string(),
  cpu_model: z.string(),
  cpu_count: count,
  node: z.string()
})

export const environmentSchema = z.object({ server: serverInfoSchema, gpu: z.array(gpuInfoSchema), runner: runnerInfoSchema })

/**
 * Set by `ab` on both of its results: their trials with the same `index` ran back to back, in
 * alternating order, and form a pair (compare's paired tests use that).
 */
export const pairingSchema = z.object({
  /** Names the `ab` run; both results of one run carry the same. */
  run: z.string().min(1),
  side: z.enum(['baseline', 'candidate'])
})

/**
 * The workload as written into the result: a run writes the normalised workload (config/workload.ts);
 * an importer writes the other tool's settings under other names, so every field but the two that
 * name and identify it is optional here.
 */
type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T
type ResultWorkload = { name: string; workload_hash: string } & DeepPartial<Omit<NormalisedWorkload, 'name' | 'workload_hash'>> & Record<string, unknown>
const workloadSchema = z.looseObject({ name: z.string(), workload_hash: z.string().startsWith('sha256:') }) as unknown as z.ZodType<ResultWorkload>

export const resultFileSchema = z.object({
  schema: z.literal(RESULT_SCHEMA, { error: `expected "${RESULT_SCHEMA}"` }),
  definitions: z.number(),
  tool: z.object({ name: z.string(), version: z.string() }),
  created_at: z.string(),
  /** The normalised workload with `workload_hash`; header values are redacted. */
  workload: workloadSchema,
  environment: environmentSchema,
  /** True when the run was interrupted; the trials hold what was measured. */
  interrupted: z.boolean().optional(),
  /** Present on the two results of an `ab` run. */
  pairing: pairingSchema.optional(),
  /** What the client saw of the server that is not an error: missing usage, missing [DONE], coalesced events. */
  notes: z.array(z.string()).optional(),
  trials: z.array(trialResultSchema),
  summary: runSummarySchema
})

/**
 * What a reader accepts: the file as written, less what older results and other tools' imports
 * may lack (their environment details, trial start times, token totals), with the request records
 * left to the fast check (io.ts) and the fields it reads.
 */
export const readableResultSchema = resultFileSchema.extend({
  created_at: z.string().optional(),
  environment: z.object({
    server: serverInfoSchema.extend({ version: serverInfoSchema.shape.version.optional() }),
    gpu: environmentSchema.shape.gpu.optional(),
    runner: runnerInfoSchema.partial().optional()
  }),
  trials: z.array(
    trialResultSchema.extend({
      started_at: z.string().optional(),
      requests: z.array(z.unknown()),
      summary: trialSummarySchema.partial({ sent: true, completed: true, failed: true, total_input_tokens: true, total_output_tokens: true, output_tokens_source: true })
    })
  ),
  summary: runSummarySchema.partial({ sent: true, completed: true, failed: true })
})
