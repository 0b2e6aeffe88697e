if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '.\nRun it under Node 24 without installing Node: npx -y -p node@24 -c "llm-perf-gate ' + process.argv.slice(2).join(' ') + '"\nor install Node 24 (nvm install 24). docs/install.md has both.\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  monotonicClock
} from "./chunk-5FZ73ZRU.js";
import {
  createRedactor,
  serverSchema
} from "./chunk-IWFAE3G4.js";
import {
  InputError
} from "./chunk-EA2S6KMK.js";

// src/result/journal.ts
import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { dirname } from "node:path";
var Journal = class {
  constructor(path) {
    this.path = path;
    mkdirSync(dirname(path), { recursive: true });
    this.kept = moveAside(path);
    this.fd = openSync(path, "wx");
  }
  path;
  fd;
  requests = 0;
  /** Where an earlier journal found at `path` was moved; null when there was none. */
  kept;
  append(entry) {
    if (this.fd === null) return;
    if (entry.type === "request") this.requests++;
    writeSync(this.fd, `${JSON.stringify(entry)}
`);
  }
  /** Closes it; removes it when asked or when it holds no measured request. Returns whether it is kept. */
  close(remove) {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    const keep = !remove && this.requests > 0;
    if (!keep) rmSync(this.path, { force: true });
    return keep;
  }
};
function moveAside(path) {
  if (!existsSync(path)) return null;
  const stamp = statSync(path).mtime.toISOString().replace(/[:.]/g, "-");
  const stem = path.endsWith(".jsonl") ? path.slice(0, -".jsonl".length) : path;
  for (let n = 1; ; n++) {
    const candidate = `${stem}.${stamp}${n > 1 ? `-${n}` : ""}.jsonl`;
    if (existsSync(candidate)) continue;
    renameSync(path, candidate);
    return candidate;
  }
}
function keptJournalNote(journal) {
  if (journal.kept === null) return null;
  return `a journal from an earlier run was at ${journal.path} (a run that did not finish?): it is kept as ${journal.kept}; \`llm-perf-gate import --from journal ${journal.kept}\` turns it into a result file
`;
}

// src/server/managed.ts
import { existsSync as existsSync2, statSync as statSync2 } from "node:fs";
import { dirname as dirname3, resolve } from "node:path";

