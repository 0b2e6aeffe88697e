if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  runAndWrite
} from "./chunk-2IHKO3XR.js";
import "./chunk-IVFZOIBV.js";
import {
  writeReportFiles
} from "./chunk-BIYB4NDJ.js";
import "./chunk-Y3M2JUJE.js";
import {
  compareAndReport
} from "./chunk-XS2BRDXV.js";
import {
  readComparableResult
} from "./chunk-CYBNNPQY.js";
import "./chunk-UI6X6NEQ.js";
import "./chunk-WEMWLEDR.js";
import {
  loadWorkload
} from "./chunk-ZQO2Q7HW.js";
import "./chunk-SJTMLVZX.js";
import "./chunk-E7GCMRGG.js";
import {
  readResultFile,
  writeJsonFile
} from "./chunk-NA7APNDN.js";
import "./chunk-USR4SPVJ.js";
import "./chunk-XEZUBJ5O.js";

// src/commands/gate.ts
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
  const reports = writeReportFiles(outDir, { comparison, baseline: readResultFile(options.baseline, "baseline"), current, labels, reproduce });
  io.stderr.write(`files: ${currentPath}, ${join(outDir, "comparison.json")}, ${reports.markdown}, ${reports.html}
`);
  return exitCode;
}
export {
  gateCommand
};
