if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '.\nRun it under Node 24 without installing Node: npx -y -p node@24 -c "llm-perf-gate ' + process.argv.slice(2).join(' ') + '"\nor install Node 24 (nvm install 24). docs/install.md has both.\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  RecordSink,
  captureEnvironment,
  normalisedWorkload,
  planConversations,
  planDatasetPrompts,
  plannedTurns,
  promptStream,
  publicUrl,
  serverSchema,
  workerCount,
  workloadServerArgs
} from "./chunk-6ABQPTPV.js";
import {
  TOOL_NAME,
  TOOL_VERSION
} from "./chunk-BP5AAHQY.js";
import {
  BLOCK_SIZE,
  Connections,
  RequestAbort,
  RequestFeed,
  SharedControl,
  Watchdog,
  anchorNow,
  createRequestContext,
  loopPlan,
  releaseOnPlan,
  require_undici,
  runSendLoop,
  startRequest,
  waitUntil
} from "./chunk-MSV6DFL6.js";
import {
  createRedactor
} from "./chunk-VJKEQW57.js";
import {
  KNOWN_SERVER_METRICS
} from "./chunk-V4FAYOQB.js";
import {
  DEFINITIONS_VERSION,
  RESULT_SCHEMA,
  attachStore,
  observeTrials,
  summarizeTrial,
  summarizeTrialRecords,
  summarizeTrials,
  summarizeTurns
} from "./chunk-D55ENMMY.js";
import {
  Random
} from "./chunk-P72UHX6G.js";
import {
  InputError
} from "./chunk-UGIYVO4E.js";
import {
  __commonJS,
  __require,
  __toESM
} from "./chunk-U45XKRZC.js";

// node_modules/cli-progress/lib/eta.js
var require_eta = __commonJS({
  "node_modules/cli-progress/lib/eta.js"(exports, module) {
    var ETA = class {
      constructor(length, initTime, initValue) {
        this.etaBufferLength = length || 100;
        this.valueBuffer = [initValue];
        this.timeBuffer = [initTime];
        this.eta = "0";
      }
      // add new values to calculation buffer
      update(time, value, total) {
        this.valueBuffer.push(value);
        this.timeBuffer.push(time);
        this.calculate(total - value);
      }
      // fetch estimated time
      getTime() {
        return this.eta;
      }
      // eta calculation - request number of remaining events
      calculate(remaining) {
        const currentBufferSize = this.valueBuffer.length;
        const buffer = Math.min(this.etaBufferLength, currentBufferSize);
        const v_diff = this.valueBuffer[currentBufferSize - 1] - this.valueBuffer[currentBufferSize - buffer];
        const t_diff = this.timeBuffer[currentBufferSize - 1] - this.timeBuffer[currentBufferSize - buffer];
        const vt_rate = v_diff / t_diff;
        this.valueBuffer = this.valueBuffer.slice(-this.etaBufferLength);
        this.timeBuffer = this.timeBuffer.slice(-this.etaBufferLength);
        const eta = Math.ceil(remaining / vt_rate / 1e3);
        if (isNaN(eta)) {
          this.eta = "NULL";
        } else if (!isFinite(eta)) {
          this.eta = "INF";
        } else if (eta > 1e7) {
          this.eta = "INF";
        } else if (eta < 0) {
          this.eta = 0;
        } else {
          this.eta = eta;
        }
      }
    };
    module.exports = ETA;
  }
});

// node_modules/cli-progress/lib/terminal.js
var require_terminal = __commonJS({
  "node_modules/cli-progress/lib/terminal.js"(exports, module) {
    var _readline = __require("readline");
    var Terminal = class {
      constructor(outputStream) {
        this.stream = outputStream;
        this.linewrap = true;
        this.dy = 0;
      }
      // save cursor position + settings
      cursorSave() {
        if (!this.stream.isTTY) {
          return;
        }
        this.stream.write("\x1B7");
      }
      // restore last cursor position + settings
      cursorRestore() {
        if (!this.stream.isTTY) {
          return;
        }
        this.stream.write("\x1B8");
      }
      // show/hide cursor
      cursor(enabled) {
        if (!this.stream.isTTY) {
          return;
        }
        if (enabled) {
          this.stream.write("\x1B[?25h");
        } else {
          this.stream.write("\x1B[?25l");
        }
      }
      // change cursor positionn
      cursorTo(x = null, y = null) {
        if (!this.stream.isTTY) {
          return;
        }
        _readline.cursorTo(this.stream, x, y);
      }
      // change relative cursor position
      cursorRelative(dx = null, dy = null) {
        if (!this.stream.isTTY) {
          return;
        }
        this.dy = this.dy + dy;
        _readline.moveCursor(this.stream, dx, dy);
      }
      // relative reset
      cursorRelativeReset() {
        if (!this.stream.isTTY) {
          return;
        }
        _readline.moveCursor(this.stream, 0, -this.dy);
        _readline.cursorTo(this.stream, 0, null);
        this.dy = 0;
      }
      // clear to the right from cursor
      clearRight() {
        if (!this.stream.isTTY) {
          return;
        }
        _readline.clearLine(this.stream, 1);
      }
      // clear the full line
      clearLine() {
        if (!this.stream.isTTY) {
          return;
        }
        _readline.clearLine(this.stream, 0);
      }
      // clear everyting beyond the current line
      clearBottom() {
        if (!this.stream.isTTY) {
          return;
        }
        _readline.clearScreenDown(this.stream);
      }
      // add new line; increment counter
      newline() {
        this.stream.write("\n");
        this.dy++;
      }
      // write content to output stream
      // @TODO use string-width to strip length
      write(s, rawWrite = false) {
        if (this.linewrap === true && rawWrite === false) {
          this.stream.write(s.substr(0, this.getWidth()));
        } else {
          this.stream.write(s);
        }
      }
      // control line wrapping
      lineWrapping(enabled) {
        if (!this.stream.isTTY) {
          return;
        }
        this.linewrap = enabled;
        if (enabled) {
          this.stream.write("\x1B[?7h");
        } else {
          this.stream.write("\x1B[?7l");
        }
      }
      // tty environment ?
      isTTY() {
        return this.stream.isTTY === true;
      }
      // get terminal width
      getWidth() {
        return this.stream.columns || (this.stream.isTTY ? 80 : 200);
      }
    };
    module.exports = Terminal;
  }
});

// node_modules/ansi-regex/index.js
var require_ansi_regex = __commonJS({
  "node_modules/ansi-regex/index.js"(exports, module) {
    "use strict";
    module.exports = ({ onlyFirst = false } = {}) => {
      const pattern = [
        "[\\u001B\\u009B][[\\]()#;?]*(?:(?:(?:(?:;[-a-zA-Z\\d\\/#&.:=?%@~_]+)*|[a-zA-Z\\d]+(?:;[-a-zA-Z\\d\\/#&.:=?%@~_]*)*)?\\u0007)",
        "(?:(?:\\d{1,4}(?:;\\d{0,4})*)?[\\dA-PR-TZcf-ntqry=><~]))"
      ].join("|");
      return new RegExp(pattern, onlyFirst ? void 0 : "g");
    };
  }
});

// node_modules/strip-ansi/index.js
var require_strip_ansi = __commonJS({
  "node_modules/strip-ansi/index.js"(exports, module) {
    "use strict";
    var ansiRegex = require_ansi_regex();
    module.exports = (string) => typeof string === "string" ? string.replace(ansiRegex(), "") : string;
  }
});

// node_modules/is-fullwidth-code-point/index.js
var require_is_fullwidth_code_point = __commonJS({
  "node_modules/is-fullwidth-code-point/index.js"(exports, module) {
    "use strict";
    var isFullwidthCodePoint = (codePoint) => {
      if (Number.isNaN(codePoint)) {
        return false;
      }
      if (codePoint >= 4352 && (codePoint <= 4447 || // Hangul Jamo
      codePoint === 9001 || // LEFT-POINTING ANGLE BRACKET
      codePoint === 9002 || // RIGHT-POINTING ANGLE BRACKET
      // CJK Radicals Supplement .. Enclosed CJK Letters and Months
      11904 <= codePoint && codePoint <= 12871 && codePoint !== 12351 || // Enclosed CJK Letters and Months .. CJK Unified Ideographs Extension A
      12880 <= codePoint && codePoint <= 19903 || // CJK Unified Ideographs .. Yi Radicals
      19968 <= codePoint && codePoint <= 42182 || // Hangul Jamo Extended-A
      43360 <= codePoint && codePoint <= 43388 || // Hangul Syllables
      44032 <= codePoint && codePoint <= 55203 || // CJK Compatibility Ideographs
      63744 <= codePoint && codePoint <= 64255 || // Vertical Forms
      65040 <= codePoint && codePoint <= 65049 || // CJK Compatibility Forms .. Small Form Variants
      65072 <= codePoint && codePoint <= 65131 || // Halfwidth and Fullwidth Forms
      65281 <= codePoint && codePoint <= 65376 || 65504 <= codePoint && codePoint <= 65510 || // Kana Supplement
      110592 <= codePoint && codePoint <= 110593 || // Enclosed Ideographic Supplement
      127488 <= codePoint && codePoint <= 127569 || // CJK Unified Ideographs Extension B .. Tertiary Ideographic Plane
      131072 <= codePoint && codePoint <= 262141)) {
        return true;
      }
      return false;
    };
    module.exports = isFullwidthCodePoint;
    module.exports.default = isFullwidthCodePoint;
  }
});

