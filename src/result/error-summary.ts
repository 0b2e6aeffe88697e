import type { ErrorGroup, RequestRecord } from './types.js'

export type { ErrorGroup }

/** Groups kept in a result: enough for every distinct failure a real run shows; the rest are counted, not named. */
export const MAX_ERROR_GROUPS = 20
/** Groups a report or console summary lists; the rest are summed in one line. */
export const LISTED_ERROR_GROUPS = 5

/** Words holding a digit: counts, times, request ids (`chatcmpl-3fa9…`). */
const NUMBERED_WORD = /[A-Za-z0-9_.-]*\d[A-Za-z0-9_.-]*/g
/** Messages alike up to here are one failure: what follows is most often an excerpt of the stream, different every time. */
const KEY_LENGTH = 80
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g

/**
 * Failed requests grouped by kind, status, timeout phase and message, most frequent first (ties
 * by first appearance). Messages are compared without their numbers and ids and only over their
 * first 80 characters ("event 3 is not valid JSON …: {"id":"chatcmpl-9f…" and "event 9 …" are
 * one failure); each group keeps the first message as its example. Cancelled requests are not
 * failures (the user stopped them) and are left out.
 */
export function summarizeErrors(records: Iterable<RequestRecord>, limit = MAX_ERROR_GROUPS): ErrorGroup[] {
  const tally = new ErrorTally()
  let position = 0
  for (const record of records) tally.add(record, position++)
  return topErrorGroups([tally.groups()], limit)
}

const groupKey = (error: Pick<ErrorGroup, 'kind' | 'status' | 'timeout' | 'message'>): string =>
  `${error.kind}\u0000${error.status ?? ''}\u0000${error.timeout ?? ''}\u0000${error.message.replace(NUMBERED_WORD, '#').slice(0, KEY_LENGTH)}`

/**
 * summarizeErrors kept as records arrive in any order: each group remembers the record with the
 * lowest `position` (its id in the trial), whose message it keeps and by which it is ordered, so
 * the groups come out as summarizeErrors would give them for the records in position order.
 */
export class ErrorTally {
  private readonly byKey = new Map<string, { group: ErrorGroup; first: number }>()

  add(record: RequestRecord, position: number): void {
    if (record.ok || record.error?.kind === 'cancelled') return
    const error = record.error ?? { kind: 'unknown' as const, message: 'failed without an error record' }
    const key = groupKey({ ...error, message: String(error.message) })
    const entry = this.byKey.get(key)
    const group = (): ErrorGroup => ({ kind: error.kind, ...(error.status !== undefined ? { status: error.status } : {}), ...(error.timeout !== undefined ? { timeout: error.timeout } : {}), message: String(error.message), count: entry === undefined ? 1 : entry.group.count + 1 })
    if (entry === undefined) this.byKey.set(key, { group: group(), first: position })
    else if (position < entry.first) this.byKey.set(key, { group: group(), first: position })
    else entry.group.count++
  }

  /** Every group, in the order of its first record; not cut to a limit. */
  groups(): ErrorGroup[] {
    return [...this.byKey.values()].sort((a, b) => a.first - b.first).map((entry) => ({ ...entry.group }))
  }
}

/**
 * The groups of several trials (each list in its order of first appearance, as ErrorTally gives
 * it) as summarizeErrors gives them for the trials' records one trial after another: most
 * frequent first, ties by first appearance, at most `limit`.
 */
export function topErrorGroups(trials: ReadonlyArray<readonly ErrorGroup[]>, limit = MAX_ERROR_GROUPS): ErrorGroup[] {
  const merged = new Map<string, ErrorGroup>()
  for (const groups of trials) {
    for (const group of groups) {
      const key = groupKey(group)
      const known = merged.get(key)
      if (known !== undefined) known.count += group.count
      else merged.set(key, { ...group })
    }
  }
  // Array.prototype.sort is stable: equal counts keep their order of first appearance.
  return [...merged.values()].sort((a, b) => b.count - a.count).slice(0, limit)
}

/** "http 500", "timeout (idle)", "protocol". */
export function errorLabel(group: Pick<ErrorGroup, 'kind' | 'status' | 'timeout'>): string {
  if (group.kind === 'http' && group.status !== undefined) return `http ${group.status}`
  if (group.kind === 'timeout' && group.timeout !== undefined) return `timeout (${group.timeout})`
  return group.kind
}

const isGroup = (value: unknown): value is ErrorGroup => {
  if (value === null || typeof value !== 'object') return false
  const group = value as Record<string, unknown>
  return typeof group.kind === 'string' && typeof group.message === 'string' && typeof group.count === 'number' && Number.isFinite(group.count) && group.count > 0
}

/** What a result says about its failures: `summary.errors`, else its records (results written before it existed), else nothing known. */
export function errorGroupsOf(result: { summary: object; trials: readonly object[] }): ErrorGroup[] {
  const stored = (result.summary as { errors?: unknown }).errors
  // A result file is outside input: a malformed list is ignored rather than trusted.
  if (Array.isArray(stored)) return stored.filter(isGroup)
  const trials = result.trials as ReadonlyArray<{ requests?: unknown }>
  if (trials.every((trial) => Array.isArray(trial.requests))) return summarizeErrors(trials.flatMap((trial) => trial.requests as RequestRecord[]))
  return []
}

export interface ErrorLines {
  /** One line per listed group: `12× http 500: CUDA out of memory`. */
  lines: string[]
  /** Failed requests in groups not listed. */
  others: number
}

/**
 * The most frequent groups as plain lines (the caller escapes them for Markdown) and the count of
 * failures left unlisted. `failed` is the result's count of failed requests.
 */
export function errorLines(groups: readonly ErrorGroup[], failed: number, listed = LISTED_ERROR_GROUPS): ErrorLines {
  const shown = groups.slice(0, listed)
  // Server text reaches a terminal too: control characters (an ANSI escape) are dropped.
  const lines = shown.map((group) => `${group.count}× ${errorLabel(group)}: ${group.message}`.replace(CONTROL, ''))
  const counted = shown.reduce((sum, group) => sum + group.count, 0)
  return { lines, others: Math.max(0, failed - counted) }
}

/** Trials whose error rate is above `maxErrorRate` (the thresholds' validity.max_error_rate). */
export function trialsOverErrorRate(trials: ReadonlyArray<{ index: number; summary: { error_rate: number } }>, maxErrorRate: number): Array<{ index: number; errorRate: number }> {
  return trials.filter((trial) => trial.summary.error_rate > maxErrorRate).map((trial) => ({ index: trial.index, errorRate: trial.summary.error_rate }))
}
