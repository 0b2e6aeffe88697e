// The client's fidelity and cost: timing error against a server that logs its own write times,
// the event rate one process ingests (CPU per event, next to a minimal reader in the same run),
// and the schedule lag of a 200 req/s Poisson open loop. The scripted server runs in its own
// process (test/helpers/timed-server.ts); every figure names the host CPU steal measured
// while it was taken, since on a shared virtual machine that dominates the tails.
import { mkdtempSync, rmSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { summarizeTrial } from '../src/result/summary.js'
import { workerCount } from '../src/config/client-schema.js'
import { openTarget } from '../src/runner/run.js'
import { runTrial } from '../src/runner/trial.js'
import { percentile } from '../src/stats/percentile.js'
import { planPrompts } from '../src/workload/prompts.js'
import { buildSendPlan } from '../src/workload/schedule.js'
import { readProcStat, stealShare } from '../src/runner/host-load.js'
import { benchWorkload, f2, fidelity, measureTrial, pct, rawReader, startTimedServer as startServer } from './client-timing.js'

const monotonic = (): number => Number(process.hrtime.bigint()) / 1e6

const workloadFor = (url: string, streams: number, requests: number, tokens: number, load: object = { concurrency: streams }) => benchWorkload(url, streams, requests, tokens, 0, load)

/** Timing error at `streams` concurrent streams of 10 ms tokens, on the main thread (workers: 0) or on one worker thread. */
async function timing(streams: number, workers: 0 | 1): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'lpg-bench-timing-'))
  const log = join(dir, 'server.jsonl')
  const tokens = 40
  const server = await startServer(['--log', log, '--ttft', '20:20', '--itl', '10:10', '--tokens', String(tokens)])
  const workload = benchWorkload(server.url, streams, streams * 4, tokens, workers)
  const trial = await measureTrial(workload)
  await server.stop()
  const f = fidelity(workload, trial, log)
  rmSync(dir, { recursive: true, force: true })
  const auto = workerCount('auto', streams, availableParallelism(), workload.spec.trials * (workload.spec.requests + workload.spec.warmup)) === workers ? ' (auto)' : ''
  const mode = `${workers === 0 ? 'main thread' : '1 worker'}${auto}`
  return `| ${streams} | ${mode} | ${trial.records.length} | ${f2(percentile(f.firstLate, 50))} / ${f2(percentile(f.firstLate, 90))} | ${f2(percentile(f.eventLate, 50))} / ${f2(percentile(f.eventLate, 90))} / ${f2(percentile(f.eventLate, 99))} | ${f2(percentile(f.clientItl, 50))} vs ${f2(percentile(f.serverItl, 50))} | ${f2(percentile(f.clientTtft, 50))} vs ${f2(percentile(f.serverTtft, 50))} | ${((100 * f.coalesced) / f.events).toFixed(1)}% | ${pct(trial.steal)} |`
}

/** Events per second and CPU per event of a whole run against a server that writes each response at once. */
async function ingest(): Promise<string[]> {
  const tokens = 256
  const streams = 32
  const requests = 400
  const server = await startServer(['--one-piece', 'true', '--tokens', String(tokens)])
  const workload = workloadFor(server.url, streams, requests, tokens)
  const prompts = planPrompts(workload, 0, 'measured', requests).map((p) => p.prompt!)
  const rows: string[] = []
  for (let round = 0; round < 2; round++) {
    // The raw reader, then the whole client, alternately, so both see the same machine.
    let cpu = process.cpuUsage()
    let wall = monotonic()
    let before = readProcStat()
    const rawEvents = await rawReader(server.url, prompts, streams)
    let cpuUs = (process.cpuUsage().user + process.cpuUsage().system - cpu.user - cpu.system)
    const rawRow = { events: rawEvents, wall: monotonic() - wall, cpuUs, steal: stealShare(before, readProcStat()) }
    const target = await openTarget(workload, workload.url, monotonic)
    cpu = process.cpuUsage()
    wall = monotonic()
    before = readProcStat()
    const run = await runTrial({ context: target.context, watchdog: target.watchdog, spec: workload.spec, requests: planPrompts(workload, 0, 'measured', requests), plan: { kind: 'closed', concurrency: streams }, clock: monotonic })
    cpuUs = process.cpuUsage().user + process.cpuUsage().system - cpu.user - cpu.system
    const ours = { events: run.records.reduce((sum, r) => sum + r.content_events, 0), wall: monotonic() - wall, cpuUs, steal: stealShare(before, readProcStat()) }
    await target.close()
    for (const [name, row] of [['minimal node:http reader (split + JSON.parse)', rawRow], ['llm-perf-gate client (whole run: SSE, JSON, records)', ours]] as const) {
      rows.push(`| ${round + 1} | ${name} | ${row.events.toLocaleString('en-US')} | ${Math.round((row.events / row.wall) * 1000).toLocaleString('en-US')} | ${(row.cpuUs / row.events).toFixed(2)} | ${pct(row.steal)} |`)
    }
    rows.push(`| ${round + 1} | ratio, client / raw reader (CPU per event) | | | **${(ours.cpuUs / ours.events / (rawRow.cpuUs / rawRow.events)).toFixed(2)}×** | |`)
  }
  await server.stop()
  return rows
}

