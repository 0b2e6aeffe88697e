import { Random } from '../random.js'

/**
 * Generated text. Every token starts with a space, like the word-initial pieces of a BPE
 * vocabulary, and a few are multi-byte UTF-8 (2-, 3- and 4-byte sequences) so that a client
 * decoding chunk by chunk is exercised on characters that straddle reads.
 */
const VOCABULARY: readonly string[] = [
  'the', 'of', 'and', 'to', 'in', 'is', 'that', 'for', 'it', 'as', 'was', 'with', 'be', 'by', 'on',
  'not', 'he', 'this', 'are', 'or', 'his', 'from', 'at', 'which', 'but', 'have', 'an', 'had', 'they',
  'you', 'were', 'their', 'one', 'all', 'we', 'can', 'her', 'has', 'there', 'been', 'if', 'more',
  'when', 'will', 'would', 'who', 'so', 'no', 'model', 'token', 'server', 'batch', 'latency', 'cache',
  'é', 'café', 'naïve', '日本', '東京', 'データ', '🙂', '🚀', 'Ω', 'ß'
]

/** Token ids sit above the range where real tokenizers keep their special tokens. */
const FIRST_WORD_ID = 1000

/** The id and text TGI shows for an end-of-sequence token (Llama-style `</s>`). */
export const EOS_TOKEN_ID = 2
export const EOS_TOKEN_TEXT = '</s>'

/** Tokens a chat template adds around each message (role markers, separators). */
export const CHAT_TEMPLATE_TOKENS_PER_MESSAGE = 4

export interface SimToken {
  id: number
  text: string
  logprob: number
  special: boolean
}

/**
 * There is no tokenizer: a prompt costs one token per whitespace-separated word. The project's
 * synthetic prompts are built from common single-token English words, so this matches what
 * the client believes it sent.
 */
export function countWords(text: string): number {
  let count = 0
  for (const word of text.split(/\s+/)) if (word !== '') count += 1
  return count
}

/** A chat prompt: its words plus a fixed template overhead per message. */
export function countChatTokens(messages: ReadonlyArray<{ content: string }>): number {
  let total = 0
  for (const message of messages) total += countWords(message.content) + CHAT_TEMPLATE_TOKENS_PER_MESSAGE
  return total
}

/** Seeded generated tokens for one request. */
export class TokenSource {
  constructor(private readonly random: Random) {}

  next(): SimToken {
    const wordIndex = this.random.int(0, VOCABULARY.length - 1)
    // Rounded like the float32 logprobs engines print, so events are not 20 digits longer than real ones.
    const logprob = Math.round(-this.random.exponential(2) * 1e4) / 1e4
    return { id: FIRST_WORD_ID + wordIndex, text: ` ${VOCABULARY[wordIndex] as string}`, logprob, special: false }
  }

  eos(): SimToken {
    return { id: EOS_TOKEN_ID, text: EOS_TOKEN_TEXT, logprob: Math.round(-this.random.exponential(8) * 1e4) / 1e4, special: true }
  }
}

export interface OutputLength {
  tokens: number
  /** `eos`: the model stopped on its own before max tokens; `length`: it ran out of max tokens. */
  finish: 'eos' | 'length'
}

/**
 * How many tokens a request generates. With `ignoreEos` it is exactly `maxTokens` (what
 * benchmarks ask for); otherwise an EOS arrives after a geometric number of tokens, drawn by
 * inversion from one uniform so the draw count does not depend on the outcome.
 */
export function drawOutputLength(random: Random, maxTokens: number, ignoreEos: boolean, eosProbability: number): OutputLength {
  const u = random.uniform()
  if (ignoreEos || eosProbability <= 0) return { tokens: maxTokens, finish: 'length' }
  const eosAt = Math.max(1, Math.ceil(Math.log(1 - u) / Math.log(1 - eosProbability)))
  return eosAt < maxTokens ? { tokens: eosAt, finish: 'eos' } : { tokens: maxTokens, finish: 'length' }
}

/**
 * A request's own random stream. Like a real engine, the same prompt with the same `seed`
 * gives the same output; without a seed, requests are told apart by arrival order.
 */
export function requestRandom(serverSeed: number, requestSeed: number | undefined, promptKey: string, arrival: number): Random {
  if (requestSeed === undefined) return new Random(serverSeed, 'simulator', 'request', arrival)
  return new Random(serverSeed, 'simulator', 'seeded-request', requestSeed, promptKey)
}
