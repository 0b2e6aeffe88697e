if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  abCommand,
  runAb
} from "./chunk-QEME75DQ.js";
import "./chunk-AFPCMUHL.js";
import "./chunk-QPO5QIH6.js";
import "./chunk-DRR6CA3X.js";
import "./chunk-UI6X6NEQ.js";
import "./chunk-KD5DSUYG.js";
import "./chunk-QOLWOKZ5.js";
import "./chunk-UAMZ67T2.js";
import "./chunk-USR4SPVJ.js";
import "./chunk-XEZUBJ5O.js";
export {
  abCommand,
  runAb
};
