import { createHash } from 'node:crypto'
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64'
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus'

type Generator = ReturnType<typeof xoroshiro128plus>

/**
 * Derives an independent 32-bit seed for one purpose ("trial 2 prompts", "schedule") from the
 * workload seed, so that adding warmup requests or a trial never shifts another stream's draws.
 */
export function deriveSeed(seed: number, ...labels: Array<string | number>): number {
  const hash = createHash('sha256').update(`${seed}`)
  for (const label of labels) hash.update(`\u0000${label}`)
  return hash.digest().readInt32LE(0)
}

/**
 * A seeded stream of random draws. pure-rand supplies the generator and uniform doubles; the
 * handful of continuous distributions below are textbook transforms it does not provide.
 */
export class Random {
  private readonly generator: Generator

  constructor(seed: number, ...labels: Array<string | number>) {
    this.generator = xoroshiro128plus(labels.length > 0 ? deriveSeed(seed, ...labels) : seed)
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    return uniformFloat64(this.generator)
  }

  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.uniform() * (max - min + 1))
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.uniform() * items.length)] as T
  }

  /** Box–Muller; the second variate is dropped so each call consumes a fixed number of draws. */
  normal(mean = 0, stddev = 1): number {
    const u1 = 1 - this.uniform() // in (0, 1], so log is finite
    const u2 = this.uniform()
    return mean + stddev * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2)
  }

  /** Exponential with the given rate (mean 1 / rate). */
  exponential(rate: number): number {
    return -Math.log(1 - this.uniform()) / rate
  }

  /** Gamma(shape, scale) by Marsaglia–Tsang, with the shape < 1 boost. Mean shape × scale. */
  gamma(shape: number, scale: number): number {
    if (shape < 1) {
      const u = 1 - this.uniform()
      return this.gamma(shape + 1, scale) * Math.pow(u, 1 / shape)
    }
    const d = shape - 1 / 3
    const c = 1 / Math.sqrt(9 * d)
    for (;;) {
      let x: number
      let v: number
      do {
        x = this.normal()
        v = 1 + c * x
      } while (v <= 0)
      v = v * v * v
      const u = 1 - this.uniform()
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v * scale
    }
  }

  /** Log-normal whose median is `median` and whose log has standard deviation `sigma`. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal())
  }
}
