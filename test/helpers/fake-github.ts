/**
 * A fake of the parts of GitHub's REST API that src/github uses, served over real HTTP on
 * 127.0.0.1 so tests run a real octokit (`getOctokit(token, {baseUrl: fake.url})`) against it:
 * real status codes, real response shapes, `Link` paging headers, a redirect to a "blob" URL for
 * artifact downloads. One repository per fake. Every request is recorded.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { crc32, deflateRawSync } from 'node:zlib'

export interface RecordedRequest {
  method: string
  /** Path without the query string. */
  path: string
  query: Record<string, string>
  /** The Authorization header as sent, or undefined. */
  authorization: string | undefined
  /** Parsed JSON body, or the raw text, or undefined when empty. */
  body: unknown
}

export interface FakeUser { login: string; type: 'User' | 'Bot' }

export interface FakeComment {
  id: number
  body: string
  user: FakeUser
  created_at: string
  updated_at: string
}

export interface FakeRunInput {
  id?: number
  /** The workflow's numeric id; the file name in `path` matches too. */
  workflowId?: number
  path?: string
  headBranch: string
  headSha?: string
  event?: string
  conclusion?: 'success' | 'failure' | 'cancelled' | null
  createdAt: string
  /** `owner/repo` the run's code came from; the fake's own repository by default, another for a fork. */
  headRepository?: string
}

export interface FakeArtifactInput {
  name: string
  /** File name → content, zipped on download. */
  files?: Record<string, string>
  expired?: boolean
  createdAt?: string
  expiresAt?: string
}

export interface FakePullInput {
  number: number
  headSha: string
  /** `owner/repo` of the head branch; the fake's own repository by default, another for a fork. */
  headRepository?: string
  headRef?: string
  baseRef?: string
  state?: 'open' | 'closed'
}

/** What writes (create/edit comment) answer: allowed, or refused as a fork's read-only token is. */
export type WriteAccess = 'allow' | 'forbidden-403' | 'not-found-404'

interface StoredArtifact { id: number; runId: number; input: FakeArtifactInput }

const DOCS = 'https://docs.github.com/rest'

