if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  defaultResultPath,
  runAndWrite,
  runCommand
} from "./chunk-O3AVN5RC.js";
import "./chunk-TKLYASLD.js";
import "./chunk-ZPJWPBCB.js";
import "./chunk-TPK3B5RH.js";
import "./chunk-QOLWOKZ5.js";
import "./chunk-H7FTG7TM.js";
import "./chunk-USR4SPVJ.js";
import "./chunk-XEZUBJ5O.js";
export {
  defaultResultPath,
  runAndWrite,
  runCommand
};
