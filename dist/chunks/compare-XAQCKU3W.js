if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '.\nRun it under Node 24 without installing Node: npx -y -p node@24 -c "llm-perf-gate ' + process.argv.slice(2).join(' ') + '"\nor install Node 24 (nvm install 24). docs/install.md has both.\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  FORMATS,
  compareAndReport,
  compareCommand,
  renderReport
} from "./chunk-V3AYINEZ.js";
import "./chunk-3WNVBGSI.js";
import "./chunk-FXP3T2VU.js";
import "./chunk-ZDXZIKJC.js";
import "./chunk-22MW3SDJ.js";
import "./chunk-VLNBYG6C.js";
import "./chunk-JFXT5PYH.js";
import "./chunk-TDBHELXP.js";
import "./chunk-VUUC2ILX.js";
import "./chunk-DQPKZ6OR.js";
import "./chunk-IGTO2X5J.js";
import "./chunk-IVQ5ZI36.js";
import "./chunk-WZ26GJWE.js";
import "./chunk-K6ON72ND.js";
import "./chunk-IKRLML6D.js";
import "./chunk-P72UHX6G.js";
import "./chunk-EA2S6KMK.js";
export {
  FORMATS,
  compareAndReport,
  compareCommand,
  renderReport
};
