import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { loadWorkload, normalisedWorkload, resolveWorkload } from '../../src/config/workload.js'
import { inputErrorOf } from '../helpers/input-error.js'

const MINIMAL = { name: 'chat-short', load: { concurrency: 4 } }


function writeTemp(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'lpg-workload-'))
  const file = join(dir, name)
  writeFileSync(file, text)
  return file
}

describe('validation messages name the file, the field, the value and what is expected', () => {
  test('a wrong type', () => {
    const error = inputErrorOf(() => resolveWorkload({ ...MINIMAL, requests: 'many' }, 'w.yml'))
    expect(error.exitCode).toBe(2)
    expect(error.message).toContain('workload w.yml is not valid')
    expect(error.message).toContain('requests: got "many"; expected an integer')
  })

  test('a nested field with its path', () => {
    const error = inputErrorOf(() => resolveWorkload({ ...MINIMAL, load: { ramp: [{ rate: 2, seconds: 10 }, { rate: -1, seconds: 5 }] } }, 'w.yml'))
    expect(error.message).toContain('load.ramp[1].rate: got -1; expected requests/s >= 0')
  })

  test('an enum lists the valid values', () => {
    const error = inputErrorOf(() => resolveWorkload({ ...MINIMAL, api: 'openai' }, 'w.yml'))
    expect(error.message).toContain('api: got "openai"; expected one of openai-completions, openai-chat, tgi')
  })

  test('a misspelt field is named as unknown', () => {
    const error = inputErrorOf(() => resolveWorkload({ ...MINIMAL, load: { concurency: 4 } }, 'w.yml'))
    expect(error.message).toContain('load: unknown field "concurency"')
  })

  test('a missing required field', () => {
    const error = inputErrorOf(() => resolveWorkload({ load: { concurrency: 1 } }, 'w.yml'))
    expect(error.message).toContain('name: missing; expected a name')
  })

  test('a load without concurrency, rate or ramp says what to set', () => {
    const error = inputErrorOf(() => resolveWorkload({ name: 'x', load: {} }, 'w.yml'))
    expect(error.message).toContain('set load.concurrency (closed loop), load.rate (open loop) or load.ramp')
  })

  test('every problem is listed, not only the first', () => {
    const error = inputErrorOf(() => resolveWorkload({ ...MINIMAL, seed: 1.5, warmup: -1 }, 'w.yml'))
    expect(error.message).toContain('seed:')
    expect(error.message).toContain('warmup:')
  })

  test('a YAML syntax error names the file and the line', () => {
    const file = writeTemp('bad.yml', 'name: x\nload:\n  concurrency: [1\n')
    const error = inputErrorOf(() => loadWorkload(file))
    expect(error.message).toMatch(new RegExp(`workload ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid YAML or JSON at line \\d+`))
  })

  test('a missing file is an input error naming it', () => {
    const error = inputErrorOf(() => loadWorkload('/nonexistent/w.yml'))
    expect(error.message).toContain('workload /nonexistent/w.yml: cannot read it (ENOENT)')
  })

  test('a bad --url names the flag', () => {
    const error = inputErrorOf(() => resolveWorkload(MINIMAL, 'w.yml', { url: 'not a url' }))
    expect(error.message).toContain('--url: got "not a url"')
  })
})

describe('headers', () => {
  test('${VAR} is expanded from the environment', () => {
    const workload = resolveWorkload({ ...MINIMAL, headers: { Authorization: 'Bearer ${API_KEY}' } }, 'w.yml', { env: { API_KEY: 'sk-live-abcdef' } })
    expect(workload.headers.Authorization).toBe('Bearer sk-live-abcdef')
  })

  test('an unset variable is an error naming the header and the variable, without any value', () => {
    const error = inputErrorOf(() => resolveWorkload({ ...MINIMAL, headers: { Authorization: 'Bearer ${API_KEY}' } }, 'w.yml', { env: {} }))
    expect(error.message).toBe('workload w.yml: headers.Authorization uses ${API_KEY}, but the environment variable API_KEY is not set; export it before the run')
  })

  test('the normalised workload written into results redacts header values', () => {
    const workload = resolveWorkload({ ...MINIMAL, headers: { Authorization: 'Bearer ${API_KEY}' } }, 'w.yml', { env: { API_KEY: 'sk-live-abcdef' } })
    const text = JSON.stringify(normalisedWorkload(workload))
    expect(text).not.toContain('sk-live-abcdef')
    expect(text).toContain('"Authorization":"[redacted]"')
  })
})

