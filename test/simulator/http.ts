/** Small HTTP helpers for the simulator tests: raw SSE text, event arrival times, nothing parsed for us. */

export function post(baseUrl: string, path: string, body: unknown, signal?: AbortSignal): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...(signal !== undefined ? { signal } : {})
  })
}

/** Splits raw SSE text into its events (blank-line separated), dropping the empty tail. */
export function sseEvents(text: string): string[] {
  const events = text.split('\n\n')
  if (events.at(-1) === '') events.pop()
  return events
}

/** The JSON payloads of `data: ` events, in order, skipping `[DONE]` and comments. */
export function vllmPayloads(text: string): Array<Record<string, unknown>> {
  return sseEvents(text)
    .filter((event) => event.startsWith('data: ') && event !== 'data: [DONE]')
    .map((event) => JSON.parse(event.slice('data: '.length)) as Record<string, unknown>)
}

export interface TimedStream {
  text: string
  /** Each complete event with performance.now() at the arrival of its last byte. */
  events: Array<{ atMs: number; event: string }>
  /** Set when reading ended in an error (a reset, an abort) instead of a clean end. */
  error: unknown
}

/**
 * Reads a streaming body chunk by chunk, time-stamping each event as its bytes arrive. Stops
 * early once `stopWhen` holds for the events so far (and cancels the body).
 */
export async function readTimed(response: Response, stopWhen?: (events: TimedStream['events']) => boolean): Promise<TimedStream> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader()
  const decoder = new TextDecoder()
  let text = ''
  let pending = ''
  const events: TimedStream['events'] = []
  let error: unknown = undefined
  try {
    for (;;) {
      const { done, value } = await reader.read()
      const atMs = performance.now()
      if (done) break
      const chunk = decoder.decode(value, { stream: true })
      text += chunk
      pending += chunk
      let boundary = pending.indexOf('\n\n')
      while (boundary >= 0) {
        events.push({ atMs, event: pending.slice(0, boundary) })
        pending = pending.slice(boundary + 2)
        boundary = pending.indexOf('\n\n')
      }
      if (stopWhen?.(events)) {
        await reader.cancel()
        break
      }
    }
  } catch (caught) {
    error = caught
  }
  return { text, events, error }
}

export const CHAT_PATH = '/v1/chat/completions'
export const COMPLETIONS_PATH = '/v1/completions'
export const TGI_PATH = '/generate_stream'