/** Schedule lag of a Poisson open loop at 200 requests/s. */
async function scheduleLag(): Promise<string> {
  const server = await startServer(['--ttft', '5:5', '--itl', '5:5', '--tokens', '8'])
  const requests = 2000
  const workload = workloadFor(server.url, 0, requests, 8, { rate: 200, arrival: 'poisson' })
  const target = await openTarget(workload, workload.url, monotonic)
  await target.connections.open(32)
  const before = readProcStat()
  const plan = buildSendPlan(workload.spec.load, requests, workload.spec.seed, 0)
  const run = await runTrial({ context: target.context, watchdog: target.watchdog, spec: workload.spec, requests: planPrompts(workload, 0, 'measured', requests), plan, clock: monotonic })
  const steal = stealShare(before, readProcStat())
  await target.close()
  await server.stop()
  const { summary } = summarizeTrial({ records: run.records, slo: {}, targetRate: plan.kind === 'open' ? plan.scheduledRate : null })
  const lag = summary.schedule_lag_ms
  return `| Poisson 200 req/s, ${requests} requests | ${f2(lag.p50!)} | ${f2(lag.p99!)} | ${f2(lag.max!)} | ${f2(summary.achieved_rate!)} of ${f2(summary.target_rate!)} | ${pct(steal)} |`
}

const timingRows: string[] = []
// Main thread and workers alternate at each size, so both see the same machine.
for (const streams of [32, 128, 256, 1024]) for (const workers of [0, 1] as const) timingRows.push(await timing(streams, workers))
const ingestRows = await ingest()
const lagRow = await scheduleLag()

console.log(`## Client fidelity and cost

### Timing error against a server that logs its own write times

The scripted server (its own process) sends a role chunk at once, the first token 20 ms after it
received the request, then a token every 10 ms (40 tokens), and logs when its bytes arrived and
when it wrote each event, on CLOCK_MONOTONIC (process.hrtime), which the client's timestamps
share. "Arrival − write" is how long after the server wrote an event the client stamped it:
loopback transit plus the client's own delay. The last TTFT column is the server's view (from the
request reaching its socket to its first write); the difference to the client's TTFT is the
request's trip in, server pickup included, which the server cannot see. Steal is the share of CPU
the host took from this VM during the measurement; where it is high, both processes pause for
milliseconds at random points and the tails measure the host. "main thread" reads every stream
on the main thread (client.workers: 0, as before worker threads existed), "1 worker" on one worker
thread; "(auto)" marks what the default picks for this run here (docs/scale.md: on at most 2
cores, the main thread for a run of up to 10,000 requests).

| streams | client | requests | first token arrival − write, p50 / p90 (ms) | every event arrival − write, p50 / p90 / p99 (ms) | ITL median, client vs server (ms) | TTFT median, client vs server (ms) | coalesced events | host steal |
| ---: | --- | ---: | --- | --- | --- | --- | ---: | ---: |
${timingRows.join('\n')}

### Events ingested by one process

The server writes each response (a role chunk and 256 content events) in one piece, as fast as
it can; 400 requests at 32 in flight. CPU is this process's user + system time over the run,
divided by the content events; the minimal reader is measured in the same run, alternating.

| round | reader | events | events/s | CPU µs per event | host steal |
| ---: | --- | ---: | ---: | ---: | ---: |
${ingestRows.join('\n')}

### Schedule lag of an open loop

| load | lag p50 (ms) | lag p99 (ms) | lag max (ms) | achieved of scheduled req/s | host steal |
| --- | ---: | ---: | ---: | ---: | ---: |
${lagRow}`)
