import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { resolveWorkload, type Workload } from '../../src/config/workload.js'
import { InputError } from '../../src/errors.js'
import { phaseSends } from '../../src/runner/phase.js'
import { planDatasetPrompts } from '../../src/workload/dataset.js'
import { estimateTokens, type PlannedRequest } from '../../src/workload/prompts.js'
import { loadTokenizer } from '../../src/workload/tokenizers.js'

interface Turn {
  from: string
  value: string
}

/** A ShareGPT entry whose first human turn names it, answered with `answerWords` words. */
function entry(index: number, answerWords = 30, extra: Turn[] = []): { id: string; conversations: Turn[] } {
  return {
    id: `e${index}`,
    conversations: [
      { from: 'human', value: `question number ${index} about caching and batching` },
      { from: 'gpt', value: Array.from({ length: answerWords }, (_, i) => `word${i}`).join(' ') },
      ...extra
    ]
  }
}

const dir = mkdtempSync(join(tmpdir(), 'lpg-dataset-'))
let files = 0
function writeDataset(entries: unknown[], format: 'json' | 'jsonl' = 'json'): string {
  const file = join(dir, `data-${files++}.${format}`)
  writeFileSync(file, format === 'json' ? JSON.stringify(entries, null, 1) : entries.map((e) => JSON.stringify(e)).join('\n'))
  return file
}

function workloadOn(file: string, dataset: object = {}, extra: object = {}): Workload {
  const workloadFile = join(dir, 'w.yml')
  return resolveWorkload({ name: 'sharegpt', seed: 5, requests: 10, warmup: 2, trials: 3, load: { concurrency: 2 }, prompts: { source: 'dataset', dataset: { file, ...dataset } }, ...extra }, workloadFile, { env: {} })
}

const userText = (request: PlannedRequest): string => (request.messages!.find((m) => m.role === 'user')!.content as string)
const entryIndex = (request: PlannedRequest): number => Number(/question number (\d+)/.exec(userText(request))![1])

const HUNDRED = Array.from({ length: 100 }, (_, i) => entry(i, 10 + (i % 7)))

