import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { resolveWorkload, type Workload } from '../../src/config/workload.js'
import type { RequestRecord } from '../../src/result/types.js'
import { openTarget, type Target } from '../../src/runner/run.js'
import { runTrial, type TrialRun } from '../../src/runner/trial.js'
import { percentile } from '../../src/stats/percentile.js'
import { planPrompts } from '../../src/workload/prompts.js'
import { startUrlProcess, type UrlProcess } from '../../src/url-process.js'
import { readProcStat, stealShare } from '../../src/runner/host-load.js'

interface ServerLog {
  prompt: string
  /** When the request's bytes reached the server process. */
  socketMs: number
  receivedMs: number
  /** When each content event was written. */
  writes: number[]
}

const QUANTILES = [10, 20, 30, 40, 50, 60, 70, 80, 90]
const BULK = [10, 20, 30, 40, 50]
/**
 * On a virtual machine whose host takes CPU time away ("steal"; 26% was measured here under
 * this load), any process, the client or the server, is paused for milliseconds at random
 * points, and the tail of any timing comparison measures the host, not the client. The tail
 * (p60 to p90) is held to 1.5 ms when the host took less than this share during the trial.
 */
const QUIET_STEAL = 0.05
/** Above this, even the median measures the host: the quantile checks are skipped, saying why. */
const NOISY_STEAL = 0.2
const ATTEMPTS = 3
const STREAMS = 32
const TOKENS = 24
const REQUESTS = 128
/** Both processes read CLOCK_MONOTONIC through process.hrtime: their times compare directly. */
const monotonic = (): number => Number(process.hrtime.bigint()) / 1e6

/**
 * The scripted server runs in its own process and logs, on the monotonic clock every process
 * shares, when each request reached it and when it wrote each content event. The role-only
 * chunk goes out at once and content only after a scripted 20-60 ms, so a client that counted
 * the role chunk as the first token would be caught.
 */
