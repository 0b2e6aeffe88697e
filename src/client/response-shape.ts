/**
 * What a response's status and headers say about how to read its body, and the bounds on a
 * stream, decided before the first byte is read.
 */

/** How the body is read: events, or kept (up to a limit) for the error message. */
export type BodyMode =
  | 'stream' // a 2xx event stream
  | 'error' // a non-2xx answer: its body is the server's message
  | 'json' // 2xx JSON: the server ignored "stream": true
  | 'html' // 2xx HTML: a proxy's login or error page, not the server

export interface ResponseShape {
  mode: BodyMode
  /** Set when the body cannot be read at all: the request fails at once with this protocol message. */
  refuse: string | null
}

const header = (headers: Record<string, string | string[] | undefined>, name: string): string => {
  const value = headers[name]
  return (Array.isArray(value) ? value.join(', ') : (value ?? '')).trim()
}

/**
 * We send no `accept-encoding`, so a compressed body is one we did not ask for and cannot read as
 * events (undici's dispatch does not decompress); HTML with a 2xx status is most often a proxy's
 * login or error page answering in place of the server.
 */
export function responseShape(status: number, headers: Record<string, string | string[] | undefined>): ResponseShape {
  if (status < 200 || status >= 300) return { mode: 'error', refuse: null }
  const encoding = header(headers, 'content-encoding').toLowerCase()
  if (encoding !== '' && encoding !== 'identity') {
    return { mode: 'stream', refuse: `the server answered ${status} with content-encoding: ${encoding.slice(0, 40)}, which the client did not ask for and cannot read as an event stream; turn compression off for this route (a proxy's gzip setting?)` }
  }
  const type = header(headers, 'content-type').toLowerCase()
  if (type.includes('json')) return { mode: 'json', refuse: null }
  if (type.includes('text/html') || type.includes('application/xhtml')) return { mode: 'html', refuse: null }
  return { mode: 'stream', refuse: null }
}

/** The visible text of an HTML page, for a message: its title, else its text without tags. */
export function htmlText(html: string): string {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1]?.trim()
  if (title !== undefined && title !== '') return title
  return html.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ')
}

/**
 * How far a stream may run past its max_tokens before it is cut as a protocol error. Servers
 * count differently (an EOS token, a role-only chunk, a token split over two events), so the
 * margin is wide: content events or the server's cumulative token count past 2 × max_tokens + 16,
 * or events of any kind past twice that (a stream of empty events also grows without end).
 */
export function streamLimits(maxTokens: number): { content: number; events: number } {
  const content = 2 * maxTokens + 16
  return { content, events: 2 * content }
}
