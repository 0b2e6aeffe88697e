import type { Dispatcher } from 'undici'
import type { ServerInfo } from '../result/types.js'
import { describeServer, nextQuestion, type ServerAnswers } from './engines.js'
import { deadline, getJson, type ProbeOptions } from './probe.js'

/** Drops credentials, query and fragment: a URL in a result or a log must not carry a token. */
export function publicUrl(url: string): string {
  try {
    const parsed = new URL(url)
    return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`
  } catch {
    return '(invalid url)'
  }
}

export interface CaptureServerOptions extends ProbeOptions {
  redact: (text: string) => string
  /** Launch flags the workload states (`server.args`). */
  args?: string[]
}

const PATHS: Record<keyof ServerAnswers, readonly string[]> = {
  models: ['/v1/models'],
  version: ['/version'],
  info: ['/info'],
  props: ['/props'],
  ollamaVersion: ['/api/version'],
  // Newer SGLang answers /server_info, older only /get_server_info.
  serverInfo: ['/server_info', '/get_server_info']
}

/**
 * Asks the server what it is, one endpoint at a time (on one connection a request that hangs
 * would hold up the ones queued behind it), and only until the answers name the engine and give
 * its fingerprint: a vLLM server is asked /v1/models and /version, not SGLang's /server_info,
 * which vLLM's development mode answers by collecting its whole environment. Each request has
 * the deadline, and all of them together three times that; a missing endpoint is not an error.
 */
export async function captureServer(dispatcher: Dispatcher, origin: string, headers: Record<string, string>, workloadModel: string | null, options: CaptureServerOptions): Promise<ServerInfo> {
  const budget = deadline({ ...(options.signal !== undefined ? { signal: options.signal } : {}), timeoutMs: options.timeoutMs * 3 })
  const answers: ServerAnswers = { models: null, version: null, info: null, props: null, ollamaVersion: null, serverInfo: null }
  const asked = new Set<keyof ServerAnswers>()
  for (let key = nextQuestion(answers, asked); key !== undefined && !budget.aborted; key = nextQuestion(answers, asked)) {
    asked.add(key)
    for (const path of PATHS[key]) {
      answers[key] = await getJson(dispatcher, origin, path, headers, { ...options, signal: budget })
      if (answers[key] !== null || budget.aborted) break
    }
  }
  return describeServer(answers, { url: publicUrl(origin), workloadModel, redact: options.redact, ...(options.args !== undefined ? { args: options.args } : {}) })
}
