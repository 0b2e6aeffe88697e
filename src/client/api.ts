import type { ApiKind, WorkloadSpec } from '../config/workload.js'
import type { PlannedRequest } from '../workload/prompts.js'

/** What one stream event said, written into a reused object so reading an event allocates nothing beyond JSON.parse. */
export interface EventReading {
  /** The event carried generated text, content or reasoning (docs/metrics.md: what TTFT and ITL count). */
  content: boolean
  /** Tokens this event carried, where the server says (TGI: one per event; OpenAI: from continuous usage). */
  tokens: number | null
  /** The stream's end marker: `[DONE]`, or TGI's final event with its details. */
  done: boolean
  promptTokens: number | null
  completionTokens: number | null
  finishReason: string | null
  /** An error object inside the stream. */
  error: string | null
  /** Data that is not JSON of the expected shape. */
  malformed: string | null
  /** The generated text the event carried (OpenAI APIs), kept by the requests of a conversation. */
  text: string | null
}

export function emptyReading(): EventReading {
  return { content: false, tokens: null, done: false, promptTokens: null, completionTokens: null, finishReason: null, error: null, malformed: null, text: null }
}

function resetReading(reading: EventReading): void {
  reading.content = false
  reading.tokens = null
  reading.done = false
  reading.promptTokens = null
  reading.completionTokens = null
  reading.finishReason = null
  reading.error = null
  reading.malformed = null
  reading.text = null
}

export interface ApiAdapter {
  kind: ApiKind
  /** The token counts from the server are cumulative in OpenAI usage objects. */
  buildBody(request: PlannedRequest, spec: WorkloadSpec): Record<string, unknown>
  /** Reads one SSE event's data into `reading` (reset first). */
  read(data: string, reading: EventReading): void
}

const nonEmptyString = (value: unknown): boolean => typeof value === 'string' && value.length > 0

function errorText(error: unknown): string {
  if (typeof error === 'string') return error
  if (error !== null && typeof error === 'object' && 'message' in error) return String((error as { message: unknown }).message)
  return JSON.stringify(error)
}

function samplingFields(spec: WorkloadSpec): Record<string, unknown> {
  const fields: Record<string, unknown> = { temperature: spec.sampling.temperature, seed: spec.seed }
  if (spec.sampling.top_p !== undefined) fields.top_p = spec.sampling.top_p
  if (spec.sampling.top_k !== undefined) fields.top_k = spec.sampling.top_k
  // ignore_eos is a vLLM/SGLang extension; sent only when asked so strict servers are not offended by default-false noise.
  if (spec.sampling.ignore_eos) fields.ignore_eos = true
  return fields
}

/** Parses an event's JSON; records it as malformed or as an in-stream error and returns null when it is either. */
function parseEvent(data: string, reading: EventReading): Record<string, unknown> | null {
  let event: unknown
  try {
    event = JSON.parse(data)
  } catch {
    reading.malformed = data
    return null
  }
  if (event === null || typeof event !== 'object') {
    reading.malformed = data
    return null
  }
  const error = (event as Record<string, unknown>).error
  if (error !== undefined && error !== null) {
    reading.error = errorText(error)
    return null
  }
  return event as Record<string, unknown>
}

function readOpenAi(data: string, reading: EventReading, contentOf: (choice: Record<string, unknown>) => boolean): void {
  resetReading(reading)
  if (data === '[DONE]') {
    reading.done = true
    return
  }
  const event = parseEvent(data, reading)
  if (event === null) return
  const choices = event.choices
  if (Array.isArray(choices) && choices.length > 0) {
    const choice = choices[0] as Record<string, unknown>
    reading.content = contentOf(choice)
    if (reading.content) reading.text = answerText(choice)
    if (typeof choice.finish_reason === 'string') reading.finishReason = choice.finish_reason
  }
  const usage = event.usage as Record<string, unknown> | null | undefined
  if (usage !== null && typeof usage === 'object') {
    if (typeof usage.prompt_tokens === 'number') reading.promptTokens = usage.prompt_tokens
    if (typeof usage.completion_tokens === 'number') reading.completionTokens = usage.completion_tokens
  }
}

