import { describe, expect, test, vi } from 'vitest'
import { SIMULATOR_PROFILES, startSimulator, type SimulatorProfile } from '../../src/simulator/index.js'
import { KNOWN_SERVER_METRICS } from '../../src/result/known-metrics.js'
import { parseKnownSeries } from '../../src/telemetry/prometheus.js'
import { CHAT_PATH, post, readTimed } from './http.js'

const FAST = SIMULATOR_PROFILES.fast as SimulatorProfile
const NAMES = new Set(Object.keys(KNOWN_SERVER_METRICS))
const chat = (maxTokens: number) => ({ messages: [{ role: 'user', content: 'go' }], max_tokens: maxTokens, ignore_eos: true, stream: true })

async function scrape(url: string): Promise<{ contentType: string | null; values: Record<string, number> }> {
  const response = await fetch(`${url}/metrics`)
  const series = parseKnownSeries(await response.text(), NAMES)!
  return { contentType: response.headers.get('content-type'), values: Object.fromEntries(series.map((one) => [one.name, one.value])) }
}

describe('the simulator’s /metrics', () => {
  test('is vLLM’s exposition of its batching model: running, waiting, KV usage, token counters', async () => {
    // Room in the KV cache for one of these requests at a time: the second waits.
    const simulator = await startSimulator({ profile: { ...FAST, kvCapacityTokens: 2100, maxModelLen: 2100 }, seed: 1 })
    try {
      const idle = await scrape(simulator.url)
      expect(idle.contentType).toBe('text/plain; version=0.0.4; charset=utf-8')
      expect(idle.values).toEqual({ 'vllm:num_requests_running': 0, 'vllm:num_requests_waiting': 0, 'vllm:kv_cache_usage_perc': 0, 'vllm:num_preemptions_total': 0, 'vllm:prompt_tokens_total': 0, 'vllm:generation_tokens_total': 0 })

      const abort = new AbortController()
      const first = readTimed(await post(simulator.url, CHAT_PATH, chat(2000), abort.signal))
      const second = readTimed(await post(simulator.url, CHAT_PATH, chat(2000), abort.signal))
      await vi.waitFor(() => expect(simulator.stats()).toMatchObject({ running: 1, waiting: 1 }))
      await vi.waitFor(() => expect(simulator.stats().steps).toBeGreaterThan(3))
      const busy = await scrape(simulator.url)
      const stats = simulator.stats()
      expect(busy.values['vllm:num_requests_running']).toBe(1)
      expect(busy.values['vllm:num_requests_waiting']).toBe(1)
      // One sequence reserves its prompt and its whole output.
      expect(busy.values['vllm:kv_cache_usage_perc']).toBeCloseTo(stats.kvUsedTokens / 2100, 10)
      expect(busy.values['vllm:kv_cache_usage_perc']).toBeGreaterThan(0.9)
      expect(busy.values['vllm:prompt_tokens_total']).toBeGreaterThan(0)
      expect(busy.values['vllm:generation_tokens_total']).toBeGreaterThan(0)
      expect(busy.values['vllm:num_preemptions_total']).toBe(0)
      abort.abort()
      await Promise.all([first, second])
    } finally {
      await simulator.close()
    }
  })

  test('its generation counter counts every token streamed', async () => {
    const simulator = await startSimulator({ profile: 'fast', seed: 2 })
    try {
      for (let i = 0; i < 3; i++) await readTimed(await post(simulator.url, CHAT_PATH, chat(17)))
      const { values } = await scrape(simulator.url)
      expect(values['vllm:generation_tokens_total']).toBe(51)
      expect(values['vllm:num_requests_running']).toBe(0)
    } finally {
      await simulator.close()
    }
  })
})
