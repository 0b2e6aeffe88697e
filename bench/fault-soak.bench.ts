// Fault soak: 1,000 requests against each kind of fault the simulator injects and each hostile
// answer of test/helpers/hostile-server.ts, plus two mixed runs, through the real client and
// trial runner. Counts hangs (a trial that did not end within its bound), lost records (requests
// the server received, or the runner started, without a record) and the process's memory peak.
import { API_ADAPTERS } from '../src/client/api.js'
import { createArrivalStamp } from '../src/client/arrival.js'
import { Connections } from '../src/client/connections.js'
import type { RequestContext } from '../src/client/stream-request.js'
import { Watchdog } from '../src/client/watchdog.js'
import { monotonicClock } from '../src/clock.js'
import { resolveWorkload } from '../src/config/workload.js'
import { errorLabel, summarizeErrors } from '../src/result/error-summary.js'
import type { RequestRecord } from '../src/result/types.js'
import { runTrial } from '../src/runner/trial.js'
import { parseFaults, startSimulator } from '../src/simulator/index.js'
import { planPrompts } from '../src/workload/prompts.js'
import { HOSTILE_BEHAVIOURS, startHostileServer, type HostileBehaviour } from '../test/helpers/hostile-server.js'

const REQUESTS = 1000
const CONCURRENCY = 32
// Tight enough to keep the soak short, loose enough that a busy 2-core machine (client and servers share one event loop) does not time out sound answers.
const TIMEOUTS = { connect_s: 2, first_token_s: 1, idle_s: 0.5, request_s: 10 }
/** A trial still running after this is a hang: every request is bounded by request_s, and 1,000 of them at 32 in flight need far less. */
const HANG_MS = 120_000

interface Row {
  name: string
  serverSaw: number
  records: number
  lost: number
  hung: boolean
  wallS: number
  peakRssMb: number
  peakHeapMb: number
  errors: string
}

const mb = (bytes: number): number => bytes / 2 ** 20

async function soak(name: string, url: string, serverSaw: () => number): Promise<Row> {
  const workload = resolveWorkload({ name: 'soak', url, trials: 1, requests: REQUESTS, warmup: 0, load: { concurrency: CONCURRENCY }, prompts: { input_tokens: 16, output_tokens: 16 }, timeouts: TIMEOUTS }, 'fault-soak', { env: {} })
  const connections = new Connections(workload.url, { inFlight: CONCURRENCY, connectTimeoutMs: TIMEOUTS.connect_s * 1000 })
  const context: RequestContext = { connections, adapter: API_ADAPTERS[workload.spec.api], path: workload.path, headers: {}, clock: monotonicClock, arrivalStamp: createArrivalStamp(monotonicClock), redact: (text) => text }
  const controller = new AbortController()
  const requests = planPrompts(workload, 0, 'measured', REQUESTS)
  const heapBefore = process.memoryUsage().heapUsed
  let peakRss = process.memoryUsage().rss
  let peakHeap = heapBefore
  const sampler = setInterval(() => {
    const usage = process.memoryUsage()
    peakRss = Math.max(peakRss, usage.rss)
    peakHeap = Math.max(peakHeap, usage.heapUsed)
  }, 20)
  const started = performance.now()
  let hung = false
  let records: RequestRecord[]
  const hangTimer = setTimeout(() => {
    hung = true
    controller.abort()
  }, HANG_MS)
  try {
    const run = await runTrial({ context, watchdog: new Watchdog(workload.spec.timeouts, monotonicClock), spec: workload.spec, requests, plan: { kind: 'closed', concurrency: CONCURRENCY }, clock: monotonicClock, signal: controller.signal })
    records = run.records
  } finally {
    clearTimeout(hangTimer)
    clearInterval(sampler)
    await connections.close()
  }
  const wallS = (performance.now() - started) / 1000
  const groups = summarizeErrors(records, 3).map((group) => `${group.count}× ${errorLabel(group)}`)
  // The closed loop starts every request: each must leave one record of its own.
  const lost = REQUESTS - new Set(records.map((record) => record.id)).size
  return { name, serverSaw: serverSaw(), records: records.length, lost, hung, wallS, peakRssMb: mb(peakRss), peakHeapMb: mb(peakHeap - heapBefore), errors: groups.join(', ') || 'none' }
}

async function simulatorRun(name: string, faults: string): Promise<Row> {
  const simulator = await startSimulator({ profile: 'fast', seed: 11, faults: parseFaults(faults) })
  try {
    return await soak(name, simulator.url, () => simulator.stats().requests)
  } finally {
    await simulator.close()
  }
}

async function hostileRun(name: string, behaviour: (index: number) => HostileBehaviour): Promise<Row> {
  const server = await startHostileServer({ behaviour: (request) => (request.method === 'GET' ? 'ok' : behaviour(request.index)), bigEventBytes: 2_000_000 })
  try {
    return await soak(name, server.url, () => server.posts())
  } finally {
    await server.close()
  }
}

const rows: Row[] = []
for (const fault of ['http500', 'http429', 'reset', 'stall', 'malformed']) rows.push(await simulatorRun(`simulator ${fault}`, `${fault}=1`))
rows.push(await simulatorRun('simulator mixed', 'http500=0.1,http429=0.1,reset=0.1,stall=0.1,malformed=0.1,no_done=0.1,comments=0.5'))
const hostileKinds: HostileBehaviour[] = ['headers-only', 'endless', 'bad-chunked', 'gzip', 'html', 'close-mid-stream', 'big-event']
for (const kind of hostileKinds) rows.push(await hostileRun(`hostile ${kind}`, () => kind))
// Every behaviour, well-behaved answers included, in a fixed scrambled order.
rows.push(await hostileRun('hostile mixed', (index) => HOSTILE_BEHAVIOURS[(index * 7919) % HOSTILE_BEHAVIOURS.length]!))

const hangs = rows.filter((row) => row.hung).length
const lost = rows.reduce((sum, row) => sum + row.lost, 0)
const table = [
  '| run | server saw | records | lost | hung | wall (s) | peak RSS (MiB) | peak heap above start (MiB) | most frequent errors |',
  '| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | --- |',
  ...rows.map((row) => `| ${row.name} | ${row.serverSaw} | ${row.records} | ${row.lost} | ${row.hung ? 'yes' : 'no'} | ${row.wallS.toFixed(1)} | ${row.peakRssMb.toFixed(0)} | ${row.peakHeapMb.toFixed(1)} | ${row.errors} |`)
]

console.log(`## Fault soak: no hangs, no lost records, bounded memory

${REQUESTS} requests per run at ${CONCURRENCY} in flight (closed loop, 16 output tokens asked), through the
real client and trial runner, with tight timeouts (connect_s ${TIMEOUTS.connect_s}, first_token_s
${TIMEOUTS.first_token_s}, idle_s ${TIMEOUTS.idle_s}, request_s ${TIMEOUTS.request_s}). Simulator runs inject one fault in every
request (\`simulate --faults <kind>=1\`) or a mix; hostile runs answer every generation request the
same wrong way (test/helpers/hostile-server.ts; big-event sends a 2 MB event). "Server saw" counts
generation requests that reached the server; "lost" counts requests the runner started that left
no record of their own; "hung" is a run still going after ${HANG_MS / 1000} s. Client and servers
share one process: peak RSS is the process's so far (it rarely shrinks), the heap figure is the
highest the heap rose above its level when the run began, the run's records included. Requests
the client gave up on before writing them (timeout (connect)) never reached the server.

${table.join('\n')}

Totals: ${hangs} hung runs, ${lost} lost records over ${rows.length} runs (${rows.length * REQUESTS} requests).`)
