import { createHash, type Hash } from 'node:crypto'
import { CHAT_TEMPLATE_TOKENS_PER_MESSAGE, countWords, type SimToken } from './tokens.js'

export interface ChatTurn {
  role: string
  content: string
}

export interface PrefixCacheStats {
  /** Chat requests looked up, those that found a stored history, and the prompt tokens they did not prefill. */
  lookups: number
  hits: number
  cachedTokens: number
}

/** One request's use of the cache: what it found, and what it stores once its answer is complete. */
export interface CachedTurn {
  /** Prompt tokens already computed: the request prefills only the rest. */
  cachedTokens: number
  /** Called with each generated token, in order. */
  add(token: SimToken): void
  /** Called when the answer is complete: the history with this answer becomes a stored prefix. */
  finish(): void
}

/** Chained hashes: link i covers messages 0…i, so a shared history has equal links however the conversation goes on. */
function link(previous: string, role: string): Hash {
  return createHash('sha256').update(previous).update(`\u0000${role}\u0000`)
}

/**
 * What an engine's automatic prefix caching does for a conversation: the KV of a turn's prompt
 * and of its answer stays cached, so the next turn, which repeats that history with one new user
 * message, prefills only the new message. Histories are keyed by chained hashes of the messages
 * (not token blocks: the simulator has no tokenizer) and stored only as a complete prompt plus
 * its answer, the one thing a later request can repeat; a single-turn workload never repeats one,
 * so its timing is what it was without the cache. Least recently used histories are evicted once
 * their tokens pass the capacity (the engine's KV cache size).
 */
export class PrefixCache {
  private readonly entries = new Map<string, number>()
  private storedTokens = 0
  private readonly counters: PrefixCacheStats = { lookups: 0, hits: 0, cachedTokens: 0 }

  constructor(private readonly capacityTokens: number) {}

  stats(): PrefixCacheStats {
    return { ...this.counters }
  }

  /** Looks up the longest stored history these messages start with, and prepares to store them with their answer. */
  begin(messages: readonly ChatTurn[], promptTokens: number): CachedTurn {
    this.counters.lookups++
    let previous = ''
    let tokens = 0
    let cachedTokens = 0
    for (const message of messages) {
      previous = link(previous, message.role).update(message.content).digest('hex')
      tokens += countWords(message.content) + CHAT_TEMPLATE_TOKENS_PER_MESSAGE
      const stored = this.entries.get(previous)
      if (stored !== undefined) {
        cachedTokens = tokens
        this.touch(previous, stored)
      }
    }
    // As in vLLM, the last prompt token is always computed: it yields the first output token.
    cachedTokens = Math.min(cachedTokens, promptTokens - 1)
    if (cachedTokens > 0) {
      this.counters.hits++
      this.counters.cachedTokens += cachedTokens
    }
    const answer = link(previous, 'assistant')
    let answerTokens = CHAT_TEMPLATE_TOKENS_PER_MESSAGE
    let finished = false
    return {
      cachedTokens,
      add(token) {
        // vLLM streams EOS as an empty delta: the client's copy of the answer has no text for it.
        if (!token.special) answer.update(token.text)
        answerTokens++
      },
      finish: () => {
        if (finished) return
        finished = true
        this.store(answer.digest('hex'), promptTokens + answerTokens)
      }
    }
  }

  private touch(key: string, tokens: number): void {
    this.entries.delete(key)
    this.entries.set(key, tokens)
  }

  private store(key: string, tokens: number): void {
    const old = this.entries.get(key)
    if (old !== undefined) this.storedTokens -= old
    this.touch(key, tokens)
    this.storedTokens += tokens
    for (const [oldest, oldestTokens] of this.entries) {
      if (this.storedTokens <= this.capacityTokens || oldest === key) break
      this.entries.delete(oldest)
      this.storedTokens -= oldestTokens
    }
  }
}
