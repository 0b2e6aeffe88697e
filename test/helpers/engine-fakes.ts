// Loopback servers that answer the endpoints each inference engine serves about itself, with
// the bodies the engines' own code builds (src/environment/engines.ts names the sources). Only
// what identifies an engine is served; every other path gets that framework's 404.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export type FakeEngine = 'vllm' | 'sglang' | 'sglang-legacy' | 'tgi' | 'llama.cpp' | 'ollama' | 'trt-llm' | 'unknown'

type Body = { status: number; json?: unknown; text?: string }
type Routes = Record<string, Body>

const json = (value: unknown): Body => ({ status: 200, json: value })
const CREATED = 1_754_000_000

function vllmRoutes(): Routes {
  return {
    '/v1/models': json({
      object: 'list',
      data: [{ id: 'qwen-chat', object: 'model', created: CREATED, owned_by: 'vllm', root: 'Qwen/Qwen2.5-7B-Instruct', parent: null, max_model_len: 32768, permission: [{ id: 'modelperm-1', object: 'model_permission', allow_sampling: true }] }]
    }),
    '/version': json({ version: '0.10.1.1' }),
    '/health': { status: 200, text: '' }
  }
}

/** ServerArgs as dataclasses.asdict writes it (a selection of its ~200 fields), scheduler info and the version. */
const SGLANG_INFO = {
  model_path: 'meta-llama/Llama-3.1-8B-Instruct',
  tokenizer_path: 'meta-llama/Llama-3.1-8B-Instruct',
  served_model_name: 'meta-llama/Llama-3.1-8B-Instruct',
  host: '127.0.0.1',
  port: 30000,
  api_key: null,
  revision: 'a1b2c3d',
  dtype: 'auto',
  kv_cache_dtype: 'auto',
  quantization: null,
  context_length: null,
  tp_size: 2,
  dp_size: 1,
  pp_size: 1,
  ep_size: 1,
  mem_fraction_static: 0.871,
  max_running_requests: null,
  max_total_tokens: null,
  chunked_prefill_size: 8192,
  max_prefill_tokens: 16384,
  schedule_policy: 'fcfs',
  attention_backend: 'flashinfer',
  disable_radix_cache: false,
  enable_dp_attention: false,
  speculative_algorithm: null,
  cuda_graph_max_bs: 160,
  max_total_num_tokens: 414_023,
  max_req_input_len: 131_066,
  internal_states: [{ attention_backend: 'flashinfer', last_gen_throughput: 0, memory_usage: { weight: 7.52, kvcache: 50.5 } }],
  version: '0.4.10.post2'
}

function sglangRoutes(legacy: boolean): Routes {
  return {
    '/v1/models': json({ object: 'list', data: [{ id: 'meta-llama/Llama-3.1-8B-Instruct', object: 'model', created: CREATED, owned_by: 'sglang', root: 'meta-llama/Llama-3.1-8B-Instruct', max_model_len: 131072 }] }),
    // Releases before /server_info answer only the older path.
    ...(legacy ? {} : { '/server_info': json(SGLANG_INFO) }),
    '/get_server_info': json({ ...SGLANG_INFO, version: legacy ? '0.4.3.post2' : SGLANG_INFO.version }),
    '/get_model_info': json({ model_path: SGLANG_INFO.model_path, tokenizer_path: SGLANG_INFO.tokenizer_path, is_generation: true })
  }
}

function tgiRoutes(): Routes {
  const modelId = 'mistralai/Mistral-7B-Instruct-v0.3'
  return {
    '/info': json({
      model_id: modelId,
      model_sha: 'e0bc86c23ce5aae1db576c8cca6f06f1f73af2db',
      model_pipeline_tag: 'text-generation',
      max_concurrent_requests: 128,
      max_best_of: 2,
      max_stop_sequences: 4,
      max_input_tokens: 4095,
      max_total_tokens: 4096,
      validation_workers: 2,
      max_client_batch_size: 4,
      router: 'text-generation-router',
      version: '3.3.4',
      sha: '9f38d9305156e2e5e1a7ff4e4b1e33ae0b6b26de',
      docker_label: 'sha-9f38d93'
    }),
    // TGI writes the model id into owned_by.
    '/v1/models': json({ object: 'list', data: [{ id: modelId, object: 'model', created: 0, owned_by: modelId }] })
  }
}

