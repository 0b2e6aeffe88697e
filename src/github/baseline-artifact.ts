import { mkdir, readdir } from 'node:fs/promises'
import path from 'node:path'
import { Readable } from 'node:stream'
import type { ReadableStream } from 'node:stream/web'
import type { ArtifactClient } from '@actions/artifact'
import type { GitHubClient } from './client.js'
import { gitHubApiError, httpStatusOf, redactSecrets } from './client.js'
import { encodeWorkloadName } from './names.js'
import { extractZip as defaultExtractZip, type ExtractZip } from './unzip.js'

/** `mode: baseline` uploads, and `baseline: artifact` looks for, `llm-perf-gate-baseline-<workload>`. */
export const BASELINE_ARTIFACT_PREFIX = 'llm-perf-gate-baseline-'

export function baselineArtifactName(workloadName: string): string {
  return `${BASELINE_ARTIFACT_PREFIX}${encodeWorkloadName(workloadName)}`
}

/**
 * Runs that may supply a baseline: a push to the base branch (a merge), the nightly schedule
 * and a manual dispatch all run the base branch's own code. `pull_request` runs are left out:
 * their `head_branch` is the contributor's branch name, which a fork can call `main`, and the
 * code they ran (and so the baseline they would upload) is the contributor's.
 */
export const BASELINE_EVENTS: readonly string[] = ['push', 'schedule', 'workflow_dispatch']

/** `.github/workflows/perf.yml` from `GITHUB_WORKFLOW_REF` (`owner/repo/.github/workflows/perf.yml@refs/...`), usable as `workflowId`. */
export function workflowFileFromRef(workflowRef: string): string {
  const file = path.posix.basename(workflowRef.split('@')[0] ?? '')
  if (!/\.ya?ml$/.test(file)) throw new Error(`cannot find the workflow file in GITHUB_WORKFLOW_REF ${JSON.stringify(workflowRef)}`)
  return file
}

export interface LocateBaselineOptions {
  owner: string
  repo: string
  /** This run's workflow: its numeric id or its file name (`perf.yml`, see `workflowFileFromRef`). */
  workflowId: number | string
  /** The pull request's base branch (`pull_request.base.ref`), or the default branch outside pull requests. */
  baseBranch: string
  /** `baselineArtifactName(workload)`. */
  artifactName: string
  events?: readonly string[]
  /** How many successful runs on the base branch to look through before giving up. */
  maxRuns?: number
  now?: () => Date
}

export interface BaselineCandidate {
  found: true
  artifactId: number
  artifactName: string
  sizeInBytes: number
  runId: number
  runUrl: string
  headSha: string
  /** When the run that made the baseline was created (ISO 8601). */
  createdAt: string
  event: string
}

export interface BaselineNotFound {
  found: false
  /** Says what was looked for and how to make a baseline; meant to be shown to the user as is. */
  reason: string
}

interface WorkflowRun {
  id: number | bigint
  event: string
  head_branch: string | null
  head_sha: string
  html_url: string
  created_at: string
  conclusion: string | null
  head_repository?: { full_name?: string } | null
}

function isUsableRun(run: WorkflowRun, options: LocateBaselineOptions, events: readonly string[]): boolean {
  const sameRepository = run.head_repository?.full_name?.toLowerCase() === `${options.owner}/${options.repo}`.toLowerCase()
  return sameRepository && events.includes(run.event) && run.head_branch === options.baseBranch && run.conclusion === 'success'
}

/**
 * Finds the newest successful run of this workflow on the base branch (by the events in
 * `events`, run in this repository, not a fork) that still holds an unexpired artifact named
 * `artifactName`. Pages through the runs newest first and lists each run's artifacts, so runs
 * that made no baseline (a `gate` run on push) are passed over.
 */
