import { join } from 'node:path'
import { resolveBaseline, type ResolvedBaseline } from './action/baseline.js'
import type { ActionDeps } from './action/deps.js'
import { planLegs, type Leg } from './action/legs.js'
import { setOutputs, type LegOutcome } from './action/outputs.js'
import { baselineHistory, pastRuns, writeExtendedHistory } from './action/history.js'
import { publish } from './action/publish.js'
import { readSettings, type ActionSettings } from './action/settings.js'
import { runSweepLeg } from './action/sweep.js'
import { resolveTrigger, type Trigger } from './action/trigger.js'
import { withAbServers } from './commands/ab.js'
import { runAb } from './runner/ab.js'
import { runAndWrite } from './commands/run.js'
import { loadThresholds, type Thresholds } from './config/thresholds.js'
import { loadWorkload, type Workload } from './config/workload.js'
import { InputError } from './errors.js'
import { baselineArtifactName, uploadBaselineArtifact } from './github/baseline-artifact.js'
import { fencedCode } from './report/escape.js'
import { formatConsoleSummary } from './output/console-summary.js'
import { readResultFile } from './result/io.js'
import type { ResultFile } from './result/types.js'

function workloadOf(settings: ActionSettings, deps: ActionDeps, url: string | null = settings.url): Workload {
  return loadWorkload(settings.workload!, {
    env: deps.io.env,
    ...(url !== null ? { url } : {}),
    ...(settings.trials !== null ? { trials: settings.trials } : {})
  })
}

async function measure(settings: ActionSettings, deps: ActionDeps, workload: Workload): Promise<ResultFile> {
  const result = await deps.core.group(`Run ${workload.spec.name} against ${workload.url}`, () => runAndWrite(workload, settings.resultPath, deps.io, false))
  deps.core.info(formatConsoleSummary(result))
  if (result.interrupted === true) throw new Error(`the run was interrupted; ${settings.resultPath} holds what was measured`)
  return result
}

/** Says which baseline this comparison uses; in a workflow_run job, warns about one the triggering run could have written. */
function logBaseline(settings: ActionSettings, deps: ActionDeps, baseline: ResolvedBaseline): void {
  deps.core.info(baseline.found ? `baseline: ${baseline.label} (${baseline.source})` : `baseline: none (${baseline.reason})`)
  if (deps.context.eventName === 'workflow_run' && settings.baseline.kind === 'path') {
    deps.core.warning(
      `baseline ${settings.baseline.path}: in a workflow_run job, make sure this file is the base repository's own, not one from the triggering run's artifact: ` +
        'a pull request\'s code wrote that artifact and could choose its own baseline. baseline: artifact fetches it from the base branch\'s runs.'
    )
  }
}

