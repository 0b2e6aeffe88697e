import { Command, CommanderError, InvalidArgumentError, Option } from 'commander'
import { InputError } from './errors.js'
import type { CompareOptions } from './commands/compare.js'
import { processIo } from './process-io.js'
import { readAhead } from './compare/read-ahead.js'
import { sniffSchema } from './result/sniff.js'
import { SWEEP_SCHEMA } from './result/sweep-types.js'
import { TOOL_VERSION } from './version.js'

const integer = (flag: string, min: number) => (value: string): number => {
  const parsed = Number(value)
  if (!Number.isInteger(parsed) || parsed < min) throw new InvalidArgumentError(`${flag}: got ${JSON.stringify(value)}; expected an integer >= ${min}`)
  return parsed
}

const collect = (value: string, previous: string[]): string[] => [...previous, value]

/**
 * Builds the command tree; each action hands its options to a command module and returns an exit
 * code. Command modules load when their command runs: `compare` then never loads the HTTP client.
 */
export function buildProgram(run: (command: Promise<number>) => void): Command {
  const program = new Command('llm-perf-gate')
    .description('Benchmark an LLM inference server with a seeded streaming workload and gate on performance regressions.')
    .version(TOOL_VERSION)
    .option('--debug', 'print stack traces of errors')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text) })

  program
    .command('run')
    .description('run a workload against a server and write a result file')
    .requiredOption('--workload <file>', 'workload file (YAML or JSON)')
    .option('--url <url>', "server root, overriding the workload's url")
    .option('--model <name>', "model name, overriding the workload's model")
    .option('--trials <k>', 'independent trials, overriding the workload', integer('--trials', 1))
    .option('--out <file>', 'result file (default: <workload name>.result.json)')
    .option('--thresholds <file|preset>', 'thresholds whose validity.max_error_rate makes a run with more failed requests exit 3 (pr, nightly, release or a file)', 'pr')
    .option('--quiet', 'no progress output')
    .action((options) => run(import('./commands/run.js').then((m) => m.runCommand(options, processIo(signal)))))

  program
    .command('compare')
    .description('compare two result files and give a verdict')
    .requiredOption('--baseline <file>', 'baseline result file')
    .requiredOption('--current <file>', 'current (candidate) result file')
    .option('--thresholds <file|preset>', 'thresholds file or preset name (pr, nightly, release)', 'pr')
    .option('--format <format>', 'text, markdown, json or html', 'text')
    .option('--out <file>', 'also write the report to this file')
    .option('--history <file>', 'performance history (JSON Lines): account for job-to-job variation of comparable past runs')
    .action((options: CompareOptions) => {
      // The current result is most of compare's work: its worker starts reading before the command's modules load.
      // A sweep file goes to the sweep comparison, which reads it whole.
      const current = sniffSchema(options.current) === SWEEP_SCHEMA ? null : readAhead({ path: options.current, role: 'current result' })
      run(import('./commands/compare.js').then((m) => m.compareCommand({ ...options, currentAhead: current }, processIo(signal))))
    })

  program
    .command('gate')
    .description('run the workload, then compare with a baseline result (run + compare)')
    .requiredOption('--workload <file>', 'workload file (YAML or JSON)')
    .requiredOption('--baseline <file>', 'baseline result file')
    .option('--thresholds <file|preset>', 'thresholds file or preset name (pr, nightly, release)', 'pr')
    .option('--url <url>', "server root, overriding the workload's url")
    .option('--trials <k>', 'independent trials, overriding the workload', integer('--trials', 1))
    .option('--out <dir>', 'directory for current.result.json, comparison.json, report.md and report.html', '.')
    .option('--history <file>', 'performance history (JSON Lines): account for job-to-job variation of comparable past runs')
    .option('--quiet', 'no progress output')
    .action((options) => run(import('./commands/gate.js').then((m) => m.gateCommand(options, processIo(signal)))))

  program
    .command('sweep')
    .description('run the workload at several loads and find its capacity at the SLO (docs/sweeps.md)')
    .requiredOption('--workload <file>', 'workload file (YAML or JSON); its load is replaced at each step')
    .option('--concurrency <list>', 'closed-loop steps, e.g. 1,2,4,8,16')
    .option('--rate <list>', 'open-loop steps in requests/s, e.g. 1,2,4,8')
    .option('--auto', 'find the loads: double from one stream until the SLO breaks, then bisect (the default without a list)')
    .option('--max-steps <n>', 'most steps of --auto', integer('--max-steps', 2))
    .option('--url <url>', "server root, overriding the workload's url")
    .option('--model <name>', "model name, overriding the workload's model")
    .option('--trials <k>', 'independent trials a step, overriding the workload', integer('--trials', 1))
    .option('--thresholds <file|preset>', 'whose validity.max_error_rate puts a step\'s miss down to errors (default: pr)')
    .option('--out <file>', 'sweep file, written after every step (default: <workload name>.sweep.json)')
    .option('--quiet', 'no progress output')
    .action((options) => run(import('./commands/sweep.js').then((m) => m.sweepCommand(options, processIo(signal)))))

  program
    .command('import')
    .description("convert another tool's result (vllm bench serve, AIPerf, GuideLLM, SGLang bench_serving) or a run's journal into a result file (docs/imports.md)")
    .requiredOption('--from <source>', 'vllm, aiperf, guidellm, sglang or journal')
    .argument('<files...>', 'vllm: --save-detailed JSON files; aiperf: profile_export.jsonl files; guidellm: one benchmarks.json/.yaml; sglang: bench_serving JSONL files; journal: one .journal.jsonl')
    .option('--out <file>', 'result file (default: <name>.result.json)')
    .option('--name <name>', 'workload name (default: from the input file name)')
    .option('--benchmark <n>', 'which run to import when the input holds several workloads (a GuideLLM sweep, an SGLang rate range): its number in the listing', integer('--benchmark', 1))
    .action((files: string[], options) => run(import('./commands/import.js').then((m) => m.importCommand({ ...options, files }, processIo(signal)))))

  program
    .command('simulate')
    .description('start the built-in inference-server simulator (a test instrument)')
    .option('--port <p>', 'port (0 picks a free one)', integer('--port', 0), 8000)
    .option('--host <h>', 'interface to listen on', '127.0.0.1')
    .option('--profile <name>', 'performance profile', 'default')
    .option('--seed <s>', 'seed for noise and drift', integer('--seed', 0), 0)
    .option('--model <name>', 'served model name')
    .option('--slowdown <metric=factor>', 'inject a regression, e.g. tpot=1.15 (repeatable)', collect, [])
    .addOption(new Option('--faults <spec>', 'inject faults, e.g. http500=0.05,stall=0.01'))
    .action((options) => run(import('./commands/simulate.js').then((m) => m.simulateCommand(options, processIo(signal)))))

  program
    .command('demo')
    .description('no arguments, no GPU: a baseline and a slowed candidate against the simulator, compared')
    .option('--real', 'the same with a real engine on the CPU (node-llama-cpp; npm run e2e:setup first)')
    .option('--quiet', 'no progress output')
    .action((options) => run(import('./commands/demo.js').then((m) => m.demoCommand(options, processIo(signal)))))

  program
    .command('ab')
    .description('interleaved A/B: trials alternate between two live servers')
    .requiredOption('--workload <file>', 'workload file (YAML or JSON)')
    .requiredOption('--baseline-url <url>', 'server A')
    .requiredOption('--candidate-url <url>', 'server B')
    .option('--baseline-server <command>', "starts server A (default: the workload's server.command); stopped at the end")
    .option('--candidate-server <command>', "starts server B, with the workload's server: settings; stopped at the end")
    .option('--trials <k>', 'trials per server, overriding the workload', integer('--trials', 1))
    .option('--out <dir>', 'directory for baseline.result.json, candidate.result.json, report.md and report.html', '.')
    .option('--thresholds <file|preset>', 'thresholds file or preset name (pr, nightly, release)')
    .option('--quiet', 'no progress output')
    .action((options) => run(import('./commands/ab.js').then((m) => m.abCommand(options, processIo(signal)))))

  const history = program.command('history').description('a performance history: one line per run, trends and change points (docs/history.md)')
  history
    .command('append')
    .description("append a result's run to a history file (created if missing; a run already there is not appended again)")
    .requiredOption('--history <file>', 'history file (JSON Lines)')
    .requiredOption('--result <file>', 'result file')
    .option('--commit <sha>', 'the commit the run measured (default: GITHUB_SHA)')
    .option('--ref <ref>', 'the ref the run measured (default: GITHUB_REF)')
    .action((options) => run(import('./commands/history.js').then((m) => m.historyAppendCommand(options, processIo(signal)))))
  for (const [name, description] of [
    ['show', "list a workload's last runs (markdown: with trend charts and change points)"],
    ['detect', "find where a workload's metrics changed across its runs, and how much (E-divisive means, permutation test)"]
  ] as const) {
    const command = history
      .command(name)
      .description(description)
      .requiredOption('--history <file>', 'history file (JSON Lines)')
      .option('--workload <name>', 'only this workload')
      .option('--format <format>', 'text, markdown or json', 'text')
      .option('--metric <name>', 'a metric to follow, e.g. tpot_ms.p50 (repeatable; default: those the thresholds gate)', collect, [])
      .option('--thresholds <file|preset>', 'whose gated metrics to follow', 'nightly')
    if (name === 'show') command.option('--last <n>', 'how many of the last runs to list', integer('--last', 1), 30)
    command.action((options) => run(import('./commands/history.js').then((m) => (name === 'show' ? m.historyShowCommand(options, processIo(signal)) : m.historyDetectCommand(options, processIo(signal))))))
  }

  return program
}

