import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { captureGpus, parseCudaVersion, parseNvidiaQuery, parseRocmSmi } from '../../src/environment/gpu.js'

// What nvidia-smi prints on a two-GPU H100 box (driver 550.54.15): the CSV query, `--version`,
// and the banner of a bare `nvidia-smi`.
const H100_QUERY = 'NVIDIA H100 80GB HBM3, 81559, 550.54.15\nNVIDIA H100 80GB HBM3, 81559, 550.54.15\n'
const H100_VERSION = 'NVIDIA-SMI version  : 550.54.15\nNVML version        : 550.54\nDRIVER version      : 550.54.15\nCUDA Version        : 12.4\n'
const BANNER = (driver: string, cuda: string): string =>
  `Tue Aug 12 10:01:02 2025\n+-----------------------------------------------------------------------------------------+\n| NVIDIA-SMI ${driver}              Driver Version: ${driver}      CUDA Version: ${cuda}     |\n|-----------------------------------------+------------------------+----------------------+\n`

// rocm-smi 6.x on an MI300X box, `--showproductname --showmeminfo vram --showdriverversion --json`.
const MI300X = JSON.stringify({
  card0: { 'Card Series': 'AMD Instinct MI300X OAM', 'Card Model': '0x74a1', 'Card Vendor': 'Advanced Micro Devices, Inc. [AMD/ATI]', 'Card SKU': 'M3000100', 'GFX Version': 'gfx942', 'VRAM Total Memory (B)': '205822885888', 'VRAM Total Used Memory (B)': '292483072' },
  card1: { 'Card Series': 'AMD Instinct MI300X OAM', 'Card Model': '0x74a1', 'Card Vendor': 'Advanced Micro Devices, Inc. [AMD/ATI]', 'Card SKU': 'M3000100', 'GFX Version': 'gfx942', 'VRAM Total Memory (B)': '205822885888', 'VRAM Total Used Memory (B)': '292483072' },
  system: { 'Driver version': '6.8.5' }
})

const QUERY = '--query-gpu=name,memory.total,driver_version --format=csv,noheader,nounits'
const quote = (text: string): string => `'${text.replaceAll("'", "'\\''")}'`

let dir: string
let savedPath: string | undefined
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lpg-gpu-'))
  savedPath = process.env.PATH
  // Only the fakes: neither a real nvidia-smi nor rocm-smi of this machine can answer.
  process.env.PATH = dir
})
afterEach(() => {
  process.env.PATH = savedPath
  rmSync(dir, { recursive: true, force: true })
})

/** A fake command first (and alone) on PATH: a POSIX shell script that answers its exact argument list, and refuses any other as nvidia-smi does. */
function fakeCommand(name: string, cases: Record<string, { stdout: string; code?: number }>): void {
  const branches = Object.entries(cases).map(([args, { stdout, code }]) => `  ${quote(args)}) printf '%s' ${quote(stdout)}; exit ${code ?? 0} ;;`)
  writeFileSync(join(dir, name), `#!/bin/sh\ncase "$*" in\n${branches.join('\n')}\n  *) echo "Invalid combination of input arguments." >&2; exit 2 ;;\nesac\n`)
  chmodSync(join(dir, name), 0o755)
}