// node_modules/emoji-regex/index.js
var require_emoji_regex = __commonJS({
  "node_modules/emoji-regex/index.js"(exports, module) {
    "use strict";
    module.exports = function() {
      return /\uD83C\uDFF4\uDB40\uDC67\uDB40\uDC62(?:\uDB40\uDC65\uDB40\uDC6E\uDB40\uDC67|\uDB40\uDC73\uDB40\uDC63\uDB40\uDC74|\uDB40\uDC77\uDB40\uDC6C\uDB40\uDC73)\uDB40\uDC7F|\uD83D\uDC68(?:\uD83C\uDFFC\u200D(?:\uD83E\uDD1D\u200D\uD83D\uDC68\uD83C\uDFFB|\uD83C[\uDF3E\uDF73\uDF93\uDFA4\uDFA8\uDFEB\uDFED]|\uD83D[\uDCBB\uDCBC\uDD27\uDD2C\uDE80\uDE92]|\uD83E[\uDDAF-\uDDB3\uDDBC\uDDBD])|\uD83C\uDFFF\u200D(?:\uD83E\uDD1D\u200D\uD83D\uDC68(?:\uD83C[\uDFFB-\uDFFE])|\uD83C[\uDF3E\uDF73\uDF93\uDFA4\uDFA8\uDFEB\uDFED]|\uD83D[\uDCBB\uDCBC\uDD27\uDD2C\uDE80\uDE92]|\uD83E[\uDDAF-\uDDB3\uDDBC\uDDBD])|\uD83C\uDFFE\u200D(?:\uD83E\uDD1D\u200D\uD83D\uDC68(?:\uD83C[\uDFFB-\uDFFD])|\uD83C[\uDF3E\uDF73\uDF93\uDFA4\uDFA8\uDFEB\uDFED]|\uD83D[\uDCBB\uDCBC\uDD27\uDD2C\uDE80\uDE92]|\uD83E[\uDDAF-\uDDB3\uDDBC\uDDBD])|\uD83C\uDFFD\u200D(?:\uD83E\uDD1D\u200D\uD83D\uDC68(?:\uD83C[\uDFFB\uDFFC])|\uD83C[\uDF3E\uDF73\uDF93\uDFA4\uDFA8\uDFEB\uDFED]|\uD83D[\uDCBB\uDCBC\uDD27\uDD2C\uDE80\uDE92]|\uD83E[\uDDAF-\uDDB3\uDDBC\uDDBD])|\u200D(?:\u2764\uFE0F\u200D(?:\uD83D\uDC8B\u200D)?\uD83D\uDC68|(?:\uD83D[\uDC68\uDC69])\u200D(?:\uD83D\uDC66\u200D\uD83D\uDC66|\uD83D\uDC67\u200D(?:\uD83D[\uDC66\uDC67]))|\uD83D\uDC66\u200D\uD83D\uDC66|\uD83D\uDC67\u200D(?:\uD83D[\uDC66\uDC67])|(?:\uD83D[\uDC68\uDC69])\u200D(?:\uD83D[\uDC66\uDC67])|[\u2695\u2696\u2708]\uFE0F|\uD83D[\uDC66\uDC67]|\uD83C[\uDF3E\uDF73\uDF93\uDFA4\uDFA8\uDFEB\uDFED]|\uD83D[\uDCBB\uDCBC\uDD27\uDD2C\uDE80\uDE92]|\uD83E[\uDDAF-\uDDB3\uDDBC\uDDBD])|(?:\uD83C\uDFFB\u200D[\u2695\u2696\u2708]|\uD83C\uDFFF\u200D[\u2695\u2696\u2708]|\uD83C\uDFFE\u200D[\u2695\u2696\u2708]|\uD83C\uDFFD\u200D[\u2695\u2696\u2708]|\uD83C\uDFFC\u200D[\u2695\u2696\u2708])\uFE0F|\uD83C\uDFFB\u200D(?:\uD83C[\uDF3E\uDF73\uDF93\uDFA4\uDFA8\uDFEB\uDFED]|\uD83D[\uDCBB\uDCBC\uDD27\uDD2C\uDE80\uDE92]|\uD83E[\uDDAF-\uDDB3\uDDBC\uDDBD])|\uD83C[\uDFFB-\uDFFF])|(?:\uD83E\uDDD1\uD83C\uDFFB\u200D\uD83E\uDD1D\u200D\uD83E\uDDD1|\uD83D\uDC69\uD83C\uDFFC\u200D\uD83E\uDD1D\u200D\uD83D\uDC69)\uD83C\uDFFB|\uD83E\uDDD1(?:\uD83C\uDFFF\u200D\uD83E\uDD1D\u200D\uD83E\uDDD1(?:\uD83C[\uDFFB-\uDFFF])|\u200D\uD83E\uDD1D\u200D\uD83E\uDDD1)|(?:\uD83E\uDDD1\uD83C\uDFFE\u200D\uD83E\uDD1D\u200D\uD83E\uDDD1|\uD83D\uDC69\uD83C\uDFFF\u200D\uD83E\uDD1D\u200D(?:\uD83D[\uDC68\uDC69]))(?:\uD83C[\uDFFB-\uDFFE])|(?:\uD83E\uDDD1\uD83C\uDFFC\u200D\uD83E\uDD1D\u200D\uD83E\uDDD1|\uD83D\uDC69\uD83C\uDFFD\u200D\uD83E\uDD1D\u200D\uD83D\uDC69)(?:\uD83C[\uDFFB\uDFFC])|\uD83D\uDC69(?:\uD83C\uDFFE\u200D(?:\uD83E\uDD1D\u200D\uD83D\uDC68(?:\uD83C[\uDFFB-\uDFFD\uDFFF])|\uD83C[\uDF3E\uDF73\uDF93\uDFA4\uDFA8\uDFEB\uDFED]|\uD83D[\uDCBB\uDCBC\uDD27\uDD2C\uDE80\uDE92]|\uD83E[\uDDAF-\uDDB3\uDDBC\uDDBD])|\uD83C\uDFFC\u200D(?:\uD83E\uDD1D\u200D\uD83D\uDC68(?:\uD83C[\uDFFB\uDFFD-\uDFFF])|\uD83C[\uDF3E\uDF73\uDF93\uDFA4\uDFA8\uDFEB\uDFED]|\uD83D[\uDCBB\uDCBC\uDD27\uDD2C\uDE80\uDE92]|\uD83E[\uDDAF-\uDDB3\uDDBC\uDDBD])|\uD83C\uDFFB\u200D(?:\uD83E\uDD1D\u200D\uD83D\uDC68(?:\uD83C[\uDFFC-\uDFFF])|\uD83C[\uDF3E\uDF73\uDF93\uDFA4\uDFA8\uDFEB\uDFED]|\uD83D[\uDCBB\uDCBC\uDD27\uDD2C\uDE80\uDE92]|\uD83E[\uDDAF-\uDDB3\uDDBC\uDDBD])|\uD83C\uDFFD\u200D(?:\uD83E\uDD1D\u200D\uD83D\uDC68(?:\uD83C[\uDFFB\uDFFC\uDFFE\uDFFF])|\uD83C[\uDF3E\uDF73\uDF93\uDFA4\uDFA8\uDFEB\uDFED]|\uD83D[\uDCBB\uDCBC\uDD27\uDD2C\uDE80\uDE92]|\uD83E[\uDDAF-\uDDB3\uDDBC\uDDBD])|\u200D(?:\u2764\uFE0F\u200D(?:\uD83D\uDC8B\u200D(?:\uD83D[\uDC68\uDC69])|\uD83D[\uDC68\uDC69])|\uD83C[\uDF3E\uDF73\uDF93\uDFA4\uDFA8\uDFEB\uDFED]|\uD83D[\uDCBB\uDCBC\uDD27\uDD2C\uDE80\uDE92]|\uD83E[\uDDAF-\uDDB3\uDDBC\uDDBD])|\uD83C\uDFFF\u200D(?:\uD83C[\uDF3E\uDF73\uDF93\uDFA4\uDFA8\uDFEB\uDFED]|\uD83D[\uDCBB\uDCBC\uDD27\uDD2C\uDE80\uDE92]|\uD83E[\uDDAF-\uDDB3\uDDBC\uDDBD]))|\uD83D\uDC69\u200D\uD83D\uDC69\u200D(?:\uD83D\uDC66\u200D\uD83D\uDC66|\uD83D\uDC67\u200D(?:\uD83D[\uDC66\uDC67]))|(?:\uD83E\uDDD1\uD83C\uDFFD\u200D\uD83E\uDD1D\u200D\uD83E\uDDD1|\uD83D\uDC69\uD83C\uDFFE\u200D\uD83E\uDD1D\u200D\uD83D\uDC69)(?:\uD83C[\uDFFB-\uDFFD])|\uD83D\uDC69\u200D\uD83D\uDC66\u200D\uD83D\uDC66|\uD83D\uDC69\u200D\uD83D\uDC69\u200D(?:\uD83D[\uDC66\uDC67])|(?:\uD83D\uDC41\uFE0F\u200D\uD83D\uDDE8|\uD83D\uDC69(?:\uD83C\uDFFF\u200D[\u2695\u2696\u2708]|\uD83C\uDFFE\u200D[\u2695\u2696\u2708]|\uD83C\uDFFC\u200D[\u2695\u2696\u2708]|\uD83C\uDFFB\u200D[\u2695\u2696\u2708]|\uD83C\uDFFD\u200D[\u2695\u2696\u2708]|\u200D[\u2695\u2696\u2708])|(?:(?:\u26F9|\uD83C[\uDFCB\uDFCC]|\uD83D\uDD75)\uFE0F|\uD83D\uDC6F|\uD83E[\uDD3C\uDDDE\uDDDF])\u200D[\u2640\u2642]|(?:\u26F9|\uD83C[\uDFCB\uDFCC]|\uD83D\uDD75)(?:\uD83C[\uDFFB-\uDFFF])\u200D[\u2640\u2642]|(?:\uD83C[\uDFC3\uDFC4\uDFCA]|\uD83D[\uDC6E\uDC71\uDC73\uDC77\uDC81\uDC82\uDC86\uDC87\uDE45-\uDE47\uDE4B\uDE4D\uDE4E\uDEA3\uDEB4-\uDEB6]|\uD83E[\uDD26\uDD37-\uDD39\uDD3D\uDD3E\uDDB8\uDDB9\uDDCD-\uDDCF\uDDD6-\uDDDD])(?:(?:\uD83C[\uDFFB-\uDFFF])\u200D[\u2640\u2642]|\u200D[\u2640\u2642])|\uD83C\uDFF4\u200D\u2620)\uFE0F|\uD83D\uDC69\u200D\uD83D\uDC67\u200D(?:\uD83D[\uDC66\uDC67])|\uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08|\uD83D\uDC15\u200D\uD83E\uDDBA|\uD83D\uDC69\u200D\uD83D\uDC66|\uD83D\uDC69\u200D\uD83D\uDC67|\uD83C\uDDFD\uD83C\uDDF0|\uD83C\uDDF4\uD83C\uDDF2|\uD83C\uDDF6\uD83C\uDDE6|[#\*0-9]\uFE0F\u20E3|\uD83C\uDDE7(?:\uD83C[\uDDE6\uDDE7\uDDE9-\uDDEF\uDDF1-\uDDF4\uDDF6-\uDDF9\uDDFB\uDDFC\uDDFE\uDDFF])|\uD83C\uDDF9(?:\uD83C[\uDDE6\uDDE8\uDDE9\uDDEB-\uDDED\uDDEF-\uDDF4\uDDF7\uDDF9\uDDFB\uDDFC\uDDFF])|\uD83C\uDDEA(?:\uD83C[\uDDE6\uDDE8\uDDEA\uDDEC\uDDED\uDDF7-\uDDFA])|\uD83E\uDDD1(?:\uD83C[\uDFFB-\uDFFF])|\uD83C\uDDF7(?:\uD83C[\uDDEA\uDDF4\uDDF8\uDDFA\uDDFC])|\uD83D\uDC69(?:\uD83C[\uDFFB-\uDFFF])|\uD83C\uDDF2(?:\uD83C[\uDDE6\uDDE8-\uDDED\uDDF0-\uDDFF])|\uD83C\uDDE6(?:\uD83C[\uDDE8-\uDDEC\uDDEE\uDDF1\uDDF2\uDDF4\uDDF6-\uDDFA\uDDFC\uDDFD\uDDFF])|\uD83C\uDDF0(?:\uD83C[\uDDEA\uDDEC-\uDDEE\uDDF2\uDDF3\uDDF5\uDDF7\uDDFC\uDDFE\uDDFF])|\uD83C\uDDED(?:\uD83C[\uDDF0\uDDF2\uDDF3\uDDF7\uDDF9\uDDFA])|\uD83C\uDDE9(?:\uD83C[\uDDEA\uDDEC\uDDEF\uDDF0\uDDF2\uDDF4\uDDFF])|\uD83C\uDDFE(?:\uD83C[\uDDEA\uDDF9])|\uD83C\uDDEC(?:\uD83C[\uDDE6\uDDE7\uDDE9-\uDDEE\uDDF1-\uDDF3\uDDF5-\uDDFA\uDDFC\uDDFE])|\uD83C\uDDF8(?:\uD83C[\uDDE6-\uDDEA\uDDEC-\uDDF4\uDDF7-\uDDF9\uDDFB\uDDFD-\uDDFF])|\uD83C\uDDEB(?:\uD83C[\uDDEE-\uDDF0\uDDF2\uDDF4\uDDF7])|\uD83C\uDDF5(?:\uD83C[\uDDE6\uDDEA-\uDDED\uDDF0-\uDDF3\uDDF7-\uDDF9\uDDFC\uDDFE])|\uD83C\uDDFB(?:\uD83C[\uDDE6\uDDE8\uDDEA\uDDEC\uDDEE\uDDF3\uDDFA])|\uD83C\uDDF3(?:\uD83C[\uDDE6\uDDE8\uDDEA-\uDDEC\uDDEE\uDDF1\uDDF4\uDDF5\uDDF7\uDDFA\uDDFF])|\uD83C\uDDE8(?:\uD83C[\uDDE6\uDDE8\uDDE9\uDDEB-\uDDEE\uDDF0-\uDDF5\uDDF7\uDDFA-\uDDFF])|\uD83C\uDDF1(?:\uD83C[\uDDE6-\uDDE8\uDDEE\uDDF0\uDDF7-\uDDFB\uDDFE])|\uD83C\uDDFF(?:\uD83C[\uDDE6\uDDF2\uDDFC])|\uD83C\uDDFC(?:\uD83C[\uDDEB\uDDF8])|\uD83C\uDDFA(?:\uD83C[\uDDE6\uDDEC\uDDF2\uDDF3\uDDF8\uDDFE\uDDFF])|\uD83C\uDDEE(?:\uD83C[\uDDE8-\uDDEA\uDDF1-\uDDF4\uDDF6-\uDDF9])|\uD83C\uDDEF(?:\uD83C[\uDDEA\uDDF2\uDDF4\uDDF5])|(?:\uD83C[\uDFC3\uDFC4\uDFCA]|\uD83D[\uDC6E\uDC71\uDC73\uDC77\uDC81\uDC82\uDC86\uDC87\uDE45-\uDE47\uDE4B\uDE4D\uDE4E\uDEA3\uDEB4-\uDEB6]|\uD83E[\uDD26\uDD37-\uDD39\uDD3D\uDD3E\uDDB8\uDDB9\uDDCD-\uDDCF\uDDD6-\uDDDD])(?:\uD83C[\uDFFB-\uDFFF])|(?:\u26F9|\uD83C[\uDFCB\uDFCC]|\uD83D\uDD75)(?:\uD83C[\uDFFB-\uDFFF])|(?:[\u261D\u270A-\u270D]|\uD83C[\uDF85\uDFC2\uDFC7]|\uD83D[\uDC42\uDC43\uDC46-\uDC50\uDC66\uDC67\uDC6B-\uDC6D\uDC70\uDC72\uDC74-\uDC76\uDC78\uDC7C\uDC83\uDC85\uDCAA\uDD74\uDD7A\uDD90\uDD95\uDD96\uDE4C\uDE4F\uDEC0\uDECC]|\uD83E[\uDD0F\uDD18-\uDD1C\uDD1E\uDD1F\uDD30-\uDD36\uDDB5\uDDB6\uDDBB\uDDD2-\uDDD5])(?:\uD83C[\uDFFB-\uDFFF])|(?:[\u231A\u231B\u23E9-\u23EC\u23F0\u23F3\u25FD\u25FE\u2614\u2615\u2648-\u2653\u267F\u2693\u26A1\u26AA\u26AB\u26BD\u26BE\u26C4\u26C5\u26CE\u26D4\u26EA\u26F2\u26F3\u26F5\u26FA\u26FD\u2705\u270A\u270B\u2728\u274C\u274E\u2753-\u2755\u2757\u2795-\u2797\u27B0\u27BF\u2B1B\u2B1C\u2B50\u2B55]|\uD83C[\uDC04\uDCCF\uDD8E\uDD91-\uDD9A\uDDE6-\uDDFF\uDE01\uDE1A\uDE2F\uDE32-\uDE36\uDE38-\uDE3A\uDE50\uDE51\uDF00-\uDF20\uDF2D-\uDF35\uDF37-\uDF7C\uDF7E-\uDF93\uDFA0-\uDFCA\uDFCF-\uDFD3\uDFE0-\uDFF0\uDFF4\uDFF8-\uDFFF]|\uD83D[\uDC00-\uDC3E\uDC40\uDC42-\uDCFC\uDCFF-\uDD3D\uDD4B-\uDD4E\uDD50-\uDD67\uDD7A\uDD95\uDD96\uDDA4\uDDFB-\uDE4F\uDE80-\uDEC5\uDECC\uDED0-\uDED2\uDED5\uDEEB\uDEEC\uDEF4-\uDEFA\uDFE0-\uDFEB]|\uD83E[\uDD0D-\uDD3A\uDD3C-\uDD45\uDD47-\uDD71\uDD73-\uDD76\uDD7A-\uDDA2\uDDA5-\uDDAA\uDDAE-\uDDCA\uDDCD-\uDDFF\uDE70-\uDE73\uDE78-\uDE7A\uDE80-\uDE82\uDE90-\uDE95])|(?:[#\*0-9\xA9\xAE\u203C\u2049\u2122\u2139\u2194-\u2199\u21A9\u21AA\u231A\u231B\u2328\u23CF\u23E9-\u23F3\u23F8-\u23FA\u24C2\u25AA\u25AB\u25B6\u25C0\u25FB-\u25FE\u2600-\u2604\u260E\u2611\u2614\u2615\u2618\u261D\u2620\u2622\u2623\u2626\u262A\u262E\u262F\u2638-\u263A\u2640\u2642\u2648-\u2653\u265F\u2660\u2663\u2665\u2666\u2668\u267B\u267E\u267F\u2692-\u2697\u2699\u269B\u269C\u26A0\u26A1\u26AA\u26AB\u26B0\u26B1\u26BD\u26BE\u26C4\u26C5\u26C8\u26CE\u26CF\u26D1\u26D3\u26D4\u26E9\u26EA\u26F0-\u26F5\u26F7-\u26FA\u26FD\u2702\u2705\u2708-\u270D\u270F\u2712\u2714\u2716\u271D\u2721\u2728\u2733\u2734\u2744\u2747\u274C\u274E\u2753-\u2755\u2757\u2763\u2764\u2795-\u2797\u27A1\u27B0\u27BF\u2934\u2935\u2B05-\u2B07\u2B1B\u2B1C\u2B50\u2B55\u3030\u303D\u3297\u3299]|\uD83C[\uDC04\uDCCF\uDD70\uDD71\uDD7E\uDD7F\uDD8E\uDD91-\uDD9A\uDDE6-\uDDFF\uDE01\uDE02\uDE1A\uDE2F\uDE32-\uDE3A\uDE50\uDE51\uDF00-\uDF21\uDF24-\uDF93\uDF96\uDF97\uDF99-\uDF9B\uDF9E-\uDFF0\uDFF3-\uDFF5\uDFF7-\uDFFF]|\uD83D[\uDC00-\uDCFD\uDCFF-\uDD3D\uDD49-\uDD4E\uDD50-\uDD67\uDD6F\uDD70\uDD73-\uDD7A\uDD87\uDD8A-\uDD8D\uDD90\uDD95\uDD96\uDDA4\uDDA5\uDDA8\uDDB1\uDDB2\uDDBC\uDDC2-\uDDC4\uDDD1-\uDDD3\uDDDC-\uDDDE\uDDE1\uDDE3\uDDE8\uDDEF\uDDF3\uDDFA-\uDE4F\uDE80-\uDEC5\uDECB-\uDED2\uDED5\uDEE0-\uDEE5\uDEE9\uDEEB\uDEEC\uDEF0\uDEF3-\uDEFA\uDFE0-\uDFEB]|\uD83E[\uDD0D-\uDD3A\uDD3C-\uDD45\uDD47-\uDD71\uDD73-\uDD76\uDD7A-\uDDA2\uDDA5-\uDDAA\uDDAE-\uDDCA\uDDCD-\uDDFF\uDE70-\uDE73\uDE78-\uDE7A\uDE80-\uDE82\uDE90-\uDE95])\uFE0F|(?:[\u261D\u26F9\u270A-\u270D]|\uD83C[\uDF85\uDFC2-\uDFC4\uDFC7\uDFCA-\uDFCC]|\uD83D[\uDC42\uDC43\uDC46-\uDC50\uDC66-\uDC78\uDC7C\uDC81-\uDC83\uDC85-\uDC87\uDC8F\uDC91\uDCAA\uDD74\uDD75\uDD7A\uDD90\uDD95\uDD96\uDE45-\uDE47\uDE4B-\uDE4F\uDEA3\uDEB4-\uDEB6\uDEC0\uDECC]|\uD83E[\uDD0F\uDD18-\uDD1F\uDD26\uDD30-\uDD39\uDD3C-\uDD3E\uDDB5\uDDB6\uDDB8\uDDB9\uDDBB\uDDCD-\uDDCF\uDDD1-\uDDDD])/g;
    };
  }
});

// node_modules/string-width/index.js
var require_string_width = __commonJS({
  "node_modules/string-width/index.js"(exports, module) {
    "use strict";
    var stripAnsi = require_strip_ansi();
    var isFullwidthCodePoint = require_is_fullwidth_code_point();
    var emojiRegex = require_emoji_regex();
    var stringWidth = (string) => {
      if (typeof string !== "string" || string.length === 0) {
        return 0;
      }
      string = stripAnsi(string);
      if (string.length === 0) {
        return 0;
      }
      string = string.replace(emojiRegex(), "  ");
      let width = 0;
      for (let i = 0; i < string.length; i++) {
        const code = string.codePointAt(i);
        if (code <= 31 || code >= 127 && code <= 159) {
          continue;
        }
        if (code >= 768 && code <= 879) {
          continue;
        }
        if (code > 65535) {
          i++;
        }
        width += isFullwidthCodePoint(code) ? 2 : 1;
      }
      return width;
    };
    module.exports = stringWidth;
    module.exports.default = stringWidth;
  }
});

// node_modules/cli-progress/lib/format-value.js
var require_format_value = __commonJS({
  "node_modules/cli-progress/lib/format-value.js"(exports, module) {
    module.exports = function formatValue(v, options, type) {
      if (options.autopadding !== true) {
        return v;
      }
      function autopadding(value, length) {
        return (options.autopaddingChar + value).slice(-length);
      }
      switch (type) {
        case "percentage":
          return autopadding(v, 3);
        default:
          return v;
      }
    };
  }
});

// node_modules/cli-progress/lib/format-bar.js
var require_format_bar = __commonJS({
  "node_modules/cli-progress/lib/format-bar.js"(exports, module) {
    module.exports = function formatBar(progress, options) {
      const completeSize = Math.round(progress * options.barsize);
      const incompleteSize = options.barsize - completeSize;
      return options.barCompleteString.substr(0, completeSize) + options.barGlue + options.barIncompleteString.substr(0, incompleteSize);
    };
  }
});

// node_modules/cli-progress/lib/format-time.js
var require_format_time = __commonJS({
  "node_modules/cli-progress/lib/format-time.js"(exports, module) {
    module.exports = function formatTime(t, options, roundToMultipleOf) {
      function round(input) {
        if (roundToMultipleOf) {
          return roundToMultipleOf * Math.round(input / roundToMultipleOf);
        } else {
          return input;
        }
      }
      function autopadding(v) {
        return (options.autopaddingChar + v).slice(-2);
      }
      if (t > 3600) {
        return autopadding(Math.floor(t / 3600)) + "h" + autopadding(round(t % 3600 / 60)) + "m";
      } else if (t > 60) {
        return autopadding(Math.floor(t / 60)) + "m" + autopadding(round(t % 60)) + "s";
      } else if (t > 10) {
        return autopadding(round(t)) + "s";
      } else {
        return autopadding(t) + "s";
      }
    };
  }
});

// node_modules/cli-progress/lib/formatter.js
var require_formatter = __commonJS({
  "node_modules/cli-progress/lib/formatter.js"(exports, module) {
    var _stringWidth = require_string_width();
    var _defaultFormatValue = require_format_value();
    var _defaultFormatBar = require_format_bar();
    var _defaultFormatTime = require_format_time();
    module.exports = function defaultFormatter(options, params, payload) {
      let s = options.format;
      const formatTime = options.formatTime || _defaultFormatTime;
      const formatValue = options.formatValue || _defaultFormatValue;
      const formatBar = options.formatBar || _defaultFormatBar;
      const percentage = Math.floor(params.progress * 100) + "";
      const stopTime = params.stopTime || Date.now();
      const elapsedTime = Math.round((stopTime - params.startTime) / 1e3);
      const context = Object.assign({}, payload, {
        bar: formatBar(params.progress, options),
        percentage: formatValue(percentage, options, "percentage"),
        total: formatValue(params.total, options, "total"),
        value: formatValue(params.value, options, "value"),
        eta: formatValue(params.eta, options, "eta"),
        eta_formatted: formatTime(params.eta, options, 5),
        duration: formatValue(elapsedTime, options, "duration"),
        duration_formatted: formatTime(elapsedTime, options, 1)
      });
      s = s.replace(/\{(\w+)\}/g, function(match, key) {
        if (typeof context[key] !== "undefined") {
          return context[key];
        }
        return match;
      });
      const fullMargin = Math.max(0, params.maxWidth - _stringWidth(s) - 2);
      const halfMargin = Math.floor(fullMargin / 2);
      switch (options.align) {
        // fill start-of-line with whitespaces
        case "right":
          s = fullMargin > 0 ? " ".repeat(fullMargin) + s : s;
          break;
        // distribute whitespaces to left+right
        case "center":
          s = halfMargin > 0 ? " ".repeat(halfMargin) + s : s;
          break;
        // default: left align, no additional whitespaces
        case "left":
        default:
          break;
      }
      return s;
    };
  }
});

// node_modules/cli-progress/lib/options.js
var require_options = __commonJS({
  "node_modules/cli-progress/lib/options.js"(exports, module) {
    function mergeOption(v, defaultValue) {
      if (typeof v === "undefined" || v === null) {
        return defaultValue;
      } else {
        return v;
      }
    }
    module.exports = {
      // set global options
      parse: function parse(rawOptions, preset) {
        const options = {};
        const opt = Object.assign({}, preset, rawOptions);
        options.throttleTime = 1e3 / mergeOption(opt.fps, 10);
        options.stream = mergeOption(opt.stream, process.stderr);
        options.terminal = mergeOption(opt.terminal, null);
        options.clearOnComplete = mergeOption(opt.clearOnComplete, false);
        options.stopOnComplete = mergeOption(opt.stopOnComplete, false);
        options.barsize = mergeOption(opt.barsize, 40);
        options.align = mergeOption(opt.align, "left");
        options.hideCursor = mergeOption(opt.hideCursor, false);
        options.linewrap = mergeOption(opt.linewrap, false);
        options.barGlue = mergeOption(opt.barGlue, "");
        options.barCompleteChar = mergeOption(opt.barCompleteChar, "=");
        options.barIncompleteChar = mergeOption(opt.barIncompleteChar, "-");
        options.format = mergeOption(opt.format, "progress [{bar}] {percentage}% | ETA: {eta}s | {value}/{total}");
        options.formatTime = mergeOption(opt.formatTime, null);
        options.formatValue = mergeOption(opt.formatValue, null);
        options.formatBar = mergeOption(opt.formatBar, null);
        options.etaBufferLength = mergeOption(opt.etaBuffer, 10);
        options.etaAsynchronousUpdate = mergeOption(opt.etaAsynchronousUpdate, false);
        options.progressCalculationRelative = mergeOption(opt.progressCalculationRelative, false);
        options.synchronousUpdate = mergeOption(opt.synchronousUpdate, true);
        options.noTTYOutput = mergeOption(opt.noTTYOutput, false);
        options.notTTYSchedule = mergeOption(opt.notTTYSchedule, 2e3);
        options.emptyOnZero = mergeOption(opt.emptyOnZero, false);
        options.forceRedraw = mergeOption(opt.forceRedraw, false);
        options.autopadding = mergeOption(opt.autopadding, false);
        options.gracefulExit = mergeOption(opt.gracefulExit, false);
        return options;
      },
      // derived options: instance specific, has to be created for every bar element
      assignDerivedOptions: function assignDerivedOptions(options) {
        options.barCompleteString = options.barCompleteChar.repeat(options.barsize + 1);
        options.barIncompleteString = options.barIncompleteChar.repeat(options.barsize + 1);
        options.autopaddingChar = options.autopadding ? mergeOption(options.autopaddingChar, "   ") : "";
        return options;
      }
    };
  }
});

// node_modules/cli-progress/lib/generic-bar.js
var require_generic_bar = __commonJS({
  "node_modules/cli-progress/lib/generic-bar.js"(exports, module) {
    var _ETA = require_eta();
    var _Terminal = require_terminal();
    var _formatter = require_formatter();
    var _options = require_options();
    var _EventEmitter = __require("events");
    module.exports = class GenericBar extends _EventEmitter {
      constructor(options) {
        super();
        this.options = _options.assignDerivedOptions(options);
        this.terminal = this.options.terminal ? this.options.terminal : new _Terminal(this.options.stream);
        this.value = 0;
        this.startValue = 0;
        this.total = 100;
        this.lastDrawnString = null;
        this.startTime = null;
        this.stopTime = null;
        this.lastRedraw = Date.now();
        this.eta = new _ETA(this.options.etaBufferLength, 0, 0);
        this.payload = {};
        this.isActive = false;
        this.formatter = typeof this.options.format === "function" ? this.options.format : _formatter;
      }
      // internal render function
      render(forceRendering = false) {
        const params = {
          progress: this.getProgress(),
          eta: this.eta.getTime(),
          startTime: this.startTime,
          stopTime: this.stopTime,
          total: this.total,
          value: this.value,
          maxWidth: this.terminal.getWidth()
        };
        if (this.options.etaAsynchronousUpdate) {
          this.updateETA();
        }
        const s = this.formatter(this.options, params, this.payload);
        const forceRedraw = forceRendering || this.options.forceRedraw || this.options.noTTYOutput && !this.terminal.isTTY();
        if (forceRedraw || this.lastDrawnString != s) {
          this.emit("redraw-pre");
          this.terminal.cursorTo(0, null);
          this.terminal.write(s);
          this.terminal.clearRight();
          this.lastDrawnString = s;
          this.lastRedraw = Date.now();
          this.emit("redraw-post");
        }
      }
      // start the progress bar
      start(total, startValue, payload) {
        this.value = startValue || 0;
        this.total = typeof total !== "undefined" && total >= 0 ? total : 100;
        this.startValue = startValue || 0;
        this.payload = payload || {};
        this.startTime = Date.now();
        this.stopTime = null;
        this.lastDrawnString = "";
        this.eta = new _ETA(this.options.etaBufferLength, this.startTime, this.value);
        this.isActive = true;
        this.emit("start", total, startValue);
      }
      // stop the bar
      stop() {
        this.isActive = false;
        this.stopTime = Date.now();
        this.emit("stop", this.total, this.value);
      }
      // update the bar value
      // update(value, payload)
      // update(payload)
      update(arg0, arg1 = {}) {
        if (typeof arg0 === "number") {
          this.value = arg0;
          this.eta.update(Date.now(), arg0, this.total);
        }
        const payloadData = (typeof arg0 === "object" ? arg0 : arg1) || {};
        this.emit("update", this.total, this.value);
        for (const key in payloadData) {
          this.payload[key] = payloadData[key];
        }
        if (this.value >= this.getTotal() && this.options.stopOnComplete) {
          this.stop();
        }
      }
      // calculate the actual progress value
      getProgress() {
        let progress = this.value / this.total;
        if (this.options.progressCalculationRelative) {
          progress = (this.value - this.startValue) / (this.total - this.startValue);
        }
        if (isNaN(progress)) {
          progress = this.options && this.options.emptyOnZero ? 0 : 1;
        }
        progress = Math.min(Math.max(progress, 0), 1);
        return progress;
      }
      // update the bar value
      // increment(delta, payload)
      // increment(payload)
      increment(arg0 = 1, arg1 = {}) {
        if (typeof arg0 === "object") {
          this.update(this.value + 1, arg0);
        } else {
          this.update(this.value + arg0, arg1);
        }
      }
      // get the total (limit) value
      getTotal() {
        return this.total;
      }
      // set the total (limit) value
      setTotal(total) {
        if (typeof total !== "undefined" && total >= 0) {
          this.total = total;
        }
      }
      // force eta calculation update (long running processes)
      updateETA() {
        this.eta.update(Date.now(), this.value, this.total);
      }
    };
  }
});

// node_modules/cli-progress/lib/single-bar.js
var require_single_bar = __commonJS({
  "node_modules/cli-progress/lib/single-bar.js"(exports, module) {
    var _GenericBar = require_generic_bar();
    var _options = require_options();
    module.exports = class SingleBar extends _GenericBar {
      constructor(options, preset) {
        super(_options.parse(options, preset));
        this.timer = null;
        if (this.options.noTTYOutput && this.terminal.isTTY() === false) {
          this.options.synchronousUpdate = false;
        }
        this.schedulingRate = this.terminal.isTTY() ? this.options.throttleTime : this.options.notTTYSchedule;
        this.sigintCallback = null;
      }
      // internal render function
      render() {
        if (this.timer) {
          clearTimeout(this.timer);
          this.timer = null;
        }
        super.render();
        if (this.options.noTTYOutput && this.terminal.isTTY() === false) {
          this.terminal.newline();
        }
        this.timer = setTimeout(this.render.bind(this), this.schedulingRate);
      }
      update(current, payload) {
        if (!this.timer) {
          return;
        }
        super.update(current, payload);
        if (this.options.synchronousUpdate && this.lastRedraw + this.options.throttleTime * 2 < Date.now()) {
          this.render();
        }
      }
      // start the progress bar
      start(total, startValue, payload) {
        if (this.options.noTTYOutput === false && this.terminal.isTTY() === false) {
          return;
        }
        if (this.sigintCallback === null && this.options.gracefulExit) {
          this.sigintCallback = this.stop.bind(this);
          process.once("SIGINT", this.sigintCallback);
          process.once("SIGTERM", this.sigintCallback);
        }
        this.terminal.cursorSave();
        if (this.options.hideCursor === true) {
          this.terminal.cursor(false);
        }
        if (this.options.linewrap === false) {
          this.terminal.lineWrapping(false);
        }
        super.start(total, startValue, payload);
        this.render();
      }
      // stop the bar
      stop() {
        if (!this.timer) {
          return;
        }
        if (this.sigintCallback) {
          process.removeListener("SIGINT", this.sigintCallback);
          process.removeListener("SIGTERM", this.sigintCallback);
          this.sigintCallback = null;
        }
        this.render();
        super.stop();
        clearTimeout(this.timer);
        this.timer = null;
        if (this.options.hideCursor === true) {
          this.terminal.cursor(true);
        }
        if (this.options.linewrap === false) {
          this.terminal.lineWrapping(true);
        }
        this.terminal.cursorRestore();
        if (this.options.clearOnComplete) {
          this.terminal.cursorTo(0, null);
          this.terminal.clearLine();
        } else {
          this.terminal.newline();
        }
      }
    };
  }
});

// node_modules/cli-progress/lib/multi-bar.js
var require_multi_bar = __commonJS({
  "node_modules/cli-progress/lib/multi-bar.js"(exports, module) {
    var _Terminal = require_terminal();
    var _BarElement = require_generic_bar();
    var _options = require_options();
    var _EventEmitter = __require("events");
    module.exports = class MultiBar extends _EventEmitter {
      constructor(options, preset) {
        super();
        this.bars = [];
        this.options = _options.parse(options, preset);
        this.options.synchronousUpdate = false;
        this.terminal = this.options.terminal ? this.options.terminal : new _Terminal(this.options.stream);
        this.timer = null;
        this.isActive = false;
        this.schedulingRate = this.terminal.isTTY() ? this.options.throttleTime : this.options.notTTYSchedule;
        this.loggingBuffer = [];
        this.sigintCallback = null;
      }
      // add a new bar to the stack
      create(total, startValue, payload, barOptions = {}) {
        const bar = new _BarElement(Object.assign(
          {},
          // global options
          this.options,
          // terminal instance
          {
            terminal: this.terminal
          },
          // overrides
          barOptions
        ));
        this.bars.push(bar);
        if (this.options.noTTYOutput === false && this.terminal.isTTY() === false) {
          return bar;
        }
        if (this.sigintCallback === null && this.options.gracefulExit) {
          this.sigintCallback = this.stop.bind(this);
          process.once("SIGINT", this.sigintCallback);
          process.once("SIGTERM", this.sigintCallback);
        }
        if (!this.isActive) {
          if (this.options.hideCursor === true) {
            this.terminal.cursor(false);
          }
          if (this.options.linewrap === false) {
            this.terminal.lineWrapping(false);
          }
          this.timer = setTimeout(this.update.bind(this), this.schedulingRate);
        }
        this.isActive = true;
        bar.start(total, startValue, payload);
        this.emit("start");
        return bar;
      }
      // remove a bar from the stack
      remove(bar) {
        const index = this.bars.indexOf(bar);
        if (index < 0) {
          return false;
        }
        this.bars.splice(index, 1);
        this.update();
        this.terminal.newline();
        this.terminal.clearBottom();
        return true;
      }
      // internal update routine
      update() {
        if (this.timer) {
          clearTimeout(this.timer);
          this.timer = null;
        }
        this.emit("update-pre");
        this.terminal.cursorRelativeReset();
        this.emit("redraw-pre");
        if (this.loggingBuffer.length > 0) {
          this.terminal.clearLine();
          while (this.loggingBuffer.length > 0) {
            this.terminal.write(this.loggingBuffer.shift(), true);
          }
        }
        for (let i = 0; i < this.bars.length; i++) {
          if (i > 0) {
            this.terminal.newline();
          }
          this.bars[i].render();
        }
        this.emit("redraw-post");
        if (this.options.noTTYOutput && this.terminal.isTTY() === false) {
          this.terminal.newline();
          this.terminal.newline();
        }
        this.timer = setTimeout(this.update.bind(this), this.schedulingRate);
        this.emit("update-post");
        if (this.options.stopOnComplete && !this.bars.find((bar) => bar.isActive)) {
          this.stop();
        }
      }
      stop() {
        clearTimeout(this.timer);
        this.timer = null;
        if (this.sigintCallback) {
          process.removeListener("SIGINT", this.sigintCallback);
          process.removeListener("SIGTERM", this.sigintCallback);
          this.sigintCallback = null;
        }
        this.isActive = false;
        if (this.options.hideCursor === true) {
          this.terminal.cursor(true);
        }
        if (this.options.linewrap === false) {
          this.terminal.lineWrapping(true);
        }
        this.terminal.cursorRelativeReset();
        this.emit("stop-pre-clear");
        if (this.options.clearOnComplete) {
          this.terminal.clearBottom();
        } else {
          for (let i = 0; i < this.bars.length; i++) {
            if (i > 0) {
              this.terminal.newline();
            }
            this.bars[i].render();
            this.bars[i].stop();
          }
          this.terminal.newline();
        }
        this.emit("stop");
      }
      log(s) {
        this.loggingBuffer.push(s);
      }
    };
  }
});

// node_modules/cli-progress/presets/legacy.js
var require_legacy = __commonJS({
  "node_modules/cli-progress/presets/legacy.js"(exports, module) {
    module.exports = {
      format: "progress [{bar}] {percentage}% | ETA: {eta}s | {value}/{total}",
      barCompleteChar: "=",
      barIncompleteChar: "-"
    };
  }
});

// node_modules/cli-progress/presets/shades-classic.js
var require_shades_classic = __commonJS({
  "node_modules/cli-progress/presets/shades-classic.js"(exports, module) {
    module.exports = {
      format: " {bar} {percentage}% | ETA: {eta}s | {value}/{total}",
      barCompleteChar: "\u2588",
      barIncompleteChar: "\u2591"
    };
  }
});

// node_modules/cli-progress/presets/shades-grey.js
var require_shades_grey = __commonJS({
  "node_modules/cli-progress/presets/shades-grey.js"(exports, module) {
    module.exports = {
      format: " \x1B[90m{bar}\x1B[0m {percentage}% | ETA: {eta}s | {value}/{total}",
      barCompleteChar: "\u2588",
      barIncompleteChar: "\u2591"
    };
  }
});

// node_modules/cli-progress/presets/rect.js
var require_rect = __commonJS({
  "node_modules/cli-progress/presets/rect.js"(exports, module) {
    module.exports = {
      format: " {bar}\u25A0 {percentage}% | ETA: {eta}s | {value}/{total}",
      barCompleteChar: "\u25A0",
      barIncompleteChar: " "
    };
  }
});

// node_modules/cli-progress/presets/index.js
var require_presets = __commonJS({
  "node_modules/cli-progress/presets/index.js"(exports, module) {
    var _legacy = require_legacy();
    var _shades_classic = require_shades_classic();
    var _shades_grey = require_shades_grey();
    var _rect = require_rect();
    module.exports = {
      legacy: _legacy,
      shades_classic: _shades_classic,
      shades_grey: _shades_grey,
      rect: _rect
    };
  }
});

// node_modules/cli-progress/cli-progress.js
var require_cli_progress = __commonJS({
  "node_modules/cli-progress/cli-progress.js"(exports, module) {
    var _SingleBar = require_single_bar();
    var _MultiBar = require_multi_bar();
    var _Presets = require_presets();
    var _Formatter = require_formatter();
    var _defaultFormatValue = require_format_value();
    var _defaultFormatBar = require_format_bar();
    var _defaultFormatTime = require_format_time();
    module.exports = {
      Bar: _SingleBar,
      SingleBar: _SingleBar,
      MultiBar: _MultiBar,
      Presets: _Presets,
      Format: {
        Formatter: _Formatter,
        BarFormat: _defaultFormatBar,
        ValueFormat: _defaultFormatValue,
        TimeFormat: _defaultFormatTime
      }
    };
  }
});

// node_modules/shallow-equal/dist/index.cjs.js
var require_index_cjs = __commonJS({
  "node_modules/shallow-equal/dist/index.cjs.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    function shallowEqualObjects(objA, objB) {
      if (objA === objB) {
        return true;
      }
      if (!objA || !objB) {
        return false;
      }
      var aKeys = Object.keys(objA);
      var bKeys = Object.keys(objB);
      var len = aKeys.length;
      if (bKeys.length !== len) {
        return false;
      }
      for (var i = 0; i < len; i++) {
        var key = aKeys[i];
        if (objA[key] !== objB[key] || !Object.prototype.hasOwnProperty.call(objB, key)) {
          return false;
        }
      }
      return true;
    }
    function shallowEqualArrays(arrA, arrB) {
      if (arrA === arrB) {
        return true;
      }
      if (!arrA || !arrB) {
        return false;
      }
      var len = arrA.length;
      if (arrB.length !== len) {
        return false;
      }
      for (var i = 0; i < len; i++) {
        if (arrA[i] !== arrB[i]) {
          return false;
        }
      }
      return true;
    }
    exports.shallowEqualArrays = shallowEqualArrays;
    exports.shallowEqualObjects = shallowEqualObjects;
  }
});