function llamaCppRoutes(): Routes {
  return {
    '/props': json({
      default_generation_settings: { n_ctx: 8192, params: { temperature: 0.8, top_k: 40 } },
      total_slots: 4,
      model_path: '/models/qwen2.5-0.5b-instruct-q4_k_m.gguf',
      modalities: { vision: false, audio: false },
      chat_template: '{% for message in messages %}{{ message.content }}{% endfor %}',
      bos_token: '<|endoftext|>',
      eos_token: '<|im_end|>',
      build_info: 'b6123-79c1160b'
    }),
    '/v1/models': json({ object: 'list', data: [{ id: 'qwen2.5-0.5b-instruct-q4_k_m.gguf', object: 'model', created: CREATED, owned_by: 'llamacpp', meta: { vocab_type: 2, n_vocab: 151936, n_ctx_train: 32768 } }] })
  }
}

function ollamaRoutes(): Routes {
  return {
    '/api/version': json({ version: '0.11.4' }),
    // Ollama's owned_by is the model's namespace.
    '/v1/models': json({ object: 'list', data: [{ id: 'llama3.2:3b', object: 'model', created: CREATED, owned_by: 'library' }] })
  }
}

function trtLlmRoutes(): Routes {
  return {
    '/version': json({ version: '1.0.0rc4' }),
    '/v1/models': json({ object: 'list', data: [{ id: 'meta-llama/Llama-3.1-8B-Instruct', object: 'model', created: CREATED, owned_by: 'tensorrt_llm' }] })
  }
}

const ROUTES: Record<FakeEngine, () => Routes> = {
  vllm: vllmRoutes,
  sglang: () => sglangRoutes(false),
  'sglang-legacy': () => sglangRoutes(true),
  tgi: tgiRoutes,
  'llama.cpp': llamaCppRoutes,
  ollama: ollamaRoutes,
  'trt-llm': trtLlmRoutes,
  unknown: () => ({ '/v1/models': json({ object: 'list', data: [{ id: 'some-model', object: 'model', owned_by: 'someone' }] }) })
}

/** Each framework's answer to a path it does not serve. */
const NOT_FOUND: Record<FakeEngine, Body> = {
  vllm: { status: 404, json: { detail: 'Not Found' } },
  sglang: { status: 404, json: { detail: 'Not Found' } },
  'sglang-legacy': { status: 404, json: { detail: 'Not Found' } },
  'trt-llm': { status: 404, json: { detail: 'Not Found' } },
  tgi: { status: 404, text: '' },
  'llama.cpp': { status: 404, json: { error: { code: 404, message: 'File Not Found', type: 'not_found_error' } } },
  ollama: { status: 404, text: '404 page not found' },
  unknown: { status: 404, text: 'not found' }
}

export interface EngineFakeOptions {
  /** Replace or add answers: a path to its JSON body. */
  answers?: Record<string, unknown>
  /** Paths that are accepted and never answered (deadline tests). */
  hang?: string[]
  /** Every request must carry this Authorization header, or gets 401 (as `--api-key` does). */
  apiKey?: string
}

export interface EngineFake {
  url: string
  /** Every path asked, in order of arrival. */
  paths: string[]
  close(): Promise<void>
}

export async function startEngineFake(engine: FakeEngine, options: EngineFakeOptions = {}): Promise<EngineFake> {
  const routes: Routes = { ...ROUTES[engine](), ...Object.fromEntries(Object.entries(options.answers ?? {}).map(([path, body]) => [path, json(body)])) }
  const paths: string[] = []
  const hanging = new Set<ServerResponse>()
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0]!
    paths.push(path)
    if (options.hang?.includes(path)) {
      hanging.add(res)
      return
    }
    const body = options.apiKey !== undefined && req.headers.authorization !== `Bearer ${options.apiKey}` ? { status: 401, json: { error: 'Unauthorized' } } : req.method === 'GET' && Object.hasOwn(routes, path) ? routes[path]! : NOT_FOUND[engine]
    if (body.json !== undefined) {
      res.writeHead(body.status, { 'content-type': 'application/json' }).end(JSON.stringify(body.json))
    } else {
      res.writeHead(body.status, { 'content-type': 'text/plain' }).end(body.text ?? '')
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    paths,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy()
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
