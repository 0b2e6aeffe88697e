import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'

/** A server started as a child process that announced where it listens. */
export interface UrlProcess {
  url: string
  process: ChildProcess
  /** The end of what it wrote to stderr (when piped), for error messages. */
  stderr(): string
  /** SIGTERM, then its exit code once it has exited. */
  stop(): Promise<number | null>
}

export interface UrlProcessOptions {
  cwd?: string
  env?: NodeJS.ProcessEnv
  /** `pipe` keeps stderr for messages; `inherit` shows it. */
  stderr?: 'pipe' | 'inherit'
  timeoutMs?: number
}

/**
 * Starts `command args` and resolves once it prints a JSON line with a `url` on stdout, as the
 * simulator, the scripted test server and the real engine do; rejects with its stderr if it
 * exits first, or after `timeoutMs`.
 */
export async function startUrlProcess(command: string, args: readonly string[], options: UrlProcessOptions = {}): Promise<UrlProcess> {
  const child = spawn(command, [...args], {
    ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
    ...(options.env !== undefined ? { env: options.env } : {}),
    stdio: ['ignore', 'pipe', options.stderr ?? 'pipe']
  })
  let stderr = ''
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    stderr = (stderr + text).slice(-16_000)
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const timeoutMs = options.timeoutMs ?? 30_000
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM')
      reject(new Error(`${args[0] ?? command} printed no {"url"} line within ${timeoutMs} ms`))
    }, timeoutMs)
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const announced = (JSON.parse(line) as { url?: unknown }).url
        if (typeof announced === 'string') {
          clearTimeout(timer)
          resolve(announced)
        }
      } catch {
        // not the announcement
      }
    })
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`${args[0] ?? command} exited with ${code} before listening${stderr !== '' ? `:\n${stderr}` : ''}`))
    })
  })
  return {
    url,
    process: child,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      return exited
    }
  }
}
