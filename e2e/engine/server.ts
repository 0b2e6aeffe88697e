/**
 * An OpenAI-compatible streaming inference server around llama.cpp (node-llama-cpp), on the CPU.
 *
 *   node server.ts --model models/small.gguf --port 0
 *
 * Prints one JSON line, {"url": "http://127.0.0.1:PORT", ...}, on stdout once it listens;
 * everything else goes to stderr. Stops cleanly on SIGTERM or SIGINT.
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { parseArgs } from 'node:util'
import { Engine } from './src/engine.ts'
import { createInferenceServer } from './src/http-server.ts'

const USAGE = `usage: node server.ts --model FILE [--port N (0: any free port)] [--host 127.0.0.1]
       [--served-model-name NAME] [--sequences N] [--threads N] [--ctx-size N] [--log-requests]`

const DEFAULT_SERVED_MODEL_NAME = 'llm-perf-gate/e2e-random'

function positiveInteger(name: string, text: string, minimum: number): number {
  const value = Number(text)
  if (!Number.isInteger(value) || value < minimum) throw new Error(`--${name} must be an integer ≥ ${minimum}, got "${text}"`)
  return value
}

function log(line: string): void {
  process.stderr.write(`[e2e-engine] ${line}\n`)
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      model: { type: 'string' },
      port: { type: 'string', default: '8000' },
      host: { type: 'string', default: '127.0.0.1' },
      'served-model-name': { type: 'string', default: DEFAULT_SERVED_MODEL_NAME },
      sequences: { type: 'string', default: '4' },
      threads: { type: 'string', default: '1' },
      'ctx-size': { type: 'string', default: '2048' },
      'log-requests': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' }
    }
  })
  if (values.help === true) {
    console.log(USAGE)
    return
  }
  if (values.model === undefined) throw new Error('--model FILE is required')
  if (!existsSync(values.model)) throw new Error(`--model ${values.model}: no such file (make one with make-model.ts)`)
  const port = positiveInteger('port', values.port, 0)
  if (port > 65535) throw new Error(`--port must be at most 65535, got ${port}`)
  const sequences = positiveInteger('sequences', values.sequences, 1)
  const threads = positiveInteger('threads', values.threads, 1)
  const contextSize = positiveInteger('ctx-size', values['ctx-size'], 16)

  const packageJson = JSON.parse(await readFile(new URL('./package.json', import.meta.url), 'utf8')) as {
    version: string
    dependencies: Record<string, string>
  }
  const loadStartedMs = performance.now()
  const engine = await Engine.load({ modelPath: values.model, sequences, threads, contextSize, log })
  const loadMs = performance.now() - loadStartedMs
  const { description } = engine
  log(
    `loaded ${basename(description.file)} (${description.architecture}, width ${description.width}, ${description.layers} layers, ` +
      `vocabulary ${description.vocabularySize}) in ${loadMs.toFixed(0)} ms; ${sequences} sequences × ${description.contextSize} tokens, ${threads} thread(s)`
  )

  const { server, abortAll } = createInferenceServer({
    engine,
    servedModelName: values['served-model-name'],
    versionInfo: {
      version: packageJson.version,
      engine: 'llm-perf-gate e2e engine (llama.cpp via node-llama-cpp, CPU)',
      node_llama_cpp: packageJson.dependencies['node-llama-cpp'],
      model_file: basename(description.file),
      model_width: description.width,
      model_layers: description.layers,
      sequences,
      threads
    },
    logRequest: values['log-requests'] ? log : undefined
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, values.host, resolve)
  })
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('the server has no TCP address')
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  process.stdout.write(`${JSON.stringify({ url: `http://${host}:${address.port}`, model: values['served-model-name'], load_ms: Math.round(loadMs) })}\n`)

  let stopping = false
  const stop = (signalName: string): void => {
    if (stopping) return
    stopping = true
    log(`${signalName}: shutting down`)
    const forceExit = setTimeout(() => {
      log('shutdown took longer than 5 s; exiting')
      process.exit(1)
    }, 5000)
    forceExit.unref()
    server.close()
    abortAll('server shutting down')
    server.closeAllConnections()
    engine
      .dispose()
      .catch((error: unknown) => log(`dispose failed: ${String(error)}`))
      .finally(() => {
        clearTimeout(forceExit)
        process.exit(0)
      })
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
}

main().catch((error: unknown) => {
  log(error instanceof Error ? error.message : String(error))
  process.stderr.write(`${USAGE}\n`)
  process.exit(2)
})
