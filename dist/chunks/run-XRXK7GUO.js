if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '.\nRun it under Node 24 without installing Node: npx -y -p node@24 -c "llm-perf-gate ' + process.argv.slice(2).join(' ') + '"\nor install Node 24 (nvm install 24). docs/install.md has both.\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  defaultResultPath,
  runAndWrite,
  runCommand
} from "./chunk-5EPGYKHV.js";
import "./chunk-O6UKVPSC.js";
import "./chunk-TXCCBXY3.js";
import "./chunk-TDBHELXP.js";
import "./chunk-HBYOJMJI.js";
import "./chunk-L2NTTBRU.js";
import "./chunk-BP5AAHQY.js";
import "./chunk-MQKNTABP.js";
import "./chunk-WZ26GJWE.js";
import "./chunk-K6ON72ND.js";
import "./chunk-IKRLML6D.js";
import "./chunk-P72UHX6G.js";
import "./chunk-EA2S6KMK.js";
export {
  defaultResultPath,
  runAndWrite,
  runCommand
};
