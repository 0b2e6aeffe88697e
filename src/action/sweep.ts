/**
 * The action's `mode: sweep` (docs/sweeps.md): runs the workload at the loads of the `concurrency` or
 * `rates` input (or the automatic plan), writes the sweep file, and with a baseline (a sweep file,
 * or `artifact`) compares the two sweeps and reports as `gate` does. Runs of the base branch
 * (push, schedule, dispatch) upload their sweep as the artifact later sweeps compare against.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { planFromOptions, sweepAndWrite } from '../commands/sweep.js'
import { renderSweepReport } from '../commands/compare-sweep.js'
import { compareSweeps, type SweepComparison } from '../compare/sweep.js'
import type { Verdict } from '../compare/types.js'
import type { Thresholds } from '../config/thresholds.js'
import { annotateRegressions } from '../github/annotations.js'
import { BASELINE_EVENTS, baselineArtifactName, fetchBaselineArtifact, uploadBaselineArtifact } from '../github/baseline-artifact.js'
import { SECTION_PRIORITY } from '../report/sections.js'
import { escapeMarkdown, fencedCode } from '../report/escape.js'
import { joinReport, type RenderedReport } from '../report/markdown.js'
import { formatSweepSummary, renderSweepMarkdown } from '../report/sweep-section.js'
import { writeJsonFile } from '../result/io.js'
import { readSweepFile } from '../result/sweep-io.js'
import type { SweepFile } from '../result/sweep-types.js'
import { loadSweepWorkload } from '../sweep/workload.js'
import type { ActionDeps } from './deps.js'
import type { Leg } from './legs.js'
import type { LegOutcome } from './outputs.js'
import { fails, postComment } from './publish.js'
import type { Trigger } from './trigger.js'

/** Sweep artifacts are named apart from result ones: a workflow may gate and sweep the same workload. */
export const sweepKey = (key: string): string => `${key}-sweep`

type SweepBaseline = { found: true; sweep: SweepFile; label: string; source: string } | { found: false; reason: string }

/** The baseline sweep: a file, or the newest base-branch run's sweep artifact (as baseline.ts finds result artifacts). */
async function resolveSweepBaseline(leg: Leg, deps: ActionDeps, trigger: Trigger): Promise<SweepBaseline | null> {
  const { settings } = leg
  if (settings.baseline.kind === 'none') return null
  if (settings.baseline.kind === 'path') return { found: true, sweep: readSweepFile(settings.baseline.path, 'baseline'), label: settings.baseline.path, source: settings.baseline.path }
  const { context } = deps
  if (settings.token === '') return { found: false, reason: 'baseline: artifact needs a token (input github-token, by default the workflow token) to look up earlier runs' }
  if (trigger.baselineWorkflow === null) return { found: false, reason: `baseline: artifact needs GITHUB_WORKFLOW_REF (set by the runner, naming a .yml workflow file) to find this workflow's earlier runs; got ${JSON.stringify(context.workflowRef ?? null)}` }
  const found = await fetchBaselineArtifact(deps.getOctokit(settings.token), {
    owner: context.repo.owner,
    repo: context.repo.repo,
    workflowId: trigger.baselineWorkflow,
    baseBranch: trigger.baseBranch,
    artifactName: baselineArtifactName(sweepKey(leg.key)),
    destination: mkdtempSync(join(deps.tempDirectory, 'llm-perf-gate-baseline-'))
  })
  if (!found.found) return { found: false, reason: found.reason }
  const file = found.files.find((name) => name.endsWith('.sweep.json')) ?? found.files[0]
  if (file === undefined) return { found: false, reason: `the baseline artifact of run ${found.runId} (${found.runUrl}) holds no sweep file` }
  return { found: true, sweep: readSweepFile(join(found.path, file), `baseline artifact of run ${found.runId}`), label: `${trigger.baseBranch}@${(found.headSha ?? '').slice(0, 7) || 'unknown'} (run ${found.runId}, ${found.createdAt.slice(0, 10)})`, source: `${found.artifactName} from ${found.runUrl}` }
}

function noBaselineReport(name: string, reason: string, current: SweepFile): RenderedReport {
  return {
    verdict: `### ⚠️ llm-perf-gate: **inconclusive** in \`${escapeMarkdown(name, { maxLength: 80 }).replaceAll('`', "'")}\` — no baseline sweep to compare with`,
    sections: [
      { title: 'why', text: `No baseline sweep was found: ${escapeMarkdown(reason, { maxLength: 600 })}`, priority: SECTION_PRIORITY.gatedMetrics },
      { title: 'how to create one', text: 'Run this workflow with `mode: sweep` on the base branch (a nightly schedule): such runs upload their sweep as the baseline artifact. Or pass a committed sweep file as `baseline:`.', priority: 80 },
      { title: 'candidate', text: fencedCode(formatSweepSummary(current)), priority: SECTION_PRIORITY.details }
    ]
  }
}

