import type { Client, Dispatcher } from 'undici'
import { API_ADAPTERS } from '../../src/client/api.js'
import { startRequest, type RequestContext, type StartedRequest } from '../../src/client/stream-request.js'
import type { ApiKind } from '../../src/config/workload.js'
import type { RequestRecord } from '../../src/result/types.js'

/** One step of a scripted response: bytes arriving at a clock time (ms). */
export interface Arrival {
  at: number
  bytes: string | Buffer
}

export interface ScriptedResponse {
  status?: number
  headers?: Record<string, string>
  /** When the request was written. */
  sentAt?: number
  arrivals: Arrival[]
  /** How it ends: a clean end, or a transport error. */
  end?: { at: number; error?: Error }
}

/**
 * Drives the real stream handler through undici's handler interface without a network, with a
 * scripted clock: every byte split and every timestamp is chosen by the test. Each arrival is
 * delivered after the microtask queue drains, as a separate socket read would be.
 */
export async function runScripted(
  api: ApiKind,
  script: ScriptedResponse,
  options: { maxTokens?: number; redact?: (text: string) => string; answerChars?: number; onStarted?: (started: StartedRequest) => void } = {}
): Promise<RequestRecord> {
  let now = 0
  const clock = (): number => now
  let handler: Dispatcher.DispatchHandler | null = null
  const controller: Dispatcher.DispatchController = {
    aborted: false,
    paused: false,
    reason: null,
    abort(reason: Error) {
      ;(this as { aborted: boolean }).aborted = true
      handler?.onResponseError?.(controller, reason)
    },
    pause() {},
    resume() {}
  }
  const client = {
    dispatch(_options: unknown, given: Dispatcher.DispatchHandler) {
      handler = given
      return true
    }
  } as unknown as Client
  let stamp = -1
  const context: RequestContext = {
    connections: { acquire: () => client, release: () => {} },
    adapter: API_ADAPTERS[api],
    path: '/v1/chat/completions',
    headers: {},
    clock,
    arrivalStamp: () => {
      if (stamp < 0) {
        stamp = now
        queueMicrotask(() => (stamp = -1))
      }
      return stamp
    },
    redact: options.redact ?? ((text) => text)
  }
  const started = startRequest(context, { id: 0, prompt: 'hello', inputTokensTarget: 1, maxTokens: options.maxTokens ?? 4 }, '{}', 0, 0, options.answerChars ?? 0)
  options.onStarted?.(started)
  const h = handler as unknown as Dispatcher.DispatchHandler
  now = script.sentAt ?? 0
  h.onRequestStart?.(controller, {})
  h.onRequestSent?.()
  h.onResponseStart?.(controller, script.status ?? 200, script.headers ?? { 'content-type': 'text/event-stream' }, 'OK')
  for (const arrival of script.arrivals) {
    await new Promise<void>((resolve) => setImmediate(resolve))
    if (controller.aborted) break
    now = arrival.at
    h.onResponseData?.(controller, Buffer.isBuffer(arrival.bytes) ? arrival.bytes : Buffer.from(arrival.bytes))
  }
  await new Promise<void>((resolve) => setImmediate(resolve))
  if (!controller.aborted) {
    now = script.end?.at ?? now
    if (script.end?.error !== undefined) h.onResponseError?.(controller, script.end.error)
    else h.onResponseEnd?.(controller, {})
  }
  return started.completion
}

/** vLLM-shaped chat stream pieces. */
export const chat = {
  role: `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] })}\n\n`,
  content: (text: string, finish: string | null = null): string =>
    `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: text }, finish_reason: finish }] })}\n\n`,
  usage: (prompt: number, completion: number): string => `data: ${JSON.stringify({ id: 'c', choices: [], usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion } })}\n\n`,
  done: 'data: [DONE]\n\n'
}
