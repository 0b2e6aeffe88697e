// Reading a `vllm bench serve --save-result --save-detailed` file: through the YAML parser (how
// every JSON file was read before) against the JSON reader (readJsonFile), and the whole import.
// Each measurement runs in a fresh Node process, so its peak resident memory is its own. The files
// are synthetic but shaped as vLLM writes them: one line of json.dump with `"burstiness": Infinity`,
// per request its ITL list (1023 gaps) and a generated text.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readJsonFile, readStructuredFile } from '../src/config/validate.js'
import { importVllm } from '../src/import/vllm.js'

const REPEATS = 3

function vllmFile(path: string, prompts: number): void {
  let seed = 7
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    return seed / 2 ** 31
  }
  const output = 1024
  const itls = Array.from({ length: prompts }, () => Array.from({ length: output - 1 }, () => 0.009 + random() * 0.004))
  const run = {
    date: '20260310-103000',
    backend: 'openai-chat',
    model_id: 'Qwen/Qwen2.5-7B-Instruct',
    num_prompts: prompts,
    request_rate: 16,
    burstiness: '__INF__',
    max_concurrency: null,
    duration: prompts / 16,
    input_lens: Array.from({ length: prompts }, () => 512),
    output_lens: Array.from({ length: prompts }, () => output),
    ttfts: Array.from({ length: prompts }, () => 0.04 + random() * 0.02),
    itls,
    start_times: Array.from({ length: prompts }, (_, i) => 1000 + i / 16),
    latencies: itls.map((gaps) => 0.05 + gaps.reduce((a, b) => a + b, 0)),
    generated_texts: Array.from({ length: prompts }, () => 'lorem ipsum '.repeat(380)),
    errors: Array.from({ length: prompts }, () => '')
  }
  writeFileSync(path, JSON.stringify(run).replace('"__INF__"', 'Infinity'))
}

if (process.argv[2] === 'measure') {
  const [, , , mode, file] = process.argv
  const started = performance.now()
  if (mode === 'yaml') readStructuredFile(file!, 'vllm result')
  else if (mode === 'json') readJsonFile(file!, 'vllm result')
  else importVllm([file!])
  process.stdout.write(`${performance.now() - started} ${process.resourceUsage().maxRSS}\n`)
  process.exit(0)
}

const dir = mkdtempSync(join(tmpdir(), 'lpg-import-json-'))
const small = join(dir, 'small.json')
const large = join(dir, 'large.json')
vllmFile(small, 640)
vllmFile(large, 5200)
const mib = (file: string): string => (statSync(file).size / 2 ** 20).toFixed(0)

function measure(mode: string, file: string): { ms: number[]; rssMib: number[] } {
  const ms: number[] = []
  const rssMib: number[] = []
  for (let i = 0; i < REPEATS; i++) {
    const run = spawnSync(process.execPath, [process.argv[1]!, 'measure', mode, file], { encoding: 'utf8', timeout: 600_000 })
    if (run.status !== 0) throw new Error(`${mode} ${file}: ${run.stderr}`)
    const [time, rss] = run.stdout.trim().split(' ').map(Number)
    ms.push(time!)
    rssMib.push(rss! / 1024)
  }
  return { ms, rssMib }
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const rows: string[] = []
const results: Record<string, { ms: number[]; rssMib: number[] }> = {}
for (const [label, mode, file] of [
  [`YAML parser (before), ${mib(small)} MiB`, 'yaml', small],
  [`readJsonFile, ${mib(small)} MiB`, 'json', small],
  [`readJsonFile, ${mib(large)} MiB`, 'json', large],
  [`whole import --from vllm, ${mib(large)} MiB`, 'import', large]
] as const) {
  const result = measure(mode, file)
  results[`${mode}-${file}`] = result
  rows.push(`| ${label} | ${(median(result.ms) / 1000).toFixed(2)} s | ${median(result.rssMib).toFixed(0)} MiB | ${result.ms.map((v) => (v / 1000).toFixed(2)).join(', ')} s |`)
}
const yaml = results[`yaml-${small}`]!
const json = results[`json-${small}`]!

console.log(`## Reading vLLM result files

A \`vllm bench serve --save-detailed\` file (1024 output tokens a request: 640 requests make ${mib(small)} MiB,
5,200 make ${mib(large)} MiB), read in a fresh Node process each time; median of ${REPEATS}, each run listed.
Peak memory is the process's resident set (Node alone is about 40 MiB). The YAML parser was not run
on the large file: it ran out of memory there (issue #17).

| read | median time | peak memory | runs |
| --- | ---: | ---: | --- |
${rows.join('\n')}

On the same ${mib(small)} MiB file the JSON reader is ${(median(yaml.ms) / median(json.ms)).toFixed(0)}× faster than the YAML parser and peaks at ${(median(json.rssMib) / median(yaml.rssMib) * 100).toFixed(0)}% of its memory.`)
