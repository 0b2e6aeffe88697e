import { z } from 'zod'

const positive = z.number({ error: 'expected a number of seconds' }).positive({ error: 'expected a number of seconds > 0' })

/**
 * `server:` in a workload (docs/server-lifecycle.md): how to start the server the workload runs against. It says
 * how to start and stop it, not what is sent, so it is not part of the workload hash.
 */
export const serverSchema = z.strictObject({
  /** A string runs through the shell (`sh -c`), as a workflow's `run:` line does; a list runs as argv, without a shell. */
  command: z.union([z.string().trim().min(1, { error: 'expected a command line' }), z.array(z.string()).min(1, { error: 'expected at least the program' })], {
    error: 'expected a command line (run by sh -c) or a list [program, arg, ...] (run without a shell)'
  }),
  /** Added to the inherited environment; `${VAR}` takes a value from it (a token, never written anywhere). */
  env: z.record(z.string(), z.string({ error: 'expected a string (use "${VAR}" for secrets)' })).default({}),
  /** Working directory, relative to the workload file. */
  cwd: z.string().min(1).default('.'),
  health_path: z.string().startsWith('/', { error: 'expected a path starting with /' }).default('/health'),
  ready_timeout_s: positive.default(900),
  stop_timeout_s: positive.default(30),
  /** The launch flags, as the server states them; recorded in environment.server.args. */
  args: z.array(z.string()).optional()
})

export type ServerSpec = z.output<typeof serverSchema>
