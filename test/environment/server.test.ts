import { Client } from 'undici'
import { afterEach, describe, expect, test } from 'vitest'
import { captureServer } from '../../src/environment/server.js'
import { createRedactor } from '../../src/redact.js'
import { DEFAULT_MODEL_NAME, SIMULATOR_VERSION, startSimulator } from '../../src/simulator/index.js'
import { startEngineFake, type EngineFake, type EngineFakeOptions, type FakeEngine } from '../helpers/engine-fakes.js'

const open: Array<{ close(): Promise<void> }> = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((resource) => resource.close()))
})

const noRedaction = (text: string): string => text

async function capture(url: string, options: { model?: string | null; headers?: Record<string, string>; timeoutMs?: number; signal?: AbortSignal; redact?: (text: string) => string; args?: string[] } = {}) {
  const client = new Client(url)
  open.push(client)
  return captureServer(client, url, options.headers ?? {}, options.model ?? null, {
    timeoutMs: options.timeoutMs ?? 2000,
    redact: options.redact ?? noRedaction,
    ...(options.signal !== undefined ? { signal: options.signal } : {}),
    ...(options.args !== undefined ? { args: options.args } : {})
  })
}

async function fake(engine: FakeEngine, options: EngineFakeOptions = {}): Promise<EngineFake> {
  const server = await startEngineFake(engine, options)
  open.push(server)
  return server
}

describe('engine and version, from what each engine serves', () => {
  test('vLLM: /version, owned_by "vllm", max_model_len and the weights behind a served name', async () => {
    const server = await capture((await fake('vllm')).url)
    expect(server).toMatchObject({ engine: 'vllm', version: '0.10.1.1', model: 'qwen-chat', models: ['qwen-chat'], model_revision: null })
    expect(server.settings).toEqual({ max_model_len: 32768, model_path: 'Qwen/Qwen2.5-7B-Instruct' })
  })

  test('vLLM is asked only what identifies it, not /server_info, which its development mode answers by collecting its whole environment', async () => {
    const engine = await fake('vllm')
    await capture(engine.url)
    expect(engine.paths).toEqual(['/v1/models', '/version'])
  })

  test('SGLang: /server_info gives the version, the revision and its parallelism and memory settings', async () => {
    const server = await capture((await fake('sglang')).url)
    expect(server).toMatchObject({ engine: 'sglang', version: '0.4.10.post2', model: 'meta-llama/Llama-3.1-8B-Instruct', model_revision: 'a1b2c3d' })
    expect(server.settings).toMatchObject({ max_model_len: 131072, tp_size: 2, dp_size: 1, mem_fraction_static: 0.871, chunked_prefill_size: 8192, attention_backend: 'flashinfer', disable_radix_cache: false, max_total_num_tokens: 414_023, model_path: 'meta-llama/Llama-3.1-8B-Instruct' })
    // null settings (not set) are left out, as are fields outside the documented set.
    expect(server.settings).not.toHaveProperty('quantization')
    expect(server.settings).not.toHaveProperty('host')
    expect(server.settings).not.toHaveProperty('api_key')
  })

  test('SGLang before /server_info existed answers /get_server_info', async () => {
    const engine = await fake('sglang-legacy')
    const server = await capture(engine.url)
    expect(server).toMatchObject({ engine: 'sglang', version: '0.4.3.post2' })
    expect(engine.paths).toEqual(expect.arrayContaining(['/server_info', '/get_server_info']))
  })

  test('TGI: /info gives the version, the model revision (model_sha) and the router limits', async () => {
    const server = await capture((await fake('tgi')).url)
    expect(server).toMatchObject({ engine: 'tgi', version: '3.3.4', model: 'mistralai/Mistral-7B-Instruct-v0.3', model_revision: 'e0bc86c23ce5aae1db576c8cca6f06f1f73af2db' })
    expect(server.settings).toEqual({ max_concurrent_requests: 128, max_input_tokens: 4095, max_total_tokens: 4096, max_best_of: 2, max_client_batch_size: 4 })
  })

  test('llama.cpp: /props gives the build, the slots and the context size', async () => {
    const server = await capture((await fake('llama.cpp')).url)
    expect(server).toMatchObject({ engine: 'llama.cpp', version: 'b6123-79c1160b', model: 'qwen2.5-0.5b-instruct-q4_k_m.gguf' })
    expect(server.settings).toEqual({ total_slots: 4, n_ctx: 8192, model_path: '/models/qwen2.5-0.5b-instruct-q4_k_m.gguf' })
  })

  test('Ollama: /api/version', async () => {
    const server = await capture((await fake('ollama')).url)
    expect(server).toMatchObject({ engine: 'ollama', version: '0.11.4', model: 'llama3.2:3b', settings: {} })
  })

  test('TensorRT-LLM: /version and owned_by "tensorrt_llm"', async () => {
    const server = await capture((await fake('trt-llm')).url)
    expect(server).toMatchObject({ engine: 'trt-llm', version: '1.0.0rc4' })
  })

  test('a server that names no engine gets null, not a guess', async () => {
    const server = await capture((await fake('unknown')).url)
    expect(server).toMatchObject({ engine: null, version: null, model: 'some-model' })
  })

  test('the built-in simulator reports itself, not TGI or vLLM, though it answers both shapes', async () => {
    const simulator = await startSimulator({ profile: 'fast' })
    open.push(simulator)
    const server = await capture(simulator.url)
    expect(server).toMatchObject({ engine: 'llm-perf-gate-simulator', version: SIMULATOR_VERSION, model: DEFAULT_MODEL_NAME })
    expect(server.settings).toHaveProperty('max_total_tokens')
  })

  test('the workload model wins over the listed one', async () => {
    const server = await capture((await fake('vllm')).url, { model: 'from-the-workload' })
    expect(server.model).toBe('from-the-workload')
  })

  test('the request headers go with every probe (a server started with --api-key answers nothing without them)', async () => {
    const engine = await fake('vllm', { apiKey: 'sk-test-123456' })
    expect((await capture(engine.url)).engine).toBeNull()
    expect((await capture(engine.url, { headers: { Authorization: 'Bearer sk-test-123456' } })).engine).toBe('vllm')
  })
})

