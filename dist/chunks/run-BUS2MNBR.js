if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  defaultResultPath,
  runAndWrite,
  runCommand
} from "./chunk-5R6JCU23.js";
import "./chunk-VMASGEU5.js";
import "./chunk-5H37EJA6.js";
import "./chunk-5FY4FGUA.js";
import "./chunk-VC7MYOVJ.js";
import "./chunk-JM4ATGMF.js";
import "./chunk-DLTZ2DKJ.js";
import "./chunk-USR4SPVJ.js";
import "./chunk-XEZUBJ5O.js";
export {
  defaultResultPath,
  runAndWrite,
  runCommand
};