/** A zip of `files` (deflated, UTF-8 names, no data descriptors), as `@actions/artifact` uploads them. */
export function makeZip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const [name, content] of Object.entries(files)) {
    const nameBytes = Buffer.from(name, 'utf8')
    const raw = Buffer.from(content, 'utf8')
    const packed = deflateRawSync(raw)
    const fields = (header: Buffer, at: number) => {
      header.writeUInt16LE(0x0800, at) // flags: UTF-8 names
      header.writeUInt16LE(8, at + 2) // method: deflate
      header.writeUInt32LE(0x00210000, at + 4) // time 00:00, date 1980-01-01
      header.writeUInt32LE(crc32(raw), at + 8)
      header.writeUInt32LE(packed.length, at + 12)
      header.writeUInt32LE(raw.length, at + 16)
      header.writeUInt16LE(nameBytes.length, at + 20)
    }
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    fields(local, 6)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    fields(central, 8)
    central.writeUInt32LE(offset, 42)
    locals.push(local, nameBytes, packed)
    centrals.push(central, nameBytes)
    offset += local.length + nameBytes.length + packed.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(centrals.length / 2, 8)
  end.writeUInt16LE(centrals.length / 2, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

export class FakeGitHub {
  readonly requests: RecordedRequest[] = []
  /** What create/edit comment answer. */
  writeAccess: WriteAccess = 'allow'
  /** Who the token comments as. */
  actor: FakeUser = { login: 'github-actions[bot]', type: 'Bot' }
  /** Answers the next request whose `METHOD path` matches with this status and message, once. */
  readonly failures: Array<{ match: RegExp; status: number; message: string }> = []

  private readonly comments = new Map<number, FakeComment[]>()
  private readonly runs: Array<FakeRunInput & { id: number }> = []
  private readonly artifacts: StoredArtifact[] = []
  private readonly pulls = new Map<number, FakePullInput>()
  private nextId = 1000
  private clock = Date.parse('2026-01-01T00:00:00Z')
  private readonly server = createServer((request, response) => void this.handle(request, response))
  url = ''

  constructor(readonly owner = 'octo', readonly repo = 'perf') {}

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve))
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
    return this
  }

  async close(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())))
  }

  addComment(issueNumber: number, body: string, user: FakeUser = { login: 'alice', type: 'User' }): FakeComment {
    const at = this.tick()
    const comment = { id: this.nextId++, body, user, created_at: at, updated_at: at }
    this.commentsOf(issueNumber).push(comment)
    return comment
  }

  commentsOf(issueNumber: number): FakeComment[] {
    if (!this.comments.has(issueNumber)) this.comments.set(issueNumber, [])
    return this.comments.get(issueNumber) ?? []
  }

  addRun(input: FakeRunInput): number {
    const id = input.id ?? this.nextId++
    this.runs.push({ ...input, id })
    return id
  }

  addArtifact(runId: number, input: FakeArtifactInput): number {
    const id = this.nextId++
    this.artifacts.push({ id, runId, input })
    return id
  }

  /** A pull request, served by `GET /repos/{owner}/{repo}/pulls/{number}`; adding the same number again replaces it (a new push). */
  addPull(input: FakePullInput): void {
    this.pulls.set(input.number, input)
  }

  private tick(): string {
    this.clock += 60_000
    return new Date(this.clock).toISOString()
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url)
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const text = Buffer.concat(chunks).toString('utf8')
    let body: unknown = text === '' ? undefined : text
    try { body = text === '' ? undefined : JSON.parse(text) } catch { /* keep the raw text */ }
    const method = request.method ?? 'GET'
    this.requests.push({ method, path: url.pathname, query: Object.fromEntries(url.searchParams), authorization: request.headers.authorization, body })

    const failure = this.failures.find((entry) => entry.match.test(`${method} ${url.pathname}`))
    if (failure !== undefined) {
      this.failures.splice(this.failures.indexOf(failure), 1)
      return json(response, failure.status, { message: failure.message, documentation_url: DOCS, status: String(failure.status) })
    }
    const repoPrefix = `/repos/${this.owner}/${this.repo}`
    const route = url.pathname.startsWith(repoPrefix) ? url.pathname.slice(repoPrefix.length) : url.pathname
    let match: RegExpMatchArray | null
    if ((match = route.match(/^\/issues\/(\d+)\/comments$/)) && method === 'GET') {
      return this.page(response, url, this.commentsOf(Number(match[1])).map((comment) => this.commentJson(Number(match?.[1]), comment)))
    }
    if ((match = route.match(/^\/issues\/(\d+)\/comments$/)) && method === 'POST') {
      if (this.writeAccess !== 'allow') return this.refuseWrite(response)
      const bodyText = (body as { body?: unknown } | undefined)?.body
      if (typeof bodyText !== 'string') return json(response, 422, { message: 'Invalid request.\n\n"body" wasn\'t supplied.', documentation_url: DOCS, status: '422' })
      if (bodyText.length > 65_536) return tooLong(response)
      const comment = this.addComment(Number(match[1]), bodyText, this.actor)
      return json(response, 201, this.commentJson(Number(match[1]), comment))
    }
    if ((match = route.match(/^\/issues\/comments\/(\d+)$/)) && method === 'PATCH') {
      if (this.writeAccess !== 'allow') return this.refuseWrite(response)
      const found = [...this.comments.entries()].flatMap(([issue, list]) => list.map((comment) => ({ issue, comment }))).find((entry) => entry.comment.id === Number(match?.[1]))
      if (found === undefined) return notFound(response)
      const bodyText = String((body as { body?: unknown } | undefined)?.body ?? '')
      if (bodyText.length > 65_536) return tooLong(response)
      found.comment.body = bodyText
      found.comment.updated_at = this.tick()
      return json(response, 200, this.commentJson(found.issue, found.comment))
    }
    if ((match = route.match(/^\/pulls\/(\d+)$/)) && method === 'GET') {
      const pull = this.pulls.get(Number(match[1]))
      return pull === undefined ? notFound(response) : json(response, 200, this.pullJson(pull))
    }
    if ((match = route.match(/^\/actions\/workflows\/([^/]+)\/runs$/)) && method === 'GET') {
      const workflow = decodeURIComponent(match[1] ?? '')
      const query = url.searchParams
      const runs = this.runs
        .filter((run) => String(run.workflowId ?? 1) === workflow || (run.path ?? '.github/workflows/perf.yml').endsWith(`/${workflow}`))
        .filter((run) => !query.has('branch') || run.headBranch === query.get('branch'))
        .filter((run) => !query.has('event') || (run.event ?? 'push') === query.get('event'))
        .filter((run) => !query.has('status') || [run.conclusion === undefined ? 'success' : run.conclusion, 'completed'].includes(query.get('status')))
        .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id - a.id)
        .map((run) => this.runJson(run))
      return this.page(response, url, runs, 'workflow_runs')
    }
    if ((match = route.match(/^\/actions\/runs\/(\d+)\/artifacts$/)) && method === 'GET') {
      const name = url.searchParams.get('name')
      const artifacts = this.artifacts
        .filter((artifact) => artifact.runId === Number(match?.[1]) && (name === null || artifact.input.name === name))
        .map((artifact) => this.artifactJson(artifact))
      return this.page(response, url, artifacts, 'artifacts')
    }
    if ((match = route.match(/^\/actions\/artifacts\/(\d+)\/zip$/)) && method === 'GET') {
      const artifact = this.artifacts.find((entry) => entry.id === Number(match?.[1]))
      if (artifact === undefined) return notFound(response)
      if (artifact.input.expired) return json(response, 410, { message: 'Artifact has expired', documentation_url: DOCS, status: '410' })
      response.writeHead(302, { location: `${this.url}/_blob/artifacts/${artifact.id}.zip?sig=secret-signature&se=2026-01-01` })
      return void response.end()
    }
    if ((match = url.pathname.match(/^\/_blob\/artifacts\/(\d+)\.zip$/)) && method === 'GET') {
      const artifact = this.artifacts.find((entry) => entry.id === Number(match?.[1]))
      if (artifact === undefined || url.searchParams.get('sig') !== 'secret-signature') return notFound(response)
      const zip = makeZip(artifact.input.files ?? {})
      response.writeHead(200, { 'content-type': 'application/zip', 'content-length': zip.length })
      return void response.end(zip)
    }
    return notFound(response)
  }

  /** Pages `items` by `per_page` (default 30, at most 100) and `page`, with GitHub's `Link` header. */
  private page(response: ServerResponse, url: URL, items: unknown[], key?: string): void {
    const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? 30)))
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1))
    const last = Math.max(1, Math.ceil(items.length / perPage))
    const link = (target: number, rel: string) => {
      const next = new URL(url)
      next.searchParams.set('per_page', String(perPage))
      next.searchParams.set('page', String(target))
      return `<${next.toString()}>; rel="${rel}"`
    }
    const links: string[] = []
    if (page > 1) links.push(link(page - 1, 'prev'))
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'))
    if (page > 1) links.push(link(1, 'first'))
    const slice = items.slice((page - 1) * perPage, page * perPage)
    json(response, 200, key === undefined ? slice : { total_count: items.length, [key]: slice }, links.length > 0 ? { link: links.join(', ') } : {})
  }

  private refuseWrite(response: ServerResponse): void {
    if (this.writeAccess === 'not-found-404') return notFound(response)
    json(response, 403, { message: 'Resource not accessible by integration', documentation_url: `${DOCS}/issues/comments#create-an-issue-comment`, status: '403' })
  }

  private commentJson(issueNumber: number, comment: FakeComment) {
    const html = `https://github.com/${this.owner}/${this.repo}/pull/${issueNumber}#issuecomment-${comment.id}`
    return {
      id: comment.id, node_id: `IC_${comment.id}`, url: `${this.url}/repos/${this.owner}/${this.repo}/issues/comments/${comment.id}`,
      html_url: html, body: comment.body, created_at: comment.created_at, updated_at: comment.updated_at,
      issue_url: `${this.url}/repos/${this.owner}/${this.repo}/issues/${issueNumber}`, author_association: 'NONE',
      performed_via_github_app: null, user: { login: comment.user.login, id: 1, node_id: 'U_1', type: comment.user.type, site_admin: false }
    }
  }

  /** The REST shape of a pull request (the fields a client reads, as GitHub names and nests them). */
  private pullJson(pull: FakePullInput) {
    const base = `${this.owner}/${this.repo}`
    const repository = (fullName: string) => ({
      id: fullName === base ? 42 : 43, node_id: `R_${fullName}`, name: fullName.split('/')[1], full_name: fullName, private: false,
      owner: { login: fullName.split('/')[0], id: 7, type: 'User' }, html_url: `https://github.com/${fullName}`, fork: fullName !== base
    })
    const headRepository = pull.headRepository ?? base
    return {
      url: `${this.url}/repos/${base}/pulls/${pull.number}`, id: 5000 + pull.number, node_id: `PR_${pull.number}`,
      html_url: `https://github.com/${base}/pull/${pull.number}`, number: pull.number, state: pull.state ?? 'open', locked: false,
      title: `Pull request ${pull.number}`, user: { login: 'contributor', id: 9, type: 'User' }, body: null,
      created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z', closed_at: null, merged_at: null, merge_commit_sha: null,
      draft: false, author_association: headRepository === base ? 'MEMBER' : 'CONTRIBUTOR',
      head: { label: `${headRepository.split('/')[0]}:${pull.headRef ?? 'feature'}`, ref: pull.headRef ?? 'feature', sha: pull.headSha, user: { login: headRepository.split('/')[0], id: 8, type: 'User' }, repo: repository(headRepository) },
      base: { label: `${this.owner}:${pull.baseRef ?? 'main'}`, ref: pull.baseRef ?? 'main', sha: 'b'.repeat(40), user: { login: this.owner, id: 7, type: 'User' }, repo: repository(base) },
      merged: false, mergeable: null, comments: 0, commits: 1, additions: 1, deletions: 0, changed_files: 1
    }
  }

  private runJson(run: FakeRunInput & { id: number }) {
    const repository = (fullName: string) => ({ id: fullName === `${this.owner}/${this.repo}` ? 42 : 43, full_name: fullName, name: fullName.split('/')[1] })
    return {
      id: run.id, name: 'perf', node_id: `WFR_${run.id}`, head_branch: run.headBranch, head_sha: run.headSha ?? `sha-${run.id}`,
      path: run.path ?? '.github/workflows/perf.yml', run_number: run.id, event: run.event ?? 'push', status: 'completed',
      conclusion: run.conclusion === undefined ? 'success' : run.conclusion, workflow_id: run.workflowId ?? 1,
      html_url: `https://github.com/${this.owner}/${this.repo}/actions/runs/${run.id}`, created_at: run.createdAt, updated_at: run.createdAt,
      pull_requests: [], repository: repository(`${this.owner}/${this.repo}`), head_repository: repository(run.headRepository ?? `${this.owner}/${this.repo}`)
    }
  }

  private artifactJson(artifact: StoredArtifact) {
    const run = this.runs.find((entry) => entry.id === artifact.runId)
    const createdAt = artifact.input.createdAt ?? run?.createdAt ?? null
    return {
      id: artifact.id, node_id: `A_${artifact.id}`, name: artifact.input.name, size_in_bytes: makeZip(artifact.input.files ?? {}).length,
      url: `${this.url}/repos/${this.owner}/${this.repo}/actions/artifacts/${artifact.id}`,
      archive_download_url: `${this.url}/repos/${this.owner}/${this.repo}/actions/artifacts/${artifact.id}/zip`,
      expired: artifact.input.expired ?? false, created_at: createdAt, updated_at: createdAt,
      expires_at: artifact.input.expiresAt ?? '2099-01-01T00:00:00Z', digest: null,
      workflow_run: { id: artifact.runId, repository_id: 42, head_repository_id: 42, head_branch: run?.headBranch, head_sha: run?.headSha }
    }
  }
}

function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body)
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers })
  response.end(text)
}

function notFound(response: ServerResponse): void {
  json(response, 404, { message: 'Not Found', documentation_url: DOCS, status: '404' })
}

function tooLong(response: ServerResponse): void {
  json(response, 422, {
    message: 'Validation Failed',
    errors: [{ resource: 'IssueComment', code: 'custom', field: 'body', message: 'body is too long (maximum is 65536 characters)' }],
    documentation_url: DOCS, status: '422'
  })
}

/** Starts a fake on a free loopback port. `await fake.close()` when done. */
export function startFakeGitHub(owner?: string, repo?: string): Promise<FakeGitHub> {
  return new FakeGitHub(owner, repo).start()
}