describe('what is kept from a server is safe to keep', () => {
  test('a header value the server echoes is redacted, and long text is cut', async () => {
    const secret = 'Bearer sk-live-abcdef123456'
    const engine = await fake('vllm', { answers: { '/version': { version: `0.9 ${secret.slice(7)} ${'x'.repeat(5000)}` } } })
    const server = await capture(engine.url, { headers: { Authorization: secret }, redact: createRedactor([secret]) })
    expect(server.version).not.toContain('sk-live-abcdef123456')
    expect(server.version).toContain('[redacted]')
    expect(server.version!.length).toBeLessThanOrEqual(200)
  })

  test('launch flags keep their names and lose secret values', async () => {
    const engine = await fake('vllm')
    const server = await capture(engine.url, { args: ['--max-num-seqs', '64', '--api-key', 'sk-abcdef', '--hf-token=hf_abcdef', '--tensor-parallel-size', '2'] })
    expect(server.args).toEqual(['--max-num-seqs', '64', '--api-key', '[redacted]', '--hf-token=[redacted]', '--tensor-parallel-size', '2'])
  })

  test('an answer larger than the limit is dropped unread', async () => {
    const engine = await fake('llama.cpp', { answers: { '/props': { build_info: 'b1', chat_template: 'x'.repeat(2 * 1024 * 1024) } } })
    const server = await capture(engine.url)
    expect(server.version).toBeNull()
    expect(server.engine).toBe('llama.cpp') // from owned_by
  })
})

describe('deadlines and interruption', () => {
  test('an endpoint that never answers is given up at the deadline; the others still count', async () => {
    const engine = await fake('tgi', { hang: ['/version'] })
    const server = await capture(engine.url, { timeoutMs: 300 })
    expect(server).toMatchObject({ engine: 'tgi', version: '3.3.4' })
  })

  test('an aborted run stops asking and resolves with what it has', async () => {
    const engine = await fake('vllm', { hang: ['/v1/models', '/version', '/info', '/props', '/api/version'] })
    const abort = new AbortController()
    const capturing = capture(engine.url, { timeoutMs: 60_000, signal: abort.signal })
    abort.abort()
    const server = await capturing
    expect(server).toMatchObject({ engine: null, version: null, model: null })
    expect(engine.paths).not.toContain('/server_info')
  })
})
