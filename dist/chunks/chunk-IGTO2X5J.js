if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '.\nRun it under Node 24 without installing Node: npx -y -p node@24 -c "llm-perf-gate ' + process.argv.slice(2).join(' ') + '"\nor install Node 24 (nvm install 24). docs/install.md has both.\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);

// src/result/sweep-types.ts
var SWEEP_SCHEMA = "llm-perf-gate/sweep@1";
var SLO_METRICS = ["ttft_ms", "tpot_ms", "e2e_ms"];

export {
  SWEEP_SCHEMA,
  SLO_METRICS
};
