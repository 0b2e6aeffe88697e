/**
 * What the client benchmarks share: a minimal node:http reader (the floor for CPU per event),
 * the scripted server that logs its own write times (test/helpers/timed-server.ts, its own
 * process), and one trial through the runner's own path, on the main thread or on worker threads.
 */
import { readFileSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { defaultClientWorker } from '../src/client/pool.js'
import { resolveWorkload, type Workload } from '../src/config/workload.js'
import { RecordSink } from '../src/result/record-sink.js'
import type { RequestRecord } from '../src/result/types.js'
import { runPhase } from '../src/runner/measure.js'
import { openTarget } from '../src/runner/run.js'
import { readProcStat, stealShare } from '../src/runner/host-load.js'
import { startUrlProcess, type UrlProcess } from '../src/url-process.js'
import { planPrompts } from '../src/workload/prompts.js'
import { buildSendPlan } from '../src/workload/schedule.js'

export const pct = (value: number | null): string => (value === null ? 'n/a' : `${(100 * value).toFixed(0)}%`)
export const f2 = (value: number): string => value.toFixed(2)

export const startTimedServer = (args: string[]): Promise<UrlProcess> => startUrlProcess(process.execPath, ['test/helpers/timed-server.ts', ...args], { stderr: 'inherit' })

export function benchWorkload(url: string, streams: number, requests: number, tokens: number, workers: number | 'auto', load: object = { concurrency: streams }): Workload {
  return resolveWorkload({ name: 'bench', url, trials: 1, requests, warmup: 0, load, prompts: { input_tokens: 16, output_tokens: tokens }, client: { workers }, telemetry: { server_metrics: false, gpu: false } }, 'bench', { env: {} })
}

export interface ServerLog {
  prompt: string
  socketMs: number
  writes: number[]
}

export interface MeasuredTrial {
  records: RequestRecord[]
  /** The trial's start, on process.hrtime's clock in ms (the timed server's). */
  startHrMs: number
  wallMs: number
  cpuUs: number
  steal: number | null
  events: number
}

/** performance.now() to process.hrtime in ms: the same counter, a fixed offset (client/timebase.ts). */
function hrOffset(): number {
  let best = Number.POSITIVE_INFINITY
  let offset = 0
  for (let i = 0; i < 5; i++) {
    const before = process.hrtime.bigint()
    const now = performance.now()
    const after = process.hrtime.bigint()
    if (Number(after - before) < best) {
      best = Number(after - before)
      offset = Number((before + after) / 2n) / 1e6 - now
    }
  }
  return offset
}

/** One trial of `workload` through the runner's path (runner/measure.ts): a warmup of one request per stream, then the measured requests; CPU is this process's, worker threads included. */
export async function measureTrial(workload: Workload): Promise<MeasuredTrial> {
  const target = await openTarget(workload, workload.url, undefined, undefined, { clientWorker: defaultClientWorker() })
  try {
    const streams = workload.spec.load.concurrency ?? 32
    await runPhase(target, workload, { trialIndex: 0, phase: 'warmup', count: streams, plan: { kind: 'closed', concurrency: streams }, clock: () => performance.now() })
    const sink = new RecordSink(0, null, {})
    const plan = buildSendPlan(workload.spec.load, workload.spec.requests, workload.spec.seed, 0)
    const cpu = process.cpuUsage()
    const before = readProcStat()
    const wall = performance.now()
    const run = await runPhase(target, workload, { trialIndex: 0, phase: 'measured', count: workload.spec.requests, plan, clock: () => performance.now(), sink })
    const wallMs = performance.now() - wall
    const used = process.cpuUsage(cpu)
    const records = sink.store.records()
    return { records, startHrMs: run.startMs + hrOffset(), wallMs, cpuUs: used.user + used.system, steal: stealShare(before, readProcStat()), events: records.reduce((sum, r) => sum + r.content_events, 0) }
  } finally {
    await target.close()
  }
}

export interface Fidelity {
  firstLate: number[]
  eventLate: number[]
  clientItl: number[]
  serverItl: number[]
  clientTtft: number[]
  serverTtft: number[]
  coalesced: number
  events: number
}

/** Each event's arrival on the client against the server's write of it, matched by prompt. */
export function fidelity(workload: Workload, trial: MeasuredTrial, logFile: string): Fidelity {
  const prompts = planPrompts(workload, 0, 'measured', workload.spec.requests).map((p) => p.prompt!)
  const logs = new Map(readFileSync(logFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as ServerLog).map((entry) => [entry.prompt, entry]))
  const out: Fidelity = { firstLate: [], eventLate: [], clientItl: [], serverItl: [], clientTtft: [], serverTtft: [], coalesced: 0, events: 0 }
  for (const record of trial.records) {
    if (!record.ok) continue
    const entry = logs.get(prompts[record.id]!)!
    let arrival = trial.startHrMs + record.sent_ms! + record.ttft_ms!
    out.firstLate.push(arrival - entry.writes[0]!)
    out.eventLate.push(arrival - entry.writes[0]!)
    record.itl_ms.forEach((gap, i) => {
      arrival += gap
      out.eventLate.push(arrival - entry.writes[i + 1]!)
      out.clientItl.push(gap)
      out.serverItl.push(entry.writes[i + 1]! - entry.writes[i]!)
    })
    out.clientTtft.push(record.ttft_ms!)
    out.serverTtft.push(entry.writes[0]! - entry.socketMs)
    out.coalesced += record.coalesced_events
    out.events += record.content_events
  }
  return out
}

/** A minimal correct reader: node:http, split events on blank lines, JSON.parse each; the floor for CPU per event. */
export async function rawReader(url: string, prompts: readonly string[], concurrency: number, maxTokens = 256): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency })
  let events = 0
  let next = 0
  const one = (prompt: string): Promise<void> =>
    new Promise((resolve, reject) => {
      const body = JSON.stringify({ messages: [{ role: 'user', content: prompt }], max_tokens: maxTokens, stream: true })
      const req = request(`${url}/v1/chat/completions`, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        let buffer = ''
        res.setEncoding('utf8')
        res.on('data', (text: string) => {
          buffer += text
          let end: number
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const line = buffer.slice(0, end)
            buffer = buffer.slice(end + 2)
            if (line.startsWith('data: ') && line !== 'data: [DONE]') {
              JSON.parse(line.slice(6))
              events++
            }
          }
        })
        res.on('end', resolve)
        res.on('error', reject)
      })
      req.on('error', reject)
      req.end(body)
    })
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < prompts.length) await one(prompts[next++]!)
    })
  )
  agent.destroy()
  return events
}
