import { Pool } from 'undici'

export interface PoolOptions {
  /** Max connections; null lets undici open as many as requests in flight need. */
  connections: number | null
  connectTimeoutMs: number
}

/**
 * One pool per server, sized to the workload's concurrency. HTTP/1.1 is chosen explicitly
 * (undici 8 would negotiate HTTP/2 over TLS): every engine's OpenAI server speaks it, and one
 * stream per connection keeps a slow stream from delaying another's bytes. Our own watchdog
 * enforces the workload's timeouts, so undici's are set beyond them as a backstop.
 */
export function createPool(origin: string, options: PoolOptions): Pool {
  return new Pool(origin, {
    connections: options.connections,
    pipelining: 1,
    allowH2: false,
    connect: { timeout: options.connectTimeoutMs },
    headersTimeout: 0,
    bodyTimeout: 0,
    keepAliveTimeout: 60_000,
    keepAliveMaxTimeout: 600_000
  })
}

/**
 * Opens `count` connections before the first measured request, so connection setup never
 * lands in a measured request (SPEC §5). Requests dispatched in one tick each need their own
 * connection; any answer, even a 404, leaves it open for keep-alive.
 */
export async function preconnect(pool: Pool, count: number, path = '/health'): Promise<{ ok: number; firstError: string | null }> {
  const attempts = Array.from({ length: count }, async () => {
    const response = await pool.request({ path, method: 'GET' })
    await response.body.dump()
  })
  const settled = await Promise.allSettled(attempts)
  const failure = settled.find((outcome) => outcome.status === 'rejected')
  const reason = failure?.reason as NodeJS.ErrnoException | undefined
  return {
    ok: settled.filter((outcome) => outcome.status === 'fulfilled').length,
    firstError: reason === undefined ? null : `${reason.code ?? ''} ${reason.message}`.trim()
  }
}
