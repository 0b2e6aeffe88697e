/**
 * Reads and checks the body of `POST /v1/completions` and `POST /v1/chat/completions`, the
 * subset of the OpenAI API (plus vLLM's `ignore_eos`, `top_k`, `min_p`) this server honours.
 * Problems come back as a `RequestError` naming the field, sent to the client as HTTP 400.
 */
import { randomInt } from 'node:crypto'
import type { ChatMessage } from './chat-format.ts'
import type { SamplingParams } from './engine.ts'

export type Endpoint = 'completions' | 'chat'

export class RequestError extends Error {
  /** The request field at fault, if one is. */
  readonly param: string | null
  /** The HTTP status to answer with. */
  readonly status: number

  constructor(message: string, param: string | null = null, status = 400) {
    super(message)
    this.param = param
    this.status = status
  }
}

export interface ParsedRequest extends SamplingParams {
  endpoint: Endpoint
  /** `model` as sent, if any. */
  model: string | undefined
  /** Chat messages, or the completion prompt as text or token ids. */
  input: { messages: ChatMessage[] } | { prompt: string } | { promptTokens: number[] }
  /** `undefined`: the endpoint's default (completions 16, chat: the rest of the context). */
  maxTokens: number | undefined
  ignoreEos: boolean
  stream: boolean
  includeUsage: boolean
  continuousUsageStats: boolean
}

type Json = Record<string, unknown>

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function optionalNumber(body: Json, key: string, check: (value: number) => boolean, expected: string): number | undefined {
  const value = body[key]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'number' || !Number.isFinite(value) || !check(value)) {
    throw new RequestError(`${key} must be ${expected}, got ${JSON.stringify(value)}`, key)
  }
  return value
}

function optionalBoolean(body: Json, key: string): boolean | undefined {
  const value = body[key]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'boolean') throw new RequestError(`${key} must be a boolean, got ${JSON.stringify(value)}`, key)
  return value
}

function messageContent(content: unknown, index: number): string {
  if (typeof content === 'string') return content
  if (Array.isArray(content)) {
    return content
      .map((part: unknown, partIndex) => {
        if (isObject(part) && part.type === 'text' && typeof part.text === 'string') return part.text
        throw new RequestError(`messages[${index}].content[${partIndex}] must be {"type": "text", "text": string}`, 'messages')
      })
      .join('')
  }
  throw new RequestError(`messages[${index}].content must be a string or an array of text parts`, 'messages')
}

function parseMessages(value: unknown): ChatMessage[] {
  if (!Array.isArray(value) || value.length === 0) throw new RequestError('messages must be a non-empty array', 'messages')
  return value.map((message: unknown, index) => {
    if (!isObject(message) || typeof message.role !== 'string' || message.role === '') {
      throw new RequestError(`messages[${index}] must be an object with a string role`, 'messages')
    }
    return { role: message.role, content: messageContent(message.content, index) }
  })
}

function parsePrompt(value: unknown): { prompt: string } | { promptTokens: number[] } {
  if (typeof value === 'string') {
    if (value === '') throw new RequestError('prompt must not be empty', 'prompt')
    return { prompt: value }
  }
  if (Array.isArray(value) && value.length === 1 && typeof value[0] === 'string') return parsePrompt(value[0])
  if (Array.isArray(value) && value.length > 0 && value.every((item) => Number.isInteger(item) && (item as number) >= 0)) {
    return { promptTokens: value as number[] }
  }
  throw new RequestError('prompt must be a non-empty string or a non-empty array of token ids (batches are not supported)', 'prompt')
}

export function parseGenerationRequest(endpoint: Endpoint, body: unknown): ParsedRequest {
  if (!isObject(body)) throw new RequestError('the request body must be a JSON object')
  const model = body.model
  if (model !== undefined && model !== null && typeof model !== 'string') throw new RequestError('model must be a string', 'model')

  const n = optionalNumber(body, 'n', Number.isInteger, 'an integer')
  if (n !== undefined && n !== 1) throw new RequestError('only n = 1 is supported', 'n')
  const maxTokensKey = endpoint === 'chat' && body.max_tokens == null ? 'max_completion_tokens' : 'max_tokens'
  const maxTokens = optionalNumber(body, maxTokensKey, (value) => Number.isInteger(value) && value >= 1, 'an integer ≥ 1')
  const temperature = optionalNumber(body, 'temperature', (value) => value >= 0 && value <= 2, 'a number in [0, 2]') ?? 1
  const topP = optionalNumber(body, 'top_p', (value) => value > 0 && value <= 1, 'a number in (0, 1]') ?? 1
  const topK = optionalNumber(body, 'top_k', (value) => Number.isInteger(value) && value >= -1, 'an integer ≥ -1 (-1 or 0: off)') ?? 0
  const minP = optionalNumber(body, 'min_p', (value) => value >= 0 && value <= 1, 'a number in [0, 1]') ?? 0
  const seed = optionalNumber(body, 'seed', Number.isInteger, 'an integer') ?? randomInt(2 ** 31)

  const streamOptions = body.stream_options
  if (streamOptions !== undefined && streamOptions !== null && !isObject(streamOptions)) {
    throw new RequestError('stream_options must be an object', 'stream_options')
  }
  const stream = optionalBoolean(body, 'stream') ?? false
  const includeUsage = isObject(streamOptions) ? optionalBoolean(streamOptions, 'include_usage') ?? false : false
  const continuousUsageStats = isObject(streamOptions) ? optionalBoolean(streamOptions, 'continuous_usage_stats') ?? false : false

  return {
    endpoint,
    model: typeof model === 'string' ? model : undefined,
    input: endpoint === 'chat' ? { messages: parseMessages(body.messages) } : parsePrompt(body.prompt),
    maxTokens,
    ignoreEos: optionalBoolean(body, 'ignore_eos') ?? false,
    stream,
    includeUsage,
    continuousUsageStats,
    temperature,
    topP,
    topK: Math.max(0, topK),
    minP,
    // The sampler takes a non-negative seed; fold negative ones into range.
    seed: seed >= 0 ? seed : seed >>> 0
  }
}
