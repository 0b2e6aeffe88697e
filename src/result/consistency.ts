/**
 * Whether a result's stored trial summaries agree with its request records. `compare` takes its
 * latency statistics from the records (compare/trial-statistics.ts), but the per-trial scalars
 * (throughputs, error rate, goodput) and the report's details come from the summaries: a summary
 * that contradicts the records (a hand-edited file, records stripped or cut) is an input error,
 * never the ground for a verdict.
 */
import { InputError } from '../errors.js'
import type { ComparableResult, ComparableTrial } from './columns.js'

/** Stored figures are the arithmetic of the records, unrounded; this allows for a re-serialised float. */
const agrees = (stored: number, computed: number): boolean => Math.abs(stored - computed) <= 1e-9 * Math.max(1, Math.abs(computed))

function trialProblem(trial: ComparableTrial): string | null {
  const { summary, columns } = trial
  const problems: string[] = []
  const say = (field: string, stored: unknown, records: string): void => {
    problems.push(`summary.${field} is ${JSON.stringify(stored)}, but the request records give ${records}`)
  }
  for (const base of ['ttft_ms', 'tpot_ms', 'itl_ms', 'e2e_ms'] as const) {
    if (summary[base].count !== columns[base].length) say(`${base}.count`, summary[base].count, `${columns[base].length} values`)
  }
  if (summary.completed !== undefined && summary.completed !== columns.ok) say('completed', summary.completed, `${columns.ok} successful requests`)
  if (summary.sent !== undefined && (summary.sent < columns.ok || summary.sent > columns.records)) say('sent', summary.sent, `${columns.records} records, ${columns.ok} of them successful`)
  if (summary.sent !== undefined && summary.completed !== undefined) {
    if (summary.failed !== undefined && summary.failed !== summary.sent - summary.completed) say('failed', summary.failed, `${summary.sent - summary.completed} (sent - completed)`)
    const errorRate = summary.sent > 0 ? (summary.sent - summary.completed) / summary.sent : 0
    if (!agrees(summary.error_rate, errorRate)) say('error_rate', summary.error_rate, `${errorRate} (failed / sent)`)
  }
  if (summary.total_output_tokens !== undefined && summary.total_output_tokens !== columns.outputTokens) say('total_output_tokens', summary.total_output_tokens, `${columns.outputTokens}`)
  if (summary.total_input_tokens !== undefined && summary.total_input_tokens !== columns.inputTokens) say('total_input_tokens', summary.total_input_tokens, `${columns.inputTokens}`)
  const perSecond = (amount: number): number => (trial.duration_s > 0 ? amount / trial.duration_s : 0)
  const rates: Array<[string, number, number]> = [
    ['request_throughput', summary.request_throughput, perSecond(columns.ok)],
    ['output_throughput', summary.output_throughput, perSecond(columns.outputTokens)],
    ['total_throughput', summary.total_throughput, perSecond(columns.inputTokens + columns.outputTokens)]
  ]
  for (const [field, stored, computed] of rates) if (!agrees(stored, computed)) say(field, stored, `${computed} over duration_s ${trial.duration_s}`)
  if (summary.goodput !== null && summary.goodput > summary.request_throughput * (1 + 1e-9)) say('goodput', summary.goodput, `at most the request throughput, ${summary.request_throughput}`)
  return problems.length === 0 ? null : problems.join('; ')
}

/**
 * Throws an InputError naming the file, the trial and the field where a stored summary
 * contradicts the records, or a trial whose summary counts requests it does not hold.
 */
export function checkSummaries(result: ComparableResult, path: string, role: string): void {
  result.trials.forEach((trial, t) => {
    if (trial.columns.records === 0 && (trial.summary.sent ?? 0) + trial.summary.ttft_ms.count > 0) {
      throw new InputError(`${role} ${path} is not valid:\n  - trials[${t}].requests is empty, but its summary counts ${trial.summary.sent ?? trial.summary.ttft_ms.count} requests; expected the request records the summary was computed from (was the file written without them?)`)
    }
    const problem = trialProblem(trial)
    if (problem !== null) throw new InputError(`${role} ${path} is not valid:\n  - trials[${t}]: ${problem}; expected the summaries a run computes from its records (a hand-edited or truncated file?)`)
  })
}
