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
  // The index is split into scripts under assets/search/ (src/pipeline/render/search/mod.rs):
  // scripts, so they load from file://. index.js comes on first use, then
  // only the term shards a query needs and the entry chunks of the results
  // on screen. Bucketing mirrors src/pipeline/render/search/mod.rs; tokenising is tokens.js
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

  /** FNV-1a over UTF-16 code units, as `bucket` in src/pipeline/render/search/mod.rs. */
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

  /**
   * Query words (stemmed), Chinese runs (folded), quoted phrases (folded,
   * lower case, spaces collapsed) and the index terms they need.
   */
  function parse(query, index) {
    var words = [], han = [], phrases = [];
    var folded = fold(query, index);
    folded.replace(/["“”]([^"“”]+)["“”]/g, function (_, phrase) {
      var p = phrase.toLowerCase().replace(/\s+/g, " ").trim();
      if (p) phrases.push(p);
      return "";
    });
    T.each(folded, function (w) { words.push(w); }, function (run) { han.push(run); });
    return { words: words, han: han, phrases: phrases, terms: T.tokens(folded) };
  }

  /**
   * The entries for a query, best first. Every English word must be there;
   * a Chinese run needs more than half of its bigrams, so 电信诈骗 finds
   * 電信網絡詐騙 (电信 and 诈骗, not 信诈), ranked by how many it holds and
   * then by occurrences. A "quoted phrase" must appear as written.
   */
  function search(query) {
    return loadPart("index").then(function (index) {
      var q = parse(query, index);
      var terms = q.terms.filter(function (t, i) { return q.terms.indexOf(t) === i; });
      var found = { q: q, index: index, hits: [] };
      if (!terms.length) return found;
      var shards = terms.map(function (t) { return loadPart("terms-" + bucket(t, index.shards)); });
      return Promise.all(shards).then(function (loaded) {
        var words = [], bigrams = [];
        terms.forEach(function (t, i) {
          (T.isHan(Array.from(t)[0]) ? bigrams : words).push(postings(loaded[i], t));
        });
        words.sort(function (a, b) { return a.size - b.size; });
        var need = Math.floor(bigrams.length / 2) + 1;
        // Candidates: the rarest word's entries, or any entry a bigram posts.
        var candidates = new Map();
        (words.length ? [words[0]] : bigrams).forEach(function (list) {
          list.forEach(function (count, id) { candidates.set(id, true); });
        });
        candidates.forEach(function (_, id) {
          var score = 0, held = 0;
          for (var i = 0; i < words.length; i += 1) {
            var count = words[i].get(id);
            if (count === undefined) return;
            score += count;
          }
          bigrams.forEach(function (list) {
            var count = list.get(id);
            if (count !== undefined) { held += 1; score += count; }
          });
          if (bigrams.length && held < need) return;
          found.hits.push({ id: id, held: held, score: score });
        });
        found.hits.sort(function (a, b) { return b.held - a.held || b.score - a.score || a.id - b.id; });
        if (!q.phrases.length) return found;
        return entries(index, found.hits).then(function (texts) {
          found.hits = found.hits.filter(function (hit, i) {
            var text = fold(texts[i].text, index).toLowerCase().replace(/\s+/g, " ");
            return q.phrases.every(function (p) { return text.indexOf(p) !== -1; });
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
    var mark = function (needle, haystack) {
      for (var at = haystack.indexOf(needle); at !== -1 && needle; at = haystack.indexOf(needle, at + needle.length)) ranges.push([at, at + needle.length]);
    };
    q.han.forEach(function (run) {
      // The whole run where it is there, else the bigrams that matched.
      if (folded.indexOf(run) !== -1) mark(run, folded);
      else T.hanTerms(run).forEach(function (bigram) { mark(bigram, folded); });
    });
    var lower = folded.toLowerCase();
    q.phrases.forEach(function (p) {
      if (p.indexOf(" ") === -1 || lower.length !== text.length) return;
      mark(p, lower.replace(/\s/g, " "));
    });
    T.each(text, function (w, start, end) {
      if (q.words.indexOf(w) !== -1) ranges.push([start, end]);
    }, function () {});
    ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    // Overlapping marks (a phrase and its words) become one.
    var merged = [];
    ranges.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push([r[0], r[1]]);
    });
    return merged;
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
      var target = page.querySelector("[data-search-page-results]");
      var more = page.querySelector("[data-search-more]");
      var filters = page.querySelector("[data-search-filters]");
      var params = new URLSearchParams(window.location.search);
      ["doc", "lang", "topic"].forEach(function (name) {
        var select = filters && filters.elements[name];
        if (select && params.get(name) !== null) select.value = params.get(name);
      });
      Promise.all([search(query), loadPart("filters")]).then(function (loaded) {
        var found = loaded[0], by = loaded[1];
        var topicSets = {};
        var entriesOf = function (t) {
          if (!topicSets[t]) {
            var set = new Set(), id = 0;
            (by.topics[t] || []).forEach(function (gap) { id += gap; set.add(id); });
            topicSets[t] = set;
          }
          return topicSets[t];
        };
        /** The document (its place in the list) an entry belongs to. */
        var documentOf = function (id) {
          var lo = 0, hi = by.documents.length - 1;
          while (lo < hi) {
            var mid = (lo + hi + 1) >> 1;
            if (by.documents[mid] <= id) lo = mid; else hi = mid - 1;
          }
          return lo;
        };
        var languageOf = function (id) {
          var d = documentOf(id), n = id - by.documents[d];
          var runs = by.languages[d];
          for (var i = 0; i < runs.length; i += 1) {
            if (n < runs[i][1]) return runs[i][0];
            n -= runs[i][1];
          }
          return "";
        };
        var hits = [], shown = 0;
        var next = function () {
          var batch = hits.slice(shown, shown + PAGE);
          shown += batch.length;
          return entries(found.index, batch).then(function (list) {
            list.forEach(function (entry) {
              var li = document.createElement("li");
              li.appendChild(resultLink(entry, found));
              target.appendChild(li);
            });
            more.hidden = shown >= hits.length;
          });
        };
        var apply = function () {
          var doc = filters ? filters.elements.doc.value : "";
          var lang = filters ? filters.elements.lang.value : "";
          var topic = filters && filters.elements.topic ? filters.elements.topic.value : "";
          hits = found.hits.filter(function (hit) {
            return (doc === "" || documentOf(hit.id) === Number(doc))
              && (lang === "" || languageOf(hit.id) === lang)
              && (topic === "" || entriesOf(Number(topic)).has(hit.id));
          });
          var narrowed = hits.length !== found.hits.length;
          var total = hits.length;
          summary.textContent = total
            ? total + (total === 1 ? " paragraph matches" : " paragraphs match") + " “" + query + "”" + (narrowed ? " with these filters (" + found.hits.length + " without)." : ".")
            : "No results for “" + query + "”" + (narrowed ? " with these filters (" + found.hits.length + " without)." : ".");
          target.textContent = "";
          shown = 0;
          return next();
        };
        if (filters) {
          filters.addEventListener("change", function () {
            var url = new URL(window.location.href);
            ["doc", "lang", "topic"].forEach(function (name) {
              var select = filters.elements[name];
              if (select && select.value !== "") url.searchParams.set(name, select.value);
              else url.searchParams.delete(name);
            });
            window.history.replaceState(null, "", url.href);
            apply().catch(function () { summary.textContent = "The search index could not be loaded."; });
          });
        }
        more.addEventListener("click", function () { next().catch(function () { more.textContent = "The search index could not be loaded."; }); });
        page.hidden = false;
        return apply();
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
