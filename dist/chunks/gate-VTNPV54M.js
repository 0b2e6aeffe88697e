if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  runAndWrite
} from "./chunk-TDUD5KHI.js";
import "./chunk-LOM7GJKD.js";
import {
  writeReportFiles
} from "./chunk-KYU57R3T.js";
import "./chunk-NH27OEUV.js";
import {
  compareAndReport
} from "./chunk-H7HONJ6L.js";
import {
  readComparableResult
} from "./chunk-DSH4ESDE.js";
import "./chunk-UI6X6NEQ.js";
import "./chunk-YOQHFBFO.js";
import "./chunk-ON5JRR3V.js";
import {
  loadWorkload
} from "./chunk-NHC4GIOL.js";
import "./chunk-Y5KL7QRJ.js";
import "./chunk-JM4ATGMF.js";
import {
  readResultFile,
  writeJsonFile
} from "./chunk-J3FQYYVW.js";
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
