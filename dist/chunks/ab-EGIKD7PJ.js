if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  abCommand,
  runAb,
  withAbServers
} from "./chunk-A64PQAXE.js";
import "./chunk-RMAXYQ5T.js";
import "./chunk-EWXUZV45.js";
import "./chunk-VCBD6VS4.js";
import "./chunk-AWPY3MD4.js";
import "./chunk-VS7GUOK5.js";
import "./chunk-UI6X6NEQ.js";
import "./chunk-E5VMZ27U.js";
import "./chunk-STS3J3OP.js";
import "./chunk-SJTMLVZX.js";
import "./chunk-XGTIZX6G.js";
import "./chunk-LEHYPBYW.js";
import "./chunk-3BKM635J.js";
import "./chunk-USR4SPVJ.js";
import "./chunk-XEZUBJ5O.js";
export {
  abCommand,
  runAb,
  withAbServers
};
