import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { resolveWorkload } from '../../src/config/workload.js'
import { trialColumns } from '../../src/result/columns.js'
import { writeJsonFile } from '../../src/result/io.js'
import { readComparableResults } from '../../src/compare/read-results.js'
import type { RequestRecord, ResultFile } from '../../src/result/types.js'
import { runWorkload } from '../../src/runner/run.js'
import { buildSendPlan } from '../../src/workload/schedule.js'
import { startRecordingServer, type RecordedRequest, type RecordingServer } from '../helpers/recording-server.js'

type Message = { role: string; content: string }

let server: RecordingServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

async function run(workload: object, options: Parameters<typeof startRecordingServer>[0] = {}, file = 'w.yml'): Promise<ResultFile> {
  server = await startRecordingServer(options)
  const resolved = resolveWorkload({ name: 'chat', trials: 1, warmup: 0, seed: 3, ...workload, url: server.url }, file, { env: {} })
  return runWorkload(resolved)
}

const messagesOf = (request: RecordedRequest): Message[] => request.body.messages as Message[]

/** What the trials sent: every request after the first, which is the run's unmeasured preflight (runner/preflight.ts). */
function measuredRequests(): RecordedRequest[] {
  const [preflight, ...rest] = server!.requests
  expect(preflight!.body.max_tokens as number).toBeLessThanOrEqual(16)
  return rest
}

/** The server's requests grouped by conversation (its first user message), in arrival order. */
function byConversation(requests: readonly RecordedRequest[]): RecordedRequest[][] {
  const groups = new Map<string, RecordedRequest[]>()
  for (const request of requests) {
    const opening = messagesOf(request).find((m) => m.role === 'user')!.content
    groups.set(opening, [...(groups.get(opening) ?? []), request])
  }
  return [...groups.values()]
}

const records = (result: ResultFile): RequestRecord[] => result.trials.flatMap((trial) => trial.requests)

