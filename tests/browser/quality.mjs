// Quality gates in headless Chromium: axe-core finds no serious or critical
// violation, pages make no request to another origin and log no error, the
// skip link and focus are visible, every control is reachable by keyboard;
// screenshots at 1280 px and 390 px.
// Usage: node quality.mjs SITE_DIR SCREENSHOT_DIR
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { assert, launch, openPage, run } from "./harness.mjs";

const [site, shots] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const axePath = require.resolve("axe-core/axe.min.js");
const slug = "2023-china-australia-law-enforcement-working-group";
const PAGES = {
  home: "index.html",
  document: "documents/2017-lecd-summary-of-outcomes/index.html",
  "document-bilingual-doc": `documents/${slug}/index.html`,
  topic: "topics/telecom-fraud/index.html",
  compare: "compare/index.html",
  bilingual: `documents/${slug}/bilingual/index.html`,
  source: "documents/2017-lecd-summary-of-outcomes/source/index.html",
  entity: "entities/guo-shengkun/index.html",
  timeline: "timeline/index.html",
  search: "search/index.html",
};
const browser = await launch();

const open = (rel, width) => openPage(browser, pathToFileURL(path.join(site, rel)).href, { width });

const checks = [];
for (const [name, rel] of Object.entries(PAGES)) {
  for (const width of [1280, 390]) {
    checks.push([`${name} at ${width} px: no serious accessibility violation, no error, no foreign request`, async () => {
      const { p, context, errors: problems } = await open(rel, width);
      await p.addScriptTag({ path: axePath });
      const result = await p.evaluate(async () => window.axe.run(document, { resultTypes: ["violations"] }));
      const serious = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      const described = serious.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
      await p.screenshot({ path: path.join(shots, `${name}-${width}.png`), fullPage: width === 390 ? false : true });
      assert(serious.length === 0, described.join("; "));
      assert(problems.length === 0, problems.join("; "));
      if (width === 390) {
        const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert(overflow <= 1, `the page scrolls sideways by ${overflow}px on a phone`);
      }
      await context.close();
    }]);
  }
  checks.push([`${name}: skip link, visible focus, every control reachable by keyboard`, async () => {
    const { p, context } = await open(rel, 1280);
    await p.keyboard.press("Tab");
    const skip = await p.evaluate(() => {
      const a = document.activeElement, r = a.getBoundingClientRect();
      return { cls: a.className, visible: r.top >= 0 && r.height > 0 && r.width > 0 };
    });
    assert(skip.cls === "skip-link" && skip.visible, `first Tab reaches a visible skip link (${skip.cls})`);
    await p.keyboard.press("Enter");
    assert(await p.evaluate(() => document.activeElement.id === "main"), "the skip link moves focus to the main content");
    const controls = await p.$$eval("button, input, select, textarea, [tabindex]:not([tabindex='-1'])", (els) =>
      els.filter((e) => e.offsetParent !== null).map((e, i) => { e.dataset.qa = String(i); return String(i); }));
    await p.evaluate(() => document.body.focus());
    await p.focus("body");
    const reached = new Set();
    let unstyled = [];
    for (let i = 0; i < 800 && reached.size < controls.length; i += 1) {
      await p.keyboard.press("Tab");
      const info = await p.evaluate(() => {
        const a = document.activeElement;
        const s = getComputedStyle(a);
        const focusVisible = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0 || s.boxShadow !== "none";
        return { qa: a.dataset.qa || null, focusVisible, tag: a.tagName, text: (a.textContent || "").trim().slice(0, 30) };
      });
      if (info.qa) reached.add(info.qa);
      if (!info.focusVisible && info.tag !== "BODY") unstyled.push(`${info.tag} ${info.text}`);
    }
    const missing = controls.filter((c) => !reached.has(c));
    assert(missing.length === 0, `${missing.length} controls not reached by Tab`);
    unstyled = [...new Set(unstyled)];
    assert(unstyled.length === 0, `focus not visible on: ${unstyled.slice(0, 5).join("; ")}`);
    await context.close();
  }]);
}
await run(checks);
await browser.close();
