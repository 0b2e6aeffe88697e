import type { FilePrompt, LengthSpec, Workload } from '../config/workload.js'
import { Random } from '../random.js'
import type { TextTokenizer } from './tokenizers.js'

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
  /** Set on the turns of a conversation (workload/conversations.ts): which conversation, and which turn of it (from 0). */
  conversation?: number
  turn?: number
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

/** The words text is built from: `start` for the first word of a text (no space before it), `rest` for the others. */
export interface WordList {
  start: readonly string[]
  rest: readonly string[]
  tokenizer: TextTokenizer | null
}

const APPROXIMATE: WordList = { start: WORDS, rest: WORDS, tokenizer: null }
const exactLists = new Map<string, WordList>()

/**
 * Without a tokenizer, WORDS (N words approximate N tokens). With one, the words that are one
 * token of that tokenizer: with their leading space for `rest`, and bare for `start`. Every
 * supported tokenizer splits words at the space before them, so N such words are exactly N tokens.
 */
export function wordList(tokenizer: TextTokenizer | null | undefined): WordList {
  if (tokenizer === null || tokenizer === undefined) return APPROXIMATE
  let list = exactLists.get(tokenizer.name)
  if (list === undefined) {
    const rest = WORDS.filter((word) => tokenizer.encode(` ${word}`).length === 1)
    list = { start: rest.filter((word) => tokenizer.encode(word).length === 1), rest, tokenizer }
    exactLists.set(tokenizer.name, list)
  }
  return list
}

/** `count` words; `atStart` when nothing comes before them in the text. */
export function wordText(count: number, random: Random, list: WordList = APPROXIMATE, atStart = true): string {
  const out = new Array<string>(count)
  for (let i = 0; i < count; i++) out[i] = random.pick(i === 0 && atStart ? list.start : list.rest)
  return out.join(' ')
}

/** With a tokenizer, checks the text is `tokens` long: the guarantee above, verified on every prompt built. */
export function checkTokenCount(text: string, tokens: number, list: WordList): void {
  if (list.tokenizer === null) return
  const counted = list.tokenizer.encode(text).length
  if (counted !== tokens) throw new Error(`a synthetic text meant to be ${tokens} ${list.tokenizer.name} tokens encodes to ${counted}`)
}

/** A rough token estimate for text we did not generate: about 0.75 words per token in English. */
export function estimateTokens(text: string): number {
  const wordCount = text.split(/\s+/).filter((w) => w !== '').length
  return Math.max(1, Math.round(wordCount / 0.75))
}

/** Tokens of text we did not generate: counted by the workload's tokenizer, else estimated. */
export function countTokens(text: string, tokenizer: TextTokenizer | null | undefined): number {
  return tokenizer === null || tokenizer === undefined ? estimateTokens(text) : tokenizer.encode(text).length
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
        inputTokensTarget: countTokens(source.messages !== undefined ? contentText(source.messages) : source.prompt!, workload.tokenizer),
        maxTokens
      }
    }
    return
  }
  // The shared prefix is the same in every trial and phase: that is what a shared system prompt is.
  const list = wordList(workload.tokenizer)
  const prefixTokens = spec.prompts.shared_prefix_tokens
  const prefix = prefixTokens > 0 ? wordText(prefixTokens, new Random(spec.seed, 'shared-prefix'), list) : ''
  for (let id = 0; id < count; id++) {
    const inputTokens = drawLength(spec.prompts.input_tokens, lengths)
    const maxTokens = drawLength(spec.prompts.output_tokens, lengths)
    const own = wordText(Math.max(1, inputTokens - prefixTokens), text, list, prefix === '')
    const prompt = prefix === '' ? own : `${prefix} ${own}`
    const inputTokensTarget = Math.max(inputTokens, prefixTokens + 1)
    checkTokenCount(prompt, inputTokensTarget, list)
    yield { id, prompt, inputTokensTarget, maxTokens }
  }
}

/** A seeded permutation of 0 … length - 1 (Fisher–Yates). */
export function shuffledOrder(length: number, random: Random): number[] {
  return shuffledIndices(length, random)
}

function shuffledIndices(length: number, random: Random): number[] {
  const order = Array.from({ length }, (_, i) => i)
  for (let i = length - 1; i > 0; i--) {
    const j = random.int(0, i)
    ;[order[i], order[j]] = [order[j]!, order[i]!]
  }
  return order
}
