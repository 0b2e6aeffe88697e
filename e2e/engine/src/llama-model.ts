/**
 * A llama-architecture model with random weights and a byte-level BPE tokenizer, as GGUF
 * metadata and tensors. Nothing here is trained except the tokenizer's merges: the model exists
 * to make a real engine do real work per token, not to say anything sensible.
 */
import { trainByteLevelBpe } from './byte-level-bpe.ts'
import { CHATML_TEMPLATE, SPECIAL_TOKENS } from './chat-format.ts'
import { encodeGguf, GGML_TYPE } from './gguf-writer.ts'
import type { GgufTensor, GgufValue } from './gguf-writer.ts'
import { constantF32Vector, randomF16Matrix } from './seeded-weights.ts'
import { TRAINING_TEXT } from './training-text.ts'

export interface ModelShape {
  /** Hidden size (`llama.embedding_length`). */
  width: number
  /** Transformer blocks (`llama.block_count`). */
  layers: number
  /** Attention heads; the head size is width / heads. */
  heads: number
  /** Feed-forward hidden size. */
  feedForward: number
  /** BPE merges to learn; the vocabulary is 256 byte tokens + new merge results + 3 special tokens. */
  merges: number
  /** Trained context length written into the file. */
  contextLength: number
  seed: number
}

export const PRESETS = {
  small: { width: 256, layers: 4, heads: 4, feedForward: 704, merges: 400, contextLength: 4096 },
  big: { width: 512, layers: 4, heads: 8, feedForward: 1408, merges: 400, contextLength: 4096 }
} as const satisfies Record<string, Omit<ModelShape, 'seed'>>

export type PresetName = keyof typeof PRESETS

/** llama.cpp token types (tokenizer.ggml.token_type). */
const TOKEN_TYPE = { normal: 1, control: 3 } as const

export function validateShape(shape: ModelShape): void {
  const positive = ['width', 'layers', 'heads', 'feedForward', 'contextLength'] as const
  for (const key of positive) {
    if (!Number.isInteger(shape[key]) || shape[key] <= 0) throw new Error(`${key} must be a positive integer, got ${shape[key]}`)
  }
  if (!Number.isInteger(shape.merges) || shape.merges < 0) throw new Error(`merges must be a non-negative integer, got ${shape.merges}`)
  if (shape.width % shape.heads !== 0) throw new Error(`width (${shape.width}) must be a multiple of heads (${shape.heads})`)
  if ((shape.width / shape.heads) % 2 !== 0) throw new Error(`head size width/heads (${shape.width / shape.heads}) must be even for RoPE`)
  if (!Number.isInteger(shape.seed) || shape.seed < 0 || shape.seed > 0xffffffff) throw new Error(`seed must be an integer in [0, 2^32), got ${shape.seed}`)
}