// node_modules/parse-prometheus-text-format/dist/parse-prometheus-text-format.cjs.js
var require_parse_prometheus_text_format_cjs = __commonJS({
  "node_modules/parse-prometheus-text-format/dist/parse-prometheus-text-format.cjs.js"(exports, module) {
    "use strict";
    var shallowEqual = require_index_cjs();
    function _classCallCheck(instance, Constructor) {
      if (!(instance instanceof Constructor)) {
        throw new TypeError("Cannot call a class as a function");
      }
    }
    function _inherits(subClass, superClass) {
      if (typeof superClass !== "function" && superClass !== null) {
        throw new TypeError("Super expression must either be null or a function");
      }
      subClass.prototype = Object.create(superClass && superClass.prototype, {
        constructor: {
          value: subClass,
          writable: true,
          configurable: true
        }
      });
      if (superClass) _setPrototypeOf(subClass, superClass);
    }
    function _getPrototypeOf(o) {
      _getPrototypeOf = Object.setPrototypeOf ? Object.getPrototypeOf : function _getPrototypeOf2(o2) {
        return o2.__proto__ || Object.getPrototypeOf(o2);
      };
      return _getPrototypeOf(o);
    }
    function _setPrototypeOf(o, p) {
      _setPrototypeOf = Object.setPrototypeOf || function _setPrototypeOf2(o2, p2) {
        o2.__proto__ = p2;
        return o2;
      };
      return _setPrototypeOf(o, p);
    }
    function isNativeReflectConstruct() {
      if (typeof Reflect === "undefined" || !Reflect.construct) return false;
      if (Reflect.construct.sham) return false;
      if (typeof Proxy === "function") return true;
      try {
        Date.prototype.toString.call(Reflect.construct(Date, [], function() {
        }));
        return true;
      } catch (e) {
        return false;
      }
    }
    function _construct(Parent, args, Class) {
      if (isNativeReflectConstruct()) {
        _construct = Reflect.construct;
      } else {
        _construct = function _construct2(Parent2, args2, Class2) {
          var a = [null];
          a.push.apply(a, args2);
          var Constructor = Function.bind.apply(Parent2, a);
          var instance = new Constructor();
          if (Class2) _setPrototypeOf(instance, Class2.prototype);
          return instance;
        };
      }
      return _construct.apply(null, arguments);
    }
    function _isNativeFunction(fn) {
      return Function.toString.call(fn).indexOf("[native code]") !== -1;
    }
    function _wrapNativeSuper(Class) {
      var _cache = typeof Map === "function" ? /* @__PURE__ */ new Map() : void 0;
      _wrapNativeSuper = function _wrapNativeSuper2(Class2) {
        if (Class2 === null || !_isNativeFunction(Class2)) return Class2;
        if (typeof Class2 !== "function") {
          throw new TypeError("Super expression must either be null or a function");
        }
        if (typeof _cache !== "undefined") {
          if (_cache.has(Class2)) return _cache.get(Class2);
          _cache.set(Class2, Wrapper);
        }
        function Wrapper() {
          return _construct(Class2, arguments, _getPrototypeOf(this).constructor);
        }
        Wrapper.prototype = Object.create(Class2.prototype, {
          constructor: {
            value: Wrapper,
            enumerable: false,
            writable: true,
            configurable: true
          }
        });
        return _setPrototypeOf(Wrapper, Class2);
      };
      return _wrapNativeSuper(Class);
    }
    function _assertThisInitialized(self) {
      if (self === void 0) {
        throw new ReferenceError("this hasn't been initialised - super() hasn't been called");
      }
      return self;
    }
    function _possibleConstructorReturn(self, call) {
      if (call && (typeof call === "object" || typeof call === "function")) {
        return call;
      }
      return _assertThisInitialized(self);
    }
    var InvalidLineError = /* @__PURE__ */ (function(_Error) {
      _inherits(InvalidLineError2, _Error);
      function InvalidLineError2(message) {
        _classCallCheck(this, InvalidLineError2);
        return _possibleConstructorReturn(this, _getPrototypeOf(InvalidLineError2).call(this, "Encountered invalid line: " + message));
      }
      return InvalidLineError2;
    })(_wrapNativeSuper(Error));
    Object.defineProperty(InvalidLineError.prototype, "name", {
      value: InvalidLineError.name
    });
    var STATE_NAME = 0;
    var STATE_STARTOFLABELNAME = 1;
    var STATE_ENDOFNAME = 2;
    var STATE_VALUE = 3;
    var STATE_ENDOFLABELS = 4;
    var STATE_LABELNAME = 5;
    var STATE_LABELVALUEQUOTE = 6;
    var STATE_LABELVALUEEQUALS = 7;
    var STATE_LABELVALUE = 8;
    var STATE_LABELVALUESLASH = 9;
    var STATE_NEXTLABEL = 10;
    var STATE_TIMESTAMP = 11;
    function parseSampleLine(line) {
      var name = "";
      var labelname = "";
      var labelvalue = "";
      var value = "";
      var timestamp = "";
      var labels = void 0;
      var state = STATE_NAME;
      for (var c = 0; c < line.length; ++c) {
        var _char = line.charAt(c);
        if (state === STATE_NAME) {
          if (_char === "{") {
            state = STATE_STARTOFLABELNAME;
          } else if (_char === " " || _char === "	") {
            state = STATE_ENDOFNAME;
          } else {
            name += _char;
          }
        } else if (state === STATE_ENDOFNAME) {
          if (_char === " " || _char === "	") ;
          else if (_char === "{") {
            state = STATE_STARTOFLABELNAME;
          } else {
            value += _char;
            state = STATE_VALUE;
          }
        } else if (state === STATE_STARTOFLABELNAME) {
          if (_char === " " || _char === "	") ;
          else if (_char === "}") {
            state = STATE_ENDOFLABELS;
          } else {
            labelname += _char;
            state = STATE_LABELNAME;
          }
        } else if (state === STATE_LABELNAME) {
          if (_char === "=") {
            state = STATE_LABELVALUEQUOTE;
          } else if (_char === "}") {
            state = STATE_ENDOFLABELS;
          } else if (_char === " " || _char === "	") {
            state = STATE_LABELVALUEEQUALS;
          } else {
            labelname += _char;
          }
        } else if (state === STATE_LABELVALUEEQUALS) {
          if (_char === "=") {
            state = STATE_LABELVALUEQUOTE;
          } else if (_char === " " || _char === "	") ;
          else {
            throw new InvalidLineError(line);
          }
        } else if (state === STATE_LABELVALUEQUOTE) {
          if (_char === '"') {
            state = STATE_LABELVALUE;
          } else if (_char === " " || _char === "	") ;
          else {
            throw new InvalidLineError(line);
          }
        } else if (state === STATE_LABELVALUE) {
          if (_char === "\\") {
            state = STATE_LABELVALUESLASH;
          } else if (_char === '"') {
            if (!labels) {
              labels = {};
            }
            labels[labelname] = labelvalue;
            labelname = "";
            labelvalue = "";
            state = STATE_NEXTLABEL;
          } else {
            labelvalue += _char;
          }
        } else if (state === STATE_LABELVALUESLASH) {
          state = STATE_LABELVALUE;
          if (_char === "\\") {
            labelvalue += "\\";
          } else if (_char === "n") {
            labelvalue += "\n";
          } else if (_char === '"') {
            labelvalue += '"';
          } else {
            labelvalue += "\\".concat(_char);
          }
        } else if (state === STATE_NEXTLABEL) {
          if (_char === ",") {
            state = STATE_LABELNAME;
          } else if (_char === "}") {
            state = STATE_ENDOFLABELS;
          } else if (_char === " " || _char === "	") ;
          else {
            throw new InvalidLineError(line);
          }
        } else if (state === STATE_ENDOFLABELS) {
          if (_char === " " || _char === "	") ;
          else {
            value += _char;
            state = STATE_VALUE;
          }
        } else if (state === STATE_VALUE) {
          if (_char === " " || _char === "	") {
            state = STATE_TIMESTAMP;
          } else {
            value += _char;
          }
        } else if (state === STATE_TIMESTAMP) {
          if (_char === " " || _char === "	") ;
          else {
            timestamp += _char;
          }
        }
      }
      var ret = {
        name,
        value
      };
      if (labels) {
        ret.labels = labels;
      }
      if (timestamp) {
        ret.timestamp_ms = timestamp;
      }
      return ret;
    }
    var SUMMARY_TYPE = "SUMMARY";
    var HISTOGRAM_TYPE = "HISTOGRAM";
    function parsePrometheusTextFormat2(metrics) {
      var lines = metrics.split("\n");
      var converted = [];
      var metric;
      var help;
      var type;
      var samples = [];
      for (var i = 0; i < lines.length; ++i) {
        var line = lines[i].trim();
        var lineMetric = null;
        var lineHelp = null;
        var lineType = null;
        var lineSample = null;
        if (line.length === 0) ;
        else if (line.startsWith("# ")) {
          var lineData = line.substring(2);
          var instr = null;
          if (lineData.startsWith("HELP ")) {
            instr = 1;
          } else if (lineData.startsWith("TYPE ")) {
            instr = 2;
          }
          if (instr) {
            lineData = lineData.substring(5);
            var spaceIndex = lineData.indexOf(" ");
            if (spaceIndex !== -1) {
              lineMetric = lineData.substring(0, spaceIndex);
              var remain = lineData.substring(spaceIndex + 1);
              if (instr === 1) {
                lineHelp = unescapeHelp(remain);
              } else {
                if (remain.includes(" ")) {
                  throw new InvalidLineError(line);
                }
                lineType = remain.toUpperCase();
              }
            } else {
              throw new InvalidLineError(line);
            }
          }
        } else {
          lineSample = parseSampleLine(line);
          lineMetric = lineSample.name;
        }
        if (lineMetric === metric) {
          if (!help && lineHelp) {
            help = lineHelp;
          } else if (!type && lineType) {
            type = lineType;
          }
        }
        var suffixedCount = "".concat(metric, "_count");
        var suffixedSum = "".concat(metric, "_sum");
        var suffixedBucket = "".concat(metric, "_bucket");
        var allowedNames = [metric];
        if (type === SUMMARY_TYPE || type === HISTOGRAM_TYPE) {
          allowedNames.push(suffixedCount);
          allowedNames.push(suffixedSum);
        }
        if (type === HISTOGRAM_TYPE) {
          allowedNames.push(suffixedBucket);
        }
        if (i + 1 === lines.length || lineMetric && !allowedNames.includes(lineMetric)) {
          if (metric) {
            if (type === SUMMARY_TYPE) {
              samples = flattenMetrics(samples, "quantiles", "quantile", "value");
            } else if (type === HISTOGRAM_TYPE) {
              samples = flattenMetrics(samples, "buckets", "le", "bucket");
            }
            converted.push({
              name: metric,
              help: help ? help : "",
              type: type ? type : "UNTYPED",
              metrics: samples
            });
          }
          metric = lineMetric;
          help = lineHelp ? lineHelp : null;
          type = lineType ? lineType : null;
          samples = [];
        }
        if (lineSample) {
          if (lineSample.name !== metric) {
            if (type === SUMMARY_TYPE || type === HISTOGRAM_TYPE) {
              if (lineSample.name === suffixedCount) {
                lineSample.count = lineSample.value;
              } else if (lineSample.name === suffixedSum) {
                lineSample.sum = lineSample.value;
              }
            }
            if (type === HISTOGRAM_TYPE && lineSample.name === suffixedBucket) {
              lineSample.bucket = lineSample.value;
            }
            delete lineSample.value;
          }
          delete lineSample.name;
          var samplesLen = samples.length;
          var lastSample = samplesLen === 0 ? null : samples[samplesLen - 1];
          if (lastSample && shallowEqual.shallowEqualObjects(lineSample.labels, lastSample.labels)) {
            delete lineSample.labels;
            for (var key in lineSample) {
              lastSample[key] = lineSample[key];
            }
          } else {
            samples.push(lineSample);
          }
        }
      }
      return converted;
    }
    function flattenMetrics(metrics, groupName, keyName, valueName) {
      var flattened = null;
      for (var i = 0; i < metrics.length; ++i) {
        var sample = metrics[i];
        if (sample.labels && sample.labels[keyName] && sample[valueName]) {
          if (!flattened) {
            flattened = {};
            flattened[groupName] = {};
          }
          flattened[groupName][sample.labels[keyName]] = sample[valueName];
        } else if (!sample.labels) {
          if (!flattened) {
            flattened = {};
          }
          if (sample.count !== void 0) {
            flattened.count = sample.count;
          }
          if (sample.sum !== void 0) {
            flattened.sum = sample.sum;
          }
        }
      }
      if (flattened) {
        return [flattened];
      } else {
        return metrics;
      }
    }
    function unescapeHelp(line) {
      var result = "";
      var slash = false;
      for (var c = 0; c < line.length; ++c) {
        var _char = line.charAt(c);
        if (slash) {
          if (_char === "\\") {
            result += "\\";
          } else if (_char === "n") {
            result += "\n";
          } else {
            result += "\\".concat(_char);
          }
          slash = false;
        } else {
          if (_char === "\\") {
            slash = true;
          } else {
            result += _char;
          }
        }
      }
      if (slash) {
        result += "\\";
      }
      return result;
    }
    module.exports = parsePrometheusTextFormat2;
  }
});

