if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  FORMATS,
  compareAndReport,
  compareCommand,
  renderReport
} from "./chunk-H7HONJ6L.js";
import "./chunk-DSH4ESDE.js";
import "./chunk-UI6X6NEQ.js";
import "./chunk-YOQHFBFO.js";
import "./chunk-ON5JRR3V.js";
import "./chunk-JM4ATGMF.js";
import "./chunk-J3FQYYVW.js";
import "./chunk-USR4SPVJ.js";
import "./chunk-XEZUBJ5O.js";
export {
  FORMATS,
  compareAndReport,
  compareCommand,
  renderReport
};
