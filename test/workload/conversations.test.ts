import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { resolveWorkload, type Workload } from '../../src/config/workload.js'
import { phaseSends } from '../../src/runner/phase.js'
import { planConversations } from '../../src/workload/conversations.js'

const dir = mkdtempSync(join(tmpdir(), 'lpg-conversations-'))
let files = 0
function writeLines(lines: unknown[]): string {
  const file = join(dir, `c-${files++}.jsonl`)
  writeFileSync(file, lines.map((line) => JSON.stringify(line)).join('\n'))
  return file
}

function workloadWith(prompts: object, extra: object = {}): Workload {
  return resolveWorkload({ name: 'chat', seed: 9, requests: 6, warmup: 1, load: { concurrency: 2 }, prompts: { source: 'conversations', ...prompts }, ...extra }, join(dir, 'w.yml'), { env: {} })
}

const words = (text: string): number => text.split(' ').length

describe('synthetic conversations', () => {
  test('each has the turns asked for, each turn the input and output lengths asked for', () => {
    const planned = planConversations(workloadWith({ input_tokens: 40, output_tokens: 12, conversation: { turns: 3, think_time_s: 0.5 } }), 0, 'measured', 6)
    expect(planned).toHaveLength(6)
    for (const conversation of planned) {
      expect(conversation.turns).toHaveLength(3)
      expect(conversation.prefix).toEqual([])
      for (const turn of conversation.turns) {
        expect(words(turn.content)).toBe(40)
        expect(turn.tokens).toBe(40)
        expect(turn.maxTokens).toBe(12)
      }
    }
  })

  test('the number of turns can vary, and request ids number the turns in conversation order', () => {
    const planned = planConversations(workloadWith({ input_tokens: 8, conversation: { turns: { mean: 4, stddev: 2, min: 1, max: 8 } } }), 0, 'measured', 30)
    expect(new Set(planned.map((c) => c.turns.length)).size).toBeGreaterThan(2)
    let id = 0
    for (const conversation of planned) {
      expect(conversation.firstId).toBe(id)
      id += conversation.turns.length
    }
    expect(phaseSends(workloadWith({ input_tokens: 8, conversation: { turns: { mean: 4, stddev: 2, min: 1, max: 8 } } }), 0, 'measured', 30)).toBe(id)
  })

  test('the same seed gives the same conversations; trials, phases and seeds differ', () => {
    const workload = workloadWith({ input_tokens: 16 })
    const first = planConversations(workload, 0, 'measured', 4)
    expect(planConversations(workload, 0, 'measured', 4)).toEqual(first)
    expect(planConversations(workload, 1, 'measured', 4)[0]!.turns[0]!.content).not.toBe(first[0]!.turns[0]!.content)
    expect(planConversations(workload, 0, 'warmup', 4)[0]!.turns[0]!.content).not.toBe(first[0]!.turns[0]!.content)
    expect(planConversations(workloadWith({ input_tokens: 16 }, { seed: 10 }), 0, 'measured', 4)[0]!.turns[0]!.content).not.toBe(first[0]!.turns[0]!.content)
  })

  test('shared_prefix_tokens becomes one system prompt shared by every conversation', () => {
    const planned = planConversations(workloadWith({ input_tokens: 10, shared_prefix_tokens: 25 }), 2, 'measured', 5)
    const systems = new Set(planned.map((c) => JSON.stringify(c.prefix)))
    expect(systems.size).toBe(1)
    expect(planned[0]!.prefix[0]!.role).toBe('system')
    expect(words(planned[0]!.prefix[0]!.content as string)).toBe(25)
    expect(planned[0]!.prefixTokens).toBeGreaterThan(0)
  })
})