// src/output/progress.ts
var import_cli_progress = __toESM(require_cli_progress(), 1);
var format1 = (value) => Number.isFinite(value) ? value.toFixed(1) : "-";
function formatSeconds(seconds2) {
  if (!Number.isFinite(seconds2) || seconds2 < 0) return "-";
  const s = Math.round(seconds2);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor(s % 3600 / 60)).padStart(2, "0")} min`;
}
function createProgress(options) {
  if (options.quiet) return { stop() {
  } };
  const now = options.now ?? (() => performance.now());
  const tty = options.stream.isTTY === true;
  const intervalMs = options.intervalMs ?? 1e4;
  let bar = null;
  let label = "";
  let total = 0;
  let done = 0;
  let errors = 0;
  let startedAt = 0;
  let lastLineAt = 0;
  let trialsInRun = options.trials ?? 0;
  let trialsDone = 0;
  let runStartedAt = null;
  let stopped = false;
  const stats = () => {
    const elapsedS = (now() - startedAt) / 1e3;
    const rate = elapsedS > 0 ? done / elapsedS : 0;
    const share = trialsInRun > 0 ? (trialsDone + (total > 0 ? done / total : 0)) / trialsInRun : 0;
    const runS = runStartedAt === null ? 0 : (now() - runStartedAt) / 1e3;
    return { rate, elapsedS, overallPct: 100 * share, overallEtaS: share > 0 ? runS * (1 - share) / share : Number.NaN };
  };
  const line = (text) => {
    options.stream.write(`${text}
