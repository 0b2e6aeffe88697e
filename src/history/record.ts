/**
 * One run's line in a performance history (docs/history.md, `schema: "llm-perf-gate/history@1"`): what
 * identifies the run and its setting, and every trial's value of every statistic `compare` can
 * gate, without the request arrays. Field names are public.
 */
import { createHash } from 'node:crypto'
import { ALL_METRIC_NAMES, parseMetricName } from '../metrics/metric-names.js'
import type { ResultLike } from '../result/columns.js'
import { hardwareKey } from './hardware.js'

export const HISTORY_SCHEMA = 'llm-perf-gate/history@1'

export interface HistoryMetric {
  /** The run's value, as compare reports it: pooled over the trials (distributions) or their mean (scalars). */
  run: number | null
  /** Each trial's value, in trial order. */
  trials: Array<number | null>
}

export interface HistoryRecord {
  schema: typeof HISTORY_SCHEMA
  /** Identifies the run: the same result appended twice has the same id (see runId). */
  id: string
  workload: { name: string; workload_hash: string }
  /** hardwareKey(environment): runs are comparable only on the same hardware. */
  hardware: string
  /** The result's environment without what changes from run to run for no reason (the URL) or is bulky (the model list). */
  environment: Record<string, unknown>
  commit: string | null
  ref: string | null
  /** When the run was measured (the result's created_at). */
  created_at: string
  tool_version: string
  definitions: number
  trials: number
  /** Set when the run was interrupted. */
  interrupted?: true
  /** Keyed by metric name (`ttft_ms.p50`, `output_throughput`, ...): every name compare can gate. */
  metrics: Record<string, HistoryMetric>
}

/** Six significant figures: a millionth of the value, far below any run-to-run noise, and half the bytes of a double. */
const compact = (value: number | null | undefined): number | null => (value === null || value === undefined || !Number.isFinite(value) ? null : Number(value.toPrecision(6)))

function metricValues(result: ResultLike): Record<string, HistoryMetric> {
  const metrics: Record<string, HistoryMetric> = {}
  for (const name of ALL_METRIC_NAMES) {
    const metric = parseMetricName(name)!
    const of = (summary: ResultLike['summary'] | ResultLike['trials'][number]['summary']): number | null => compact(metric.kind === 'distribution' ? summary[metric.base][metric.statistic] : summary[metric.base])
    metrics[name] = { run: of(result.summary), trials: result.trials.map((trial) => of(trial.summary)) }
  }
  return metrics
}

/**
 * A run's identity: a hash of when it was made, what it ran, when each trial started and what
 * it measured. The same result file always gives the same id; two runs never share one.
 */
export function runId(result: ResultLike): string {
  const hash = createHash('sha256')
  hash.update(`${result.created_at}\u0000${result.workload.workload_hash}`)
  for (const trial of result.trials) hash.update(`\u0000${trial.started_at}`)
  for (const [name, metric] of Object.entries(metricValues(result))) hash.update(`\u0000${name}=${metric.run}`)
  return `sha256:${hash.digest('hex').slice(0, 24)}`
}

const DROPPED_SERVER_FIELDS = new Set(['url', 'models'])
const MAX_STRING = 200
const MAX_ITEMS = 32

/** A bounded copy: strings cut to 200 characters, arrays to 32 items, nesting to 4 levels. */
function bounded(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING - 1)}…` : value
  if (value === null || typeof value !== 'object') return typeof value === 'number' || typeof value === 'boolean' ? value : null
  if (depth >= 4) return null
  if (Array.isArray(value)) return value.slice(0, MAX_ITEMS).map((item) => bounded(item, depth + 1))
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, bounded(item, depth + 1)]))
}

/** The environment fingerprint a history keeps: the result's environment less the URL and the list of served models. */
export function environmentFingerprint(environment: ResultLike['environment']): Record<string, unknown> {
  const { server, ...rest } = environment as unknown as { server?: Record<string, unknown> } & Record<string, unknown>
  const kept = server === undefined ? {} : Object.fromEntries(Object.entries(server).filter(([key]) => !DROPPED_SERVER_FIELDS.has(key)))
  return bounded({ server: kept, ...rest }, 0) as Record<string, unknown>
}

export interface RecordOptions {
  commit?: string | null
  ref?: string | null
}

/** The history line for a result. */
export function historyRecordOf(result: ResultLike, options: RecordOptions = {}): HistoryRecord {
  return {
    schema: HISTORY_SCHEMA,
    id: runId(result),
    workload: { name: result.workload.name, workload_hash: result.workload.workload_hash },
    hardware: hardwareKey(result.environment),
    environment: environmentFingerprint(result.environment),
    commit: options.commit ?? null,
    ref: options.ref ?? null,
    created_at: result.created_at,
    tool_version: result.tool.version,
    definitions: result.definitions,
    trials: result.trials.length,
    ...(result.interrupted === true ? { interrupted: true as const } : {}),
    metrics: metricValues(result)
  }
}

/** Where the commit and ref come from when not given: the Actions environment (GITHUB_SHA, GITHUB_REF). */
export function commitAndRef(options: RecordOptions, env: NodeJS.ProcessEnv): { commit: string | null; ref: string | null } {
  return {
    commit: options.commit ?? (env.GITHUB_SHA || null),
    ref: options.ref ?? (env.GITHUB_REF || null)
  }
}
