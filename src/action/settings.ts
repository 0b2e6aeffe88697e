import { dirname, join } from 'node:path'
import { InputError } from '../errors.js'
import { parseLoadList } from '../sweep/plan.js'
import { COMMENT_MODES, FAIL_ON, INPUTS, MODES } from './names.js'

export type Mode = (typeof MODES)[number]

/** Everything the action was asked to do, read once from the inputs; nothing else reads them. */
export interface ActionSettings {
  /** What to do: `gate` runs then compares, `baseline` runs and uploads the result as the baseline artifact, `run` only runs, `compare` compares two existing files, `ab` interleaves two live servers, `sweep` runs the workload at several loads (and compares sweeps when given a baseline). */
  mode: Mode
  /** Workload file (YAML or JSON); needed by every mode but `compare`. With several workloads: this leg's file (see legs.ts). */
  workload: string | null
  /** The workload input as a list: files or glob patterns, from a newline- or comma-separated input; empty when none. */
  workloads: string[]
  /** Names the baseline artifact, the comment marker and (with several workloads) the result folder; null: the workload's name plus the runner's GPU model. */
  key: string | null
  /** Server root overriding the workload's url (the candidate, in `ab`). */
  url: string | null
  /** The baseline server for `ab`. */
  baselineUrl: string | null
  /** Starts the candidate server of `ab` (the workload's `server:` starts the baseline); null: it is running already. */
  candidateServer: string | null
  /** Thresholds file or preset name (`pr`, `nightly`, `release`). */
  thresholds: string
  /** Where the baseline comes from: a result file, or the last successful run of this workflow on the base branch. */
  baseline: { kind: 'path'; path: string } | { kind: 'artifact' } | { kind: 'none' }
  /** Overrides the workload's trials. */
  trials: number | null
  /** Token for the PR comment and the artifact lookup; masked in logs. */
  token: string
  /** Post the sticky PR comment always, never, or only when something regressed (an existing one is still edited). */
  comment: 'always' | 'never' | 'on-regression'
  /** Which verdicts fail the step. */
  failOn: (typeof FAIL_ON)[number]
  /** The current result file: written by `gate`/`run`/`baseline`, read by `compare`. */
  resultPath: string
  /** Folder for comparison.json and report.md (beside the result). */
  outputDirectory: string
  /** The pull request to comment on when the event has none (a workflow_run job, where trigger.ts verifies it); null: the event's. */
  pullRequest: number | null
  /** A stored performance history to use instead of the one the baseline artifact carries (docs/history.md); null: the artifact's. */
  history: string | null
  /** Runs of the workload the extended history keeps (the newest). */
  historyLimit: number
  /** Mode sweep: the loads as the inputs list them ("1,2,4,8"), concurrency or rates; both null: the automatic sweep. */
  sweepLoads: { concurrency: string | null; rates: string | null }
}

export type GetInput = (name: string) => string

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new InputError(`input ${name}: got ${JSON.stringify(value)}; expected one of ${allowed.join(', ')}`)
  }
  return value as T
}

