/**
 * A quick throughput check against a running server (not the product's benchmark: no seeds,
 * no statistics; just enough to see what this engine does on this machine).
 *
 *   node measure.ts --url http://127.0.0.1:8000 --concurrency 4 --requests 8 --max-tokens 128
 *
 * Prints one JSON line: output tokens/s over the run, median TTFT and TPOT in ms.
 */
import { parseArgs } from 'node:util'

interface RequestTiming {
  ttftMs: number
  e2eMs: number
  completionTokens: number
}

async function streamOnce(url: string, maxTokens: number): Promise<RequestTiming> {
  const sentMs = performance.now()
  const response = await fetch(`${url}/v1/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      prompt: 'Numbers from one run are noisy, so we repeat the run and compare the runs.',
      max_tokens: maxTokens,
      ignore_eos: true,
      temperature: 0,
      stream: true,
      stream_options: { include_usage: true }
    })
  })
  if (!response.ok || response.body === null) throw new Error(`HTTP ${response.status}: ${await response.text()}`)
  const decoder = new TextDecoder()
  let buffered = ''
  let firstContentMs: number | undefined
  let lastContentMs = sentMs
  let completionTokens = 0
  for await (const bytes of response.body) {
    const arrivedMs = performance.now()
    buffered += decoder.decode(bytes, { stream: true })
    let end: number
    while ((end = buffered.indexOf('\n\n')) >= 0) {
      const data = buffered.slice(0, end).replace(/^data: /, '')
      buffered = buffered.slice(end + 2)
      if (data === '[DONE]') continue
      const chunk = JSON.parse(data) as { choices: Array<{ text?: string }>; usage?: { completion_tokens: number } }
      if (chunk.usage !== undefined) completionTokens = chunk.usage.completion_tokens
      if ((chunk.choices[0]?.text ?? '') !== '') {
        firstContentMs ??= arrivedMs
        lastContentMs = arrivedMs
      }
    }
  }
  return { ttftMs: (firstContentMs ?? lastContentMs) - sentMs, e2eMs: lastContentMs - sentMs, completionTokens }
}

function median(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string', default: 'http://127.0.0.1:8000' },
      concurrency: { type: 'string', default: '1' },
      requests: { type: 'string', default: '4' },
      'max-tokens': { type: 'string', default: '128' }
    }
  })
  const concurrency = Number(values.concurrency)
  const requestCount = Number(values.requests)
  const maxTokens = Number(values['max-tokens'])
  await streamOnce(values.url, 4) // warm-up
  const timings: RequestTiming[] = []
  let started = 0
  const runStartedMs = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (started < requestCount) {
        started++
        timings.push(await streamOnce(values.url, maxTokens))
      }
    })
  )
  const wallMs = performance.now() - runStartedMs
  const outputTokens = timings.reduce((sum, timing) => sum + timing.completionTokens, 0)
  console.log(
    JSON.stringify({
      concurrency,
      requests: timings.length,
      max_tokens: maxTokens,
      output_tokens_per_s: Math.round((outputTokens / wallMs) * 1000),
      ttft_ms_p50: Number(median(timings.map((t) => t.ttftMs)).toFixed(1)),
      tpot_ms_p50: Number(median(timings.map((t) => (t.e2eMs - t.ttftMs) / Math.max(1, t.completionTokens - 1))).toFixed(2))
    })
  )
}

main().catch((error: unknown) => {
  console.error(`measure: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
})
