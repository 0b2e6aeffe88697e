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

/**
 * Bytes that grow by doubling: one flag byte per record. A class of its own rather than a generic
 * base shared with Growing: one push site for both array kinds made pushes 1.29× slower (polymorphic;
 * a one-off side-by-side micro-benchmark of 9.3 M pushes, medians of 7 rounds, this 2-core machine).
 */
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

/** An int that stands for NaN (a null) in a CompactColumn of ints. */
const NAN_INT = -2147483648

/**
 * Numbers that are nearly always whole multiples of 1/scale (the client rounds times to 3
 * decimals: scale 1000 holds microseconds; counts and offsets: scale 1), kept as 32-bit integers
 * of that unit, 4 bytes a value instead of 8. The first value that is not exactly such a multiple,
 * or is out of range, turns the column into doubles: every value reads back as it was pushed
 * (-0 aside, which reads back as 0, as JSON writes it). NaN is kept. Grows by half.
 */
export class CompactColumn {
  ints: Int32Array | null
  doubles: Float64Array | null = null
  length = 0

  constructor(
    readonly scale: number,
    capacity = 16
  ) {
    this.ints = new Int32Array(Math.max(16, capacity))
  }

  push(value: number): void {
    const capacity = this.ints?.length ?? this.doubles!.length
    if (this.length === capacity) this.grow(Math.ceil(capacity * 1.5))
    if (this.ints !== null) {
      if (value !== value) {
        this.ints[this.length++] = NAN_INT
        return
      }
      const units = Math.round(value * this.scale)
      if (units / this.scale === value && units > NAN_INT && units <= 2147483647) {
        this.ints[this.length++] = units
        return
      }
      this.toDoubles()
    }
    // -0 as 0 here too, as the ints keep it: a column reads the same whichever form it took.
    this.doubles![this.length++] = value === 0 ? 0 : value
  }

  get(index: number): number {
    if (this.ints === null) return this.doubles![index]!
    const units = this.ints[index]!
    return units === NAN_INT ? Number.NaN : units / this.scale
  }

  /** Overwrites a value already pushed. */
  set(index: number, value: number): void {
    const length = this.length
    this.length = index
    this.push(value)
    this.length = length
  }

  /** Copies `count` values from `from` into `target` at `at`, as doubles. */
  copyTo(target: Float64Array, at: number, from = 0, count = this.length - from): void {
    if (this.ints === null) {
      target.set(this.doubles!.subarray(from, from + count), at)
      return
    }
    for (let k = 0; k < count; k++) target[at + k] = this.get(from + k)
  }

  private grow(capacity: number): void {
    if (this.ints !== null) {
      const bigger = new Int32Array(capacity)
      bigger.set(this.ints)
      this.ints = bigger
    } else {
      const bigger = new Float64Array(capacity)
      bigger.set(this.doubles!)
      this.doubles = bigger
    }
  }

  private toDoubles(): void {
    const doubles = new Float64Array(this.ints!.length)
    for (let k = 0; k < this.length; k++) doubles[k] = this.get(k)
    this.doubles = doubles
    this.ints = null
  }
}
