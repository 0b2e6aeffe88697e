// A loopback HTTP/1.1 server that misbehaves on purpose, written on raw sockets so that it can
// send what no well-behaved server library would: garbage chunk sizes, a body nobody asked to
// be compressed, headers and then silence. Tests and the fault-soak bench start it on
// 127.0.0.1 and close it; every behaviour either ends or waits for the client to give up.
import { createServer, type Server, type Socket } from 'node:net'
import { gzipSync } from 'node:zlib'

export const HOSTILE_BEHAVIOURS = [
  'ok', // a short, correct chat stream
  'silent', // reads the request, never answers
  'headers-only', // 200 event-stream headers, then nothing
  'endless', // content events for ever, whatever max_tokens says
  'gzip', // a gzip-encoded event stream the client did not ask for
  'html', // 200 text/html: a proxy's login page
  'bad-chunked', // a chunk size that is not hexadecimal
  'big-event', // one event of `bigEventBytes`, in 64 KiB writes, then a normal end
  'close-mid-stream', // three tokens, then the connection is destroyed
  'model-not-found', // vLLM's 404 for a model it does not serve
  'server-error', // a 500 with a JSON error body
  'empty-stream' // a correct stream without a single token: role chunk, [DONE]
] as const
export type HostileBehaviour = (typeof HOSTILE_BEHAVIOURS)[number]

export interface HostileRequest {
  method: string
  path: string
  /** POSTs received before this one, from 0. */
  index: number
}

export interface HostileServerOptions {
  /** What to do with each request; GETs default to a plain 200 when this returns 'ok'. */
  behaviour: (request: HostileRequest) => HostileBehaviour
  /** The size of the data line of a 'big-event' (default 1,000,000 bytes). */
  bigEventBytes?: number
  /** Tokens of an 'ok' stream (default 4). */
  tokens?: number
}

export interface HostileServer {
  url: string
  /** POST requests received whole. */
  posts(): number
  close(): Promise<void>
}

const event = (payload: unknown): string => `data: ${JSON.stringify(payload)}\n\n`
const content = (text: string, finish: string | null = null): string => event({ id: 'h', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: text }, finish_reason: finish }] })
const ROLE = event({ id: 'h', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { role: 'assistant', content: '' } }] })

function okStream(tokens: number): string {
  let text = ROLE
  for (let i = 0; i < tokens; i++) text += content(` t${i}`, i === tokens - 1 ? 'length' : null)
  return `${text}${event({ choices: [], usage: { prompt_tokens: 5, completion_tokens: tokens, total_tokens: 5 + tokens } })}data: [DONE]\n\n`
}

const chunk = (text: string | Buffer): Buffer => {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text)
  return Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, Buffer.from('\r\n')])
}
const STREAM_HEAD = 'HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncache-control: no-cache\r\ntransfer-encoding: chunked\r\n\r\n'
const LAST_CHUNK = '0\r\n\r\n'

/** Parses requests off one socket (keep-alive: one after another) and answers each as told. */
class Connection {
  private buffer = Buffer.alloc(0)
  private busy = false
  private timer: NodeJS.Timeout | null = null

