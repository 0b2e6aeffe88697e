import { loadThresholds } from '../config/thresholds.js'
import { InputError } from '../errors.js'
import { createProgress } from '../output/progress.js'
import { formatSweepSummary, stepLine } from '../report/sweep-section.js'
import { writeJsonFile } from '../result/io.js'
import { describeLoadStep, sloMetricsOf, sloThresholds } from '../compare/capacity.js'
import { autoPlan, parseLoadList } from '../sweep/plan.js'
import { runSweep, type SweepObserver } from '../sweep/run.js'
import type { SweepFile, SweepPlan } from '../result/sweep-types.js'
import { loadSweepWorkload, type SweepWorkload } from '../sweep/workload.js'
import type { CommandIo } from '../process-io.js'
import { serverLogPath, withServers } from '../server/managed.js'

export interface SweepCommandOptions {
  workload: string
  /** "1,2,4,8": closed-loop steps. */
  concurrency?: string
  /** "1,2,4": open-loop steps, requests/s. */
  rate?: string
  /** Find the loads: double from one stream until the SLO breaks, then bisect. The default without a list. */
  auto?: boolean
  maxSteps?: number
  url?: string
  model?: string
  trials?: number
  /** Whose validity.max_error_rate attributes a step's miss to errors (default: the pr preset's). */
  thresholds?: string
  out?: string
  quiet?: boolean
}

/** The plan the flags ask for; errors name the flags. */
export function planFromOptions(options: Pick<SweepCommandOptions, 'concurrency' | 'rate' | 'auto' | 'maxSteps'>, sweep: SweepWorkload): SweepPlan {
  const lists = [options.concurrency !== undefined ? '--concurrency' : null, options.rate !== undefined ? '--rate' : null].filter((flag) => flag !== null)
  if (lists.length === 2) throw new InputError('--concurrency and --rate: give one; a sweep varies one kind of load (closed-loop streams or open-loop requests/s)')
  if (options.auto === true && lists.length > 0) throw new InputError(`--auto and ${lists[0]}: give one; --auto finds the loads itself, a list runs the loads given`)
  if (options.concurrency !== undefined) return { load_kind: 'concurrency', mode: 'grid', loads: parseLoadList(options.concurrency, 'concurrency', '--concurrency') }
  if (options.rate !== undefined) return { load_kind: 'rate', mode: 'grid', loads: parseLoadList(options.rate, 'rate', '--rate') }
  if (sloMetricsOf(sloThresholds(sweep.base.spec.slo)).length === 0) {
    throw new InputError(`workload ${sweep.source}: the automatic sweep doubles the load until the SLO breaks, but slo sets no ttft_ms, tpot_ms or e2e_ms; set one, or give --concurrency or --rate`)
  }
  return autoPlan(sweep.base.spec.requests, options.maxSteps !== undefined ? { maxSteps: options.maxSteps } : {})
}

export const defaultSweepPath = (sweep: SweepWorkload): string => `${sweep.base.spec.name}.sweep.json`

/**
 * Runs the sweep and writes the sweep file after every step (atomically: a temporary file and a
 * rename), so an interrupted or crashed sweep keeps its finished steps.
 */
export async function sweepAndWrite(sweep: SweepWorkload, plan: SweepPlan, out: string, io: CommandIo, options: { quiet: boolean; maxErrorRate: number }): Promise<SweepFile> {
  let stepLabel = ''
  const perStep = sweep.base.spec.trials
  const stepsBound = plan.mode === 'grid' ? plan.loads.length : plan.auto.max_steps
  const progress = createProgress({ stream: io.stderr, quiet: options.quiet, trials: stepsBound * perStep, prefix: () => stepLabel, ...(io.signal !== undefined ? { signal: io.signal } : {}) })
  const observer: SweepObserver = {
    ...progress,
    stepStarted(step) {
      const of = step.planned !== null ? `/${step.planned}` : ` (automatic: at most ${step.maxSteps})`
      stepLabel = `step ${step.index + 1}${of}, ${describeLoadStep(step.loadKind, step.load)}: `
    },
    stepDone(step) {
      if (!options.quiet) io.stderr.write(`${stepLine(step)}\n`)
    }
  }
  try {
    // The workload's `server:` starts once around the whole sweep: one server for every step, stopped whatever happens.
    return await withServers([{ workload: sweep.base, logPath: serverLogPath(out), label: 'server' }], io, () =>
      runSweep(sweep, plan, { observer, maxErrorRate: options.maxErrorRate, onStep: (file) => writeJsonFile(out, file), ...(io.signal !== undefined ? { signal: io.signal } : {}) })
    )
  } finally {
    progress.stop()
  }
}

export async function sweepCommand(options: SweepCommandOptions, io: CommandIo): Promise<number> {
  const sweep = loadSweepWorkload(options.workload, {
    env: io.env,
    ...(options.url !== undefined ? { url: options.url } : {}),
    ...(options.model !== undefined ? { model: options.model } : {}),
    ...(options.trials !== undefined ? { trials: options.trials } : {})
  })
  const plan = planFromOptions(options, sweep)
  const thresholds = loadThresholds(options.thresholds)
  const out = options.out ?? defaultSweepPath(sweep)
  const file = await sweepAndWrite(sweep, plan, out, io, { quiet: options.quiet === true, maxErrorRate: thresholds.validity.max_error_rate })
  if (file.steps.length === 0) {
    io.stderr.write('interrupted before the first step finished: no sweep file was written\n')
    return 130
  }
  io.stdout.write(formatSweepSummary(file))
  io.stderr.write(`sweep: ${out}${file.interrupted === true ? ' (interrupted: it holds the steps that finished)' : ''}\n`)
  return file.interrupted === true ? 130 : 0
}
