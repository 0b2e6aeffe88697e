if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  abCommand,
  runAb,
  withAbServers
} from "./chunk-5ENSDXK7.js";
import "./chunk-KYU57R3T.js";
import "./chunk-NH27OEUV.js";
import "./chunk-H7HONJ6L.js";
import "./chunk-DSH4ESDE.js";
import "./chunk-UI6X6NEQ.js";
import "./chunk-YOQHFBFO.js";
import "./chunk-ON5JRR3V.js";
import "./chunk-NHC4GIOL.js";
import "./chunk-Y5KL7QRJ.js";
import "./chunk-JM4ATGMF.js";
import "./chunk-J3FQYYVW.js";
import "./chunk-USR4SPVJ.js";
import "./chunk-XEZUBJ5O.js";
export {
  abCommand,
  runAb,
  withAbServers
};
