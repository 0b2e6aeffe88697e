import { execFile } from 'node:child_process'
import { arch, cpus, release, type } from 'node:os'
import type { Dispatcher } from 'undici'
import type { Environment, GpuInfo, RunnerInfo, ServerInfo } from './result/types.js'

/** Drops credentials, query and fragment: a URL in a result or a log must not carry a token. */
export function publicUrl(url: string): string {
  try {
    const parsed = new URL(url)
    return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`
  } catch {
    return '(invalid url)'
  }
}

async function getJson(dispatcher: Dispatcher, origin: string, path: string, headers: Record<string, string>, timeoutMs: number): Promise<unknown> {
  try {
    const response = await dispatcher.request({ origin, path, method: 'GET', headers, signal: AbortSignal.timeout(timeoutMs) })
    if (response.statusCode !== 200) {
      await response.body.dump()
      return null
    }
    return await response.body.json()
  } catch {
    return null
  }
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null)

/** What the server says about itself: /v1/models (OpenAI servers), /version (vLLM), /info (TGI). Missing endpoints are not errors. */
export async function captureServer(dispatcher: Dispatcher, origin: string, headers: Record<string, string>, workloadModel: string | null, timeoutMs = 3000): Promise<ServerInfo> {
  const [models, version, info] = await Promise.all([
    getJson(dispatcher, origin, '/v1/models', headers, timeoutMs),
    getJson(dispatcher, origin, '/version', headers, timeoutMs),
    getJson(dispatcher, origin, '/info', headers, timeoutMs)
  ])
  const listed = Array.isArray((models as { data?: unknown })?.data) ? ((models as { data: Array<Record<string, unknown>> }).data) : []
  const ids = listed.map((entry) => text(entry.id)).filter((id): id is string => id !== null)
  const infoRecord = (info ?? {}) as Record<string, unknown>
  const owner = text(listed[0]?.owned_by)
  // TGI's /info names its router "text-generation-router"; another server answering /info (the
  // simulator serves every API) names itself there, and is not TGI.
  const router = text(infoRecord.router)
  const engine = router !== null && router !== 'text-generation-router' ? router : text(infoRecord.model_id) !== null ? 'tgi' : owner
  return {
    url: publicUrl(origin),
    model: workloadModel ?? ids[0] ?? text(infoRecord.model_id),
    version: text((version as Record<string, unknown> | null)?.version) ?? text(infoRecord.version),
    engine,
    models: ids
  }
}

export type CommandRunner = (command: string, args: string[]) => Promise<string | null>

const runCommand: CommandRunner = (command, args) =>
  new Promise((resolve) => {
    execFile(command, args, { timeout: 5000 }, (error, stdout) => resolve(error ? null : stdout))
  })

/** GPUs from `nvidia-smi` when it is on PATH; none otherwise. */
export async function captureGpus(run: CommandRunner = runCommand): Promise<GpuInfo[]> {
  const output = await run('nvidia-smi', ['--query-gpu=name,memory.total,driver_version', '--format=csv,noheader,nounits'])
  if (output === null) return []
  return output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const [name, memory, driver] = line.split(',').map((part) => part.trim())
      const memoryMib = Number(memory)
      return { name: name ?? 'unknown', memory_total_mib: Number.isFinite(memoryMib) ? memoryMib : null, driver_version: driver ?? null }
    })
}

export function captureRunner(): RunnerInfo {
  const cores = cpus()
  return { os: type(), release: release(), arch: arch(), cpu_model: cores[0]?.model.trim() ?? 'unknown', cpu_count: cores.length, node: process.version }
}

export async function captureEnvironment(dispatcher: Dispatcher, origin: string, headers: Record<string, string>, workloadModel: string | null): Promise<Environment> {
  const [server, gpu] = await Promise.all([captureServer(dispatcher, origin, headers, workloadModel), captureGpus()])
  return { server, gpu, runner: captureRunner() }
}