function chatContent(choice: Record<string, unknown>): boolean {
  const delta = choice.delta as Record<string, unknown> | undefined
  if (delta === undefined || delta === null) return false
  return (
    nonEmptyString(delta.content) ||
    nonEmptyString(delta.reasoning_content) ||
    nonEmptyString(delta.reasoning) ||
    (Array.isArray(delta.tool_calls) && delta.tool_calls.length > 0)
  )
}

const completionContent = (choice: Record<string, unknown>): boolean => nonEmptyString(choice.text)

/** The answer's own text (not reasoning or tool calls): what a conversation sends back as the assistant turn. */
function answerText(choice: Record<string, unknown>): string | null {
  if (typeof choice.text === 'string') return choice.text
  const delta = choice.delta as Record<string, unknown> | undefined
  return delta !== undefined && delta !== null && typeof delta.content === 'string' ? delta.content : null
}

/** An OpenAI streaming body around the request's input (`messages` or `prompt`). */
function openAiBody(request: PlannedRequest, spec: WorkloadSpec, input: Record<string, unknown>): Record<string, unknown> {
  return {
    ...spec.extra_body,
    ...(spec.model !== undefined ? { model: spec.model } : {}),
    ...input,
    max_tokens: request.maxTokens,
    ...samplingFields(spec),
    stream: true,
    stream_options: { include_usage: true }
  }
}

const openAiChat: ApiAdapter = {
  kind: 'openai-chat',
  buildBody: (request, spec) => openAiBody(request, spec, { messages: request.messages ?? [{ role: 'user', content: request.prompt }] }),
  read: (data, reading) => readOpenAi(data, reading, chatContent)
}

const openAiCompletions: ApiAdapter = {
  kind: 'openai-completions',
  buildBody: (request, spec) => openAiBody(request, spec, { prompt: request.prompt }),
  read: (data, reading) => readOpenAi(data, reading, completionContent)
}

/** TGI's /generate_stream: one event per token, the last with `details`; no [DONE]. */
const tgi: ApiAdapter = {
  kind: 'tgi',
  buildBody(request, spec) {
    const parameters: Record<string, unknown> = {
      max_new_tokens: request.maxTokens,
      details: true,
      seed: spec.seed
    }
    // TGI rejects temperature 0; greedy is do_sample false.
    if (spec.sampling.temperature > 0) {
      parameters.do_sample = true
      parameters.temperature = spec.sampling.temperature
    }
    if (spec.sampling.top_p !== undefined && spec.sampling.top_p < 1) parameters.top_p = spec.sampling.top_p
    if (spec.sampling.top_k !== undefined) parameters.top_k = spec.sampling.top_k
    return { ...spec.extra_body, inputs: request.prompt, parameters }
  },
  read(data, reading) {
    resetReading(reading)
    const event = parseEvent(data, reading)
    if (event === null) return
    const token = event.token as Record<string, unknown> | undefined
    if (token !== undefined && token !== null) {
      // A special token (EOS) is a generated token but carries no text.
      reading.content = token.special !== true && nonEmptyString(token.text)
      reading.tokens = 1
    }
    const details = event.details as Record<string, unknown> | null | undefined
    if (details !== null && typeof details === 'object') {
      reading.done = true
      if (typeof details.generated_tokens === 'number') reading.completionTokens = details.generated_tokens
      if (typeof details.input_length === 'number') reading.promptTokens = details.input_length
      if (typeof details.finish_reason === 'string') reading.finishReason = details.finish_reason
    }
  }
}

export const API_ADAPTERS: Record<ApiKind, ApiAdapter> = {
  'openai-chat': openAiChat,
  'openai-completions': openAiCompletions,
  tgi
}
