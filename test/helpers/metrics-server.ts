import { createServer, type ServerResponse } from 'node:http'

export interface MetricsServer {
  url: string
  /** Scrapes received. */
  requests(): number
  /** The headers of the last scrape. */
  lastHeaders(): Record<string, string | string[] | undefined>
  /** The path and query of the last request. */
  lastUrl(): string
  close(): Promise<void>
}

export interface MetricsServerOptions {
  /** The exposition text of the n-th scrape (from 0). */
  body: (scrape: number) => string
  status?: number
  contentType?: string
  /** Holds each answer this long (a slow endpoint). */
  delayMs?: number
}

/** A small loopback Prometheus endpoint for tests: GET /metrics answers `body(n)`. */
export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  let requests = 0
  let headers: Record<string, string | string[] | undefined> = {}
  let url = ''
  const answer = (res: ServerResponse, scrape: number): void => {
    if (res.destroyed) return
    res.writeHead(options.status ?? 200, { 'content-type': options.contentType ?? 'text/plain; version=0.0.4; charset=utf-8' })
    res.end(options.body(scrape))
  }
  const server = createServer((req, res) => {
    url = req.url ?? ''
    if (!url.startsWith('/metrics')) {
      res.writeHead(404).end()
      return
    }
    const scrape = requests++
    headers = req.headers
    if (options.delayMs !== undefined) setTimeout(() => answer(res, scrape), options.delayMs)
    else answer(res, scrape)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    requests: () => requests,
    lastHeaders: () => headers,
    lastUrl: () => url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/** vLLM's exposition as prometheus_client writes it, with the values given (one engine unless `engines`). */
export function vllmExposition(values: { running?: number; waiting?: number; kv?: number; preemptions?: number; promptTokens?: number; generationTokens?: number; engines?: number }): string {
  const engines = values.engines ?? 1
  const labels = (engine: number): string => `{engine="${engine}",model_name="Qwen/Qwen2.5-7B-Instruct"}`
  const lines: string[] = ['# HELP python_gc_objects_collected_total Objects collected during gc', '# TYPE python_gc_objects_collected_total counter', 'python_gc_objects_collected_total{generation="0"} 1234.0']
  const family = (name: string, type: string, value: number | undefined): void => {
    if (value === undefined) return
    lines.push(`# HELP ${name} help text.`, `# TYPE ${name} ${type}`)
    for (let engine = 0; engine < engines; engine++) lines.push(`${name}${labels(engine)} ${Number.isInteger(value) ? value.toFixed(1) : String(value)}`)
    if (type === 'counter') {
      const created = name.replace(/_total$/, '_created')
      lines.push(`# HELP ${created} help text.`, `# TYPE ${created} gauge`)
      for (let engine = 0; engine < engines; engine++) lines.push(`${created}${labels(engine)} 1.7e+09`)
    }
  }
  family('vllm:num_requests_running', 'gauge', values.running)
  family('vllm:num_requests_waiting', 'gauge', values.waiting)
  family('vllm:kv_cache_usage_perc', 'gauge', values.kv)
  family('vllm:num_preemptions_total', 'counter', values.preemptions)
  family('vllm:prompt_tokens_total', 'counter', values.promptTokens)
  family('vllm:generation_tokens_total', 'counter', values.generationTokens)
  // A histogram, as every engine has many: not read, and not let into the parser.
  lines.push('# HELP vllm:time_to_first_token_seconds Histogram of time to first token in seconds.', '# TYPE vllm:time_to_first_token_seconds histogram')
  for (const le of ['0.001', '0.01', '0.1', '1.0', '+Inf']) lines.push(`vllm:time_to_first_token_seconds_bucket{engine="0",le="${le}",model_name="Qwen/Qwen2.5-7B-Instruct"} 3.0`)
  lines.push('vllm:time_to_first_token_seconds_count{engine="0",model_name="Qwen/Qwen2.5-7B-Instruct"} 3.0', 'vllm:time_to_first_token_seconds_sum{engine="0",model_name="Qwen/Qwen2.5-7B-Instruct"} 0.12')
  return `${lines.join('\n')}\n`
}