`);
  };
  const overall = () => {
    const { overallPct, overallEtaS } = stats();
    return trialsInRun > 1 ? `, run ${Math.floor(overallPct)}% done, ETA ${formatSeconds(overallEtaS)}` : "";
  };
  const plain = () => {
    const { rate, elapsedS } = stats();
    return `${label}: ${done}/${total} done, ${errors} errors, ${format1(rate)} req/s, ${formatSeconds(elapsedS)} elapsed${overall()}`;
  };
  const stopBar = () => {
    bar?.stop();
    bar = null;
  };
  const onAbort = () => {
    stopped = true;
    stopBar();
  };
  options.signal?.addEventListener("abort", onAbort, { once: true });
  const advance = (count, failed) => {
    done += count;
    errors += failed;
    if (bar !== null) {
      bar.update(done, { errors, rate: format1(stats().rate), overall: overall() });
    } else if (!tty && now() - lastLineAt >= intervalMs) {
      lastLineAt = now();
      line(plain());
    }
  };
  return {
    phase(text) {
      if (bar === null) line(text);
    },
    trialStarted(trial, trials, requests, url) {
      if (options.trials === void 0) trialsInRun = trials;
      runStartedAt ??= now();
      label = `${options.prefix?.() ?? ""}trial ${trial + 1}/${trials}`;
      total = requests;
      done = 0;
      errors = 0;
      startedAt = now();
      lastLineAt = startedAt;
      if (tty && !stopped) {
        bar = new import_cli_progress.default.SingleBar(
          { stream: options.stream, format: `${label} |{bar}| {value}/{total} done, {errors} errors, {rate} req/s, {duration_formatted} elapsed{overall}`, hideCursor: true, clearOnComplete: false },
          import_cli_progress.default.Presets.shades_classic
        );
        bar.start(requests, 0, { errors: 0, rate: "0.0", overall: overall() });
      } else if (!tty) {
        line(`${label}: ${requests} requests against ${url}`);
      }
    },
    requestDone(record) {
      advance(1, !record.ok && record.error?.kind !== "cancelled" ? 1 : 0);
    },
    requestsDone: (count, failed) => advance(count, failed),
    trialDone(trial) {
      stopBar();
      trialsDone++;
      const s = trial.summary;
      line(`${label}: ${s.completed}/${s.sent} ok in ${trial.duration_s.toFixed(2)} s, ${format1(s.request_throughput)} req/s, ${format1(s.output_throughput)} tok/s${trial.interrupted === true ? " (interrupted)" : ""}`);
    },
    stop() {
      options.signal?.removeEventListener("abort", onAbort);
      stopBar();
    }
  };
}

// src/runner/run.ts
import { availableParallelism } from "node:os";

// src/clock.ts
var monotonicClock = () => performance.now();

// src/client/pool.ts
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
var youngGenerationMb = (streams) => Math.min(64, Math.max(8, Math.ceil((streams ?? 256) / 32)));
var BLOCKS_AHEAD = 2;
var FEED_CHECK_MS = 5;
function defaultClientWorker() {
  const candidates = [new URL("./client-worker.js", import.meta.url), new URL("../client-worker.js", import.meta.url)];
  return candidates.find((candidate) => existsSync(fileURLToPath(candidate))) ?? null;
}
function shares(total, parts) {
  return Array.from({ length: parts }, (_, index) => Math.floor(total / parts) + (index < total % parts ? 1 : 0));
}
var ClientPool = class _ClientPool {
  constructor(workers) {
    this.workers = workers;
    for (const [index, worker] of workers.entries()) {
      const fail = (error) => {
        this.failure ??= error;
        for (const notify of this.failed.splice(0)) notify(this.failure);
      };
      worker.on("error", (error) => fail(new Error(`client worker ${index + 1} of ${workers.length} failed: ${error.message}`, { cause: error })));
      worker.on("exit", (code) => fail(new Error(`client worker ${index + 1} of ${workers.length} exited (code ${code})`)));
    }
  }
  workers;
  nextId = 0;
  failure = null;
  failed = [];
  /** Starts `count` workers for the workload's server. */
  static start(workload, origin, count, script) {
    const { spec } = workload;
    const inFlight = spec.load.concurrency === void 0 ? null : shares(spec.load.concurrency, count);
    const anchor = anchorNow();
    const workers = Array.from({ length: count }, (_, index) => {
      const setup = { origin, api: spec.api, path: workload.path, headers: workload.headers, timeouts: spec.timeouts, inFlight: inFlight === null ? null : Math.max(1, inFlight[index]), anchor };
      return new Worker(script, { workerData: setup, resourceLimits: { maxYoungGenerationSizeMb: youngGenerationMb(setup.inFlight) }, stdout: false, stderr: false });
    });
    return new _ClientPool(workers);
  }
  get size() {
    return this.workers.length;
  }
  /** Each worker's event loop utilization so far (for the trial's host load: the busiest thread is the one that stamps late). */
  eventLoopUtilization() {
    return this.workers.map((worker) => worker.performance.eventLoopUtilization());
  }
  /** Opens `count` connections, shared out over the workers (Connections.open), before the measured requests. */
  async open(count, path, signal) {
    const id = this.nextId++;
    const replies = await this.exchange(
      shares(count, this.workers.length).map((share) => ({ type: "open", id, count: Math.max(1, share), path })),
      (message, settle) => {
        if (message.type === "opened" && message.id === id) settle(message);
      },
      signal
    );
    return { ok: replies.reduce((sum, reply) => sum + (reply?.type === "opened" ? reply.ok : 0), 0), firstError: replies.map((reply) => reply?.type === "opened" ? reply.firstError : null).find((error) => error !== null) ?? null };
  }
  /** Runs one phase's requests on the workers; resolves when every worker has sent what it claimed and has its records. */
  async runPhase(input) {
    const id = this.nextId++;
    const { plan, clock, signal } = input;
    const feed = new RequestFeed(input.prompts, input.count, input.body, true);
    const control = new SharedControl({ free: plan.kind === "open" && plan.concurrency !== null ? plan.concurrency : 0 });
    const ahead = () => {
      const made = [];
      while (!feed.done && feed.produced < control.claimed + BLOCKS_AHEAD * BLOCK_SIZE) made.push(feed.next());
      return made;
    };
    let timer = null;
    const blocks = () => {
      for (const block of ahead()) for (const worker of this.workers) worker.postMessage({ type: "block", id, block });
      if (feed.done && timer !== null) {
        clearInterval(timer);
        timer = null;
      }
    };
    const first = ahead();
    const loops = plan.kind === "closed" ? shares(Math.min(plan.concurrency, input.count), this.workers.length) : null;
    const sendAtMs = plan.kind === "open" ? new Float64Array(new SharedArrayBuffer(plan.sendAtMs.byteLength)) : null;
    if (plan.kind === "open") sendAtMs.set(plan.sendAtMs);
    const stop = () => {
      control.stop();
      for (const worker of this.workers) worker.postMessage({ type: "abort", id });
    };
    signal?.addEventListener("abort", stop, { once: true });
    if (!feed.done) timer = setInterval(blocks, FEED_CHECK_MS);
    const startMs = clock();
    const startedAt = (/* @__PURE__ */ new Date()).toISOString();
    try {
      await this.exchange(
        this.workers.map((_, index) => ({
          type: "phase",
          id,
          trial: input.records?.trial ?? null,
          count: input.count,
          startMs,
          control: control.memory,
          blocks: first,
          plan: loops !== null ? { kind: "closed", loops: loops[index] } : { kind: "open", sendAtMs, capped: plan.kind === "open" && plan.concurrency !== null }
        })),
        (message, settle) => {
          if (message.id !== id) return;
          if (message.type === "records") {
            input.records?.onBatch(message.batch);
            blocks();
          } else if (message.type === "need") blocks();
          else if (message.type === "done") settle(message);
        },
        void 0
      );
    } catch (error) {
      stop();
      throw error;
    } finally {
      if (timer !== null) clearInterval(timer);
      signal?.removeEventListener("abort", stop);
    }
    return { startMs, startedAt, interrupted: signal?.aborted === true };
  }
  /**
   * Sends each worker its message and waits until `handle` settles each worker's part, a worker
   * fails, or `signal` aborts (parts not settled are then undefined).
   */
  exchange(messages, handle, signal) {
    return new Promise((resolve2, reject) => {
      if (this.failure !== null) return reject(this.failure);
      const replies = new Array(this.workers.length);
      let pending = this.workers.length;
      const listeners = this.workers.map((worker, index) => {
        let settled = false;
        const listener = (message) => handle(message, (reply) => {
          if (settled) return;
          settled = true;
          replies[index] = reply;
          if (--pending === 0) finish(() => resolve2(replies));
        });
        worker.on("message", listener);
        return listener;
      });
      const onFailure = (error) => finish(() => reject(error));
      const onAbort = () => finish(() => resolve2(replies));
      const finish = (settle) => {
        this.workers.forEach((worker, index) => worker.off("message", listeners[index]));
        signal?.removeEventListener("abort", onAbort);
        const at = this.failed.indexOf(onFailure);
        if (at >= 0) this.failed.splice(at, 1);
        settle();
      };
      this.failed.push(onFailure);
      signal?.addEventListener("abort", onAbort, { once: true });
      this.workers.forEach((worker, index) => worker.postMessage(messages[index]));
    });
  }
  async close() {
    this.failure ??= new Error("the client workers were closed");
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
};

// src/telemetry/gpu-window.ts
var empty = () => ({ sum: 0, count: 0, max: -Infinity, min: Infinity });
var add = (series, value) => {
  if (value === null) return;
  series.sum += value;
  series.count += 1;
  series.max = Math.max(series.max, value);
  series.min = Math.min(series.min, value);
};
var round1 = (value) => Math.round(value * 10) / 10;
var mean = (series) => series.count === 0 ? null : round1(series.sum / series.count);
var max = (series) => series.count === 0 ? null : series.max;
var min = (series) => series.count === 0 ? null : series.min;
var GpuWindow = class {
  gpus = /* @__PURE__ */ new Map();
  latest = /* @__PURE__ */ new Map();
  add(reading) {
    let gpu = this.gpus.get(reading.index);
    if (gpu === void 0) {
      gpu = { name: reading.name, utilization: empty(), memory: empty(), power: empty(), clock: empty(), temperature: empty(), reasons: /* @__PURE__ */ new Set() };
      this.gpus.set(reading.index, gpu);
    }
    add(gpu.utilization, reading.utilization_pct);
    add(gpu.memory, reading.memory_used_mib);
    add(gpu.power, reading.power_w);
    add(gpu.clock, reading.sm_clock_mhz);
    add(gpu.temperature, reading.temperature_c);
    for (const reason of reading.throttle_reasons) if (reason !== "gpu_idle") gpu.reasons.add(reason);
    const { name: _name, ...sample } = reading;
    this.latest.set(reading.index, sample);
  }
  /** The newest reading of each GPU since the last call, by index; undefined when none arrived. */
  takeLatest() {
    if (this.latest.size === 0) return void 0;
    const readings = [...this.latest.values()].sort((a, b) => a.index - b.index);
    this.latest = /* @__PURE__ */ new Map();
    return readings;
  }
  get empty() {
    return this.gpus.size === 0;
  }
  summary() {
    return [...this.gpus.entries()].sort(([a], [b]) => a - b).map(([index, gpu]) => ({
      index,
      name: gpu.name,
      utilization_pct: { mean: mean(gpu.utilization), max: max(gpu.utilization) },
      memory_used_mib: { max: max(gpu.memory) },
      power_w: { mean: mean(gpu.power) },
      sm_clock_mhz: { mean: mean(gpu.clock), min: min(gpu.clock) },
      temperature_c: { max: max(gpu.temperature) },
      throttle_reasons: [...gpu.reasons].sort()
    }));
  }
};

// src/telemetry/nvidia-smi.ts
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
var REASON_FIELDS = ["clocks_event_reasons.active", "clocks_throttle_reasons.active"];
var GPU_QUERY_FIELDS = ["index", "name", "utilization.gpu", "memory.used", "power.draw", "clocks.sm", "temperature.gpu"];
function nvidiaSmiArgs(intervalMs, reasonField) {
  return [`--query-gpu=${[...GPU_QUERY_FIELDS, reasonField].join(",")}`, "--format=csv,noheader,nounits", "-lms", String(Math.round(intervalMs))];
}
var THROTTLE_REASON_BITS = [
  [0x1n, "gpu_idle"],
  [0x2n, "applications_clocks_setting"],
  [0x4n, "sw_power_cap"],
  [0x8n, "hw_slowdown"],
  [0x10n, "sync_boost"],
  [0x20n, "sw_thermal"],
  [0x40n, "hw_thermal"],
  [0x80n, "hw_power_brake"],
  [0x100n, "display_clocks_setting"]
];
function decodeThrottleReasons(text) {
  let mask;
  try {
    mask = BigInt(text.trim());
  } catch {
    return [];
  }
  const names = [];
  let known = 0n;
  for (const [bit, name] of THROTTLE_REASON_BITS) {
    known |= bit;
    if ((mask & bit) !== 0n) names.push(name);
  }
  const unknown = mask & ~known;
  if (unknown !== 0n) names.push(`0x${unknown.toString(16)}`);
  return names;
}
var numberOrNull = (text) => {
  if (text === void 0) return null;
  const value = Number(text.trim());
  return text.trim() === "" || !Number.isFinite(value) ? null : value;
};
function parseGpuLine(line) {
  const parts = line.split(",").map((part) => part.trim());
  const fields = GPU_QUERY_FIELDS.length + 1;
  if (parts.length < fields) return null;
  const extra = parts.length - fields;
  const name = parts.slice(1, 2 + extra).join(", ");
  const [index, , utilization, memory, power, clock, temperature, reasons] = [parts[0], name, ...parts.slice(2 + extra)];
  const gpuIndex = numberOrNull(index);
  if (gpuIndex === null || !Number.isInteger(gpuIndex)) return null;
  return {
    index: gpuIndex,
    name,
    utilization_pct: numberOrNull(utilization),
    memory_used_mib: numberOrNull(memory),
    power_w: numberOrNull(power),
    sm_clock_mhz: numberOrNull(clock),
    temperature_c: numberOrNull(temperature),
    throttle_reasons: decodeThrottleReasons(reasons ?? "")
  };
}
var spawnNvidiaSmi = (args) => spawn("nvidia-smi", args, { stdio: ["ignore", "pipe", "pipe"] });
function startGpuMonitor(intervalMs, clock, spawnQuery = spawnNvidiaSmi) {
  const listeners = [];
  let child = null;
  let stopped = false;
  const start = (attempt) => {
    let readings = 0;
    let current;
    try {
      current = spawnQuery(nvidiaSmiArgs(intervalMs, REASON_FIELDS[attempt]));
    } catch {
      return;
    }
    child = current;
    current.once("error", () => void 0);
    current.stderr?.resume();
    createInterface({ input: current.stdout }).on("line", (line) => {
      const reading = parseGpuLine(line);
      if (reading === null) return;
      readings++;
      const atMs = clock();
      for (const listener of listeners) listener(reading, atMs);
    });
    current.once("exit", () => {
      if (child === current) child = null;
      if (!stopped && readings === 0 && attempt + 1 < REASON_FIELDS.length) start(attempt + 1);
    });
  };
  start(0);
  return {
    onReading(listener) {
      listeners.push(listener);
    },
    async stop() {
      stopped = true;
      const running = child;
      if (running === null || running.exitCode !== null || running.signalCode !== null) return;
      const exited = new Promise((resolve2) => running.once("exit", () => resolve2()));
      running.kill("SIGTERM");
      const timer = setTimeout(() => running.kill("SIGKILL"), 2e3);
      await exited;
      clearTimeout(timer);
    }
  };
}

// src/telemetry/server-metrics.ts
var import_undici = __toESM(require_undici(), 1);

// src/telemetry/prometheus.ts
var import_parse_prometheus_text_format = __toESM(require_parse_prometheus_text_format_cjs(), 1);
function familyOf(line) {
  if (line.startsWith("#")) {
    const [, keyword, name] = line.split(/[ \t]+/, 3);
    return keyword === "HELP" || keyword === "TYPE" ? name ?? null : null;
  }
  let end = 0;
  while (end < line.length && line[end] !== "{" && line[end] !== " " && line[end] !== "	") end++;
  return line.slice(0, end);
}
function parseKnownSeries(text, names) {
  const kept = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "") continue;
    const family = familyOf(line);
    if (family !== null && names.has(family)) kept.push(line);
  }
  let families;
  try {
    families = (0, import_parse_prometheus_text_format.default)(`${kept.join("\n")}
