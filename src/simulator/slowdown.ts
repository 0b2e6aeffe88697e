import { InputError, describeValue } from '../errors.js'

/**
 * Multipliers on the engine's cost model, for injecting a known regression. `prefill` scales
 * the per-prompt-token cost (so TTFT grows by less than the factor: queueing and the step's
 * decode part are untouched, as with a real prefill regression); `decode` scales the whole
 * decode part of every step (so TPOT and ITL grow by about the factor).
 */
export interface Slowdown {
  prefill: number
  decode: number
}

export const NO_SLOWDOWN: Slowdown = Object.freeze({ prefill: 1, decode: 1 })

/** The names users may write, each mapped onto the cost it scales. */
const METRIC_ALIASES: Record<string, keyof Slowdown> = {
  ttft: 'prefill',
  tpot: 'decode',
  itl: 'decode',
  prefill: 'prefill',
  decode: 'decode'
}

const FLAG = '--slowdown'

/**
 * Parses the values of repeated `--slowdown` flags, each `metric=factor[,metric=factor…]`.
 * A cost named twice (also through an alias: `ttft=1.2,prefill=1.3`) is an error rather than
 * a silent last-wins, because an injected regression must be exactly the one the user meant.
 */
export function parseSlowdown(values: readonly string[]): Slowdown {
  const slowdown: Slowdown = { ...NO_SLOWDOWN }
  const seen = new Map<keyof Slowdown, string>()
  for (const value of values) {
    for (const rawItem of value.split(',')) {
      const item = rawItem.trim()
      const equals = item.indexOf('=')
      if (equals <= 0) {
        throw new InputError(`${FLAG}: ${describeValue(item)} is not METRIC=FACTOR; expected e.g. ttft=1.2 or tpot=1.1`)
      }
      const metric = item.slice(0, equals).trim().toLowerCase()
      const factorText = item.slice(equals + 1).trim()
      const cost = Object.hasOwn(METRIC_ALIASES, metric) ? METRIC_ALIASES[metric] : undefined
      if (cost === undefined) {
        throw new InputError(
          `${FLAG}: unknown metric ${describeValue(metric)} in ${describeValue(item)}; expected one of ${Object.keys(METRIC_ALIASES).join(', ')}`
        )
      }
      const factor = factorText === '' ? Number.NaN : Number(factorText)
      if (!Number.isFinite(factor) || factor <= 0) {
        throw new InputError(`${FLAG}: factor ${describeValue(factorText)} for ${metric} is not a positive number; expected e.g. ${metric}=1.2`)
      }
      const earlier = seen.get(cost)
      if (earlier !== undefined) {
        throw new InputError(`${FLAG}: ${describeValue(item)} sets the ${cost} cost already set by ${describeValue(earlier)}; give each once`)
      }
      seen.set(cost, item)
      slowdown[cost] = factor
    }
  }
  return slowdown
}

/** Completes and checks a slowdown given programmatically. */
export function resolveSlowdown(slowdown: Partial<Slowdown> | undefined): Slowdown {
  const resolved: Slowdown = { ...NO_SLOWDOWN, ...slowdown }
  for (const cost of ['prefill', 'decode'] as const) {
    const factor = resolved[cost]
    if (typeof factor !== 'number' || !Number.isFinite(factor) || factor <= 0) {
      throw new InputError(`${FLAG}: factor ${describeValue(factor)} for ${cost} is not a positive number`)
    }
  }
  return resolved
}

export function describeSlowdown(slowdown: Slowdown): string {
  const parts: string[] = []
  if (slowdown.prefill !== 1) parts.push(`prefill x${slowdown.prefill}`)
  if (slowdown.decode !== 1) parts.push(`decode x${slowdown.decode}`)
  return parts.length === 0 ? 'none' : parts.join(', ')
}
