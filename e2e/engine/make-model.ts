/**
 * Writes a random-weight llama GGUF model.
 *
 *   node make-model.ts --preset small --out models/small.gguf
 *   node make-model.ts --width 384 --layers 6 --heads 6 --ff 1024 --merges 300 --seed 7 --out x.gguf
 *
 * A preset gives every size; explicit options override it. Same options → byte-identical file.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { buildModelFile, PRESETS } from './src/llama-model.ts'
import type { ModelShape, PresetName } from './src/llama-model.ts'

const USAGE = `usage: node make-model.ts --out FILE [--preset ${Object.keys(PRESETS).join('|')}] [--width N] [--layers N]
       [--heads N] [--ff N] [--merges N] [--context N] [--seed N]`

function integerOption(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback
  const value = Number(text)
  if (!Number.isInteger(value)) throw new Error(`--${name} must be an integer, got "${text}"`)
  return value
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      preset: { type: 'string', default: 'small' },
      width: { type: 'string' },
      layers: { type: 'string' },
      heads: { type: 'string' },
      ff: { type: 'string' },
      merges: { type: 'string' },
      context: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' }
    }
  })
  if (values.help === true) {
    console.log(USAGE)
    return
  }
  if (values.out === undefined) throw new Error('--out FILE is required')
  if (!(values.preset in PRESETS)) throw new Error(`--preset must be one of ${Object.keys(PRESETS).join(', ')}, got "${values.preset}"`)
  const preset = PRESETS[values.preset as PresetName]
  const width = integerOption('width', values.width, preset.width)
  const shape: ModelShape = {
    width,
    layers: integerOption('layers', values.layers, preset.layers),
    heads: integerOption('heads', values.heads, values.width === undefined ? preset.heads : Math.max(1, Math.round(width / 64))),
    feedForward: integerOption('ff', values.ff, values.width === undefined ? preset.feedForward : Math.ceil((width * 8) / 3 / 64) * 64),
    merges: integerOption('merges', values.merges, preset.merges),
    contextLength: integerOption('context', values.context, preset.contextLength),
    seed: integerOption('seed', values.seed, 1)
  }

  const startedMs = performance.now()
  const file = buildModelFile(shape)
  const outPath = resolve(values.out)
  await mkdir(dirname(outPath), { recursive: true })
  const partialPath = `${outPath}.partial-${process.pid}`
  await writeFile(partialPath, file)
  await rename(partialPath, outPath)
  const elapsedMs = performance.now() - startedMs
  console.log(JSON.stringify({ out: outPath, bytes: file.length, ...shape, elapsed_ms: Math.round(elapsedMs) }))
}

main().catch((error: unknown) => {
  console.error(`make-model: ${error instanceof Error ? error.message : String(error)}`)
  console.error(USAGE)
  process.exitCode = 2
})
