// What watching the server costs the client (SPEC §13): the client's own CPU time
// (process.cpuUsage) for the same run with telemetry on and off, alternated, against a server
// in another process that serves the simulator's API and a vLLM-sized Prometheus exposition,
// with a stand-in nvidia-smi in loop mode on PATH. Run as `npm run bench -- telemetry-overhead`.
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:http'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { resolveWorkload } from '../src/config/workload.js'
import { runWorkload } from '../src/runner/run.js'
import { startSimulator } from '../src/simulator/index.js'
import { percentile } from '../src/stats/percentile.js'
import { KNOWN_SERVER_METRICS } from '../src/result/known-metrics.js'
import { createMetricsScraper } from '../src/telemetry/server-metrics.js'
import { parseKnownSeries } from '../src/telemetry/prometheus.js'
import { readProcStat, stealShare } from '../src/runner/host-load.js'
import { fakeNvidiaSmiEnv } from '../test/helpers/fake-nvidia-smi.js'

/**
 * A vLLM-sized exposition (prometheus_client's shape): the gauges and counters read, and the
 * histograms an engine also serves; with `names`, only those families, as prometheus_client
 * answers `?name[]=…`.
 */
function vllmSizedExposition(scrape: number, names: ReadonlySet<string> | null = null): string {
  const labels = (extra = ''): string => `{engine="0",model_name="Qwen/Qwen2.5-7B-Instruct"${extra}}`
  const out: string[] = []
  const family = (name: string, type: string, value: number): void => void out.push(`# HELP ${name} help.`, `# TYPE ${name} ${type}`, `${name}${labels()} ${value}`)
  family('vllm:num_requests_running', 'gauge', 16)
  family('vllm:num_requests_waiting', 'gauge', scrape % 3)
  family('vllm:kv_cache_usage_perc', 'gauge', 0.41)
  for (const name of ['num_preemptions', 'prompt_tokens', 'generation_tokens', 'prefix_cache_queries', 'prefix_cache_hits']) {
    family(`vllm:${name}_total`, 'counter', 1000 * scrape)
    family(`vllm:${name}_created`, 'gauge', 1.7e9)
  }
  const buckets = [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 20, 40, 80, 160, 640, 2560]
  for (const name of ['time_to_first_token_seconds', 'inter_token_latency_seconds', 'e2e_request_latency_seconds', 'request_queue_time_seconds', 'request_inference_time_seconds', 'request_prefill_time_seconds', 'request_decode_time_seconds', 'request_prompt_tokens', 'request_generation_tokens', 'request_params_max_tokens', 'iteration_tokens_total']) {
    out.push(`# HELP vllm:${name} h.`, `# TYPE vllm:${name} histogram`)
    buckets.forEach((le, i) => out.push(`vllm:${name}_bucket${labels(`,le="${le}"`)} ${i * scrape}.0`))
    out.push(`vllm:${name}_bucket${labels(',le="+Inf"')} ${22 * scrape}.0`, `vllm:${name}_count${labels()} ${22 * scrape}.0`, `vllm:${name}_sum${labels()} ${scrape * 1.5}`)
  }
  if (names === null) return `${out.join('\n')}\n`
  // Each family is its HELP and TYPE lines and its samples: keep those of the named ones.
  const kept: string[] = []
  let keep = false
  for (const line of out) {
    if (line.startsWith('# HELP ')) keep = names.has(line.split(' ')[2]!)
    if (keep) kept.push(line)
  }
  return `${kept.join('\n')}\n`
}

// The server process: the simulator's API and a metrics endpoint, so none of their CPU is the client's.
if (process.argv[2] === 'serve') {
  const simulator = await startSimulator({ profile: 'default', seed: 1 })
  let scrapes = 0
  // As prometheus_client serves it: ?name[]=… restricts the answer, unless the URL says ?all (a server that ignores it).
  const metrics = createServer((req, res) => {
    const query = new URL(req.url ?? '/', 'http://localhost').searchParams
    const names = query.getAll('name[]')
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' })
    res.end(vllmSizedExposition(scrapes++, names.length > 0 && !query.has('all') ? new Set(names) : null))
  })
  await new Promise<void>((resolve) => metrics.listen(0, '127.0.0.1', resolve))
  console.log(JSON.stringify({ url: simulator.url, metrics: `http://127.0.0.1:${(metrics.address() as { port: number }).port}/metrics` }))
  process.once('SIGTERM', () => process.exit(0))
} else {
  await main()
}

async function startServerProcess(): Promise<{ url: string; metrics: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), 'serve'], { stdio: ['ignore', 'pipe', 'inherit'] })
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve))
  return { ...(JSON.parse(line) as { url: string; metrics: string }), child }
}

