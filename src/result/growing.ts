/** A Float64Array that grows by doubling, for values whose count is not known in advance. */
export class Growing {
  values: Float64Array
  length = 0
  constructor(capacity = 16) {
    this.values = new Float64Array(Math.max(16, capacity))
  }
  push(value: number): void {
    if (this.length === this.values.length) this.grow()
    this.values[this.length++] = value
  }
  grow(): void {
    const bigger = new Float64Array(this.values.length * 2)
    bigger.set(this.values)
    this.values = bigger
  }
  /** The values, in an array of their own length (its buffer may be handed to another thread). */
  take(): Float64Array {
    return this.values.slice(0, this.length)
  }
  /** The values without a copy; valid until the next push. */
  view(): Float64Array {
    return this.values.subarray(0, this.length)
  }
  get(index: number): number {
    return this.values[index]!
  }
}

/** Bytes that grow by doubling: one flag byte per record. */
export class GrowingBytes {
  values: Uint8Array
  length = 0
  constructor(capacity = 16) {
    this.values = new Uint8Array(Math.max(16, capacity))
  }
  push(value: number): void {
    if (this.length === this.values.length) {
      const bigger = new Uint8Array(this.values.length * 2)
      bigger.set(this.values)
      this.values = bigger
    }
    this.values[this.length++] = value
  }
  get(index: number): number {
    return this.values[index]!
  }
  take(): Uint8Array {
    return this.values.slice(0, this.length)
  }
}
