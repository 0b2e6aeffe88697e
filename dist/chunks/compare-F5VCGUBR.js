if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '.\nRun it under Node 24 without installing Node: npx -y -p node@24 -c "llm-perf-gate ' + process.argv.slice(2).join(' ') + '"\nor install Node 24 (nvm install 24). docs/install.md has both.\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  FORMATS,
  compareAndReport,
  compareCommand,
  renderReport
} from "./chunk-5C5BC3YU.js";
import "./chunk-3DQN3JHO.js";
import "./chunk-MPFT5JKD.js";
import "./chunk-OTKWM4PW.js";
import "./chunk-22MW3SDJ.js";
import "./chunk-WRVQ4AXB.js";
import "./chunk-JFXT5PYH.js";
import "./chunk-X4VJCNDW.js";
import "./chunk-6P2HXQM2.js";
import "./chunk-6DJQISH2.js";
import "./chunk-IGTO2X5J.js";
import "./chunk-TFAEB2ML.js";
import "./chunk-NT65BJ2L.js";
import "./chunk-VKGISR5O.js";
import "./chunk-APHDRIT5.js";
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