`);
  } catch {
    return null;
  }
  const series = [];
  for (const family of families) {
    for (const sample of family.metrics) {
      if (sample.value === void 0) continue;
      const value = Number(sample.value);
      if (Number.isNaN(value)) continue;
      series.push({ name: family.name, type: family.type.toLowerCase(), labels: sample.labels ?? {}, value });
    }
  }
  return series;
}
function isExpositionContentType(contentType) {
  if (contentType === void 0) return false;
  const type = contentType.split(";")[0].trim().toLowerCase();
  return type === "text/plain" || type === "application/openmetrics-text";
}

// src/telemetry/server-metrics.ts
var MAX_BODY_BYTES = 8 * 1024 * 1024;
var NAMES = new Set(Object.keys(KNOWN_SERVER_METRICS));
function restrictedMetricsUrl(metricsUrl) {
  const url = new URL(metricsUrl);
  for (const name of NAMES) url.searchParams.append("name[]", name);
  return url;
}
function createMetricsScraper(metricsUrl, headers) {
  const url = restrictedMetricsUrl(metricsUrl);
  const client = new import_undici.Client(url.origin, { pipelining: 1, allowH2: false, connect: { timeout: 5e3 }, keepAliveTimeout: 6e4 });
  return {
    async scrape(deadlineMs) {
      try {
        const response = await client.request({
          path: `${url.pathname}${url.search}`,
          method: "GET",
          headers: { ...headers, accept: "text/plain;version=0.0.4;q=1, */*;q=0.1" },
          signal: AbortSignal.timeout(Math.max(1, Math.ceil(deadlineMs)))
        });
        const contentType = response.headers["content-type"];
        if (response.statusCode !== 200 || !isExpositionContentType(Array.isArray(contentType) ? contentType[0] : contentType)) {
          await response.body.dump();
          return { ok: false, reason: response.statusCode >= 500 ? "failed" : "format" };
        }
        const chunks = [];
        let size = 0;
        for await (const chunk of response.body) {
          size += chunk.length;
          if (size > MAX_BODY_BYTES) {
            response.body.destroy();
            return { ok: false, reason: "failed" };
          }
          chunks.push(chunk);
        }
        const series = parseKnownSeries(Buffer.concat(chunks).toString("utf8"), NAMES);
        return series === null ? { ok: false, reason: "format" } : { ok: true, series };
      } catch {
        return { ok: false, reason: "failed" };
      }
    },
    close: () => client.destroy()
  };
}
var seriesKey = (series) => `${series.name}\0${Object.entries(series.labels).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0).map(([k, v]) => `${k}=${v}`).join("\0")}`;
var kindOf = (series, known) => series.type === "counter" ? "counter" : series.type === "gauge" ? "gauge" : known.kind;
var tidy = (value) => Number(value.toPrecision(6));
var ServerMetricsWindow = class {
  gauges = /* @__PURE__ */ new Map();
  counterDelta = /* @__PURE__ */ new Map();
  lastCounterValue = /* @__PURE__ */ new Map();
  baselineTaken = false;
  /** Adds one scrape; returns the sample's values (gauges as combined, counters as their increase so far). */
  add(series) {
    const combined = /* @__PURE__ */ new Map();
    const seenCounters = /* @__PURE__ */ new Set();
    for (const one of series) {
      const known = KNOWN_SERVER_METRICS[one.name];
      if (known === void 0) continue;
      if (kindOf(one, known) === "counter") {
        const key = seriesKey(one);
        const previous = this.lastCounterValue.get(key);
        const increase = previous === void 0 ? this.baselineTaken ? one.value : 0 : one.value >= previous ? one.value - previous : one.value;
        this.lastCounterValue.set(key, one.value);
        this.counterDelta.set(one.name, (this.counterDelta.get(one.name) ?? 0) + increase);
        seenCounters.add(one.name);
      } else {
        const before = combined.get(one.name);
        combined.set(one.name, before === void 0 ? one.value : known.combine === "max" ? Math.max(before, one.value) : before + one.value);
      }
    }
    this.baselineTaken = true;
    const sample = {};
    for (const [name, value] of combined) {
      const gauge = this.gauges.get(name) ?? { kind: "gauge", sum: 0, count: 0, max: -Infinity, last: value };
      gauge.sum += value;
      gauge.count += 1;
      gauge.max = Math.max(gauge.max, value);
      gauge.last = value;
      this.gauges.set(name, gauge);
      sample[name] = tidy(value);
    }
    for (const name of seenCounters) sample[name] = tidy(this.counterDelta.get(name));
    return sample;
  }
  /** Whether any scrape held a known metric. */
  get empty() {
    return this.gauges.size === 0 && this.counterDelta.size === 0;
  }
  summary() {
    const summary = {};
    for (const name of [...this.gauges.keys(), ...this.counterDelta.keys()].sort()) {
      const gauge = this.gauges.get(name);
      summary[name] = gauge !== void 0 ? { kind: "gauge", mean: tidy(gauge.sum / gauge.count), max: tidy(gauge.max), last: tidy(gauge.last) } : { kind: "counter", delta: tidy(this.counterDelta.get(name)) };
    }
    return summary;
  }
};

// src/telemetry/sampler.ts
var MAX_SAMPLES_PER_TRIAL = 3600;
var nodeTelemetryDeps = {
  clock: monotonicClock,
  createScraper: createMetricsScraper,
  startGpuMonitor: (intervalMs, clock) => startGpuMonitor(intervalMs, clock),
  // Unreferenced: a sampler never holds the process open; each trial clears its own.
  setInterval: (callback, ms) => setInterval(callback, ms).unref(),
  clearInterval: (handle) => clearInterval(handle)
};
var SampleLog = class {
  constructor(cap) {
    this.cap = cap;
  }
  cap;
  samples = [];
  stride = 1;
  offered = 0;
  push(sample) {
    if (this.offered++ % this.stride !== 0) return;
    this.samples.push(sample);
    if (this.samples.length >= this.cap) {
      this.samples = this.samples.filter((_, index) => index % 2 === 0);
      this.stride *= 2;
    }
  }
  list() {
    return this.samples;
  }
};
function openTelemetry(spec, origin, headers, deps = nodeTelemetryDeps, cap = MAX_SAMPLES_PER_TRIAL) {
  if (spec === void 0 || !spec.server_metrics && !spec.gpu) return null;
  const metricsUrl = spec.metrics_url.startsWith("/") ? `${origin}${spec.metrics_url}` : spec.metrics_url;
  const sameOrigin = new URL(metricsUrl).origin === new URL(origin).origin;
  const scraper = spec.server_metrics ? deps.createScraper(metricsUrl, sameOrigin ? headers : {}) : null;
  let serverState = scraper === null ? "off" : "unknown";
  const deadlineMs = Math.min(spec.interval_ms * 0.8, 5e3);
  let current = null;
  const gpu = spec.gpu ? deps.startGpuMonitor(spec.interval_ms, deps.clock) : null;
  gpu?.onReading((reading, atMs) => {
    if (current !== null && atMs >= current.startMs) current.window.add(reading);
  });
  const startTrial = () => {
    const startMs = deps.clock();
    const gpuWindow = new GpuWindow();
    current = { window: gpuWindow, startMs };
    const server = new ServerMetricsWindow();
    const samples = new SampleLog(cap);
    let outstanding = null;
    let missed = 0;
    const record = (tMs, values) => {
      const readings = gpuWindow.takeLatest();
      if (values === void 0 && readings === void 0) return;
      samples.push({ t_ms: Math.round(tMs), ...values !== void 0 ? { server_metrics: values } : {}, ...readings !== void 0 ? { gpu: readings } : {} });
    };
    const scrape = async () => {
      const result = await scraper.scrape(deadlineMs);
      if (result.ok) {
        serverState = "on";
        return server.add(result.series);
      }
      if (result.reason === "format" && serverState === "unknown") serverState = "off";
      else missed++;
      return void 0;
    };
    const tick = () => {
      const tMs = deps.clock() - startMs;
      if (serverState === "off") return record(tMs, void 0);
      if (outstanding !== null) {
        missed++;
        return;
      }
      outstanding = scrape().then((values) => record(tMs, values)).catch(() => void missed++).finally(() => outstanding = null);
    };
    tick();
    const timer = deps.setInterval(tick, spec.interval_ms);
    return {
      async stop() {
        deps.clearInterval(timer);
        await outstanding;
        if (serverState !== "off") record(deps.clock() - startMs, await scrape().catch(() => void 0));
        else record(deps.clock() - startMs, void 0);
        if (current?.window === gpuWindow) current = null;
        if (server.empty && gpuWindow.empty) return void 0;
        return {
          interval_ms: spec.interval_ms,
          ...server.empty ? {} : { server_metrics: server.summary() },
          ...gpuWindow.empty ? {} : { gpu: gpuWindow.summary() },
          samples: samples.list(),
          ...missed > 0 ? { missed_scrapes: missed } : {}
        };
      }
    };
  };
  return {
    startTrial,
    async close() {
      current = null;
      await Promise.all([scraper?.close(), gpu?.stop()]);
    }
  };
}

// src/workload/schedule.ts
function operationalGap(load, random) {
  switch (load.arrival) {
    case "constant":
      return 1;
    case "poisson":
      return random.exponential(1);
    case "gamma":
      return random.gamma(load.burstiness, 1 / load.burstiness);
  }
}
function toWallSeconds(operational, stages) {
  let wall = 0;
  let remaining = operational;
  for (let i = 0; i < stages.length; i++) {
    const stage = stages[i];
    const last = i === stages.length - 1;
    const capacity = stage.rate * stage.seconds;
    if (last || remaining <= capacity) {
      if (stage.rate === 0) {
        wall += stage.seconds;
        continue;
      }
      return wall + remaining / stage.rate;
    }
    remaining -= capacity;
    wall += stage.seconds;
  }
  return wall;
}
function buildSendPlan(load, count, seed, trial) {
  const stages = load.ramp.length > 0 ? load.ramp : load.rate !== void 0 ? [{ rate: load.rate, seconds: Infinity }] : [];
  if (stages.length === 0) return { kind: "closed", concurrency: load.concurrency };
  const random = new Random(seed, "schedule", trial);
  const sendAtMs = new Float64Array(count);
  let operational = 0;
  for (let i = 0; i < count; i++) {
    if (i > 0) operational += operationalGap(load, random);
    sendAtMs[i] = toWallSeconds(operational, stages) * 1e3;
  }
  let span = count > 1 ? sendAtMs[count - 1] - sendAtMs[0] : 0;
  if (load.exact_rate === true && load.rate !== void 0 && span > 0) {
    const factor = (count - 1) * 1e3 / load.rate / span;
    for (let i = 0; i < count; i++) sendAtMs[i] = sendAtMs[i] * factor;
    span = sendAtMs[count - 1] - sendAtMs[0];
  }
  return { kind: "open", sendAtMs, concurrency: load.concurrency ?? null, scheduledRate: span > 0 ? (count - 1) * 1e3 / span : null };
}

// src/runner/conversation-trial.ts
var MAX_ANSWER_CHARS = 1 << 20;
function turnRequest(conversation, turn, history, historyTokens) {
  const planned = conversation.turns[turn];
  return {
    id: conversation.firstId + turn,
    messages: [...history],
    inputTokensTarget: historyTokens,
    maxTokens: planned.maxTokens,
    conversation: conversation.index,
    turn
  };
}
function firstTurnRequest(conversation) {
  return turnRequest(conversation, 0, [...conversation.prefix, { role: "user", content: conversation.turns[0].content }], 0);
}
async function runConversationTrial(input) {
  const { context, watchdog, spec, conversations, plan, clock, signal, thinkTimeMs } = input;
  const firstBodies = conversations.map(
    (conversation) => JSON.stringify(context.adapter.buildBody(firstTurnRequest(conversation), spec))
  );
  const records = [];
  const startMs = clock();
  const startedAt = (/* @__PURE__ */ new Date()).toISOString();
  const converse = async (index, firstScheduledAt) => {
    const conversation = conversations[index];
    const history = [...conversation.prefix];
    let historyTokens = conversation.prefixTokens;
    let scheduledAt = firstScheduledAt;
    for (let turn = 0; turn < conversation.turns.length; turn++) {
      const planned = conversation.turns[turn];
      history.push({ role: "user", content: planned.content });
      historyTokens += planned.tokens;
      const request = turnRequest(conversation, turn, history, historyTokens);
      const body = turn === 0 ? firstBodies[index] : JSON.stringify(context.adapter.buildBody(request, spec));
      if (turn > 0) await waitUntil(scheduledAt, clock, signal);
      if (signal?.aborted === true) return;
      const started = startRequest(context, request, body, scheduledAt, startMs, MAX_ANSWER_CHARS);
      const record = await watchdog.watch(started);
      record.conversation = conversation.index;
      record.turn = turn;
      records.push(record);
      input.onRecord?.(record);
      if (!record.ok) return;
      history.push({ role: "assistant", content: started.answerText() ?? "" });
      historyTokens += record.output_tokens;
      scheduledAt = clock() + thinkTimeMs;
    }
  };
  let next = 0;
  await releaseOnPlan({
    // A closed loop keeps `concurrency` conversations going; an open loop starts each on its schedule.
    plan: loopPlan(plan, conversations.length),
    clock,
    startMs,
    watchdog,
    signal,
    claim: () => next < conversations.length ? { index: next++ } : null,
    run: ({ index }, scheduledAt) => converse(index, scheduledAt)
  });
  records.sort((a, b) => a.id - b.id);
  return { startMs, startedAt, records, interrupted: signal?.aborted === true };
}

// src/runner/phase.ts
function phaseRequests(workload, trial, phase, count) {
  const dataset = workload.dataset ?? null;
  return dataset !== null ? planDatasetPrompts(workload, dataset, trial, phase, count)[Symbol.iterator]() : promptStream(workload, trial, phase, count);
}
function phaseConversations(workload, trial, phase, count) {
  return workload.spec.prompts.source === "conversations" ? planConversations(workload, trial, phase, count) : null;
}
function phaseSends(workload, trial, phase, count) {
  const conversations = phaseConversations(workload, trial, phase, count);
  return conversations === null ? count : plannedTurns(conversations);
}
function firstRequest(workload) {
  const conversations = phaseConversations(workload, 0, "warmup", 1);
  if (conversations !== null) return conversations[0] === void 0 ? void 0 : firstTurnRequest(conversations[0]);
  const next = phaseRequests(workload, 0, "warmup", 1).next();
  return next.done === true ? void 0 : next.value;
}
function runConversations(workload, conversations, input) {
  const thinkTimeMs = (workload.spec.prompts.conversation?.think_time_s ?? 0) * 1e3;
  return runConversationTrial({ ...input, conversations, thinkTimeMs });
}

// src/runner/preflight.ts
var PREFLIGHT_ATTEMPTS = 3;
var PREFLIGHT_MAX_TOKENS = 16;
function final(error) {
  if (error.kind === "http") return error.status !== void 0 && error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429;
  if (error.kind === "timeout") return error.timeout === "connect" || error.timeout === "first_token";
  return error.kind === "protocol" && !error.message.includes("not valid JSON");
}
function hint(error, workload, served) {
  const model = workload.spec.model;
  if (error.kind === "http" && (error.status === 401 || error.status === 403)) return "check the credentials in the workload's headers";
  if (error.kind === "http" && (error.status === 404 || error.status === 400) && model !== void 0) {
    const listed = served.length > 0 ? `; the server lists ${served.slice(0, 5).map((name) => JSON.stringify(name)).join(", ")}${served.length > 5 ? ", \u2026" : ""}` : "";
    return `is model ${JSON.stringify(model)} served there? Check the workload's model or --model${listed}`;
  }
  if (error.kind === "http" && error.status === 404) return `check the workload's api (${workload.spec.api}) and path`;
  if (error.kind === "timeout") return "check that the server is up and serving; the workload's timeouts set how long to wait";
  return "fix the server or the workload before measuring";
}
function describe(error) {
  if (error.kind === "http") return `answered HTTP ${error.status}: ${error.message}`;
  if (error.kind === "timeout") return `timed out (${error.timeout}): ${error.message}`;
  return `failed (${error.kind}): ${error.message}`;
}
async function preflight(input) {
  const { context, watchdog, workload, clock, signal } = input;
  const first = firstRequest(workload);
  const request = { ...first, maxTokens: Math.min(first.maxTokens, PREFLIGHT_MAX_TOKENS) };
  const body = JSON.stringify(context.adapter.buildBody(request, workload.spec));
  let failed = null;
  let attempts = 0;
  while (attempts < PREFLIGHT_ATTEMPTS && signal?.aborted !== true) {
    attempts++;
    const now = clock();
    const started = startRequest(context, request, body, now, now);
    const cancel = () => started.inFlight.abort(new RequestAbort("cancelled", "the run was interrupted during the preflight request"));
    signal?.addEventListener("abort", cancel, { once: true });
    const record = await watchdog.watch(started);
    signal?.removeEventListener("abort", cancel);
    if (record.ok) return record;
    failed = record.error;
    if (failed.kind === "cancelled" || final(failed)) break;
  }
  if (signal?.aborted === true || failed === null || failed.kind === "cancelled") return null;
  const where = `${publicUrl(workload.url)}${workload.path}`;
  const tries = attempts > 1 ? ` (${attempts} tries)` : "";
  throw new InputError(`preflight: the server at ${where} ${describe(failed)}${tries}; ${hint(failed, workload, input.servedModels ?? [])}. Nothing was measured.`);
}

