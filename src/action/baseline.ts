import { mkdtempSync } from 'node:fs'
import { basename, join } from 'node:path'
import { baselineArtifactName, fetchBaselineArtifact, type BaselineArtifact, type BaselineNotFound } from '../github/baseline-artifact.js'
import { HISTORY_FILE } from '../history/file.js'
import type { ResultLike } from '../result/columns.js'
import { readComparableResult } from '../result/load.js'
import type { ActionDeps } from './deps.js'
import type { ActionSettings } from './settings.js'
import type { Trigger } from './trigger.js'

/** `file`: the result file as it was read (the reproduce command compares it again; the HTML report reads its request records); `history`: the history file the baseline artifact carried (docs/history.md), when it carried one. */
export type ResolvedBaseline = { found: true; result: ResultLike; label: string; source: string; file: string; history?: string } | { found: false; reason: string }

const short = (sha: string | undefined): string => (sha ?? '').slice(0, 7) || 'unknown'

/** The branch a baseline should come from: the pull request's base, else the repository's default branch. */
export function baseBranchOf(context: ActionDeps['context']): string {
  return context.payload.pull_request?.base?.ref ?? context.payload.repository?.default_branch ?? 'main'
}

/** Which baseline artifact to look for: the leg's key, then (a default key that gained the GPU model) the workload name alone, as versions before `key` named it. */
export interface BaselineNames {
  key: string
  legacyKey: string | null
}

/**
 * The baseline: a committed result file (release sign-off), or the result artifact of the newest
 * successful run on the base branch of this workflow (in a workflow_run job: of the workflow that
 * triggered it). Not finding one is an answer, never an error: the caller reports the verdict as
 * inconclusive and says how to create one.
 */
export async function resolveBaseline(settings: ActionSettings, deps: ActionDeps, names: BaselineNames, trigger: Trigger): Promise<ResolvedBaseline> {
  if (settings.baseline.kind === 'path') {
    return { found: true, result: readComparableResult(settings.baseline.path, 'baseline'), label: settings.baseline.path, source: settings.baseline.path, file: settings.baseline.path }
  }
  if (settings.baseline.kind === 'none') return { found: false, reason: 'no baseline was given (input baseline)' }
  const { context } = deps
  if (settings.token === '') return { found: false, reason: 'baseline: artifact needs a token (input github-token, by default the workflow token) to look up earlier runs' }
  if (trigger.baselineWorkflow === null) return { found: false, reason: `baseline: artifact needs GITHUB_WORKFLOW_REF (set by the runner, naming a .yml workflow file) to find this workflow's earlier runs; got ${JSON.stringify(context.workflowRef ?? null)}` }
  const lookFor = async (key: string): Promise<BaselineArtifact | BaselineNotFound> =>
    fetchBaselineArtifact(deps.getOctokit(settings.token), {
      owner: context.repo.owner,
      repo: context.repo.repo,
      workflowId: trigger.baselineWorkflow!,
      baseBranch: trigger.baseBranch,
      artifactName: baselineArtifactName(key),
      destination: mkdtempSync(join(deps.tempDirectory, 'llm-perf-gate-baseline-'))
    })
  let found = await lookFor(names.key)
  if (!found.found && names.legacyKey !== null && names.legacyKey !== names.key) {
    const legacy = await lookFor(names.legacyKey)
    if (legacy.found) found = legacy
  }
  if (!found.found) return { found: false, reason: found.reason }
  const history = found.files.find((name) => basename(name) === HISTORY_FILE)
  const file = found.files.find((name) => name.endsWith('.result.json')) ?? found.files.find((name) => name !== history)
  if (file === undefined) return { found: false, reason: `the baseline artifact of run ${found.runId} (${found.runUrl}) holds no result file` }
  return {
    found: true,
    file: join(found.path, file),
    result: readComparableResult(join(found.path, file), `baseline artifact of run ${found.runId}`),
    label: `${trigger.baseBranch}@${short(found.headSha)} (run ${found.runId}, ${found.createdAt.slice(0, 10)})`,
    source: `${found.artifactName} from ${found.runUrl}`,
    ...(history !== undefined ? { history: join(found.path, history) } : {})
  }
}
