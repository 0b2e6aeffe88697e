import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'

export interface ChildServer {
  url: string
  process: ChildProcess
  close(): Promise<void>
}

/** Starts `node SCRIPT ARGS` and resolves once it prints {"url": ...} on a line of its stdout. */
export async function startChildServer(script: string, args: string[] = [], timeoutMs = 20_000): Promise<ChildServer> {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
  const lines = createInterface({ input: child.stdout! })
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} printed no {"url"} line within ${timeoutMs} ms`)), timeoutMs)
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before listening`)))
    lines.on('line', (line) => {
      try {
        const parsed = JSON.parse(line) as { url?: string }
        if (parsed.url !== undefined) {
          clearTimeout(timer)
          resolve(parsed.url)
        }
      } catch {
        // not our line
      }
    })
  })
  return {
    url,
    process: child,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      })
  }
}
