import type { EngineStats } from './engine.js'
import type { SimulatorProfile } from './profiles.js'

/** The Content-Type of the Prometheus text exposition format, as prometheus_client serves it. */
export const EXPOSITION_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8'

const escapeLabel = (value: string): string => value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')

/**
 * The engine's state as vLLM's `/metrics` exposes it (vllm/v1/metrics/loggers.py: names, the
 * `model_name` and `engine` labels, counters with `_total`): requests running and waiting, KV
 * usage as a fraction of the KV capacity, preemptions, and prompt and generation tokens.
 * The simulated engine reserves a sequence's whole KV (prompt + max tokens) when it admits it,
 * so it queues rather than preempts: its preemption counter stays at 0.
 */
export function metricsExposition(stats: EngineStats, profile: SimulatorProfile, modelName: string): string {
  const labels = `{engine="0",model_name="${escapeLabel(modelName)}"}`
  const families: Array<[name: string, type: 'gauge' | 'counter', help: string, value: number]> = [
    ['vllm:num_requests_running', 'gauge', 'Number of requests in model execution batches.', stats.running],
    ['vllm:num_requests_waiting', 'gauge', 'Number of requests waiting to be processed.', stats.waiting],
    ['vllm:kv_cache_usage_perc', 'gauge', 'KV-cache usage. 1 means 100 percent usage.', stats.kvUsedTokens / profile.kvCapacityTokens],
    ['vllm:num_preemptions_total', 'counter', 'Cumulative number of preemption from the engine.', 0],
    ['vllm:prompt_tokens_total', 'counter', 'Number of prefill tokens processed.', stats.promptTokens],
    ['vllm:generation_tokens_total', 'counter', 'Number of generation tokens processed.', stats.generationTokens]
  ]
  // prometheus_client writes floats ("3.0"), as the engines it serves do.
  const number = (value: number): string => (Number.isInteger(value) ? value.toFixed(1) : String(value))
  return families.map(([name, type, help, value]) => `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n${name}${labels} ${number(value)}\n`).join('')
}