/** The complete GGUF file for `shape`; the same shape gives the same bytes. */
export function buildModelFile(shape: ModelShape): Buffer {
  validateShape(shape)
  const vocabulary = trainByteLevelBpe(TRAINING_TEXT, shape.merges)
  const specialTexts = [SPECIAL_TOKENS.endOfText, SPECIAL_TOKENS.imStart, SPECIAL_TOKENS.imEnd]
  const firstSpecialId = vocabulary.tokens.length
  const tokens = [...vocabulary.tokens, ...specialTexts]
  const tokenTypes = tokens.map((_, id) => (id >= firstSpecialId ? TOKEN_TYPE.control : TOKEN_TYPE.normal))
  const endOfTextId = firstSpecialId
  const imEndId = firstSpecialId + 2
  const vocabSize = tokens.length
  const headSize = shape.width / shape.heads

  const metadata: Array<readonly [string, GgufValue]> = [
    ['general.architecture', { type: 'string', value: 'llama' }],
    ['general.name', { type: 'string', value: `llm-perf-gate e2e random ${shape.width}x${shape.layers}` }],
    ['general.file_type', { type: 'uint32', value: 1 }],
    ['general.alignment', { type: 'uint32', value: 32 }],
    ['llama.context_length', { type: 'uint32', value: shape.contextLength }],
    ['llama.embedding_length', { type: 'uint32', value: shape.width }],
    ['llama.block_count', { type: 'uint32', value: shape.layers }],
    ['llama.feed_forward_length', { type: 'uint32', value: shape.feedForward }],
    ['llama.attention.head_count', { type: 'uint32', value: shape.heads }],
    ['llama.attention.head_count_kv', { type: 'uint32', value: shape.heads }],
    ['llama.attention.layer_norm_rms_epsilon', { type: 'float32', value: 1e-5 }],
    ['llama.rope.dimension_count', { type: 'uint32', value: headSize }],
    ['llama.rope.freq_base', { type: 'float32', value: 10000 }],
    ['llama.vocab_size', { type: 'uint32', value: vocabSize }],
    ['tokenizer.ggml.model', { type: 'string', value: 'gpt2' }],
    ['tokenizer.ggml.pre', { type: 'string', value: 'gpt-2' }],
    ['tokenizer.ggml.tokens', { type: 'string[]', value: tokens }],
    ['tokenizer.ggml.token_type', { type: 'int32[]', value: tokenTypes }],
    ['tokenizer.ggml.merges', { type: 'string[]', value: vocabulary.merges }],
    ['tokenizer.ggml.bos_token_id', { type: 'uint32', value: endOfTextId }],
    ['tokenizer.ggml.eos_token_id', { type: 'uint32', value: imEndId }],
    ['tokenizer.ggml.padding_token_id', { type: 'uint32', value: endOfTextId }],
    ['tokenizer.ggml.add_bos_token', { type: 'bool', value: false }],
    ['tokenizer.chat_template', { type: 'string', value: CHATML_TEMPLATE }],
    ['llm_perf_gate.seed', { type: 'uint32', value: shape.seed }]
  ]

  // Each matrix is uniform with variance 1/fan_in, so activations keep unit scale.
  const scaleFor = (fanIn: number): number => Math.sqrt(3 / fanIn)
  let stream = 0
  const matrix = (name: string, rows: number, columns: number, rowScale?: (row: number) => number): GgufTensor => ({
    name,
    dims: [columns, rows],
    type: GGML_TYPE.f16,
    data: randomF16Matrix(shape.seed, stream++, rows, columns, scaleFor(columns), rowScale)
  })
  const norm = (name: string): GgufTensor => ({ name, dims: [shape.width], type: GGML_TYPE.f32, data: constantF32Vector(shape.width, 1) })

  const tensors: GgufTensor[] = [matrix('token_embd.weight', vocabSize, shape.width)]
  for (let layer = 0; layer < shape.layers; layer++) {
    const block = `blk.${layer}`
    tensors.push(
      norm(`${block}.attn_norm.weight`),
      matrix(`${block}.attn_q.weight`, shape.width, shape.width),
      matrix(`${block}.attn_k.weight`, shape.width, shape.width),
      matrix(`${block}.attn_v.weight`, shape.width, shape.width),
      matrix(`${block}.attn_output.weight`, shape.width, shape.width),
      norm(`${block}.ffn_norm.weight`),
      matrix(`${block}.ffn_gate.weight`, shape.feedForward, shape.width),
      matrix(`${block}.ffn_up.weight`, shape.feedForward, shape.width),
      matrix(`${block}.ffn_down.weight`, shape.width, shape.feedForward)
    )
  }
  // Special tokens get all-zero output rows: their logit is always 0 while the best of several
  // hundred unit-variance logits is well above it, so greedy decoding never ends on its own;
  // sampling at temperature 1 ends about once in a few hundred tokens.
  tensors.push(
    norm('output_norm.weight'),
    matrix('output.weight', vocabSize, shape.width, (row) => (row >= firstSpecialId ? 0 : 1))
  )
  return encodeGguf(metadata, tensors)
}
