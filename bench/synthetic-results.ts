/**
 * Result files shaped like real serving, for calibrating and testing the comparison without a
 * GPU: each trial has its own speed (run-to-run drift), latencies inside a trial are
 * autocorrelated (batching and queueing move neighbours together), tails are heavy, and values
 * can be rounded to whole milliseconds (ties, as tools that print ms produce).
 */
import { DEFINITIONS_VERSION, RESULT_SCHEMA, type Pairing, type RequestRecord, type ResultFile, type TrialResult } from '../src/result/types.js'
import { summarizeRun, summarizeTrial } from '../src/result/summary.js'
import { Random } from '../src/random.js'

export interface SyntheticSpec {
  seed: number
  trials: number
  requestsPerTrial: number
  /** Median TTFT and TPOT at speed 1. */
  ttftMs: number
  tpotMs: number
  outputTokens: number
  inputTokens: number
  /** Requests in flight (the closed loop that sets the trial's timeline and throughput). */
  concurrency: number
  /** Log-sd of each trial's speed factor: 0.05 is about 5% run-to-run drift. */
  trialDrift: number
  /**
   * Drift of the runner that trial i of every result made with the same `seed` shares, as the
   * two sides of one `ab` run do: log-sd `sd`, one draw per trial index.
   */
  sharedDrift?: { seed: number; sd: number }
  /** Marks the result as one side of an `ab` run. */
  pairing?: Pairing
  /** AR(1) coefficient of log latency from one request to the next inside a trial. */
  autocorrelation: number
  /** Log-sd of per-request noise (stationary). */
  requestNoise: number
  /** Probability that a request lands in the heavy tail, and the tail's Pareto shape. */
  tailProbability: number
  tailShape: number
  /** Round latencies to this many ms (0: no rounding). */
  roundingMs: number
  /** Multiplies TTFT and TPOT (1.25: a 25% regression). */
  slowdown: { ttft: number; tpot: number }
  workloadHash?: string
  model?: string
}

export const SERVING_LIKE: Omit<SyntheticSpec, 'seed' | 'trials' | 'slowdown'> = {
  requestsPerTrial: 200,
  ttftMs: 45,
  tpotMs: 8,
  outputTokens: 32,
  inputTokens: 512,
  concurrency: 16,
  trialDrift: 0.05,
  autocorrelation: 0.8,
  requestNoise: 0.15,
  tailProbability: 0.02,
  tailShape: 2,
  roundingMs: 1,
  workloadHash: 'sha256:synthetic-serving-like'
}

const round = (value: number, step: number): number => (step > 0 ? Math.max(step, Math.round(value / step) * step) : value)
/** Times as `run` writes them: to the microsecond. */
const us = (value: number): number => Math.round(value * 1000) / 1000

function trial(spec: SyntheticSpec, index: number, random: Random, shared: number): TrialResult {
  const speed = shared * Math.exp(spec.trialDrift * random.normal())
  const phi = spec.autocorrelation
  // Innovations scaled so the stationary log-sd is requestNoise whatever the autocorrelation.
  const innovation = spec.requestNoise * Math.sqrt(1 - phi * phi)
  let ttftState = spec.requestNoise * random.normal()
  let tpotState = spec.requestNoise * random.normal()
  const workers = new Float64Array(spec.concurrency)
  const records: RequestRecord[] = []
  for (let id = 0; id < spec.requestsPerTrial; id++) {
    ttftState = phi * ttftState + innovation * random.normal()
    tpotState = phi * tpotState + innovation * random.normal()
    const tail = random.uniform() < spec.tailProbability ? Math.pow(1 - random.uniform(), -1 / spec.tailShape) : 1
    const ttft = round(spec.ttftMs * spec.slowdown.ttft * speed * Math.exp(ttftState) * tail, spec.roundingMs)
    const tpot = spec.tpotMs * spec.slowdown.tpot * speed * Math.exp(tpotState)
    const itl: number[] = []
    for (let token = 1; token < spec.outputTokens; token++) itl.push(us(round(tpot * Math.exp(0.2 * random.normal()), spec.roundingMs > 0 ? spec.roundingMs / 10 : 0)))
    const decode = itl.reduce((sum, gap) => sum + gap, 0)
    const e2e = ttft + decode
    // Closed loop: the request goes out when a worker frees up.
    let worker = 0
    for (let w = 1; w < workers.length; w++) if (workers[w]! < workers[worker]!) worker = w
    const sent = workers[worker]!
    workers[worker] = sent + e2e
    records.push({
      id,
      scheduled_ms: us(sent),
      sent_ms: us(sent),
      client_queue_ms: 0,
      end_ms: us(sent + e2e),
      ttft_ms: us(ttft),
      e2e_ms: us(e2e),
      tpot_ms: us(decode / (spec.outputTokens - 1)),
      itl_ms: itl,
      input_tokens: spec.inputTokens,
      input_tokens_source: 'usage',
      output_tokens: spec.outputTokens,
      output_tokens_source: 'usage',
      max_tokens: spec.outputTokens,
      content_events: spec.outputTokens,
      coalesced_events: 0,
      done: true,
      ok: true
    })
  }
  const { summary, durationS } = summarizeTrial({ records, slo: {}, targetRate: null })
  return { index, started_at: new Date(0).toISOString(), duration_s: durationS, requests: records, summary }
}

/** One side's result file: `spec.trials` trials from the seed. */
export function syntheticResult(spec: SyntheticSpec): ResultFile {
  const random = new Random(spec.seed, 'synthetic')
  const drift = spec.sharedDrift === undefined ? null : new Random(spec.sharedDrift.seed, 'shared-drift')
  const shared = Array.from({ length: spec.trials }, () => (drift === null ? 1 : Math.exp(spec.sharedDrift!.sd * drift.normal())))
  const trials = Array.from({ length: spec.trials }, (_, index) => trial(spec, index, random, shared[index]!))
  return {
    schema: RESULT_SCHEMA,
    definitions: DEFINITIONS_VERSION,
    tool: { name: 'llm-perf-gate', version: 'synthetic' },
    created_at: new Date(0).toISOString(),
    workload: { name: 'synthetic', workload_hash: spec.workloadHash ?? 'sha256:synthetic', sampling: { ignore_eos: true }, load: { concurrency: spec.concurrency } },
    environment: {
      server: { url: 'http://synthetic', model: spec.model ?? 'synthetic-model', version: null },
      gpu: [],
      runner: { os: 'synthetic', release: '', arch: '', cpu_model: '', cpu_count: 0, node: '' }
    },
    ...(spec.pairing !== undefined ? { pairing: spec.pairing } : {}),
    trials,
    summary: summarizeRun(trials, {})
  }
}
