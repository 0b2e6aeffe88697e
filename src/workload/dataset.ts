import { createHash } from 'node:crypto'
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs'
import type { LengthSpec, Workload } from '../config/workload.js'
import { InputError } from '../errors.js'
import { Random } from '../random.js'
import { EntryScanner, type EntryOffsets } from './entry-scanner.js'
import { countTokens, drawLength, shuffledOrder, type PlannedRequest } from './prompts.js'
import type { DatasetSpec } from './sources.js'
import type { TextTokenizer } from './tokenizers.js'

/** One human turn of an entry, with the length of the reply that followed it in the dataset. */
export interface DatasetTurn {
  text: string
  /** Tokens of the text: counted by the workload's tokenizer, else estimated. */
  tokens: number
  /** Tokens of the dataset's reply to it (null: no reply followed, or the reply was not needed). */
  answerTokens: number | null
}

/** A ShareGPT entry reduced to what requests need. */
export interface DatasetEntry {
  /** Its position in the file (from 0). */
  index: number
  /** A system turn before the first human turn, if any. */
  system: string | null
  /** The human turns in order: the first only for single-turn prompts, all of them for conversations. */
  turns: DatasetTurn[]
}

/** The entries drawn from a dataset file, in draw order. */
export interface DatasetPool {
  file: string
  sha256: string
  entries: DatasetEntry[]
  /** Entries in the file, and how many were looked at and left out by the filters or for their shape. */
  entriesInFile: number
  skipped: number
  /** Requests (or conversations) each trial takes from the pool: measured, then warmup. */
  perTrial: number
  outputFromAnswer: boolean
}

export interface DatasetLoadOptions {
  spec: DatasetSpec
  seed: number
  perTrial: number
  trials: number
  /** Keep every human turn (source: conversations) rather than the first. */
  conversations: boolean
  /** prompts.output_tokens, for the total-length filter when output lengths do not come from the dataset. */
  outputTokens: LengthSpec
  tokenizer: TextTokenizer | null
}

const READ_CHUNK_BYTES = 8 << 20

const USER_ROLES = new Set(['human', 'user'])
const ASSISTANT_ROLES = new Set(['gpt', 'assistant', 'chatgpt', 'bard', 'bing', 'model'])

/** Reads the whole file once in fixed chunks: its sha256 and where each entry lies. Memory: one chunk, one entry's carry-over, two numbers per entry. */
function indexFile(file: string): { sha256: string; offsets: EntryOffsets } {
  let descriptor: number
  try {
    descriptor = openSync(file, 'r')
  } catch (error) {
    throw new InputError(`dataset file ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)}); expected a ShareGPT JSON or JSONL file`)
  }
  try {
    const hash = createHash('sha256')
    const scanner = new EntryScanner(file)
    const chunk = Buffer.allocUnsafe(READ_CHUNK_BYTES)
    for (;;) {
      const read = readSync(descriptor, chunk, 0, READ_CHUNK_BYTES, null)
      if (read === 0) break
      const bytes = chunk.subarray(0, read)
      hash.update(bytes)
      scanner.feed(bytes)
    }
    return { sha256: hash.digest('hex'), offsets: scanner.finish() }
  } finally {
    closeSync(descriptor)
  }
}

function readEntry(descriptor: number, file: string, offsets: EntryOffsets, index: number): unknown {
  const start = offsets.starts[index]!
  const length = offsets.ends[index]! - start
  const bytes = Buffer.allocUnsafe(length)
  readSync(descriptor, bytes, 0, length, start)
  try {
    return JSON.parse(bytes.toString('utf8'))
  } catch (error) {
    throw new InputError(`dataset file ${file}: ${offsets.describe(index)} is not valid JSON (${(error as Error).message}); expected ShareGPT entries {"conversations": [{"from": "human", "value": ...}, ...]}`)
  }
}

interface RawTurn {
  role: 'user' | 'assistant' | 'system'
  text: string
}

/** The entry's turns, or null when it has no `conversations` list of {from, value} (left out, as vLLM leaves out entries with fewer than two turns). */
function readTurns(value: unknown): RawTurn[] | null {
  if (value === null || typeof value !== 'object' || !Array.isArray((value as { conversations?: unknown }).conversations)) return null
  const turns: RawTurn[] = []
  for (const item of (value as { conversations: unknown[] }).conversations) {
    if (item === null || typeof item !== 'object') return null
    const { from, value: text } = item as { from?: unknown; value?: unknown }
    if (typeof from !== 'string' || typeof text !== 'string') return null
    const role = USER_ROLES.has(from) ? 'user' : ASSISTANT_ROLES.has(from) ? 'assistant' : from === 'system' ? 'system' : null
    if (role === null) return null
    turns.push({ role, text })
  }
  return turns
}

/**
 * Applies vLLM's ShareGPT rules to one entry: the first human turn is the prompt and the reply
 * after it sets the output length; too short or too long prompts and replies are left out.
 * Returns null for an entry left out.
 */
