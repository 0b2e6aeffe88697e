/**
 * Which loads a sweep runs (docs/sweeps.md): a list given by the user, or found automatically by
 * doubling the concurrency from one stream until the SLO breaks (a miss confirmed by the next
 * doubling), then bisecting between the last load that held and the first that did not. Pure:
 * the runner asks for the next load.
 */
import { InputError } from '../errors.js'
import type { LoadKind, SweepPlan } from '../result/sweep-types.js'

/** Bisection steps after the doubling: from a bracket [8, 16], three reach a width of one stream. */
export const DEFAULT_REFINE_STEPS = 3
/** The most steps an automatic sweep runs: doubling from 1 to 256 is 9 of them (a confirming step included), refining 3 more. */
export const DEFAULT_MAX_STEPS = 12
/** Doubling stops here (or at the requests per trial, if fewer: more streams than requests never fill). */
export const DEFAULT_MAX_LOAD = 256

/** "1,2,4,8" → [1, 2, 4, 8], in increasing order, each once; an error names the flag and the bad entry. */
export function parseLoadList(text: string, kind: LoadKind, flag: string): number[] {
  const entries = text.split(',').map((entry) => entry.trim())
  if (entries.length === 0 || entries.every((entry) => entry === '')) throw new InputError(`${flag}: got an empty list; expected loads separated by commas, e.g. ${kind === 'rate' ? '1,2,4,8' : '1,2,4,8,16'}`)
  const loads = entries.map((entry) => {
    const value = entry === '' ? Number.NaN : Number(entry)
    const ok = kind === 'concurrency' ? Number.isInteger(value) && value >= 1 : Number.isFinite(value) && value > 0
    if (!ok) throw new InputError(`${flag}: ${JSON.stringify(entry)} is not ${kind === 'concurrency' ? 'a concurrency (an integer >= 1)' : 'a rate (requests/s > 0)'}; expected a list such as ${kind === 'rate' ? '0.5,1,2,4' : '1,2,4,8'}`)
    return value
  })
  return [...new Set(loads)].sort((a, b) => a - b)
}

export interface AutoOptions {
  maxSteps?: number
  refineSteps?: number
  maxLoad?: number
}

/** The automatic plan for a workload of `requests` a trial. */
export function autoPlan(requests: number, options: AutoOptions = {}): SweepPlan {
  const maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS
  if (!Number.isInteger(maxSteps) || maxSteps < 2) throw new InputError(`--max-steps: got ${maxSteps}; expected an integer >= 2 (a sweep needs a load that holds and one that does not)`)
  return {
    load_kind: 'concurrency',
    mode: 'auto',
    auto: { start: 1, max_load: Math.max(1, Math.min(options.maxLoad ?? DEFAULT_MAX_LOAD, requests)), refine_steps: options.refineSteps ?? DEFAULT_REFINE_STEPS, max_steps: maxSteps }
  }
}

/** A step already run, as the plan needs it. */
export interface RanStep {
  load: number
  holds: boolean
  phase: 'grid' | 'double' | 'refine'
}

export interface NextLoad {
  load: number
  phase: 'grid' | 'double' | 'refine'
}

/** Why an automatic sweep stopped, when it stopped for a bound rather than having found its bracket. */
export function autoStopNote(plan: SweepPlan, ran: readonly RanStep[]): string | null {
  if (plan.mode !== 'auto') return null
  const { max_load: maxLoad, max_steps: maxSteps } = plan.auto
  if (ran.length >= maxSteps && nextLoad({ ...plan, auto: { ...plan.auto, max_steps: Infinity } }, ran) !== null) return `the automatic sweep stopped at its bound of ${maxSteps} steps (--max-steps)`
  if (ran.length > 0 && ran.every((step) => step.holds) && ran.some((step) => step.load >= maxLoad)) return `the SLO held up to concurrency ${maxLoad}, where doubling stops (the requests per trial, at most ${DEFAULT_MAX_LOAD})`
  return null
}

/**
 * The next load to run, or null when the sweep is done. A grid runs its list in order. The
 * automatic plan doubles from `start` while the SLO holds (up to `max_load`). A miss is confirmed
 * by one more doubling: a pause of the client's machine only adds latency, so a lone miss at a low
 * load is likelier noise than the server's limit, and the step at twice the load is among the
 * quickest to run. Once a miss is confirmed (or cannot be, at `max_load`) it bisects between the
 * highest load that held and the lowest above it that missed, for `refine_steps` steps or until
 * they are one stream apart. Never more than `max_steps` in all.
 */
export function nextLoad(plan: SweepPlan, ran: readonly RanStep[]): NextLoad | null {
  if (plan.mode === 'grid') {
    const load = plan.loads[ran.length]
    return load === undefined ? null : { load, phase: 'grid' }
  }
  const { start, max_load: maxLoad, refine_steps: refineSteps, max_steps: maxSteps } = plan.auto
  if (ran.length >= maxSteps) return null
  if (ran.length === 0) return { load: start, phase: 'double' }
  const highestRun = Math.max(...ran.map((step) => step.load))
  const held = ran.filter((step) => step.holds).map((step) => step.load)
  const below = held.length === 0 ? null : Math.max(...held)
  const missedAbove = ran.filter((step) => !step.holds && (below === null || step.load > below)).map((step) => step.load)
  const double = (): NextLoad | null => (highestRun >= maxLoad ? null : { load: Math.min(highestRun * 2, maxLoad), phase: 'double' })
  if (missedAbove.length === 0) return double()
  // One miss above the highest load that held: confirm it at twice the load.
  if (missedAbove.length === 1) {
    const confirm = double()
    if (confirm !== null) return confirm
  }
  if (below === null) return null
  const above = Math.min(...missedAbove)
  const refined = ran.filter((step) => step.phase === 'refine').length
  if (refined >= refineSteps || above - below <= 1) return null
  return { load: Math.floor((below + above) / 2), phase: 'refine' }
}

/** The number of steps a plan runs, when known before it starts. */
export const plannedSteps = (plan: SweepPlan): number | null => (plan.mode === 'grid' ? plan.loads.length : null)
