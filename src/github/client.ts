import type { getOctokit } from '@actions/github'

/**
 * The octokit client these modules take as a parameter: what `getOctokit(token, {baseUrl})`
 * returns. Taking it (instead of building one from `github.context`) keeps the modules free of
 * the environment, so tests point a real client at the loopback fake.
 */
export type GitHubClient = ReturnType<typeof getOctokit>

/** The HTTP status of an octokit `RequestError`, or undefined for anything else. */
export function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('status' in error)) return undefined
  const status = (error as { status: unknown }).status
  return typeof status === 'number' && status > 0 ? status : undefined
}

/** GitHub's own `message` field when the response had one, else the error's message. */
function apiMessageOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'response' in error) {
    const data = (error as { response?: { data?: unknown } }).response?.data
    if (typeof data === 'object' && data !== null && 'message' in data && typeof data.message === 'string') {
      return data.message
    }
  }
  return error instanceof Error ? error.message : String(error)
}

function headerOf(error: unknown, name: string): string | undefined {
  if (typeof error !== 'object' || error === null || !('response' in error)) return undefined
  const headers = (error as { response?: { headers?: Record<string, unknown> } }).response?.headers
  const value = headers?.[name]
  return typeof value === 'string' ? value : undefined
}

/**
 * True for a 403 that is about the token's permissions, false for a 403 that is GitHub's rate
 * limiting (primary or secondary): the first is expected on forks and is reported, the second
 * is a transient failure the user should see as one.
 */
export function isPermissionDenied(error: unknown): boolean {
  if (httpStatusOf(error) !== 403) return false
  if (headerOf(error, 'x-ratelimit-remaining') === '0') return false
  return !/rate limit/i.test(apiMessageOf(error))
}

/** True when GitHub said the integration's token may not do this (its words on forks and on private repos). */
export function isNotAccessibleByIntegration(error: unknown): boolean {
  return /not accessible by integration/i.test(apiMessageOf(error))
}

// Classic, fine-grained and installation tokens have recognisable shapes; a server that echoes
// one back (or a proxy that does) must not put it into our logs.
const TOKEN_PATTERN = /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})\b/g

/** Removes things shaped like GitHub tokens and the query strings of URLs (signed blob URLs carry credentials there). */
export function redactSecrets(text: string): string {
  return text
    .replace(TOKEN_PATTERN, '[REDACTED]')
    .replace(/(https?:\/\/[^\s?#"'<>]+)\?[^\s#"'<>]*/g, '$1?[REDACTED]')
}

/**
 * Wraps a failed API call in an error that says what we were doing, the HTTP status and
 * GitHub's message, and nothing from the request (octokit's own error keeps the request's
 * headers; we keep it only as `cause`, where octokit has already redacted the token).
 */
export class GitHubApiError extends Error {
  /** The HTTP status GitHub answered with; undefined when no response came. */
  readonly status: number | undefined

  constructor(doing: string, error: unknown) {
    const status = httpStatusOf(error)
    const statusText = status === undefined ? 'no HTTP response' : `HTTP ${status}`
    super(`GitHub API error while ${doing}: ${statusText}: ${redactSecrets(apiMessageOf(error))}`, { cause: error })
    this.name = 'GitHubApiError'
    this.status = status
  }
}

/** `new GitHubApiError(doing, error)`, or `error` itself when it already is one (no double wrapping). */
export function gitHubApiError(doing: string, error: unknown): GitHubApiError {
  return error instanceof GitHubApiError ? error : new GitHubApiError(doing, error)
}
