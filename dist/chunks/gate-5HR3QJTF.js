if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '.\nRun it under Node 24 without installing Node: npx -y -p node@24 -c "llm-perf-gate ' + process.argv.slice(2).join(' ') + '"\nor install Node 24 (nvm install 24). docs/install.md has both.\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  writeReportFiles
} from "./chunk-24W46Z7Z.js";
import {
  runAndWrite
} from "./chunk-GT45ZQYO.js";
import "./chunk-I6IF7YTC.js";
import "./chunk-3XY4V44M.js";
import {
  compareAndReport,
  htmlTrendOf
} from "./chunk-CLZCBBBT.js";
import {
  gatedMetrics,
  loadJobHistory,
  trendWithCurrent
} from "./chunk-BHHNFLZV.js";
import "./chunk-CRVPYRSU.js";
import {
  readComparableResult
} from "./chunk-HZNHISRA.js";
import "./chunk-22MW3SDJ.js";
import "./chunk-DOMUVXZO.js";
import "./chunk-JFXT5PYH.js";
import "./chunk-BD4WMCGU.js";
import {
  loadWorkload
} from "./chunk-6ABQPTPV.js";
import "./chunk-BP5AAHQY.js";
import "./chunk-MSV6DFL6.js";
import "./chunk-VJKEQW57.js";
import {
  loadThresholds
} from "./chunk-4ATGSLI2.js";
import "./chunk-NXO3WHA4.js";
import "./chunk-MF6P33B3.js";
import "./chunk-IGTO2X5J.js";
import "./chunk-NKIRXGVN.js";
import "./chunk-V4FAYOQB.js";
import "./chunk-S2KP6JOK.js";
import {
  writeJsonFile
} from "./chunk-D55ENMMY.js";
import "./chunk-P72UHX6G.js";
import "./chunk-UGIYVO4E.js";
import "./chunk-USLMR57S.js";
import "./chunk-U45XKRZC.js";

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
  const reports = writeReportFiles(outDir, { ...input, trend, ...htmlTrendOf(trend) });
  io.stderr.write(`files: ${currentPath}, ${join(outDir, "comparison.json")}, ${reports.markdown}, ${reports.html}
`);
  return exitCode;
}
export {
  gateCommand
};
