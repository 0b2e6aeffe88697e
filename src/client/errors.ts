import type { RequestError, TimeoutPhase } from '../result/types.js'

/** Why we aborted a request ourselves: a timeout phase, a protocol failure, or the run being cancelled. */
export class RequestAbort extends Error {
  constructor(
    readonly reason: TimeoutPhase | 'protocol' | 'cancelled',
    message: string
  ) {
    super(message)
    this.name = 'RequestAbort'
  }
}

const MAX_MESSAGE = 300

/** The readable part of an error body (OpenAI `error.message`, FastAPI `detail`, TGI `error`), short and without secrets. */
export function excerptErrorBody(body: string, redact: (text: string) => string): string {
  let text = body.trim()
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>
    const error = parsed.error
    const message =
      (error !== null && typeof error === 'object' && 'message' in error ? (error as { message: unknown }).message : undefined) ??
      (typeof error === 'string' ? error : undefined) ??
      parsed.message ??
      parsed.detail
    if (message !== undefined) text = typeof message === 'string' ? message : JSON.stringify(message)
  } catch {
    // not JSON: keep the text
  }
  text = redact(text.replace(/\s+/g, ' '))
  if (text === '') return '(empty body)'
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 3)}...` : text
}

const TRANSPORT_KINDS: Record<string, RequestError['kind']> = {
  ECONNREFUSED: 'connection',
  ECONNRESET: 'connection',
  EPIPE: 'connection',
  ENOTFOUND: 'connection',
  EHOSTUNREACH: 'connection',
  UND_ERR_SOCKET: 'connection',
  UND_ERR_CLOSED: 'connection',
  UND_ERR_DESTROYED: 'connection',
  // The server's bytes were not the HTTP/1.1 they claimed to be: the connection itself was fine.
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'protocol'
}

/** llhttp's parse errors (a bad chunk size, a missing CRLF after a chunk): undici names them HTTPParserError and codes them HPE_* when it knows the code. */
const isHttpParseError = (error: Error, code: string): boolean => error.name === 'HTTPParserError' || code.startsWith('HPE_')

/** Maps what undici or our own abort raised to an error record (docs/metrics.md, error kinds). */
export function classifyTransportError(error: Error, redact: (text: string) => string): RequestError {
  if (error instanceof RequestAbort) {
    if (error.reason === 'cancelled') return { kind: 'cancelled', message: error.message }
    if (error.reason === 'protocol') return { kind: 'protocol', message: error.message }
    return { kind: 'timeout', timeout: error.reason, message: error.message }
  }
  const code = (error as NodeJS.ErrnoException).code ?? ''
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return { kind: 'timeout', timeout: 'connect', message: 'connecting to the server timed out' }
  if (code === 'UND_ERR_HEADERS_TIMEOUT') return { kind: 'timeout', timeout: 'first_token', message: 'no response headers before the first-token timeout' }
  if (code === 'UND_ERR_BODY_TIMEOUT') return { kind: 'timeout', timeout: 'idle', message: 'no bytes within the idle timeout' }
  if (isHttpParseError(error, code)) return { kind: 'protocol', message: redact(`the response is not valid HTTP/1.1${code !== '' ? ` (${code})` : ''}: ${error.message}`).slice(0, MAX_MESSAGE) }
  const kind = TRANSPORT_KINDS[code] ?? 'connection'
  const cause = (error as { cause?: { code?: string } }).cause?.code
  const label = [code, cause].filter((part) => part !== undefined && part !== '').join('/')
  return { kind, message: redact(`${label !== '' ? `${label}: ` : ''}${error.message}`).slice(0, MAX_MESSAGE) }
}
