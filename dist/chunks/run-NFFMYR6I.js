if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '.\nRun it under Node 24 without installing Node: npx -y -p node@24 -c "llm-perf-gate ' + process.argv.slice(2).join(' ') + '"\nor install Node 24 (nvm install 24). docs/install.md has both.\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  defaultResultPath,
  runAndWrite,
  runCommand
} from "./chunk-GT45ZQYO.js";
import "./chunk-I6IF7YTC.js";
import "./chunk-3XY4V44M.js";
import "./chunk-BD4WMCGU.js";
import "./chunk-6ABQPTPV.js";
import "./chunk-BP5AAHQY.js";
import "./chunk-MSV6DFL6.js";
import "./chunk-VJKEQW57.js";
import "./chunk-4ATGSLI2.js";
import "./chunk-V4FAYOQB.js";
import "./chunk-S2KP6JOK.js";
import "./chunk-D55ENMMY.js";
import "./chunk-P72UHX6G.js";
import "./chunk-UGIYVO4E.js";
import "./chunk-USLMR57S.js";
import "./chunk-U45XKRZC.js";
export {
  defaultResultPath,
  runAndWrite,
  runCommand
};