describe('workload_hash', () => {
  const hash = (input: object, options = {}): string => resolveWorkload(input, 'w.yml', { env: { K: 'one' }, ...options }).workloadHash

  test('does not depend on key order or on defaults written out', () => {
    const a = hash({ name: 'x', load: { concurrency: 2, arrival: 'poisson' }, seed: 42 })
    const b = hash({ seed: 42, load: { arrival: 'poisson', concurrency: 2 }, name: 'x' })
    const c = hash({ name: 'x', load: { concurrency: 2 } })
    expect(a).toBe(b)
    expect(a).toBe(c)
    expect(a).toMatch(/^sha256:[0-9a-f]{64}$/)
  })

  test('changes with anything that changes what is sent', () => {
    const base = hash(MINIMAL)
    expect(hash({ ...MINIMAL, seed: 43 })).not.toBe(base)
    expect(hash({ ...MINIMAL, prompts: { output_tokens: 64 } })).not.toBe(base)
    expect(hash({ ...MINIMAL, load: { concurrency: 8 } })).not.toBe(base)
    expect(hash({ ...MINIMAL, headers: { 'X-Variant': 'a' } })).not.toBe(hash({ ...MINIMAL, headers: { 'X-Variant': 'b' } }))
  })

  test('does not change with where it is sent, which model serves it, how many trials, or a secret value', () => {
    const base = hash(MINIMAL)
    expect(hash(MINIMAL, { url: 'http://10.0.0.1:9000' })).toBe(base)
    expect(hash({ ...MINIMAL, model: 'other' })).toBe(base)
    expect(hash(MINIMAL, { model: 'from-the-command-line' })).toBe(base)
    expect(hash(MINIMAL, { trials: 9 })).toBe(base)
    const withKey = { ...MINIMAL, headers: { Authorization: 'Bearer ${K}' } }
    expect(hash(withKey, { env: { K: 'one' } })).toBe(hash(withKey, { env: { K: 'two' } }))
  })

  test('workloads written before conversations, datasets and tokenizers keep their hash', () => {
    // Computed before those optional fields existed (commit f850f98): a new field with a default would change them.
    expect(hash({ name: 'chat-short', load: { concurrency: 4 } }, { env: {} })).toBe('sha256:1c2511ceaf183e3a8e1f13088664ac3d84130c76ac573dd7e04dc6e5e53968de')
    const older = { name: 'x', load: { rate: 8 }, prompts: { input_tokens: { mean: 512, stddev: 128, min: 16, max: 4096 }, output_tokens: 64, shared_prefix_tokens: 100 }, slo: { ttft_ms: 500 } }
    expect(hash(older, { env: {} })).toBe('sha256:f88a1d0aa200c4903d64812fbc5fabe7b2ba6f850b8bb67833eab22828e9193a')
  })

  test('a prompt file counts by its content, not its path', () => {
    const a = writeTemp('a.jsonl', '{"prompt": "hello there"}\n')
    const b = writeTemp('b.jsonl', '{"prompt": "hello there"}\n')
    const c = writeTemp('c.jsonl', '{"prompt": "something else"}\n')
    const withFile = (file: string): string => loadWorkload(writeTemp('w.json', JSON.stringify({ ...MINIMAL, prompts: { source: 'file', file } }))).workloadHash
    expect(withFile(a)).toBe(withFile(b))
    expect(withFile(a)).not.toBe(withFile(c))
  })
})

