import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { resolveWorkload, type Workload } from '../../src/config/workload.js'
import type { ResultFile } from '../../src/result/types.js'
import { runWorkload } from '../../src/runner/run.js'
import { percentile } from '../../src/stats/percentile.js'
import { planPrompts } from '../../src/workload/prompts.js'
import { startChildServer, type ChildServer } from '../helpers/child-server.js'

interface ServerLog {
  prompt: string
  receivedMs: number
  writes: number[]
}

const QUANTILES = [10, 20, 30, 40, 50, 60, 70, 80, 90]
const STREAMS = 32
const TOKENS = 24

/**
 * The scripted server runs in its own process and logs when it received each request and when
 * it wrote each content event, on the monotonic clock every process shares. The role-only chunk
 * goes out at once, and content only after a scripted delay: counting the role chunk as the
 * first token would put the client's TTFT near 0.
 */
describe(`client timestamps against a server's own write times at ${STREAMS} concurrent streams`, () => {
  let server: ChildServer
  let logFile: string
  let workload: Workload
  let result: ResultFile

  beforeAll(async () => {
    logFile = join(mkdtempSync(join(tmpdir(), 'lpg-timing-')), 'server.jsonl')
    server = await startChildServer('test/helpers/timed-server.ts', ['--log', logFile, '--ttft', '20:60', '--itl', '4:16', '--tokens', String(TOKENS)])
    workload = resolveWorkload(
      { name: 'timing', url: server.url, trials: 1, requests: 128, warmup: STREAMS, load: { concurrency: STREAMS }, prompts: { input_tokens: 32, output_tokens: TOKENS } },
      'timing workload',
      { env: {} }
    )
    result = await runWorkload(workload)
  }, 60_000)

  afterAll(async () => {
    await server?.close()
  })

  function paired(): Array<{ client: ResultFile['trials'][number]['requests'][number]; server: ServerLog }> {
    const logs = readFileSync(logFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as ServerLog)
    const byPrompt = new Map(logs.map((log) => [log.prompt, log]))
    const prompts = planPrompts(workload, 0, 'measured', workload.spec.requests)
    return result.trials[0]!.requests.map((record) => ({ client: record, server: byPrompt.get(prompts[record.id]!.prompt!)! }))
  }

  /**
   * On failure, says which side was late: the request reaching the server (send) or the bytes
   * reaching the client (arrival), each relative to its best case, since the two processes'
   * clocks agree but the trial's start is not shared.
   */
  function expectQuantilesAgree(metric: string, client: number[], server: number[], pairs: ReturnType<typeof paired>): void {
    const rows = QUANTILES.map((q) => ({ q, client: percentile(client, q), server: percentile(server, q) }))
    const worst = Math.max(...rows.map((row) => Math.abs(row.client - row.server)))
    if (worst >= 1.5) {
      const fromBest = (values: number[]): string => {
        const best = Math.min(...values)
        return QUANTILES.map((q) => (percentile(values, q) - best).toFixed(2)).join(' ')
      }
      const send = pairs.map((p) => p.server.receivedMs - p.client.sent_ms!)
      const arrival = pairs.map((p) => p.client.sent_ms! + p.client.ttft_ms! - p.server.writes[0]!)
      console.error(`${metric} quantiles (client/server ms): ${rows.map((r) => `p${r.q} ${r.client.toFixed(2)}/${r.server.toFixed(2)}`).join(', ')}`)
      console.error(`request reaching the server, ms later than its best case, p10..p90: ${fromBest(send)}`)
      console.error(`first token reaching the client, ms later than its best case, p10..p90: ${fromBest(arrival)}`)
    }
    expect(worst).toBeLessThan(1.5)
  }

  test('every request succeeds, with output_tokens from the usage chunk', () => {
    const records = result.trials[0]!.requests
    expect(records).toHaveLength(128)
    expect(records.every((r) => r.ok && r.output_tokens === TOKENS && r.output_tokens_source === 'usage')).toBe(true)
  })

  test('TTFT quantiles p10 to p90 agree with the server within 1.5 ms', () => {
    const pairs = paired()
    const client = pairs.map((p) => p.client.ttft_ms!)
    const serverTtft = pairs.map((p) => p.server.writes[0]! - p.server.receivedMs)
    // The role chunk went out at once and the content 20-60 ms later: TTFT must be the content's.
    expect(Math.min(...client)).toBeGreaterThan(19)
    expectQuantilesAgree('TTFT', client, serverTtft, pairs)
  })

  test('ITL quantiles p10 to p90 agree with the server within 1.5 ms', () => {
    const pairs = paired()
    const client = pairs.flatMap((p) => p.client.itl_ms)
    const serverItl = pairs.flatMap((p) => p.server.writes.slice(1).map((t, i) => t - p.server.writes[i]!))
    expect(client).toHaveLength(serverItl.length)
    expectQuantilesAgree('ITL', client, serverItl, pairs)
  })
})
