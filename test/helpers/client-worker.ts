import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'esbuild'

let built: Promise<URL> | null = null

/**
 * The client's worker thread script, bundled from the sources as scripts/bundle.mjs bundles it
 * (a worker thread runs plain JavaScript, not the TypeScript the tests import), once per test file.
 */
export function clientWorkerScript(): Promise<URL> {
  built ??= (async () => {
    const outfile = join(mkdtempSync(join(tmpdir(), 'lpg-client-worker-')), 'client-worker.js')
    await build({ entryPoints: ['src/client/worker-main.ts'], outfile, bundle: true, platform: 'node', target: 'node24', format: 'esm', logLevel: 'warning', banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" } })
    return pathToFileURL(outfile)
  })()
  return built
}
