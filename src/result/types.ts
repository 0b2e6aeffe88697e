/**
 * The result file (SPEC §6, `schema: "llm-perf-gate/result@1"`). Field names are public and
 * snake_case as the SPEC writes them. Every time is in milliseconds from a monotonic clock.
 */

export const RESULT_SCHEMA = 'llm-perf-gate/result@1'
export const DEFINITIONS_VERSION = 1

export type ErrorKind =
  | 'http' // the server answered with a non-2xx status
  | 'timeout' // one of the workload's timeouts fired (see `timeout`)
  | 'connection' // refused, reset, closed mid-stream
  | 'protocol' // a body we could not read as the API's stream (bad JSON, wrong content type)
  | 'server' // the stream carried an error object
  | 'cancelled' // the run was interrupted while this request was in flight
  | 'unknown' // imported from another tool, which gave only a message

export type TimeoutPhase = 'connect' | 'first_token' | 'idle' | 'request'

export interface RequestError {
  kind: ErrorKind
  /** HTTP status, for `http`. */
  status?: number
  /** Which timeout fired, for `timeout`. */
  timeout?: TimeoutPhase
  /** What happened, with server text truncated; never a header value. */
  message: string
}

export type OutputTokensSource =
  | 'usage' // usage.completion_tokens of the OpenAI usage chunk
  | 'details' // details.generated_tokens of TGI's final event
  | 'events' // no count from the server: the number of content-bearing events
  | 'imported' // as the tool the result was imported from reported it

export type InputTokensSource = 'usage' | 'details' | 'estimate' | 'imported'

/** One measured request. Times are relative to the trial's start (`scheduled_ms`, `sent_ms`) or to the write (`ttft_ms`, `e2e_ms`). */
export interface RequestRecord {
  id: number
  /** When the schedule said to send it (closed loop: when a slot became free). */
  scheduled_ms: number
  /** When the request was written on an open connection; null if it never was. */
  sent_ms: number | null
  /** sent_ms - scheduled_ms: time the client held the request (SPEC §5). */
  client_queue_ms: number | null
  /** When the request finished (response end, or failure), from the trial's start: the trial's duration ends at the last of these. */
  end_ms: number
  ttft_ms: number | null
  e2e_ms: number | null
  tpot_ms: number | null
  /** Gaps between consecutive content-bearing events. */
  itl_ms: number[]
  /** gap / tokens carried, where the server said how many tokens an event carried. */
  itl_token_ms?: number[]
  input_tokens: number
  input_tokens_source: InputTokensSource
  output_tokens: number
  output_tokens_source: OutputTokensSource
  /** The output length the workload asked for. */
  max_tokens: number
  /** Events that carried generated content. */
  content_events: number
  /** Content events that arrived in the same read as the one before them (their gap is 0 by measurement, not by guess). */
  coalesced_events: number
  /** The stream's end marker (`[DONE]`, or TGI's final event) was seen. */
  done: boolean
  finish_reason?: string | null
  ok: boolean
  error?: RequestError
}

/** count, mean, sample stddev, min, percentiles (linear interpolation, numpy's default), max. */
export interface Distribution {
  count: number
  mean: number | null
  stddev: number | null
  min: number | null
  p50: number | null
  p90: number | null
  p95: number | null
  p99: number | null
  max: number | null
}

export interface RunScalars {
  request_throughput: number
  output_throughput: number
  total_throughput: number
  /** Requests meeting every SLO per second; null when the workload sets no SLO. */
  goodput: number | null
  error_rate: number
}

/** The per-request distributions every summary holds. */
export interface Distributions {
  ttft_ms: Distribution
  tpot_ms: Distribution
  itl_ms: Distribution
  e2e_ms: Distribution
  /** client_queue_ms over the measured requests (SPEC §5). */
  schedule_lag_ms: Distribution
}

export interface Counts {
  sent: number
  completed: number
  failed: number
}

export interface TrialSummary extends RunScalars, Distributions, Counts {
  total_input_tokens: number
  total_output_tokens: number
  /** Requests sent per second over the span of sends; compared with target_rate for validity. */
  achieved_rate: number | null
  /** The open loop's mean target rate; null for a closed loop. */
  target_rate: number | null
  output_tokens_source: OutputTokensSource | 'mixed' | null
}

/** What the client's machine did during a trial's measured requests (measured by runner/host-load.ts). */
export interface HostLoad {
  /** Share of the machine's CPU time the hypervisor gave to other guests; null where /proc/stat is not readable. */
  cpu_steal: number | null
  /** CPU time of the client process per second of the trial; 1 is one core. */
  client_cpu: number
  /** Share of the trial the client's event loop was busy. */
  event_loop_utilization: number
}

export interface TrialResult {
  index: number
  started_at: string
  duration_s: number
  /** Set when the run was stopped before this trial finished. */
  interrupted?: boolean
  /** Which URL this trial ran against (an `ab` run alternates). */
  url?: string
  /** What the client's machine did during the measured requests (runner/host-load.ts); absent in imported results. */
  host?: HostLoad
  requests: RequestRecord[]
  summary: TrialSummary
}

export interface RunSummary extends RunScalars, Distributions, Counts {}

export interface ServerInfo {
  url: string
  model: string | null
  version: string | null
  /** The engine as far as we can tell from its answers (vllm, tgi, llama.cpp, llm-perf-gate-simulator...). */
  engine?: string | null
  /** Models listed by /v1/models. */
  models?: string[]
}

export interface GpuInfo {
  name: string
  memory_total_mib: number | null
  driver_version: string | null
}

export interface RunnerInfo {
  os: string
  release: string
  arch: string
  cpu_model: string
  cpu_count: number
  node: string
}

export interface Environment {
  server: ServerInfo
  gpu: GpuInfo[]
  runner: RunnerInfo
}

/**
 * Set by `ab` on both of its results: their trials with the same `index` ran back to back, in
 * alternating order, and form a pair (compare's paired tests use that).
 */
export interface Pairing {
  /** Names the `ab` run; both results of one run carry the same. */
  run: string
  side: 'baseline' | 'candidate'
}

export interface ResultFile {
  schema: typeof RESULT_SCHEMA
  definitions: typeof DEFINITIONS_VERSION
  tool: { name: string; version: string }
  created_at: string
  /** The normalised workload with `workload_hash`; header values are redacted. */
  workload: { name: string; workload_hash: string; [key: string]: unknown }
  environment: Environment
  /** True when the run was interrupted; the trials hold what was measured. */
  interrupted?: boolean
  /** Present on the two results of an `ab` run. */
  pairing?: Pairing
  /** What the client saw of the server that is not an error: missing usage, missing [DONE], coalesced events. */
  notes?: string[]
  trials: TrialResult[]
  summary: RunSummary
}
