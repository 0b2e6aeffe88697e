if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  runAndWrite
} from "./chunk-O3AVN5RC.js";
import "./chunk-TKLYASLD.js";
import "./chunk-ZPJWPBCB.js";
import {
  compareAndReport,
  joinReport,
  renderMarkdown
} from "./chunk-PX5YCBFQ.js";
import {
  readComparableResult
} from "./chunk-G2ZFLVIP.js";
import "./chunk-UI6X6NEQ.js";
import {
  loadWorkload
} from "./chunk-TPK3B5RH.js";
import "./chunk-QOLWOKZ5.js";
import {
  writeJsonFile
} from "./chunk-H7FTG7TM.js";
import "./chunk-USR4SPVJ.js";
import "./chunk-XEZUBJ5O.js";

// src/commands/gate.ts
import { writeFileSync } from "node:fs";
import { join } from "node:path";
async function gateCommand(options, io) {
  const baseline = readComparableResult(options.baseline, "baseline");
  const workload = loadWorkload(options.workload, {
    env: io.env,
    ...options.url !== void 0 ? { url: options.url } : {},
    ...options.trials !== void 0 ? { trials: options.trials } : {}
  });
  const outDir = options.out ?? ".";
  const currentPath = join(outDir, "current.result.json");
  const current = await runAndWrite(workload, currentPath, io, options.quiet === true);
  if (current.interrupted === true) {
    io.stderr.write(`interrupted: ${currentPath} holds what was measured; no comparison was made
`);
    return 130;
  }
  const reproduce = `npx llm-perf-gate compare --baseline ${options.baseline} --current ${currentPath}${options.thresholds !== void 0 ? ` --thresholds ${options.thresholds}` : ""}`;
  const labels = { baseline: options.baseline, current: currentPath };
  const { comparison, exitCode } = compareAndReport(baseline, current, { thresholds: options.thresholds, format: "text", labels, reproduce }, io);
  writeJsonFile(join(outDir, "comparison.json"), comparison, true);
  writeFileSync(join(outDir, "report.md"), joinReport(renderMarkdown({ comparison, baseline, current, labels, reproduce })));
  io.stderr.write(`files: ${currentPath}, ${join(outDir, "comparison.json")}, ${join(outDir, "report.md")}
`);
  return exitCode;
}
export {
  gateCommand
};