/** Runs the mode the inputs ask for on one workload; returns what it left and whether the step should fail and why. */
async function runLeg(leg: Leg, deps: ActionDeps, thresholds: Thresholds, trigger: Trigger | null): Promise<{ outcome: LegOutcome; failure: string | null }> {
  const { settings, key } = leg
  const { core } = deps
  if (settings.mode === 'sweep') return runSweepLeg(leg, deps, thresholds, trigger!)
  if (settings.mode === 'run' || settings.mode === 'baseline') {
    const result = await measure(settings, deps, workloadOf(settings, deps))
    let historyPath: string | null = null
    // The name is the workload file's, which allows only letters, digits, '.', '_' and '-'.
    core.summary.addRaw(`### llm-perf-gate: measured \`${result.workload.name}\`\n\n${fencedCode(formatConsoleSummary(result))}\n`)
    if (settings.mode === 'baseline') {
      const name = baselineArtifactName(key)
      // The history rides in the baseline artifact: the previous one's, extended by this run.
      const history = await baselineHistory(settings, deps, result, thresholds, leg, trigger!)
      historyPath = history.path
      const uploaded = await core.group(`Upload the baseline artifact ${name}`, () => uploadBaselineArtifact(deps.artifactClient(), { name, files: [settings.resultPath, history.path], retentionDays: 90 }))
      core.info(`uploaded ${uploaded.name}${uploaded.size !== undefined ? ` (${uploaded.size} bytes)` : ''}: pull requests with baseline: artifact compare against it`)
      core.summary.addRaw(`Uploaded as the baseline artifact \`${name}\`.\n`)
    }
    await core.summary.write()
    return { outcome: { key, resultPath: settings.resultPath, historyPath, compared: null }, failure: null }
  }

  const findBaseline = (): Promise<ResolvedBaseline> => core.group('Find the baseline', () => resolveBaseline(settings, deps, leg, trigger!))
  let current: ResultFile
  let baseline: ResolvedBaseline
  if (settings.mode === 'ab') {
    const load = (url: string): Workload => workloadOf(settings, deps, url)
    const workloads = { baseline: load(settings.baselineUrl!), candidate: load(settings.url!) }
    const { baseline: a, candidate: b } = await core.group('Interleaved A/B run', () =>
      withAbServers(workloads, settings.outputDirectory, { candidateServer: settings.candidateServer }, deps.io, () => runAb(workloads, settings.outputDirectory, deps.io, false))
    )
    current = b
    baseline = { found: true, result: a, label: settings.baselineUrl!, source: join(settings.outputDirectory, 'baseline.result.json'), file: join(settings.outputDirectory, 'baseline.result.json') }
  } else if (settings.mode === 'compare') {
    current = readResultFile(settings.resultPath, 'result-path')
    baseline = await findBaseline()
  } else {
    const workload = workloadOf(settings, deps)
    // Find the baseline first: a broken one should not cost a whole run to discover.
    baseline = await findBaseline()
    current = await measure(settings, deps, workload)
  }
  logBaseline(settings, deps, baseline)
  // A history belongs to separate jobs; the two sides of an ab run are one job.
  const past = settings.mode === 'ab' ? null : pastRuns(settings, baseline, deps)
  const history = settings.mode === 'ab' ? null : writeExtendedHistory(past, current, settings, deps, thresholds)
  const published = await core.group('Compare and report', () => publish({ settings, deps, thresholds, current, baseline, workloadFile: settings.workload, key, trigger: trigger!, history: past, trend: history?.trend ?? null }))
  core.info(`verdict: ${published.verdict}`)
  const outcome: LegOutcome = {
    key,
    resultPath: published.resultPath,
    historyPath: history?.path ?? null,
    compared: { verdict: published.verdict, comparisonPath: published.comparisonPath, reportPath: published.reportPath, htmlPath: published.htmlPath, regressions: published.regressions }
  }
  if (!published.failed) return { outcome, failure: null }
  if (published.verdict === 'fail') return { outcome, failure: `performance regression in ${current.workload.name}: ${published.regressions.join(', ')}` }
  return { outcome, failure: `the verdict is ${published.verdict} (fail-on: ${settings.failOn}${thresholds.fail_on_inconclusive ? ', and the thresholds set fail_on_inconclusive' : ''})` }
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/** Runs every leg (one per workload); a leg that throws does not stop the others. Returns why the step fails, or null. */
async function runLegs(settings: ActionSettings, deps: ActionDeps): Promise<string | null> {
  const thresholds = loadThresholds(settings.thresholds)
  const legs = planLegs(settings, settings.key === null ? ((await deps.gpuModel?.()) ?? null) : null)
  // mode baseline needs it too: the previous baseline artifact carries the history it extends.
  const trigger = settings.mode !== 'run' ? await resolveTrigger(settings, deps) : null
  if (legs.length === 1) {
    const { outcome, failure } = await runLeg(legs[0]!, deps, thresholds, trigger)
    setOutputs(deps.core, [outcome])
    return failure
  }
  const outcomes: LegOutcome[] = []
  const failures: string[] = []
  for (const leg of legs) {
    try {
      const { outcome, failure } = await runLeg(leg, deps, thresholds, trigger)
      outcomes.push(outcome)
      if (failure !== null) failures.push(`${leg.key}: ${failure}`)
    } catch (error) {
      outcomes.push({ key: leg.key, resultPath: leg.settings.resultPath, compared: null })
      failures.push(`${leg.key}: ${error instanceof InputError ? '' : 'llm-perf-gate failed: '}${messageOf(error)}`)
      deps.core.error(`${leg.key}: ${messageOf(error)}`)
    }
  }
  setOutputs(deps.core, outcomes)
  return failures.length === 0 ? null : failures.join('; ')
}

/** The action: one failure boundary around the mode the inputs ask for. */
export async function run(deps: ActionDeps): Promise<void> {
  const { core } = deps
  try {
    // No core.setSecret: it writes the token itself to stdout (as ::add-mask::), and the runner
    // already masks ${{ github.token }} and secrets; the token is never logged here.
    const settings = readSettings((name) => core.getInput(name))
    const failure = await runLegs(settings, deps)
    if (failure !== null) core.setFailed(failure)
  } catch (error) {
    core.setFailed(error instanceof InputError ? messageOf(error) : `llm-perf-gate failed: ${messageOf(error)}`)
  }
}