// src/runner/measure.ts
import { performance as performance2 } from "node:perf_hooks";

// src/runner/trial.ts
async function runTrial(input) {
  const { context, watchdog, spec, requests, plan, clock, signal } = input;
  const bodies = requests.map((request) => JSON.stringify(context.adapter.buildBody(request, spec)));
  const records = [];
  let next = 0;
  const source = { claim: () => next < requests.length ? { index: next, request: requests[next], body: bodies[next++] } : null };
  const startMs = clock();
  const startedAt = (/* @__PURE__ */ new Date()).toISOString();
  await runSendLoop({
    context,
    watchdog,
    source,
    plan: loopPlan(plan, requests.length),
    clock,
    startMs,
    ...signal !== void 0 ? { signal } : {},
    onRecord: (record) => {
      if (input.keepRecords !== false) records.push(record);
      input.onRecord?.(record);
    }
  });
  records.sort((a, b) => a.id - b.id);
  return { startMs, startedAt, records, interrupted: signal?.aborted === true };
}

// src/runner/measure.ts
async function openConnections(target, count, signal) {
  if (target.pool != null) await target.pool.open(count, "/health", signal);
  else await target.connections.open(count, "/health", signal);
}
async function runPhase(target, workload, options) {
  const { spec } = workload;
  const signal = options.signal !== void 0 ? { signal: options.signal } : {};
  const sink = options.sink;
  const onRecord = sink !== void 0 ? { onRecord: (record) => sink.add([record], [JSON.stringify(record)]) } : {};
  const conversations = phaseConversations(workload, options.trialIndex, options.phase, options.count);
  if (conversations !== null) {
    return runConversations(workload, conversations, { context: target.context, watchdog: target.watchdog, spec, plan: options.plan, clock: options.clock, ...onRecord, ...signal });
  }
  if (target.pool != null) {
    const run = await target.pool.runPhase({
      prompts: phaseRequests(workload, options.trialIndex, options.phase, options.count),
      count: options.count,
      body: (request) => JSON.stringify(target.context.adapter.buildBody(request, spec)),
      plan: options.plan,
      clock: options.clock,
      ...signal,
      ...sink !== void 0 ? { records: { trial: options.trialIndex, onBatch: (batch) => sink.addBatch(batch) } } : {}
    });
    return { ...run, records: [] };
  }
  const requests = [];
  for (let source = phaseRequests(workload, options.trialIndex, options.phase, options.count), next = source.next(); next.done !== true; next = source.next()) requests.push(next.value);
  return runTrial({ context: target.context, watchdog: target.watchdog, spec, requests, plan: options.plan, clock: options.clock, keepRecords: false, ...onRecord, ...signal });
}
var workerLoops = (pool) => pool?.eventLoopUtilization() ?? null;
function busiestWorker(pool, before) {
  return Math.max(...pool.eventLoopUtilization().map((after, index) => performance2.eventLoopUtilization(after, before[index]).utilization));
}

