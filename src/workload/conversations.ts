import { z } from 'zod'
import type { Workload } from '../config/workload.js'
import { readJsonlFile } from '../config/validate.js'
import { InputError } from '../errors.js'
import { Random } from '../random.js'
import { poolEntries, type DatasetPool } from './dataset.js'
import { checkTokenCount, countTokens, drawLength, shuffledOrder, wordList, wordText } from './prompts.js'
import type { TextTokenizer } from './tokenizers.js'

export interface ChatMessage {
  role: string
  content: unknown
}

/** One user turn as written: its text, and its own output length when the source gives one. */
export interface ScriptTurn {
  content: string
  /** A line's `max_tokens`, or the dataset reply's length; null: drawn from prompts.output_tokens. */
  maxTokens: number | null
  /** Tokens of the text: counted by the workload's tokenizer, else estimated. */
  tokens: number
}

/** A conversation as its source gives it: the user turns, and what comes before the first (system prompts). */
export interface ConversationScript {
  prefix: ChatMessage[]
  turns: ScriptTurn[]
}

/** A conversation ready to send: every turn's text and length known, the answers still to come from the server. */
export interface PlannedConversation {
  /** Its position in the phase (from 0); recorded as `conversation` on each of its turns. */
  index: number
  /** The request id of its first turn; turn k has id firstId + k. */
  firstId: number
  prefix: ChatMessage[]
  /** Tokens of the prefix's text (counted or estimated): the start of each turn's input estimate. */
  prefixTokens: number
  turns: Array<{ content: string; maxTokens: number; tokens: number }>
}

const positiveInt = z.number().int().min(1)
const message = z.looseObject({ role: z.string().min(1), content: z.unknown() })
const conversationLine = z.union(
  [
    z.looseObject({
      turns: z.array(z.union([z.string().min(1), z.looseObject({ content: z.string().min(1), max_tokens: positiveInt.optional() })])).min(1),
      system: z.string().optional(),
      max_tokens: positiveInt.optional()
    }),
    z.looseObject({ messages: z.array(message).min(1), max_tokens: positiveInt.optional() }),
    z.looseObject({ conversations: z.array(z.looseObject({ from: z.string(), value: z.string() })).min(1), max_tokens: positiveInt.optional() })
  ],
  {
    error:
      'expected {"turns": ["user text", ...]}, {"messages": [{"role": ..., "content": ...}, ...]} or a ShareGPT {"conversations": [{"from": "human", "value": ...}, ...]}, with an optional "max_tokens"'
  }
)
interface ConversationLine {
  turns?: Array<string | { content: string; max_tokens?: number | undefined }>
  system?: string | undefined
  messages?: ChatMessage[]
  conversations?: Array<{ from: string; value: string }>
  max_tokens?: number | undefined
}

const USER_ROLES = new Set(['user', 'human'])
const ANSWER_ROLES = new Set(['assistant', 'gpt', 'chatgpt', 'bard', 'bing', 'model'])

/**
 * A line's user turns. Assistant messages are dropped: the server's own answers take their place.
 * Messages before the first user message (system prompts) are the prefix; a message of any other
 * role after it would need the answers it was written against, so it is refused.
 */
function scriptOf(line: ConversationLine, where: string, tokenizer: TextTokenizer | null): ConversationScript {
  const lineMax = line.max_tokens ?? null
  const turn = (content: string, maxTokens: number | null): ScriptTurn => ({ content, maxTokens: maxTokens ?? lineMax, tokens: countTokens(content, tokenizer) })
  if (line.turns !== undefined) {
    return {
      prefix: line.system !== undefined ? [{ role: 'system', content: line.system }] : [],
      turns: line.turns.map((item) => (typeof item === 'string' ? turn(item, null) : turn(item.content, item.max_tokens ?? null)))
    }
  }
  const messages: ChatMessage[] = line.messages ?? (line.conversations ?? []).map((item) => ({ role: item.from, content: item.value }))
  const prefix: ChatMessage[] = []
  const turns: ScriptTurn[] = []
  for (const [position, item] of messages.entries()) {
    if (USER_ROLES.has(item.role)) {
      if (typeof item.content !== 'string' || item.content === '') throw new InputError(`${where}: message ${position} is a user turn without text; expected a string "content"`)
      turns.push(turn(item.content, null))
    } else if (ANSWER_ROLES.has(item.role)) {
      continue
    } else if (turns.length === 0) {
      prefix.push(item.role === 'system' ? item : { role: 'system', content: item.content })
    } else {
      throw new InputError(`${where}: message ${position} has role ${JSON.stringify(item.role)} after the first user turn; expected only user and assistant messages there (assistant ones are replaced by the server's answers)`)
    }
  }
  if (turns.length === 0) throw new InputError(`${where}: no user turn; expected at least one user message`)
  return { prefix, turns }
}

