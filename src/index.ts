import { DefaultArtifactClient } from '@actions/artifact'
import * as core from '@actions/core'
import { context, getOctokit } from '@actions/github'
import { tmpdir } from 'node:os'
import { processIo } from './process-io.js'
import { captureGpus } from './environment.js'
import type { ActionContext } from './action/deps.js'
import { run } from './main.js'

// The edge: the runner's environment becomes the collaborators run() takes.
await run({
  core,
  context: {
    eventName: context.eventName,
    payload: context.payload as ActionContext['payload'],
    // Read when a mode needs it (comments, artifacts), inside run()'s failure boundary: outside a
    // workflow (GITHUB_REPOSITORY unset) a measure-only step still runs, and the others fail with a message.
    get repo() {
      return context.repo
    },
    sha: context.sha,
    runId: context.runId,
    serverUrl: context.serverUrl,
    workflowRef: process.env.GITHUB_WORKFLOW_REF
  },
  getOctokit: (token) => getOctokit(token, process.env.GITHUB_API_URL !== undefined ? { baseUrl: process.env.GITHUB_API_URL } : {}),
  artifactClient: () => new DefaultArtifactClient(),
  io: processIo(),
  tempDirectory: process.env.RUNNER_TEMP ?? tmpdir(),
  gpuModel: async () => (await captureGpus())[0]?.name ?? null
})