function toEntry(index: number, raw: RawTurn[], options: DatasetLoadOptions): DatasetEntry | null {
  const { spec, tokenizer } = options
  const fromAnswer = spec.output_tokens_from === 'answer'
  const firstUser = raw.findIndex((turn) => turn.role === 'user')
  if (firstUser < 0 || raw[firstUser]!.text.trim() === '') return null
  const system = raw.slice(0, firstUser).find((turn) => turn.role === 'system')?.text ?? null
  const turns: DatasetTurn[] = []
  for (let i = firstUser; i < raw.length; i++) {
    if (raw[i]!.role !== 'user') continue
    const reply = raw[i + 1]?.role === 'assistant' ? raw[i + 1]!.text : null
    const text = raw[i]!.text
    if (text.trim() === '') break
    turns.push({ text, tokens: countTokens(text, tokenizer), answerTokens: fromAnswer && reply !== null ? countTokens(reply, tokenizer) : null })
    if (!options.conversations) break
  }
  const first = turns[0]!
  if (fromAnswer && first.answerTokens === null) return null
  const output = fromAnswer ? first.answerTokens! : (options.outputTokens.max ?? Math.ceil(options.outputTokens.mean))
  if (first.tokens < spec.min_prompt_tokens || first.tokens > spec.max_prompt_tokens) return null
  if (output < Math.max(1, fromAnswer ? spec.min_output_tokens : 1)) return null
  if (first.tokens + output > spec.max_total_tokens) return null
  // A conversation stops at its first reply of no length: max_tokens must be at least 1.
  const usable = fromAnswer ? turns.findIndex((turn) => turn.answerTokens === null || turn.answerTokens < 1) : -1
  return { index, system, turns: usable > 0 ? turns.slice(0, usable) : turns }
}

const cache = new Map<string, DatasetPool>()

function statOf(file: string): [number, number] | null {
  try {
    const stat = statSync(file)
    return [stat.size, stat.mtimeMs]
  } catch {
    return null // indexFile names the problem
  }
}

/**
 * Draws entries from a ShareGPT JSON array or JSONL file of any size with bounded memory: one
 * pass hashes the file and notes where each entry lies (entry-scanner.ts), then entries are read
 * one at a time in a seeded random order until enough pass the filters, as vLLM shuffles and
 * takes the first valid ones. Only the entries drawn are parsed and kept. Without `sample`, each
 * trial takes entries of its own (trial k the k-th `perTrial` of the order), so a server's prefix
 * cache cannot serve one trial from another; past the file's valid entries they repeat.
 */
export function loadDataset(file: string, options: DatasetLoadOptions): DatasetPool {
  // `ab` resolves its workload once per side: the second reads nothing when the file is unchanged.
  const stat = statOf(file)
  const key = JSON.stringify([file, stat, options.spec, options.seed, options.perTrial, options.trials, options.conversations, options.outputTokens, options.tokenizer?.name ?? null])
  const cached = cache.get(key)
  if (cached !== undefined) return cached
  const { sha256, offsets } = indexFile(file)
  const wanted = options.spec.sample ?? options.perTrial * options.trials
  const order = shuffledOrder(offsets.count, new Random(options.seed, 'dataset-order'))
  const entries: DatasetEntry[] = []
  let skipped = 0
  const descriptor = openSync(file, 'r')
  try {
    if (fstatSync(descriptor).size !== offsets.totalBytes) throw new InputError(`dataset file ${file}: it changed while it was read; run again once it is written`)
    for (const index of order) {
      if (entries.length >= wanted) break
      const raw = readTurns(readEntry(descriptor, file, offsets, index))
      const entry = raw === null ? null : toEntry(index, raw, options)
      if (entry === null) skipped++
      else entries.push(entry)
    }
  } finally {
    closeSync(descriptor)
  }
  if (entries.length === 0) {
    const { min_prompt_tokens, max_prompt_tokens, min_output_tokens, max_total_tokens } = options.spec
    throw new InputError(
      `dataset file ${file}: none of its ${offsets.count} entries is usable; expected ShareGPT entries with a human turn followed by a reply, ` +
        `prompts of ${min_prompt_tokens}-${max_prompt_tokens} tokens, replies of at least ${min_output_tokens}, together at most ${max_total_tokens} (prompts.dataset filters)`
    )
  }
  const pool: DatasetPool = { file, sha256, entries, entriesInFile: offsets.count, skipped, perTrial: options.perTrial, outputFromAnswer: options.spec.output_tokens_from === 'answer' }
  cache.set(key, pool)
  return pool
}

/** The entries one phase of one trial takes: measured first, then warmup, each trial its own stretch of the draw order. */
export function poolEntries(pool: DatasetPool, trial: number, phase: 'warmup' | 'measured', count: number, measuredPerTrial: number): DatasetEntry[] {
  const base = trial * pool.perTrial + (phase === 'warmup' ? measuredPerTrial : 0)
  return Array.from({ length: count }, (_, i) => pool.entries[(base + i) % pool.entries.length]!)
}

/** `source: dataset`: each request is an entry's first human turn (with its system turn), asking for its reply's length. */
export function planDatasetPrompts(workload: Workload, pool: DatasetPool, trial: number, phase: 'warmup' | 'measured', count: number): PlannedRequest[] {
  const { spec } = workload
  const lengths = new Random(spec.seed, 'lengths', phase, trial)
  return poolEntries(pool, trial, phase, count, spec.requests).map((entry, id) => {
    const turn = entry.turns[0]!
    const maxTokens = turn.answerTokens ?? drawLength(spec.prompts.output_tokens, lengths)
    const input =
      spec.api === 'openai-chat'
        ? { messages: [...(entry.system !== null ? [{ role: 'system', content: entry.system }] : []), { role: 'user', content: turn.text }] }
        : { prompt: turn.text }
    return { id, ...input, inputTokensTarget: turn.tokens, maxTokens }
  })
}

