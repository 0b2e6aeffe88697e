/**
 * The bytes real engines put on the wire, checked against their sources:
 * - vLLM's OpenAI server (vllm/entrypoints/openai/chat_completion/serving.py,
 *   completion/serving.py, engine/protocol.py): events are `data: {json}\n\n` with a space,
 *   the chat stream opens with a role-only delta `{"role":"assistant","content":""}` sent with
 *   the first engine output, the last content chunk carries `finish_reason` and `stop_reason`,
 *   a usage chunk with `choices: []` follows only when `stream_options.include_usage`, and
 *   `data: [DONE]\n\n` ends every stream. UsageInfo serialises as prompt_tokens, total_tokens,
 *   completion_tokens, in that order. Errors are `{"error": {message, type, param, code}}`.
 * - TGI's router (router/src/server.rs, lib.rs): axum writes `data:{json}\n\n` with no space,
 *   `index` counts from 1, `top_tokens` is left out when empty, `details` is only filled when
 *   the request asked for `details: true`, the final event carries `generated_text`, and there
 *   is no `[DONE]`. Errors are `{"error": "...", "error_type": "..."}`.
 */
import type { SimToken } from './tokens.js'

export type Finish = 'eos' | 'length'

export const SSE_DONE = 'data: [DONE]\n\n'
export const SSE_COMMENT = ': ping\n\n'

export const vllmEvent = (payload: unknown): string => `data: ${JSON.stringify(payload)}\n\n`
export const tgiEvent = (payload: unknown): string => `data:${JSON.stringify(payload)}\n\n`

export interface Usage {
  prompt_tokens: number
  total_tokens: number
  completion_tokens: number
}

export function usage(promptTokens: number, completionTokens: number): Usage {
  return { prompt_tokens: promptTokens, total_tokens: promptTokens + completionTokens, completion_tokens: completionTokens }
}

/** vLLM's error body (current releases; before ~0.10 it was flat with `"object": "error"`). */
export function openAiError(status: number, type: string, message: string, param: string | null = null): unknown {
  return { error: { message, type, param, code: status } }
}

export function tgiError(errorType: string, message: string): unknown {
  return { error: message, error_type: errorType }
}

/** What every stream encoder needs to know about its request. */
export interface StreamContext {
  id: string
  created: number
  model: string
  promptTokens: number
  includeUsage: boolean
  continuousUsage: boolean
  /** TGI only: fill `details` on the final event. */
  details: boolean
  /** TGI only: echoed in `details.seed`. */
  seed: number | null
  /** The no_done fault: end cleanly without `[DONE]` (vLLM) or without the final `generated_text`/`details` (TGI). */
  omitEndMarker: boolean
}

/** Turns engine tokens into one API's SSE text; positions count from 1. */
export interface StreamEncoder {
  /** The SSE text for generated token number `position`; `finish` is set on the last one. */
  token(token: SimToken, position: number, finish: Finish | null): string
  /** What follows the last token: usage and end marker, or nothing for TGI. */
  closing(): string
  /** One event whose data is not valid JSON: the start of a real chunk, cut off. */
  malformed(): string
}

/** vLLM shows EOS as an empty delta: the token counts in usage but carries no text. */
const vllmText = (token: SimToken): string => (token.special ? '' : token.text)
const vllmFinish = (finish: Finish | null): string | null => (finish === null ? null : finish === 'eos' ? 'stop' : 'length')

export function chatEncoder(context: StreamContext): StreamEncoder {
  const base = { id: context.id, object: 'chat.completion.chunk', created: context.created, model: context.model }
  const withUsage = <T extends object>(chunk: T, completionTokens: number): T =>
    context.continuousUsage ? { ...chunk, usage: usage(context.promptTokens, completionTokens) } : chunk
  let emitted = 0
  return {
    token(token, position, finish) {
      emitted = position
      const choice =
        finish === null
          ? { index: 0, delta: { content: vllmText(token) }, logprobs: null, finish_reason: null }
          : { index: 0, delta: { content: vllmText(token) }, logprobs: null, finish_reason: vllmFinish(finish), stop_reason: null }
      const content = vllmEvent(withUsage({ ...base, choices: [choice] }, position))
      if (position > 1) return content
      const role = { index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }
      return vllmEvent(withUsage({ ...base, choices: [role] }, 0)) + content
    },
    closing: () => closingText(context, base, emitted),
    malformed: () => `data: {"id":"${context.id}","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":\n\n`
  }
}

