import { createParser, type EventSourceMessage, type EventSourceParser } from 'eventsource-parser'
import type { Client, Dispatcher } from 'undici'
import type { Clock } from '../clock.js'
import type { ApiKind } from '../config/workload.js'
import type { RequestError, RequestRecord } from '../result/types.js'
import type { PlannedRequest } from '../workload/prompts.js'
import { createRedactor } from '../redact.js'
import { API_ADAPTERS, emptyReading, type ApiAdapter, type EventReading } from './api.js'
import { createArrivalStamp } from './arrival.js'
import type { Connections } from './connections.js'
import { classifyTransportError, excerptErrorBody, RequestAbort } from './errors.js'
import { htmlText, responseShape, streamLimits, type BodyMode } from './response-shape.js'

/** Everything a request needs that is the same for the whole run. */
export interface RequestContext {
  /** Hands out a connection per request and takes it back when the request ends. */
  connections: Pick<Connections, 'acquire' | 'release'>
  adapter: ApiAdapter
  path: string
  /** Expanded header values: secrets, never logged. */
  headers: Record<string, string>
  clock: Clock
  /** One stamp per socket read (see arrival.ts). */
  arrivalStamp: () => number
  /** Removes secrets from any server text we keep. */
  redact: (text: string) => string
}

/** The context every request of a run shares on one thread: its adapter, a stamp per socket read, and a redactor of the header values. */
export function createRequestContext(connections: RequestContext['connections'], api: ApiKind, path: string, headers: Record<string, string>, clock: Clock): RequestContext {
  return { connections, adapter: API_ADAPTERS[api], path, headers, clock, arrivalStamp: createArrivalStamp(clock), redact: createRedactor(Object.values(headers)) }
}

/** What the watchdog needs to see of a request in flight. */
export interface InFlightRequest {
  dispatchedAt: number
  /** When the request was written; NaN until then. */
  sentAt: number
  firstContentAt: number
  /** Arrival of the last SSE event (comments and keep-alives do not count: a stalled generator may still send them). */
  lastEventAt: number
  abort(reason: RequestAbort): void
}

const MAX_ERROR_BODY = 4096
/** The most one SSE line or event may hold while it arrives (eventsource-parser counts the partial line and the event's data so far, in characters). */
const MAX_SSE_BUFFER = 1 << 20
const round3 = (value: number): number => Math.round(value * 1000) / 1000

/**
 * One streaming request as an undici dispatch handler: the lowest-overhead way to see each
 * read's bytes as they arrive, and `onRequestSent` is the moment the request left for the
 * server on an open connection (docs/metrics.md: TTFT starts there, never at connection setup).
 */
class StreamHandler implements Dispatcher.DispatchHandler, InFlightRequest {
  dispatchedAt: number
  sentAt = Number.NaN
  firstContentAt = Number.NaN
  lastEventAt = Number.NaN
  private startedAt = Number.NaN
  private controller: Dispatcher.DispatchController | null = null
  private pendingAbort: RequestAbort | null = null
  private status = 0
  private errorBody = ''
  private bodyMode: BodyMode = 'stream'
  private events = 0
  private readonly limits: { content: number; events: number }
  private readonly decoder = new TextDecoder('utf-8')
  private readonly parser: EventSourceParser
  private readonly reading: EventReading = emptyReading()
  private currentStamp = 0
  private lastContentAt = Number.NaN
  private readonly itl: number[] = []
  private itlToken: number[] | null = null
  private contentEvents = 0
  private coalesced = 0
  private done = false
  private promptTokens: number | null = null
  private completionTokens: number | null = null
  private lastCumulativeTokens = 0
  private finishReason: string | null = null
  private failure: RequestError | null = null
  private finished = false
  private finishedAt = Number.NaN
  /** The answer's text, kept only for a conversation's turns (answerChars > 0): single-turn requests keep nothing. */
  readonly answer: string[] | null
  private answerRoom: number

  constructor(
    private readonly context: RequestContext,
    private readonly request: PlannedRequest,
    private readonly scheduledAt: number,
    private readonly trialStart: number,
    private readonly resolve: (record: RequestRecord) => void,
    private readonly client: Client,
    answerChars = 0
  ) {
    this.answer = answerChars > 0 ? [] : null
    this.answerRoom = answerChars
    this.dispatchedAt = context.clock()
    this.limits = streamLimits(request.maxTokens)
    this.parser = createParser({
      onEvent: (event) => this.onEvent(event),
      maxBufferSize: MAX_SSE_BUFFER,
      onError: (error) => {
        if (error.type === 'max-buffer-size-exceeded') this.fail({ kind: 'protocol', message: 'an SSE event grew past 1 MiB while it arrived (the most the client reads for one event); it was cut there' })
      }
    })
  }

