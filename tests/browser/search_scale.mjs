// Search in a generated site of a few hundred documents, whose index is split
// into many term shards and entry chunks: a query loads the index, the
// shards of its terms and the chunks of the results on screen, nothing more.
// Usage: node search_scale.mjs SITE_DIR SCREENSHOT_DIR
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { assert, launch, openPage, run } from "./harness.mjs";

const [site] = process.argv.slice(2);
const url = (rel) => pathToFileURL(path.join(site, rel)).href;
const files = fs.readdirSync(path.join(site, "assets/search"));
const browser = await launch();

const open = (rel) => openPage(browser, url(rel));

const loaded = (p) => p.$$eval('script[src*="assets/search/"]', (ss) => ss.map((s) => s.src.split("/").pop()));

await run([
  ["a common word loads one shard and the chunks of eight results", async () => {
    const { p, context, errors } = await open("index.html");
    await p.fill("#search-box", "cooperation");
    await p.waitForSelector("#search-results [role=option]");
    const options = await p.$$eval("#search-results [role=option]", (as) => as.length);
    assert(options === 8, `${options} results shown`);
    const all = await p.$eval("#search-results a:not([role=option])", (a) => a.textContent);
    const total = Number(all.match(/All (\d+) results/)[1]);
    assert(total > 100, all);
    const scripts = await loaded(p);
    const shards = scripts.filter((s) => s.startsWith("terms-"));
    const chunks = scripts.filter((s) => s.startsWith("entries-"));
    assert(scripts.includes("index.js") && shards.length === 1, scripts.join());
    assert(chunks.length >= 1 && chunks.length <= 8, scripts.join());
    assert(scripts.length < files.length / 4, `${scripts.length} of ${files.length} files loaded`);
    assert(errors.length === 0, errors.join("; "));
    await context.close();
  }],
  ["a result leads to its paragraph", async () => {
    const { p, context } = await open("index.html");
    await p.fill("#search-box", "fentanyl");
    await p.waitForSelector("#search-results [role=option]");
    const href = await p.$eval("#search-results [role=option]", (a) => a.href);
    await p.goto(href);
    const id = decodeURIComponent(new URL(href).hash.slice(1));
    assert(await p.isVisible(`[id="${id}"]`), `#${id} on ${href}`);
    await context.close();
  }],
  ["a Chinese phrase in Simplified finds Traditional text, checked against the text", async () => {
    const { p, context } = await open("index.html");
    await p.fill("#search-box", "电信诈骗");
    await p.waitForSelector("#search-results [role=option]");
    const marks = await p.$$eval("#search-results mark", (ms) => ms.map((m) => m.textContent));
    assert(marks.length > 0 && marks.every((m) => m.length >= 4), `marks ${marks}`);
    await context.close();
  }],
  ["the search page shows fifty results at a time", async () => {
    const { p, context, errors } = await open("index.html");
    await p.goto(url("search/index.html") + "?q=cooperation");
    await p.waitForSelector("[data-search-page-results] li");
    const count = () => p.$$eval("[data-search-page-results] li", (l) => l.length);
    assert((await count()) === 50, `${await count()} shown first`);
    const summary = await p.$eval("[data-search-summary]", (e) => e.textContent);
    const total = Number(summary.match(/^(\d+)/)[1]);
    assert(total > 100, summary);
    await p.focus("[data-search-more]");
    await p.keyboard.press("Enter");
    await p.waitForFunction(() => document.querySelectorAll("[data-search-page-results] li").length === 100);
    assert(await p.isVisible("[data-search-more]"), "more to show");
    assert(errors.length === 0, errors.join("; "));
    await context.close();
  }],
]);
await browser.close();
