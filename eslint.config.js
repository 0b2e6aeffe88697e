import js from '@eslint/js'
import { createNodeResolver, importX } from 'eslint-plugin-import-x'
import tseslint from 'typescript-eslint'

/**
 * The layers of src/, lowest first: a module imports from its own layer and the ones below, never
 * from above (import-x/no-restricted-paths, which sees type-only imports too). Paths are
 * relative to the repository root; a directory stands for everything in it.
 */
export const LAYERS = [
  { name: 'base', paths: ['src/errors.ts', 'src/clock.ts', 'src/version.ts', 'src/random.ts', 'src/redact.ts', 'src/url-process.ts', 'src/process-io.ts'] },
  { name: 'stats', paths: ['src/stats'] },
  { name: 'metrics', paths: ['src/metrics'] },
  // Workloads are planned from their configuration alone; a server's and telemetry's settings are part of it.
  { name: 'config', paths: ['src/config', 'src/workload', 'src/server/schema.ts', 'src/telemetry/schema.ts'] },
  { name: 'result', paths: ['src/result', 'src/telemetry/types.ts'] },
  { name: 'compare', paths: ['src/compare', 'src/history'] },
  { name: 'report', paths: ['src/report', 'src/output/console-summary.ts', 'src/output/telemetry-summary.ts'] },
  { name: 'github', paths: ['src/github'] },
  { name: 'client', paths: ['src/client', 'src/environment.ts', 'src/environment', 'src/telemetry', 'src/simulator'] },
  { name: 'runner', paths: ['src/runner', 'src/server', 'src/sweep', 'src/output/progress.ts', 'src/import'] },
  { name: 'commands', paths: ['src/commands'] },
  // The action's modes run what the commands run, then publish (github) what they found.
  { name: 'action', paths: ['src/action'] },
  { name: 'entry points', paths: ['src/cli.ts', 'src/main.ts', 'src/index.ts'] }
]

const layerZones = LAYERS.slice(0, -1).map((layer, index) => ({
  target: layer.paths,
  from: LAYERS.slice(index + 1).flatMap((above) => above.paths),
  message: `${layer.name} is below ${LAYERS.slice(index + 1).map((above) => above.name).join(', ')}: imports point down the layers (eslint.config.js LAYERS)`
}))

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'e2e/engine/node_modules/**', 'bench/.out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', performance: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', setImmediate: 'readonly', queueMicrotask: 'readonly', URL: 'readonly', TextDecoder: 'readonly', TextEncoder: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off'
    }
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    // The sources import `./x.js` for `./x.ts`, as TypeScript's NodeNext resolution wants.
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'], extensionAlias: { '.js': ['.ts', '.js'] } })] },
    rules: { 'import-x/no-restricted-paths': ['error', { zones: layerZones }] }
  }
)
