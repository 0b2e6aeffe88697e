import { workflowFileFromRef } from '../github/baseline-artifact.js'
import { verifyPullRequestHead } from '../github/pull-request.js'
import { baseBranchOf } from './baseline.js'
import type { ActionDeps } from './deps.js'
import type { ActionSettings } from './settings.js'

/** What the event that started this job means for the comparison and the comment. */
export interface Trigger {
  /** The pull request to comment on; null when there is none or it could not be verified. */
  pullRequest: number | null
  /** The branch whose runs supply `baseline: artifact`. */
  baseBranch: string
  /** The commit that was measured, to label the candidate. */
  candidateSha: string
  /** The workflow whose base-branch runs hold the baseline artifacts: this one, or in a workflow_run job the one that triggered it. */
  baselineWorkflow: string | number | null
}

/** The parts of a `workflow_run` event payload used here (GitHub's webhook shape). */
interface WorkflowRunPayload {
  id?: number
  workflow_id?: number
  head_sha?: string
  head_repository?: { full_name?: string } | null
  pull_requests?: Array<{ number?: number; head?: { sha?: string } }>
}

/** This workflow's file from GITHUB_WORKFLOW_REF; null when unset or unreadable (only `baseline: artifact` needs it, and says so). */
function workflowFileOf(workflowRef: string | undefined): string | null {
  try {
    return workflowRef === undefined ? null : workflowFileFromRef(workflowRef)
  } catch {
    return null
  }
}

/**
 * Reads the event. In a `workflow_run` job (the trusted half of the fork-safe pattern) the pull
 * request's number comes from the fork's artifact, so it is looked up and used only when its head
 * is the commit the triggering run measured; otherwise the job warns and posts nothing. The
 * baseline is then looked for in the triggering workflow's base-branch runs, on the verified pull
 * request's base branch.
 */
export async function resolveTrigger(settings: ActionSettings, deps: ActionDeps): Promise<Trigger> {
  const { context, core } = deps
  const thisWorkflow = workflowFileOf(context.workflowRef)
  const run = context.eventName === 'workflow_run' ? (context.payload.workflow_run as WorkflowRunPayload | undefined) : undefined
  if (run === undefined) {
    return {
      pullRequest: settings.pullRequest ?? context.payload.pull_request?.number ?? null,
      baseBranch: baseBranchOf(context),
      candidateSha: context.payload.pull_request?.head?.sha ?? context.sha,
      baselineWorkflow: thisWorkflow
    }
  }
  const headSha = run.head_sha ?? ''
  const trigger: Trigger = {
    pullRequest: null,
    baseBranch: baseBranchOf(context),
    candidateSha: headSha || context.sha,
    baselineWorkflow: run.workflow_id ?? thisWorkflow
  }
  // A pull request from this repository is listed in the event; one from a fork is not, and its number comes from the fork's artifact.
  const claimed = settings.pullRequest ?? run.pull_requests?.find((pull) => pull.head?.sha === headSha)?.number ?? null
  if (claimed === null) return trigger
  const refuse = (reason: string): Trigger => {
    core.warning(`no pull-request comment: pull request #${claimed} was not verified: ${reason}. The verdict, the job summary and the files are unaffected.`)
    return trigger
  }
  if (headSha === '') return refuse('the workflow_run event has no head_sha to check it against')
  if (settings.token === '') return refuse('checking it needs a token (input github-token)')
  const verified = await verifyPullRequestHead(deps.getOctokit(settings.token), {
    owner: context.repo.owner,
    repo: context.repo.repo,
    number: claimed,
    headSha,
    ...(run.head_repository?.full_name !== undefined ? { headRepository: run.head_repository.full_name } : {})
  })
  if (!verified.verified) return refuse(verified.reason)
  core.info(`pull request #${verified.number} verified: its head ${headSha.slice(0, 12)} is the commit the triggering run measured`)
  return { ...trigger, pullRequest: verified.number, baseBranch: verified.baseRef }
}