describe('a run of conversations', () => {
  test("sends each later turn with the server's earlier answers in the history, in order", async () => {
    const result = await run({ requests: 4, load: { concurrency: 2 }, prompts: { source: 'conversations', input_tokens: 6, output_tokens: 3, conversation: { turns: 3 } } })
    const conversations = byConversation(measuredRequests())
    expect(conversations).toHaveLength(4)
    for (const turns of conversations) {
      expect(turns).toHaveLength(3)
      const users = turns.map((request) => messagesOf(request).at(-1)!)
      for (const [k, request] of turns.entries()) {
        const expected: Message[] = []
        for (let j = 0; j < k; j++) expected.push(users[j]!, { role: 'assistant', content: turns[j]!.answer })
        expected.push(users[k]!)
        expect(messagesOf(request)).toEqual(expected)
        expect(users[k]!.role).toBe('user')
        // Each turn is sent only once the answer before it has been streamed in full.
        if (k > 0) expect(request.receivedAt).toBeGreaterThanOrEqual(turns[k - 1]!.answeredAt)
      }
    }
    // The answers carried back are the server's own text, quotes and emoji included.
    expect(conversations[0]![1]!.answer).toMatch(/^ answer \d+ says "café" 🙂 to \d+$/)
    const all = records(result)
    expect(all).toHaveLength(12)
    expect(all.map((r) => r.id)).toEqual([...Array(12).keys()])
    expect(all.map((r) => [r.conversation, r.turn])).toEqual([0, 1, 2, 3].flatMap((c) => [0, 1, 2].map((t) => [c, t])))
    expect(result.summary.conversations!.count).toBe(4)
    expect(result.summary.conversations!.by_turn.map((t) => t.requests)).toEqual([4, 4, 4])
    expect(result.summary.sent).toBe(12)
  })

  test('a result of conversations is read back for compare with its turn split and the same columns', async () => {
    const result = await run({ requests: 3, load: { concurrency: 3 }, prompts: { source: 'conversations', input_tokens: 4, output_tokens: 3, conversation: { turns: 2 } } })
    const file = join(mkdtempSync(join(tmpdir(), 'lpg-conv-result-')), 'r.json')
    writeJsonFile(file, result)
    const [read] = await readComparableResults([{ path: file, role: 'result' }], { worker: null })
    expect(read!.summary.conversations).toEqual(result.summary.conversations)
    expect(read!.trials[0]!.columns).toEqual(trialColumns(result.trials[0]!.requests))
  })

  test('a closed loop keeps `concurrency` conversations going, and think time separates an answer from the next turn', async () => {
    const result = await run({ requests: 6, load: { concurrency: 2 }, prompts: { source: 'conversations', input_tokens: 4, output_tokens: 3, conversation: { turns: 2, think_time_s: 0.12 } } })
    expect(server!.maxInFlight()).toBeLessThanOrEqual(2)
    for (const turns of byConversation(measuredRequests())) expect(turns[1]!.receivedAt - turns[0]!.answeredAt).toBeGreaterThanOrEqual(120)
    // The think time is the client's schedule, not queueing: later turns are scheduled at answer + think.
    const byId = records(result)
    for (const record of byId.filter((r) => r.turn === 1)) {
      const first = byId.find((r) => r.conversation === record.conversation && r.turn === 0)!
      expect(record.scheduled_ms - first.end_ms).toBeGreaterThanOrEqual(119.9)
      expect(record.client_queue_ms!).toBeGreaterThanOrEqual(0)
    }
  })

  test("an open loop starts conversations on the schedule, and the achieved rate counts conversation starts", async () => {
    const load = { rate: 40, arrival: 'constant' as const }
    const result = await run({ requests: 5, load, prompts: { source: 'conversations', input_tokens: 4, output_tokens: 3, conversation: { turns: 3 } } })
    const plan = buildSendPlan({ ...load, burstiness: 1, ramp: [] }, 5, 3, 0)
    if (plan.kind !== 'open') throw new Error('expected an open-loop plan')
    const starts = records(result).filter((r) => r.turn === 0)
    expect(starts.map((r) => r.scheduled_ms)).toEqual([...plan.sendAtMs].map((at) => Math.round(at * 1000) / 1000))
    const trial = result.trials[0]!.summary
    expect(trial.target_rate).toBeCloseTo(40, 6)
    // 15 turns were sent (about 130 sends/s over their span), but the rate is of the 5 starts the
    // schedule released; the bounds leave room for a busy machine's send jitter.
    expect(trial.achieved_rate!).toBeGreaterThan(25)
    expect(trial.achieved_rate!).toBeLessThan(60)
  })

  test('a failed turn ends its conversation; the others go on', async () => {
    const result = await run({ requests: 3, load: { concurrency: 1 }, prompts: { source: 'conversations', input_tokens: 4, output_tokens: 3, conversation: { turns: 3 } } }, { failRequest: (index) => index === 2 }) // index 0 is the preflight
    const all = records(result)
    expect(all.filter((r) => r.conversation === 0).map((r) => [r.turn, r.ok])).toEqual([[0, true], [1, false]])
    expect(all.filter((r) => r.conversation === 1)).toHaveLength(3)
    expect(all.filter((r) => r.conversation === 2)).toHaveLength(3)
    expect(measuredRequests()).toHaveLength(8)
  })

  test('conversations from a file replace its assistant messages with the live answers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lpg-conv-run-'))
    writeFileSync(join(dir, 'chats.jsonl'), `${JSON.stringify({ messages: [{ role: 'system', content: 'be brief' }, { role: 'user', content: 'first' }, { role: 'assistant', content: 'written answer' }, { role: 'user', content: 'second' }] })}\n`)
    await run({ requests: 1, load: { concurrency: 1 }, prompts: { source: 'conversations', file: 'chats.jsonl' } }, {}, join(dir, 'w.yml'))
    const [first, second] = measuredRequests()
    expect(messagesOf(first!)).toEqual([{ role: 'system', content: 'be brief' }, { role: 'user', content: 'first' }])
    expect(messagesOf(second!)).toEqual([{ role: 'system', content: 'be brief' }, { role: 'user', content: 'first' }, { role: 'assistant', content: first!.answer }, { role: 'user', content: 'second' }])
  })

  test("a ShareGPT dataset's first human turns are what is sent", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lpg-sharegpt-run-'))
    const entries = Array.from({ length: 30 }, (_, i) => ({
      id: `e${i}`,
      conversations: [
        { from: 'human', value: `human turn of entry ${i} asks something` },
        { from: 'gpt', value: `the reply of entry ${i} is here` },
        { from: 'human', value: `a second human turn of entry ${i}` },
        { from: 'gpt', value: 'never sent' }
      ]
    }))
    writeFileSync(join(dir, 'sharegpt.json'), JSON.stringify(entries))
    const result = await run({ requests: 8, load: { concurrency: 4 }, prompts: { source: 'dataset', dataset: { file: 'sharegpt.json' } } }, {}, join(dir, 'w.yml'))
    const sent = measuredRequests().map((request) => messagesOf(request))
    expect(sent).toHaveLength(8)
    const firstHuman = new Set(entries.map((entry) => entry.conversations[0]!.value))
    for (const messages of sent) {
      expect(messages).toHaveLength(1)
      expect(messages[0]!.role).toBe('user')
      expect(firstHuman.has(messages[0]!.content)).toBe(true)
    }
    expect(new Set(sent.map((m) => m[0]!.content)).size).toBe(8)
    // Each asks for its reply's length (7 words, estimated at 9 tokens).
    expect(measuredRequests().map((request) => request.body.max_tokens)).toEqual(Array(8).fill(9))
    expect(records(result).every((r) => r.conversation === undefined && r.turn === undefined)).toBe(true)
    expect(result.summary.conversations).toBeUndefined()
  })
})