// src/server/log-tail.ts
import { closeSync as closeSync2, fstatSync, openSync as openSync2, readSync } from "node:fs";
var TAIL_BYTES = 64 * 1024;
var CONTROL = /\u001b\[[0-9;?]*[A-Za-z]|[\u0000-\u0008\u000b-\u001f\u007f]/g;
function logTail(path, options = {}) {
  const maxLines = options.lines ?? 20;
  const lineLength = options.lineLength ?? 300;
  let text;
  let descriptor;
  try {
    descriptor = openSync2(path, "r");
    const size = fstatSync(descriptor).size;
    const length = Math.min(size, TAIL_BYTES);
    const buffer = Buffer.alloc(length);
    readSync(descriptor, buffer, 0, length, size - length);
    text = buffer.toString("utf8");
    if (length < size) text = text.slice(text.indexOf("\n") + 1);
  } catch {
    return [];
  } finally {
    if (descriptor !== void 0) closeSync2(descriptor);
  }
  const redact = options.redact ?? ((line) => line);
  return text.split(/\r?\n|\r/).map((line) => line.replace(CONTROL, "").trimEnd()).filter((line) => line !== "").slice(-maxLines).map(redact).map((line) => line.length > lineLength ? `${line.slice(0, lineLength - 1)}\u2026` : line);
}
function quoteLogTail(path, options = {}) {
  const lines = logTail(path, options);
  return lines.length === 0 ? `(its log ${path} is empty)` : `the last lines of its log ${path}:
${lines.map((line) => `    ${line}`).join("\n")}`;
}

// src/server/lifecycle.ts
var INTERRUPTED_EXIT_CODE = 130;
var seconds = (ms) => `${(ms / 1e3).toFixed(ms < 1e4 ? 1 : 0)} s`;
function describeCommand(command, redact) {
  const text = typeof command === "string" ? command : command.map((part) => /^[\w@%+=:,./-]+$/.test(part) ? part : JSON.stringify(part)).join(" ");
  const line = redact(text.replace(/\s+/g, " ").trim());
  return line.length > 160 ? `${line.slice(0, 159)}\u2026` : line;
}
async function startServer(launch, deps, signal) {
  const where = `${launch.host}:${launch.port}`;
  const commandLine = describeCommand(launch.command, deps.redact);
  if (await deps.portAnswers(launch.host, launch.port, 2e3)) {
    throw new InputError(
      `${launch.label}: something already answers at ${where} (url of workload ${launch.source}), before \`${commandLine}\` was started; a server left from an earlier job must not be measured in place of this one. Stop it (for example \`fuser -k ${launch.port}/tcp\`) or give this server another port`
    );
  }
  const descriptor = deps.openLog(launch.logPath);
  let child;
  try {
    const options = { cwd: launch.cwd, env: launch.env, detached: true, stdio: ["ignore", descriptor, descriptor] };
    child = typeof launch.command === "string" ? deps.spawn(launch.command, [], { ...options, shell: true }) : deps.spawn(launch.command[0], launch.command.slice(1), options);
  } finally {
    deps.closeLog(descriptor);
  }
  const exited = new Promise((resolve2) => {
    child.once("exit", (code, exitSignal) => resolve2({ code, signal: exitSignal }));
    child.once("error", (error) => resolve2({ code: null, signal: null, error }));
  });
  let exit = null;
  void exited.then((value) => exit = value);
  const startedAt = deps.clock();
  const pid = child.pid;
  if (pid === void 0) {
    const failure = await exited;
    throw new InputError(`${launch.label}: \`${commandLine}\` could not be started (${failure.error?.message ?? "no process"}); check server.command and server.cwd (${launch.cwd}) in workload ${launch.source}`);
  }
  deps.log(`${launch.label}: started \`${commandLine}\` (pid ${pid}); its output goes to ${launch.logPath}`);
  let stopping;
  const unregisterExitHook = deps.onProcessExit(() => deps.signalGroup(pid, "SIGKILL"));
  const waitGone = async (timeoutMs) => {
    const until = deps.clock() + timeoutMs;
    while (deps.groupAlive(pid)) {
      if (deps.clock() >= until) return false;
      await deps.sleep(100);
    }
    return true;
  };
  const stop = () => {
    stopping ??= (async () => {
      if (deps.groupAlive(pid)) {
        deps.signalGroup(pid, "SIGTERM");
        if (!await waitGone(launch.stopTimeoutMs)) {
          deps.log(`${launch.label}: still running ${seconds(launch.stopTimeoutMs)} after SIGTERM (server.stop_timeout_s); sending SIGKILL to its process group`);
          deps.signalGroup(pid, "SIGKILL");
          if (!await waitGone(5e3)) deps.log(`${launch.label}: process group ${pid} still has processes after SIGKILL`);
        }
      }
      unregisterExitHook();
    })();
    return stopping;
  };
  const failWith = async (message, exitCode = 2) => {
    await stop();
    throw new InputError(message, exitCode);
  };
  const early = (value) => value.error !== void 0 ? `could not be started (${value.error.message})` : value.signal !== null ? `was killed by ${value.signal}` : `exited with code ${value.code}`;
  const aborted = new Promise((resolve2) => {
    if (signal?.aborted === true) resolve2();
    signal?.addEventListener("abort", () => resolve2(), { once: true });
  });
  const deadline = startedAt + launch.readyTimeoutMs;
  let lastAnswer = "no answer yet";
  let nextNote = startedAt + 3e4;
  let pause = 100;
  for (; ; ) {
    if (exit !== null) {
      const reason = early(exit);
      return failWith(`${launch.label}: \`${commandLine}\` ${reason} before it was ready (${launch.healthUrl} had ${lastAnswer === "no answer yet" ? "not answered" : `answered ${lastAnswer}`}); ${quoteLogTail(launch.logPath, { redact: deps.redact })}`);
    }
    if (signal?.aborted === true) return failWith(`${launch.label}: interrupted while waiting for it to become ready; it was stopped`, INTERRUPTED_EXIT_CODE);
    const remaining = deadline - deps.clock();
    if (remaining <= 0) {
      return failWith(
        `${launch.label}: \`${commandLine}\` was not ready within ${seconds(launch.readyTimeoutMs)} (server.ready_timeout_s): ${launch.healthUrl} last answered ${lastAnswer === "no answer yet" ? "nothing" : lastAnswer}; it was stopped; ${quoteLogTail(launch.logPath, { redact: deps.redact })}`
      );
    }
    const status = await Promise.race([deps.probeHealth(launch.healthUrl, Math.min(5e3, remaining)), exited.then(() => void 0)]);
    if (status === 200) break;
    if (status !== void 0 && (status !== null || !lastAnswer.startsWith("HTTP"))) lastAnswer = status === null ? "no connection" : `HTTP ${status}`;
    if (deps.clock() >= nextNote) {
      deps.log(`${launch.label}: waiting for ${launch.healthUrl} to answer 200 (${seconds(deps.clock() - startedAt)} so far, last: ${lastAnswer})`);
      nextNote += 3e4;
    }
    await Promise.race([deps.sleep(pause), exited, aborted]);
    pause = Math.min(1e3, pause * 2);
  }
  const readyAfterMs = deps.clock() - startedAt;
  deps.log(`${launch.label}: ready after ${seconds(readyAfterMs)} (${launch.healthUrl} answered 200)`);
  return { pid, logPath: launch.logPath, readyAfterMs, stop };
}

// src/server/node-deps.ts
import { spawn } from "node:child_process";
import { closeSync as closeSync3, mkdirSync as mkdirSync2, openSync as openSync3 } from "node:fs";
import { connect } from "node:net";
import { dirname as dirname2 } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

// src/server/process-group.ts
import { readdirSync, readFileSync } from "node:fs";
function processGroupAlive(pgid) {
  const members = linuxGroupMembers(pgid);
  if (members !== null) return members.length > 0;
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}
function linuxGroupMembers(pgid) {
  let entries;
  try {
    entries = readdirSync("/proc");
  } catch {
    return null;
  }
  const members = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue;
    }
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(fields[2]) === pgid && fields[0] !== "Z" && fields[0] !== "X") members.push(Number(entry));
  }
  return members;
}
function signalProcessGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
  } catch (error) {
    if (error.code !== "ESRCH") throw error;
  }
}

