import { openAiError } from './shapes.js'
import { countChatTokens, countWords } from './tokens.js'

export type GenerationApi = 'chat' | 'completions' | 'tgi'

/** A generation request, whichever API it came through, reduced to what the simulator acts on. */
export interface GenerationRequest {
  api: GenerationApi
  promptTokens: number
  /** The prompt as text, so that the same prompt and seed give the same output. */
  promptKey: string
  maxTokens: number
  ignoreEos: boolean
  stream: boolean
  includeUsage: boolean
  continuousUsage: boolean
  seed: number | undefined
  /** TGI's `parameters.details`. */
  details: boolean
  /** Chat requests: the messages as text, for the prefix cache (prefix-cache.ts). */
  messages?: Array<{ role: string; content: string }>
}

export interface RequestLimits {
  modelName: string
  maxModelLen: number
}

/**
 * A refusal in the API's own form: vLLM answers 400/404 with a JSON error; TGI's streaming
 * endpoint answers validation errors with status 200 and a single SSE error event.
 */
export type Refusal = { kind: 'json'; status: number; body: unknown } | { kind: 'tgi-event'; message: string }

export type ParsedRequest = { ok: true; request: GenerationRequest } | { ok: false; refusal: Refusal }

/** vLLM and OpenAI's default for `max_tokens` on completions; the simulator uses it for chat too. */
export const DEFAULT_MAX_TOKENS = 16
/** TGI generates up to this many tokens per pass when `max_new_tokens` is absent. */
export const TGI_DEFAULT_MAX_NEW_TOKENS = 1024

const badRequest = (message: string, param: string | null = null): ParsedRequest => ({
  ok: false,
  refusal: { kind: 'json', status: 400, body: openAiError(400, 'BadRequestError', message, param) }
})

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value)
const isInteger = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value)

function messageText(content: unknown): string | null {
  if (typeof content === 'string') return content
  if (content === null || content === undefined) return ''
  if (!Array.isArray(content)) return null
  let text = ''
  for (const part of content) {
    if (!isObject(part)) return null
    if (part.type === 'text' && typeof part.text === 'string') text += `${part.text} `
  }
  return text
}

