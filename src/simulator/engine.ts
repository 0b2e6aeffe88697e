import { Random } from '../random.js'
import { SpeedDrift } from './drift.js'
import type { SimulatorProfile } from './profiles.js'
import type { Slowdown } from './slowdown.js'

/** Time and timers, injected so the engine can be driven by a scripted clock in tests. */
export interface EngineClock {
  now(): number
  /** Calls `callback` once after `delayMs` (0: as soon as the current work is done). */
  setTimer(callback: () => void, delayMs: number): unknown
  clearTimer(handle: unknown): void
}

interface RealTimer {
  immediate: boolean
  handle: ReturnType<typeof setTimeout> | ReturnType<typeof setImmediate>
}

/**
 * performance.now() and Node timers. A due or overdue step runs on setImmediate rather than
 * setTimeout(0), which Node rounds up to 1 ms: that millisecond would be a real error at the
 * `fast` profile's step sizes.
 */
export const realClock: EngineClock = {
  now: () => performance.now(),
  setTimer(callback, delayMs): RealTimer {
    if (delayMs <= 0) return { immediate: true, handle: setImmediate(callback) }
    return { immediate: false, handle: setTimeout(callback, delayMs) }
  },
  clearTimer(handle) {
    const timer = handle as RealTimer
    if (timer.immediate) clearImmediate(timer.handle as ReturnType<typeof setImmediate>)
    else clearTimeout(timer.handle as ReturnType<typeof setTimeout>)
  }
}

/** The noiseless cost of one step: what `--slowdown` scales and what the tests check against. */
export function modelStepMs(profile: SimulatorProfile, slowdown: Slowdown, batchSize: number, prefillTokens: number): number {
  const decodeMs = profile.decodeBaseMs + profile.decodePerSequenceMs * batchSize
  return slowdown.decode * decodeMs + slowdown.prefill * profile.prefillPerTokenMs * prefillTokens
}

export interface SequenceRequest {
  promptTokens: number
  /** Prompt tokens to compute when admitted; fewer than promptTokens when a prefix cache holds the rest (prefix-cache.ts). Default: all. */
  prefillTokens?: number
  /** What the request may generate; reserved in the KV cache for the sequence's whole life. */
  maxTokens: number
  /** What it will generate before stopping (≤ maxTokens; fewer when a simulated EOS comes first). */
  outputTokens: number
  /** Called at the end of each step that produced a token for this sequence. */
  onToken(event: TokenEvent): void
}

export interface TokenEvent {
  /** 0 for the first token. */
  index: number
  /** The sequence is finished and its KV is already free. */
  last: boolean
}

export interface SequenceHandle {
  /** Drops the sequence wherever it is (queued or running) and frees its KV; safe to call twice. */
  cancel(): void
}

export interface EngineStats {
  waiting: number
  running: number
  kvUsedTokens: number
  steps: number
  timerPending: boolean
  /** Prompt tokens admitted (prefilled) since start. */
  promptTokens: number
  /** Tokens generated since start. */
  generationTokens: number
}

interface Sequence {
  request: SequenceRequest
  reservedTokens: number
  emitted: number
  state: 'waiting' | 'running' | 'done'
}

/** Past this much lateness (a paused process, a debugger) the schedule is re-anchored instead of replayed in a burst. */
const MAX_CATCH_UP_MS = 1000

/**
 * A continuous-batching engine in discrete steps. At each step boundary waiting sequences are
 * admitted first-come first-served while the KV cache, the batch limit and the prefill budget
 * allow; the first that does not fit blocks those behind it, as in vLLM's FCFS scheduler. A
 * step costs a decode part that grows with the batch plus a prefill part for the prompt tokens
 * admitted in it, times per-step noise and the slow drift. Every sequence in the step emits one
 * token when it ends. Steps are scheduled against absolute end times, so timer lateness is
 * absorbed instead of accumulating; an idle engine holds no timer.
 */
export class BatchingEngine {
  private readonly waiting: Sequence[] = []
  private readonly running = new Set<Sequence>()
  private kvUsedTokens = 0
  private timer: unknown = undefined
  private phase: 'idle' | 'starting' | 'stepping' | 'stopped' = 'idle'
  private stepBatch: Sequence[] = []
  private stepEndMs = 0
  private steps = 0
  private promptTokens = 0
  private generationTokens = 0
  private readonly noise: Random
  private readonly drift: SpeedDrift

  constructor(
    private readonly profile: SimulatorProfile,
    private readonly slowdown: Slowdown,
    seed: number,
    private readonly clock: EngineClock = realClock
  ) {
    this.noise = new Random(seed, 'simulator', 'step-noise')
    this.drift = new SpeedDrift(new Random(seed, 'simulator', 'drift'), profile.driftSigma, profile.driftTimeConstantMs)
  }

