import { copyFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { compareResults } from '../compare/compare.js'
import type { Comparison, Verdict } from '../compare/types.js'
import type { Thresholds } from '../config/thresholds.js'
import { annotateRegressions } from '../github/annotations.js'
import { truncateCommentBody } from '../github/comment-body.js'
import { commentMarker, upsertStickyComment } from '../github/comment.js'
import { escapeMarkdown, fencedCode } from '../report/escape.js'
import type { JobHistory } from '../history/file.js'
import type { Trend } from '../history/trend.js'
import { htmlTrendOf } from '../report/html/history-trend.js'
import { formatConsoleSummary } from '../output/console-summary.js'
import { escapeKeepingOurLinks } from '../report/format.js'
import { renderHtml } from '../report/html/page.js'
import { joinReport, renderMarkdown, type RenderedReport } from '../report/markdown.js'
import { SECTION_PRIORITY } from '../report/sections.js'
import { writeJsonFile } from '../result/io.js'
import type { ResultFile } from '../result/types.js'
import type { ResolvedBaseline } from './baseline.js'
import type { ActionDeps } from './deps.js'
import type { ActionSettings } from './settings.js'
import type { Trigger } from './trigger.js'

export interface PublishInput {
  settings: ActionSettings
  deps: ActionDeps
  thresholds: Thresholds
  current: ResultFile
  baseline: ResolvedBaseline
  /** The workload file, so annotations attach to it in the pull request. */
  workloadFile: string | null
  /** Names the comment marker: from the workflow (key input or workload file), never from the result file. */
  key: string
  /** The pull request to comment on (verified in a workflow_run job) and the commit measured. */
  trigger: Trigger
  /** Past runs, for job-to-job variation, and the trend to draw (docs/history.md). */
  history?: JobHistory | null
  trend?: Trend | null
}

export interface Published {
  verdict: Verdict
  comparison: Comparison | null
  /** Whether the verdict fails the step under fail-on and the thresholds' fail_on_inconclusive. */
  failed: boolean
  resultPath: string
  /** Empty when nothing was compared. */
  comparisonPath: string
  reportPath: string
  /** report.html, empty when nothing was compared. */
  htmlPath: string
  /** Metrics that regressed beyond a failing gate. */
  regressions: string[]
}

/** The report when no baseline was found: inconclusive, with how to create one. */
function noBaselineReport(name: string, reason: string, current: ResultFile, isOurs: (url: string) => boolean): RenderedReport {
  return {
    verdict: `### ⚠️ llm-perf-gate: **inconclusive** in \`${escapeMarkdown(name, { maxLength: 80 }).replaceAll('`', "'")}\` — no baseline to compare with`,
    sections: [
      { title: 'why', text: `No baseline was found: ${escapeKeepingOurLinks(reason, isOurs, { maxLength: 600 })}`, priority: SECTION_PRIORITY.gatedMetrics },
      {
        title: 'how to create one',
        text: 'Create one by running this workflow on the base branch with `mode: baseline` (for example a nightly job on `main`, see the README\'s workflows), or pass a committed result file as `baseline:`. This run measured the candidate; its result is attached to the job.',
        priority: SECTION_PRIORITY.summary
      },
      { title: 'candidate summary', text: ['<details><summary>Candidate summary</summary>', '', fencedCode(formatConsoleSummary(current)), '', '</details>'].join('\n'), priority: SECTION_PRIORITY.details }
    ]
  }
}

export function fails(verdict: Verdict, settings: ActionSettings, thresholds: Thresholds): boolean {
  if (settings.failOn === 'never') return false
  if (verdict === 'fail') return true
  const undecided = verdict === 'inconclusive' || verdict === 'incomparable'
  return undecided && (settings.failOn === 'inconclusive' || thresholds.fail_on_inconclusive)
}

export async function postComment(input: Pick<PublishInput, 'settings' | 'deps' | 'trigger' | 'key'>, report: RenderedReport, regressed: boolean): Promise<void> {
  const { settings, deps } = input
  const { core, context } = deps
  const issueNumber = input.trigger.pullRequest ?? undefined
  if (settings.comment === 'never' || issueNumber === undefined) return
  if (settings.token === '') {
    core.warning('no github-token: the report is in the job summary but no pull-request comment was posted')
    return
  }
  const marker = commentMarker(input.key)
  const { body } = truncateCommentBody({ marker, verdict: report.verdict, sections: report.sections, whereToFindTheRest: 'the job summary of this run' })
  try {
    const outcome = await upsertStickyComment(deps.getOctokit(settings.token), {
      owner: context.repo.owner,
      repo: context.repo.repo,
      issueNumber,
      marker,
      body,
      mode: settings.comment === 'on-regression' ? 'on-regression' : 'always',
      regressed,
      authorLogin: 'github-actions[bot]'
    })
    if (outcome.action === 'forbidden') {
      core.warning(outcome.message)
      core.summary.addRaw(`\n> [!NOTE]\n> The pull-request comment could not be posted: ${escapeMarkdown(outcome.message, { maxLength: 800 })}\n`)
    } else if (outcome.action === 'skipped') {
      core.info(outcome.message)
    } else {
      core.info(`pull-request comment ${outcome.action}: ${outcome.url}`)
    }
  } catch (error) {
    // The verdict stands without the comment: it is in the summary, the files and the outputs.
    core.warning(`the pull-request comment failed: ${error instanceof Error ? error.message : String(error)}`)
  }
}

/** Compares (when there is a baseline), then writes the files, the summary, annotations and the comment; returns what the outputs say. */
export async function publish(input: PublishInput): Promise<Published> {
  const { settings, deps, thresholds, current, baseline } = input
  const { core, context } = deps
  const candidate = input.trigger.candidateSha.slice(0, 7)
  let comparison: Comparison | null = null
  let report: RenderedReport
  const reportPath = join(settings.outputDirectory, 'report.md')
  let comparisonPath = ''
  let htmlPath = ''
  if (baseline.found) {
    comparison = compareResults(baseline.result, current, thresholds, input.history != null ? { history: input.history } : {})
    // The file as it was read: the result in memory holds columns, not the request records a reader needs.
    const baselineCopy = join(settings.outputDirectory, 'baseline.result.json')
    if (resolve(baseline.file) !== resolve(baselineCopy)) copyFileSync(baseline.file, baselineCopy)
    comparisonPath = join(settings.outputDirectory, 'comparison.json')
    writeJsonFile(comparisonPath, comparison, true)
    const reproduce = `npx llm-perf-gate compare --baseline ${join(settings.outputDirectory, 'baseline.result.json')} --current ${settings.resultPath} --thresholds ${settings.thresholds}`
    const labels = { baseline: baseline.label, current: candidate }
    const baselineLink = baseline.source.startsWith(`${context.serverUrl}/`) ? { baselineLink: baseline.source } : {}
    report = renderMarkdown({ comparison, baseline: baseline.result, current, labels, reproduce, trend: input.trend ?? null, ...baselineLink })
    htmlPath = join(settings.outputDirectory, 'report.html')
    writeFileSync(htmlPath, renderHtml({ comparison, baseline: baseline.result, current, labels, reproduce, trend: input.trend ?? null, ...htmlTrendOf(input.trend ?? null) }))
  } else {
    // Links to this repository's runs (the baseline artifact's run) are ours: they stay clickable.
    const ours = `${context.serverUrl}/${context.repo.owner}/${context.repo.repo}/`
    report = noBaselineReport(current.workload.name, baseline.reason, current, (url) => url.startsWith(ours))
    core.warning(`no baseline: ${baseline.reason}`)
  }
  const markdown = joinReport(report)
  writeFileSync(reportPath, markdown)
  core.summary.addRaw(markdown)
  const verdict: Verdict = comparison?.verdict ?? 'inconclusive'
  const regressed = (comparison?.metrics ?? []).filter((m) => m.status === 'regressed' && m.gate !== 'off')
  annotateRegressions(
    core,
    regressed.map((m) => ({ metric: m.metric, deltaPct: m.delta_pct ?? 0, tolerancePct: m.tolerance_pct, gate: m.gate === 'warn' ? 'warn' : 'fail' })),
    { workload: current.workload.name, ...(input.workloadFile !== null ? { file: input.workloadFile } : {}) }
  )
  await postComment(input, report, regressed.some((m) => m.gate === 'fail'))
  await core.summary.write()
  const regressions = regressed.filter((m) => m.gate === 'fail').map((m) => m.metric)
  return { verdict, comparison, failed: fails(verdict, settings, thresholds), resultPath: settings.resultPath, comparisonPath, reportPath, htmlPath, regressions }
}
