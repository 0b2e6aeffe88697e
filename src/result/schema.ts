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
/**
 * No time in a result can be longer than this (about 115 days; a request times out within a day
 * and a ramp lasts at most a week, config/workload-bounds.ts): a larger one is a damaged or forged
 * file, and its squares would overflow the statistics.
 */
export const MAX_MS = 1e10
const milliseconds = (value: unknown): value is number => finiteAtLeastZero(value) && value <= MAX_MS
export const REQUEST_FIELD_KINDS = {
  count: { schema: z.number().int().min(0), check: (value: unknown) => finiteAtLeastZero(value) && Number.isInteger(value), expected: 'an integer >= 0' },
  ms: { schema: z.number().min(0).max(MAX_MS), check: milliseconds, expected: 'a number of milliseconds from 0 to 1e10' },
  msOrNull: { schema: z.number().min(0).max(MAX_MS).nullable(), check: (value: unknown) => value === null || milliseconds(value), expected: 'a number of milliseconds from 0 to 1e10, or null' },
  flag: { schema: z.boolean(), check: (value: unknown) => typeof value === 'boolean', expected: 'true or false' },
  msList: { schema: z.array(z.number().min(0).max(MAX_MS)), check: (value: unknown) => Array.isArray(value), expected: 'an array of numbers of milliseconds from 0 to 1e10' }
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
    error: requestErrorSchema.optional(),
    /** Where the request sits in a conversation (`prompts.source: conversations`, docs/workloads.md); absent on single-turn requests. Both count from 0. */
    conversation: count.optional(),
    /** The turn's index in its conversation: 0 is the first turn, whose prompt no earlier answer precedes. */
    turn: count.optional()
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

/** TTFT by turn, in summaries of conversations (result/turns.ts): later turns find their history in a prefix cache. */
export const turnSummarySchema = z.object({
  /** Conversations with at least one turn sent. */
  count,
  /** TTFT of successful first turns, and of every later turn. */
  ttft_first_turn_ms: distributionSchema,
  ttft_later_turns_ms: distributionSchema,
  /** Per turn index (from 0): successful requests, their TTFT, and their mean input length (the history grows). */
  by_turn: z.array(z.object({ turn: count, requests: count, ttft_ms: distributionSchema, input_tokens_mean: z.number().nullable() }))
})

/** Present in the summaries of a run of conversations only. */
const conversationSummary = { conversations: turnSummarySchema.optional() }

/** Failed requests alike in kind, status, timeout phase and message (numbers aside): result/error-summary.ts. */
export const errorGroupSchema = z.object({
  kind: errorKindSchema,
  status: z.number().int().optional(),
  timeout: timeoutPhaseSchema.optional(),
  /** The first such request's message. */
  message: z.string(),
  count
})

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
  output_tokens_source: z.union([outputTokensSourceSchema, z.literal('mixed')]).nullable(),
  ...conversationSummary
})

export const runSummarySchema = z.object({
  ...distributions,
  ...scalars,
  ...counts,
  ...conversationSummary,
  /** The run's failures, most frequent first (at most 20 groups); absent when none failed and in results written before it existed. */
  errors: z.array(errorGroupSchema).optional()
})

/** What the client's machine did during a trial's measured requests (measured by runner/host-load.ts). */
export const hostLoadSchema = z.object({
  /** Share of the machine's CPU time the hypervisor gave to other guests; null where /proc/stat is not readable. */
  cpu_steal: z.number().min(0).max(1).nullable(),
  /** CPU time of the client process per second of the trial; 1 is one core. */
  client_cpu: z.number().min(0),
  /** Share of the trial the client's event loop was busy. */
  event_loop_utilization: z.number().min(0).max(1)
})

