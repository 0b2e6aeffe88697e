/**
 * Sweeps built without a server: each step's requests drawn from a latency law (TPOT = base +
 * per-stream cost × load, times log-normal noise), summarised and judged exactly as `sweep`
 * does. For the rule's and the comparison's tests, where a live server's timing noise would only
 * blur what is checked.
 */
import { summarizeTrial } from '../../src/result/summary.js'
import { Random } from '../../src/random.js'
import type { Environment, RequestRecord, TrialResult } from '../../src/result/types.js'
import { assembleResult } from '../../src/runner/run.js'
import { assembleSweep, capacityRule, judgeStepResult } from '../../src/sweep/run.js'
import type { SweepFile, SweepPlan, SweepStep } from '../../src/result/sweep-types.js'
import { resolveSweepWorkload, stepWorkload } from '../../src/sweep/workload.js'

export interface LawSpec {
  /** TPOT at load n: factor × (baseMs + perStreamMs × n). */
  baseMs: number
  perStreamMs: number
  factor?: number
  /** Sigma of the log-normal noise on each request's TPOT. */
  noise?: number
  /** Sigma of a per-trial multiplicative drift (trials differ as a whole). */
  trialDrift?: number
  seed: number
  loads: number[]
  trials?: number
  requests?: number
  /** Share of requests failing (http 500) at each load, by load. */
  errorShare?: (load: number) => number
  slo?: Record<string, number>
  name?: string
}

export const ENVIRONMENT: Environment = {
  server: { url: 'http://127.0.0.1:1', model: 'sim', version: null, engine: 'llm-perf-gate-simulator' },
  gpu: [],
  runner: { os: 'linux', release: '6', arch: 'x64', cpu_model: 'cpu', cpu_count: 2, node: 'v24' }
}

function record(id: number, tpot: number, outputTokens: number, failed: boolean, startMs: number): RequestRecord {
  const ttft = 5
  const e2e = ttft + tpot * (outputTokens - 1)
  return {
    id,
    scheduled_ms: startMs,
    sent_ms: startMs,
    client_queue_ms: 0,
    end_ms: startMs + (failed ? 1 : e2e),
    ttft_ms: failed ? null : ttft,
    e2e_ms: failed ? null : e2e,
    tpot_ms: failed ? null : tpot,
    itl_ms: failed ? [] : Array.from({ length: outputTokens - 1 }, () => tpot),
    input_tokens: 16,
    input_tokens_source: 'usage',
    output_tokens: failed ? 0 : outputTokens,
    output_tokens_source: 'usage',
    max_tokens: outputTokens,
    content_events: failed ? 0 : outputTokens,
    coalesced_events: 0,
    done: !failed,
    ok: !failed,
    ...(failed ? { error: { kind: 'http' as const, status: 500, message: 'simulated' } } : {})
  }
}

export function lawWorkloadInput(spec: Pick<LawSpec, 'trials' | 'requests' | 'slo' | 'name'>): Record<string, unknown> {
  // The workload's seed is fixed: `seed` draws the synthetic requests, as a server's noise would.
  return { name: spec.name ?? 'law', url: 'http://127.0.0.1:1', trials: spec.trials ?? 3, requests: spec.requests ?? 40, warmup: 0, prompts: { input_tokens: 16, output_tokens: 16 }, slo: spec.slo ?? { tpot_ms: 7.5 } }
}

/** A whole sweep file over `loads` (a grid) from the law. */
export function lawSweep(spec: LawSpec, plan?: SweepPlan): SweepFile {
  const sweep = resolveSweepWorkload(lawWorkloadInput(spec), 'law.yml', { env: {} })
  const random = new Random(spec.seed, 'synthetic-sweep')
  const rule = capacityRule(sweep, 0.05)
  const trials = spec.trials ?? 3
  const requests = spec.requests ?? 40
  const thePlan: SweepPlan = plan ?? { load_kind: 'concurrency', mode: 'grid', loads: spec.loads }
  const steps: SweepStep[] = spec.loads.map((load, index) => {
    const workload = stepWorkload(sweep, 'concurrency', load)
    const trialResults: TrialResult[] = Array.from({ length: trials }, (_, t) => {
      const drift = Math.exp((spec.trialDrift ?? 0) * random.normal())
      const records = Array.from({ length: requests }, (_, id) => {
        const tpot = (spec.factor ?? 1) * (spec.baseMs + spec.perStreamMs * load) * drift * Math.exp((spec.noise ?? 0.01) * random.normal())
        return record(id, tpot, 16, random.uniform() < (spec.errorShare?.(load) ?? 0), id * 10)
      })
      const { summary, durationS } = summarizeTrial({ records, slo: workload.spec.slo, targetRate: null })
      return { index: t, started_at: '2025-01-01T00:00:00.000Z', duration_s: durationS, requests: records, summary }
    })
    const result = assembleResult(workload, ENVIRONMENT, trialResults, false, '2025-01-01T00:00:00.000Z')
    return { index, load_kind: 'concurrency', load, phase: 'grid', slo: judgeStepResult(result, rule), result }
  })
  return assembleSweep(sweep, thePlan, steps, rule, false, '2025-01-01T00:00:00.000Z')
}