describe('the GPU fingerprint from nvidia-smi', () => {
  test('an H100 box: one entry per device, with memory, driver and the CUDA version of --version', async () => {
    fakeCommand('nvidia-smi', { [QUERY]: { stdout: H100_QUERY }, '--version': { stdout: H100_VERSION }, '': { stdout: BANNER('550.54.15', '12.4') } })
    const gpus = await captureGpus()
    expect(gpus).toEqual([
      { name: 'NVIDIA H100 80GB HBM3', memory_total_mib: 81559, driver_version: '550.54.15', cuda_version: '12.4', vendor: 'nvidia' },
      { name: 'NVIDIA H100 80GB HBM3', memory_total_mib: 81559, driver_version: '550.54.15', cuda_version: '12.4', vendor: 'nvidia' }
    ])
  })

  test('a driver without --version: the CUDA version comes from the banner', async () => {
    fakeCommand('nvidia-smi', { [QUERY]: { stdout: 'NVIDIA A100-SXM4-80GB, 81920, 470.182.03\n' }, '': { stdout: BANNER('470.182.03', '11.4') } })
    expect(await captureGpus()).toEqual([{ name: 'NVIDIA A100-SXM4-80GB', memory_total_mib: 81920, driver_version: '470.182.03', cuda_version: '11.4', vendor: 'nvidia' }])
  })

  test('no nvidia-smi and no rocm-smi: no GPUs, at once rather than at a timeout', async () => {
    const started = performance.now()
    expect(await captureGpus(undefined, { timeoutMs: 5000 })).toEqual([])
    // The commands are missing: nothing waits for the 5 s deadline.
    expect(performance.now() - started).toBeLessThan(4000)
  })

  test('a nvidia-smi that fails (no driver loaded) gives no GPUs', async () => {
    fakeCommand('nvidia-smi', { [QUERY]: { stdout: "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.", code: 9 } })
    expect(await captureGpus()).toEqual([])
  })

  test('a nvidia-smi that hangs is given up at the deadline', async () => {
    writeFileSync(join(dir, 'nvidia-smi'), '#!/bin/sh\nexec /bin/sleep 30\n')
    chmodSync(join(dir, 'nvidia-smi'), 0o755)
    const started = performance.now()
    expect(await captureGpus(undefined, { timeoutMs: 300 })).toEqual([])
    expect(performance.now() - started).toBeLessThan(10_000)
  })

  test('an aborted run does not wait for the commands', async () => {
    writeFileSync(join(dir, 'nvidia-smi'), '#!/bin/sh\nexec /bin/sleep 30\n')
    chmodSync(join(dir, 'nvidia-smi'), 0o755)
    const abort = new AbortController()
    const capturing = captureGpus(undefined, { timeoutMs: 60_000, signal: abort.signal })
    abort.abort()
    expect(await capturing).toEqual([])
  })
})

describe('AMD GPUs from rocm-smi', () => {
  test('an MI300X box: series name, VRAM in MiB, the driver version of the system entry', async () => {
    fakeCommand('rocm-smi', { '--showproductname --showmeminfo vram --showdriverversion --json': { stdout: `WARNING: AMD GPU device(s) is/are in a low-power state. Check power control/runtime_status\n\n${MI300X}` } })
    const gpus = await captureGpus()
    expect(gpus).toHaveLength(2)
    expect(gpus[0]).toEqual({ name: 'AMD Instinct MI300X OAM', memory_total_mib: 196288, driver_version: '6.8.5', cuda_version: null, vendor: 'amd' })
  })
})

describe('parsing', () => {
  test('fields nvidia-smi cannot read are null, not numbers', () => {
    expect(parseNvidiaQuery('NVIDIA GB10, [N/A], 580.142\n')).toEqual([{ name: 'NVIDIA GB10', memory_total_mib: null, driver_version: '580.142', vendor: 'nvidia' }])
  })

  test('a name with a comma stays whole', () => {
    expect(parseNvidiaQuery('Quadro RTX 6000, Passive, 24576, 535.104.05')[0]).toMatchObject({ name: 'Quadro RTX 6000, Passive', memory_total_mib: 24576 })
  })

  test('the CUDA version from either output, none from other text', () => {
    expect(parseCudaVersion(H100_VERSION)).toBe('12.4')
    expect(parseCudaVersion(BANNER('580.95.05', '13.0'))).toBe('13.0')
    expect(parseCudaVersion('Invalid combination of input arguments.')).toBeNull()
    expect(parseCudaVersion(null)).toBeNull()
  })

  test('rocm-smi output that is not JSON gives no GPUs', () => {
    expect(parseRocmSmi('ERROR: GPU[0] : Unable to read')).toEqual([])
  })
})
