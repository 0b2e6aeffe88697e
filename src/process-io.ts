/** The process edges a command touches, passed in so commands run in tests without a terminal. */
export interface CommandIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean }
  stderr: NodeJS.WritableStream & { isTTY?: boolean }
  env: NodeJS.ProcessEnv
  /** Aborted on SIGINT: stop sending, keep what was measured. */
  signal?: AbortSignal
}

export const processIo = (signal?: AbortSignal): CommandIo => ({
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  ...(signal !== undefined ? { signal } : {})
})