export async function locateBaselineArtifact(octokit: GitHubClient, options: LocateBaselineOptions): Promise<BaselineCandidate | BaselineNotFound> {
  const { owner, repo, workflowId, baseBranch, artifactName } = options
  const events = options.events ?? BASELINE_EVENTS
  const maxRuns = options.maxRuns ?? 100
  const now = (options.now ?? (() => new Date()))().getTime()
  let runsLookedAt = 0
  let expiredSeen = 0

  const pages = octokit.paginate.iterator(octokit.rest.actions.listWorkflowRuns, {
    owner, repo, workflow_id: workflowId, branch: baseBranch, status: 'success', per_page: Math.min(100, maxRuns)
  })
  try {
    for await (const page of pages) {
      for (const run of page.data as WorkflowRun[]) {
        if (runsLookedAt >= maxRuns) break
        if (!isUsableRun(run, options, events)) continue
        runsLookedAt += 1
        const runId = Number(run.id)
        let artifacts
        try {
          ({ data: { artifacts } } = await octokit.rest.actions.listWorkflowRunArtifacts({ owner, repo, run_id: runId, name: artifactName, per_page: 100 }))
        } catch (error) {
          throw gitHubApiError(`listing the artifacts of run ${runId}`, error)
        }
        const named = artifacts.filter((artifact) => artifact.name === artifactName)
        const live = named.filter((artifact) => !artifact.expired && (artifact.expires_at === null || Date.parse(artifact.expires_at) > now))
        expiredSeen += named.length - live.length
        // A re-run can upload the same name again; the newest upload is the one that run finished with.
        const newest = live.sort((a, b) => Date.parse(b.created_at ?? '') - Date.parse(a.created_at ?? '') || b.id - a.id)[0]
        if (newest === undefined) continue
        return {
          found: true, artifactId: newest.id, artifactName, sizeInBytes: newest.size_in_bytes,
          runId, runUrl: run.html_url, headSha: run.head_sha, createdAt: run.created_at, event: run.event
        }
      }
      if (runsLookedAt >= maxRuns) break
    }
  } catch (error) {
    throw gitHubApiError(`listing the successful runs of workflow ${workflowId} on ${baseBranch}`, error)
  }

  const looked = runsLookedAt === 0
    ? `found no successful run of workflow ${workflowId} on branch ${baseBranch} triggered by ${events.join(', ')}`
    : `looked through ${runsLookedAt} successful run(s) of workflow ${workflowId} on branch ${baseBranch} and found no artifact named ${artifactName}` +
      (expiredSeen > 0 ? ` that has not expired (${expiredSeen} had expired)` : '')
  return {
    found: false,
    reason:
      `No baseline: ${looked}. To create one, run this workflow on ${baseBranch} with \`mode: baseline\` ` +
      `(on push to ${baseBranch}, on a nightly schedule, or by workflow_dispatch); it uploads the ${artifactName} artifact. ` +
      'Artifacts expire after the repository\'s retention period, so keep refreshing the baseline on a schedule.'
  }
}

export interface DownloadArtifactOptions {
  owner: string
  repo: string
  artifactId: number
  /** A fresh or empty directory: files left there by something else would be taken for the baseline. */
  destination: string
  extract?: ExtractZip
  /** Fetches the signed blob URL the API redirects to; it is sent no GitHub token. */
  fetch?: typeof globalThis.fetch
  timeoutMs?: number
}

/**
 * Downloads an artifact through the REST zip endpoint (a 302 to a signed blob URL, followed here
 * without the token, which must not go to another host) and extracts it. Returns the extracted
 * files, relative to `destination`, sorted.
 */
