import { InputError, describeValue } from '../errors.js'
import type { Random } from '../random.js'

/** Per-request probabilities of each injected fault, all in [0, 1]. */
export interface FaultSpec {
  /** Answer 500 with an error body instead of streaming. */
  http500: number
  /** Answer 429 with an error body and `retry-after`. */
  http429: number
  /** Close the connection mid-stream, after at least one content token. */
  reset: number
  /** Stop sending mid-stream, after at least one content token, and hold the connection open. */
  stall: number
  /** Emit one event whose data is not valid JSON, then carry on. */
  malformed: number
  /** End the stream cleanly but without its end marker (`[DONE]`, TGI's final details event). */
  noDone: number
  /** Interleave SSE comment lines (`: ping`) between events, as proxies and keep-alives do. */
  comments: number
}

export const NO_FAULTS: FaultSpec = Object.freeze({ http500: 0, http429: 0, reset: 0, stall: 0, malformed: 0, noDone: 0, comments: 0 })

/** Flag names, as users write them in `--faults`, mapped to the fields above. */
const FAULT_NAMES: Record<string, keyof FaultSpec> = {
  http500: 'http500',
  http429: 'http429',
  reset: 'reset',
  stall: 'stall',
  malformed: 'malformed',
  no_done: 'noDone',
  comments: 'comments'
}

const FLAG = '--faults'

/** Parses `--faults http500=0.05,reset=0.01,comments=1`. An empty spec means no faults. */
export function parseFaults(spec: string): FaultSpec {
  const faults: FaultSpec = { ...NO_FAULTS }
  for (const rawItem of spec.split(',')) {
    const item = rawItem.trim()
    if (item === '') continue
    const equals = item.indexOf('=')
    if (equals <= 0) {
      throw new InputError(`${FLAG}: ${describeValue(item)} is not NAME=PROBABILITY; expected e.g. http500=0.05`)
    }
    const name = item.slice(0, equals).trim().toLowerCase()
    const valueText = item.slice(equals + 1).trim()
    const field = Object.hasOwn(FAULT_NAMES, name) ? FAULT_NAMES[name] : undefined
    if (field === undefined) {
      throw new InputError(`${FLAG}: unknown fault ${describeValue(name)}; expected one of ${Object.keys(FAULT_NAMES).join(', ')}`)
    }
    const probability = valueText === '' ? Number.NaN : Number(valueText)
    if (!Number.isFinite(probability) || probability < 0 || probability > 1) {
      throw new InputError(`${FLAG}: probability ${describeValue(valueText)} for ${name} is not a number in [0, 1]`)
    }
    faults[field] = probability
  }
  return faults
}

/** Completes and checks a fault spec given programmatically. */
export function resolveFaults(faults: Partial<FaultSpec> | undefined): FaultSpec {
  const resolved: FaultSpec = { ...NO_FAULTS, ...faults }
  for (const [name, field] of Object.entries(FAULT_NAMES)) {
    const probability = resolved[field]
    if (typeof probability !== 'number' || !(probability >= 0 && probability <= 1)) {
      throw new InputError(`${FLAG}: probability ${describeValue(probability)} for ${name} is not a number in [0, 1]`)
    }
  }
  return resolved
}

export function describeFaults(faults: FaultSpec): string {
  const parts = Object.entries(FAULT_NAMES)
    .filter(([, field]) => faults[field] > 0)
    .map(([name, field]) => `${name}=${faults[field]}`)
  return parts.length === 0 ? 'none' : parts.join(',')
}

/** What goes wrong with one request; positions count content tokens written so far (from 1). */
export interface FaultPlan {
  status: 500 | 429 | null
  resetAfter: number | null
  stallAfter: number | null
  malformedAfter: number | null
  noDone: boolean
  comments: boolean
}

export const CLEAN_PLAN: FaultPlan = Object.freeze({
  status: null,
  resetAfter: null,
  stallAfter: null,
  malformedAfter: null,
  noDone: false,
  comments: false
})

/**
 * Draws one request's faults. Every fault consumes the same draws whether or not it fires, so
 * changing one probability never reshuffles which requests get the others.
 */
export function drawFaultPlan(faults: FaultSpec, outputTokens: number, random: Random): FaultPlan {
  const fires = (probability: number): boolean => random.uniform() < probability
  // Somewhere strictly inside the stream where there is room: after token 1 … n-1, else after token 1.
  const midStream = (): number => random.int(1, Math.max(1, outputTokens - 1))
  const http500 = fires(faults.http500)
  const http429 = fires(faults.http429)
  const reset = fires(faults.reset)
  const resetAt = midStream()
  const stall = fires(faults.stall)
  const stallAt = midStream()
  const malformed = fires(faults.malformed)
  const malformedAt = midStream()
  const noDone = fires(faults.noDone)
  const comments = fires(faults.comments)
  return {
    status: http500 ? 500 : http429 ? 429 : null,
    resetAfter: reset ? resetAt : null,
    // A reset ends the stream, so a stall drawn for the same request could never be seen.
    stallAfter: stall && !reset ? stallAt : null,
    malformedAfter: malformed ? malformedAt : null,
    noDone,
    comments
  }
}