/** Reads a JSONL conversation file whole (like a prompt file); its sha256 goes into the workload hash. */
export function loadConversationFile(file: string, tokenizer: TextTokenizer | null): { conversations: ConversationScript[]; sha256: string } {
  const conversations: ConversationScript[] = []
  const sha256 = readJsonlFile(file, 'conversations file', conversationLine, (parsed, _line, where) => {
    conversations.push(scriptOf(parsed as ConversationLine, where, tokenizer))
  })
  return { conversations, sha256 }
}

function fromDataset(pool: DatasetPool, trial: number, phase: 'warmup' | 'measured', count: number, measuredPerTrial: number): ConversationScript[] {
  return poolEntries(pool, trial, phase, count, measuredPerTrial).map((entry) => ({
    prefix: entry.system !== null ? [{ role: 'system', content: entry.system }] : [],
    turns: entry.turns.map((turn) => ({ content: turn.text, maxTokens: turn.answerTokens, tokens: turn.tokens }))
  }))
}

/**
 * Synthetic conversations: each draws its number of turns, and each turn its input and output
 * length, from the workload's seed; `shared_prefix_tokens` becomes a system prompt common to all.
 */
function synthetic(workload: Workload, trial: number, phase: 'warmup' | 'measured', count: number): ConversationScript[] {
  const { spec } = workload
  const list = wordList(workload.tokenizer)
  const lengths = new Random(spec.seed, 'conversation-lengths', phase, trial)
  const text = new Random(spec.seed, 'conversation-text', phase, trial)
  const prefixTokens = spec.prompts.shared_prefix_tokens
  const system = prefixTokens > 0 ? wordText(prefixTokens, new Random(spec.seed, 'shared-prefix'), list) : null
  const turnsSpec = spec.prompts.conversation?.turns ?? { mean: 4, stddev: 0 }
  return Array.from({ length: count }, () => {
    const turnCount = drawLength(turnsSpec, lengths)
    const turns = Array.from({ length: turnCount }, () => {
      const tokens = drawLength(spec.prompts.input_tokens, lengths)
      const maxTokens = drawLength(spec.prompts.output_tokens, lengths)
      const content = wordText(tokens, text, list)
      checkTokenCount(content, tokens, list)
      return { content, maxTokens, tokens }
    })
    return { prefix: system !== null ? [{ role: 'system', content: system }] : [], turns }
  })
}

/**
 * The conversations of one phase of one trial, each turn's text and output length fixed up front
 * from the seed: the same seed sends the same user turns, only the answers come from the server.
 * Request ids number the turns in conversation order.
 */
export function planConversations(workload: Workload, trial: number, phase: 'warmup' | 'measured', count: number): PlannedConversation[] {
  const { spec } = workload
  let scripts: ConversationScript[]
  if (workload.dataset !== null && workload.dataset !== undefined) {
    scripts = fromDataset(workload.dataset, trial, phase, count, spec.requests)
  } else if (workload.conversationScripts !== null && workload.conversationScripts !== undefined) {
    const source = workload.conversationScripts
    const order = shuffledOrder(source.length, new Random(spec.seed, 'conversation-order', phase, trial))
    scripts = Array.from({ length: count }, (_, i) => source[order[i % order.length]!]!)
  } else {
    scripts = synthetic(workload, trial, phase, count)
  }
  const outputs = new Random(spec.seed, 'conversation-outputs', phase, trial)
  let nextId = 0
  return scripts.map((script, index) => {
    const firstId = nextId
    nextId += script.turns.length
    return {
      index,
      firstId,
      prefix: script.prefix,
      prefixTokens: script.prefix.reduce((sum, message) => sum + (typeof message.content === 'string' ? countTokens(message.content, workload.tokenizer) : 0), 0),
      turns: script.turns.map((turn) => ({ content: turn.content, tokens: turn.tokens, maxTokens: turn.maxTokens ?? drawLength(spec.prompts.output_tokens, outputs) }))
    }
  })
}

/** How many requests (turns) the planned conversations will send if every turn is answered. */
export function plannedTurns(conversations: readonly PlannedConversation[]): number {
  return conversations.reduce((sum, conversation) => sum + conversation.turns.length, 0)
}
