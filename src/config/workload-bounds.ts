import { InputError } from '../errors.js'

/**
 * Upper (and a few lower) bounds on workload values. Each is far beyond a real benchmark; they
 * exist so a typo (`requests: 1e12`) or a hostile file is refused with a message instead of
 * ending in an out-of-memory abort, a timer overflow or a busy loop. docs/reliability.md lists them.
 */
export const WORKLOAD_BOUNDS = {
  trials: 1000,
  requests: 1_000_000,
  warmup: 100_000,
  /** Each request in flight holds a connection. */
  concurrency: 10_000,
  rate: 100_000,
  /** One request per 1,000 s: a smaller rate leaves the client waiting for days between sends. */
  minRate: 0.001,
  burstiness: { min: 0.01, max: 100 },
  rampStages: 100,
  stageSeconds: 86_400,
  /** Node's timers hold at most 24.8 days; a ramp is kept well inside that. */
  rampSeconds: 7 * 86_400,
  inputTokens: 10_000_000,
  outputTokens: 1_000_000,
  timeoutSeconds: 86_400,
  /** A trial's request bodies are built before its clock starts (measured: about 11 bytes of heap per prompt token). */
  trialBodyBytes: 1024 ** 3,
  /**
   * A run keeps an inter-token gap per output token in memory (4 bytes, 8 while it is summarised:
   * docs/scale.md), and `compare` reads the result file, about 7 bytes a token, whole; the file
   * itself is written as a stream, with no bound of its own.
   */
  runOutputTokens: 200_000_000
} as const

/** Synthetic prompts: measured about 11 bytes of heap per token, the prompt and its serialised body together. */
const BYTES_PER_PROMPT_TOKEN = 11

/** A request's prompt in heap bytes: synthetic from its token count, from a file from its text (each body copies it, two bytes a character at worst). */
export function promptBytes(synthetic: { inputTokensMean: number } | { filePromptChars: number }): number {
  return 'inputTokensMean' in synthetic ? synthetic.inputTokensMean * BYTES_PER_PROMPT_TOKEN : synthetic.filePromptChars * 2
}

export interface BudgetInput {
  trials: number
  requests: number
  warmup: number
  /** Heap bytes one request's prompt takes, planned and serialised (promptBytes). */
  promptBytes: number
  outputTokensMean: number
  extraBodyBytes: number
}

/** The bounds that depend on several fields at once; a message naming them, or null. */
export function budgetProblem(input: BudgetInput): string | null {
  const perBody = input.promptBytes + 2 * input.extraBodyBytes
  const bodies = Math.max(input.requests, input.warmup) * perBody
  if (bodies > WORKLOAD_BOUNDS.trialBodyBytes) {
    return `requests × prompt size: a trial's request bodies would take about ${(bodies / 1024 ** 3).toFixed(1)} GiB of memory (${Math.max(input.requests, input.warmup)} requests × ${Math.round(perBody)} bytes), built before the trial starts; at most 1 GiB: use fewer requests per trial and more trials, or shorter prompts`
  }
  const outputTokens = input.trials * input.requests * input.outputTokensMean
  if (outputTokens > WORKLOAD_BOUNDS.runOutputTokens) {
    return `trials × requests × output_tokens: ${outputTokens.toExponential(2)} output tokens in one run; at most ${WORKLOAD_BOUNDS.runOutputTokens.toLocaleString('en-US')}, since the run keeps an inter-token gap per token in memory and compare reads the result file whole (about 1.6 GB of memory at this bound): split it into several runs`
  }
  return null
}

/** Throws the InputError for a workload that passes every field's own bound but not the combined ones. */
export function checkBudgets(input: BudgetInput, source: string): void {
  const problem = budgetProblem(input)
  if (problem !== null) throw new InputError(`workload ${source} is not valid:\n  - ${problem}`)
}
