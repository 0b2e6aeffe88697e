if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  defaultResultPath,
  runAndWrite,
  runCommand
} from "./chunk-SPT5ZEPB.js";
import "./chunk-TKLYASLD.js";
import "./chunk-NY3IYE7Q.js";
import "./chunk-OF6DFR5H.js";
import "./chunk-CDN3U2K3.js";
import "./chunk-2UXX3SB2.js";
import "./chunk-USR4SPVJ.js";
import "./chunk-XEZUBJ5O.js";
export {
  defaultResultPath,
  runAndWrite,
  runCommand
};
