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
  // A printed page keeps where each fact comes from: closed <details> open
  // for printing (browsers without ::details-content print them closed).
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (d) {
      d.setAttribute("open", "");
      d.setAttribute("data-opened-for-print", "");
    });
  });
  window.addEventListener("afterprint", function () {
    document.querySelectorAll("details[data-opened-for-print]").forEach(function (d) {
      d.removeAttribute("open");
      d.removeAttribute("data-opened-for-print");
    });
  });

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
  // The index is split into scripts under assets/search/ (src/search.rs):
  // scripts, so they load from file://. index.js comes on first use, then
  // only the term shards a query needs and the entry chunks of the results
  // on screen. Bucketing mirrors src/search.rs; tokenising is tokens.js
  // (loaded before this script), which the test vectors check against it.
  var rootPrefix = root.getAttribute("data-root") || "";
  var T = window.ACCORD_TOKENS;
  var PAGE = 50;
  var parts = {};
  var loading = {};
  window.ACCORD_SEARCH_LOADED = function (name, data) { parts[name] = data; };

  function loadPart(name) {
    if (parts[name]) return Promise.resolve(parts[name]);
    if (!loading[name]) {
      loading[name] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = rootPrefix + "assets/search/" + name + ".js";
        script.onload = function () { if (parts[name]) resolve(parts[name]); else reject(new Error(name)); };
        script.onerror = function () { delete loading[name]; reject(new Error(name)); };
        document.head.appendChild(script);
      });
    }
    return loading[name];
  }

  /** FNV-1a over UTF-16 code units, as `bucket` in src/search.rs. */
  function bucket(term, shards) {
    var h = 0x811c9dc5;
    for (var i = 0; i < term.length; i += 1) { h ^= term.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
    return h % shards;
  }

  /** A term's postings, `[gap, count, …]`, as a map from entry to count. */
  function postings(shard, term) {
    var flat = Object.prototype.hasOwnProperty.call(shard, term) ? shard[term] : [];
    var map = new Map(), id = 0;
    for (var i = 0; i < flat.length; i += 2) { id += flat[i]; map.set(id, flat[i + 1]); }
    return map;
  }

  function fold(text, index) { return T.fold(text, index.fold); }

  /** Query words (stemmed), Chinese runs (folded), and the index terms they need. */
  function parse(query, index) {
    var words = [], han = [];
    T.each(fold(query, index), function (w) { words.push(w); }, function (run) { han.push(run); });
    return { words: words, han: han, terms: T.tokens(fold(query, index)) };
  }

  /** The entries holding every term of a query, most occurrences first. */
  function search(query) {
    return loadPart("index").then(function (index) {
      var q = parse(query, index);
      var terms = q.terms.filter(function (t, i) { return q.terms.indexOf(t) === i; });
      var found = { q: q, index: index, hits: [] };
      if (!terms.length) return found;
      var shards = terms.map(function (t) { return loadPart("terms-" + bucket(t, index.shards)); });
      return Promise.all(shards).then(function (loaded) {
        var lists = terms.map(function (t, i) { return postings(loaded[i], t); });
        lists.sort(function (a, b) { return a.size - b.size; });
        lists[0].forEach(function (count, id) {
          var score = count;
          for (var i = 1; i < lists.length; i += 1) {
            var more = lists[i].get(id);
            if (more === undefined) return;
            score += more;
          }
          found.hits.push({ id: id, score: score });
        });
        found.hits.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
        // Every bigram of a longer Chinese run can match where the run does not.
        if (!q.han.some(function (run) { return Array.from(run).length > 2; })) return found;
        return entries(index, found.hits).then(function (texts) {
          found.hits = found.hits.filter(function (hit, i) {
            var folded = fold(texts[i].text, index);
            return q.han.every(function (run) { return folded.indexOf(run) !== -1; });
          });
          return found;
        });
      });
    });
  }

  /** The entries of `hits` ({href, title, anchor, lang, text}), loading their chunks. */
  function entries(index, hits) {
    var starts = index.chunks;
    var chunkOf = function (id) {
      var lo = 0, hi = starts.length - 1;
      while (lo < hi) {
        var mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= id) lo = mid; else hi = mid - 1;
      }
      return lo;
    };
    var chunks = hits.map(function (hit) { return chunkOf(hit.id); });
    var needed = Array.from(new Set(chunks));
    return Promise.all(needed.map(function (k) { return loadPart("entries-" + k); })).then(function () {
      return hits.map(function (hit, i) {
        var chunk = parts["entries-" + chunks[i]];
        var e = chunk.entries[hit.id - starts[chunks[i]]], doc = chunk.docs[e[0]];
        return { href: doc[0] + "#" + e[1], title: doc[1], anchor: e[1], lang: e[2], text: e[3] };
      });
    });
  }

  /** Where the query matches in a text, as [start, end] pairs. */
  function matches(text, folded, q) {
    var ranges = [];
    q.han.forEach(function (run) {
      for (var at = folded.indexOf(run); at !== -1; at = folded.indexOf(run, at + run.length)) ranges.push([at, at + run.length]);
    });
    T.each(text, function (w, start, end) {
      if (q.words.indexOf(w) !== -1) ranges.push([start, end]);
    }, function () {});
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

  function resultLink(entry, found, id) {
    var a = document.createElement("a");
    a.className = "search-result";
    a.href = rootPrefix + entry.href;
    if (id) { a.id = id; a.setAttribute("role", "option"); a.setAttribute("aria-selected", "false"); }
    var where = document.createElement("span");
    where.className = "where";
    where.textContent = entry.title + " · " + entry.anchor;
    a.appendChild(where);
    var ranges = matches(entry.text, fold(entry.text, found.index), found.q);
    var snip = snippet(entry.text, ranges);
    snip.lang = entry.lang;
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
      search(query).then(function (found) {
        return entries(found.index, found.hits.slice(0, 8)).then(function (top) {
          if (input.value.trim() !== query) return; // a newer query is on its way
          var total = found.hits.length;
          list.textContent = "";
          active = -1;
          if (!total) {
            var none = document.createElement("p");
            none.className = "search-empty";
            none.textContent = "No results for “" + query + "”.";
            list.appendChild(none);
          }
          top.forEach(function (entry, i) { list.appendChild(resultLink(entry, found, "sr-" + i)); });
          if (total > 8) {
            var more = document.createElement("a");
            more.className = "search-result";
            more.href = rootPrefix + "search/index.html?q=" + encodeURIComponent(query);
            more.textContent = "All " + total + " results";
            list.appendChild(more);
          }
          list.hidden = false;
          input.setAttribute("aria-expanded", "true");
          status.textContent = total ? total + (total === 1 ? " result" : " results") : "No results";
        });
      }).catch(function () { status.textContent = "The search index could not be loaded."; });
    };
    input.addEventListener("focus", function () { loadPart("index").catch(function () {}); });
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
    // The plain index stays for browsing; its "needs JavaScript" line is
    // false once this script runs.
    var fallback = document.querySelector("[data-search-fallback]");
    if (fallback) fallback.textContent = "Every page of the site, for browsing:";
    var query = new URLSearchParams(window.location.search).get("q");
    if (page && query) {
      input.value = query;
      var summary = page.querySelector("[data-search-summary]");
      search(query).then(function (found) {
        var target = page.querySelector("[data-search-page-results]");
        var more = page.querySelector("[data-search-more]");
        var total = found.hits.length, shown = 0;
        var next = function () {
          var batch = found.hits.slice(shown, shown + PAGE);
          shown += batch.length;
          return entries(found.index, batch).then(function (list) {
            list.forEach(function (entry) {
              var li = document.createElement("li");
              li.appendChild(resultLink(entry, found));
              target.appendChild(li);
            });
            more.hidden = shown >= total;
          });
        };
        summary.textContent = total
          ? total + (total === 1 ? " paragraph matches" : " paragraphs match") + " “" + query + "”."
          : "No results for “" + query + "”.";
        more.addEventListener("click", function () { next().catch(function () { more.textContent = "The search index could not be loaded."; }); });
        page.hidden = false;
        return next();
      }).catch(function () {
        summary.textContent = "The search index could not be loaded.";
        page.hidden = false;
      });
    }
  }
})();

