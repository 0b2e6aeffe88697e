import type { RequestRecord, ResultFile, TrialResult } from './types.js'

/** What the notes read of the workload: its API and sampling, as a result file may hold them. */
type NotedSpec = Pick<ResultFile['workload'], 'api' | 'sampling'>

const percent = (part: number, whole: number): string => `${((100 * part) / whole).toFixed(1)}%`

/** What the notes count over the successful requests; kept as a run goes (trial-records.ts) or counted from records. */
export interface ServerTally {
  ok: number
  /** output_tokens_source 'events' */
  countedFromEvents: number
  /** input_tokens_source 'estimate' */
  estimatedInput: number
  noDone: number
  contentEvents: number
  coalescedEvents: number
  outputTokens: number
  /** output_tokens < max_tokens */
  short: number
}

export const emptyTally = (): ServerTally => ({ ok: 0, countedFromEvents: 0, estimatedInput: 0, noDone: 0, contentEvents: 0, coalescedEvents: 0, outputTokens: 0, short: 0 })

/** Adds one record to the tally; failed records do not count. */
export function tallyRecord(tally: ServerTally, r: RequestRecord): void {
  if (!r.ok) return
  tally.ok++
  if (r.output_tokens_source === 'events') tally.countedFromEvents++
  if (r.input_tokens_source === 'estimate') tally.estimatedInput++
  if (!r.done) tally.noDone++
  tally.contentEvents += r.content_events
  tally.coalescedEvents += r.coalesced_events
  tally.outputTokens += r.output_tokens
  if (r.output_tokens < r.max_tokens) tally.short++
}

export function addTallies(tallies: readonly ServerTally[]): ServerTally {
  const sum = emptyTally()
  for (const tally of tallies) for (const key of Object.keys(sum) as Array<keyof ServerTally>) sum[key] += tally[key]
  return sum
}

/**
 * What the server did that a reader of the numbers should know, recorded rather than guessed
 * around: no usage chunk (output tokens counted from events), no end marker, events that
 * arrived together or carried several tokens, outputs shorter than asked.
 */
export function observeServer(trials: readonly TrialResult[], spec: NotedSpec): string[] {
  const tally = emptyTally()
  for (const trial of trials) for (const record of trial.requests) tallyRecord(tally, record)
  return notesFromTally(tally, spec)
}

export function notesFromTally(tally: ServerTally, spec: NotedSpec): string[] {
  const { ok } = tally
  if (ok === 0) return []
  const notes: string[] = []
  const counted = tally.countedFromEvents
  if (counted > 0) notes.push(`${counted} of ${ok} successful requests had no token count from the server (no usage chunk): output_tokens is their number of content events`)
  const estimated = tally.estimatedInput
  if (estimated > 0) notes.push(`${estimated} of ${ok} successful requests had no prompt token count from the server: input_tokens is the client's estimate`)
  const noDone = tally.noDone
  if (noDone > 0) notes.push(`${noDone} of ${ok} successful streams ended without their end marker (${spec.api === 'tgi' ? 'final details event' : 'data: [DONE]'})`)
  const events = tally.contentEvents
  const coalesced = tally.coalescedEvents
  // A share that rounds to 0.0% tells the reader nothing but "0.0%": left out.
  if (coalesced > 0 && percent(coalesced, events) !== '0.0%') notes.push(`${percent(coalesced, events)} of content events arrived in the same read as the event before them: their ITL is measured as 0`)
  const tokens = tally.outputTokens
  if (tokens > events * 1.05) notes.push(`events carried ${(tokens / events).toFixed(2)} tokens each on average (multi-token chunks): ITL is per event, itl_token_ms per token where the server said`)
  if (spec.sampling?.ignore_eos === true) {
    const short = tally.short
    if (short > 0) notes.push(`${short} of ${ok} requests returned fewer tokens than max_tokens although ignore_eos was sent: the server may not support ignore_eos`)
  }
  return notes
}
