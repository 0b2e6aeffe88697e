import { Client } from 'undici'

export interface ConnectionOptions {
  /** Requests in flight at most (the concurrency); null for an uncapped open loop. */
  inFlight: number | null
  connectTimeoutMs: number
}

/**
 * The client's connections to one server: one undici Client (one HTTP/1.1 connection) each.
 *
 * undici waits a full event-loop turn before it reuses a connection whose response just ended
 * (a guard against servers that close despite keep-alive), so a closed loop that sends its next
 * request on the connection that just freed waits that turn, milliseconds on a busy loop, in
 * every request's client_queue_ms. Here a request takes the connection idle the longest, and a
 * few spare connections beyond the concurrency make sure one idle since an earlier turn exists.
 *
 * HTTP/1.1 is chosen explicitly (undici 8 would negotiate HTTP/2 over TLS): every engine's
 * OpenAI server speaks it, and one stream per connection keeps a slow stream from delaying
 * another's bytes. Our watchdog enforces the workload's timeouts, so undici's are off.
 */
export class Connections {
  private readonly idle: Client[] = []
  private readonly all = new Set<Client>()
  readonly size: number | null

  constructor(
    readonly origin: string,
    private readonly options: ConnectionOptions
  ) {
    this.size = options.inFlight === null ? null : options.inFlight + spareConnections(options.inFlight)
  }

  private create(): Client {
    const client = new Client(this.origin, {
      pipelining: 1,
      allowH2: false,
      connect: { timeout: this.options.connectTimeoutMs },
      headersTimeout: 0,
      bodyTimeout: 0,
      keepAliveTimeout: 60_000,
      keepAliveMaxTimeout: 600_000
    })
    this.all.add(client)
    return client
  }

  /** The connection idle the longest, or a new one. Never waits: the caller bounds what is in flight. */
  acquire(): Client {
    return this.idle.shift() ?? this.create()
  }

  release(client: Client): void {
    if (!client.destroyed && !client.closed) this.idle.push(client)
    else this.all.delete(client)
  }

  /**
   * Opens connections before the first measured request, so connection setup never lands in a
   * measured one (docs/metrics.md): each gets a GET; any answer, even a 404, leaves it open. The connect
   * and the whole answer must come within connect_s: a server that accepts and never answers
   * would hold the run for ever. Aborting `signal` (Ctrl-C) stops the wait at once.
   */
  async open(count: number, path = '/health', signal?: AbortSignal): Promise<{ ok: number; firstError: string | null }> {
    const wanted = Math.max(count, this.size ?? count)
    const clients = Array.from({ length: wanted }, () => this.acquire())
    const deadline = AbortSignal.timeout(this.options.connectTimeoutMs)
    const stop = signal === undefined ? deadline : AbortSignal.any([deadline, signal])
    const settled = await Promise.allSettled(
      clients.map(async (client) => {
        const response = await client.request({ path, method: 'GET', signal: stop })
        await response.body.dump({ signal: stop, limit: 128 * 1024 })
      })
    )
    for (const client of clients) this.release(client)
    const failure = settled.find((outcome) => outcome.status === 'rejected')
    const reason = failure?.reason as NodeJS.ErrnoException | undefined
    return {
      ok: settled.filter((outcome) => outcome.status === 'fulfilled').length,
      firstError: reason === undefined ? null : deadline.aborted && signal?.aborted !== true ? `no answer to GET ${path} within connect_s (${this.options.connectTimeoutMs / 1000} s)` : `${reason.code ?? ''} ${reason.message}`.trim()
    }
  }

  /** Connections currently open (for tests and diagnostics). */
  get openCount(): number {
    return this.all.size
  }

  async close(): Promise<void> {
    await Promise.all([...this.all].map((client) => client.destroy()))
    this.all.clear()
    this.idle.length = 0
  }
}

/** Enough spares that several responses ending in one turn still find an older idle connection. */
export function spareConnections(inFlight: number): number {
  return Math.max(2, Math.ceil(inFlight / 4))
}
