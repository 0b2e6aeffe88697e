import type { FilePrompt, LengthSpec, Workload } from '../config/workload.js'
import { Random } from '../random.js'

/**
 * Common English words that are a single token (with their leading space) in the Llama,
 * Qwen, Mistral and GPT tokenizers. No tokenizer can be downloaded here, so a prompt of N of
 * these words approximates N input tokens; the server's `usage.prompt_tokens` is recorded as
 * the true count.
 */
const WORDS = (
  'the of and to in is was for on that with as by at from it an be this which or are were ' +
  'his her their has had have not but all one two new more first also after other its out ' +
  'time year people way day man world life hand part place case week work night point home ' +
  'water room mother area money story fact month lot right study book eye job word business ' +
  'side kind head house service friend father power hour game line end member law car city ' +
  'name team minute idea kid body back parent face level office door health person art war ' +
  'history party result change morning reason research girl guy moment air teacher force ' +
  'good great small large long high old big different local social important only public ' +
  'early young best real left late hard major better economic strong possible whole free ' +
  'say make go know take see come think look want give use find tell ask seem feel try ' +
  'leave call keep let begin help show hear play run move live believe hold bring happen ' +
  'write provide sit stand lose pay meet include continue set learn lead understand watch ' +
  'follow stop create speak read allow add spend grow open walk win offer remember love'
).split(' ')

export interface PlannedRequest {
  /** Index within its phase (warmup or measured) of the trial. */
  id: number
  prompt?: string
  messages?: Array<{ role: string; content: unknown }>
  /** The input length we aimed for (synthetic) or estimated (file); the server's count wins when it gives one. */
  inputTokensTarget: number
  maxTokens: number
}

/** Draws an integer length from a (truncated) normal; rejection keeps the shape inside [min, max] rather than piling mass on the bounds. */
export function drawLength(spec: LengthSpec, random: Random): number {
  const min = spec.min ?? 1
  const max = spec.max ?? Number.MAX_SAFE_INTEGER
  const clamp = (value: number): number => Math.min(max, Math.max(min, Math.round(value)))
  if (spec.stddev === 0) return clamp(spec.mean)
  for (let attempt = 0; attempt < 64; attempt++) {
    const value = Math.round(random.normal(spec.mean, spec.stddev))
    if (value >= min && value <= max) return value
  }
  return clamp(spec.mean)
}

function words(count: number, random: Random): string {
  const out = new Array<string>(count)
  for (let i = 0; i < count; i++) out[i] = random.pick(WORDS)
  return out.join(' ')
}

/** A rough token estimate for text we did not generate: about 0.75 words per token in English. */
export function estimateTokens(text: string): number {
  const wordCount = text.split(/\s+/).filter((w) => w !== '').length
  return Math.max(1, Math.round(wordCount / 0.75))
}

function contentText(messages: NonNullable<FilePrompt['messages']>): string {
  return messages.map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content))).join(' ')
}

/**
 * The prompts of one phase of one trial. Each (trial, phase) has its own random stream, so
 * trials differ (a server's prefix cache cannot serve trial 2 from trial 1) while baseline and
 * candidate see the same prompts trial by trial.
 */
export function planPrompts(workload: Workload, trial: number, phase: 'warmup' | 'measured', count: number): PlannedRequest[] {
  return Array.from(promptStream(workload, trial, phase, count))
}

/** planPrompts one prompt at a time, for a trial too large to hold all its prompts at once (client/feed.ts). */
export function* promptStream(workload: Workload, trial: number, phase: 'warmup' | 'measured', count: number): Generator<PlannedRequest> {
  const { spec } = workload
  const lengths = new Random(spec.seed, 'lengths', phase, trial)
  const text = new Random(spec.seed, 'text', phase, trial)
  if (workload.filePrompts !== null) {
    const order = shuffledIndices(workload.filePrompts.length, new Random(spec.seed, 'file-order', phase, trial))
    for (let id = 0; id < count; id++) {
      const source = workload.filePrompts[order[id % order.length]!]!
      const maxTokens = source.max_tokens ?? drawLength(spec.prompts.output_tokens, lengths)
      yield {
        id,
        ...(source.messages !== undefined ? { messages: source.messages } : { prompt: source.prompt! }),
        inputTokensTarget: estimateTokens(source.messages !== undefined ? contentText(source.messages) : source.prompt!),
        maxTokens
      }
    }
    return
  }
  // The shared prefix is the same in every trial and phase: that is what a shared system prompt is.
  const prefixTokens = spec.prompts.shared_prefix_tokens
  const prefix = prefixTokens > 0 ? words(prefixTokens, new Random(spec.seed, 'shared-prefix')) : ''
  for (let id = 0; id < count; id++) {
    const inputTokens = drawLength(spec.prompts.input_tokens, lengths)
    const maxTokens = drawLength(spec.prompts.output_tokens, lengths)
    const own = words(Math.max(1, inputTokens - prefixTokens), text)
    yield { id, prompt: prefix === '' ? own : `${prefix} ${own}`, inputTokensTarget: Math.max(inputTokens, prefixTokens + 1), maxTokens }
  }
}

function shuffledIndices(length: number, random: Random): number[] {
  const order = Array.from({ length }, (_, i) => i)
  for (let i = length - 1; i > 0; i--) {
    const j = random.int(0, i)
    ;[order[i], order[j]] = [order[j]!, order[i]!]
  }
  return order
}