/** Reads `/v1/chat/completions` and `/v1/completions` bodies the way vLLM validates them. */
export function parseOpenAiRequest(api: 'chat' | 'completions', body: unknown, limits: RequestLimits): ParsedRequest {
  if (!isObject(body)) return badRequest('The request body must be a JSON object.')
  if (body.model !== undefined && body.model !== null && body.model !== limits.modelName) {
    return {
      ok: false,
      refusal: { kind: 'json', status: 404, body: openAiError(404, 'NotFoundError', `The model \`${String(body.model)}\` does not exist.`, 'model') }
    }
  }
  let promptTokens: number
  let promptKey: string
  let chatMessages: Array<{ role: string; content: string }> | undefined
  if (api === 'chat') {
    if (!Array.isArray(body.messages) || body.messages.length === 0) return badRequest('`messages` must be a non-empty list.', 'messages')
    const messages: Array<{ role: string; content: string }> = []
    for (const message of body.messages) {
      const content = isObject(message) ? messageText(message.content) : null
      if (content === null) return badRequest('Each message needs a `role` and a string or text-part `content`.', 'messages')
      messages.push({ role: String((message as Record<string, unknown>).role), content })
    }
    chatMessages = messages
    promptTokens = countChatTokens(messages)
    promptKey = messages.map((message) => message.content).join('\u0000')
  } else {
    if (typeof body.prompt === 'string') {
      promptTokens = countWords(body.prompt)
      promptKey = body.prompt
    } else if (Array.isArray(body.prompt) && body.prompt.length > 0 && body.prompt.every(isInteger)) {
      promptTokens = body.prompt.length
      promptKey = body.prompt.join(',')
    } else {
      return badRequest('`prompt` must be a string or a list of token ids (the simulator serves one prompt per request).', 'prompt')
    }
    if (promptTokens === 0) return badRequest('The prompt cannot be empty.', 'prompt')
  }
  if (body.n !== undefined && body.n !== null && body.n !== 1) return badRequest('The simulator only serves n = 1.', 'n')
  const requested = api === 'chat' && body.max_completion_tokens !== undefined && body.max_completion_tokens !== null ? body.max_completion_tokens : body.max_tokens
  const maxTokens = requested === undefined || requested === null ? DEFAULT_MAX_TOKENS : requested
  if (!isInteger(maxTokens) || maxTokens < 1) return badRequest(`max_tokens must be at least 1, got ${String(maxTokens)}.`, 'max_tokens')
  if (promptTokens + maxTokens > limits.maxModelLen) {
    return badRequest(
      `'max_tokens' or 'max_completion_tokens' is too large: ${maxTokens}. This model's maximum context length is ${limits.maxModelLen} tokens and your request has ${promptTokens} input tokens (${maxTokens} > ${limits.maxModelLen} - ${promptTokens}).`,
      'max_tokens'
    )
  }
  const stream = body.stream === true
  const streamOptions = body.stream_options
  if (streamOptions !== undefined && streamOptions !== null) {
    if (!stream) return badRequest('Stream options can only be defined when `stream=True`.', 'stream_options')
    if (!isObject(streamOptions)) return badRequest('`stream_options` must be an object.', 'stream_options')
  }
  // vLLM's StreamOptions defaults include_usage to true once the object is present at all.
  const includeUsage = isObject(streamOptions) && streamOptions.include_usage !== false && streamOptions.include_usage !== null
  const continuousUsage = includeUsage && isObject(streamOptions) && streamOptions.continuous_usage_stats === true
  if (body.seed !== undefined && body.seed !== null && !isInteger(body.seed)) return badRequest('`seed` must be an integer.', 'seed')
  return {
    ok: true,
    request: {
      api,
      promptTokens,
      promptKey,
      maxTokens,
      ignoreEos: body.ignore_eos === true,
      stream,
      includeUsage,
      continuousUsage,
      seed: isInteger(body.seed) ? body.seed : undefined,
      details: false,
      ...(chatMessages !== undefined ? { messages: chatMessages } : {})
    }
  }
}

/** Reads a `/generate_stream` body the way TGI's router validates it. */
export function parseTgiRequest(body: unknown, limits: RequestLimits): ParsedRequest {
  const refuse = (message: string): ParsedRequest => ({ ok: false, refusal: { kind: 'tgi-event', message: `Input validation error: ${message}` } })
  if (!isObject(body) || typeof body.inputs !== 'string') {
    return { ok: false, refusal: { kind: 'json', status: 422, body: 'Failed to deserialize the JSON body into the target type: missing field `inputs`' } }
  }
  const parameters = isObject(body.parameters) ? body.parameters : {}
  const promptTokens = countWords(body.inputs)
  if (promptTokens === 0) return refuse('`inputs` cannot be empty')
  if (typeof parameters.temperature === 'number' && parameters.temperature <= 0) return refuse('`temperature` must be strictly positive')
  if (parameters.decoder_input_details === true) return refuse('`decoder_input_details` == true is not supported when streaming tokens')
  const requested = parameters.max_new_tokens
  const maxTokens = requested === undefined || requested === null ? Math.min(TGI_DEFAULT_MAX_NEW_TOKENS, limits.maxModelLen - promptTokens) : requested
  if (!isInteger(maxTokens) || maxTokens < 1) return refuse('`max_new_tokens` must be strictly positive')
  if (promptTokens + maxTokens > limits.maxModelLen) {
    return refuse(`\`inputs\` tokens + \`max_new_tokens\` must be <= ${limits.maxModelLen}. Given: ${promptTokens} \`inputs\` tokens and ${maxTokens} \`max_new_tokens\``)
  }
  return {
    ok: true,
    request: {
      api: 'tgi',
      promptTokens,
      promptKey: body.inputs,
      maxTokens,
      // TGI has no ignore_eos: the simulated model never stops early here, so output lengths stay exact.
      ignoreEos: true,
      stream: true,
      includeUsage: false,
      continuousUsage: false,
      seed: isInteger(parameters.seed) ? parameters.seed : undefined,
      details: parameters.details === true
    }
  }
}
