// Runs the benchmarks: `npm run bench` runs every bench/*.bench.ts; `npm run bench -- calibration`
// runs the ones whose names contain "calibration". Each is bundled with esbuild (the sources
// import `.js` paths that only a bundler resolves to `.ts`), run in its own Node process, and
// prints one Markdown section on stdout, which replaces that benchmark's section of BENCHMARKS.md.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import { join } from 'node:path'
import { build } from 'esbuild'

const filters = process.argv.slice(2)
const benches = readdirSync('bench')
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort()
if (benches.length === 0) {
  console.error(`no benchmark matches ${filters.join(' ')}`)
  process.exit(2)
}

const machine = `${cpus().length}× ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at start`
// Inside the repository, so code that finds the shipped presets beside itself finds them.
const out = join('bench', '.out')
mkdirSync(out, { recursive: true })
const file = 'BENCHMARKS.md'
let document = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n\nFigures written by `npm run bench` (bench/run.mjs). Each section names the machine and the command that produced it.\n'

// As scripts/bundle.mjs: the HTML report inlines files as text through `?raw` imports.
const rawText = {
  name: 'raw-text',
  setup(builder) {
    builder.onResolve({ filter: /\?raw$/ }, async (args) => {
      const resolved = await builder.resolve(args.path.slice(0, -'?raw'.length), { kind: args.kind, resolveDir: args.resolveDir })
      return resolved.errors.length > 0 ? { errors: resolved.errors } : { path: resolved.path, namespace: 'raw-text' }
    })
    builder.onLoad({ filter: /.*/, namespace: 'raw-text' }, (args) => ({ contents: readFileSync(args.path, 'utf8'), loader: 'text' }))
  }
}
const options = { bundle: true, platform: 'node', target: 'node24', format: 'esm', logLevel: 'warning', plugins: [rawText], banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" } }
// The client's worker threads run this bundle, found beside the bundle that starts them (src/client/pool.ts).
await build({ ...options, entryPoints: ['src/client/worker-main.ts'], outfile: join(out, 'client-worker.js') })

for (const bench of benches) {
  const name = bench.replace(/\.bench\.ts$/, '')
  const bundle = join(out, `${name}.mjs`)
  await build({ ...options, entryPoints: [join('bench', bench)], outfile: bundle })
  console.error(`running ${bench}…`)
  const started = Date.now()
  const run = spawnSync(process.execPath, [bundle], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 64 * 2 ** 20 })
  if (run.status !== 0) {
    console.error(`${bench} failed with status ${run.status}`)
    process.exit(1)
  }
  const section = [`<!-- bench:${name} -->`, run.stdout.trim(), '', `_Machine: ${machine}. Command: \`npm run bench -- ${name}\`; took ${((Date.now() - started) / 1000).toFixed(0)} s on ${new Date().toISOString().slice(0, 10)}._`, `<!-- /bench:${name} -->`].join('\n')
  const pattern = new RegExp(`<!-- bench:${name} -->[\\s\\S]*?<!-- /bench:${name} -->`)
  document = pattern.test(document) ? document.replace(pattern, section) : `${document.trimEnd()}\n\n${section}\n`
  writeFileSync(file, document)
  console.error(`${bench}: section written to ${file}`)
}
