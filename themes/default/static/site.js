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

})();
