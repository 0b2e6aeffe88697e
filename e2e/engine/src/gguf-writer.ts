/**
 * Serialises a GGUF version 3 file: header, typed metadata key/value pairs, tensor infos, then
 * the tensor data, each tensor starting on an `alignment`-byte boundary. Little-endian
 * throughout. Only the value and tensor types this engine writes are supported.
 */

/** GGUF metadata value types (gguf_type). */
const GGUF_TYPE = {
  uint32: 4,
  int32: 5,
  float32: 6,
  bool: 7,
  string: 8,
  array: 9
} as const

/** ggml tensor element types used here. */
export const GGML_TYPE = { f32: 0, f16: 1 } as const
export type GgmlTensorType = (typeof GGML_TYPE)[keyof typeof GGML_TYPE]

const BYTES_PER_ELEMENT: Record<GgmlTensorType, number> = { 0: 4, 1: 2 }

export type GgufValue =
  | { type: 'uint32'; value: number }
  | { type: 'int32'; value: number }
  | { type: 'float32'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'string'; value: string }
  | { type: 'string[]'; value: readonly string[] }
  | { type: 'int32[]'; value: readonly number[] }

export interface GgufTensor {
  name: string
  /** ggml order: dims[0] is the innermost (contiguous) dimension. */
  dims: readonly number[]
  type: GgmlTensorType
  data: Uint8Array
}

export const GGUF_DEFAULT_ALIGNMENT = 32

/** A growable little-endian byte buffer. */
class ByteWriter {
  private buffer = Buffer.alloc(1 << 16)
  length = 0

  private reserve(extra: number): void {
    if (this.length + extra <= this.buffer.length) return
    let size = this.buffer.length * 2
    while (size < this.length + extra) size *= 2
    const grown = Buffer.alloc(size)
    this.buffer.copy(grown, 0, 0, this.length)
    this.buffer = grown
  }

  u8(value: number): void {
    this.reserve(1)
    this.buffer.writeUInt8(value, this.length)
    this.length += 1
  }

  u32(value: number): void {
    this.reserve(4)
    this.buffer.writeUInt32LE(value, this.length)
    this.length += 4
  }

  i32(value: number): void {
    this.reserve(4)
    this.buffer.writeInt32LE(value, this.length)
    this.length += 4
  }

  f32(value: number): void {
    this.reserve(4)
    this.buffer.writeFloatLE(value, this.length)
    this.length += 4
  }

  u64(value: number): void {
    this.reserve(8)
    this.buffer.writeBigUInt64LE(BigInt(value), this.length)
    this.length += 8
  }

  string(value: string): void {
    const bytes = Buffer.from(value, 'utf8')
    this.u64(bytes.length)
    this.bytes(bytes)
  }

  bytes(bytes: Uint8Array): void {
    this.reserve(bytes.length)
    this.buffer.set(bytes, this.length)
    this.length += bytes.length
  }

  padTo(alignment: number): void {
    const padding = (alignment - (this.length % alignment)) % alignment
    this.reserve(padding)
    this.buffer.fill(0, this.length, this.length + padding)
    this.length += padding
  }

  toBuffer(): Buffer {
    return this.buffer.subarray(0, this.length)
  }
}

function writeValue(out: ByteWriter, value: GgufValue): void {
  switch (value.type) {
    case 'uint32':
      out.u32(GGUF_TYPE.uint32)
      out.u32(value.value)
      return
    case 'int32':
      out.u32(GGUF_TYPE.int32)
      out.i32(value.value)
      return
    case 'float32':
      out.u32(GGUF_TYPE.float32)
      out.f32(value.value)
      return
    case 'bool':
      out.u32(GGUF_TYPE.bool)
      out.u8(value.value ? 1 : 0)
      return
    case 'string':
      out.u32(GGUF_TYPE.string)
      out.string(value.value)
      return
    case 'string[]':
      out.u32(GGUF_TYPE.array)
      out.u32(GGUF_TYPE.string)
      out.u64(value.value.length)
      for (const item of value.value) out.string(item)
      return
    case 'int32[]':
      out.u32(GGUF_TYPE.array)
      out.u32(GGUF_TYPE.int32)
      out.u64(value.value.length)
      for (const item of value.value) out.i32(item)
      return
  }
}

function tensorByteSize(tensor: GgufTensor): number {
  return tensor.dims.reduce((product, dim) => product * dim, 1) * BYTES_PER_ELEMENT[tensor.type]
}

/**
 * Builds the complete file in memory. The metadata order is kept as given, so the same inputs
 * give the same bytes.
 */
export function encodeGguf(
  metadata: ReadonlyArray<readonly [string, GgufValue]>,
  tensors: readonly GgufTensor[],
  alignment = GGUF_DEFAULT_ALIGNMENT
): Buffer {
  const header = new ByteWriter()
  header.bytes(Buffer.from('GGUF', 'ascii'))
  header.u32(3)
  header.u64(tensors.length)
  header.u64(metadata.length)
  for (const [key, value] of metadata) {
    header.string(key)
    writeValue(header, value)
  }

  let dataOffset = 0
  for (const tensor of tensors) {
    const expectedBytes = tensorByteSize(tensor)
    if (tensor.data.length !== expectedBytes) {
      throw new Error(`tensor ${tensor.name}: ${tensor.data.length} bytes given, ${expectedBytes} expected for dims ${tensor.dims.join('x')}`)
    }
    header.string(tensor.name)
    header.u32(tensor.dims.length)
    for (const dim of tensor.dims) header.u64(dim)
    header.u32(tensor.type)
    header.u64(dataOffset)
    dataOffset += expectedBytes
    dataOffset += (alignment - (dataOffset % alignment)) % alignment
  }
  header.padTo(alignment)

  const body = new ByteWriter()
  for (const tensor of tensors) {
    body.bytes(tensor.data)
    body.padTo(alignment)
  }
  return Buffer.concat([header.toBuffer(), body.toBuffer()])
}
