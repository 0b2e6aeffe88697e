// Arbitraries for property tests of the file readers: start from a valid document and damage it
// the ways files get damaged (fields deleted, types changed, numbers blown up, nesting made deep,
// strings given control characters), or cut and flip its text.
import fc from 'fast-check'

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

/** Nested arrays `depth` deep: past any parser's recursion limit when large. Shown short in counterexamples (fast-check's printer recurses too). */
const nested = (depth: number): Json => {
  let value: Json = []
  for (let i = 0; i < depth; i++) value = [value]
  return Object.assign(value, { [fc.toStringMethod]: () => `[nested ${depth} deep]` })
}

/** Values a damaged file may hold where something else belonged. */
export const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, false, 0, -0, -1, 1e308, -1e308, 1e21, 2 ** 53 + 1, 0.1, 1e-300, '', '0', 'NaN', [], {}),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom<Json>('line\r\nInjected: yes', '\u0000\u001b[2J\u007f', 'ﬁ\u202e\u2066', '../../etc/passwd', 'file:///etc/passwd', '${HOME}', 'x'.repeat(100_000)),
  fc.integer({ min: 1, max: 1500 }).map(nested),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>
)

interface Mutation {
  /** Picks the node (any object member or array element) by index modulo their count. */
  at: number
  op: 'delete' | 'replace' | 'wrap' | 'duplicate'
  value: Json
}

const mutation: fc.Arbitrary<Mutation> = fc.record({ at: fc.nat(), op: fc.constantFrom('delete', 'replace', 'replace', 'wrap', 'duplicate'), value: hostileValue })

/** Every [container, key] pair in the tree, parents before children. */
function slots(root: Json): Array<[Json[] | { [key: string]: Json }, string | number]> {
  const out: Array<[Json[] | { [key: string]: Json }, string | number]> = []
  const stack: Json[] = [root]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (Array.isArray(node)) {
      node.forEach((child, index) => {
        out.push([node, index])
        stack.push(child)
      })
    } else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        out.push([node, key])
        stack.push(child)
      }
    }
  }
  return out
}

function apply(root: Json, { at, op, value }: Mutation): void {
  const all = slots(root)
  if (all.length === 0) return
  const [container, key] = all[at % all.length]!
  if (Array.isArray(container)) {
    const index = key as number
    if (op === 'delete') container.splice(index, 1)
    else if (op === 'wrap') container[index] = [container[index]!]
    else if (op === 'duplicate') container.splice(index, 0, structuredClone(container[index]!))
    else container[index] = value
    return
  }
  const name = key as string
  if (op === 'delete') delete container[name]
  else if (op === 'wrap') container[name] = { [name]: container[name]! }
  else if (op === 'duplicate') container[`${name}_copy`] = structuredClone(container[name]!)
  else container[name] = value
}

/** A deep copy of `valid` with one to four mutations applied. */
export function mutated(valid: unknown): fc.Arbitrary<unknown> {
  return fc.array(mutation, { minLength: 1, maxLength: 4 }).map((mutations) => {
    const copy = structuredClone(valid) as Json
    for (const step of mutations) apply(copy, step)
    return copy
  })
}

/** The document's text cut short, with bytes flipped, or with junk spliced in. */
export function damagedText(valid: string): fc.Arbitrary<string> {
  return fc.oneof(
    fc.nat({ max: valid.length }).map((cut) => valid.slice(0, cut)),
    fc.tuple(fc.nat({ max: Math.max(0, valid.length - 1) }), fc.integer({ min: 0, max: 255 })).map(([at, code]) => `${valid.slice(0, at)}${String.fromCharCode(code)}${valid.slice(at + 1)}`),
    fc.tuple(fc.nat({ max: valid.length }), fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '\\', '\u0000', 'null', '-', 'e9999', '&a', '*a', '<<: *a')).map(([at, junk]) => `${valid.slice(0, at)}${junk}${valid.slice(at)}`)
  )
}