export async function downloadArtifactZip(octokit: GitHubClient, options: DownloadArtifactOptions): Promise<string[]> {
  const { owner, repo, artifactId, destination } = options
  await mkdir(destination, { recursive: true })
  if ((await readdir(destination)).length > 0) throw new Error(`refusing to extract artifact ${artifactId} into ${destination}: the directory is not empty`)

  let response
  try {
    response = await octokit.rest.actions.downloadArtifact({ owner, repo, artifact_id: artifactId, archive_format: 'zip', request: { redirect: 'manual' } })
  } catch (error) {
    throw gitHubApiError(`downloading artifact ${artifactId}${httpStatusOf(error) === 410 ? ' (it has expired)' : ''}`, error)
  }
  const location = (response.status as number) === 302 ? response.headers.location : undefined
  if (location === undefined) throw new Error(`downloading artifact ${artifactId}: expected a redirect to its download URL, got HTTP ${response.status}`)

  const fetchBlob = options.fetch ?? globalThis.fetch
  let blob: Response
  try {
    blob = await fetchBlob(location, { signal: AbortSignal.timeout(options.timeoutMs ?? 300_000) })
  } catch (error) {
    throw new Error(`downloading artifact ${artifactId} from ${redactSecrets(location)} failed: ${redactSecrets(String(error))}`, { cause: error })
  }
  if (!blob.ok || blob.body === null) throw new Error(`downloading artifact ${artifactId} from ${redactSecrets(location)} failed: HTTP ${blob.status}`)
  await (options.extract ?? defaultExtractZip)(Readable.fromWeb(blob.body as ReadableStream<Uint8Array>), destination)

  const entries = await readdir(destination, { recursive: true, withFileTypes: true })
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(destination, path.join(entry.parentPath, entry.name)))
    .sort()
}

export type BaselineArtifact = Omit<BaselineCandidate, 'found'> & {
  found: true
  /** The directory the artifact was extracted into. */
  path: string
  files: string[]
}

/** `locateBaselineArtifact`, then `downloadArtifactZip` of what it found into `destination`. */
export async function fetchBaselineArtifact(
  octokit: GitHubClient,
  options: LocateBaselineOptions & Pick<DownloadArtifactOptions, 'destination' | 'extract' | 'fetch' | 'timeoutMs'>
): Promise<BaselineArtifact | BaselineNotFound> {
  const candidate = await locateBaselineArtifact(octokit, options)
  if (!candidate.found) return candidate
  const files = await downloadArtifactZip(octokit, { ...options, artifactId: candidate.artifactId })
  return { ...candidate, path: options.destination, files }
}

/** The one method of `@actions/artifact`'s client that uploading needs; tests pass a recorder. */
export type ArtifactUploader = Pick<ArtifactClient, 'uploadArtifact'>

export interface UploadBaselineOptions {
  /** `baselineArtifactName(workload)`. */
  name: string
  /** Absolute paths of the files to upload (the result file, at least). */
  files: readonly string[]
  /** Paths inside the artifact are relative to this; defaults to the files' common directory. */
  rootDirectory?: string
  /** Days before the artifact expires; the repository's maximum applies. Absent: the repository's default. */
  retentionDays?: number
}

function commonDirectory(files: readonly string[]): string {
  const split = files.map((file) => path.dirname(path.resolve(file)).split(path.sep))
  const common: string[] = []
  for (let index = 0; split.every((parts) => parts[index] !== undefined && parts[index] === split[0]?.[index]); index += 1) {
    common.push(split[0]?.[index] ?? '')
  }
  return common.join(path.sep) || path.sep
}

/**
 * Uploads the baseline for `mode: baseline`. A thin wrapper over `uploadArtifact` that adds what
 * the user needs when it fails: uploading works only inside a GitHub Actions job, which provides
 * the runtime token the artifact service wants.
 */
export async function uploadBaselineArtifact(client: ArtifactUploader, options: UploadBaselineOptions): Promise<{ name: string; id?: number; size?: number }> {
  if (options.files.length === 0) throw new Error(`uploading artifact ${options.name}: no files to upload`)
  const rootDirectory = options.rootDirectory ?? commonDirectory(options.files)
  const uploadOptions = options.retentionDays === undefined ? {} : { retentionDays: options.retentionDays }
  try {
    const response = await client.uploadArtifact(options.name, [...options.files], rootDirectory, uploadOptions)
    return { name: options.name, ...(response.id === undefined ? {} : { id: response.id }), ...(response.size === undefined ? {} : { size: response.size }) }
  } catch (error) {
    const message = redactSecrets(error instanceof Error ? error.message : String(error))
    const hint = /ACTIONS_RUNTIME_TOKEN|ACTIONS_RESULTS_URL/.test(message) ? ' (uploading a baseline needs a GitHub Actions job: run `mode: baseline` in a workflow)' : ''
    throw new Error(`uploading artifact ${options.name} failed: ${message}${hint}`, { cause: error })
  }
}