// src/server/node-deps.ts
function portAnswers(host, port, timeoutMs) {
  return new Promise((resolve2) => {
    const socket = connect({ host: host.replace(/^\[|\]$/g, ""), port });
    const done = (answer) => {
      socket.destroy();
      resolve2(answer);
    };
    socket.setTimeout(Math.max(1, Math.ceil(timeoutMs)), () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}
async function probeHealth(url, timeoutMs) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(Math.max(1, Math.ceil(timeoutMs))), redirect: "manual" });
    await response.body?.cancel();
    return response.status;
  } catch {
    return null;
  }
}
function onProcessExit(listener) {
  const onSigterm = () => {
    listener();
    unregister();
    if (process.listenerCount("SIGTERM") === 0) process.kill(process.pid, "SIGTERM");
  };
  const unregister = () => {
    process.off("exit", listener);
    process.off("SIGTERM", onSigterm);
  };
  process.on("exit", listener);
  process.on("SIGTERM", onSigterm);
  return unregister;
}
function nodeLifecycleDeps(log, redact) {
  return {
    spawn: (command, args, options) => spawn(command, [...args], options),
    openLog(path) {
      mkdirSync2(dirname2(path), { recursive: true });
      return openSync3(path, "w");
    },
    closeLog: (descriptor) => closeSync3(descriptor),
    probeHealth,
    portAnswers,
    groupAlive: processGroupAlive,
    signalGroup: signalProcessGroup,
    onProcessExit,
    clock: monotonicClock,
    sleep: (ms) => sleep(ms),
    redact,
    log
  };
}

// src/server/managed.ts
function serverWithCommand(command, base) {
  const { args: _args, ...settings } = base ?? serverSchema.parse({ command });
  return { ...settings, command };
}
var serverLogPath = (resultPath) => `${resultPath}.server.log`;
var VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
var SECRET_NAME = /TOKEN|KEY|SECRET|PASSWORD|PASSWD|CREDENTIAL/i;
function serverEnvironment(spec, inherited, source) {
  const env = { ...inherited };
  const secrets = [];
  for (const [name, template] of Object.entries(spec.env)) {
    env[name] = template.replace(VARIABLE, (_match, variable) => {
      const value = inherited[variable];
      if (value === void 0 || value === "") {
        throw new InputError(`workload ${source}: server.env.${name} uses \${${variable}}, but the environment variable ${variable} is not set; export it before the run`);
      }
      secrets.push(value);
      return value;
    });
  }
  for (const [name, value] of Object.entries(env)) if (value !== void 0 && SECRET_NAME.test(name)) secrets.push(value);
  return { env, secrets };
}
function hostAndPort(url) {
  const parsed = new URL(url);
  const port = parsed.port !== "" ? Number(parsed.port) : parsed.protocol === "https:" ? 443 : 80;
  return { host: parsed.hostname, port };
}
function launchOf(side, inherited) {
  const spec = side.server === void 0 ? side.workload.spec.server : side.server;
  if (spec === void 0 || spec === null) return null;
  const { env, secrets } = serverEnvironment(spec, inherited, side.workload.source);
  const base = existsSync2(side.workload.source) && statSync2(side.workload.source).isFile() ? dirname3(side.workload.source) : process.cwd();
  return {
    launch: {
      label: side.label,
      source: side.workload.source,
      command: spec.command,
      env,
      cwd: resolve(base, spec.cwd),
      ...hostAndPort(side.workload.url),
      healthUrl: `${side.workload.url}${spec.health_path}`,
      readyTimeoutMs: spec.ready_timeout_s * 1e3,
      stopTimeoutMs: spec.stop_timeout_s * 1e3,
      logPath: side.logPath
    },
    secrets
  };
}
async function withServers(sides, io, body, options = {}) {
  const launches = sides.map((side) => ({ side, resolved: launchOf(side, io.env) }));
  if (launches.every(({ resolved }) => resolved === null)) return body();
  const log = (line) => void io.stderr.write(`${line}
`);
  const running = [];
  try {
    for (const { side, resolved } of launches) {
      if (resolved === null) continue;
      const redact = createRedactor([...Object.values(side.workload.headers), ...resolved.secrets]);
      const deps = (options.deps ?? nodeLifecycleDeps)(log, redact);
      running.push(await startServer(resolved.launch, deps, io.signal));
    }
    return await body();
  } finally {
    await Promise.all(running.map((server) => server.stop()));
    if (running.length > 0) log(`${running.length === 1 ? "the server was" : "the servers were"} stopped; ${running.length === 1 ? "its log" : "their logs"}: ${running.map((server) => server.logPath).join(", ")}`);
  }
}

export {
  Journal,
  keptJournalNote,
  serverWithCommand,
  serverLogPath,
  withServers
};
