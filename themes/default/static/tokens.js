// The search tokeniser, shared by site.js in the browser and by the test
// vectors run in node (tests/fixtures/tokenizer-vectors.json): it must give
// the terms `tokens` in src/pipeline/render/search/mod.rs gives, which built the index. English
// words are runs of letters and digits (Unicode Alphabetic or Numeric, as
// Rust's char::is_alphanumeric), lowercased one character at a time and
// lightly stemmed; Han characters (BMP and beyond, as `is_han` in
// src/script.rs) make bigrams, or the character itself when alone.
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.ACCORD_TOKENS = api;
})(this, function () {
  "use strict";
  var ALNUM = /^[\p{Alphabetic}\p{N}]$/u;
  var HAN_CHAR = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2fa1f}]/gu;

  /** Whether the code point `c` (a one-character string) is Han. */
  function isHan(c) {
    var cp = c.codePointAt(0);
    return (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) ||
      (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x2fa1f);
  }

  /** The length of `s` in UTF-8 bytes, which is what `stem` in Rust measures. */
  function utf8Length(s) {
    var n = 0;
    for (var c of s) {
      var cp = c.codePointAt(0);
      n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }
    return n;
  }

  /** Light English stemming, as `stem` in src/pipeline/render/search/mod.rs (lengths in UTF-8 bytes). */
  function stem(w) {
    var len = utf8Length(w);
    var ends = function (suffix) { return w.slice(-suffix.length) === suffix; };
    var cut = function (suffix, keep) { return len > keep + suffix.length && ends(suffix); };
    if (cut("ies", 1)) return w.slice(0, -3) + "y";
    if (ends("sses")) return w.slice(0, -2);
    if (cut("ing", 3)) return w.slice(0, -3);
    if (cut("ed", 3)) return w.slice(0, -2);
    if (cut("s", 2) && !ends("ss") && !ends("us") && !ends("is")) return w.slice(0, -1);
    return w;
  }

  /** `text` with each Han character folded by `table` (the index's `fold`). */
  function fold(text, table) {
    return text.replace(HAN_CHAR, function (c) {
      return Object.prototype.hasOwnProperty.call(table, c) ? table[c] : c;
    });
  }

  /**
   * Walks `text` as `each_token` in src/pipeline/render/search/mod.rs does: `word(stemmed, start,
   * end)` for each word and `han(run, start, end)` for each run of Han
   * characters, with UTF-16 offsets into `text`, in order.
   */
  function each(text, word, han) {
    var w = "", wStart = 0, h = "", hStart = 0, at = 0;
    var flushWord = function () { if (w) word(stem(w), wStart, at); w = ""; };
    var flushHan = function () { if (h) han(h, hStart, at); h = ""; };
    for (var c of text) {
      if (isHan(c)) {
        flushWord();
        if (!h) hStart = at;
        h += c;
      } else if (ALNUM.test(c)) {
        flushHan();
        if (!w) wStart = at;
        w += c.toLowerCase();
      } else {
        flushHan();
        flushWord();
      }
      at += c.length;
    }
    flushHan();
    flushWord();
  }

  /** The index terms of a run of Han characters: its bigrams, or the lone character. */
  function hanTerms(run) {
    var chars = Array.from(run);
    if (chars.length === 1) return chars;
    var out = [];
    for (var i = 0; i + 1 < chars.length; i += 1) out.push(chars[i] + chars[i + 1]);
    return out;
  }

  /** The index terms of (folded) `text`, as `tokens` in src/pipeline/render/search/mod.rs. */
  function tokens(text) {
    var out = [];
    each(text, function (w) { out.push(w); }, function (run) {
      hanTerms(run).forEach(function (t) { out.push(t); });
    });
    return out;
  }

  return { isHan: isHan, stem: stem, fold: fold, each: each, hanTerms: hanTerms, tokens: tokens };
});
