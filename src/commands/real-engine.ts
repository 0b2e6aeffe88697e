import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { InputError } from '../errors.js'
import { startUrlProcess } from '../url-process.js'

/** The engine lives in the repository (e2e/engine), beside dist/ and src/: found from either. */
export function engineDirectory(): string {
  const here = dirname(fileURLToPath(import.meta.url))
  for (const candidate of [resolve(here, '..', 'e2e', 'engine'), resolve(here, '..', '..', 'e2e', 'engine')]) {
    if (existsSync(join(candidate, 'server.ts'))) return candidate
  }
  return resolve(here, '..', 'e2e', 'engine')
}

export type EngineModel = 'small' | 'big'

export interface EngineServer {
  url: string
  model: EngineModel
  stop(): Promise<void>
}

/** The served name is the same for both models, as a team serving a new checkpoint under the old name would. */
export const ENGINE_SERVED_NAME = 'llm-perf-gate/e2e-random'

/** Says how to install the engine when it is not, rather than failing inside node-llama-cpp. */
export function checkEngineInstalled(directory = engineDirectory()): void {
  const missing = [join(directory, 'node_modules', 'node-llama-cpp', 'package.json'), join(directory, 'models', 'small.gguf'), join(directory, 'models', 'big.gguf')].filter((path) => !existsSync(path))
  if (missing.length > 0) {
    throw new InputError(`the real engine is not installed (missing ${missing.join(', ')}); run \`npm run e2e:setup\` in a clone of the repository (it installs node-llama-cpp 3.21.1 and generates two models, about 10 s)`)
  }
}

/**
 * Starts the CPU engine (node-llama-cpp over a generated GGUF model) on a free loopback port as
 * a child process, with one thread and `sequences` concurrent sequences.
 */
export async function startEngine(model: EngineModel, sequences = 4, directory = engineDirectory()): Promise<EngineServer> {
  checkEngineInstalled(directory)
  const server = await startUrlProcess(
    process.execPath,
    [join(directory, 'server.ts'), '--model', join(directory, 'models', `${model}.gguf`), '--port', '0', '--sequences', String(sequences), '--threads', '1', '--served-model-name', ENGINE_SERVED_NAME],
    { cwd: directory, env: { ...process.env, NODE_LLAMA_CPP_SKIP_DOWNLOAD: 'true' } }
  )
  return {
    url: server.url,
    model,
    async stop() {
      await server.stop()
    }
  }
}
