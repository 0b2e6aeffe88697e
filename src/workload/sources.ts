import { dirname, resolve } from 'node:path'
import { z } from 'zod'
import type { WorkloadSpec } from '../config/workload.js'
import { InputError } from '../errors.js'
import { loadConversationFile, type ConversationScript } from './conversations.js'
import { loadDataset, type DatasetPool } from './dataset.js'
import { loadTokenizer, type TextTokenizer } from './tokenizers.js'

const positiveInt = z.number({ error: 'expected an integer' }).int({ error: 'expected an integer' }).min(1, { error: 'expected an integer >= 1' })
const nonNegativeInt = z.number({ error: 'expected an integer' }).int({ error: 'expected an integer' }).min(0, { error: 'expected an integer >= 0' })

/**
 * `prompts.conversation`. Its own copy of the length shape (a number, or mean/stddev/min/max)
 * rather than config/workload.ts's: that module imports this one, and a value imported back
 * would not exist yet when it loads.
 */
export const conversationSchema = z.strictObject({
  turns: z
    .union(
      [
        positiveInt.transform((mean): { mean: number; stddev: number; min?: number; max?: number } => ({ mean, stddev: 0 })),
        z.strictObject({
          mean: z.number().positive({ error: 'expected a number > 0' }),
          stddev: z.number().min(0, { error: 'expected a number >= 0' }).default(0),
          min: positiveInt.optional(),
          max: positiveInt.optional()
        })
      ],
      { error: 'expected a number of user turns (integer >= 1) or {mean, stddev, min, max}' }
    )
    .default({ mean: 4, stddev: 0 }),
  think_time_s: z.number({ error: 'expected seconds' }).min(0, { error: 'expected seconds >= 0' }).default(0)
})

/** `prompts.dataset`: a ShareGPT file and how entries are drawn from it (defaults: vLLM's ShareGPT filters). */
export const datasetSchema = z.strictObject({
  file: z.string().min(1),
  format: z.enum(['sharegpt'], { error: 'expected sharegpt' }).default('sharegpt'),
  /** A fixed pool of this many entries that every trial draws from; by default each trial takes entries of its own. */
  sample: positiveInt.optional(),
  /** The draw's seed; by default the workload's `seed`. */
  seed: z.number().int({ error: 'expected an integer' }).optional(),
  output_tokens_from: z.enum(['answer', 'workload'], { error: 'expected answer (the dataset reply\'s length) or workload (prompts.output_tokens)' }).default('answer'),
  min_prompt_tokens: nonNegativeInt.default(4),
  max_prompt_tokens: positiveInt.default(1024),
  min_output_tokens: nonNegativeInt.default(4),
  max_total_tokens: positiveInt.default(2048)
})

export type DatasetSpec = z.output<typeof datasetSchema>

/** What `prompts` resolves to beyond the prompt file of `source: file`. */
export interface PromptSources {
  /** `prompts.tokenizer`, loaded: synthetic text is then exactly as many tokens as asked. */
  tokenizer: TextTokenizer | null
  /** `source: dataset`, or conversations drawn from a dataset: the entries drawn. */
  dataset: DatasetPool | null
  /** `source: conversations` with `file`: the conversations of the file. */
  conversationScripts: ConversationScript[] | null
}

function invalid(source: string, problem: string): InputError {
  return new InputError(`workload ${source} is not valid:\n  - ${problem}`)
}

/** Checks the fields that depend on each other, then loads the tokenizer, the dataset or the conversation file. */
export function resolvePromptSources(spec: WorkloadSpec, source: string): PromptSources & { sha256: string | null } {
  const prompts = spec.prompts
  const kind = prompts.source
  if (prompts.dataset !== undefined && kind !== 'dataset' && kind !== 'conversations') {
    throw invalid(source, `prompts.dataset: set, but prompts.source is ${kind}; use source: dataset (or conversations) to read it`)
  }
  if (kind === 'dataset' && prompts.dataset === undefined) throw invalid(source, 'prompts.dataset: missing; source: dataset needs {file: a ShareGPT JSON or JSONL file}')
  if (prompts.conversation !== undefined && kind !== 'conversations') {
    throw invalid(source, `prompts.conversation: set, but prompts.source is ${kind}; it applies to source: conversations`)
  }
  if (kind === 'conversations') {
    if (spec.api !== 'openai-chat') throw invalid(source, `api: ${spec.api} cannot carry a conversation; source: conversations needs api: openai-chat (messages)`)
    if (prompts.file !== undefined && prompts.dataset !== undefined) throw invalid(source, 'prompts: file and dataset both set; a conversation comes from one of them')
  }
  const turns = prompts.conversation?.turns
  if (turns?.min !== undefined && turns.max !== undefined && turns.min > turns.max) throw invalid(source, `prompts.conversation.turns: min ${turns.min} > max ${turns.max}`)

  const tokenizer = prompts.tokenizer !== undefined ? loadTokenizer(prompts.tokenizer) : null
  const relative = (file: string): string => resolve(dirname(source), file)
  if (prompts.dataset !== undefined) {
    const dataset = loadDataset(relative(prompts.dataset.file), {
      spec: prompts.dataset,
      seed: prompts.dataset.seed ?? spec.seed,
      perTrial: spec.requests + spec.warmup,
      trials: spec.trials,
      conversations: kind === 'conversations',
      outputTokens: prompts.output_tokens,
      tokenizer
    })
    return { tokenizer, dataset, conversationScripts: null, sha256: dataset.sha256 }
  }
  if (kind === 'conversations' && prompts.file !== undefined) {
    const loaded = loadConversationFile(relative(prompts.file), tokenizer)
    return { tokenizer, dataset: null, conversationScripts: loaded.conversations, sha256: loaded.sha256 }
  }
  return { tokenizer, dataset: null, conversationScripts: null, sha256: null }
}
