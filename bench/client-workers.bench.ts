// The client on worker threads (client.workers, docs/scale.md) against paced streams: one token per
// socket read, as real servers send them, from the scripted server that logs its own write times
// (its own process). For the raw node:http reader, the client on the main thread (workers: 0) and
// on 1, 2 and 4 workers, in alternating rounds on the same machine: content events per second, CPU
// per event (this process, worker threads included) and its ratio to the raw reader's, and how
// late each event was stamped after the server wrote it.
import { mkdtempSync, rmSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { readProcStat, stealShare } from '../src/runner/host-load.js'
import { percentile } from '../src/stats/percentile.js'
import { planPrompts } from '../src/workload/prompts.js'
import { benchWorkload, f2, fidelity, measureTrial, pct, rawReader, startTimedServer } from './client-timing.js'

const STREAMS = Number(process.env.LPG_BENCH_STREAMS ?? 256)
const TOKENS = 64
const ITL_MS = Number(process.env.LPG_BENCH_ITL_MS ?? 10)
const REQUESTS = STREAMS * 3
const ROUNDS = 2
const CONFIGS = ['raw', 0, 1, 2, 4] as const

interface Row {
  round: number
  config: (typeof CONFIGS)[number]
  events: number
  wallMs: number
  cpuUs: number
  steal: number | null
  late?: { p50: number; p90: number; p99: number }
}

async function measure(config: (typeof CONFIGS)[number], round: number): Promise<Row> {
  const dir = mkdtempSync(join(tmpdir(), 'lpg-bench-workers-'))
  const log = join(dir, 'server.jsonl')
  const server = await startTimedServer(['--log', log, '--ttft', '5:5', '--itl', `${ITL_MS}:${ITL_MS}`, '--tokens', String(TOKENS)])
  try {
    const workload = benchWorkload(server.url, STREAMS, REQUESTS, TOKENS, config === 'raw' ? 0 : config)
    if (config === 'raw') {
      const prompts = planPrompts(workload, 0, 'measured', REQUESTS).map((p) => p.prompt!)
      // The same warmup the client gets: one request per stream.
      await rawReader(server.url, prompts.slice(0, STREAMS), STREAMS, TOKENS)
      const cpu = process.cpuUsage()
      const before = readProcStat()
      const wall = performance.now()
      const events = await rawReader(server.url, prompts, STREAMS, TOKENS)
      const wallMs = performance.now() - wall
      const used = process.cpuUsage(cpu)
      // Content events only, as the client counts them: the role chunk and the usage chunk of each response are left out.
      return { round, config, events: events - 2 * REQUESTS, wallMs, cpuUs: used.user + used.system, steal: stealShare(before, readProcStat()) }
    }
    const trial = await measureTrial(workload)
    const late = fidelity(workload, trial, log).eventLate
    return { round, config, events: trial.events, wallMs: trial.wallMs, cpuUs: trial.cpuUs, steal: trial.steal, late: { p50: percentile(late, 50), p90: percentile(late, 90), p99: percentile(late, 99) } }
  } finally {
    await server.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

const load = loadavg().map((l) => l.toFixed(1)).join(' ')
const rows: Row[] = []
for (let round = 1; round <= ROUNDS; round++) {
  for (const config of CONFIGS) {
    rows.push(await measure(config, round))
    process.stderr.write(`round ${round}, ${config}: done\n`)
  }
}

const name = (config: Row['config']): string => (config === 'raw' ? 'raw node:http reader (split + JSON.parse)' : config === 0 ? 'client, main thread (workers: 0)' : `client, ${config} worker${config > 1 ? 's' : ''}`)
const lines = rows.map((row) => {
  const raw = rows.find((other) => other.round === row.round && other.config === 'raw')!
  const perEvent = row.cpuUs / row.events
  const ratio = row.config === 'raw' ? '' : `**${(perEvent / (raw.cpuUs / raw.events)).toFixed(2)}×**`
  const late = row.late === undefined ? '' : `${f2(row.late.p50)} / ${f2(row.late.p90)} / ${f2(row.late.p99)}`
  return `| ${row.round} | ${name(row.config)} | ${row.events.toLocaleString('en-US')} | ${Math.round((row.events / row.wallMs) * 1000).toLocaleString('en-US')} | ${perEvent.toFixed(2)} | ${ratio} | ${late} | ${pct(row.steal)} |`
})

console.log(`## Client worker threads

${STREAMS} streams, ${REQUESTS} requests of ${TOKENS} tokens, from the scripted server (its own process) writing
one token every ${ITL_MS} ms, each in its own write (one event a socket read, as servers stream them):
about ${Math.round((STREAMS * 1000) / ITL_MS).toLocaleString('en-US')} events a second offered. The configurations alternate, round by
round, on the same machine (${availableParallelism()} cores; load average ${load} when the benchmark started, other
work running beside it). CPU is this process's, worker threads included, per content event; the
ratio is to the raw reader of the same round. "Arrival − write" is how long after the server
wrote an event the client stamped it (loopback transit and the client's own delay).

| round | reader | content events | events/s | CPU µs per event | CPU ratio to raw | arrival − write p50 / p90 / p99 (ms) | host steal |
| ---: | --- | ---: | ---: | ---: | ---: | --- | ---: |
${lines.join('\n')}`)
