/**
 * A phase's requests in blocks of serialised bodies, for the worker threads (pool.ts). The main
 * thread draws the prompts (the plan is one seeded sequence) and writes each block's bodies, as
 * UTF-8, into memory the workers share; a worker copies the body of a request it claims. Blocks
 * are made a little ahead of the sends, so a trial of a million requests holds a few blocks of
 * bodies, not a million, and no JSON is built on a thread that stamps arrivals.
 */
import type { PlannedRequest } from '../workload/prompts.js'
import type { Claimed } from './send-loop.js'

/** Requests per block: a few MB of bodies for short prompts. */
export const BLOCK_SIZE = 4096

/** One block of requests: `start` is the phase index of its first. Its arrays live in shared memory when made for workers. */
export interface RequestBlock {
  start: number
  count: number
  /** The bodies, one after another; body i is bytes [ends[i - 1], ends[i]). */
  bytes: Uint8Array
  ends: Float64Array
  ids: Float64Array
  maxTokens: Float64Array
  inputTokensTarget: Float64Array
}

/** The block that holds the request at `index` of the phase. */
export const blockOf = (index: number): number => Math.floor(index / BLOCK_SIZE)

/** Claimed request `index` of `block`, with a body of its own (the block's memory is reused once every worker is past it). */
export function claimFrom(block: RequestBlock, index: number): Claimed {
  const i = index - block.start
  const from = i === 0 ? 0 : block.ends[i - 1]!
  return {
    index,
    request: { id: block.ids[i]!, maxTokens: block.maxTokens[i]!, inputTokensTarget: block.inputTokensTarget[i]! },
    body: Buffer.from(block.bytes.subarray(from, block.ends[i]!))
  }
}

/** Makes the blocks of one phase in order, from its prompts. */
export class RequestFeed {
  /** Requests put in blocks so far. */
  produced = 0
  /** Where a block's bodies are written before they are copied into memory of their own size. */
  private scratch = Buffer.allocUnsafe(1 << 20)

  constructor(
    private readonly prompts: Iterator<PlannedRequest>,
    readonly count: number,
    private readonly body: (request: PlannedRequest) => string,
    private readonly shared: boolean
  ) {}

  get done(): boolean {
    return this.produced >= this.count
  }

  /** The next block, or null when every request is in one. */
  next(): RequestBlock | null {
    if (this.done) return null
    const start = this.produced
    const count = Math.min(BLOCK_SIZE, this.count - start)
    const ids = this.array(count)
    const maxTokens = this.array(count)
    const inputTokensTarget = this.array(count)
    const ends = this.array(count)
    // Each body is encoded as soon as it is made, so its string dies young (a block of strings would outlive a few scavenges).
    let scratch = this.scratch
    let total = 0
    for (let i = 0; i < count; i++) {
      const next = this.prompts.next()
      if (next.done === true) throw new Error(`the prompts ended after ${start + i} of ${this.count} requests`)
      ids[i] = next.value.id
      maxTokens[i] = next.value.maxTokens
      inputTokensTarget[i] = next.value.inputTokensTarget
      const body = this.body(next.value)
      const most = body.length * 3
      if (total + most > scratch.length) {
        const bigger = Buffer.allocUnsafe(Math.max(scratch.length * 2, total + most))
        scratch.copy(bigger, 0, 0, total)
        scratch = bigger
      }
      total += scratch.write(body, total)
      ends[i] = total
    }
    this.scratch = scratch
    const bytes = new Uint8Array(this.shared ? new SharedArrayBuffer(total) : new ArrayBuffer(total))
    bytes.set(scratch.subarray(0, total))
    this.produced += count
    return { start, count, bytes, ends, ids, maxTokens, inputTokensTarget }
  }

  private array(count: number): Float64Array {
    return new Float64Array(this.shared ? new SharedArrayBuffer(count * 8) : new ArrayBuffer(count * 8))
  }
}
