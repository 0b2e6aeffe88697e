import type { Random } from '../random.js'

/**
 * A slow random walk of the engine's speed over wall time: an Ornstein–Uhlenbeck process on the
 * log of a duration multiplier. Real GPUs drift like this (clocks, thermals, neighbours), which
 * is why consecutive trials against one server differ by a few percent and why the comparison
 * replicates over trials. The exact transition is used for any time step, so the process has
 * the same law whether it is sampled every millisecond or after a long idle gap.
 */
export class SpeedDrift {
  private logFactor: number
  private lastMs: number | null = null

  constructor(
    private readonly random: Random,
    /** Stationary standard deviation of the log multiplier. */
    private readonly sigma: number,
    private readonly timeConstantMs: number
  ) {
    // Start from the stationary law, so a fresh simulator is not always at exactly nominal speed.
    this.logFactor = random.normal(0, sigma)
  }

  /** The duration multiplier at `timeMs`; times must not go backwards (an earlier time reads as no change). */
  factorAt(timeMs: number): number {
    const elapsedMs = this.lastMs === null ? 0 : Math.max(0, timeMs - this.lastMs)
    this.lastMs = this.lastMs === null ? timeMs : Math.max(this.lastMs, timeMs)
    const decay = Math.exp(-elapsedMs / this.timeConstantMs)
    // One draw per call whatever the gap, so the draw sequence depends only on the call count.
    const shock = this.random.normal()
    this.logFactor = this.logFactor * decay + this.sigma * Math.sqrt(1 - decay * decay) * shock
    return Math.exp(this.logFactor)
  }
}