/** Runs one leg in mode sweep; returns what it left and why the step fails, if it does. */
export async function runSweepLeg(leg: Leg, deps: ActionDeps, thresholds: Thresholds, trigger: Trigger): Promise<{ outcome: LegOutcome; failure: string | null }> {
  const { settings, key } = leg
  const { core, context } = deps
  const sweep = loadSweepWorkload(settings.workload!, { env: deps.io.env, ...(settings.url !== null ? { url: settings.url } : {}), ...(settings.trials !== null ? { trials: settings.trials } : {}) })
  const plan = planFromOptions({ ...(settings.sweepLoads.concurrency !== null ? { concurrency: settings.sweepLoads.concurrency } : {}), ...(settings.sweepLoads.rates !== null ? { rate: settings.sweepLoads.rates } : {}) }, sweep)
  // Found first: a broken baseline should not cost a whole sweep to discover.
  const baseline = await core.group('Find the baseline sweep', () => resolveSweepBaseline(leg, deps, trigger))
  const current = await core.group(`Sweep ${sweep.base.spec.name} against ${sweep.base.url}`, () => sweepAndWrite(sweep, plan, settings.resultPath, deps.io, { quiet: false, maxErrorRate: thresholds.validity.max_error_rate }))
  core.info(formatSweepSummary(current))
  if (current.interrupted === true || current.steps.length === 0) throw new Error(`the sweep was interrupted; ${settings.resultPath} holds the steps that finished`)
  core.summary.addRaw(`### llm-perf-gate: swept \`${escapeMarkdown(current.workload.name, { maxLength: 80 }).replaceAll('`', "'")}\`\n\n${fencedCode(formatSweepSummary(current))}\n`)
  if (BASELINE_EVENTS.includes(context.eventName)) {
    const name = baselineArtifactName(sweepKey(key))
    await core.group(`Upload the sweep as the baseline artifact ${name}`, () => uploadBaselineArtifact(deps.artifactClient(), { name, files: [settings.resultPath], retentionDays: 90 }))
    core.summary.addRaw(`Uploaded as the baseline artifact \`${name}\`.\n`)
  }
  if (baseline === null) {
    await core.summary.write()
    return { outcome: { key, resultPath: settings.resultPath, compared: null }, failure: null }
  }
  const candidate = trigger.candidateSha.slice(0, 7)
  const reportPath = join(settings.outputDirectory, 'report.md')
  let comparison: SweepComparison | null = null
  let report: RenderedReport
  let comparisonPath = ''
  let htmlPath = ''
  if (baseline.found) {
    comparison = compareSweeps(baseline.sweep, current, thresholds)
    const baselinePath = join(settings.outputDirectory, 'baseline.sweep.json')
    writeJsonFile(baselinePath, baseline.sweep)
    comparisonPath = join(settings.outputDirectory, 'comparison.json')
    writeJsonFile(comparisonPath, comparison, true)
    const input = { comparison, baseline: baseline.sweep, current, labels: { baseline: baseline.label, current: candidate }, reproduce: `npx llm-perf-gate compare --baseline ${baselinePath} --current ${settings.resultPath} --thresholds ${settings.thresholds}` }
    report = renderSweepMarkdown(input)
    htmlPath = join(settings.outputDirectory, 'report.html')
    writeFileSync(htmlPath, renderSweepReport(input, 'html'))
    core.info(`baseline: ${baseline.label} (${baseline.source})`)
  } else {
    report = noBaselineReport(current.workload.name, baseline.reason, current)
    core.warning(`no baseline sweep: ${baseline.reason}`)
  }
  const markdown = joinReport(report)
  writeFileSync(reportPath, markdown)
  core.summary.addRaw(markdown)
  const verdict: Verdict = comparison?.verdict ?? 'inconclusive'
  const regressed = (comparison?.metrics ?? []).filter((m) => m.status === 'regressed' && m.gate !== 'off')
  annotateRegressions(core, regressed.map((m) => ({ metric: m.metric, deltaPct: m.delta_pct ?? 0, tolerancePct: m.tolerance_pct, gate: m.gate === 'warn' ? 'warn' : 'fail' })), { workload: current.workload.name, ...(settings.workload !== null ? { file: settings.workload } : {}) })
  await postComment({ settings, deps, trigger, key: sweepKey(key) }, report, regressed.some((m) => m.gate === 'fail'))
  await core.summary.write()
  const regressions = regressed.filter((m) => m.gate === 'fail').map((m) => m.metric)
  core.info(`verdict: ${verdict}`)
  const outcome: LegOutcome = { key, resultPath: settings.resultPath, compared: { verdict, comparisonPath, reportPath, htmlPath, regressions } }
  if (!fails(verdict, settings, thresholds)) return { outcome, failure: null }
  if (verdict === 'fail') return { outcome, failure: `capacity regression in ${current.workload.name}: ${regressions.join(', ')}` }
  return { outcome, failure: `the verdict is ${verdict} (fail-on: ${settings.failOn}${thresholds.fail_on_inconclusive ? ', and the thresholds set fail_on_inconclusive' : ''})` }
}
