if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  abCommand,
  runAb
} from "./chunk-BKBML7A6.js";
import "./chunk-HJJNO444.js";
import "./chunk-G4XHUEVY.js";
import "./chunk-23YFOMXF.js";
import "./chunk-3XMQBQX5.js";
import "./chunk-UI6X6NEQ.js";
import "./chunk-5COVVDY4.js";
import "./chunk-HRC6SKLB.js";
import "./chunk-PIOHK7ZN.js";
import "./chunk-2UXX3SB2.js";
import "./chunk-USR4SPVJ.js";
import "./chunk-XEZUBJ5O.js";
export {
  abCommand,
  runAb
};
