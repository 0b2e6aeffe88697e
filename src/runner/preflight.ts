import type { Clock } from '../clock.js'
import type { Workload } from '../config/workload.js'
import { RequestAbort } from '../client/errors.js'
import { startRequest, type RequestContext } from '../client/stream-request.js'
import type { Watchdog } from '../client/watchdog.js'
import { publicUrl } from '../environment.js'
import { InputError } from '../errors.js'
import type { RequestError, RequestRecord } from '../result/types.js'
import { firstRequest } from './phase.js'

/** Tries before giving up on a failure that may pass (a 5xx, a reset, a stall mid-stream). */
export const PREFLIGHT_ATTEMPTS = 3
/** The preflight asks for few tokens: it checks that the server streams, not how fast. */
export const PREFLIGHT_MAX_TOKENS = 16

export interface PreflightInput {
  context: RequestContext
  watchdog: Watchdog
  workload: Workload
  clock: Clock
  /** The models the server listed, for the message when it does not serve the workload's. */
  servedModels?: readonly string[]
  signal?: AbortSignal
}

/** A failure that a second try will not change: the server refused the request itself, or did not answer in time. */
function final(error: RequestError): boolean {
  if (error.kind === 'http') return error.status !== undefined && error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429
  if (error.kind === 'timeout') return error.timeout === 'connect' || error.timeout === 'first_token'
  return error.kind === 'protocol' && !error.message.includes('not valid JSON')
}

function hint(error: RequestError, workload: Workload, served: readonly string[]): string {
  const model = workload.spec.model
  if (error.kind === 'http' && (error.status === 401 || error.status === 403)) return 'check the credentials in the workload\'s headers'
  if (error.kind === 'http' && (error.status === 404 || error.status === 400) && model !== undefined) {
    const listed = served.length > 0 ? `; the server lists ${served.slice(0, 5).map((name) => JSON.stringify(name)).join(', ')}${served.length > 5 ? ', …' : ''}` : ''
    return `is model ${JSON.stringify(model)} served there? Check the workload's model or --model${listed}`
  }
  if (error.kind === 'http' && error.status === 404) return `check the workload's api (${workload.spec.api}) and path`
  if (error.kind === 'timeout') return 'check that the server is up and serving; the workload\'s timeouts set how long to wait'
  return 'fix the server or the workload before measuring'
}

function describe(error: RequestError): string {
  if (error.kind === 'http') return `answered HTTP ${error.status}: ${error.message}`
  if (error.kind === 'timeout') return `timed out (${error.timeout}): ${error.message}`
  return `failed (${error.kind}): ${error.message}`
}

/**
 * One request of the workload before the warm-up, unmeasured and not in the result: a wrong
 * model, a missing credential or a server that does not stream stops the command with exit 2
 * and the server's own words, instead of a run of failed requests. Returns the record of the
 * request that passed, or null when the run was interrupted.
 */
export async function preflight(input: PreflightInput): Promise<RequestRecord | null> {
  const { context, watchdog, workload, clock, signal } = input
  // The workload's own first request, from whatever its prompts come from (synthetic, a file, a dataset, a conversation's first turn).
  const first = firstRequest(workload)!
  const request = { ...first, maxTokens: Math.min(first.maxTokens, PREFLIGHT_MAX_TOKENS) }
  const body = JSON.stringify(context.adapter.buildBody(request, workload.spec))
  let failed: RequestError | null = null
  let attempts = 0
  while (attempts < PREFLIGHT_ATTEMPTS && signal?.aborted !== true) {
    attempts++
    const now = clock()
    const started = startRequest(context, request, body, now, now)
    const cancel = (): void => started.inFlight.abort(new RequestAbort('cancelled', 'the run was interrupted during the preflight request'))
    signal?.addEventListener('abort', cancel, { once: true })
    const record = await watchdog.watch(started)
    signal?.removeEventListener('abort', cancel)
    if (record.ok) return record
    failed = record.error!
    if (failed.kind === 'cancelled' || final(failed)) break
  }
  if (signal?.aborted === true || failed === null || failed.kind === 'cancelled') return null
  const where = `${publicUrl(workload.url)}${workload.path}`
  const tries = attempts > 1 ? ` (${attempts} tries)` : ''
  throw new InputError(`preflight: the server at ${where} ${describe(failed)}${tries}; ${hint(failed, workload, input.servedModels ?? [])}. Nothing was measured.`)
}
