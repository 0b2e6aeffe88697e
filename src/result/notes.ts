import type { ResultFile, TrialResult } from './types.js'

const percent = (part: number, whole: number): string => `${((100 * part) / whole).toFixed(1)}%`

/**
 * What the server did that a reader of the numbers should know, recorded rather than guessed
 * around: no usage chunk (output tokens counted from events), no end marker, events that
 * arrived together or carried several tokens, outputs shorter than asked.
 */
export function observeServer(trials: readonly TrialResult[], spec: Pick<ResultFile['workload'], 'api' | 'sampling'>): string[] {
  const ok = trials.flatMap((trial) => trial.requests).filter((record) => record.ok)
  if (ok.length === 0) return []
  const notes: string[] = []
  const counted = ok.filter((r) => r.output_tokens_source === 'events').length
  if (counted > 0) notes.push(`${counted} of ${ok.length} successful requests had no token count from the server (no usage chunk): output_tokens is their number of content events`)
  const estimated = ok.filter((r) => r.input_tokens_source === 'estimate').length
  if (estimated > 0) notes.push(`${estimated} of ${ok.length} successful requests had no prompt token count from the server: input_tokens is the client's estimate`)
  const noDone = ok.filter((r) => !r.done).length
  if (noDone > 0) notes.push(`${noDone} of ${ok.length} successful streams ended without their end marker (${spec.api === 'tgi' ? 'final details event' : 'data: [DONE]'})`)
  const events = ok.reduce((sum, r) => sum + r.content_events, 0)
  const coalesced = ok.reduce((sum, r) => sum + r.coalesced_events, 0)
  // A share that rounds to 0.0% tells the reader nothing but "0.0%": left out.
  if (coalesced > 0 && percent(coalesced, events) !== '0.0%') notes.push(`${percent(coalesced, events)} of content events arrived in the same read as the event before them: their ITL is measured as 0`)
  const tokens = ok.reduce((sum, r) => sum + r.output_tokens, 0)
  if (tokens > events * 1.05) notes.push(`events carried ${(tokens / events).toFixed(2)} tokens each on average (multi-token chunks): ITL is per event, itl_token_ms per token where the server said`)
  if (spec.sampling?.ignore_eos === true) {
    const short = ok.filter((r) => r.output_tokens < r.max_tokens).length
    if (short > 0) notes.push(`${short} of ${ok.length} requests returned fewer tokens than max_tokens although ignore_eos was sent: the server may not support ignore_eos`)
  }
  return notes
}