  submit(request: SequenceRequest): SequenceHandle {
    if (this.phase === 'stopped') throw new Error('the simulator engine is stopped')
    const reservedTokens = request.promptTokens + request.maxTokens
    // The HTTP layer rejects these with 400 first; reaching here would mean waiting forever.
    if (reservedTokens > this.profile.kvCapacityTokens) {
      throw new RangeError(`a sequence reserving ${reservedTokens} tokens can never fit a ${this.profile.kvCapacityTokens}-token KV cache`)
    }
    if (!(request.outputTokens >= 1 && request.outputTokens <= request.maxTokens)) {
      throw new RangeError(`outputTokens ${request.outputTokens} must be in [1, maxTokens ${request.maxTokens}]`)
    }
    const sequence: Sequence = { request, reservedTokens, emitted: 0, state: 'waiting' }
    this.waiting.push(sequence)
    if (this.phase === 'idle') {
      // Deferred to the next turn so requests arriving together are admitted in one step.
      this.phase = 'starting'
      this.timer = this.clock.setTimer(() => this.beginStep(this.clock.now()), 0)
    }
    return { cancel: () => this.cancel(sequence) }
  }

  stats(): EngineStats {
    return {
      waiting: this.waiting.length,
      running: this.running.size,
      kvUsedTokens: this.kvUsedTokens,
      steps: this.steps,
      timerPending: this.timer !== undefined,
      promptTokens: this.promptTokens,
      generationTokens: this.generationTokens
    }
  }

  /** Drops every sequence without notifying it and clears the timer; the engine accepts nothing after. */
  stop(): void {
    if (this.timer !== undefined) this.clock.clearTimer(this.timer)
    this.timer = undefined
    for (const sequence of [...this.waiting, ...this.running]) sequence.state = 'done'
    this.waiting.length = 0
    this.running.clear()
    this.stepBatch = []
    this.kvUsedTokens = 0
    this.phase = 'stopped'
  }

  private cancel(sequence: Sequence): void {
    if (sequence.state === 'waiting') {
      const position = this.waiting.indexOf(sequence)
      if (position >= 0) this.waiting.splice(position, 1)
    } else if (sequence.state === 'running') {
      this.release(sequence)
    }
    sequence.state = 'done'
  }

  private release(sequence: Sequence): void {
    this.running.delete(sequence)
    this.kvUsedTokens -= sequence.reservedTokens
    sequence.state = 'done'
  }

  /** Admits what fits and returns the prompt tokens admitted (the step's prefill work). */
  private admit(): number {
    let prefillTokens = 0
    while (this.waiting.length > 0) {
      const next = this.waiting[0] as Sequence
      const fitsKv = this.kvUsedTokens + next.reservedTokens <= this.profile.kvCapacityTokens
      const fitsBatch = this.running.size < this.profile.maxRunningSequences
      const prefill = next.request.prefillTokens ?? next.request.promptTokens
      const fitsBudget = prefillTokens === 0 || prefillTokens + prefill <= this.profile.maxPrefillTokensPerStep
      if (!fitsKv || !fitsBatch || !fitsBudget) break
      this.waiting.shift()
      next.state = 'running'
      this.running.add(next)
      this.kvUsedTokens += next.reservedTokens
      prefillTokens += prefill
    }
    this.promptTokens += prefillTokens
    return prefillTokens
  }

  private beginStep(startMs: number): void {
    this.timer = undefined
    const prefillTokens = this.admit()
    if (this.running.size === 0) {
      this.phase = 'idle'
      return
    }
    this.stepBatch = [...this.running]
    const costMs = modelStepMs(this.profile, this.slowdown, this.stepBatch.length, prefillTokens)
    const noise = this.noise.logNormal(1, this.profile.stepNoiseSigma)
    const durationMs = costMs * noise * this.drift.factorAt(startMs)
    this.stepEndMs = startMs + durationMs
    this.phase = 'stepping'
    this.steps += 1
    this.timer = this.clock.setTimer(() => this.endStep(), this.stepEndMs - this.clock.now())
  }

  private endStep(): void {
    this.timer = undefined
    const batch = this.stepBatch
    this.stepBatch = []
    for (const sequence of batch) {
      // Cancelled during the step: its slot was computed but nobody is listening.
      if (sequence.state !== 'running') continue
      sequence.emitted += 1
      this.generationTokens += 1
      const last = sequence.emitted >= sequence.request.outputTokens
      if (last) this.release(sequence)
      sequence.request.onToken({ index: sequence.emitted - 1, last })
      if (this.phase === 'stopped') return
    }
    if (this.running.size === 0 && this.waiting.length === 0) {
      this.phase = 'idle'
      return
    }
    const now = this.clock.now()
    this.beginStep(now - this.stepEndMs > MAX_CATCH_UP_MS ? now : this.stepEndMs)
  }
}
