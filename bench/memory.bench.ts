// Memory of a run as the number of requests grows: the CLI as shipped (scripts/bundle.mjs, built
// into bench/.out/cli), `llm-perf-gate run` against a minimal loopback SSE server in its own
// process, one process per size, whose peak resident set (process.resourceUsage().maxRSS at exit,
// the kernel's high-water mark, worker threads included) is the figure. Then `compare` reads
// results back, in processes of their own.
//
//   node bench/.out/memory.mjs            the table (what `npm run bench -- memory` runs)
//   node bench/.out/memory.mjs server     the SSE server alone
// LPG_BENCH_SIZES=10000,60000 picks the sizes.
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { SMALL_RUN_REQUESTS, workerCount } from '../src/config/client-schema.js'
import { startUrlProcess } from '../src/url-process.js'

const self = fileURLToPath(import.meta.url)
const STREAMS = 128
/** Sizes at which the main thread and one worker are measured side by side. */
const SPLIT_SIZES = [2000, 10000, 20000, 30000]
const TOKENS = 16
const CLI_DIR = resolve('bench/.out/cli')
const mib = (kib: number): string => (kib / 1024).toFixed(0)

/** Writes each response in one piece: a role chunk, max_tokens content events, the usage chunk, [DONE]. As cheap per request as a server can be, so the client's memory is what grows. */
function serve(): void {
  const event = (payload: unknown): string => `data: ${JSON.stringify(payload)}\n\n`
  const server = createServer((req, res) => {
    if (req.method === 'GET') {
      res.writeHead(req.url === '/health' ? 200 : 404).end()
      return
    }
    let raw = ''
    req.on('data', (data: Buffer) => (raw += data.toString()))
    req.on('end', () => {
      const body = JSON.parse(raw) as { max_tokens: number }
      let text = event({ id: 'x', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { role: 'assistant', content: '' } }] })
      for (let i = 0; i < body.max_tokens; i++) text += event({ id: 'x', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: ` t${i}` }, finish_reason: i === body.max_tokens - 1 ? 'length' : null }] })
      text += event({ id: 'x', choices: [], usage: { prompt_tokens: 16, completion_tokens: body.max_tokens, total_tokens: 16 + body.max_tokens } })
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      res.end(`${text}data: [DONE]\n\n`)
    })
  })
  server.keepAliveTimeout = 600_000
  server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}` })}\n`))
  process.on('SIGTERM', () => process.exit(0))
}

/** The CLI as shipped, with the threshold presets where it looks for them, and a preload that prints the process's peak RSS and CPU at exit. */
function buildCli(): string {
  const built = spawnSync(process.execPath, ['scripts/bundle.mjs'], { env: { ...process.env, LPG_BUNDLE_OUT: join(CLI_DIR, 'dist') }, stdio: 'inherit' })
  if (built.status !== 0) throw new Error('scripts/bundle.mjs failed')
  cpSync('thresholds', join(CLI_DIR, 'thresholds'), { recursive: true })
  const preload = join(CLI_DIR, 'peak.mjs')
  writeFileSync(
    preload,
    "import { isMainThread } from 'node:worker_threads'\nif (isMainThread) process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write(`\\nPEAK ${JSON.stringify({ maxRssKib: u.maxRSS, cpuS: (u.userCPUTime + u.systemCPUTime) / 1e6 })}\\n`) })\n"
  )
  return preload
}

interface Figures {
  code: number | null
  wallS: number
  maxRssKib: number
  cpuS: number
}

function cli(preload: string, args: string[]): Figures {
  const started = performance.now()
  const run = spawnSync(process.execPath, ['--import', preload, join(CLI_DIR, 'dist', 'cli.js'), ...args], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 << 20 })
  const wallS = (performance.now() - started) / 1000
  const peak = /PEAK (\{.*\})/.exec(run.stderr)
  if (peak === null) throw new Error(`${args.join(' ')}: no figures (exit ${run.status}): ${run.stderr.slice(-2000)}`)
  return { code: run.status, wallS, ...(JSON.parse(peak[1]!) as { maxRssKib: number; cpuS: number }) }
}

