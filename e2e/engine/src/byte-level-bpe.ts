/**
 * A byte-level BPE vocabulary in the GPT-2 style that llama.cpp reads as
 * `tokenizer.ggml.model = "gpt2"`: every byte has a token, spelled with a printable stand-in
 * character, and merges learnt from a training text add longer tokens.
 */

/**
 * The GPT-2 byte ↔ character table: bytes that are printable and not a space keep their own
 * code point; the others (controls, space, 0x7f–0xa0, 0xad) are moved to 256, 257, … in byte
 * order, so that every token is a printable string with no spaces.
 */
function buildByteTable(): { byteToChar: string[]; charToByte: Map<string, number> } {
  const keepsItself = (byte: number): boolean =>
    (byte >= 0x21 && byte <= 0x7e) || (byte >= 0xa1 && byte <= 0xac) || (byte >= 0xae && byte <= 0xff)
  const byteToChar: string[] = []
  let nextStandIn = 256
  for (let byte = 0; byte < 256; byte++) {
    byteToChar.push(String.fromCodePoint(keepsItself(byte) ? byte : nextStandIn++))
  }
  const charToByte = new Map(byteToChar.map((char, byte) => [char, byte]))
  return { byteToChar, charToByte }
}

const BYTE_TABLE = buildByteTable()

/** The vocabulary spelling of a run of bytes. */
export function bytesToTokenText(bytes: Uint8Array): string {
  let text = ''
  for (const byte of bytes) text += BYTE_TABLE.byteToChar[byte]
  return text
}

/** The bytes a normal token stands for; `undefined` when the text is not a byte-level spelling. */
export function tokenTextToBytes(tokenText: string): Uint8Array | undefined {
  const bytes: number[] = []
  for (const char of tokenText) {
    const byte = BYTE_TABLE.charToByte.get(char)
    if (byte === undefined) return undefined
    bytes.push(byte)
  }
  return Uint8Array.from(bytes)
}

/** The pre-tokenizer split that llama.cpp applies for `tokenizer.ggml.pre = "gpt-2"`. */
const GPT2_PRE_TOKENIZER = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu

export interface BpeVocabulary {
  /** Token spellings: the 256 byte tokens first, then one per new merge result. */
  tokens: string[]
  /** Merge rules, best first, as `"left right"`. */
  merges: string[]
}

/**
 * Learns up to `mergeCount` merges from `trainingText` (fewer when the text runs out of pairs).
 * Each step merges the most frequent adjacent pair inside the pre-tokenized words; ties go to
 * the pair of lowest token ids, so the result depends only on the text and the count.
 */
export function trainByteLevelBpe(trainingText: string, mergeCount: number): BpeVocabulary {
  const encoder = new TextEncoder()
  const wordCounts = new Map<string, number>()
  for (const match of trainingText.matchAll(GPT2_PRE_TOKENIZER)) {
    const word = bytesToTokenText(encoder.encode(match[0]))
    wordCounts.set(word, (wordCounts.get(word) ?? 0) + 1)
  }

  // Symbols are numbered (the token id of their spelling) so pairs are cheap numeric keys.
  const tokens = BYTE_TABLE.byteToChar.slice()
  const idOf = new Map(tokens.map((token, id) => [token, id]))
  const words = [...wordCounts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([word, count]) => ({ symbols: [...word].map((char) => idOf.get(char) as number), count }))
  const merges: string[] = []
  const PAIR = 1 << 16
  const pairText = (pair: number): string => `${tokens[Math.floor(pair / PAIR)]} ${tokens[pair % PAIR]}`

  // Pair counts are kept up to date word by word as merges rewrite words.
  const pairCounts = new Map<number, number>()
  const countPairs = (symbols: readonly number[], weight: number): void => {
    for (let i = 0; i + 1 < symbols.length; i++) {
      const pair = (symbols[i] as number) * PAIR + (symbols[i + 1] as number)
      const count = (pairCounts.get(pair) ?? 0) + weight
      if (count === 0) pairCounts.delete(pair)
      else pairCounts.set(pair, count)
    }
  }
  for (const { symbols, count } of words) countPairs(symbols, count)

  while (merges.length < mergeCount) {
    let bestPair = -1
    let bestCount = 0
    for (const [pair, count] of pairCounts) {
      if (count > bestCount || (count === bestCount && pair < bestPair)) {
        bestPair = pair
        bestCount = count
      }
    }
    if (bestPair < 0) break

    const left = Math.floor(bestPair / PAIR)
    const right = bestPair % PAIR
    const mergedText = (tokens[left] as string) + (tokens[right] as string)
    merges.push(pairText(bestPair))
    let merged = idOf.get(mergedText)
    if (merged === undefined) {
      merged = tokens.length
      tokens.push(mergedText)
      idOf.set(mergedText, merged)
    }
    for (const word of words) {
      const { symbols } = word
      let at = symbols.indexOf(left)
      while (at >= 0 && symbols[at + 1] !== right) at = symbols.indexOf(left, at + 1)
      if (at < 0) continue
      const next: number[] = symbols.slice(0, at)
      for (let i = at; i < symbols.length; i++) {
        if (symbols[i] === left && symbols[i + 1] === right) {
          next.push(merged)
          i++
        } else {
          next.push(symbols[i] as number)
        }
      }
      countPairs(symbols, -word.count)
      countPairs(next, word.count)
      word.symbols = next
    }
  }
  return { tokens, merges }
}
