if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  runAndWrite
} from "./chunk-TZADYSKV.js";
import "./chunk-U6TNBJYA.js";
import {
  writeReportFiles
} from "./chunk-RMAXYQ5T.js";
import "./chunk-EWXUZV45.js";
import {
  compareAndReport
} from "./chunk-VCBD6VS4.js";
import {
  gatedMetrics,
  htmlTrendOf,
  loadJobHistory,
  trendWithCurrent
} from "./chunk-AWPY3MD4.js";
import {
  readComparableResult
} from "./chunk-VS7GUOK5.js";
import "./chunk-UI6X6NEQ.js";
import {
  loadThresholds
} from "./chunk-E5VMZ27U.js";
import {
  loadWorkload
} from "./chunk-STS3J3OP.js";
import "./chunk-SJTMLVZX.js";
import "./chunk-XGTIZX6G.js";
import "./chunk-LEHYPBYW.js";
import {
  readResultFile,
  writeJsonFile
} from "./chunk-3BKM635J.js";
import "./chunk-USR4SPVJ.js";
import "./chunk-XEZUBJ5O.js";

// src/commands/gate.ts
import { join } from "node:path";
async function gateCommand(options, io) {
  const baseline = readComparableResult(options.baseline, "baseline");
  const history = options.history === void 0 ? void 0 : loadJobHistory(options.history, (line) => io.stderr.write(`warning: ${line}
`));
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
  const reproduce = `npx llm-perf-gate compare --baseline ${options.baseline} --current ${currentPath}${options.thresholds !== void 0 ? ` --thresholds ${options.thresholds}` : ""}${options.history !== void 0 ? ` --history ${options.history}` : ""}`;
  const labels = { baseline: options.baseline, current: currentPath };
  const { comparison, exitCode, input } = compareAndReport(baseline, current, { thresholds: options.thresholds, format: "text", labels, reproduce, history }, io);
  writeJsonFile(join(outDir, "comparison.json"), comparison, true);
  const trend = history === void 0 ? null : trendWithCurrent(history.records, current, gatedMetrics(loadThresholds(options.thresholds)));
  const reports = writeReportFiles(outDir, { ...input, baseline: readResultFile(options.baseline, "baseline"), trend, ...htmlTrendOf(trend) });
  io.stderr.write(`files: ${currentPath}, ${join(outDir, "comparison.json")}, ${reports.markdown}, ${reports.html}
`);
  return exitCode;
}
export {
  gateCommand
};
