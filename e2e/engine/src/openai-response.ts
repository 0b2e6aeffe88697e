/**
 * Response bodies in the shapes vLLM's OpenAI-compatible server sends: streamed chunks
 * (`chat.completion.chunk` / `text_completion`), the usage-only chunk, and whole responses.
 */
import { randomBytes } from 'node:crypto'
import type { FinishReason } from './engine.ts'
import type { Endpoint } from './openai-request.ts'

export interface Usage {
  prompt_tokens: number
  completion_tokens: number
  total_tokens: number
}

export function usageOf(promptTokens: number, completionTokens: number): Usage {
  return { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens }
}

/** Identity shared by every chunk of one response. */
export interface ResponseIdentity {
  id: string
  created: number
  model: string
}

export function newResponseIdentity(endpoint: Endpoint, model: string): ResponseIdentity {
  const prefix = endpoint === 'chat' ? 'chatcmpl' : 'cmpl'
  return { id: `${prefix}-${randomBytes(16).toString('hex')}`, created: Math.floor(Date.now() / 1000), model }
}

/** The leading fields, in vLLM's order. */
function head(identity: ResponseIdentity, object: string): { id: string; object: string; created: number; model: string } {
  return { id: identity.id, object, created: identity.created, model: identity.model }
}

function chunkObject(endpoint: Endpoint): string {
  return endpoint === 'chat' ? 'chat.completion.chunk' : 'text_completion'
}

/** The first chat chunk: the assistant role and no content. */
export function roleChunk(identity: ResponseIdentity, usage?: Usage | null): object {
  return {
    ...head(identity, 'chat.completion.chunk'),
    choices: [{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }],
    ...(usage !== undefined ? { usage } : {})
  }
}

/** A chunk carrying generated text; the last one also carries the finish reason. */
export function textChunk(
  endpoint: Endpoint,
  identity: ResponseIdentity,
  text: string,
  finishReason: FinishReason | null,
  usage?: Usage | null
): object {
  const choice =
    endpoint === 'chat'
      ? { index: 0, delta: { content: text }, logprobs: null, finish_reason: finishReason, stop_reason: null }
      : { index: 0, text, logprobs: null, finish_reason: finishReason, stop_reason: null }
  return { ...head(identity, chunkObject(endpoint)), choices: [choice], ...(usage !== undefined ? { usage } : {}) }
}

/** The chunk sent after the last choice chunk when `stream_options.include_usage` is set. */
export function usageChunk(endpoint: Endpoint, identity: ResponseIdentity, usage: Usage): object {
  return { ...head(identity, chunkObject(endpoint)), choices: [], usage }
}

/** A whole (non-streamed) response. */
export function completeResponse(
  endpoint: Endpoint,
  identity: ResponseIdentity,
  text: string,
  finishReason: FinishReason,
  usage: Usage
): object {
  const choice =
    endpoint === 'chat'
      ? { index: 0, message: { role: 'assistant', content: text }, logprobs: null, finish_reason: finishReason, stop_reason: null }
      : { index: 0, text, logprobs: null, finish_reason: finishReason, stop_reason: null }
  return { ...head(identity, endpoint === 'chat' ? 'chat.completion' : 'text_completion'), choices: [choice], usage }
}

/** The OpenAI error body. */
export function errorBody(message: string, status: number, param: string | null = null): object {
  const type = status === 404 ? 'NotFoundError' : status >= 500 ? 'InternalServerError' : 'BadRequestError'
  return { error: { message, type, param, code: status } }
}