/** A gauge over the trial: the mean and the largest of the scrapes, and the last one. */
const gaugeSummarySchema = z.object({ kind: z.literal('gauge'), mean: z.number(), max: z.number(), last: z.number() })
/** A counter's increase over the trial; a counter that went down was reset, and counts again from zero. */
const counterSummarySchema = z.object({ kind: z.literal('counter'), delta: z.number() })
export const serverMetricSummarySchema = z.discriminatedUnion('kind', [gaugeSummarySchema, counterSummarySchema])

const nullableNumber = z.number().nullable()
/** One GPU over the trial; null where nvidia-smi reported the field as not available. */
export const gpuTrialSummarySchema = z.object({
  index: count,
  name: z.string(),
  utilization_pct: z.object({ mean: nullableNumber, max: nullableNumber }),
  memory_used_mib: z.object({ max: nullableNumber }),
  power_w: z.object({ mean: nullableNumber }),
  sm_clock_mhz: z.object({ mean: nullableNumber, min: nullableNumber }),
  temperature_c: z.object({ max: nullableNumber }),
  /** Every clock event reason seen active in the trial (gpu_idle left out), e.g. sw_thermal, sw_power_cap. */
  throttle_reasons: z.array(z.string())
})

/** One GPU at one moment. */
export const gpuReadingSchema = z.object({
  index: count,
  utilization_pct: nullableNumber,
  memory_used_mib: nullableNumber,
  power_w: nullableNumber,
  sm_clock_mhz: nullableNumber,
  temperature_c: nullableNumber,
  throttle_reasons: z.array(z.string())
})

/** One moment of the trial, at most one per interval: gauges as read, counters as their increase since the trial's start. */
export const telemetrySampleSchema = z.object({
  /** From the trial's start. */
  t_ms: z.number(),
  server_metrics: z.record(z.string(), z.number()).optional(),
  gpu: z.array(gpuReadingSchema).optional()
})

/** What the server and its GPUs did while a trial's measured requests ran (docs/telemetry.md); absent where nothing could be observed. */
export const trialTelemetrySchema = z.object({
  interval_ms: z.number().min(0),
  /** Known metric names (docs/telemetry.md) that the server exposed. */
  server_metrics: z.record(z.string(), serverMetricSummarySchema).optional(),
  gpu: z.array(gpuTrialSummarySchema).optional(),
  samples: z.array(telemetrySampleSchema),
  /** Scrapes not started because the previous one was still outstanding, or that failed or ran past their deadline. */
  missed_scrapes: count.optional()
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
  /** What the server and its GPUs did during the measured requests (docs/telemetry.md). */
  telemetry: trialTelemetrySchema.optional(),
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
  models: z.array(z.string()).optional(),
  /** The weights' revision where the server reports one (TGI `model_sha`, SGLang `revision`). */
  model_revision: z.string().nullable().optional(),
  /** Launch flags as the workload states them (`server.args`); values of secret-looking flags are redacted. */
  args: z.array(z.string()).optional(),
  /** A small documented set of settings the server reports about itself (docs/fingerprint.md), e.g. `max_model_len`, `tp_size`. */
  settings: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional()
})

/** One entry per device, as `nvidia-smi` or `rocm-smi` lists them: the count is the array's length. */
export const gpuInfoSchema = z.object({
  name: z.string(),
  memory_total_mib: z.number().nullable(),
  driver_version: z.string().nullable(),
  /** The CUDA version the driver supports (`nvidia-smi --version`); null for AMD or when not reported. */
  cuda_version: z.string().nullable().optional(),
  vendor: z.enum(['nvidia', 'amd']).optional()
})

export const runnerInfoSchema = z.object({
  os: z.string(),
  release: z.string(),
  arch: z.string(),
  cpu_model: z.string(),
  cpu_count: count,
  node: z.string(),
  /** `RUNNER_NAME` of a GitHub Actions runner; null elsewhere. */
  name: z.string().nullable().optional(),
  /** From `LLM_PERF_GATE_RUNNER_LABELS` (comma-separated): the runner does not expose its labels to a job. */
  labels: z.array(z.string()).optional()
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