  abort(reason: RequestAbort): void {
    if (this.finished) return
    if (this.controller === null) {
      this.pendingAbort = reason
      return
    }
    this.controller.abort(reason)
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller
    this.startedAt = this.context.clock()
    if (this.pendingAbort !== null) controller.abort(this.pendingAbort)
  }

  onRequestSent(): void {
    this.sentAt = this.context.clock()
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: Record<string, string | string[] | undefined>): void {
    if (Number.isNaN(this.sentAt)) this.sentAt = Number.isNaN(this.startedAt) ? this.context.clock() : this.startedAt
    this.status = statusCode
    const shape = responseShape(statusCode, headers)
    this.bodyMode = shape.mode
    if (shape.refuse !== null) this.fail({ kind: 'protocol', message: shape.refuse })
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    const stamp = this.context.arrivalStamp()
    if (this.failure !== null) return
    if (this.bodyMode !== 'stream') {
      if (this.errorBody.length < MAX_ERROR_BODY) this.errorBody += this.decoder.decode(chunk, { stream: true })
      return
    }
    this.currentStamp = stamp
    this.parser.feed(this.decoder.decode(chunk, { stream: true }))
  }

  onResponseEnd(): void {
    if (this.bodyMode === 'stream' && this.failure === null) {
      // A last event without its blank line still counts: some servers end the stream on it.
      // Two line ends dispatch a pending event and are empty lines otherwise.
      this.parser.feed(`${this.decoder.decode()}\n\n`)
    }
    this.finish(null)
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.finish(error)
  }

  private onEvent(event: EventSourceMessage): void {
    if (this.failure !== null) return
    this.lastEventAt = this.currentStamp
    if (++this.events > this.limits.events) {
      this.fail({ kind: 'protocol', message: `the stream sent more than ${this.limits.events} events for max_tokens ${this.request.maxTokens} (2 × (2 × max_tokens + 16)); it was cut there` })
      return
    }
    const reading = this.reading
    this.context.adapter.read(event.data, reading)
    if (reading.malformed !== null) {
      this.fail({ kind: 'protocol', message: `event ${this.contentEvents + 1} is not valid JSON of the ${this.context.adapter.kind} stream: ${excerptErrorBody(reading.malformed, this.context.redact)}` })
      return
    }
    if (reading.error !== null || event.event === 'error') {
      this.fail({ kind: 'server', message: `the stream carried an error: ${excerptErrorBody(reading.error ?? event.data, this.context.redact)}` })
      return
    }
    if (reading.promptTokens !== null) this.promptTokens = reading.promptTokens
    if (reading.finishReason !== null) this.finishReason = reading.finishReason
    if (reading.content) this.onContent(reading)
    else if (reading.completionTokens !== null) this.completionTokens = reading.completionTokens
    if (reading.done) this.done = true
    const pastMax = Math.max(this.contentEvents, this.completionTokens ?? 0)
    if (pastMax > this.limits.content) {
      this.fail({ kind: 'protocol', message: `the stream ran past max_tokens ${this.request.maxTokens}: ${pastMax} ${this.contentEvents >= pastMax ? 'content events' : 'tokens counted by the server'}, more than 2 × max_tokens + 16; it was cut there` })
    }
  }

  private onContent(reading: EventReading): void {
    const stamp = this.currentStamp
    let tokens = reading.tokens
    if (reading.completionTokens !== null) {
      // Continuous usage: the count is cumulative, so this event carried the difference.
      if (tokens === null) tokens = reading.completionTokens - this.lastCumulativeTokens
      this.lastCumulativeTokens = reading.completionTokens
      this.completionTokens = reading.completionTokens
    }
    if (this.contentEvents === 0) {
      this.firstContentAt = stamp
    } else {
      const gap = stamp - this.lastContentAt
      if (gap === 0) this.coalesced++
      this.itl.push(round3(gap))
      if (tokens !== null && tokens > 0) (this.itlToken ??= []).push(round3(gap / tokens))
    }
    this.lastContentAt = stamp
    this.contentEvents++
    if (this.answer !== null && reading.text !== null && this.answerRoom > 0) {
      const text = reading.text.length <= this.answerRoom ? reading.text : reading.text.slice(0, this.answerRoom)
      this.answer.push(text)
      this.answerRoom -= text.length
    }
  }

