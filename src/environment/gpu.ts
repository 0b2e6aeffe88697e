import { execFile } from 'node:child_process'
import type { GpuInfo } from '../result/types.js'

/** Runs a command and gives its stdout, or null when it is missing, fails, or runs past its deadline. */
export type CommandRunner = (command: string, args: string[], options?: { signal?: AbortSignal; timeoutMs?: number }) => Promise<string | null>

const DEFAULT_TIMEOUT_MS = 5000

/**
 * A hung `nvidia-smi` (a wedged driver) can outlive its kill: the promise settles at the deadline
 * whether or not the process has gone, so no capture waits on it.
 */
export const runCommand: CommandRunner = (command, args, options = {}) =>
  new Promise((resolve) => {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
    let settled = false
    const settle = (value: string | null): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      resolve(value)
    }
    const timer = setTimeout(() => settle(null), timeoutMs + 100)
    try {
      execFile(command, args, { timeout: timeoutMs, maxBuffer: 1024 * 1024, windowsHide: true, ...(options.signal !== undefined ? { signal: options.signal } : {}) }, (error, stdout) => settle(error ? null : stdout))
    } catch {
      settle(null)
    }
  })

/** nvidia-smi prints these where a field does not apply or cannot be read. */
const missing = (value: string | undefined): boolean => value === undefined || value === '' || /^\[?(N\/A|Not Supported|Unknown Error|Insufficient Permissions)\]?$/i.test(value)

const numberOrNull = (value: string | undefined): number | null => {
  if (missing(value)) return null
  const parsed = Number(value)
  return Number.isFinite(parsed) ? parsed : null
}

/** `nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader,nounits`: one line per device. */
export function parseNvidiaQuery(output: string): GpuInfo[] {
  return output
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      // The name comes first and may itself hold a comma; the last two fields never do.
      const parts = line.split(',').map((part) => part.trim())
      const driver = parts.pop()
      const memory = parts.pop()
      const name = parts.join(', ')
      return { name: missing(name) ? 'unknown' : name, memory_total_mib: numberOrNull(memory), driver_version: missing(driver) ? null : driver!, vendor: 'nvidia' as const }
    })
}

/**
 * The CUDA version the driver supports: `CUDA Version        : 12.4` in `nvidia-smi --version`
 * (recent drivers: the 550 manual lists `--version`, the 384 one does not), or `CUDA Version: 12.4` in the banner of a bare `nvidia-smi`.
 */
export function parseCudaVersion(output: string | null): string | null {
  return output?.match(/CUDA Version\s*:\s*([0-9]+(?:\.[0-9]+)*)/)?.[1] ?? null
}

/**
 * `rocm-smi --showproductname --showmeminfo vram --showdriverversion --json`: an object with one
 * `cardN` entry per device ("Card series", "VRAM Total Memory (B)", …) and a `system` entry with
 * "Driver version". Some releases print warnings before the JSON.
 */
export function parseRocmSmi(output: string): GpuInfo[] {
  const start = output.indexOf('{')
  if (start < 0) return []
  let document: Record<string, Record<string, unknown>>
  try {
    document = JSON.parse(output.slice(start)) as Record<string, Record<string, unknown>>
  } catch {
    return []
  }
  if (document === null || typeof document !== 'object') return []
  const field = (entry: Record<string, unknown>, ...names: string[]): string | null => {
    for (const name of names) {
      const key = Object.keys(entry).find((candidate) => candidate.toLowerCase() === name.toLowerCase())
      const value = key === undefined ? undefined : entry[key]
      if ((typeof value === 'string' && !missing(value.trim())) || typeof value === 'number') return String(value).trim()
    }
    return null
  }
  const system = document.system ?? {}
  const driver = field(system, 'Driver version')
  return Object.keys(document)
    .filter((key) => /^card\d+$/.test(key))
    .sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)))
    .map((key) => {
      const entry = document[key] ?? {}
      const bytes = Number(field(entry, 'VRAM Total Memory (B)'))
      return {
        name: field(entry, 'Card series', 'Card Series', 'Marketing Name', 'Card model', 'Card SKU') ?? 'AMD GPU',
        memory_total_mib: Number.isFinite(bytes) && bytes > 0 ? Math.round(bytes / (1024 * 1024)) : null,
        driver_version: driver,
        cuda_version: null,
        vendor: 'amd' as const
      }
    })
}

export interface CaptureGpuOptions {
  signal?: AbortSignal
  timeoutMs?: number
}

/** GPUs of this machine from `nvidia-smi`, else `rocm-smi`; none when neither answers. */
export async function captureGpus(run: CommandRunner = runCommand, options: CaptureGpuOptions = {}): Promise<GpuInfo[]> {
  const opts = { ...(options.signal !== undefined ? { signal: options.signal } : {}), timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS }
  const query = await run('nvidia-smi', ['--query-gpu=name,memory.total,driver_version', '--format=csv,noheader,nounits'], opts)
  const nvidia = query === null ? [] : parseNvidiaQuery(query)
  if (nvidia.length > 0) {
    // `--version` is newer than some drivers still in use; the banner has carried it for years.
    const cuda = parseCudaVersion(await run('nvidia-smi', ['--version'], opts)) ?? parseCudaVersion(await run('nvidia-smi', [], opts))
    return nvidia.map(({ vendor, ...gpu }) => ({ ...gpu, cuda_version: cuda, vendor }))
  }
  if (options.signal?.aborted === true) return []
  const rocm = await run('rocm-smi', ['--showproductname', '--showmeminfo', 'vram', '--showdriverversion', '--json'], opts)
  return rocm === null ? [] : parseRocmSmi(rocm)
}
