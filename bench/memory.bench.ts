// Memory of a whole run as the number of requests grows: `llm-perf-gate run`'s own path (journal,
// columns, the streamed result file, the console summary) against a minimal loopback SSE server
// in its own process, each size in a child process of its own, whose peak resident set
// (process.resourceUsage().maxRSS at exit, the kernel's high-water mark) is the figure. Then
// `compare` reads the largest result back, in a child process of its own too.
//
//   node bench/.out/memory.mjs                     the table (what `npm run bench -- memory` runs)
//   node bench/.out/memory.mjs server              the SSE server alone
//   node bench/.out/memory.mjs run URL N TOKENS    one run, prints its figures as JSON
//   node bench/.out/memory.mjs compare A B         one compare, prints its figures as JSON
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { compareCommand } from '../src/commands/compare.js'
import { runCommand } from '../src/commands/run.js'
import { startUrlProcess } from '../src/url-process.js'

const self = fileURLToPath(import.meta.url)
const mib = (kib: number): string => (kib / 1024).toFixed(0)
const STREAMS = 128

/** Writes each response in one piece: a role chunk, TOKENS content events, the usage chunk, [DONE]. As cheap per request as a server can be, so the client's memory is what grows. */
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

function sink(): PassThrough {
  const stream = new PassThrough()
  stream.resume()
  return stream
}

/** One run through the run command, as a user runs it; prints its figures. */
async function runOnce(url: string, requests: number, tokens: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lpg-bench-memory-'))
  const workloadPath = join(dir, 'memory.yml')
  writeFileSync(workloadPath, JSON.stringify({ name: 'memory', url, trials: 1, requests, warmup: 0, load: { concurrency: STREAMS }, prompts: { input_tokens: 16, output_tokens: tokens }, timeouts: { connect_s: 30, request_s: 600 } }))
  const out = process.env.LPG_BENCH_OUT ?? join(dir, 'memory.result.json')
  const started = performance.now()
  const code = await runCommand({ workload: workloadPath, out, quiet: true }, { stdout: sink(), stderr: sink(), env: {} })
  const wallS = (performance.now() - started) / 1000
  const usage = process.resourceUsage()
  process.stdout.write(`${JSON.stringify({ code, wallS, maxRssKib: usage.maxRSS, cpuS: (usage.userCPUTime + usage.systemCPUTime) / 1e6, bytes: statSync(out).size, heapMib: process.memoryUsage().heapUsed / 2 ** 20 })}\n`)
  if (process.env.LPG_BENCH_OUT === undefined) rmSync(dir, { recursive: true, force: true })
}

async function compareOnce(baseline: string, current: string): Promise<void> {
  const started = performance.now()
  const code = await compareCommand({ baseline, current, format: 'json' }, { stdout: sink(), stderr: sink(), env: {} })
  const usage = process.resourceUsage()
  process.stdout.write(`${JSON.stringify({ code, wallS: (performance.now() - started) / 1000, maxRssKib: usage.maxRSS })}\n`)
}

interface Figures {
  code: number
  wallS: number
  maxRssKib: number
  cpuS?: number
  bytes?: number
}

function child(args: string[], env: NodeJS.ProcessEnv = {}): Figures {
  const run = spawnSync(process.execPath, [self, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 })
  if (run.status !== 0) throw new Error(`${args.join(' ')} exited with ${run.status}`)
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Figures
}

async function table(): Promise<void> {
  const sizes = (process.env.LPG_BENCH_SIZES ?? '10000,60000,100000,1000000').split(',').map(Number)
  const tokens = 16
  const server = await startUrlProcess(process.execPath, [self, 'server'], { stderr: 'inherit' })
  const dir = mkdtempSync(join(tmpdir(), 'lpg-bench-memory-results-'))
  const rows: string[] = []
  const kept: string[] = []
  try {
    for (const requests of sizes) {
      const out = join(dir, `${requests}.result.json`)
      const load = loadavg()[0]!.toFixed(1)
      const figures = child(['run', server.url, String(requests), String(tokens)], { LPG_BENCH_OUT: out })
      kept.push(out)
      rows.push(`| ${requests.toLocaleString('en-US')} | ${mib(figures.maxRssKib)} | ${figures.wallS.toFixed(0)} | ${Math.round(requests / figures.wallS).toLocaleString('en-US')} | ${figures.cpuS!.toFixed(0)} | ${(figures.bytes! / 2 ** 20).toFixed(0)} | ${load} |`)
      process.stderr.write(`${rows.at(-1)}\n`)
      // Two results are kept at most: the disk of a small runner holds a few GB.
      if (kept.length > 2) rmSync(kept.shift()!)
    }
    const [a, b] = kept.length === 2 ? kept : [kept[0]!, kept[0]!]
    const compared = child(['compare', a!, b!])
    rows.push('')
    rows.push(`\`compare --format json\` of the last two results (${[a!, b!].map((path) => `${(statSync(path).size / 2 ** 20).toFixed(0)} MB`).join(' and ')}): exit ${compared.code}, ${compared.wallS.toFixed(1)} s, peak RSS ${mib(compared.maxRssKib)} MiB.`)
  } finally {
    await server.stop()
    rmSync(dir, { recursive: true, force: true })
  }
  console.log(`## Memory of a run

\`llm-perf-gate run\`'s whole path (journal, in-memory columns, the result file, the console
summary) against a minimal SSE server in its own process that writes each response in one piece
(${tokens} content events, a usage chunk, [DONE]); 1 trial, ${STREAMS} streams, closed loop, no
warmup. Each size runs in a child process of its own; peak RSS is its resident high-water mark
(process.resourceUsage().maxRSS at exit), result file writing included.

| requests | peak RSS (MiB) | wall (s) | requests/s | client CPU (s) | result file (MB) | load average at start |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${rows.join('\n')}`)
}

const [mode, ...args] = process.argv.slice(2)
if (mode === 'server') serve()
else if (mode === 'run') await runOnce(args[0]!, Number(args[1]), Number(args[2]))
else if (mode === 'compare') await compareOnce(args[0]!, args[1]!)
else await table()
