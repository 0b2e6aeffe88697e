import type { ArtifactClient } from '@actions/artifact'
import type { CommandIo } from '../process-io.js'
import type { GitHubClient } from '../github/client.js'

/** The parts of `@actions/core` the action uses: passed in, so tests use a typed fake. */
export interface ActionCore {
  getInput(name: string): string
  setOutput(name: string, value: string): void
  setFailed(message: string): void
  setSecret(secret: string): void
  info(message: string): void
  warning(message: string, properties?: { title?: string; file?: string }): void
  error(message: string, properties?: { title?: string; file?: string }): void
  group<T>(name: string, fn: () => Promise<T>): Promise<T>
  summary: { addRaw(text: string, addEOL?: boolean): unknown; write(): Promise<unknown> }
}

/** What the action needs of the workflow run; built from `@actions/github`'s context at the edge. */
export interface ActionContext {
  eventName: string
  payload: {
    pull_request?: { number: number; head?: { sha?: string }; base?: { ref?: string; sha?: string } }
    repository?: { default_branch?: string }
    [key: string]: unknown
  }
  repo: { owner: string; repo: string }
  sha: string
  runId: number
  serverUrl: string
  /** GITHUB_WORKFLOW_REF: names this workflow's file, to find its earlier runs. */
  workflowRef: string | undefined
}

export interface ActionDeps {
  core: ActionCore
  context: ActionContext
  getOctokit(token: string): GitHubClient
  artifactClient(): Pick<ArtifactClient, 'uploadArtifact'>
  /** Progress output and the process environment for the workload's ${VAR}s. */
  io: CommandIo
  /** Scratch space (the runner's RUNNER_TEMP). */
  tempDirectory: string
  /** The runner's GPU model (nvidia-smi), for the default key; absent or null: none known. */
  gpuModel?: () => Promise<string | null>
}
