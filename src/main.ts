import { join } from 'node:path'
import { resolveBaseline, type ResolvedBaseline } from './action/baseline.js'
import type { ActionDeps } from './action/deps.js'
import { OUTPUTS } from './action/names.js'
import { publish } from './action/publish.js'
import { readSettings, type ActionSettings } from './action/settings.js'
import { runAb } from './runner/ab.js'
import { runAndWrite } from './commands/run.js'
import { loadThresholds } from './config/thresholds.js'
import { loadWorkload, type Workload } from './config/workload.js'
import { InputError } from './errors.js'
import { baselineArtifactName, uploadBaselineArtifact } from './github/baseline-artifact.js'
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

/** Runs the mode the inputs ask for; returns whether the step should fail and why. */
async function runMode(settings: ActionSettings, deps: ActionDeps): Promise<string | null> {
  const { core } = deps
  const thresholds = loadThresholds(settings.thresholds)
  if (settings.mode === 'run' || settings.mode === 'baseline') {
    const result = await measure(settings, deps, workloadOf(settings, deps))
    core.setOutput(OUTPUTS.resultPath, settings.resultPath)
    core.summary.addRaw(`### llm-perf-gate: measured \`${result.workload.name}\`\n\n\`\`\`\n${formatConsoleSummary(result)}\`\`\`\n`)
    if (settings.mode === 'baseline') {
      const name = baselineArtifactName(result.workload.name)
      const uploaded = await core.group(`Upload the baseline artifact ${name}`, () => uploadBaselineArtifact(deps.artifactClient(), { name, files: [settings.resultPath], retentionDays: 90 }))
      core.info(`uploaded ${uploaded.name}${uploaded.size !== undefined ? ` (${uploaded.size} bytes)` : ''}: pull requests with baseline: artifact compare against it`)
      core.summary.addRaw(`Uploaded as the baseline artifact \`${name}\`.\n`)
    }
    await core.summary.write()
    return null
  }

  let current: ResultFile
  let baseline: ResolvedBaseline
  if (settings.mode === 'ab') {
    const load = (url: string): Workload => workloadOf(settings, deps, url)
    const { baseline: a, candidate: b } = await core.group('Interleaved A/B run', () => runAb({ baseline: load(settings.baselineUrl!), candidate: load(settings.url!) }, settings.outputDirectory, deps.io, false))
    current = b
    baseline = { found: true, result: a, label: settings.baselineUrl!, source: join(settings.outputDirectory, 'baseline.result.json'), file: join(settings.outputDirectory, 'baseline.result.json') }
  } else if (settings.mode === 'compare') {
    current = readResultFile(settings.resultPath, 'result-path')
    baseline = await core.group('Find the baseline', () => resolveBaseline(settings, deps, current.workload.name))
  } else {
    const workload = workloadOf(settings, deps)
    // Find the baseline first: a broken one should not cost a whole run to discover.
    baseline = await core.group('Find the baseline', () => resolveBaseline(settings, deps, workload.spec.name))
    current = await measure(settings, deps, workload)
  }
  const published = await core.group('Compare and report', () => publish({ settings, deps, thresholds, current, baseline, workloadFile: settings.workload }))
  core.info(`verdict: ${published.verdict}`)
  if (!published.failed) return null
  if (published.verdict === 'fail') {
    const regressed = published.comparison!.metrics.filter((m) => m.status === 'regressed' && m.gate === 'fail').map((m) => m.metric)
    return `performance regression in ${current.workload.name}: ${regressed.join(', ')}`
  }
  return `the verdict is ${published.verdict} (fail-on: ${settings.failOn}${thresholds.fail_on_inconclusive ? ', and the thresholds set fail_on_inconclusive' : ''})`
}

/** The action: one failure boundary around the mode the inputs ask for. */
export async function run(deps: ActionDeps): Promise<void> {
  const { core } = deps
  try {
    // No core.setSecret: it writes the token itself to stdout (as ::add-mask::), and the runner
    // already masks ${{ github.token }} and secrets; the token is never logged here.
    const settings = readSettings((name) => core.getInput(name))
    const failure = await runMode(settings, deps)
    if (failure !== null) core.setFailed(failure)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    core.setFailed(error instanceof InputError ? message : `llm-perf-gate failed: ${message}`)
  }
}