  constructor(
    private readonly socket: Socket,
    private readonly server: HostileServerState
  ) {
    socket.on('data', (data: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, data])
      this.next()
    })
    socket.on('close', () => this.stopTimer())
    socket.on('error', () => this.stopTimer())
  }

  private stopTimer(): void {
    if (this.timer !== null) clearInterval(this.timer)
    this.timer = null
  }

  private next(): void {
    if (this.busy) return
    const headEnd = this.buffer.indexOf('\r\n\r\n')
    if (headEnd < 0) return
    const head = this.buffer.subarray(0, headEnd).toString('latin1')
    const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0)
    if (this.buffer.length < headEnd + 4 + length) return
    this.buffer = this.buffer.subarray(headEnd + 4 + length)
    const [method = 'GET', path = '/'] = head.split('\r\n')[0]!.split(' ')
    const index = method === 'POST' ? this.server.posts++ : this.server.posts
    this.busy = true
    this.answer(this.server.options.behaviour({ method, path, index }), method)
  }

  /** Ends a response that leaves the connection usable, and reads the next request. */
  private done(): void {
    this.busy = false
    this.next()
  }

  private write(data: string | Buffer): void {
    if (!this.socket.destroyed) this.socket.write(data)
  }

  private answer(behaviour: HostileBehaviour, method: string): void {
    const { options } = this.server
    switch (behaviour) {
      case 'silent':
        return
      case 'headers-only':
        this.write(STREAM_HEAD)
        return
      case 'ok':
        if (method === 'GET') this.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok')
        else this.write(Buffer.concat([Buffer.from(STREAM_HEAD), chunk(okStream(options.tokens ?? 4)), Buffer.from(LAST_CHUNK)]))
        this.done()
        return
      case 'model-not-found': {
        const body = JSON.stringify({ object: 'error', message: 'The model `no-such-model` does not exist.', type: 'NotFoundError', param: null, code: 404 })
        this.write(`HTTP/1.1 404 Not Found\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`)
        this.done()
        return
      }
      case 'server-error': {
        const body = JSON.stringify({ error: { message: 'CUDA out of memory', type: 'InternalServerError' } })
        this.write(`HTTP/1.1 500 Internal Server Error\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`)
        this.done()
        return
      }
      case 'empty-stream':
        this.write(Buffer.concat([Buffer.from(STREAM_HEAD), chunk(`${ROLE}data: [DONE]\n\n`), Buffer.from(LAST_CHUNK)]))
        this.done()
        return
      case 'html': {
        const page = '<!doctype html><html><head><title>Sign in - Example Corp proxy</title></head><body><form>user <input name=u></form></body></html>'
        this.write(`HTTP/1.1 200 OK\r\ncontent-type: text/html; charset=utf-8\r\ncontent-length: ${page.length}\r\n\r\n${page}`)
        this.done()
        return
      }
      case 'gzip': {
        const body = gzipSync(okStream(options.tokens ?? 4))
        this.write(Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncontent-encoding: gzip\r\ncontent-length: ${body.length}\r\n\r\n`), body]))
        this.done()
        return
      }
      case 'bad-chunked':
        this.write(`${STREAM_HEAD}ZZ\r\ngarbage\r\n`)
        return
      case 'close-mid-stream':
        this.write(Buffer.concat([Buffer.from(STREAM_HEAD), chunk(ROLE + content(' a') + content(' b') + content(' c'))]))
        setImmediate(() => this.socket.destroy())
        return
      case 'big-event': {
        const size = options.bigEventBytes ?? 1_000_000
        const line = content('x'.repeat(size))
        this.write(Buffer.concat([Buffer.from(STREAM_HEAD), chunk(ROLE + content(' a'))]))
        for (let offset = 0; offset < line.length; offset += 64 * 1024) this.write(chunk(line.slice(offset, offset + 64 * 1024)))
        this.write(Buffer.concat([chunk(content(' z', 'length') + 'data: [DONE]\n\n'), Buffer.from(LAST_CHUNK)]))
        this.done()
        return
      }
      case 'endless': {
        this.write(Buffer.concat([Buffer.from(STREAM_HEAD), chunk(ROLE)]))
        let index = 0
        // Ten events a millisecond until the client hangs up.
        this.timer = setInterval(() => {
          if (this.socket.destroyed || this.socket.writableNeedDrain) return
          let text = ''
          for (let i = 0; i < 10; i++) text += content(` e${index++}`)
          this.write(chunk(text))
        }, 1)
        return
      }
    }
  }
}

interface HostileServerState {
  options: HostileServerOptions
  posts: number
}

/** Starts a hostile server on 127.0.0.1 at a free port. */
export async function startHostileServer(options: HostileServerOptions): Promise<HostileServer> {
  const state: HostileServerState = { options, posts: 0 }
  const sockets = new Set<Socket>()
  const server: Server = createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => socket.destroy())
    new Connection(socket, state)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return {
    url: `http://127.0.0.1:${port}`,
    posts: () => state.posts,
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}
