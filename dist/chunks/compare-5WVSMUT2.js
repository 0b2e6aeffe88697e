if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '.\nRun it under Node 24 without installing Node: npx -y -p node@24 -c "llm-perf-gate ' + process.argv.slice(2).join(' ') + '"\nor install Node 24 (nvm install 24). docs/install.md has both.\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  FORMATS,
  compareAndReport,
  compareCommand,
  renderReport
} from "./chunk-42K52K6A.js";
import "./chunk-ANMBZCB2.js";
import "./chunk-OHIGETZY.js";
import "./chunk-Y4HD6UBR.js";
import "./chunk-22MW3SDJ.js";
import "./chunk-Q7OYWNWB.js";
import "./chunk-JFXT5PYH.js";
import "./chunk-27W7ZZF7.js";
import "./chunk-NAH47UK3.js";
import "./chunk-B3JSOQDH.js";
import "./chunk-IGTO2X5J.js";
import "./chunk-ORTODJRY.js";
import "./chunk-EK2CCZQT.js";
import "./chunk-37CGDGXD.js";
import "./chunk-2EOQF7XQ.js";
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
