/**
 * Keeps a random-weight model's output readable: only tokens that continue valid UTF-8 made of
 * printable characters may be sampled. Tokens may still end in the middle of a multi-byte
 * character (the next token must then complete it), so clients see the partial-character
 * behaviour of real byte-level tokenizers.
 *
 * The constraint is a small automaton over the bytes of the character being written; each state
 * has a list of tokens that are banned in it (sampled with a -∞ logit bias).
 */

/**
 * Newline, printable ASCII and the printable Latin-1 supplement (two bytes each in UTF-8).
 * Wider ranges are left out on purpose: after the first byte of a three-byte character only a
 * handful of continuation tokens would fit, and the end-of-generation token, which no bias can
 * ban, would often beat them all, ending answers in the middle of a character.
 */
export function isPrintableCodePoint(codePoint: number): boolean {
  return codePoint === 0x0a || (codePoint >= 0x20 && codePoint <= 0x7e) || (codePoint >= 0xa0 && codePoint <= 0xff)
}

/** The highest printable code point. */
const LAST_PRINTABLE_CODE_POINT = 0xff

const INITIAL_STATE = 0

export class PrintableOutputConstraint {
  /** `bannedByState[state]`: token ids that may not be sampled in that state. */
  private readonly bannedByState: number[][]
  /** `transitions[state][token]`: the state after the token, or -1 when banned. */
  private readonly transitions: Int32Array[]

  /**
   * @param tokenBytes the bytes of each token id, or `null` for control tokens (never allowed)
   */
  constructor(tokenBytes: ReadonlyArray<Uint8Array | null>) {
    const encoder = new TextEncoder()
    const complete = new Set<string>()
    const partialKeys = ['']
    const partialSeen = new Set<string>([''])
    for (let codePoint = 0; codePoint <= LAST_PRINTABLE_CODE_POINT; codePoint++) {
      if (!isPrintableCodePoint(codePoint)) continue
      const bytes = encoder.encode(String.fromCodePoint(codePoint))
      complete.add(bytesKey(bytes))
      for (let length = 1; length < bytes.length; length++) {
        const key = bytesKey(bytes.subarray(0, length))
        if (!partialSeen.has(key)) {
          partialSeen.add(key)
          partialKeys.push(key)
        }
      }
    }
    const stateOf = new Map(partialKeys.map((key, state) => [key, state]))

    this.transitions = partialKeys.map((startKey) =>
      Int32Array.from(tokenBytes, (bytes) => {
        if (bytes === null || bytes.length === 0) return -1
        let key = startKey
        for (const byte of bytes) {
          key = key === '' ? byte.toString(16) : `${key},${byte.toString(16)}`
          if (complete.has(key)) key = ''
          else if (!partialSeen.has(key)) return -1
        }
        return stateOf.get(key) as number
      })
    )
    this.bannedByState = this.transitions.map((row) => {
      const banned: number[] = []
      row.forEach((next, token) => {
        if (next < 0) banned.push(token)
      })
      return banned
    })
  }

  get initialState(): number {
    return INITIAL_STATE
  }

  get stateCount(): number {
    return this.transitions.length
  }

  bannedTokens(state: number): readonly number[] {
    return this.bannedByState[state] as number[]
  }

  /** The state after `token`; tokens with no bytes (end-of-generation) leave it unchanged. */
  next(state: number, token: number, tokenHasBytes: boolean): number {
    if (!tokenHasBytes) return state
    const next = (this.transitions[state] as Int32Array)[token]
    // A banned token can still come out (the sampler may ignore a bias); start afresh then.
    return next === undefined || next < 0 ? INITIAL_STATE : next
  }
}

function bytesKey(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16)).join(',')
}
