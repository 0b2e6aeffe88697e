/**
 * Drives the e2e engine (e2e/engine) from tests: writes models, starts servers as child
 * processes on free ports, and streams requests with arrival timestamps.
 */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { startUrlProcess, type UrlProcess } from '../../src/url-process.js'

export const ENGINE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../e2e/engine')

/** The engine's dependencies are installed (by e2e/engine/setup.sh or .ci/run). */
export const engineInstalled = existsSync(join(ENGINE_DIR, 'node_modules/node-llama-cpp/package.json'))

const run = promisify(execFile)

export async function makeModel(out: string, args: readonly string[]): Promise<void> {
  await run(process.execPath, [join(ENGINE_DIR, 'make-model.ts'), '--out', out, ...args], { cwd: ENGINE_DIR })
}

export type RunningServer = UrlProcess

export async function startServer(model: string, args: readonly string[] = []): Promise<RunningServer> {
  return startUrlProcess(process.execPath, [join(ENGINE_DIR, 'server.ts'), '--model', model, '--port', '0', ...args], { cwd: ENGINE_DIR })
}

export interface StreamedEvent {
  arrivedMs: number
  /** Parsed JSON, or the string `[DONE]`. */
  data: Record<string, unknown> | '[DONE]'
}

export interface StreamResult {
  events: StreamedEvent[]
  sentMs: number
}

/**
 * POSTs `body` with `stream: true` and collects the server-sent events, each stamped when its
 * bytes arrived. `stopAfterContentEvents` disconnects after that many content-bearing events.
 */
export async function streamRequest(
  url: string,
  path: '/v1/completions' | '/v1/chat/completions',
  body: Record<string, unknown>,
  options: { stopAfterContentEvents?: number; signal?: AbortSignal } = {}
): Promise<StreamResult> {
  const controller = new AbortController()
  options.signal?.addEventListener('abort', () => controller.abort())
  const sentMs = performance.now()
  const decoder = new TextDecoder()
  const events: StreamedEvent[] = []
  let buffered = ''
  let contentEvents = 0
  try {
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ stream: true, ...body }),
      signal: controller.signal
    })
    if (response.status !== 200 || response.body === null) throw new Error(`HTTP ${response.status}: ${await response.text()}`)
    for await (const bytes of response.body) {
      const arrivedMs = performance.now()
      buffered += decoder.decode(bytes, { stream: true })
      let end: number
      while ((end = buffered.indexOf('\n\n')) >= 0) {
        const line = buffered.slice(0, end)
        buffered = buffered.slice(end + 2)
        if (!line.startsWith('data: ')) throw new Error(`not an SSE data line: ${JSON.stringify(line)}`)
        const payload = line.slice('data: '.length)
        const data = payload === '[DONE]' ? '[DONE]' : (JSON.parse(payload) as Record<string, unknown>)
        events.push({ arrivedMs, data })
        if (data !== '[DONE]' && contentOf(data) !== '') contentEvents++
        if (options.stopAfterContentEvents !== undefined && contentEvents >= options.stopAfterContentEvents) {
          controller.abort()
          return { events, sentMs }
        }
      }
    }
  } catch (error) {
    // Disconnecting on purpose (here or through `options.signal`) is not a failure.
    if (!controller.signal.aborted) throw error
  }
  return { events, sentMs }
}

interface Choice {
  text?: string
  delta?: { role?: string; content?: string }
  finish_reason?: string | null
}

/** The generated text an event carries (completions `text` or chat `delta.content`). */
export function contentOf(data: Record<string, unknown>): string {
  const choice = (data.choices as Choice[] | undefined)?.[0]
  return choice?.text ?? choice?.delta?.content ?? ''
}

export interface Usage {
  prompt_tokens: number
  completion_tokens: number
  total_tokens: number
}

export function usageOf(result: StreamResult): Usage | undefined {
  for (const event of result.events) {
    if (event.data !== '[DONE]' && event.data.usage !== undefined && event.data.usage !== null) return event.data.usage as Usage
  }
  return undefined
}

/** TTFT and TPOT as the product defines them, from content-bearing events and the usage. */
export function latencyOf(result: StreamResult): { ttftMs: number; tpotMs: number } {
  const content = result.events.filter((event) => event.data !== '[DONE]' && contentOf(event.data) !== '')
  const first = content[0]
  const last = content[content.length - 1]
  const usage = usageOf(result)
  if (first === undefined || last === undefined || usage === undefined) throw new Error('the stream has no content or no usage')
  const ttftMs = first.arrivedMs - result.sentMs
  return { ttftMs, tpotMs: (last.arrivedMs - first.arrivedMs) / (usage.completion_tokens - 1) }
}

export function median(values: readonly number[]): number {
  const sorted = values.slice().sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

/** Reads one gauge or counter from the server's Prometheus `/metrics`. */
export async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text()
  const line = text.split('\n').find((candidate) => candidate.startsWith(`llm_perf_gate_engine_${name} `))
  if (line === undefined) throw new Error(`no metric ${name} in:\n${text}`)
  return Number(line.split(' ')[1])
}

/** Polls `check` until it returns true or `timeoutMs` passes. */
export async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs
  while (performance.now() < deadline) {
    if (await check()) return true
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 20))
  }
  return check()
}
