import type { Dispatcher } from 'undici'

export interface ProbeOptions {
  /** Aborts every request still in flight (the run was interrupted). */
  signal?: AbortSignal
  /** Deadline of each request, connection to last byte. */
  timeoutMs: number
  /** A bigger answer is dropped unread: SGLang's server info or llama.cpp's chat template can be large, and nothing we keep needs more. */
  maxBytes?: number
}

const DEFAULT_MAX_BYTES = 1024 * 1024

/** The deadline, and the caller's signal when there is one. */
export function deadline(options: Pick<ProbeOptions, 'signal' | 'timeoutMs'>): AbortSignal {
  const timeout = AbortSignal.timeout(options.timeoutMs)
  return options.signal === undefined ? timeout : AbortSignal.any([options.signal, timeout])
}

/**
 * GET `path` and parse its JSON body; null for any failure (refused, a status other than 200, not
 * JSON, too large, past the deadline, aborted). A server that lacks an endpoint is not an error.
 */
export async function getJson(dispatcher: Dispatcher, origin: string, path: string, headers: Record<string, string>, options: ProbeOptions): Promise<unknown> {
  const signal = deadline(options)
  const limit = options.maxBytes ?? DEFAULT_MAX_BYTES
  try {
    const response = await dispatcher.request({ origin, path, method: 'GET', headers, signal })
    if (response.statusCode !== 200) {
      await response.body.dump()
      return null
    }
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      size += chunk.length
      if (size > limit) {
        response.body.destroy()
        return null
      }
      chunks.push(chunk)
    }
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown
  } catch {
    return null
  }
}