/** Reads and checks every input; an error names the input, the value and what is expected. */
export function readSettings(getInput: GetInput): ActionSettings {
  const input = (name: string): string => getInput(name).trim()
  const mode = oneOf(INPUTS.mode, input(INPUTS.mode) || 'gate', MODES)
  const workloads = input(INPUTS.workload).split(/[\n,]/).map((entry) => entry.trim()).filter((entry) => entry !== '')
  const workload = workloads.length === 1 ? workloads[0]! : null
  if (workloads.length === 0 && mode !== 'compare') throw new InputError(`input ${INPUTS.workload}: required with mode ${mode}; expected the path of a workload file`)
  const baselineText = input(INPUTS.baseline)
  const baseline: ActionSettings['baseline'] = baselineText === '' ? { kind: 'none' } : baselineText === 'artifact' ? { kind: 'artifact' } : { kind: 'path', path: baselineText }
  if ((mode === 'gate' || mode === 'compare') && baseline.kind === 'none') {
    throw new InputError(`input ${INPUTS.baseline}: required with mode ${mode}; expected a result file path, or "artifact" for the last successful run of this workflow on the base branch`)
  }
  const baselineUrl = input(INPUTS.baselineUrl) || null
  const url = input(INPUTS.url) || null
  if (mode === 'ab' && (baselineUrl === null || url === null)) {
    throw new InputError(`inputs ${INPUTS.url} and ${INPUTS.baselineUrl}: mode ab needs both (the candidate and the baseline server)`)
  }
  const trialsText = input(INPUTS.trials)
  const trials = trialsText === '' ? null : Number(trialsText)
  if (trials !== null && (!Number.isInteger(trials) || trials < 1)) throw new InputError(`input ${INPUTS.trials}: got ${JSON.stringify(trialsText)}; expected an integer >= 1`)
  const comment = oneOf(INPUTS.comment, input(INPUTS.comment) || 'true', COMMENT_MODES)
  const resultPath = input(INPUTS.resultPath) || join('llm-perf-gate', mode === 'sweep' ? 'current.sweep.json' : 'current.result.json')
  const sweepLoads = readSweepLoads(input, mode)
  if (mode === 'compare' && input(INPUTS.resultPath) === '') throw new InputError(`input ${INPUTS.resultPath}: required with mode compare; expected the current result file`)
  const pullRequestText = input(INPUTS.pullRequest)
  const pullRequest = pullRequestText === '' ? null : Number(pullRequestText)
  if (pullRequest !== null && (!Number.isInteger(pullRequest) || pullRequest < 1)) {
    throw new InputError(`input ${INPUTS.pullRequest}: got ${JSON.stringify(pullRequestText)}; expected a pull request number`)
  }
  const key = input(INPUTS.key) || null
  if (mode === 'compare' && workloads.length === 0 && key === null && (baseline.kind === 'artifact' || comment !== 'false')) {
    throw new InputError(
      `inputs ${INPUTS.key} and ${INPUTS.workload}: mode compare needs one of them to name the baseline artifact and the pull-request comment; ` +
        'expected the key the measuring job used, or its workload file (they are never taken from the result file, which the measured code wrote)'
    )
  }
  const historyLimitText = input(INPUTS.historyLimit)
  const historyLimit = historyLimitText === '' ? 100 : Number(historyLimitText)
  if (!Number.isInteger(historyLimit) || historyLimit < 1) throw new InputError(`input ${INPUTS.historyLimit}: got ${JSON.stringify(historyLimitText)}; expected an integer >= 1 (runs of the workload to keep)`)
  return {
    mode,
    workload,
    workloads,
    key,
    pullRequest,
    history: input(INPUTS.history) || null,
    historyLimit,
    url,
    baselineUrl,
    candidateServer: input(INPUTS.candidateServer) || null,
    thresholds: input(INPUTS.thresholds) || 'pr',
    baseline,
    trials,
    token: input(INPUTS.githubToken),
    comment: comment === 'true' ? 'always' : comment === 'false' ? 'never' : 'on-regression',
    failOn: oneOf(INPUTS.failOn, input(INPUTS.failOn) || 'regression', FAIL_ON),
    resultPath,
    outputDirectory: dirname(resultPath),
    sweepLoads
  }
}

/** The sweep's load lists, checked now so that a typo fails before any run; only mode sweep takes them. */
function readSweepLoads(input: (name: string) => string, mode: Mode): ActionSettings['sweepLoads'] {
  const concurrency = input(INPUTS.concurrency) || null
  const rates = input(INPUTS.rates) || null
  if (mode !== 'sweep' && (concurrency !== null || rates !== null)) throw new InputError(`input ${concurrency !== null ? INPUTS.concurrency : INPUTS.rates}: only mode sweep reads it; got mode ${mode}`)
  if (concurrency !== null && rates !== null) throw new InputError(`inputs ${INPUTS.concurrency} and ${INPUTS.rates}: give one (a sweep varies one kind of load), or neither for the automatic sweep`)
  if (concurrency !== null) parseLoadList(concurrency, 'concurrency', `input ${INPUTS.concurrency}`)
  if (rates !== null) parseLoadList(rates, 'rate', `input ${INPUTS.rates}`)
  return { concurrency, rates }
}
