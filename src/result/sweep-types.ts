/**
 * The sweep file (docs/sweeps.md, `schema: "llm-perf-gate/sweep@1"`): one workload run at several
 * loads, each step a whole result document, and the capacity at the workload's SLO. Field names
 * are public and snake_case. docs/sweeps.md describes every field.
 */
import type { Environment, ResultFile } from './types.js'

export const SWEEP_SCHEMA = 'llm-perf-gate/sweep@1'

export type LoadKind = 'concurrency' | 'rate'

/** The SLO metrics a capacity can be limited by, as the workload's `slo` names them. */
export const SLO_METRICS = ['ttft_ms', 'tpot_ms', 'e2e_ms'] as const
export type SloMetric = (typeof SLO_METRICS)[number]

/** The workload's SLO thresholds, without `attainment`. */
export type SloThresholds = Partial<Record<SloMetric, number>>

/** Which loads a sweep runs: a list given, or found by doubling and bisection (plan.ts). */
export type SweepPlan =
  | { load_kind: LoadKind; mode: 'grid'; loads: number[] }
  | {
      load_kind: 'concurrency'
      mode: 'auto'
      auto: {
        /** The first load (1 stream). */
        start: number
        /** Doubling stops at this load even when the SLO still holds. */
        max_load: number
        /** Bisection steps between the last load that held and the first that did not. */
        refine_steps: number
        /** No sweep runs more steps than this, whatever the phases would want. */
        max_steps: number
      }
    }

/** How a step did against the SLO: pooled over its trials, and trial by trial. */
export interface StepSloOutcome {
  /** Requests that counted (sent, not cancelled by the user). */
  sent: number
  /** Share of them meeting every SLO (a failed request meets none). */
  attained: number
  /** attained >= attainment. */
  holds: boolean
  error_rate: number
  /** Why a step that misses the SLO misses it; null when it holds. */
  limited_by: 'latency' | 'errors' | null
  /** Each SLO metric's quantile at the attainment level over the successful requests (p99 at 0.99); null without values. */
  quantiles: Partial<Record<SloMetric, number | null>>
}

export interface SweepStep {
  /** Order in which the steps ran (auto mode runs loads out of order). */
  index: number
  load_kind: LoadKind
  load: number
  /** Why this load ran: from the list, a doubling, or a bisection between two earlier steps. */
  phase: 'grid' | 'double' | 'refine'
  slo: StepSloOutcome & { trials: StepSloOutcome[] }
  /** The step's whole result (`result@1`): every check and report for results applies to it. */
  result: ResultFile
}

export interface Capacity {
  load_kind: LoadKind
  /** The highest load at which the SLO holds, interpolated; null when even the lowest load misses it. */
  load: number | null
  /** A t-interval around `load`, its standard error from the spread of the trials' own capacities (on logarithms; docs/sweeps.md); null with fewer than two of them, or no capacity. */
  ci_low: number | null
  ci_high: number | null
  confidence: number
  /** Request throughput at the capacity, interpolated like the load. */
  request_throughput: number | null
  attainment: number
  slo: SloThresholds
  /** What the first step beyond the capacity missed by: latency or errors; null when every step held. */
  limited_by: 'latency' | 'errors' | null
  /** The SLO metric whose quantile crossed its threshold (latency limits only). */
  metric: SloMetric | null
  /** The last load that held and the first that did not, between which the capacity was interpolated. */
  bracket: { below: number | null; above: number | null }
  /** Set when every step held: the capacity is at least `load`, the highest load run. */
  beyond_tested?: true
  /** The capacity of each trial index alone (trial i of every step); compare tests these. */
  trials: Array<number | null>
  note?: string
}

export interface SweepFile {
  schema: typeof SWEEP_SCHEMA
  definitions: number
  tool: { name: string; version: string }
  created_at: string
  /**
   * The normalised workload without its load. `workload_hash` hashes it that way (everything sent
   * but the load); `sweep_hash` hashes that with the plan: the sweep's identity.
   */
  workload: { name: string; workload_hash: string; sweep_hash: string; [key: string]: unknown }
  plan: SweepPlan
  /** As the first step's server described itself; null before any step finished. */
  environment: Environment | null
  /** Set when the sweep was stopped; the steps hold what finished. */
  interrupted?: true
  /** Validity limit that attributes a step's miss to errors (thresholds validity.max_error_rate). */
  max_error_rate: number
  /** In the order they ran. */
  steps: SweepStep[]
  capacity: Capacity
  notes: string[]
}