describe('source: dataset (ShareGPT)', () => {
  test('each request sends an entry\'s first human turn and asks for its reply\'s length', () => {
    const workload = workloadOn(writeDataset(HUNDRED))
    const planned = planDatasetPrompts(workload, workload.dataset!, 0, 'measured', 10)
    for (const request of planned) {
      const index = entryIndex(request)
      expect(request.messages).toEqual([{ role: 'user', content: HUNDRED[index]!.conversations[0]!.value }])
      expect(request.maxTokens).toBe(estimateTokens(HUNDRED[index]!.conversations[1]!.value))
      expect(request.inputTokensTarget).toBe(estimateTokens(HUNDRED[index]!.conversations[0]!.value))
    }
  })

  test('the human turn is taken wherever it comes, with a system turn before it and the reply after it', () => {
    const odd = { id: 'x', conversations: [{ from: 'system', value: 'be brief' }, { from: 'gpt', value: 'hello there how can I help' }, { from: 'human', value: 'question number 0 is this one' }, { from: 'gpt', value: 'the answer has six words here' }] }
    const workload = workloadOn(writeDataset([odd]))
    const [request] = planDatasetPrompts(workload, workload.dataset!, 0, 'measured', 1)
    expect(request!.messages).toEqual([{ role: 'system', content: 'be brief' }, { role: 'user', content: 'question number 0 is this one' }])
    expect(request!.maxTokens).toBe(estimateTokens('the answer has six words here'))
  })

  test('the completions API gets the human turn as its prompt', () => {
    const workload = workloadOn(writeDataset(HUNDRED), {}, { api: 'openai-completions' })
    const [request] = planDatasetPrompts(workload, workload.dataset!, 0, 'measured', 1)
    expect(request!.prompt).toMatch(/^question number \d+ about caching and batching$/)
  })

  test('the draw is seeded: the same seed draws the same entries, another seed others, and dataset.seed overrides the workload\'s', () => {
    const file = writeDataset(HUNDRED)
    const drawn = (dataset: object = {}, extra: object = {}): number[] => {
      const workload = workloadOn(file, dataset, extra)
      return planDatasetPrompts(workload, workload.dataset!, 0, 'measured', 10).map(entryIndex)
    }
    expect(drawn()).toEqual(drawn())
    expect(drawn({}, { seed: 6 })).not.toEqual(drawn())
    expect(drawn({ seed: 6 })).toEqual(drawn({}, { seed: 6 }))
    expect(new Set(drawn()).size).toBe(10)
  })

  test('trials and phases take entries of their own, so no trial repeats another\'s prompts', () => {
    const workload = workloadOn(writeDataset(HUNDRED))
    const taken = [0, 1, 2].flatMap((trial) => (['measured', 'warmup'] as const).flatMap((phase) => planPhaseRequests(workload, trial, phase)))
    expect(taken).toHaveLength(3 * (10 + 2))
    expect(new Set(taken).size).toBe(taken.length)
  })

  test('with sample: N, every trial draws from the same N entries', () => {
    const workload = workloadOn(writeDataset(HUNDRED), { sample: 8 })
    expect(workload.dataset!.entries).toHaveLength(8)
    const pool = new Set(workload.dataset!.entries.map((e) => e.index))
    const taken = [0, 1, 2].flatMap((trial) => planPhaseRequests(workload, trial, 'measured'))
    for (const index of taken) expect(pool.has(index)).toBe(true)
  })

  test('JSON lines and a JSON array draw the same entries', () => {
    const a = workloadOn(writeDataset(HUNDRED, 'json'))
    const b = workloadOn(writeDataset(HUNDRED, 'jsonl'))
    expect(planDatasetPrompts(b, b.dataset!, 1, 'measured', 10)).toEqual(planDatasetPrompts(a, a.dataset!, 1, 'measured', 10))
  })

  test('vLLM\'s filters leave out prompts and replies too short or too long', () => {
    const short = { id: 's', conversations: [{ from: 'human', value: 'hi' }, { from: 'gpt', value: 'a reply that is long enough' }] }
    const noReply = { id: 'n', conversations: [{ from: 'human', value: 'question number 1 without any reply' }] }
    const shortReply = { id: 'r', conversations: [{ from: 'human', value: 'question number 2 gets a short reply' }, { from: 'gpt', value: 'ok' }] }
    const long = { id: 'l', conversations: [{ from: 'human', value: `question number 3 ${'very '.repeat(900)}long` }, { from: 'gpt', value: 'a reply that is long enough' }] }
    const good = entry(4)
    const workload = workloadOn(writeDataset([short, noReply, shortReply, long, good]))
    expect(workload.dataset!.entries.map((e) => e.index)).toEqual([4])
    expect(workload.dataset!.skipped).toBe(4)
    // Relaxed filters keep what the defaults left out (a reply is still needed for its length).
    const relaxed = workloadOn(writeDataset([short, noReply, shortReply, long, good]), { min_prompt_tokens: 0, min_output_tokens: 0, max_prompt_tokens: 5000, max_total_tokens: 5000 })
    expect(relaxed.dataset!.entries.map((e) => e.index).sort()).toEqual([0, 2, 3, 4])
  })

  test('output_tokens_from: workload asks for prompts.output_tokens and keeps entries without a reply', () => {
    const noReply = { id: 'n', conversations: [{ from: 'human', value: 'question number 0 without any reply' }] }
    const workload = workloadOn(writeDataset([noReply]), { output_tokens_from: 'workload' })
    const planned = planDatasetPrompts(workload, workload.dataset!, 0, 'measured', 3)
    expect(planned.map((r) => r.maxTokens)).toEqual([128, 128, 128])
  })

  test('with a tokenizer, input lengths and reply lengths are that tokenizer\'s counts', () => {
    const workload = workloadOn(writeDataset(HUNDRED), {}, { prompts: { source: 'dataset', tokenizer: 'gpt-4', dataset: { file: writeDataset(HUNDRED) } } })
    const tokenizer = loadTokenizer('gpt-4')
    for (const request of planDatasetPrompts(workload, workload.dataset!, 0, 'measured', 5)) {
      const index = entryIndex(request)
      expect(request.inputTokensTarget).toBe(tokenizer.encode(userText(request)).length)
      expect(request.maxTokens).toBe(tokenizer.encode(HUNDRED[index]!.conversations[1]!.value).length)
    }
  })

  test('the dataset counts in the workload hash by its content, not its path', () => {
    const a = workloadOn(writeDataset(HUNDRED)).workloadHash
    const b = workloadOn(writeDataset(HUNDRED)).workloadHash
    const c = workloadOn(writeDataset(HUNDRED.slice(1))).workloadHash
    const d = workloadOn(writeDataset(HUNDRED), { max_prompt_tokens: 500 }).workloadHash
    expect(a).toBe(b)
    expect(c).not.toBe(a)
    expect(d).not.toBe(a)
  })

  test('an entry that is not JSON is named when the draw reaches it; a file with nothing usable says why', () => {
    const broken = join(dir, 'broken.jsonl')
    writeFileSync(broken, `${JSON.stringify(entry(0))}\n{"id": "x", "conversations": [}\n`)
    expect(() => workloadOn(broken)).toThrowError(InputError)
    expect(() => workloadOn(broken)).toThrowError(/broken\.jsonl: line 2 is not valid JSON/)
    const useless = writeDataset([{ id: 'a', conversations: [{ from: 'human', value: 'hi' }] }, { id: 'b', text: 'no conversations' }])
    expect(() => workloadOn(useless)).toThrowError(/none of its 2 entries is usable/)
    expect(() => workloadOn(join(dir, 'missing.json'))).toThrowError(/missing\.json: cannot read it \(ENOENT\)/)
  })

  test('a dataset is named only with source: dataset or conversations, and source: dataset needs one', () => {
    const file = writeDataset(HUNDRED)
    expect(() => resolveWorkload({ name: 'x', load: { concurrency: 1 }, prompts: { dataset: { file } } }, join(dir, 'w.yml'))).toThrowError(/prompts.dataset: set, but prompts.source is synthetic/)
    expect(() => resolveWorkload({ name: 'x', load: { concurrency: 1 }, prompts: { source: 'dataset' } }, join(dir, 'w.yml'))).toThrowError(/prompts.dataset: missing/)
  })
})

function planPhaseRequests(workload: Workload, trial: number, phase: 'warmup' | 'measured'): number[] {
  const count = phase === 'measured' ? workload.spec.requests : workload.spec.warmup
  expect(phaseSends(workload, trial, phase, count)).toBe(count)
  return planDatasetPrompts(workload, workload.dataset!, trial, phase, count).map(entryIndex)
}
