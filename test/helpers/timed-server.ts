// A scripted OpenAI-style streaming server that logs its own write times, for checking the
// client's timestamps. Run as its own process (node strips the types), so the client under test
// does not share its event loop:
//   node test/helpers/timed-server.ts --log FILE [--ttft 20:50] [--itl 5:15] [--tokens 32]
//     [--usage true] [--burst 0] [--one-piece false]
// Prints {"url": ...} on stdout once listening. Each request's log line holds the prompt, when
// its bytes reached the process (socketMs) and its handler (receivedMs), and when each content
// event was written, in ms on process.hrtime's clock (CLOCK_MONOTONIC, shared by every process
// on the machine).
import { appendFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { parseArgs } from 'node:util'

const { values } = parseArgs({
  options: {
    log: { type: 'string' },
    ttft: { type: 'string', default: '20:50' },
    itl: { type: 'string', default: '5:15' },
    tokens: { type: 'string', default: '32' },
    usage: { type: 'string', default: 'true' },
    // Probability that an event is written together with the next one (a multi-event read).
    burst: { type: 'string', default: '0' },
    // Write the whole response in one piece, as fast as possible (client CPU benchmarks).
    'one-piece': { type: 'string', default: 'false' },
    seed: { type: 'string', default: '1' }
  }
})

const range = (text: string): [number, number] => {
  const [lo, hi] = text.split(':').map(Number)
  return [lo!, hi ?? lo!]
}
const [ttftLo, ttftHi] = range(values.ttft!)
const [itlLo, itlHi] = range(values.itl!)
const tokens = Number(values.tokens)
const withUsage = values.usage === 'true'
const burst = Number(values.burst)
const onePiece = values['one-piece'] === 'true'
const logFile = values.log

// mulberry32: a tiny deterministic generator is enough for a test instrument.
let state = Number(values.seed) >>> 0
const random = (): number => {
  state = (state + 0x6d2b79f5) >>> 0
  let t = state
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const between = (lo: number, hi: number): number => lo + (hi - lo) * random()
const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6

const chunk = (payload: unknown): string => `data: ${JSON.stringify(payload)}\n\n`

function contentEvent(chat: boolean, index: number, last: boolean): string {
  const text = ` t${index}`
  const finish = last ? 'length' : null
  return chat
    ? chunk({ id: 'x', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: text }, finish_reason: finish }] })
    : chunk({ id: 'x', object: 'text_completion', choices: [{ index: 0, text, finish_reason: finish }] })
}

function stream(req: IncomingMessage, res: ServerResponse, body: Record<string, unknown>): void {
  const receivedMs = nowMs()
  // When the request's bytes first reached this process: the earliest moment its code can see them.
  const socketMs = (req.socket as unknown as { lastData?: number }).lastData ?? receivedMs
  const chat = req.url!.includes('chat')
  const prompt = chat ? String((body.messages as Array<{ content: unknown }>)[0]!.content) : String(body.prompt)
  const count = Number(body.max_tokens ?? tokens)
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
  res.socket?.setNoDelay(true)
  const writes: number[] = []
  const finish = (): void => {
    // Logged before the response ends, so the line is on disk before the client can see [DONE]
    // and read the log; logged after, a paused server process left it missing.
    if (logFile !== undefined) appendFileSync(logFile, `${JSON.stringify({ prompt, receivedMs, socketMs, writes })}\n`)
    res.write(withUsage ? chunk({ choices: [], usage: { prompt_tokens: prompt.split(' ').length, completion_tokens: count, total_tokens: count } }) : '')
    res.end('data: [DONE]\n\n')
  }
  if (onePiece) {
    let text = chat ? chunk({ id: 'x', choices: [{ index: 0, delta: { role: 'assistant', content: '' } }] }) : ''
    for (let i = 0; i < count; i++) text += contentEvent(chat, i, i === count - 1)
    writes.push(nowMs())
    res.write(text)
    finish()
    return
  }
  // The role-only chunk goes out at once: it must not count as the first token.
  if (chat) res.write(chunk({ id: 'x', choices: [{ index: 0, delta: { role: 'assistant', content: '' } }] }))
  let index = 0
  const emit = (): void => {
    if (res.destroyed) return
    let text = ''
    const at = nowMs()
    do {
      text += contentEvent(chat, index, index === count - 1)
      writes.push(at)
      index++
    } while (index < count && random() < burst)
    res.write(text)
    if (index >= count) finish()
    else setTimeout(emit, between(itlLo, itlHi))
  }
  setTimeout(emit, between(ttftLo, ttftHi))
}

const server = createServer((req, res) => {
  if (req.method === 'GET') {
    res.writeHead(req.url === '/health' ? 200 : 404).end()
    return
  }
  let raw = ''
  req.on('data', (data: Buffer) => (raw += data.toString()))
  req.on('end', () => stream(req, res, JSON.parse(raw) as Record<string, unknown>))
})
server.keepAliveTimeout = 60_000
server.on('connection', (socket) => socket.prependListener('data', () => ((socket as unknown as { lastData?: number }).lastData = nowMs())))
server.listen(0, '127.0.0.1', () => {
  const address = server.address() as { port: number }
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${address.port}` })}\n`)
})
process.on('SIGTERM', () => server.close(() => process.exit(0)))
