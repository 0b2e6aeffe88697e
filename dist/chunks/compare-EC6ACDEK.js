if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  FORMATS,
  compareAndReport,
  compareCommand,
  renderReport
} from "./chunk-XS2BRDXV.js";
import "./chunk-CYBNNPQY.js";
import "./chunk-UI6X6NEQ.js";
import "./chunk-WEMWLEDR.js";
import "./chunk-E7GCMRGG.js";
import "./chunk-NA7APNDN.js";
import "./chunk-USR4SPVJ.js";
import "./chunk-XEZUBJ5O.js";
export {
  FORMATS,
  compareAndReport,
  compareCommand,
  renderReport
};