export function completionEncoder(context: StreamContext): StreamEncoder {
  const base = { id: context.id, object: 'text_completion', created: context.created, model: context.model }
  let emitted = 0
  return {
    token(token, position, finish) {
      emitted = position
      const choice = { index: 0, text: vllmText(token), logprobs: null, finish_reason: vllmFinish(finish), stop_reason: null }
      const chunk = { ...base, choices: [choice] }
      return vllmEvent(context.continuousUsage ? { ...chunk, usage: usage(context.promptTokens, position) } : chunk)
    },
    closing: () => closingText(context, base, emitted),
    malformed: () => `data: {"id":"${context.id}","object":"text_completion","choices":[{"index":0,"text":"\n\n`
  }
}

function closingText(context: StreamContext, base: object, completionTokens: number): string {
  const usageChunk = context.includeUsage ? vllmEvent({ ...base, choices: [], usage: usage(context.promptTokens, completionTokens) }) : ''
  return usageChunk + (context.omitEndMarker ? '' : SSE_DONE)
}

export function tgiEncoder(context: StreamContext): StreamEncoder {
  let generatedText = ''
  return {
    token(token, position, finish) {
      if (!token.special) generatedText += token.text
      const tgiToken = { id: token.id, text: token.text, logprob: token.logprob, special: token.special }
      if (finish === null || context.omitEndMarker) return tgiEvent({ index: position, token: tgiToken, generated_text: null, details: null })
      const details = context.details
        ? { finish_reason: finish === 'eos' ? 'eos_token' : 'length', generated_tokens: position, seed: context.seed, input_length: context.promptTokens }
        : null
      return tgiEvent({ index: position, token: tgiToken, generated_text: generatedText, details })
    },
    closing: () => '',
    malformed: () => `data:{"index":1,"token":{"id":\n\n`
  }
}

/** The non-streamed answers (`stream: false`): one object once generation is over. */
export function chatCompletionResponse(context: StreamContext, text: string, completionTokens: number, finish: Finish): unknown {
  return {
    id: context.id,
    object: 'chat.completion',
    created: context.created,
    model: context.model,
    choices: [
      { index: 0, message: { role: 'assistant', content: text, tool_calls: [] }, logprobs: null, finish_reason: vllmFinish(finish), stop_reason: null }
    ],
    usage: usage(context.promptTokens, completionTokens)
  }
}

export function textCompletionResponse(context: StreamContext, text: string, completionTokens: number, finish: Finish): unknown {
  return {
    id: context.id,
    object: 'text_completion',
    created: context.created,
    model: context.model,
    choices: [{ index: 0, text, logprobs: null, finish_reason: vllmFinish(finish), stop_reason: null }],
    usage: usage(context.promptTokens, completionTokens)
  }
}

/** vLLM's `GET /v1/models`: a ModelList with one ModelCard, owned by the simulator (it is not vLLM). */
export function modelList(modelName: string, maxModelLen: number, created: number): unknown {
  return {
    object: 'list',
    data: [
      {
        id: modelName,
        object: 'model',
        created,
        owned_by: 'llm-perf-gate-simulator',
        root: modelName,
        parent: null,
        max_model_len: maxModelLen,
        permission: []
      }
    ]
  }
}

/** TGI's `GET /info`, the fields a client reads to learn what it is talking to. */
export function tgiInfo(modelName: string, version: string, maxModelLen: number, maxConcurrentRequests: number): unknown {
  return {
    model_id: modelName,
    model_sha: null,
    model_pipeline_tag: 'text-generation',
    max_concurrent_requests: maxConcurrentRequests,
    max_best_of: 1,
    max_stop_sequences: 4,
    max_input_tokens: maxModelLen - 1,
    max_total_tokens: maxModelLen,
    validation_workers: 1,
    max_client_batch_size: 1,
    router: 'llm-perf-gate-simulator',
    version,
    sha: null,
    docker_label: null
  }
}