// src/runner/host-load.ts
import { readFileSync } from "node:fs";
import { performance as performance3 } from "node:perf_hooks";
function cpuCounters(procStat) {
  const line = procStat?.split("\n", 1)[0];
  if (line === void 0 || !line.startsWith("cpu ")) return null;
  const counters = line.trim().split(/\s+/).slice(1, 9).map(Number);
  return counters.length === 8 && counters.every(Number.isFinite) ? counters : null;
}
function stealShare(before, after) {
  const a = cpuCounters(before);
  const b = cpuCounters(after);
  if (a === null || b === null) return null;
  const delta = b.map((value, index) => value - a[index]);
  const total = delta.reduce((sum, value) => sum + value, 0);
  return total > 0 ? delta[7] / total : null;
}
function hostLoadBetween(before, after) {
  const wallMs = after.wallMs - before.wallMs;
  const elu = performance3.eventLoopUtilization(after.elu, before.elu);
  return {
    cpu_steal: stealShare(before.procStat, after.procStat),
    client_cpu: wallMs > 0 ? (after.cpuMicros - before.cpuMicros) / 1e3 / wallMs : 0,
    event_loop_utilization: elu.utilization
  };
}
function readProcStat() {
  try {
    return readFileSync("/proc/stat", "utf8");
  } catch {
    return null;
  }
}
function hostCounters() {
  const usage = process.cpuUsage();
  return { procStat: readProcStat(), cpuMicros: usage.user + usage.system, elu: performance3.eventLoopUtilization(), wallMs: performance3.now() };
}
function roundHostLoad(load) {
  const round = (share) => Math.round(share * 1e4) / 1e4;
  return { cpu_steal: load.cpu_steal === null ? null : round(load.cpu_steal), client_cpu: round(load.client_cpu), event_loop_utilization: round(load.event_loop_utilization) };
}

// src/runner/run.ts
function connectionCount(workload) {
  const { load, requests, warmup } = workload.spec;
  return Math.max(1, Math.min(load.concurrency ?? 32, Math.max(requests, warmup)));
}
async function openTarget(workload, origin, clock = monotonicClock, signal, options = {}) {
  const { spec } = workload;
  const connections = new Connections(origin, { inFlight: spec.load.concurrency ?? null, connectTimeoutMs: spec.timeouts.connect_s * 1e3 });
  const context = createRequestContext(connections, spec.api, workload.path, workload.headers, clock);
  const { redact } = context;
  const opened = await connections.open(1, "/health", signal);
  if (opened.ok === 0) {
    await connections.close();
    if (signal?.aborted === true) throw interruptedBeforeStart();
    throw new InputError(`cannot reach the server at ${publicUrl(origin)} (${redact(opened.firstError ?? "no answer")}); start it, or pass --url`);
  }
  const client = connections.acquire();
  const captureDeadline = AbortSignal.timeout(spec.timeouts.connect_s * 1e3);
  const captureSignal = signal !== void 0 ? AbortSignal.any([captureDeadline, signal]) : captureDeadline;
  const environment = await captureEnvironment(client, origin, workload.headers, spec.model ?? null, { redact, args: workloadServerArgs(spec), signal: captureSignal });
  connections.release(client);
  const watchdog = new Watchdog(spec.timeouts, clock);
  try {
    const passed = await preflight({ context, watchdog, workload, clock, servedModels: environment.server.models ?? [], ...signal !== void 0 ? { signal } : {} });
    if (passed === null) throw interruptedBeforeStart();
  } catch (error) {
    await connections.close();
    throw error;
  }
  const telemetry = openTelemetry(spec.telemetry, origin, workload.headers);
  const onThisThread = clock !== monotonicClock || spec.prompts.source === "conversations";
  const workers = onThisThread ? 0 : workerCount(spec.client?.workers ?? "auto", spec.load.concurrency ?? null, availableParallelism(), spec.trials * (spec.requests + spec.warmup));
  const script = workers > 0 ? options.clientWorker === void 0 ? defaultClientWorker() : options.clientWorker : null;
  const pool = script !== null ? ClientPool.start(workload, origin, workers, script) : null;
  if (pool !== null) await connections.close();
  const close = async () => {
    await Promise.all([telemetry?.close(), connections.close(), pool?.close()]);
  };
  return { origin, connections, context, watchdog, environment, telemetry, pool, close };
}
var interruptedBeforeStart = () => new InputError("interrupted before the first measured request; nothing was measured", 130);
async function runTrialOn(target, workload, trialIndex, options = {}) {
  const { spec } = workload;
  const clock = options.clock ?? monotonicClock;
  const signal = options.signal !== void 0 ? { signal: options.signal } : {};
  await openConnections(target, connectionCount(workload), options.signal);
  if (spec.warmup > 0 && options.signal?.aborted !== true) {
    options.observer?.phase?.(`trial ${trialIndex + 1}: ${spec.warmup} warmup requests`);
    await runPhase(target, workload, { trialIndex, phase: "warmup", count: spec.warmup, plan: { kind: "closed", concurrency: Math.min(spec.warmup, spec.load.concurrency ?? 8) }, clock, ...signal });
  }
  const plan = buildSendPlan(spec.load, spec.requests, spec.seed, trialIndex);
  const targetRate = plan.kind === "open" ? plan.scheduledRate : null;
  const url = publicUrl(target.origin);
  options.journal?.append({ type: "trial", index: trialIndex, started_at: (/* @__PURE__ */ new Date()).toISOString(), url, target_rate: targetRate });
  options.observer?.trialStarted?.(trialIndex, spec.trials, phaseSends(workload, trialIndex, "measured", spec.requests), url);
  const counters = options.hostCounters ?? hostCounters;
  const hostBefore = counters();
  const loopsBefore = workerLoops(target.pool);
  const sampling = target.telemetry?.startTrial();
  const sink = new RecordSink(trialIndex, options.journal ?? null, spec.slo, options.observer);
  const run = await runPhase(target, workload, { trialIndex, phase: "measured", count: spec.requests, plan, clock, sink, ...signal });
  const measuredHost = hostLoadBetween(hostBefore, counters());
  const host = roundHostLoad(loopsBefore !== null ? { ...measuredHost, event_loop_utilization: busiestWorker(target.pool, loopsBefore) } : measuredHost);
  const telemetry = await sampling?.stop();
  const { summary, durationS } = spec.prompts.source === "conversations" ? summarizeTrial({ records: run.records, slo: spec.slo, targetRate }) : summarizeTrialRecords(sink.store, spec.slo, targetRate);
  const trial = {
    index: trialIndex,
    started_at: run.startedAt,
    duration_s: durationS,
    url,
    ...run.interrupted ? { interrupted: true } : {},
    host,
    ...telemetry !== void 0 ? { telemetry } : {},
    requests: [],
    summary
  };
  attachStore(trial, sink.store);
  options.journal?.append({ type: "trial_end", index: trialIndex, interrupted: run.interrupted, host });
  options.observer?.trialDone?.(trial);
  return trial;
}
function journalRunHeader(journal, workload, target, pairing) {
  journal.append({ type: "run", workload: normalisedWorkload(workload), environment: target.environment, created_at: (/* @__PURE__ */ new Date()).toISOString(), ...pairing !== void 0 ? { pairing } : {} });
}
function runSummary(workload, trials) {
  const summary = summarizeTrials(trials, workload.spec.slo);
  return workload.spec.prompts.source === "conversations" ? { ...summary, ...summarizeTurns(trials.map((trial) => trial.requests)) } : summary;
}
function assembleResult(workload, environment, trials, interrupted, createdAt = (/* @__PURE__ */ new Date()).toISOString(), pairing) {
  const result = {
    schema: RESULT_SCHEMA,
    definitions: DEFINITIONS_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    created_at: createdAt,
    workload: normalisedWorkload(workload),
    environment,
    ...interrupted ? { interrupted: true } : {},
    ...pairing !== void 0 ? { pairing } : {},
    notes: observeTrials(trials, workload.spec),
    trials,
    summary: runSummary(workload, trials)
  };
  return result;
}
async function runWorkload(workload, options = {}) {
  const target = await openTarget(workload, workload.url, options.clock, options.signal, options);
  const journal = options.openJournal?.() ?? null;
  if (journal !== null) journalRunHeader(journal, workload, target);
  const trials = [];
  try {
    for (let index = 0; index < workload.spec.trials && options.signal?.aborted !== true; index++) {
      trials.push(await runTrialOn(target, workload, index, { ...options, journal }));
    }
  } finally {
    await target.close();
  }
  return assembleResult(workload, target.environment, trials, options.signal?.aborted === true);
}

// src/server/managed.ts
import { existsSync as existsSync2, statSync } from "node:fs";
import { dirname as dirname2, resolve } from "node:path";

// src/server/log-tail.ts
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
var TAIL_BYTES = 64 * 1024;
var CONTROL = /\u001b\[[0-9;?]*[A-Za-z]|[\u0000-\u0008\u000b-\u001f\u007f]/g;
function logTail(path, options = {}) {
  const maxLines = options.lines ?? 20;
  const lineLength = options.lineLength ?? 300;
  let text;
  let descriptor;
  try {
    descriptor = openSync(path, "r");
    const size = fstatSync(descriptor).size;
    const length = Math.min(size, TAIL_BYTES);
    const buffer = Buffer.alloc(length);
    readSync(descriptor, buffer, 0, length, size - length);
    text = buffer.toString("utf8");
    if (length < size) text = text.slice(text.indexOf("\n") + 1);
  } catch {
    return [];
  } finally {
    if (descriptor !== void 0) closeSync(descriptor);
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
import { spawn as spawn2 } from "node:child_process";
import { closeSync as closeSync2, mkdirSync, openSync as openSync2 } from "node:fs";
import { connect } from "node:net";
import { dirname } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

// src/server/process-group.ts
import { readdirSync, readFileSync as readFileSync2 } from "node:fs";
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
      stat = readFileSync2(`/proc/${entry}/stat`, "utf8");
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
    spawn: (command, args, options) => spawn2(command, [...args], options),
    openLog(path) {
      mkdirSync(dirname(path), { recursive: true });
      return openSync2(path, "w");
    },
    closeLog: (descriptor) => closeSync2(descriptor),
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
  const base = existsSync2(side.workload.source) && statSync(side.workload.source).isFile() ? dirname2(side.workload.source) : process.cwd();
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
  createProgress,
  monotonicClock,
  openTarget,
  runTrialOn,
  journalRunHeader,
  assembleResult,
  runWorkload,
  serverWithCommand,
  serverLogPath,
  withServers
};
