if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  defaultResultPath,
  runAndWrite,
  runCommand
} from "./chunk-YZV2K5BI.js";
import "./chunk-RR5TT4RB.js";
import "./chunk-33CUMQ2G.js";
import "./chunk-4QNWI4UG.js";
import "./chunk-HRC6SKLB.js";
import "./chunk-PIOHK7ZN.js";
import "./chunk-DLTZ2DKJ.js";
import "./chunk-USR4SPVJ.js";
import "./chunk-XEZUBJ5O.js";
export {
  defaultResultPath,
  runAndWrite,
  runCommand
};
