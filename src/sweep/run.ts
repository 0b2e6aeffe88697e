/**
 * Runs a sweep (docs/sweeps.md): the workload at each load of the plan, every trial of it, each step
 * through the ordinary runner (openTarget, runTrialOn, assembleResult), so a step is a result in
 * all but name. After each step the sweep so far (steps and capacity) goes to `onStep`, which
 * writes it: an interrupted sweep keeps what finished.
 */
import { monotonicClock, type Clock } from '../clock.js'
import { DEFINITIONS_VERSION, type ResultFile, type TrialResult } from '../result/types.js'
import { assembleResult, openTarget, runTrialOn, type RunObserver, type TrialOptions } from '../runner/run.js'
import { TOOL_NAME, TOOL_VERSION } from '../version.js'
import { computeCapacity, DEFAULT_ATTAINMENT, judgeStep, sloThresholds, trialSloOf, type CapacityRule } from '../compare/capacity.js'
import { autoStopNote, nextLoad, plannedSteps, type RanStep } from './plan.js'
import { SWEEP_SCHEMA, type LoadKind, type SweepFile, type SweepPlan, type SweepStep } from '../result/sweep-types.js'
import { stepWorkload, sweepIdentity, type SweepWorkload } from './workload.js'

/** What the runner tells the progress display beyond a run's events. */
export interface SweepObserver extends RunObserver {
  stepStarted?(step: { index: number; loadKind: LoadKind; load: number; phase: SweepStep['phase']; planned: number | null; maxSteps: number | null }): void
  stepDone?(step: SweepStep): void
}

export interface SweepOptions {
  clock?: Clock
  observer?: SweepObserver
  signal?: AbortSignal
  /** Thresholds' validity.max_error_rate: beyond it a step's miss is put down to errors. */
  maxErrorRate: number
  /** Called with the sweep so far after every step, and once more when stopped between steps (write it there). */
  onStep?: (sweep: SweepFile) => void
  hostCounters?: TrialOptions['hostCounters']
}

/** The rule the capacity is judged by: the workload's SLO at its attainment (default 0.99). */
export function capacityRule(sweep: SweepWorkload, maxErrorRate: number): CapacityRule {
  const slo = sweep.base.spec.slo
  return { slo: sloThresholds(slo), attainment: slo.attainment ?? DEFAULT_ATTAINMENT, maxErrorRate }
}

/** How a step's result did against the SLO, pooled and trial by trial. */
export function judgeStepResult(result: ResultFile, rule: CapacityRule): SweepStep['slo'] {
  const trials = result.trials.map((trial) => trialSloOf(trial.requests, rule.slo, trial.summary.request_throughput))
  return { ...judgeStep(trials, rule), trials: trials.map((trial) => judgeStep([trial], rule)) }
}

/**
 * The sweep file for the steps so far. The capacity reads only steps that ran to the end, in
 * increasing load, each step's trials from its result.
 */
export function assembleSweep(sweep: SweepWorkload, plan: SweepPlan, steps: SweepStep[], rule: CapacityRule, interrupted: boolean, createdAt: string): SweepFile {
  const complete = steps.filter((step) => step.result.interrupted !== true).sort((a, b) => a.load - b.load)
  const capacity = computeCapacity({
    kind: plan.load_kind,
    steps: complete.map((step) => ({ load: step.load, trials: step.result.trials.map((trial) => trialSloOf(trial.requests, rule.slo, trial.summary.request_throughput)) })),
    rule
  })
  const notes: string[] = []
  const stopped = autoStopNote(plan, steps.map((step) => ({ load: step.load, holds: step.slo.holds, phase: step.phase })))
  if (stopped !== null) notes.push(stopped)
  if (complete.length < steps.length) notes.push('the step that was running when the sweep was interrupted is kept, but left out of the capacity')
  return {
    schema: SWEEP_SCHEMA,
    definitions: DEFINITIONS_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    created_at: createdAt,
    workload: sweepIdentity(sweep, plan),
    plan,
    environment: steps[0]?.result.environment ?? null,
    ...(interrupted ? { interrupted: true as const } : {}),
    max_error_rate: rule.maxErrorRate,
    steps,
    capacity,
    notes
  }
}

/**
 * Runs the plan's loads one after another. Each step opens its own connections (their number
 * follows the step's concurrency) and captures the environment as `run` does.
 */
export async function runSweep(sweep: SweepWorkload, plan: SweepPlan, options: SweepOptions): Promise<SweepFile> {
  const clock = options.clock ?? monotonicClock
  const rule = capacityRule(sweep, options.maxErrorRate)
  const createdAt = new Date().toISOString()
  const steps: SweepStep[] = []
  const ran: RanStep[] = []
  const aborted = (): boolean => options.signal?.aborted === true
  let file = assembleSweep(sweep, plan, steps, rule, false, createdAt)
  for (let next = nextLoad(plan, ran); next !== null && !aborted(); next = nextLoad(plan, ran)) {
    const workload = stepWorkload(sweep, plan.load_kind, next.load)
    options.observer?.stepStarted?.({ index: steps.length, loadKind: plan.load_kind, load: next.load, phase: next.phase, planned: plannedSteps(plan), maxSteps: plan.mode === 'auto' ? plan.auto.max_steps : null })
    const target = await openTarget(workload, workload.url, clock)
    const trials: TrialResult[] = []
    try {
      for (let index = 0; index < workload.spec.trials && !aborted(); index++) {
        trials.push(await runTrialOn(target, workload, index, { clock, ...(options.observer !== undefined ? { observer: options.observer } : {}), ...(options.signal !== undefined ? { signal: options.signal } : {}), ...(options.hostCounters !== undefined ? { hostCounters: options.hostCounters } : {}) }))
      }
    } finally {
      await target.close()
    }
    const result = assembleResult(workload, target.environment, trials, aborted())
    const step: SweepStep = { index: steps.length, load_kind: plan.load_kind, load: next.load, phase: next.phase, slo: judgeStepResult(result, rule), result }
    steps.push(step)
    ran.push({ load: step.load, holds: step.slo.holds, phase: step.phase })
    file = assembleSweep(sweep, plan, steps, rule, aborted(), createdAt)
    options.observer?.stepDone?.(step)
    options.onStep?.(file)
  }
  // Stopped between two steps: the file says the plan was not finished.
  if (aborted() && file.interrupted !== true && nextLoad(plan, ran) !== null) {
    file = assembleSweep(sweep, plan, steps, rule, true, createdAt)
    if (steps.length > 0) options.onStep?.(file)
  }
  return file
}
