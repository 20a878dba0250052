// Enhancements shared by every page. Pages are complete without them.
// The Chinese script choice is kept in localStorage, so it holds across
// pages (file:// pages share one storage in Chromium and Firefox).
(function () {
  "use strict";
  var KEY = "accord-chinese-script";
  var root = document.documentElement;

  function stored() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function store(value) {
    try { window.localStorage.setItem(KEY, value); } catch (e) { /* private mode: choice lasts this page */ }
  }
  function applyScript(script) {
    root.setAttribute("data-script", script === "hans" ? "hans" : "hant");
    document.querySelectorAll("[data-script-toggle] button").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-script") === root.getAttribute("data-script")));
    });
  }

  applyScript(stored());
  var toggle = document.querySelector("[data-script-toggle]");
  if (toggle && document.querySelector(".hans")) {
    toggle.hidden = false;
    toggle.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-script]");
      if (!button) return;
      var script = button.getAttribute("data-script");
      store(script);
      applyScript(script);
    });
  }

  var languages = document.querySelector("[data-language-toggle]");
  var table = document.querySelector(".bi-table");
  if (languages && table) {
    languages.hidden = false;
    languages.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-show]");
      if (!button) return;
      table.setAttribute("data-show", button.getAttribute("data-show"));
      languages.querySelectorAll("button").forEach(function (b) {
        b.setAttribute("aria-pressed", String(b === button));
      });
    });
  }


  // ---- Search -----------------------------------------------------------
  // The index is a script (assets/search-index.js) so it loads from file://;
  // it is fetched on first use only. Tokenising mirrors src/search.rs.
  var rootPrefix = root.getAttribute("data-root") || "";
  var HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
  var waiting = null;

  function loadIndex(done, failed) {
    if (window.ACCORD_SEARCH_INDEX) { done(window.ACCORD_SEARCH_INDEX); return; }
    if (waiting) { waiting.push([done, failed]); return; }
    waiting = [[done, failed]];
    var script = document.createElement("script");
    script.src = rootPrefix + "assets/search-index.js";
    script.onload = function () { var w = waiting; waiting = null; w.forEach(function (p) { p[0](window.ACCORD_SEARCH_INDEX); }); };
    script.onerror = function () { var w = waiting; waiting = null; w.forEach(function (p) { p[1](); }); };
    document.head.appendChild(script);
  }

  function stem(w) {
    var cut = function (suffix, keep) { return w.length > keep + suffix.length && w.slice(-suffix.length) === suffix; };
    if (cut("ies", 1)) return w.slice(0, -3) + "y";
    if (w.slice(-4) === "sses") return w.slice(0, -2);
    if (cut("ing", 3)) return w.slice(0, -3);
    if (cut("ed", 3)) return w.slice(0, -2);
    if (cut("s", 2) && !/(ss|us|is)$/.test(w)) return w.slice(0, -1);
    return w;
  }

  function fold(text, index) {
    return text.replace(/[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/g, function (c) { return index.fold[c] || c; });
  }

  /** Query words (stemmed), Chinese runs (folded), and the index terms they need. */
  function parse(query, index) {
    var words = [], han = [], terms = [];
    (fold(query, index).match(/[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[^\s\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff.,;:!?"'()\[\]]+/g) || []).forEach(function (part) {
      if (HAN.test(part)) {
        han.push(part);
        if (part.length === 1) terms.push(part);
        for (var i = 0; i + 1 < part.length; i += 1) terms.push(part.slice(i, i + 2));
      } else {
        part.toLowerCase().split(/[^\p{L}\p{N}]+/u).forEach(function (w) {
          if (w) { words.push(stem(w)); terms.push(stem(w)); }
        });
      }
    });
    return { words: words, han: han, terms: terms };
  }

  function search(query, index) {
    var q = parse(query, index);
    if (!q.terms.length) return [];
    var candidates = null;
    q.terms.forEach(function (t) {
      var list = index.terms[t] || [];
      candidates = candidates === null ? list.slice() : candidates.filter(function (id) { return list.indexOf(id) !== -1; });
    });
    var results = [];
    (candidates || []).forEach(function (id) {
      var entry = index.entries[id];
      var folded = fold(entry[4], index);
      if (!q.han.every(function (run) { return folded.indexOf(run) !== -1; })) return;
      var ranges = matches(entry[4], folded, q);
      results.push({ id: id, entry: entry, ranges: ranges });
    });
    results.sort(function (a, b) { return b.ranges.length - a.ranges.length || a.id - b.id; });
    return results;
  }

  /** Where the query matches in a text, as [start, end] pairs. */
  function matches(text, folded, q) {
    var ranges = [];
    q.han.forEach(function (run) {
      for (var at = folded.indexOf(run); at !== -1; at = folded.indexOf(run, at + run.length)) ranges.push([at, at + run.length]);
    });
    var re = /[\p{L}\p{N}]+/gu, m;
    while ((m = re.exec(text)) !== null) {
      if (!HAN.test(m[0]) && q.words.indexOf(stem(m[0].toLowerCase())) !== -1) ranges.push([m.index, m.index + m[0].length]);
    }
    return ranges.sort(function (a, b) { return a[0] - b[0]; });
  }

  /** A snippet around the first match, with every match marked. */
  function snippet(text, ranges) {
    var span = document.createElement("span");
    span.className = "snippet";
    var first = ranges.length ? ranges[0][0] : 0;
    var start = Math.max(0, first - 60), end = Math.min(text.length, start + 220);
    if (start > 0) span.appendChild(document.createTextNode("…"));
    var at = start;
    ranges.forEach(function (r) {
      if (r[0] < at || r[1] > end) return;
      span.appendChild(document.createTextNode(text.slice(at, r[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(r[0], r[1]);
      span.appendChild(mark);
      at = r[1];
    });
    span.appendChild(document.createTextNode(text.slice(at, end)));
    if (end < text.length) span.appendChild(document.createTextNode("…"));
    return span;
  }

  function resultLink(result, id) {
    var a = document.createElement("a");
    a.className = "search-result";
    a.href = rootPrefix + result.entry[0];
    if (id) { a.id = id; a.setAttribute("role", "option"); a.setAttribute("aria-selected", "false"); }
    var where = document.createElement("span");
    where.className = "where";
    where.textContent = result.entry[1] + " · " + result.entry[2];
    a.appendChild(where);
    var snip = snippet(result.entry[4], result.ranges);
    snip.lang = result.entry[3];
    a.appendChild(snip);
    return a;
  }

  var form = document.querySelector("[data-search]");
  if (form) {
    var input = form.querySelector("input");
    var list = form.querySelector("[role=listbox]");
    var status = form.querySelector("[data-search-status]");
    var active = -1;
    var timer = null;
    form.hidden = false;

    var close = function () {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    };
    var options = function () { return list.querySelectorAll("[role=option]"); };
    var setActive = function (n) {
      var all = options();
      if (!all.length) return;
      active = (n + all.length) % all.length;
      all.forEach(function (o, i) { o.setAttribute("aria-selected", String(i === active)); });
      input.setAttribute("aria-activedescendant", all[active].id);
      all[active].scrollIntoView({ block: "nearest" });
    };
    var show = function () {
      var query = input.value.trim();
      if (!query) { close(); status.textContent = ""; return; }
      loadIndex(function (index) {
        var results = search(query, index);
        list.textContent = "";
        active = -1;
        if (!results.length) {
          var none = document.createElement("p");
          none.className = "search-empty";
          none.textContent = "No results for “" + query + "”.";
          list.appendChild(none);
        }
        results.slice(0, 8).forEach(function (r, i) { list.appendChild(resultLink(r, "sr-" + i)); });
        if (results.length > 8) {
          var more = document.createElement("a");
          more.className = "search-result";
          more.href = rootPrefix + "search/index.html?q=" + encodeURIComponent(query);
          more.textContent = "All " + results.length + " results";
          list.appendChild(more);
        }
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        status.textContent = results.length ? results.length + (results.length === 1 ? " result" : " results") : "No results";
      }, function () { status.textContent = "The search index could not be loaded."; });
    };
    input.addEventListener("focus", function () { loadIndex(function () {}, function () {}); });
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(show, 80); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") { event.preventDefault(); if (list.hidden) show(); else setActive(active + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); setActive(active - 1); }
      else if (event.key === "Escape") { close(); }
      else if (event.key === "Enter") {
        var all = options();
        var target = all[active >= 0 ? active : 0];
        if (target && !list.hidden) { event.preventDefault(); window.location.href = target.href; }
      }
    });
    document.addEventListener("click", function (event) { if (!form.contains(event.target)) close(); });
    document.addEventListener("keydown", function (event) {
      var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName) || event.target.isContentEditable;
      if (event.key === "/" && !typing) { event.preventDefault(); input.focus(); }
    });

    var page = document.querySelector("[data-search-page]");
    var query = new URLSearchParams(window.location.search).get("q");
    if (page && query) {
      input.value = query;
      loadIndex(function (index) {
        var results = search(query, index);
        var target = page.querySelector("[data-search-page-results]");
        results.forEach(function (r) { var li = document.createElement("li"); li.appendChild(resultLink(r)); target.appendChild(li); });
        page.querySelector("[data-search-summary]").textContent = results.length
          ? results.length + (results.length === 1 ? " paragraph matches" : " paragraphs match") + " “" + query + "”."
          : "No results for “" + query + "”.";
        page.hidden = false;
      }, function () {});
    }
  }
})();
