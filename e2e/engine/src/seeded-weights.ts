/**
 * Deterministic random weights: every value is a hash of (seed, tensor index, element index),
 * so tensors are independent of each other and of the order they are generated in.
 */

/** A 32-bit integer hash with good avalanche (the murmur3 finaliser). */
function mix32(value: number): number {
  let h = value | 0
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/** The key of stream `stream` under `seed`; see `randomBits`. */
export function streamKey(seed: number, stream: number): number {
  return mix32(mix32(seed) ^ Math.imul(stream + 1, 0x9e3779b9))
}

/** 32 random bits for position `index` of the stream with key `key`. */
export function randomBits(key: number, index: number): number {
  return mix32(key ^ Math.imul(index, 0x9e3779b1))
}

const f32Scratch = new Float32Array(1)
const f32Bits = new Uint32Array(f32Scratch.buffer)

/** IEEE 754 binary16 bits of `value`, rounded to nearest, ties to even. */
export function float32ToFloat16Bits(value: number): number {
  f32Scratch[0] = value
  return float32BitsToFloat16Bits(f32Bits[0] as number)
}

/** IEEE 754 binary16 bits of the binary32 value with bits `bits`, rounded to nearest, ties to even. */
function float32BitsToFloat16Bits(bits: number): number {
  const sign = (bits >>> 16) & 0x8000
  const exponent = (bits >>> 23) & 0xff
  let mantissa = bits & 0x7fffff
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa !== 0 ? 0x200 : 0)
  const halfExponent = exponent - 127 + 15
  if (halfExponent >= 0x1f) return sign | 0x7c00
  if (halfExponent <= 0) {
    if (halfExponent < -10) return sign
    mantissa |= 0x800000
    const shift = 14 - halfExponent
    let half = mantissa >>> shift
    const remainder = mantissa & ((1 << shift) - 1)
    const halfway = 1 << (shift - 1)
    if (remainder > halfway || (remainder === halfway && (half & 1) === 1)) half++
    return sign | half
  }
  let half = (halfExponent << 10) | (mantissa >>> 13)
  const remainder = mantissa & 0x1fff
  if (remainder > 0x1000 || (remainder === 0x1000 && (half & 1) === 1)) half++
  return sign | half
}

/**
 * The 65 536 F16 values `scale * (k / 32768 - 1)` for k = 0 … 65535: 16 random bits pick one,
 * so one 32-bit hash yields two weights.
 */
function uniformF16Table(scale: number): Uint16Array {
  let table = uniformF16Tables.get(scale)
  if (table === undefined) {
    table = new Uint16Array(65536)
    for (let k = 0; k < 65536; k++) table[k] = float32ToFloat16Bits(scale * (k / 32768 - 1))
    uniformF16Tables.set(scale, table)
  }
  return table
}

const uniformF16Tables = new Map<number, Uint16Array>()

/**
 * A row-major F16 matrix of `rows` × `columns` (ggml dims `[columns, rows]`), uniform in
 * ±`scale`. `rowScale` multiplies whole rows (0 silences a row).
 */
export function randomF16Matrix(
  seed: number,
  stream: number,
  rows: number,
  columns: number,
  scale: number,
  rowScale: (row: number) => number = () => 1
): Uint8Array {
  const key = streamKey(seed, stream)
  const halves = new Uint16Array(rows * columns)
  for (let row = 0; row < rows; row++) {
    const table = uniformF16Table(scale * rowScale(row))
    const base = row * columns
    for (let column = 0; column < columns; column += 2) {
      const bits = randomBits(key, (base + column) >>> 1)
      halves[base + column] = table[bits & 0xffff] as number
      if (column + 1 < columns) halves[base + column + 1] = table[bits >>> 16] as number
    }
  }
  return new Uint8Array(halves.buffer)
}

/** An F32 vector filled with `value` (RMS-norm weights). */
export function constantF32Vector(length: number, value: number): Uint8Array {
  return new Uint8Array(new Float32Array(length).fill(value).buffer)
}
