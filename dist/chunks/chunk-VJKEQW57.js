if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '.\nRun it under Node 24 without installing Node: npx -y -p node@24 -c "llm-perf-gate ' + process.argv.slice(2).join(' ') + '"\nor install Node 24 (nvm install 24). docs/install.md has both.\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);

// src/redact.ts
var REDACTED = "[redacted]";
var MIN_SECRET = 6;
var MIN_PIECE = 6;
var escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
function credentialOf(value) {
  const match = /^[A-Za-z][A-Za-z0-9._-]*\s+(\S.*)$/s.exec(value);
  return match === null ? null : match[1].trim();
}
function basicDecoded(value) {
  if (!/^Basic\s/i.test(value)) return null;
  const encoded = value.replace(/^Basic\s+/i, "").trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) return null;
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  return decoded.includes("\uFFFD") ? null : decoded;
}
var HTML_ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
function echoedForms(value) {
  const forms = [value];
  const json = JSON.stringify(value).slice(1, -1);
  forms.push(json, json.replaceAll("/", "\\/"));
  const url = encodeURIComponent(value);
  forms.push(url, url.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()), url.replaceAll("%20", "+"));
  forms.push(value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char), value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`));
  return forms;
}
function spacedPattern(form) {
  let pattern = "";
  let previousWasSpace = true;
  for (const char of form) {
    if (/\s/.test(char)) {
      if (!previousWasSpace) pattern += "\\s+";
      previousWasSpace = true;
      continue;
    }
    if (!previousWasSpace) pattern += "\\s*";
    pattern += escapeRegExp(char);
    previousWasSpace = false;
  }
  return pattern;
}
function createRedactor(secrets) {
  const values = /* @__PURE__ */ new Set();
  for (const secret of secrets) {
    const value = secret.trim();
    if (value.length < MIN_SECRET) continue;
    values.add(value);
    const credential = credentialOf(value);
    if (credential !== null && credential.length >= MIN_SECRET) values.add(credential);
    const decoded = basicDecoded(value);
    if (decoded !== null && decoded.length >= MIN_SECRET) values.add(decoded);
  }
  if (values.size === 0) return (text) => text;
  const forms = [...new Set([...values].flatMap(echoedForms))].filter((form) => form.length >= MIN_SECRET).sort((a, b) => b.length - a.length);
  const whole = new RegExp(forms.map(spacedPattern).join("|"), "g");
  const pieces = [...new Set([...values].filter((value) => !values.has(credentialOf(value) ?? "")).flatMap(echoedForms))].filter((form) => form.length > MIN_PIECE);
  return (text) => {
    let out = text.replace(whole, REDACTED);
    if (out.length < MIN_PIECE) return out;
    for (const form of pieces) {
      if (form.includes(out.slice(-MIN_PIECE))) {
        for (let length = Math.min(form.length - 1, out.length); length >= MIN_PIECE; length--) {
          if (out.endsWith(form.slice(0, length))) {
            out = `${out.slice(0, out.length - length)}${REDACTED}`;
            break;
          }
        }
      }
      if (out.length >= MIN_PIECE && form.includes(out.slice(0, MIN_PIECE))) {
        for (let length = Math.min(form.length - 1, out.length); length >= MIN_PIECE; length--) {
          if (out.startsWith(form.slice(form.length - length))) {
            out = `${REDACTED}${out.slice(length)}`;
            break;
          }
        }
      }
    }
    return out;
  };
}

export {
  createRedactor
};
