if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '.\nRun it under Node 24 without installing Node: npx -y -p node@24 -c "llm-perf-gate ' + process.argv.slice(2).join(' ') + '"\nor install Node 24 (nvm install 24). docs/install.md has both.\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  FORMATS,
  compareAndReport,
  compareCommand,
  renderReport
} from "./chunk-CLZCBBBT.js";
import "./chunk-BHHNFLZV.js";
import "./chunk-CRVPYRSU.js";
import "./chunk-HZNHISRA.js";
import "./chunk-22MW3SDJ.js";
import "./chunk-DOMUVXZO.js";
import "./chunk-JFXT5PYH.js";
import "./chunk-4ATGSLI2.js";
import "./chunk-NXO3WHA4.js";
import "./chunk-MF6P33B3.js";
import "./chunk-IGTO2X5J.js";
import "./chunk-NKIRXGVN.js";
import "./chunk-V4FAYOQB.js";
import "./chunk-S2KP6JOK.js";
import "./chunk-D55ENMMY.js";
import "./chunk-P72UHX6G.js";
import "./chunk-UGIYVO4E.js";
import "./chunk-USLMR57S.js";
import "./chunk-U45XKRZC.js";
export {
  FORMATS,
  compareAndReport,
  compareCommand,
  renderReport
};