// Cite one paragraph: a Cite button beside each paragraph's permalink fills
// the document's Cite control with that paragraph and its permalink, taken
// from the page's own address so it is right on any host and from disk.
// Without JavaScript the control cites the whole document.
(function () {
  var box = document.getElementById('cite');
  if (!box) return;
  var scope = box.querySelector('.cite-scope');
  var texts = Array.prototype.slice.call(box.querySelectorAll('.cite-text'));
  texts.forEach(function (t) { t.setAttribute('data-whole', t.textContent); });

  function cite(anchor) {
    var link = location.href.split('#')[0] + '#' + anchor;
    texts.forEach(function (t) {
      var whole = t.getAttribute('data-whole');
      t.textContent = t.getAttribute('data-style') === 'bibtex'
        ? whole.replace(/\n\}$/, '\n  addendum = {Paragraph ' + anchor + ', ' + link + '},\n}')
        : whole + ' Paragraph ' + anchor + ', ' + link + '.';
    });
    scope.textContent = 'These cite paragraph ' + anchor + '. ';
    var whole = document.createElement('button');
    whole.type = 'button';
    whole.className = 'cite-whole';
    whole.textContent = 'Cite the whole document';
    whole.addEventListener('click', function () {
      texts.forEach(function (t) { t.textContent = t.getAttribute('data-whole'); });
      scope.textContent = scope.getAttribute('data-whole');
    });
    scope.appendChild(whole);
  }

  document.querySelectorAll('.segment[id] > .permalink').forEach(function (permalink) {
    var anchor = permalink.parentNode.id;
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'cite-paragraph';
    button.textContent = 'Cite';
    button.setAttribute('aria-label', 'Cite paragraph ' + anchor);
    button.addEventListener('click', function () {
      cite(anchor);
      box.open = true;
      box.scrollIntoView({ block: 'start' });
      box.querySelector('summary').focus();
    });
    permalink.insertAdjacentElement('afterend', button);
  });
})();
