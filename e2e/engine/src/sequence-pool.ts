/**
 * Hands out a fixed set of items (context sequences) one request at a time. A request that
 * finds none free waits in first-in, first-out order; one whose signal aborts while waiting
 * leaves the queue without taking anything.
 */
export class SequencePool<Item> {
  private readonly free: Item[]
  private readonly waiting: Array<{ grant: (item: Item) => void }> = []

  constructor(items: readonly Item[]) {
    this.free = items.slice()
  }

  /** Requests currently waiting for an item. */
  get queued(): number {
    return this.waiting.length
  }

  /** Items not handed out. */
  get available(): number {
    return this.free.length
  }

  acquire(signal?: AbortSignal): Promise<Item> {
    if (signal?.aborted === true) return Promise.reject(abortReason(signal))
    const item = this.free.shift()
    if (item !== undefined) return Promise.resolve(item)
    return new Promise<Item>((resolve, reject) => {
      const waiter = {
        grant: (granted: Item): void => {
          signal?.removeEventListener('abort', onAbort)
          resolve(granted)
        }
      }
      const onAbort = (): void => {
        const index = this.waiting.indexOf(waiter)
        if (index >= 0) this.waiting.splice(index, 1)
        reject(abortReason(signal as AbortSignal))
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      this.waiting.push(waiter)
    })
  }

  /** Gives an item back: to the longest-waiting request, or to the free list. */
  release(item: Item): void {
    const next = this.waiting.shift()
    if (next !== undefined) next.grant(item)
    else this.free.push(item)
  }
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new Error('aborted')
}