describe(`client timestamps against the server's own write times, ${STREAMS} concurrent streams`, () => {
  let server: UrlProcess
  let logFile: string
  let workload: Workload
  let target: Target
  let trial: TrialRun
  let pairs: Array<{ client: RequestRecord; server: ServerLog }>
  let steal: number | null
  const checked = (): number[] => (steal !== null && steal < QUIET_STEAL ? QUANTILES : BULK)
  /** Skips a quantile check when the host took too much CPU for timing to mean anything. */
  const skipWhenStolen = (context: { skip: (note?: string) => void }): void => {
    if (steal !== null && steal >= NOISY_STEAL) context.skip(`the host took ${(100 * steal).toFixed(0)}% of the CPU during the quietest of ${ATTEMPTS} trials`)
  }

  beforeAll(async () => {
    logFile = join(mkdtempSync(join(tmpdir(), 'lpg-timing-')), 'server.jsonl')
    server = await startUrlProcess(process.execPath, ['test/helpers/timed-server.ts', '--log', logFile, '--ttft', '20:60', '--itl', '4:16', '--tokens', String(TOKENS)])
    workload = resolveWorkload({ name: 'timing', url: server.url, trials: 1, requests: REQUESTS, warmup: 0, load: { concurrency: STREAMS }, prompts: { input_tokens: 32, output_tokens: TOKENS } }, 'timing workload', { env: {} })
    target = await openTarget(workload, workload.url, monotonic)
    await target.connections.open(STREAMS)
    // A warmup of the same shape, so both processes have compiled their hot paths.
    await runTrial({ context: target.context, watchdog: target.watchdog, spec: workload.spec, requests: planPrompts(workload, 0, 'warmup', STREAMS * 2), plan: { kind: 'closed', concurrency: STREAMS }, clock: monotonic })
    // Each attempt sends other prompts (a trial number of its own); the quietest attempt is kept.
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const requests = planPrompts(workload, attempt, 'measured', REQUESTS)
      const before = readProcStat()
      const run = await runTrial({ context: target.context, watchdog: target.watchdog, spec: workload.spec, requests, plan: { kind: 'closed', concurrency: STREAMS }, clock: monotonic })
      const stolen = stealShare(before, readProcStat())
      if (attempt > 0 && (stolen === null || steal === null || stolen >= steal)) continue
      trial = run
      steal = stolen
      const logs = new Map(readFileSync(logFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as ServerLog).map((log) => [log.prompt, log]))
      pairs = run.records.map((record) => {
        const log = logs.get(requests[record.id]!.prompt!)
        if (log === undefined) throw new Error(`the server logged no line for request ${record.id} of attempt ${attempt}, though the client saw it end`)
        return { client: record, server: log }
      })
      if (steal !== null && steal < QUIET_STEAL) break
    }
  }, 90_000)

  afterAll(async () => {
    await target?.close()
    await server?.stop()
  })

  /** The client's absolute times of a request: its write, and each content event's arrival. */
  function clientTimes(record: RequestRecord): { sent: number; arrivals: number[] } {
    const sent = trial.startMs + record.sent_ms!
    const arrivals = [sent + record.ttft_ms!]
    for (const gap of record.itl_ms) arrivals.push(arrivals[arrivals.length - 1]! + gap)
    return { sent, arrivals }
  }

  test('every request succeeds with output_tokens from the usage chunk', () => {
    expect(pairs).toHaveLength(REQUESTS)
    expect(pairs.every(({ client }) => client.ok && client.output_tokens === TOKENS && client.output_tokens_source === 'usage')).toBe(true)
  })

  test('the first token is the first content event, not the role-only chunk written at once', () => {
    // The server wrote content at least 20 ms after it received the request.
    for (const { client, server: log } of pairs) expect(clientTimes(client).arrivals[0]!).toBeGreaterThanOrEqual(log.writes[0]!)
    // A client that counted the role chunk would report TTFTs under a millisecond or two. Not the
    // minimum: one request whose client was preempted between its write and the stamp after it
    // has a TTFT up to a scheduler slice short (17.3 ms was seen beside a busy process).
    expect(percentile(pairs.map(({ client }) => client.ttft_ms!), 10)).toBeGreaterThan(19)
  })

  function report(what: string, values: number[], quantiles = checked()): void {
    console.info(`${what}, p10..p90 (ms): ${QUANTILES.map((q) => percentile(values, q).toFixed(2)).join(' ')}; host steal during the trial ${steal === null ? 'unknown' : `${(100 * steal).toFixed(1)}%`}, quantiles checked p${quantiles[0]}..p${quantiles.at(-1)}`)
  }

  test('TTFT ends when the first token was written: its arrival is stamped within 1.5 ms of the write', (context) => {
    skipWhenStolen(context)
    const lateness = pairs.map(({ client, server: log }) => clientTimes(client).arrivals[0]! - log.writes[0]!)
    report('first-token arrival minus write', lateness)
    for (const q of checked()) expect({ q, ms: percentile(lateness, q) }).toSatisfy(({ ms }: { ms: number }) => ms >= 0 && ms < 1.5)
  })

  test('every event is stamped within 1.5 ms of its write', (context) => {
    skipWhenStolen(context)
    const lateness = pairs.flatMap(({ client, server: log }) => clientTimes(client).arrivals.map((arrival, i) => arrival - log.writes[i]!))
    expect(lateness).toHaveLength(REQUESTS * TOKENS)
    report('event arrival minus write', lateness)
    for (const q of checked()) expect({ q, ms: percentile(lateness, q) }).toSatisfy(({ ms }: { ms: number }) => ms >= 0 && ms < 1.5)
  })

  /**
   * Request by request, the client's TTFT minus the server's own is the time the request took to
   * reach the server's code plus the first token's trip back. The first part includes the server
   * process waiting for a CPU while the client streams 31 other requests: 2-7 ms in a quarter of
   * the requests on this 2-vCPU machine. A quantile of the client's TTFTs minus the same quantile
   * of the server's is moved by the mean of that tail (measured 0.6-3.7 ms here), so it says how
   * busy the machine was; the per-request difference at p10 to p50 says whether the client stamps
   * the right moments.
   */
  test("TTFT agrees with the server's own TTFT, from the request reaching it to its first write, within 1.5 ms per request from p10 to p50", (context) => {
    skipWhenStolen(context)
    const difference = pairs.map(({ client, server: log }) => client.ttft_ms! - (log.writes[0]! - log.socketMs))
    const client = pairs.map(({ client: record }) => record.ttft_ms!)
    const server = pairs.map(({ server: log }) => log.writes[0]! - log.socketMs)
    const ofQuantiles = QUANTILES.map((q) => percentile(client, q) - percentile(server, q))
    const mean = difference.reduce((sum, d) => sum + d, 0) / difference.length
    report('TTFT, client minus server, request by request', difference, BULK)
    console.info(`TTFT quantiles, client's minus server's, p10..p90 (ms): ${ofQuantiles.map((d) => d.toFixed(2)).join(' ')}; mean per-request difference ${mean.toFixed(2)} ms`)
    // The server's read of each request waits for its process to run, which steal delays: the
    // per-request median reached 2.0 ms at 19% steal. Held to 1.5 ms only in a quiet trial.
    if (steal === null || steal >= QUIET_STEAL) context.skip(`the host took ${steal === null ? 'an unknown share' : `${(100 * steal).toFixed(0)}%`} of the CPU: the server's read of a request measures the host`)
    for (const q of BULK) expect({ q, ms: Math.abs(percentile(difference, q)) }).toSatisfy(({ ms }: { ms: number }) => ms < 1.5)
  })

  test('ITL quantiles p10 to p90 agree with the gaps between the server writes within 1.5 ms', (context) => {
    skipWhenStolen(context)
    const client = pairs.flatMap(({ client: record }) => record.itl_ms)
    const server = pairs.flatMap(({ server: log }) => log.writes.slice(1).map((t, i) => t - log.writes[i]!))
    expect(client).toHaveLength(server.length)
    for (const q of checked()) expect({ q, ms: Math.abs(percentile(client, q) - percentile(server, q)) }).toSatisfy(({ ms }: { ms: number }) => ms < 1.5)
  })

  test('TTFT starts at the write: the stamp is not later than the bytes reaching the server', (context) => {
    skipWhenStolen(context)
    // A stamp taken after parsing or on a later turn would come after the server saw the bytes.
    const margin = pairs.map(({ client, server: log }) => log.socketMs - clientTimes(client).sent)
    report('server receipt minus client write', margin)
    expect(percentile(margin, 50)).toBeGreaterThanOrEqual(0)
  })
})
