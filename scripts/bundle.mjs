// Committed bundles: dist/index.js (the action, run by the runner's node24), and the CLI, split so
// that a command loads only its own modules: dist/cli.js (the bin), dist/read-result-worker.js (the
// worker thread that reads result files in parallel), dist/client-worker.js (the client's worker
// threads, src/client/pool.ts) and the chunks they share, dist/chunks/.
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { relative } from 'node:path'
import { build } from 'esbuild'

// LPG_BUNDLE_OUT writes the bundles elsewhere (bench/memory.bench.ts measures the CLI as shipped).
const out = process.env.LPG_BUNDLE_OUT ?? 'dist'

// Chunk names change with their content: clear the old ones.
rmSync(`${out}/chunks`, { recursive: true, force: true })

// The HTML report inlines uPlot and its own page script as text (src/report/html/assets.ts): a
// `?raw` import is the file's text, as Vite (the tests) reads it.
const rawText = {
  name: 'raw-text',
  setup(build) {
    build.onResolve({ filter: /\?raw$/ }, async (args) => {
      const resolved = await build.resolve(args.path.slice(0, -'?raw'.length), { kind: args.kind, resolveDir: args.resolveDir })
      // Relative to the repository: esbuild writes the path into the bundle, which must not depend on where the clone is.
      return resolved.errors.length > 0 ? { errors: resolved.errors } : { path: relative(process.cwd(), resolved.path), namespace: 'raw-text' }
    })
    build.onLoad({ filter: /.*/, namespace: 'raw-text' }, (args) => ({ contents: readFileSync(args.path, 'utf8'), loader: 'text' }))
  }
}

const common = {
  plugins: [rawText],
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  // Some CommonJS dependencies call require() on node builtins; ESM output needs a real require.
  // The Node check runs before any bundled module initialises: undici needs Node 24's zlib.
  banner: {
    js: [
      "if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '.\\nRun it under Node 24 without installing Node: npx -y -p node@24 -c \"llm-perf-gate ' + process.argv.slice(2).join(' ') + '\"\\nor install Node 24 (nvm install 24). docs/install.md has both.\\n'); process.exit(2) }",
      "import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);"
    ].join('\n')
  }
}

await build({ ...common, entryPoints: ['src/index.ts'], outfile: `${out}/index.js` })
// The action imports the worker's URL from its own bundle, so it needs the worker beside it too: the
// split build below writes it. Chunks are named by content, so a rebuild of unchanged code is identical.
await build({
  ...common,
  entryPoints: { cli: 'src/cli.ts', 'read-result-worker': 'src/compare/read-worker.ts', 'client-worker': 'src/client/worker-main.ts' },
  outdir: out,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  banner: { js: common.banner.js }
})
// The bin needs its shebang on the first line, and only the bin.
const bin = readFileSync(`${out}/cli.js`, 'utf8')
writeFileSync(`${out}/cli.js`, `#!/usr/bin/env node\n${bin}`)
chmodSync(`${out}/cli.js`, 0o755)