const controller = new AbortController()
const signal = controller.signal

function reportError(error: unknown, debug: boolean): number {
  if (error instanceof InputError) {
    process.stderr.write(`error: ${error.message}\n`)
    if (debug && error.stack) process.stderr.write(`${error.stack}\n`)
    return error.exitCode
  }
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2
  const message = error instanceof Error ? error.message : String(error)
  process.stderr.write(`error: ${message}\n${debug && error instanceof Error && error.stack ? `${error.stack}\n` : '(run with --debug for the stack trace)\n'}`)
  return 2
}

async function main(argv: string[]): Promise<void> {
  const debug = argv.includes('--debug')
  let interrupts = 0
  process.on('SIGINT', () => {
    interrupts++
    if (interrupts === 1) {
      // Aborting first stops the progress bar (an abort listener), so the message gets a line of its own.
      controller.abort()
      process.stderr.write('\ninterrupted: finishing what is in flight as cancelled and writing what was measured (Ctrl-C again to quit now)\n')
    } else {
      process.exit(130)
    }
  })
  let pending: Promise<number> | null = null
  const program = buildProgram((command) => {
    pending = command
  })
  try {
    await program.parseAsync(argv)
    const code = pending === null ? 0 : await (pending as Promise<number>)
    process.exitCode = code
  } catch (error) {
    process.exitCode = reportError(error, debug)
  }
}

await main(process.argv)
