import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { BatchingEngine, realClock, type EngineClock, type EngineStats } from './engine.js'
import type { FaultSpec } from './faults.js'
import { EXPOSITION_CONTENT_TYPE, metricsExposition } from './metrics.js'
import { PrefixCache, type PrefixCacheStats } from './prefix-cache.js'
import type { SimulatorProfile } from './profiles.js'
import { parseOpenAiRequest, parseTgiRequest, type ParsedRequest } from './requests.js'
import { sendJson, sendTgiValidationError, serveGeneration, type SessionSettings } from './session.js'
import { modelList, openAiError, tgiInfo } from './shapes.js'
import type { Slowdown } from './slowdown.js'

/** What `/version` and `/info` report, so a result file can tell a simulated server from a real one. */
export const SIMULATOR_VERSION = '1.0.0+llm-perf-gate-simulator'

/** Request bodies larger than this are refused; a prompt of this size is far past any model's context. */
const MAX_BODY_BYTES = 32 * 1024 * 1024

export interface ServerConfig {
  host: string
  port: number
  profile: SimulatorProfile
  seed: number
  slowdown: Slowdown
  faults: FaultSpec
  modelName: string
  clock?: EngineClock
  /** Keep conversation histories' KV (prefix-cache.ts); default true. */
  prefixCache?: boolean
}

export interface SimulatorStats extends EngineStats {
  /** Open TCP connections, streams and idle keep-alive sockets alike. */
  connections: number
  /** Generation requests received since start. */
  requests: number
  /** What the prefix cache saved; null without one. */
  prefixCache: PrefixCacheStats | null
}

export interface SimulatorServer {
  url: string
  port: number
  stats(): SimulatorStats
  close(): Promise<void>
}

type Route = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge()
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

export async function listen(config: ServerConfig): Promise<SimulatorServer> {
  const engine = new BatchingEngine(config.profile, config.slowdown, config.seed, config.clock ?? realClock)
  const prefixCache = config.prefixCache === false ? null : new PrefixCache(config.profile.kvCapacityTokens)
  const settings: SessionSettings = { engine, profile: config.profile, seed: config.seed, modelName: config.modelName, faults: config.faults, prefixCache }
  const startedAt = Math.floor(Date.now() / 1000)
  const limits = { modelName: config.modelName, maxModelLen: config.profile.maxModelLen }
  const sockets = new Set<Socket>()
  let arrivals = 0

  const generation =
    (parse: (body: unknown) => ParsedRequest, jsonError: (message: string) => { status: number; body: unknown }): Route =>
    async (req, res) => {
      let body: unknown
      try {
        body = JSON.parse(await readBody(req))
      } catch (error) {
        const refusal = error instanceof BodyTooLarge ? { status: 413, body: openAiError(413, 'BadRequestError', 'Request body too large.') } : jsonError('The request body is not valid JSON.')
        sendJson(res, refusal.status, refusal.body)
        return
      }
      const parsed = parse(body)
      if (!parsed.ok) {
        if (parsed.refusal.kind === 'json') sendJson(res, parsed.refusal.status, parsed.refusal.body)
        else sendTgiValidationError(res, parsed.refusal.message)
        return
      }
      serveGeneration(res, parsed.request, arrivals++, settings)
    }

  const openAiJsonError = (message: string) => ({ status: 400, body: openAiError(400, 'BadRequestError', message) })
  // axum's Json extractor refuses a body it cannot parse with 422 and a plain-text reason.
  const tgiJsonError = (message: string) => ({ status: 422, body: `Failed to parse the request body as JSON: ${message}` })

  const routes: Record<string, Record<string, Route>> = {
    '/v1/chat/completions': { POST: generation((body) => parseOpenAiRequest('chat', body, limits), openAiJsonError) },
    '/v1/completions': { POST: generation((body) => parseOpenAiRequest('completions', body, limits), openAiJsonError) },
    '/generate_stream': { POST: generation((body) => parseTgiRequest(body, limits), tgiJsonError) },
    '/v1/models': { GET: (_req, res) => sendJson(res, 200, modelList(config.modelName, config.profile.maxModelLen, startedAt)) },
    '/health': { GET: (_req, res) => sendJson(res, 200, '') },
    '/metrics': { GET: (_req, res) => sendJson(res, 200, metricsExposition(engine.stats(), config.profile, config.modelName), { 'content-type': EXPOSITION_CONTENT_TYPE }) },
    '/version': { GET: (_req, res) => sendJson(res, 200, { version: SIMULATOR_VERSION }) },
    '/info': { GET: (_req, res) => sendJson(res, 200, tgiInfo(config.modelName, SIMULATOR_VERSION, config.profile.maxModelLen, config.profile.maxRunningSequences)) }
  }

  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] as string
    const methods = Object.hasOwn(routes, path) ? routes[path] : undefined
    // FastAPI's answers for an unknown path or method.
    if (methods === undefined) return sendJson(res, 404, { detail: 'Not Found' })
    const route = Object.hasOwn(methods, req.method ?? '') ? methods[req.method ?? ''] : undefined
    if (route === undefined) return sendJson(res, 405, { detail: 'Method Not Allowed' }, { allow: Object.keys(methods).join(', ') })
    Promise.resolve(route(req, res)).catch((error: unknown) => {
      // A bug in the simulator must fail the one request, loudly, not the server.
      if (!res.headersSent) sendJson(res, 500, openAiError(500, 'InternalServerError', String(error)))
      else res.destroy()
    })
  })
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(config.port, config.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('the simulator is not listening on a TCP port')
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address

  let closing: Promise<void> | undefined
  return {
    url: `http://${hostForUrl}:${address.port}`,
    port: address.port,
    stats: () => ({ ...engine.stats(), connections: sockets.size, requests: arrivals, prefixCache: prefixCache?.stats() ?? null }),
    close() {
      closing ??= (async () => {
        engine.stop()
        const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()))
        // Streams, stalls and idle keep-alive sockets would otherwise hold close() open.
        const socketsClosed = [...sockets].map((socket) => new Promise<void>((resolve) => socket.destroy().once('close', () => resolve())))
        await Promise.all([serverClosed, ...socketsClosed])
      })()
      return closing
    }
  }
}
