/**
 * The inference engine: llama.cpp through node-llama-cpp, on the CPU, with one context whose
 * sequences are the server's concurrent slots. Requests lease a sequence (waiting in FIFO order
 * when none is free), generate token by token, and give it back cleared.
 */
import { getLlama, LlamaLogLevel, TokenBias } from 'node-llama-cpp'
import type { Llama, LlamaContext, LlamaContextSequence, LlamaModel, Token } from 'node-llama-cpp'
import { tokenTextToBytes } from './byte-level-bpe.ts'
import { PrintableOutputConstraint } from './printable-output.ts'
import { SequencePool } from './sequence-pool.ts'

export interface EngineOptions {
  modelPath: string
  /** Concurrent sequences (slots) in the context. */
  sequences: number
  /** CPU threads for evaluation. */
  threads: number
  /** Tokens per sequence: prompt plus completion. */
  contextSize: number
  /** Where llama.cpp's own warnings go. */
  log: (line: string) => void
}

export interface SamplingParams {
  /** 0 means greedy. */
  temperature: number
  topP: number
  /** 0 disables top-k. */
  topK: number
  minP: number
  seed: number
}

export interface GenerationRequest extends SamplingParams {
  promptTokens: readonly number[]
  maxTokens: number
  /** Keep generating through end-of-generation tokens until `maxTokens`. */
  ignoreEos: boolean
}

export type FinishReason = 'stop' | 'length'

/** One generated token: its text (empty while a character is incomplete) and, on the last, why it stopped. */
export interface GeneratedToken {
  text: string
  finishReason: FinishReason | null
}

export interface ModelDescription {
  file: string
  architecture: string
  width: number
  layers: number
  vocabularySize: number
  contextSize: number
}

export interface SequenceLease {
  generate(request: GenerationRequest, signal: AbortSignal): AsyncGenerator<GeneratedToken, void, void>
  release(): Promise<void>
}

const NORMAL_TOKEN_TYPES = new Set([1, 6]) // normal, byte

export class Engine {
  private readonly llama: Llama
  private readonly model: LlamaModel
  private readonly context: LlamaContext
  private readonly pool: SequencePool<LlamaContextSequence>
  private readonly tokenBytes: ReadonlyArray<Uint8Array | null>
  private readonly constraint: PrintableOutputConstraint
  private readonly biasByState: readonly TokenBias[]
  readonly description: ModelDescription

  private constructor(parts: {
    llama: Llama
    model: LlamaModel
    context: LlamaContext
    pool: SequencePool<LlamaContextSequence>
    tokenBytes: ReadonlyArray<Uint8Array | null>
    constraint: PrintableOutputConstraint
    biasByState: readonly TokenBias[]
    description: ModelDescription
  }) {
    this.llama = parts.llama
    this.model = parts.model
    this.context = parts.context
    this.pool = parts.pool
    this.tokenBytes = parts.tokenBytes
    this.constraint = parts.constraint
    this.biasByState = parts.biasByState
    this.description = parts.description
  }

  static async load(options: EngineOptions): Promise<Engine> {
    const llama = await getLlama({
      gpu: false,
      build: 'never',
      skipDownload: true,
      maxThreads: options.threads,
      logLevel: LlamaLogLevel.warn,
      logger: (_level, message) => options.log(message.trimEnd())
    })
    const model = await llama.loadModel({ modelPath: options.modelPath, gpuLayers: 0 })
    const tokenBytes = readTokenBytes(model)
    const context = await model.createContext({
      sequences: options.sequences,
      contextSize: options.contextSize,
      threads: { ideal: options.threads, min: options.threads },
      failedCreationRemedy: false
    })
    const sequences = Array.from({ length: options.sequences }, () => context.getSequence())
    const constraint = new PrintableOutputConstraint(tokenBytes)
    const biasByState = Array.from({ length: constraint.stateCount }, (_, state) => {
      const bias = new TokenBias(model.tokenizer)
      for (const token of constraint.bannedTokens(state)) bias.set(token as Token, 'never')
      return bias
    })
    const metadata = model.fileInfo.metadata as unknown as Record<string, Record<string, unknown>>
    const architecture = String(metadata.general?.architecture ?? 'unknown')
    const hyperparameters = (metadata[architecture] ?? {}) as Record<string, unknown>
    const description: ModelDescription = {
      file: options.modelPath,
      architecture,
      width: Number(hyperparameters.embedding_length),
      layers: Number(hyperparameters.block_count),
      vocabularySize: tokenBytes.length,
      contextSize: context.contextSize
    }
    return new Engine({ llama, model, context, pool: new SequencePool(sequences), tokenBytes, constraint, biasByState, description })
  }

