if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '.\nRun it under Node 24 without installing Node: npx -y -p node@24 -c "llm-perf-gate ' + process.argv.slice(2).join(' ') + '"\nor install Node 24 (nvm install 24). docs/install.md has both.\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  runSimulateCommand
} from "./chunk-3VJAYKFB.js";
import "./chunk-P72UHX6G.js";
import "./chunk-UGIYVO4E.js";
import "./chunk-U45XKRZC.js";

// src/commands/simulate.ts
async function simulateCommand(options, io) {
  const simulator = await runSimulateCommand(
    {
      ...options.port !== void 0 ? { port: options.port } : {},
      ...options.host !== void 0 ? { host: options.host } : {},
      ...options.profile !== void 0 ? { profile: options.profile } : {},
      ...options.seed !== void 0 ? { seed: options.seed } : {},
      ...options.model !== void 0 ? { modelName: options.model } : {},
      ...options.slowdown !== void 0 ? { slowdown: options.slowdown } : {},
      ...options.faults !== void 0 ? { faults: options.faults } : {}
    },
    (line) => io.stderr.write(`${line}
`)
  );
  io.stdout.write(`${JSON.stringify({ url: simulator.url })}
`);
  await new Promise((resolve) => {
    if (io.signal?.aborted === true) return resolve();
    io.signal?.addEventListener("abort", () => resolve(), { once: true });
    process.once("SIGTERM", () => resolve());
  });
  await simulator.close();
  return 0;
}
export {
  simulateCommand
};