describe('urls and paths', () => {
  test('each api has its default path', () => {
    expect(resolveWorkload({ ...MINIMAL, api: 'openai-completions' }, 'w').path).toBe('/v1/completions')
    expect(resolveWorkload({ ...MINIMAL, api: 'tgi' }, 'w').path).toBe('/generate_stream')
  })

  test('an OpenAI-style base URL ending in /v1 does not double it', () => {
    const workload = resolveWorkload({ ...MINIMAL, url: 'http://127.0.0.1:8000/v1' }, 'w')
    expect(workload.url).toBe('http://127.0.0.1:8000')
    expect(workload.path).toBe('/v1/chat/completions')
  })
})

describe('prompts fields of conversations, datasets and tokenizers', () => {
  test('an unknown tokenizer lists the supported ones', () => {
    const error = inputErrorOf(() => resolveWorkload({ ...MINIMAL, prompts: { tokenizer: 'llama2' } }, 'w.yml'))
    expect(error.message).toContain('prompts.tokenizer: got "llama2"; expected one of llama3, llama3.1, qwen2.5, qwen3, gpt-4o, gpt-4')
  })

  test('an unknown field inside prompts.conversation or prompts.dataset is named', () => {
    expect(inputErrorOf(() => resolveWorkload({ ...MINIMAL, prompts: { source: 'conversations', conversation: { turn: 3 } } }, 'w.yml')).message).toContain('prompts.conversation: unknown field "turn"')
    expect(inputErrorOf(() => resolveWorkload({ ...MINIMAL, prompts: { source: 'dataset', dataset: { file: 'x.json', samples: 3 } } }, 'w.yml')).message).toContain('prompts.dataset: unknown field "samples"')
  })

  test('think time cannot be negative', () => {
    expect(inputErrorOf(() => resolveWorkload({ ...MINIMAL, prompts: { source: 'conversations', conversation: { think_time_s: -1 } } }, 'w.yml')).message).toContain('prompts.conversation.think_time_s: got -1; expected seconds >= 0')
  })
})

describe('prompt files', () => {
  test('messages need the chat api', () => {
    const prompts = writeTemp('p.jsonl', '{"messages": [{"role": "user", "content": "hi"}]}\n')
    const file = writeTemp('w.json', JSON.stringify({ ...MINIMAL, api: 'openai-completions', prompts: { source: 'file', file: prompts } }))
    expect(inputErrorOf(() => loadWorkload(file)).message).toContain('line 1 has "messages", which only api: openai-chat can send')
  })

  test('a line that is not JSON is named by its number', () => {
    const prompts = writeTemp('p.jsonl', '{"prompt": "a"}\nnot json\n')
    const file = writeTemp('w.json', JSON.stringify({ ...MINIMAL, prompts: { source: 'file', file: prompts } }))
    expect(inputErrorOf(() => loadWorkload(file)).message).toContain('line 2 is not JSON')
  })

  test('an empty or missing file, and a line of the wrong shape, are errors that name the file', () => {
    const withPrompts = (prompts: string): string => writeTemp('w.json', JSON.stringify({ ...MINIMAL, prompts: { source: 'file', file: prompts } }))
    const empty = writeTemp('empty.jsonl', '\n\n')
    expect(inputErrorOf(() => loadWorkload(withPrompts(empty))).message).toContain(`prompts file ${empty}: no JSON object in it`)
    expect(inputErrorOf(() => loadWorkload(withPrompts('/nonexistent/p.jsonl'))).message).toContain('prompts file /nonexistent/p.jsonl: cannot read it (ENOENT)')
    const wrong = writeTemp('wrong.jsonl', '{"prompt": "a"}\n{"text": "b"}\n')
    expect(inputErrorOf(() => loadWorkload(withPrompts(wrong))).message).toMatch(/wrong\.jsonl line 2/)
  })
})
