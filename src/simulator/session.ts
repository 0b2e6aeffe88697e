import type { ServerResponse } from 'node:http'
import { Random } from '../random.js'
import type { BatchingEngine, SequenceHandle } from './engine.js'
import { CLEAN_PLAN, drawFaultPlan, type FaultPlan, type FaultSpec } from './faults.js'
import type { SimulatorProfile } from './profiles.js'
import type { PrefixCache } from './prefix-cache.js'
import type { GenerationRequest } from './requests.js'
import {
  SSE_COMMENT,
  chatCompletionResponse,
  chatEncoder,
  completionEncoder,
  openAiError,
  textCompletionResponse,
  tgiEncoder,
  tgiError,
  tgiEvent,
  type Finish,
  type StreamContext,
  type StreamEncoder
} from './shapes.js'
import { TokenSource, drawOutputLength, requestRandom, type SimToken } from './tokens.js'

/** What every request shares: the engine and the server's settings. */
export interface SessionSettings {
  engine: BatchingEngine
  profile: SimulatorProfile
  seed: number
  modelName: string
  faults: FaultSpec
  /** Conversation histories already computed; null when the simulator runs without one. */
  prefixCache: PrefixCache | null
}

const VLLM_STREAM_HEADERS = { 'content-type': 'text/event-stream; charset=utf-8' }
const TGI_STREAM_HEADERS = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'x-accel-buffering': 'no', 'x-compute-type': 'simulator' }

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  const contentType = typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json'
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text), ...headers })
  res.end(text)
}

/** TGI answers a streaming request it cannot validate with 200 and one error event. */
export function sendTgiValidationError(res: ServerResponse, message: string): void {
  res.writeHead(200, TGI_STREAM_HEADERS)
  res.end(tgiEvent(tgiError('validation', message)))
}

function sendFaultStatus(res: ServerResponse, request: GenerationRequest, status: 500 | 429): void {
  const retry: Record<string, string> = status === 429 ? { 'retry-after': '1' } : {}
  if (request.api === 'tgi') {
    const body = status === 429 ? tgiError('overloaded', 'Model is overloaded') : tgiError('incomplete_generation', 'Incomplete generation')
    sendJson(res, status, body, retry)
    return
  }
  const body =
    status === 429
      ? openAiError(429, 'RateLimitError', 'Too many requests: the server is overloaded (simulated fault).')
      : openAiError(500, 'InternalServerError', 'Internal server error (simulated fault).')
  sendJson(res, status, body, retry)
}

function requestId(api: GenerationRequest['api'], random: Random): string {
  let hex = ''
  for (let i = 0; i < 8; i += 1) hex += random.int(0, 0xffff).toString(16).padStart(4, '0')
  return api === 'chat' ? `chatcmpl-${hex}` : `cmpl-${hex}`
}

/**
 * Serves one generation request: draws its output and its faults from the seed, queues it on
 * the engine, and writes each token as the engine produces it. A client that goes away has its
 * sequence cancelled, which frees its KV reservation for the requests behind it.
 */
export function serveGeneration(res: ServerResponse, request: GenerationRequest, arrival: number, settings: SessionSettings): void {
  const random = requestRandom(settings.seed, request.seed, request.promptKey, arrival)
  const length = drawOutputLength(random, request.maxTokens, request.ignoreEos, settings.profile.eosProbabilityPerToken)
  const faultsWanted = Object.values(settings.faults).some((probability) => probability > 0)
  const plan = faultsWanted ? drawFaultPlan(settings.faults, length.tokens, new Random(settings.seed, 'simulator', 'faults', arrival)) : CLEAN_PLAN
  if (plan.status !== null) {
    sendFaultStatus(res, request, plan.status)
    return
  }
  const context: StreamContext = {
    id: requestId(request.api, random),
    created: Math.floor(Date.now() / 1000),
    model: settings.modelName,
    promptTokens: request.promptTokens,
    includeUsage: request.includeUsage,
    continuousUsage: request.continuousUsage,
    details: request.details,
    seed: request.seed ?? null,
    omitEndMarker: plan.noDone
  }
  const tokens = new TokenSource(random)
  const cacheTurn = request.messages !== undefined && settings.prefixCache !== null ? settings.prefixCache.begin(request.messages, request.promptTokens) : null
  const prefillTokens = request.promptTokens - (cacheTurn?.cachedTokens ?? 0)
  const tokenAt = (position: number): SimToken => {
    const token = length.finish === 'eos' && position === length.tokens ? tokens.eos() : tokens.next()
    cacheTurn?.add(token)
    return token
  }
  const finishAt = (last: boolean): Finish | null => (last ? length.finish : null)

  let handle: SequenceHandle | undefined
  let settled = false
  const settle = (): void => {
    settled = true
    handle?.cancel()
  }
  // Fires on a normal end too; cancelling a finished sequence is a no-op.
  res.on('close', settle)

  if (!request.stream) {
    let text = ''
    handle = settings.engine.submit({
      promptTokens: request.promptTokens,
      prefillTokens,
      maxTokens: request.maxTokens,
      outputTokens: length.tokens,
      onToken(event) {
        if (settled) return
        const token = tokenAt(event.index + 1)
        if (!token.special) text += token.text
        if (!event.last) return
        settled = true
        cacheTurn?.finish()
        const build = request.api === 'chat' ? chatCompletionResponse : textCompletionResponse
        sendJson(res, 200, build(context, text, length.tokens, length.finish))
      }
    })
    return
  }

  const encoder: StreamEncoder = request.api === 'chat' ? chatEncoder(context) : request.api === 'completions' ? completionEncoder(context) : tgiEncoder(context)
  res.writeHead(200, request.api === 'tgi' ? TGI_STREAM_HEADERS : VLLM_STREAM_HEADERS)
  // Headers go out before the first token, as Starlette and axum send them, so a client can tell queueing from a dead server.
  res.flushHeaders()
  res.socket?.setNoDelay(true)
  if (plan.comments) res.write(SSE_COMMENT)

  handle = settings.engine.submit({
    promptTokens: request.promptTokens,
    prefillTokens,
    maxTokens: request.maxTokens,
    outputTokens: length.tokens,
    onToken(event) {
      if (settled || res.destroyed) {
        settle()
        return
      }
      const position = event.index + 1
      res.write(encoder.token(tokenAt(position), position, finishAt(event.last)) + (plan.comments ? SSE_COMMENT : ''))
      if (applyMidStreamFaults(res, plan, position, encoder)) {
        settle()
        return
      }
      if (event.last) {
        settled = true
        cacheTurn?.finish()
        res.end(encoder.closing())
      }
    }
  })
}

/** Returns true when the stream must stop here (a reset or a stall). */
function applyMidStreamFaults(res: ServerResponse, plan: FaultPlan, position: number, encoder: StreamEncoder): boolean {
  if (plan.malformedAfter === position) res.write(encoder.malformed())
  if (plan.resetAfter === position) {
    // After the queued bytes are flushed, so the client has seen its tokens before the connection drops.
    res.socket?.destroySoon()
    return true
  }
  // A stall writes nothing more and leaves the socket open until the client gives up or the server closes.
  return plan.stallAfter === position
}
