if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '.\nRun it under Node 24 without installing Node: npx -y -p node@24 -c "llm-perf-gate ' + process.argv.slice(2).join(' ') + '"\nor install Node 24 (nvm install 24). docs/install.md has both.\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  writeReportFiles
} from "./chunk-FFYH5K5J.js";
import {
  runAndWrite
} from "./chunk-5EPGYKHV.js";
import "./chunk-O6UKVPSC.js";
import {
  compareAndReport,
  htmlTrendOf
} from "./chunk-V3AYINEZ.js";
import {
  gatedMetrics,
  loadJobHistory,
  trendWithCurrent
} from "./chunk-3WNVBGSI.js";
import "./chunk-FXP3T2VU.js";
import {
  readComparableResult
} from "./chunk-ZDXZIKJC.js";
import "./chunk-22MW3SDJ.js";
import "./chunk-VLNBYG6C.js";
import "./chunk-JFXT5PYH.js";
import "./chunk-TXCCBXY3.js";
import {
  loadThresholds
} from "./chunk-TDBHELXP.js";
import "./chunk-VUUC2ILX.js";
import "./chunk-DQPKZ6OR.js";
import "./chunk-IGTO2X5J.js";
import "./chunk-IVQ5ZI36.js";
import "./chunk-HBYOJMJI.js";
import {
  loadWorkload
} from "./chunk-L2NTTBRU.js";
import "./chunk-BP5AAHQY.js";
import "./chunk-MQKNTABP.js";
import "./chunk-WZ26GJWE.js";
import "./chunk-K6ON72ND.js";
import {
  readResultFile,
  writeJsonFile
} from "./chunk-IKRLML6D.js";
import "./chunk-P72UHX6G.js";
import "./chunk-EA2S6KMK.js";

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
