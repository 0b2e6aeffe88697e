/**
 * The server metrics read while a trial runs (docs/telemetry.md). Names are matched exactly as
 * the engines expose them (vLLM `vllm/v1/metrics/loggers.py`, SGLang
 * `srt/metrics/collector.py`, TGI, llama.cpp `/metrics`); everything else on the endpoint is
 * left out, which also keeps the client's parsing small.
 *
 * A name may come as several series (one per engine of a data-parallel server, per model, per
 * finish reason): counters and counts are summed over them, fractions (KV usage, hit rates)
 * take the largest, the fullest engine being the one that queues.
 */
export interface KnownMetric {
  kind: 'gauge' | 'counter'
  combine: 'sum' | 'max'
}

const gauge = (combine: 'sum' | 'max' = 'sum'): KnownMetric => ({ kind: 'gauge', combine })
const counter: KnownMetric = { kind: 'counter', combine: 'sum' }

export const KNOWN_SERVER_METRICS: Readonly<Record<string, KnownMetric>> = {
  'vllm:num_requests_running': gauge(),
  'vllm:num_requests_waiting': gauge(),
  'vllm:kv_cache_usage_perc': gauge('max'),
  'vllm:gpu_cache_usage_perc': gauge('max'),
  'vllm:num_preemptions_total': counter,
  'vllm:prompt_tokens_total': counter,
  'vllm:generation_tokens_total': counter,
  'vllm:prefix_cache_queries_total': counter,
  'vllm:prefix_cache_hits_total': counter,
  'vllm:request_success_total': counter,
  'sglang:num_running_reqs': gauge(),
  'sglang:num_queue_reqs': gauge(),
  'sglang:token_usage': gauge('max'),
  'sglang:num_used_tokens': gauge(),
  'sglang:gen_throughput': gauge(),
  'sglang:cache_hit_rate': gauge('max'),
  'sglang:num_retracted_requests_total': counter,
  'sglang:prompt_tokens_total': counter,
  'sglang:generation_tokens_total': counter,
  tgi_queue_size: gauge(),
  tgi_batch_current_size: gauge(),
  tgi_batch_current_max_tokens: gauge(),
  tgi_request_count: counter,
  tgi_request_success: counter,
  'llamacpp:kv_cache_usage_ratio': gauge('max'),
  'llamacpp:requests_processing': gauge(),
  'llamacpp:requests_deferred': gauge(),
  'llamacpp:prompt_tokens_total': counter,
  'llamacpp:tokens_predicted_total': counter
}

/** The same quantity under each engine's name, most specific first: what the report and the diagnosis read. */
export const METRIC_ROLES = {
  kvCacheUsage: ['vllm:kv_cache_usage_perc', 'vllm:gpu_cache_usage_perc', 'sglang:token_usage', 'llamacpp:kv_cache_usage_ratio'],
  preemptions: ['vllm:num_preemptions_total', 'sglang:num_retracted_requests_total'],
  waiting: ['vllm:num_requests_waiting', 'sglang:num_queue_reqs', 'tgi_queue_size', 'llamacpp:requests_deferred'],
  running: ['vllm:num_requests_running', 'sglang:num_running_reqs', 'tgi_batch_current_size', 'llamacpp:requests_processing']
} as const
