import { mkdtempSync } from 'node:fs'
import { join } from 'node:path'
import { baselineArtifactName, fetchBaselineArtifact, workflowFileFromRef } from '../github/baseline-artifact.js'
import type { ResultLike } from '../result/columns.js'
import { readComparableResult } from '../result/load.js'
import type { ActionDeps } from './deps.js'
import type { ActionSettings } from './settings.js'

/** `file`: the result file as it was read, which the report's reproduce command compares again. */
export type ResolvedBaseline = { found: true; result: ResultLike; label: string; source: string; file: string } | { found: false; reason: string }

const short = (sha: string | undefined): string => (sha ?? '').slice(0, 7) || 'unknown'

/** The branch a baseline should come from: the pull request's base, else the repository's default branch. */
export function baseBranchOf(context: ActionDeps['context']): string {
  return context.payload.pull_request?.base?.ref ?? context.payload.repository?.default_branch ?? 'main'
}

/**
 * The baseline: a committed result file (release sign-off), or the result artifact of the newest
 * successful run of this workflow on the base branch. Not finding one is an answer, never an
 * error: the caller reports the verdict as inconclusive and says how to create one.
 */
export async function resolveBaseline(settings: ActionSettings, deps: ActionDeps, workloadName: string): Promise<ResolvedBaseline> {
  if (settings.baseline.kind === 'path') {
    return { found: true, result: readComparableResult(settings.baseline.path, 'baseline'), label: settings.baseline.path, source: settings.baseline.path, file: settings.baseline.path }
  }
  if (settings.baseline.kind === 'none') return { found: false, reason: 'no baseline was given (input baseline)' }
  const { context } = deps
  if (settings.token === '') return { found: false, reason: 'baseline: artifact needs a token (input github-token, by default the workflow token) to look up earlier runs' }
  if (context.workflowRef === undefined) return { found: false, reason: 'baseline: artifact needs GITHUB_WORKFLOW_REF (set by the runner) to find this workflow\'s earlier runs' }
  const baseBranch = baseBranchOf(context)
  const found = await fetchBaselineArtifact(deps.getOctokit(settings.token), {
    owner: context.repo.owner,
    repo: context.repo.repo,
    workflowId: workflowFileFromRef(context.workflowRef),
    baseBranch,
    artifactName: baselineArtifactName(workloadName),
    destination: mkdtempSync(join(deps.tempDirectory, 'llm-perf-gate-baseline-'))
  })
  if (!found.found) return { found: false, reason: found.reason }
  const file = found.files.find((name) => name.endsWith('.result.json')) ?? found.files[0]
  if (file === undefined) return { found: false, reason: `the baseline artifact of run ${found.runId} (${found.runUrl}) holds no result file` }
  return {
    found: true,
    file: join(found.path, file),
    result: readComparableResult(join(found.path, file), `baseline artifact of run ${found.runId}`),
    label: `${baseBranch}@${short(found.headSha)} (run ${found.runId}, ${found.createdAt.slice(0, 10)})`,
    source: found.runUrl
  }
}