async function table(): Promise<void> {
  const sizes = (process.env.LPG_BENCH_SIZES ?? '10000,60000,100000,1000000').split(',').map(Number)
  const preload = buildCli()
  const server = await startUrlProcess(process.execPath, [self, 'server'], { stderr: 'inherit' })
  const dir = mkdtempSync(join(tmpdir(), 'lpg-bench-memory-'))
  const rows: string[] = []
  const compares: string[] = []
  const splits: string[] = []
  try {
    const workloadFile = (requests: number, workers: number | 'auto'): string => {
      const file = join(dir, `memory-${requests}-${workers}.json`)
      writeFileSync(file, JSON.stringify({ name: 'memory', url: server.url, seed: 1, trials: 1, requests, warmup: 0, load: { concurrency: STREAMS }, prompts: { input_tokens: 16, output_tokens: TOKENS }, timeouts: { connect_s: 30, request_s: 600 }, client: { workers } }))
      return file
    }
    for (const requests of sizes) {
      const workload = workloadFile(requests, 'auto')
      const out = join(dir, `memory-${requests}.result.json`)
      const load = loadavg()[0]!.toFixed(1)
      const run = cli(preload, ['run', '--workload', workload, '--out', out, '--quiet'])
      if (run.code !== 0) throw new Error(`run of ${requests} requests exited with ${run.code}`)
      const workers = workerCount('auto', STREAMS, availableParallelism(), requests)
      rows.push(`| ${requests.toLocaleString('en-US')} | ${workers === 0 ? 'main thread' : `${workers} worker${workers > 1 ? 's' : ''}`} | ${mib(run.maxRssKib)} | ${run.wallS.toFixed(0)} | ${Math.round(requests / run.wallS).toLocaleString('en-US')} | ${run.cpuS.toFixed(0)} | ${(statSync(out).size / 2 ** 20).toFixed(0)} | ${load} |`)
      process.stderr.write(`${rows.at(-1)}\n`)
      // The result against itself: compare reads both files, one on a worker thread.
      const compared = cli(preload, ['compare', '--baseline', out, '--current', out, '--format', 'json'])
      compares.push(`| ${requests.toLocaleString('en-US')} | ${compared.code} | ${compared.wallS.toFixed(1)} | ${mib(compared.maxRssKib)} |`)
      rmSync(out, { force: true })
    }
    // What auto weighs on a small machine (src/config/client-schema.ts SMALL_RUN_REQUESTS): the same run on the main thread and on one worker, alternated.
    for (const requests of SPLIT_SIZES) {
      const peaks = [0, 1].map((workers) => {
        const out = join(dir, `split-${requests}-${workers}.result.json`)
        const run = cli(preload, ['run', '--workload', workloadFile(requests, workers), '--out', out, '--quiet'])
        if (run.code !== 0) throw new Error(`run of ${requests} requests on ${workers} workers exited with ${run.code}`)
        rmSync(out, { force: true })
        return mib(run.maxRssKib)
      })
      splits.push(`| ${requests.toLocaleString('en-US')} | ${peaks[0]} | ${peaks[1]} |`)
      process.stderr.write(`${splits.at(-1)}\n`)
    }
  } finally {
    await server.stop()
    rmSync(dir, { recursive: true, force: true })
  }
  console.log(`## Memory of a run

The CLI as shipped (\`scripts/bundle.mjs\`), \`llm-perf-gate run\` as a user runs it (journal, the
threads \`client.workers: auto\` picks, the columns, the streamed result file, the console
summary) against a minimal SSE server in its own process that writes each response in one piece
(${TOKENS} content events, a usage chunk, [DONE]); 1 trial, ${STREAMS} streams, closed loop, no warmup, on
${availableParallelism()} cores. Each run is a process of its own; peak RSS is its resident high-water mark
(process.resourceUsage().maxRSS at exit, worker threads included).

| requests | read on (auto) | peak RSS (MiB) | wall (s) | requests/s | client CPU (s) | result file (MB) | load average at start |
| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |
${rows.join('\n')}

\`compare --format json\` of each result against itself (both files read, one on a worker thread; exit 3:
inconclusive, as a single trial a side always is):

| requests | exit | wall (s) | peak RSS (MiB) |
| ---: | ---: | ---: | ---: |
${compares.join('\n')}

Peak RSS of the same run read on the main thread (\`client.workers: 0\`) and on one worker
(\`client.workers: 1\`), one after the other: what \`auto\` weighs on a machine of at most 2 cores,
where it reads runs of up to ${SMALL_RUN_REQUESTS.toLocaleString('en-US')} requests on the main thread (docs/scale.md).

| requests | main thread (MiB) | 1 worker (MiB) |
| ---: | ---: | ---: |
${splits.join('\n')}`)
}

mkdirSync(CLI_DIR, { recursive: true })
if (process.argv[2] === 'server') serve()
else await table()
