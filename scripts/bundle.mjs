// Committed bundles: dist/index.js (the action, run by the runner's node24), dist/cli.js (the bin), and
// dist/read-result-worker.js, the worker thread both start to read result files in parallel.
import { build } from 'esbuild'

const common = {
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
      "if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '\\n'); process.exit(2) }",
      "import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);"
    ].join('\n')
  }
}

await build({ ...common, entryPoints: ['src/index.ts'], outfile: 'dist/index.js' })
await build({ ...common, entryPoints: ['src/result/read-worker.ts'], outfile: 'dist/read-result-worker.js' })
await build({ ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node\n' + common.banner.js } })
