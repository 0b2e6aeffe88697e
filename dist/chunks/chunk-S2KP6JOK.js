if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '.\nRun it under Node 24 without installing Node: npx -y -p node@24 -c "llm-perf-gate ' + process.argv.slice(2).join(' ') + '"\nor install Node 24 (nvm install 24). docs/install.md has both.\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  SWEEP_METRIC_LABELS,
  isSweepMetric,
  metricLabel,
  metricUnit,
  parseMetricName
} from "./chunk-D55ENMMY.js";

// src/report/escape.ts
var INVISIBLE_OR_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
var LINE_BREAKS = /\r\n|[\n\r\t\u2028\u2029]/g;
var HTML_ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
var MARKDOWN_PUNCTUATION = /[\\`*_[\]|~$]/g;
var ZWSP = "\u200B";
function escapeMarkdown(text, options = {}) {
  let plain = String(text).replace(LINE_BREAKS, " ").replace(INVISIBLE_OR_CONTROL, "");
  if (options.maxLength !== void 0 && plain.length > options.maxLength) {
    plain = `${Array.from(plain).slice(0, Math.max(0, options.maxLength - 1)).join("")}\u2026`;
  }
  let escaped = plain.replace(MARKDOWN_PUNCTUATION, (char) => `\\${char}`).replace(/[&<>"]/g, (char) => HTML_ENTITIES[char] ?? char).replace(/@(?=[A-Za-z0-9])/g, `@${ZWSP}`).replace(/#(?=[0-9])/g, `#${ZWSP}`).replace(/:\/\//g, `:${ZWSP}//`).replace(/\bwww\./gi, (match) => `${match.slice(0, 3)}${ZWSP}.`);
  escaped = escaped.replace(/^(\s*)([#+=-])/, "$1\\$2").replace(/^(\s*\d+)([.)])/, "$1\\$2");
  return escaped;
}
function oneLine(text) {
  return String(text).replace(LINE_BREAKS, " ").replace(INVISIBLE_OR_CONTROL, "");
}

// node_modules/markdown-table/index.js
function defaultStringLength(value) {
  return value.length;
}
function markdownTable(table, options) {
  const settings = options || {};
  const align = (settings.align || []).concat();
  const stringLength = settings.stringLength || defaultStringLength;
  const alignments = [];
  const cellMatrix = [];
  const sizeMatrix = [];
  const longestCellByColumn = [];
  let mostCellsPerRow = 0;
  let rowIndex = -1;
  while (++rowIndex < table.length) {
    const row2 = [];
    const sizes2 = [];
    let columnIndex2 = -1;
    if (table[rowIndex].length > mostCellsPerRow) {
      mostCellsPerRow = table[rowIndex].length;
    }
    while (++columnIndex2 < table[rowIndex].length) {
      const cell = serialize(table[rowIndex][columnIndex2]);
      if (settings.alignDelimiters !== false) {
        const size = stringLength(cell);
        sizes2[columnIndex2] = size;
        if (longestCellByColumn[columnIndex2] === void 0 || size > longestCellByColumn[columnIndex2]) {
          longestCellByColumn[columnIndex2] = size;
        }
      }
      row2.push(cell);
    }
    cellMatrix[rowIndex] = row2;
    sizeMatrix[rowIndex] = sizes2;
  }
  let columnIndex = -1;
  if (typeof align === "object" && "length" in align) {
    while (++columnIndex < mostCellsPerRow) {
      alignments[columnIndex] = toAlignment(align[columnIndex]);
    }
  } else {
    const code = toAlignment(align);
    while (++columnIndex < mostCellsPerRow) {
      alignments[columnIndex] = code;
    }
  }
  columnIndex = -1;
  const row = [];
  const sizes = [];
  while (++columnIndex < mostCellsPerRow) {
    const code = alignments[columnIndex];
    let before = "";
    let after = "";
    if (code === 99) {
      before = ":";
      after = ":";
    } else if (code === 108) {
      before = ":";
    } else if (code === 114) {
      after = ":";
    }
    let size = settings.alignDelimiters === false ? 1 : Math.max(
      1,
      longestCellByColumn[columnIndex] - before.length - after.length
    );
    const cell = before + "-".repeat(size) + after;
    if (settings.alignDelimiters !== false) {
      size = before.length + size + after.length;
      if (size > longestCellByColumn[columnIndex]) {
        longestCellByColumn[columnIndex] = size;
      }
      sizes[columnIndex] = size;
    }
    row[columnIndex] = cell;
  }
  cellMatrix.splice(1, 0, row);
  sizeMatrix.splice(1, 0, sizes);
  rowIndex = -1;
  const lines = [];
  while (++rowIndex < cellMatrix.length) {
    const row2 = cellMatrix[rowIndex];
    const sizes2 = sizeMatrix[rowIndex];
    const cellsInRow = settings.fillRows === false ? Math.max(1, cellMatrix[rowIndex === 1 ? 0 : rowIndex].length) : mostCellsPerRow;
    columnIndex = -1;
    const line = [];
    while (++columnIndex < cellsInRow) {
      const cell = row2[columnIndex] || "";
      let before = "";
      let after = "";
      if (settings.alignDelimiters !== false) {
        const size = longestCellByColumn[columnIndex] - (sizes2[columnIndex] || 0);
        const code = alignments[columnIndex];
        if (code === 114) {
          before = " ".repeat(size);
        } else if (code === 99) {
          const half = size / 2;
          if (size % 2) {
            before = " ".repeat(half + 0.5);
            after = " ".repeat(half - 0.5);
          } else {
            before = " ".repeat(half);
            after = before;
          }
        } else {
          after = " ".repeat(size);
        }
      }
      if (settings.delimiterStart !== false && !columnIndex) {
        line.push("|");
      }
      if (settings.padding !== false && // Don’t add the opening space if we’re not aligning and the cell is
      // empty: there will be a closing space.
      !(settings.alignDelimiters === false && cell === "") && (settings.delimiterStart !== false || columnIndex)) {
        line.push(" ");
      }
      if (settings.alignDelimiters !== false) {
        line.push(before);
      }
      line.push(cell);
      if (settings.alignDelimiters !== false) {
        line.push(after);
      }
      if (settings.padding !== false) {
        line.push(" ");
      }
      if (settings.delimiterEnd !== false || columnIndex !== cellsInRow - 1) {
        line.push("|");
      }
    }
    lines.push(
      settings.delimiterEnd === false ? line.join("").replace(/ +$/, "") : line.join("")
    );
  }
  return lines.join("\n");
}
function serialize(value) {
  return value === null || value === void 0 ? "" : String(value);
}
function toAlignment(value) {
  const code = typeof value === "string" ? value.codePointAt(0) : 0;
  return code === 67 || code === 99 ? 99 : code === 76 || code === 108 ? 108 : code === 82 || code === 114 ? 114 : 0;
}

// src/report/format.ts
var formatters = /* @__PURE__ */ new Map();
function formatNumber(value) {
  if (value === null || value === void 0 || !Number.isFinite(value)) return "\u2014";
  const magnitude = Math.abs(value);
  const digits = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
  let formatter = formatters.get(digits);
  if (formatter === void 0) {
    formatter = new Intl.NumberFormat("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
    formatters.set(digits, formatter);
  }
  return formatter.format(value);
}
function formatValue(metric, value) {
  if (value === null) return "\u2014";
  if (metric === "error_rate") return `${(100 * value).toFixed(2)}%`;
  const parsed = parseMetricName(metric);
  const unit = parsed === null ? "" : metricUnit(parsed);
  return unit === "" ? formatNumber(value) : `${formatNumber(value)} ${unit}`;
}
function formatPercent(value, digits = 1) {
  if (value === null || value === void 0 || !Number.isFinite(value)) return "\u2014";
  const rounded = Number(value.toFixed(digits));
  const text = Math.abs(rounded).toFixed(digits);
  return rounded > 0 ? `+${text}%` : rounded < 0 ? `\u2212${text}%` : `${text}%`;
}
function formatDelta(m) {
  if (m.metric === "error_rate") {
    if (m.delta_abs === null || m.delta_abs === void 0) return "\u2014";
    const points = 100 * m.delta_abs;
    return points === 0 ? "\u2014" : `${points > 0 ? "+" : "\u2212"}${Math.abs(points).toFixed(2)} pp`;
  }
  return formatPercent(m.delta_pct);
}
function formatInterval(m) {
  if (m.ci_low_pct === null || m.ci_high_pct === null) return "\u2014";
  return `${formatPercent(m.ci_low_pct)} \u2026 ${formatPercent(m.ci_high_pct)}`;
}
function formatP(p) {
  if (p === null) return "\u2014";
  if (p < 1e-3) return "<0.001";
  return p < 0.01 ? p.toFixed(3) : p.toFixed(2);
}
function label(metric) {
  const parsed = parseMetricName(metric);
  if (parsed === null) return isSweepMetric(metric) ? SWEEP_METRIC_LABELS[metric] : metric;
  return metricLabel(parsed);
}
function passCaveat(m) {
  if (m.status !== "pass" || m.test === "threshold" || m.insufficient_data === true) return null;
  if (m.mde_pct === null) return "could not see a change of any size at this sample size";
  return m.tolerance_pct !== null && m.mde_pct > m.tolerance_pct ? `could not see changes under ${formatNumber(m.mde_pct)}%` : null;
}
function statusText(m) {
  if (m.insufficient_data === true) return m.gate === "fail" ? "\u26A0\uFE0F not enough data" : "\u2796 not enough data";
  if (m.status === "regressed") return m.gate === "warn" ? "\u26A0\uFE0F regressed (warn)" : "\u274C regressed";
  if (m.status === "improved") return "\u{1F680} improved";
  if (m.status === "inconclusive") return "\u26A0\uFE0F inconclusive";
  const caveat = passCaveat(m);
  return caveat === null ? "\u2705 pass" : `\u2705 pass, but ${caveat}`;
}
function formatTolerance(m) {
  if (m.metric === "error_rate") return m.max_increase === null || m.max_increase === void 0 ? "\u2014" : `+${((m.max_increase ?? 0) * 100).toFixed(2)} pp`;
  return m.tolerance_pct === null ? "\u2014" : `${m.tolerance_pct}%`;
}
var VERDICT_HEAD = {
  pass: { symbol: "\u2705", word: "pass" },
  fail: { symbol: "\u274C", word: "regression" },
  inconclusive: { symbol: "\u26A0\uFE0F", word: "inconclusive" },
  incomparable: { symbol: "\u{1F6AB}", word: "incomparable" }
};
function headlineMetric(metrics) {
  const worseBy = (m) => m.delta_pct === null ? 0 : m.direction === "lower_is_better" ? m.delta_pct : -m.delta_pct;
  const pick = (list) => list.length === 0 ? null : list.reduce((a, b) => worseBy(b) > worseBy(a) ? b : a);
  return pick(metrics.filter((m) => m.gate === "fail" && m.status === "regressed")) ?? pick(metrics.filter((m) => m.gate === "fail" && m.status === "inconclusive")) ?? pick(metrics.filter((m) => m.gate === "warn" && m.status === "regressed"));
}

export {
  escapeMarkdown,
  oneLine,
  markdownTable,
  formatNumber,
  formatValue,
  formatPercent,
  formatDelta,
  formatInterval,
  formatP,
  label,
  passCaveat,
  statusText,
  formatTolerance,
  VERDICT_HEAD,
  headlineMetric
};
