import type { EngineClock } from '../../src/simulator/engine.js'

interface PendingTimer {
  id: number
  atMs: number
  callback: () => void
}

/** A scripted clock: time moves only when a test runs timers, so every step lands exactly. */
export class FakeClock implements EngineClock {
  private timeMs = 0
  private nextId = 1
  private readonly timers = new Map<number, PendingTimer>()

  now(): number {
    return this.timeMs
  }

  setTimer(callback: () => void, delayMs: number): number {
    const id = this.nextId++
    this.timers.set(id, { id, atMs: this.timeMs + Math.max(0, delayMs), callback })
    return id
  }

  clearTimer(handle: unknown): void {
    this.timers.delete(handle as number)
  }

  get pendingTimers(): number {
    return this.timers.size
  }

  /** Runs due timers in time order (ties in creation order) up to `untilMs`, then sets the time there. */
  advanceTo(untilMs: number): void {
    for (;;) {
      const next = this.earliest()
      if (next === undefined || next.atMs > untilMs) break
      this.timers.delete(next.id)
      this.timeMs = Math.max(this.timeMs, next.atMs)
      next.callback()
    }
    this.timeMs = Math.max(this.timeMs, untilMs)
  }

  /** Runs timers until none is left; a bound keeps a runaway engine from hanging the test. */
  runUntilIdle(maxTimers = 1_000_000): void {
    for (let ran = 0; ran < maxTimers; ran += 1) {
      const next = this.earliest()
      if (next === undefined) return
      this.timers.delete(next.id)
      this.timeMs = Math.max(this.timeMs, next.atMs)
      next.callback()
    }
    throw new Error(`still busy after ${maxTimers} timers`)
  }

  private earliest(): PendingTimer | undefined {
    let best: PendingTimer | undefined
    for (const timer of this.timers.values()) {
      if (best === undefined || timer.atMs < best.atMs || (timer.atMs === best.atMs && timer.id < best.id)) best = timer
    }
    return best
  }
}
