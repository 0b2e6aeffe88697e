/**
 * The result file's types, inferred from its one description in schema.ts (docs/file-formats.md).
 * Field names are public and snake_case. Every time is in milliseconds from a monotonic clock.
 */
import type { z } from 'zod'
import type {
  distributionSchema,
  environmentSchema,
  errorGroupSchema,
  errorKindSchema,
  gpuInfoSchema,
  hostLoadSchema,
  inputTokensSourceSchema,
  outputTokensSourceSchema,
  pairingSchema,
  requestErrorSchema,
  requestRecordSchema,
  resultFileSchema,
  runnerInfoSchema,
  runSummarySchema,
  serverInfoSchema,
  timeoutPhaseSchema,
  trialResultSchema,
  trialSummarySchema,
  trialTelemetrySchema,
  turnSummarySchema
} from './schema.js'

export { DEFINITIONS_VERSION, RESULT_SCHEMA } from './schema.js'

/** @public named for importers (knip: kept though nothing here imports it) */
export type ErrorKind = z.output<typeof errorKindSchema>
export type TimeoutPhase = z.output<typeof timeoutPhaseSchema>
export type RequestError = z.output<typeof requestErrorSchema>
/** @public */
export type OutputTokensSource = z.output<typeof outputTokensSourceSchema>
/** @public */
export type InputTokensSource = z.output<typeof inputTokensSourceSchema>
/** One measured request (schema.ts requestRecordSchema). */
export type RequestRecord = z.output<typeof requestRecordSchema>
/** count, mean, sample stddev, min, percentiles (linear interpolation, numpy's default), max. */
export type Distribution = z.output<typeof distributionSchema>
export type TrialSummary = z.output<typeof trialSummarySchema>
export type RunSummary = z.output<typeof runSummarySchema>
/** What the client's machine did during a trial's measured requests (measured by runner/host-load.ts). */
export type HostLoad = z.output<typeof hostLoadSchema>
export type TrialResult = z.output<typeof trialResultSchema>
export type ServerInfo = z.output<typeof serverInfoSchema>
export type GpuInfo = z.output<typeof gpuInfoSchema>
export type RunnerInfo = z.output<typeof runnerInfoSchema>
export type Environment = z.output<typeof environmentSchema>
/** Set by `ab` on both of its results: trials with the same `index` form a pair. */
export type Pairing = z.output<typeof pairingSchema>
export type ResultFile = z.output<typeof resultFileSchema>
/** Failed requests alike in kind, status, timeout phase and message: result/error-summary.ts groups them. */
export type ErrorGroup = z.output<typeof errorGroupSchema>
/** TTFT by turn, in summaries of conversations (result/turns.ts). */
export type TurnSummary = z.output<typeof turnSummarySchema>
/** What the server and its GPUs did during a trial (docs/telemetry.md). */
export type TrialTelemetry = z.output<typeof trialTelemetrySchema>
