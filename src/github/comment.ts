import type { GitHubClient } from './client.js'
import { gitHubApiError, httpStatusOf, isNotAccessibleByIntegration, isPermissionDenied } from './client.js'
import { COMMENT_BODY_LIMIT, truncateCommentBody } from './comment-body.js'
import { encodeWorkloadName } from './names.js'

/**
 * The hidden HTML comment that identifies a workload's sticky PR comment, e.g.
 * `<!-- llm-perf-gate:chat-short -->`. Matching includes the closing ` -->`, so `chat` never
 * matches the comment of `chat-long`; the name is encoded (see `encodeWorkloadName`) so that a
 * hostile name cannot end the HTML comment early.
 */
export function commentMarker(workloadName: string): string {
  return `<!-- llm-perf-gate:${encodeWorkloadName(workloadName)} -->`
}

/**
 * Told to the user when the token may not comment: the usual cause is a pull request from a
 * fork, whose `GITHUB_TOKEN` is read-only by design. Giving that job a write token would let the
 * fork's code use it, so the safe pattern is a second workflow.
 */
export const FORK_SAFE_COMMENT_GUIDANCE =
  'The token cannot write comments on this pull request. That is expected on a pull request from a fork, whose ' +
  'GITHUB_TOKEN is read-only; the report is still in the job summary and the report file. To comment on fork pull ' +
  'requests, upload the result file and the pull request number as an artifact in this workflow, and compare and comment ' +
  'from a second workflow triggered by `on: workflow_run` (types: [completed]) with `mode: compare`, `baseline: artifact` ' +
  'and the same `key`: it runs with the base repository\'s token, so it can comment, and it must not check out or run the ' +
  'pull request\'s code (examples/workflow-fork-*.yml, docs/workflows.md). If this is not a fork, give the job ' +
  '`permissions: pull-requests: write`.'

export type CommentMode = 'always' | 'on-regression'

export interface StickyCommentOptions {
  owner: string
  repo: string
  /** The pull request's number (pull requests are issues to the comments API). */
  issueNumber: number
  /** `commentMarker(workload)`; added to the top of the body when the body lacks it. */
  marker: string
  /** Markdown, ideally from `truncateCommentBody`; a longer body is cut to fit as a last resort. */
  body: string
  /** `always`: create or update. `on-regression`: create only when regressed, but always update an existing comment, so a fixed regression's comment turns green. */
  mode: CommentMode
  regressed: boolean
  /** The login the token comments as (`github-actions[bot]` for GITHUB_TOKEN); preferred when several comments carry the marker. */
  authorLogin?: string
}

export type StickyCommentResult =
  | { action: 'created' | 'updated'; commentId: number; url: string }
  | { action: 'skipped'; message: string }
  | { action: 'forbidden'; message: string }

interface IssueComment {
  id: number
  body?: string | null
  html_url: string
  user?: { login?: string; type?: string } | null
}

/** Ours first by the token's login, then by a bot author (a human who quoted our marker should not be overwritten), then the oldest. */
function pickComment(comments: readonly IssueComment[], marker: string, authorLogin: string | undefined): IssueComment | undefined {
  const login = authorLogin?.toLowerCase()
  const rank = (comment: IssueComment): number => {
    if (login !== undefined && comment.user?.login?.toLowerCase() === login) return 0
    if (comment.user?.type === 'Bot') return 1
    return 2
  }
  let best: IssueComment | undefined
  for (const comment of comments) {
    if (!comment.body?.includes(marker)) continue
    if (best === undefined || rank(comment) < rank(best)) best = comment
  }
  return best
}

function withMarker(body: string, marker: string): string {
  const marked = body.includes(marker) ? body : `${marker}\n${body}`
  if (marked.length <= COMMENT_BODY_LIMIT) return marked
  const [verdict = '', ...rest] = marked.replace(marker, '').replace(/^\n/, '').split('\n')
  return truncateCommentBody({
    marker,
    verdict,
    sections: [{ title: 'the report', text: rest.join('\n'), priority: 0, cut: 'lines' }]
  }).body
}

function forbidden(error: unknown): StickyCommentResult {
  const status = httpStatusOf(error)
  return { action: 'forbidden', message: `${FORK_SAFE_COMMENT_GUIDANCE} (GitHub answered HTTP ${status ?? '?'}.)` }
}

/**
 * Creates or edits the one comment for this workload on the pull request. Reads every page of
 * the issue's comments (100 per page), edits ours in place when there is one, posts otherwise.
 * A token that may not write (403; 404 on create, which is how GitHub hides private repos)
 * gives `forbidden` with guidance instead of an exception: a fork's pull request must not fail
 * the gate for that. Other API failures throw an Error naming the status and the step.
 */
export async function upsertStickyComment(octokit: GitHubClient, options: StickyCommentOptions): Promise<StickyCommentResult> {
  const { owner, repo, issueNumber, marker, mode, regressed } = options
  const where = `${owner}/${repo}#${issueNumber}`

  let comments: IssueComment[]
  try {
    comments = await octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: issueNumber, per_page: 100 })
  } catch (error) {
    if (isPermissionDenied(error)) return forbidden(error)
    throw gitHubApiError(`listing the comments of ${where}`, error)
  }

  const existing = pickComment(comments, marker, options.authorLogin)
  if (existing === undefined && mode === 'on-regression' && !regressed) {
    return { action: 'skipped', message: `no regression and no earlier comment on ${where}: nothing to say (comment: on-regression)` }
  }

  const body = withMarker(options.body, marker)
  if (existing !== undefined) {
    try {
      const { data } = await octokit.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body })
      return { action: 'updated', commentId: data.id, url: data.html_url }
    } catch (error) {
      if (isPermissionDenied(error) || (httpStatusOf(error) === 404 && isNotAccessibleByIntegration(error))) return forbidden(error)
      // Any other 404: the comment was deleted between listing and editing. Post a new one.
      if (httpStatusOf(error) !== 404) throw gitHubApiError(`editing comment ${existing.id} on ${where}`, error)
    }
  }

  try {
    const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body })
    return { action: 'created', commentId: data.id, url: data.html_url }
  } catch (error) {
    if (isPermissionDenied(error) || httpStatusOf(error) === 404) return forbidden(error)
    throw gitHubApiError(`creating a comment on ${where}`, error)
  }
}