  /** Token ids for `text`; special-token spellings such as `<|im_start|>` become those tokens. */
  tokenize(text: string): number[] {
    return this.model.tokenize(text, true)
  }

  get vocabularySize(): number {
    return this.tokenBytes.length
  }

  get contextSize(): number {
    return this.context.contextSize
  }

  get queuedRequests(): number {
    return this.pool.queued
  }

  /** Waits for a free sequence; rejects with the signal's reason if it aborts first. */
  async lease(signal: AbortSignal): Promise<SequenceLease> {
    const sequence = await this.pool.acquire(signal)
    let released = false
    return {
      generate: (request, generationSignal) => this.generateOn(sequence, request, generationSignal),
      release: async () => {
        if (released) return
        released = true
        try {
          if (!sequence.disposed) await sequence.clearHistory()
        } finally {
          this.pool.release(sequence)
        }
      }
    }
  }

  private async *generateOn(
    sequence: LlamaContextSequence,
    request: GenerationRequest,
    signal: AbortSignal
  ): AsyncGenerator<GeneratedToken, void, void> {
    const decoder = new TextDecoder('utf-8')
    let state = this.constraint.initialState
    let generated = 0
    const evaluation = sequence.evaluate(request.promptTokens.slice() as Token[], {
      temperature: request.temperature,
      topP: request.topP,
      topK: request.topK,
      minP: request.minP,
      seed: request.seed,
      yieldEogToken: true,
      tokenBias: () => this.biasByState[state] as TokenBias
    })
    for await (const token of evaluation) {
      generated++
      const bytes = this.tokenBytes[token] ?? null
      state = this.constraint.next(state, token, bytes !== null)
      let text = bytes === null ? '' : decoder.decode(bytes, { stream: true })
      const endOfGeneration = this.model.isEogToken(token)
      const finishReason: FinishReason | null =
        endOfGeneration && !request.ignoreEos ? 'stop' : generated >= request.maxTokens ? 'length' : null
      if (finishReason !== null) text += decoder.decode()
      yield { text, finishReason }
      if (finishReason !== null || signal.aborted) return
    }
  }

  async dispose(): Promise<void> {
    await this.context.dispose()
    await this.model.dispose()
    await this.llama.dispose()
  }
}

/** The bytes of every token (from the byte-level vocabulary); `null` for control tokens. */
function readTokenBytes(model: LlamaModel): Array<Uint8Array | null> {
  const tokenizer = (model.fileInfo.metadata as unknown as { tokenizer?: { ggml?: Record<string, unknown> } }).tokenizer?.ggml
  const texts = tokenizer?.tokens
  const types = tokenizer?.token_type
  if (tokenizer?.model !== 'gpt2' || !Array.isArray(texts) || !Array.isArray(types)) {
    throw new Error('the model must have a byte-level BPE vocabulary (tokenizer.ggml.model "gpt2"), as make-model.ts writes')
  }
  return texts.map((text: unknown, id) => {
    if (!NORMAL_TOKEN_TYPES.has(Number(types[id]))) return null
    const bytes = tokenTextToBytes(String(text))
    if (bytes === undefined) throw new Error(`token ${id} (${JSON.stringify(text)}) is not a byte-level BPE spelling`)
    return bytes
  })
}
