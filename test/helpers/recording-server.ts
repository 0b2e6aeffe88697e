import { createServer, type Server } from 'node:http'

export interface RecordedRequest {
  /** Arrival order, from 0. */
  index: number
  body: Record<string, unknown>
  /** performance.now() when the body had arrived. */
  receivedAt: number
  /** The answer text this server streamed back (empty when it failed the request). */
  answer: string
  /** performance.now() when the answer's last byte was written. */
  answeredAt: number
}

export interface RecordingServer {
  url: string
  requests: RecordedRequest[]
  /** Most requests that were in flight at once. */
  maxInFlight(): number
  close(): Promise<void>
}

export interface RecordingOptions {
  /** Answer request `index` with HTTP 500 instead of a stream. */
  failRequest?: (index: number) => boolean
  /** Delay before the first content event, in ms. */
  delayMs?: number
}

const event = (payload: unknown): string => `data: ${JSON.stringify(payload)}\n\n`
const chunk = (content: string): string => event({ id: 'r', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content }, finish_reason: null }] })

/**
 * A chat server on 127.0.0.1 that records every body it receives and streams a different answer
 * to each request, in three content events with quotes and multi-byte characters, so a test can
 * check what a client sent back of it.
 */
export async function startRecordingServer(options: RecordingOptions = {}): Promise<RecordingServer> {
  const requests: RecordedRequest[] = []
  let inFlight = 0
  let maxInFlight = 0
  const server: Server = createServer((req, res) => {
    if (req.method !== 'POST') {
      res.writeHead(404).end()
      return
    }
    let raw = ''
    req.on('data', (data: Buffer) => (raw += data.toString()))
    req.on('end', () => {
      const index = requests.length
      const recorded: RecordedRequest = { index, body: JSON.parse(raw) as Record<string, unknown>, receivedAt: performance.now(), answer: '', answeredAt: Number.NaN }
      requests.push(recorded)
      if (options.failRequest?.(index) === true) {
        res.writeHead(500, { 'content-type': 'application/json' }).end('{"error": {"message": "scripted failure"}}')
        recorded.answeredAt = performance.now()
        return
      }
      inFlight++
      maxInFlight = Math.max(maxInFlight, inFlight)
      const pieces = [` answer ${index}`, ' says "café"', ` 🙂 to ${index}`]
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      res.write(event({ id: 'r', choices: [{ index: 0, delta: { role: 'assistant', content: '' } }] }))
      setTimeout(() => {
        for (const piece of pieces) res.write(chunk(piece))
        recorded.answer = pieces.join('')
        res.write(event({ id: 'r', choices: [], usage: { prompt_tokens: 10, completion_tokens: 3, total_tokens: 13 } }))
        inFlight--
        recorded.answeredAt = performance.now()
        res.end('data: [DONE]\n\n')
      }, options.delayMs ?? 2)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    maxInFlight: () => maxInFlight,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