async function main(): Promise<void> {
  const server = await startServerProcess()
  // nvidia-smi's stand-in: one GPU, a line a second, read by the client as a real one's would be.
  Object.assign(process.env, fakeNvidiaSmiEnv([{ name: 'NVIDIA H100 80GB HBM3', 'utilization.gpu': 87, 'memory.used': 71234, 'power.draw': 512, 'clocks.sm': 1755, 'temperature.gpu': 71, 'clocks_event_reasons.active': '0x0000000000000000' }]))
  const workload = (telemetry: boolean) =>
    resolveWorkload(
      { name: 'telemetry-overhead', url: server.url, seed: 3, trials: 1, requests: 256, warmup: 16, load: { concurrency: 16 }, prompts: { input_tokens: 256, output_tokens: 64 }, telemetry: telemetry ? { interval_ms: 1000, metrics_url: server.metrics } : { server_metrics: false, gpu: false } },
      'bench',
      { env: {} }
    )
  // One run first, not measured: the first run of a process also compiles the client.
  await runWorkload(workload(true))
  const alternations = 8
  const rows: Array<{ off: number; on: number; seconds: number; scrapes: number; steal: number | null }> = []
  for (let round = 0; round < alternations; round++) {
    const order = round % 2 === 0 ? [false, true] : [true, false]
    const measured: Record<string, { cpuMs: number; seconds: number; scrapes: number }> = {}
    const before = readProcStat()
    for (const telemetry of order) {
      const cpu = process.cpuUsage()
      const result = await runWorkload(workload(telemetry))
      const used = process.cpuUsage(cpu)
      measured[String(telemetry)] = { cpuMs: (used.user + used.system) / 1000, seconds: result.trials[0]!.duration_s, scrapes: result.trials[0]!.telemetry?.samples.length ?? 0 }
    }
    rows.push({ off: measured.false!.cpuMs, on: measured.true!.cpuMs, seconds: measured.true!.seconds, scrapes: measured.true!.scrapes, steal: stealShare(before, readProcStat()) })
    process.stderr.write(`round ${round + 1}/${alternations}: off ${measured.false!.cpuMs.toFixed(0)} ms, on ${measured.true!.cpuMs.toFixed(0)} ms CPU\n`)
  }
  server.child.kill('SIGTERM')

  // The cost of one scrape alone: fetch and parse the same exposition, many times, CPU per scrape.
  const names = new Set(Object.keys(KNOWN_SERVER_METRICS))
  const text = vllmSizedExposition(7)
  const second = await startServerProcess()
  const scrapes = 400
  const perScrape = async (metricsUrl: string): Promise<number> => {
    const direct = createMetricsScraper(metricsUrl, {})
    for (let i = 0; i < 20; i++) await direct.scrape(1000)
    const cpu = process.cpuUsage()
    for (let i = 0; i < scrapes; i++) await direct.scrape(1000)
    const used = process.cpuUsage(cpu)
    await direct.close()
    return (used.user + used.system) / 1000 / scrapes
  }
  const perScrapeMs = await perScrape(second.metrics)
  const perScrapeAllMs = await perScrape(`${second.metrics}?all`)
  second.child.kill('SIGTERM')
  const cpu = process.cpuUsage()
  for (let i = 0; i < scrapes; i++) parseKnownSeries(text, names)
  const used = process.cpuUsage(cpu)
  const parseMs = (used.user + used.system) / 1000 / scrapes

  const pct = (value: number): string => `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(2)}%`
  const diffs = rows.map((row) => (100 * (row.on - row.off)) / row.off)
  const clientCpuPerSecond = percentile(rows.map((row) => row.off / 1000 / row.seconds), 50)
  console.log(`## Telemetry: what watching the server costs the client

The same run (256 requests of 64 tokens at concurrency 16 against the simulator's default
profile, about ${rows[0]!.seconds.toFixed(0)} s) with telemetry off and on at the default 1 s interval, alternated; the
server runs in another process and serves a vLLM-sized exposition (${(text.length / 1024).toFixed(0)} KB: the gauges and counters
read, and eleven histograms of 22 buckets), and a stand-in nvidia-smi prints one GPU's line a second.
CPU is the client process's own (user + system, process.cpuUsage), from the run's start to its result.

| round | telemetry off (ms CPU) | telemetry on (ms CPU) | on vs off | samples (on) | host CPU steal |
| ---: | ---: | ---: | ---: | ---: | ---: |
${rows.map((row, i) => `| ${i + 1} | ${row.off.toFixed(0)} | ${row.on.toFixed(0)} | ${pct(diffs[i]!)} | ${row.scrapes} | ${row.steal === null ? 'n/a' : `${(100 * row.steal).toFixed(0)}%`} |`).join('\n')}

Median of the differences: **${pct(percentile(diffs, 50))}** (range ${pct(Math.min(...diffs))} … ${pct(Math.max(...diffs))}). The client's CPU for the same run varies
by more than that from run to run on this shared 2-vCPU machine, so the cost is bounded better by
measuring one scrape alone (${scrapes} scrapes over loopback, fetch and parse, client CPU per scrape):

| endpoint | client CPU per scrape | at 1 scrape/s: share of one core | share of this client's CPU (${(clientCpuPerSecond * 1000).toFixed(0)} ms/s) |
| --- | ---: | ---: | ---: |
| answers \`?name[]=…\` with the known families only (prometheus_client: vLLM, SGLang) | ${perScrapeMs.toFixed(2)} ms | ${((100 * perScrapeMs) / 1000).toFixed(3)}% | ${((100 * perScrapeMs) / 1000 / clientCpuPerSecond).toFixed(2)}% |
| serves all ${(text.length / 1024).toFixed(0)} KB (a server that ignores \`name[]\`) | ${perScrapeAllMs.toFixed(2)} ms | ${((100 * perScrapeAllMs) / 1000).toFixed(3)}% | ${((100 * perScrapeAllMs) / 1000 / clientCpuPerSecond).toFixed(2)}% |

Of the full answer's cost, picking out and parsing the known families' lines is ${parseMs.toFixed(3)} ms.`)
}
