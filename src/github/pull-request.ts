import type { GitHubClient } from './client.js'
import { gitHubApiError } from './client.js'

export interface ExpectedHead {
  owner: string
  repo: string
  /** The pull request number to check; in the fork-safe pattern it comes from the fork's own artifact. */
  number: number
  /** The commit the triggering run measured (`workflow_run.head_sha`). */
  headSha: string
  /** `owner/repo` the triggering run's code came from (`workflow_run.head_repository.full_name`), when known. */
  headRepository?: string
}

export type VerifiedPullRequest =
  | { verified: true; number: number; baseRef: string; headSha: string; url: string }
  | { verified: false; reason: string }

interface PullRequestData {
  number: number
  html_url: string
  head: { sha: string; repo: { full_name: string } | null }
  base: { ref: string; repo: { full_name: string } }
}

/**
 * Looks the pull request up (`GET /repos/{owner}/{repo}/pulls/{number}`) and checks that its head
 * is the commit the triggering run measured, from the repository it ran. A number written by a
 * fork's workflow is only a claim: without this check a fork could point the trusted job's
 * comment at any pull request of the repository. Any failure is an answer with a reason, never
 * an exception: the verdict stands without the comment.
 */
export async function verifyPullRequestHead(octokit: GitHubClient, expected: ExpectedHead): Promise<VerifiedPullRequest> {
  const { owner, repo, number, headSha } = expected
  let pull: PullRequestData
  try {
    ({ data: pull } = await octokit.rest.pulls.get({ owner, repo, pull_number: number }))
  } catch (error) {
    return { verified: false, reason: gitHubApiError(`looking up pull request #${number} of ${owner}/${repo}`, error).message }
  }
  if (pull.head.sha !== headSha) {
    return {
      verified: false,
      reason: `pull request #${number}'s head is ${pull.head.sha.slice(0, 12)}, not ${headSha.slice(0, 12)}, the commit the triggering run measured (a newer push, or a number that is not this run's pull request)`
    }
  }
  const from = pull.head.repo?.full_name
  if (expected.headRepository !== undefined && from !== undefined && from.toLowerCase() !== expected.headRepository.toLowerCase()) {
    return { verified: false, reason: `pull request #${number} comes from ${from}, but the triggering run's code came from ${expected.headRepository}` }
  }
  return { verified: true, number: pull.number, baseRef: pull.base.ref, headSha: pull.head.sha, url: pull.html_url }
}