  private fail(error: RequestError): void {
    if (this.failure !== null) return
    this.failure = error
    this.controller?.abort(new RequestAbort('protocol', error.message))
  }

  private finish(transportError: Error | null): void {
    if (this.finished) return
    this.finished = true
    this.finishedAt = this.context.clock()
    this.context.connections.release(this.client)
    let error = this.failure
    if (error === null && transportError !== null) error = classifyTransportError(transportError, this.context.redact)
    if (error === null && (this.status < 200 || this.status >= 300)) {
      error = { kind: 'http', status: this.status, message: excerptErrorBody(this.errorBody, this.context.redact) }
    }
    if (error === null && this.bodyMode === 'html') {
      error = { kind: 'protocol', message: `the server answered ${this.status} with an HTML page (content-type text/html), not an event stream: a proxy's login or error page? It says: ${excerptErrorBody(htmlText(this.errorBody), this.context.redact)}` }
    }
    if (error === null && this.bodyMode === 'json') {
      error = { kind: 'protocol', message: `the server answered ${this.status} with JSON, not an event stream; does it support "stream": true? ${excerptErrorBody(this.errorBody, this.context.redact)}` }
    }
    if (error === null && this.contentEvents === 0) {
      error = { kind: 'protocol', message: this.done ? 'the stream ended without any generated content' : 'the stream ended without generated content or an end marker' }
    }
    this.resolve(this.record(error))
  }

  private record(error: RequestError | null): RequestRecord {
    const sent = Number.isNaN(this.sentAt) ? null : this.sentAt
    const ttft = sent !== null && this.contentEvents > 0 ? this.firstContentAt - sent : null
    const e2e = sent !== null && this.contentEvents > 0 ? this.lastContentAt - sent : null
    const fromUsage = this.completionTokens !== null
    const outputTokens = fromUsage ? this.completionTokens! : this.contentEvents
    const tpot = ttft !== null && e2e !== null && outputTokens > 1 ? (e2e - ttft) / (outputTokens - 1) : null
    const record: RequestRecord = {
      id: this.request.id,
      scheduled_ms: round3(this.scheduledAt - this.trialStart),
      sent_ms: sent === null ? null : round3(sent - this.trialStart),
      client_queue_ms: sent === null ? null : round3(sent - this.scheduledAt),
      end_ms: round3(this.finishedAt - this.trialStart),
      ttft_ms: ttft === null ? null : round3(ttft),
      e2e_ms: e2e === null ? null : round3(e2e),
      tpot_ms: tpot === null ? null : round3(tpot),
      itl_ms: this.itl,
      input_tokens: this.promptTokens ?? this.request.inputTokensTarget,
      input_tokens_source: this.promptTokens !== null ? (this.context.adapter.kind === 'tgi' ? 'details' : 'usage') : 'estimate',
      output_tokens: outputTokens,
      output_tokens_source: fromUsage ? (this.context.adapter.kind === 'tgi' ? 'details' : 'usage') : 'events',
      max_tokens: this.request.maxTokens,
      content_events: this.contentEvents,
      coalesced_events: this.coalesced,
      done: this.done,
      finish_reason: this.finishReason === null ? null : this.context.redact(this.finishReason),
      ok: error === null
    }
    if (this.itlToken !== null) record.itl_token_ms = this.itlToken
    if (error !== null) record.error = error
    return record
  }
}

export interface StartedRequest {
  inFlight: InFlightRequest
  completion: Promise<RequestRecord>
  /** The streamed answer text, when asked for with `answerChars` (at most that many characters); null otherwise. */
  answerText(): string | null
}

/**
 * Sends one request now; the promise always resolves, with a failed record when anything goes
 * wrong. `answerChars` > 0 keeps up to that many characters of the answer's text.
 */
export function startRequest(context: RequestContext, request: PlannedRequest, body: string | Uint8Array, scheduledAt: number, trialStart: number, answerChars = 0): StartedRequest {
  let handler!: StreamHandler
  const client = context.connections.acquire()
  const completion = new Promise<RequestRecord>((resolve) => {
    handler = new StreamHandler(context, request, scheduledAt, trialStart, resolve, client, answerChars)
  })
  try {
    client.dispatch(
      {
        path: context.path,
        method: 'POST',
        headers: { ...context.headers, 'content-type': 'application/json', accept: 'text/event-stream' },
        body
      },
      handler
    )
  } catch (error) {
    handler.onResponseError(null as never, error as Error)
  }
  return { inFlight: handler, completion, answerText: () => (handler.answer === null ? null : handler.answer.join('')) }
}