describe('conversations from a JSONL file', () => {
  test('three shapes: turns, OpenAI messages (assistant turns dropped) and ShareGPT conversations', () => {
    const file = writeLines([
      { turns: ['first question', { content: 'second question', max_tokens: 7 }], system: 'be kind', max_tokens: 20 },
      { messages: [{ role: 'system', content: 'sys' }, { role: 'user', content: 'u1' }, { role: 'assistant', content: 'old answer' }, { role: 'user', content: 'u2' }] },
      { conversations: [{ from: 'human', value: 'h1' }, { from: 'gpt', value: 'g1' }, { from: 'human', value: 'h2' }] }
    ])
    const scripts = workloadWith({ file, output_tokens: 33 }).conversationScripts!
    expect(scripts.map((s) => [s.prefix, s.turns.map((t) => [t.content, t.maxTokens])])).toEqual([
      [[{ role: 'system', content: 'be kind' }], [['first question', 20], ['second question', 7]]],
      [[{ role: 'system', content: 'sys' }], [['u1', null], ['u2', null]]],
      [[], [['h1', null], ['h2', null]]]
    ])
  })

  test('each phase of each trial draws the file\'s conversations in its own seeded order, turns without a length asking for output_tokens', () => {
    const file = writeLines(Array.from({ length: 5 }, (_, i) => ({ turns: [`conversation ${i} turn 0`, `conversation ${i} turn 1`] })))
    const workload = workloadWith({ file, output_tokens: 9 })
    const order = (trial: number): string[] => planConversations(workload, trial, 'measured', 5).map((c) => c.turns[0]!.content)
    expect(new Set(order(0)).size).toBe(5)
    expect(order(0)).toEqual(order(0))
    expect([order(1), order(2)]).not.toEqual([order(0), order(0)])
    expect(planConversations(workload, 0, 'measured', 5).flatMap((c) => c.turns.map((t) => t.maxTokens))).toEqual(Array(10).fill(9))
  })

  test('errors name the file, the line and what is expected', () => {
    const toolAfterUser = writeLines([{ messages: [{ role: 'user', content: 'u1' }, { role: 'tool', content: 'x' }] }])
    expect(() => workloadWith({ file: toolAfterUser })).toThrowError(/line 1: message 1 has role "tool" after the first user turn/)
    const noUser = writeLines([{ messages: [{ role: 'system', content: 'only a system prompt' }] }])
    expect(() => workloadWith({ file: noUser })).toThrowError(/line 1: no user turn/)
    const shapeless = writeLines([{ turns: ['ok'] }, { prompt: 'not a conversation' }])
    expect(() => workloadWith({ file: shapeless })).toThrowError(/line 2 is not valid/)
  })

  test('the file counts in the workload hash by its content', () => {
    const a = writeLines([{ turns: ['hello', 'again'] }])
    const b = writeLines([{ turns: ['hello', 'again'] }])
    const c = writeLines([{ turns: ['hello', 'once more'] }])
    expect(workloadWith({ file: a }).workloadHash).toBe(workloadWith({ file: b }).workloadHash)
    expect(workloadWith({ file: c }).workloadHash).not.toBe(workloadWith({ file: a }).workloadHash)
  })
})

describe('conversations from a ShareGPT dataset', () => {
  test('each entry is a conversation of its human turns, each asking for the length of the reply that followed it', () => {
    const file = join(dir, 'sharegpt.json')
    const entries = Array.from({ length: 20 }, (_, i) => ({
      id: `e${i}`,
      conversations: [
        { from: 'human', value: `entry ${i} opening question here` },
        { from: 'gpt', value: 'one two three four five six' },
        { from: 'human', value: `entry ${i} follow up question` },
        { from: 'gpt', value: 'one two three' }
      ]
    }))
    writeFileSync(file, JSON.stringify(entries))
    const workload = workloadWith({ dataset: { file } })
    for (const conversation of planConversations(workload, 0, 'measured', 6)) {
      const index = /entry (\d+)/.exec(conversation.turns[0]!.content)![1]
      expect(conversation.turns.map((t) => t.content)).toEqual([`entry ${index} opening question here`, `entry ${index} follow up question`])
      expect(conversation.turns.map((t) => t.maxTokens)).toEqual([8, 4])
    }
  })
})

describe('fields that do not go together', () => {
  test('conversations need the chat API; conversation settings need source: conversations', () => {
    expect(() => workloadWith({}, { api: 'openai-completions' })).toThrowError(/api: openai-completions cannot carry a conversation/)
    expect(() => resolveWorkload({ name: 'x', load: { concurrency: 1 }, prompts: { conversation: { turns: 2 } } }, 'w.yml')).toThrowError(/prompts.conversation: set, but prompts.source is synthetic/)
    expect(() => workloadWith({ conversation: { turns: { mean: 3, min: 5, max: 2 } } })).toThrowError(/turns: min 5 > max 2/)
    expect(() => workloadWith({ conversation: { turns: 0 } })).toThrowError(/prompts.conversation.turns/)
  })

  test('without a conversation block, a synthetic conversation has 4 turns and no think time', () => {
    const workload = workloadWith({ input_tokens: 4 })
    expect(planConversations(workload, 0, 'measured', 2).map((c) => c.turns.length)).toEqual([4, 4])
  })
})
