/**
 * The HTTP front: OpenAI-compatible routes over node:http, streaming with server-sent events.
 * A client that goes away mid-request aborts its generation and frees its sequence.
 */
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { renderChatPrompt } from './chat-format.ts'
import type { Engine, FinishReason } from './engine.ts'
import { parseGenerationRequest, RequestError } from './openai-request.ts'
import type { Endpoint, ParsedRequest } from './openai-request.ts'
import {
  completeResponse,
  errorBody,
  newResponseIdentity,
  roleChunk,
  textChunk,
  usageChunk,
  usageOf
} from './openai-response.ts'

export interface InferenceServerOptions {
  engine: Engine
  /** The model id clients must use (or omit). */
  servedModelName: string
  /** The body of `GET /version`. */
  versionInfo: Record<string, unknown>
  /** One line per request when set. */
  logRequest?: (line: string) => void
}

export interface InferenceServer {
  server: Server
  /** Aborts every request in progress (used at shutdown). */
  abortAll(reason: string): void
}

const MAX_BODY_BYTES = 16 * 1024 * 1024

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES) throw new RequestError(`the request body exceeds ${MAX_BODY_BYTES} bytes`, null, 413)
    chunks.push(chunk as Buffer)
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch (error) {
    throw new RequestError(`the request body is not valid JSON: ${(error as Error).message}`)
  }
}

