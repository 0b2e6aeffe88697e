import { createHash } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { loadWorkload, resolveWorkload } from '../../src/config/workload.js'
import { planPrompts } from '../../src/workload/prompts.js'

const workloadWith = (prompts: object, extra: object = {}) => resolveWorkload({ name: 'x', load: { concurrency: 1 }, prompts, ...extra }, 'w')
const words = (text: string | undefined): number => (text ?? '').split(' ').length

describe('synthetic prompts', () => {
  test('without a tokenizer, the same seed still gives the prompts it gave before tokenizers existed', () => {
    // Digest of these plans at commit f850f98: the word draws must not change under existing baselines.
    const workload = resolveWorkload({ name: 'x', load: { rate: 8 }, prompts: { input_tokens: { mean: 64, stddev: 16 }, output_tokens: { mean: 32, stddev: 8 }, shared_prefix_tokens: 10 } }, 'w.yml', { env: {} })
    const plans = JSON.stringify([planPrompts(workload, 0, 'measured', 20), planPrompts(workload, 1, 'warmup', 5)])
    expect(createHash('sha256').update(plans).digest('hex')).toBe('8041e2a2f95884f1eec12e47ec44612ad49ec54c1167487670da5da8c233236f')
  })

  test('lengths follow the requested mean and stddev, inside min and max', () => {
    const planned = planPrompts(workloadWith({ input_tokens: { mean: 300, stddev: 50, min: 200, max: 380 }, output_tokens: { mean: 64, stddev: 8 } }), 0, 'measured', 4000)
    const inputs = planned.map((p) => words(p.prompt))
    const mean = inputs.reduce((a, b) => a + b, 0) / inputs.length
    // Truncation at 200 and 380 pulls the mean slightly below 300.
    expect(mean).toBeGreaterThan(290)
    expect(mean).toBeLessThan(302)
    expect(Math.min(...inputs)).toBeGreaterThanOrEqual(200)
    expect(Math.max(...inputs)).toBeLessThanOrEqual(380)
    const sd = Math.sqrt(inputs.reduce((s, v) => s + (v - mean) ** 2, 0) / inputs.length)
    expect(sd).toBeGreaterThan(40)
    expect(sd).toBeLessThan(52)
    const outputs = planned.map((p) => p.maxTokens)
    expect(outputs.reduce((a, b) => a + b, 0) / outputs.length).toBeCloseTo(64, 0)
  })

  test('a prompt has the target number of words and records it', () => {
    const [planned] = planPrompts(workloadWith({ input_tokens: 128, output_tokens: 16 }), 0, 'measured', 1)
    expect(words(planned!.prompt)).toBe(128)
    expect(planned!.inputTokensTarget).toBe(128)
    expect(planned!.maxTokens).toBe(16)
  })

  test('the same seed gives the same prompts; trials and phases differ', () => {
    const workload = workloadWith({ input_tokens: 64 })
    const first = planPrompts(workload, 0, 'measured', 5)
    expect(planPrompts(workload, 0, 'measured', 5)).toEqual(first)
    expect(planPrompts(workload, 1, 'measured', 5)[0]!.prompt).not.toBe(first[0]!.prompt)
    expect(planPrompts(workload, 0, 'warmup', 5)[0]!.prompt).not.toBe(first[0]!.prompt)
    expect(planPrompts(workloadWith({ input_tokens: 64 }, { seed: 1 }), 0, 'measured', 5)[0]!.prompt).not.toBe(first[0]!.prompt)
  })

  test('adding warmup requests does not change the measured prompts', () => {
    const a = planPrompts(workloadWith({ input_tokens: 64 }, { warmup: 0 }), 0, 'measured', 3)
    const b = planPrompts(workloadWith({ input_tokens: 64 }, { warmup: 50 }), 0, 'measured', 3)
    expect(b).toEqual(a)
  })

  test('a shared prefix starts every prompt in every trial, and the rest differs', () => {
    const workload = workloadWith({ input_tokens: 100, shared_prefix_tokens: 40 })
    const planned = [...planPrompts(workload, 0, 'measured', 3), ...planPrompts(workload, 2, 'measured', 3)]
    const prefixes = new Set(planned.map((p) => p.prompt!.split(' ').slice(0, 40).join(' ')))
    const rests = new Set(planned.map((p) => p.prompt!.split(' ').slice(40).join(' ')))
    expect(prefixes.size).toBe(1)
    expect(rests.size).toBe(6)
    expect(words(planned[0]!.prompt)).toBe(100)
  })
})

describe('prompts from a file', () => {
  test('prompt and messages lines are used, with their own max_tokens', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lpg-prompts-'))
    writeFileSync(join(dir, 'p.jsonl'), ['{"prompt": "one two three", "max_tokens": 5}', '', '{"messages": [{"role": "user", "content": "four five"}]}'].join('\n'))
    writeFileSync(join(dir, 'w.json'), JSON.stringify({ name: 'x', load: { concurrency: 1 }, prompts: { source: 'file', file: 'p.jsonl', output_tokens: 32 } }))
    const planned = planPrompts(loadWorkload(join(dir, 'w.json')), 0, 'measured', 4)
    const byPrompt = planned.find((p) => p.prompt === 'one two three')!
    const byMessages = planned.find((p) => p.messages !== undefined)!
    expect(byPrompt.maxTokens).toBe(5)
    expect(byMessages.maxTokens).toBe(32)
    expect(byMessages.messages).toEqual([{ role: 'user', content: 'four five' }])
    // Four requests from two prompts: each is used twice.
    expect(planned.filter((p) => p.prompt === 'one two three')).toHaveLength(2)
  })
})
