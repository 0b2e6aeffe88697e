// What drawing prompts from a large ShareGPT file costs (prompts.source: dataset): a ShareGPT-shaped
// JSON array of 256 MB is written once, then each way of reading it runs in a process of its own
// (this file, started again with the variant's name) so that each peak resident memory is its own:
// our draw (one indexing pass, then 1,000 entries parsed), the same draw counting lengths with two
// tokenizers, and, for scale, reading the whole file with JSON.parse as vLLM's json.load does.
import { spawnSync } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, readFileSync, statSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadDataset } from '../src/workload/dataset.js'
import { loadTokenizer } from '../src/workload/tokenizers.js'

const SAMPLE = 1000
const TARGET_BYTES = 256 * 2 ** 20

const variant = process.argv[2]
if (variant !== undefined) {
  const file = process.argv[3]!
  const started = performance.now()
  let entries: number
  if (variant === 'json-parse') {
    entries = (JSON.parse(readFileSync(file, 'utf8')) as unknown[]).length
  } else {
    const tokenizer = variant === 'draw' ? null : loadTokenizer(variant as 'gpt-4o' | 'llama3')
    const loadedAt = performance.now()
    const spec = { file, format: 'sharegpt' as const, sample: SAMPLE, output_tokens_from: 'answer' as const, min_prompt_tokens: 4, max_prompt_tokens: 1024, min_output_tokens: 4, max_total_tokens: 2048 }
    const pool = loadDataset(file, { spec, seed: 42, perTrial: SAMPLE, trials: 1, conversations: false, outputTokens: { mean: 128, stddev: 0 }, tokenizer })
    entries = pool.entries.length
    process.stdout.write(JSON.stringify({ tokenizerLoadS: (loadedAt - started) / 1000 }) + '\n')
  }
  process.stdout.write(JSON.stringify({ seconds: (performance.now() - started) / 1000, peakRssMb: process.resourceUsage().maxRSS / 1024, entries }) + '\n')
  process.exit(0)
}

// Entries shaped like ShareGPT V3's: several turns of a few hundred words, with quotes, escapes and non-ASCII text.
const WORDS = 'the of and to in is was for on that with as by at from it an be this which or are were "quoted" back\\slash café 東京 🙂 model cache batch token'.split(' ')
let state = 1
const random = (): number => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648
const text = (words: number): string => Array.from({ length: words }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ')
const dir = mkdtempSync(join(tmpdir(), 'lpg-dataset-bench-'))
const file = join(dir, 'sharegpt.json')
const descriptor = openSync(file, 'w')
let written = writeSync(descriptor, '[')
for (let index = 0; written < TARGET_BYTES; index++) {
  const turns = Array.from({ length: 2 + Math.floor(random() * 6) }, (_, t) => ({ from: t % 2 === 0 ? 'human' : 'gpt', value: text(20 + Math.floor(random() * 300)) }))
  written += writeSync(descriptor, `${index === 0 ? '\n' : ',\n'}${JSON.stringify({ id: `e${index}`, conversations: turns }, null, 2)}`)
}
writeSync(descriptor, '\n]\n')
closeSync(descriptor)
const megabytes = statSync(file).size / 2 ** 20

const runVariant = (name: string): { seconds: number; peakRssMb: number; entries: number; tokenizerLoadS?: number } => {
  const run = spawnSync(process.execPath, [process.argv[1]!, name, file], { encoding: 'utf8', maxBuffer: 2 ** 20 })
  if (run.status !== 0) throw new Error(`${name} failed: ${run.stderr}`)
  return Object.assign({}, ...run.stdout.trim().split('\n').map((line) => JSON.parse(line) as object))
}

const rows = [
  ['draw 1,000 entries, lengths estimated (no tokenizer)', runVariant('draw')],
  ['draw 1,000 entries, lengths counted with gpt-4o', runVariant('gpt-4o')],
  ['draw 1,000 entries, lengths counted with llama3', runVariant('llama3')],
  ['JSON.parse of the whole file (as json.load)', runVariant('json-parse')]
] as const

const lines = [
  '## Drawing prompts from a large ShareGPT file',
  '',
  `A ShareGPT-shaped JSON array of ${megabytes.toFixed(0)} MB, each way in its own process (peak resident memory is the process's own).`,
  '',
  '| way | seconds | of which tokenizer load | peak RSS (MB) | entries |',
  '| --- | ---: | ---: | ---: | ---: |',
  ...rows.map(([name, r]) => `| ${name} | ${r.seconds.toFixed(2)} | ${r.tokenizerLoadS !== undefined && r.tokenizerLoadS > 0.01 ? r.tokenizerLoadS.toFixed(2) : '—'} | ${r.peakRssMb.toFixed(0)} | ${r.entries} |`)
]
process.stdout.write(`${lines.join('\n')}\n`)
