import { InputError, describeValue } from '../errors.js'

/**
 * The numbers behind the simulated engine. A profile is a cost model, not a claim about any
 * real GPU: it is shaped like one (decode steps that slow down as the batch grows, prefill that
 * costs per prompt token, a KV cache that fills up) so that the client, the statistics and the
 * gate see the same qualitative behaviour they will see against a real server.
 */
export interface SimulatorProfile {
  /** One line for `--help` and the startup log. */
  description: string
  /** Fixed cost of one engine step (weights read once per step, kernel launches). */
  decodeBaseMs: number
  /** Extra step cost per sequence in the running batch (attention over each sequence's KV). */
  decodePerSequenceMs: number
  /** Prefill cost per prompt token admitted in a step. */
  prefillPerTokenMs: number
  /** KV cache size in tokens; every running sequence reserves prompt + max output tokens. */
  kvCapacityTokens: number
  /** Most sequences in one batch (vLLM's max_num_seqs). */
  maxRunningSequences: number
  /** Most prompt tokens prefilled in one step (vLLM's max_num_batched_tokens); one prompt always fits. */
  maxPrefillTokensPerStep: number
  /** Longest prompt + output a request may ask for; larger ones are rejected with 400, as vLLM does. */
  maxModelLen: number
  /** Chance per generated token of a simulated EOS when the request does not ask to ignore it. */
  eosProbabilityPerToken: number
  /** Standard deviation of the log of the per-step multiplicative noise. */
  stepNoiseSigma: number
  /** Stationary standard deviation of the log of the slow speed drift. */
  driftSigma: number
  /** Time constant of the drift's mean reversion. */
  driftTimeConstantMs: number
}

export const SIMULATOR_PROFILES: Record<string, SimulatorProfile> = {
  default: {
    description: 'a 7B model on one H100 at modest batch: ~7 ms decode steps growing with the batch, ~35 µs/prefill token, 60k-token KV cache',
    decodeBaseMs: 7,
    decodePerSequenceMs: 0.1,
    prefillPerTokenMs: 0.035,
    kvCapacityTokens: 60_000,
    maxRunningSequences: 256,
    maxPrefillTokensPerStep: 8192,
    maxModelLen: 16_384,
    eosProbabilityPerToken: 0.004,
    stepNoiseSigma: 0.03,
    driftSigma: 0.03,
    driftTimeConstantMs: 4000
  },
  fast: {
    description: 'for tests: ~2 ms steps (the floor of Node timers), 5 µs/prefill token, 20k-token KV cache',
    decodeBaseMs: 1.5,
    decodePerSequenceMs: 0.1,
    prefillPerTokenMs: 0.005,
    kvCapacityTokens: 20_000,
    maxRunningSequences: 64,
    maxPrefillTokensPerStep: 8192,
    maxModelLen: 8192,
    eosProbabilityPerToken: 0.004,
    stepNoiseSigma: 0.03,
    driftSigma: 0.02,
    driftTimeConstantMs: 2000
  },
  // A known capacity for sweeps (docs/sweeps.md): TPOT = 4 ms + 0.5 ms per stream in flight, so an
  // SLO of tpot_ms 7.5 holds up to 7 streams (3.5 with --slowdown tpot=1.3). Prefill is nearly free
  // and the noise small, so the law holds to within about 2% at p99.
  linear: {
    description: 'for sweeps: decode steps of 4 ms + 0.5 ms per sequence in the batch, prefill nearly free, little noise',
    decodeBaseMs: 4,
    decodePerSequenceMs: 0.5,
    prefillPerTokenMs: 0.001,
    kvCapacityTokens: 100_000,
    maxRunningSequences: 256,
    maxPrefillTokensPerStep: 8192,
    maxModelLen: 8192,
    eosProbabilityPerToken: 0.004,
    stepNoiseSigma: 0.02,
    driftSigma: 0.01,
    driftTimeConstantMs: 2000
  }
}

/** Looks a profile up by name, or checks a profile object given directly (tests, calibration). */
export function resolveProfile(profile: string | SimulatorProfile | undefined): SimulatorProfile {
  if (profile === undefined) return SIMULATOR_PROFILES.default as SimulatorProfile
  if (typeof profile === 'string') {
    const found = Object.hasOwn(SIMULATOR_PROFILES, profile) ? SIMULATOR_PROFILES[profile] : undefined
    if (found === undefined) {
      throw new InputError(
        `--profile: unknown profile ${describeValue(profile)}; expected one of ${Object.keys(SIMULATOR_PROFILES).join(', ')}`
      )
    }
    return found
  }
  checkProfile(profile)
  return profile
}

function checkProfile(profile: SimulatorProfile): void {
  const positive: Array<keyof SimulatorProfile> = [
    'decodeBaseMs',
    'kvCapacityTokens',
    'maxRunningSequences',
    'maxPrefillTokensPerStep',
    'maxModelLen',
    'driftTimeConstantMs'
  ]
  const nonNegative: Array<keyof SimulatorProfile> = ['decodePerSequenceMs', 'prefillPerTokenMs', 'stepNoiseSigma', 'driftSigma']
  for (const key of positive) {
    const value = profile[key]
    if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
      throw new InputError(`--profile: field ${key} is ${describeValue(value)}; expected a positive number`)
    }
  }
  for (const key of nonNegative) {
    const value = profile[key]
    if (typeof value !== 'number' || !(value >= 0) || !Number.isFinite(value)) {
      throw new InputError(`--profile: field ${key} is ${describeValue(value)}; expected a number >= 0`)
    }
  }
  if (!(profile.eosProbabilityPerToken >= 0 && profile.eosProbabilityPerToken < 1)) {
    throw new InputError(`--profile: field eosProbabilityPerToken is ${describeValue(profile.eosProbabilityPerToken)}; expected a number in [0, 1)`)
  }
  // Otherwise a request that passes the context-length check could wait forever for KV space.
  if (profile.kvCapacityTokens < profile.maxModelLen) {
    throw new InputError(
      `--profile: kvCapacityTokens (${profile.kvCapacityTokens}) is smaller than maxModelLen (${profile.maxModelLen}); expected at least maxModelLen`
    )
  }
}