export function createInferenceServer(options: InferenceServerOptions): InferenceServer {
  const { engine, servedModelName } = options
  const active = new Set<AbortController>()
  const startedAt = Math.floor(Date.now() / 1000)
  const counters = { running: 0, promptTokens: 0, generationTokens: 0, finished: new Map<string, number>() }

  /** Prometheus text, with the gauges and counters vLLM's `/metrics` has under similar names. */
  function metricsText(): string {
    const prefix = 'llm_perf_gate_engine'
    const lines = [
      `# TYPE ${prefix}_num_requests_running gauge`,
      `${prefix}_num_requests_running ${counters.running}`,
      `# TYPE ${prefix}_num_requests_waiting gauge`,
      `${prefix}_num_requests_waiting ${engine.queuedRequests}`,
      `# TYPE ${prefix}_prompt_tokens_total counter`,
      `${prefix}_prompt_tokens_total ${counters.promptTokens}`,
      `# TYPE ${prefix}_generation_tokens_total counter`,
      `${prefix}_generation_tokens_total ${counters.generationTokens}`,
      `# TYPE ${prefix}_request_success_total counter`
    ]
    for (const [reason, count] of counters.finished) lines.push(`${prefix}_request_success_total{finished_reason="${reason}"} ${count}`)
    return `${lines.join('\n')}\n`
  }

  function promptTokensFor(request: ParsedRequest): number[] {
    const { input } = request
    if ('messages' in input) return engine.tokenize(renderChatPrompt(input.messages))
    if ('prompt' in input) return engine.tokenize(input.prompt)
    const outOfRange = input.promptTokens.find((token) => token >= engine.vocabularySize)
    if (outOfRange !== undefined) throw new RequestError(`token id ${outOfRange} is outside the vocabulary (size ${engine.vocabularySize})`, 'prompt')
    return input.promptTokens
  }

  async function generate(endpoint: Endpoint, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedMs = performance.now()
    const request = parseGenerationRequest(endpoint, await readJsonBody(req))
    if (request.model !== undefined && request.model !== servedModelName) {
      throw new RequestError(`The model \`${request.model}\` does not exist.`, 'model', 404)
    }
    const promptTokens = promptTokensFor(request)
    const contextSize = engine.contextSize
    const maxTokens = request.maxTokens ?? (endpoint === 'completions' ? 16 : contextSize - promptTokens.length)
    if (promptTokens.length + maxTokens > contextSize || maxTokens < 1) {
      throw new RequestError(
        `This model's maximum context length is ${contextSize} tokens. However, you requested ` +
          `${promptTokens.length + Math.max(1, maxTokens)} tokens (${promptTokens.length} in the prompt, ${Math.max(1, maxTokens)} in the completion). ` +
          'Please reduce the length of the prompt or completion.',
        'max_tokens'
      )
    }

    const controller = new AbortController()
    const { signal } = controller
    res.on('close', () => {
      if (!res.writableFinished) controller.abort(new Error('client disconnected'))
    })
    active.add(controller)
    let lease: Awaited<ReturnType<Engine['lease']>> | undefined
    let completionTokens = 0
    let firstTokenMs: number | undefined
    let finishReason: FinishReason | null = null
    let admittedMs = receivedMs
    try {
      try {
        lease = await engine.lease(signal)
      } catch (error) {
        if (signal.aborted) return
        throw error
      }
      admittedMs = performance.now()
      counters.running++
      counters.promptTokens += promptTokens.length
      const identity = newResponseIdentity(endpoint, servedModelName)
      const usageNow = (): ReturnType<typeof usageOf> | undefined =>
        request.continuousUsageStats && request.includeUsage ? usageOf(promptTokens.length, completionTokens) : undefined
      const generation = lease.generate({ ...request, promptTokens, maxTokens }, signal)

      if (request.stream) {
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache',
          connection: 'keep-alive',
          'x-accel-buffering': 'no'
        })
        const send = (event: object | string): void => {
          res.write(`data: ${typeof event === 'string' ? event : JSON.stringify(event)}\n\n`)
        }
        if (endpoint === 'chat') send(roleChunk(identity, usageNow()))
        for await (const token of generation) {
          completionTokens++
          firstTokenMs ??= performance.now()
          finishReason = token.finishReason
          // A token that only starts a character has no text yet: like vLLM, send nothing for it.
          if (token.text !== '' || token.finishReason !== null) send(textChunk(endpoint, identity, token.text, token.finishReason, usageNow()))
          if (signal.aborted) break
        }
        if (signal.aborted) return
        if (request.includeUsage) send(usageChunk(endpoint, identity, usageOf(promptTokens.length, completionTokens)))
        send('[DONE]')
        res.end()
      } else {
        let text = ''
        for await (const token of generation) {
          completionTokens++
          firstTokenMs ??= performance.now()
          finishReason = token.finishReason
          text += token.text
          if (signal.aborted) break
        }
        if (signal.aborted) return
        sendJson(res, 200, completeResponse(endpoint, identity, text, finishReason ?? 'length', usageOf(promptTokens.length, completionTokens)))
      }
    } catch (error) {
      if (signal.aborted) return
      if (!res.headersSent) throw error
      // Mid-stream failure: tell the client in-band, as vLLM does, then end the stream.
      res.end(`data: ${JSON.stringify(errorBody((error as Error).message, 500))}\n\n`)
    } finally {
      active.delete(controller)
      if (lease !== undefined) {
        counters.running--
        counters.generationTokens += completionTokens
        const outcome = signal.aborted ? 'abort' : (finishReason ?? 'error')
        counters.finished.set(outcome, (counters.finished.get(outcome) ?? 0) + 1)
      }
      await lease?.release()
      const endedMs = performance.now()
      options.logRequest?.(
        `${endpoint} ${signal.aborted ? 'aborted' : (finishReason ?? 'error')} prompt=${promptTokens.length} ` +
          `completion=${completionTokens}/${maxTokens} queue_ms=${(admittedMs - receivedMs).toFixed(1)} ` +
          `ttft_ms=${firstTokenMs === undefined ? '-' : (firstTokenMs - receivedMs).toFixed(1)} ` +
          `total_ms=${(endedMs - receivedMs).toFixed(1)} waiting=${engine.queuedRequests}`
      )
    }
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname
    const generationRoutes: Record<string, Endpoint> = { '/v1/completions': 'completions', '/v1/chat/completions': 'chat' }
    const endpoint = generationRoutes[path]
    if (endpoint !== undefined) {
      if (req.method !== 'POST') return sendJson(res, 405, errorBody(`${req.method} is not allowed on ${path}; use POST`, 405))
      return generate(endpoint, req, res)
    }
    if (req.method !== 'GET') return sendJson(res, 405, errorBody(`${req.method} is not allowed on ${path}`, 405))
    switch (path) {
      case '/health':
        return sendJson(res, 200, { status: 'ok' })
      case '/metrics': {
        const text = metricsText()
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4', 'content-length': Buffer.byteLength(text) })
        res.end(text)
        return
      }
      case '/version':
        return sendJson(res, 200, options.versionInfo)
      case '/v1/models':
        return sendJson(res, 200, {
          object: 'list',
          data: [
            {
              id: servedModelName,
              object: 'model',
              created: startedAt,
              owned_by: 'llm-perf-gate',
              root: engine.description.file,
              parent: null,
              max_model_len: engine.contextSize
            }
          ]
        })
      default:
        return sendJson(res, 404, errorBody(`no route for ${req.method} ${path}`, 404))
    }
  }

  const server = createServer({ noDelay: true, keepAliveTimeout: 30_000 }, (req, res) => {
    route(req, res).catch((error: unknown) => {
      const status = error instanceof RequestError ? error.status : 500
      const param = error instanceof RequestError ? error.param : null
      if (res.headersSent) res.destroy()
      else sendJson(res, status, errorBody(error instanceof Error ? error.message : String(error), status, param))
    })
  })

  return {
    server,
    abortAll(reason) {
      for (const controller of active) controller.abort(new Error(reason))
    }
  }
}
