/**
 * What the threads of one phase share (pool.ts, worker-main.ts): a counter of claimed requests, so
 * the threads take the phase's requests in order between them as one loop would; the free places
 * under the open loop's concurrency cap; and a stop flag. Four 32-bit integers in shared memory,
 * read and written with Atomics.
 */
import type { Slots } from './send-loop.js'

const CLAIMED = 0
const FREE = 1
const STOP = 2

export class SharedControl {
  readonly cells: Int32Array

  /** A new control for a phase of `count` requests with `free` places (0 when uncapped), or the one whose memory another thread made. */
  constructor(memory: SharedArrayBuffer | { free: number }) {
    this.cells = new Int32Array(memory instanceof SharedArrayBuffer ? memory : new SharedArrayBuffer(4 * Int32Array.BYTES_PER_ELEMENT))
    if (!(memory instanceof SharedArrayBuffer)) Atomics.store(this.cells, FREE, memory.free)
  }

  get memory(): SharedArrayBuffer {
    return this.cells.buffer as SharedArrayBuffer
  }

  /** The index of the next request, for whichever thread asks first; `count` or more once all are taken. */
  claim(): number {
    return Atomics.add(this.cells, CLAIMED, 1)
  }

  /** How many claims were made (past the end included). */
  get claimed(): number {
    return Atomics.load(this.cells, CLAIMED)
  }

  get stopped(): boolean {
    return Atomics.load(this.cells, STOP) !== 0
  }

  /** Stops every thread's loop: no more claims, and places waited for are not given. */
  stop(): void {
    Atomics.store(this.cells, STOP, 1)
    Atomics.notify(this.cells, FREE)
  }

  /** The concurrency cap's places, shared by the threads. */
  slots(): Slots {
    const cells = this.cells
    return {
      async take(): Promise<boolean> {
        for (;;) {
          if (Atomics.load(cells, STOP) !== 0) return false
          const free = Atomics.load(cells, FREE)
          if (free > 0) {
            if (Atomics.compareExchange(cells, FREE, free, free - 1) === free) return true
            continue
          }
          // Sleeps until a place is given (or the value changed meanwhile), without blocking this thread's event loop.
          const waited = Atomics.waitAsync(cells, FREE, free)
          if (waited.async) await waited.value
        }
      },
      give(): void {
        Atomics.add(cells, FREE, 1)
        Atomics.notify(cells, FREE, 1)
      }
    }
  }
}
