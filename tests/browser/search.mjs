// Search in headless Chromium against the built site opened from file://.
// Usage: node search.mjs SITE_DIR SCREENSHOT_DIR
import path from "node:path";
import { pathToFileURL } from "node:url";
import { assert, launch, openPage, run } from "./harness.mjs";

const [site, shots] = process.argv.slice(2);
const url = (rel) => pathToFileURL(path.join(site, rel)).href;
const browser = await launch();

const open = (rel, options) => openPage(browser, url(rel), options);

/** Types a query and returns the results shown: [{href, where, marks}]. */
async function query(p, text) {
  await p.fill("#search-box", text);
  await p.waitForFunction(() => !document.querySelector("#search-results").hidden
    && document.querySelector("[data-search-status]").textContent !== "");
  return p.$$eval("#search-results [role=option]", (as) => as.map((a) => ({
    href: a.href, where: a.querySelector(".where").textContent,
    marks: Array.from(a.querySelectorAll("mark")).map((m) => m.textContent),
  })));
}

await run([
  ["the index loads only on first use", async () => {
    const { p, context } = await open("index.html");
    // Chromium keeps no resource timing for file://, so count the script tags.
    const loaded = () => p.$$eval('script[src*="assets/search/"]', (ss) => ss.map((s) => s.src.split("/").pop()));
    assert((await loaded()).length === 0, "nothing loaded with the page");
    await p.focus("#search-box");
    await p.waitForFunction(() => "ACCORD_SEARCH_LOADED" in window && document.querySelector('script[src$="assets/search/index.js"]'));
    assert((await loaded()).join() === "index.js", `only the index: ${await loaded()}`);
    await context.close();
  }],
  ["fentanyl finds the paragraph on counter-narcotics, highlighted", async () => {
    const { p, context, errors } = await open("index.html");
    const results = await query(p, "fentanyl");
    assert(results.length >= 1, "a result");
    assert(results[0].href.endsWith("documents/2017-lecd-summary-of-outcomes/index.html#en-4"), results[0].href);
    assert(results[0].marks.some((m) => m.toLowerCase() === "fentanyl"), `marks ${results[0].marks}`);
    assert(errors.length === 0, errors.join("; "));
    await context.close();
  }],
  ["Guo Shengkun is found in three documents", async () => {
    const { p, context } = await open("index.html");
    const results = await query(p, "Guo Shengkun");
    const docs = new Set(results.map((r) => r.href.split("/documents/")[1].split("/")[0]));
    assert(docs.size === 3, `documents: ${[...docs]}`);
    await context.close();
  }],
  ["电信诈骗 in Simplified finds the Traditional text of the 2023 statement", async () => {
    const { p, context } = await open("index.html");
    const results = await query(p, "电信诈骗");
    assert(results.some((r) => r.href.includes("2023-china-australia-law-enforcement-working-group/index.html#zh-")), JSON.stringify(results));
    const marked = results.flatMap((r) => r.marks);
    assert(marked.includes("電信詐騙") || marked.includes("電信網絡詐騙") || marked.some((m) => m.startsWith("電信")), `marks ${marked}`);
    await p.screenshot({ path: path.join(shots, "search-zh-1280.png") });
    await context.close();
  }],
  ["a Chinese query finds paragraphs holding most of its bigrams, the whole run first", async () => {
    const { p, context } = await open("index.html");
    const results = await query(p, "电信诈骗");
    // 電信詐騙 holds all three bigrams; 電信網絡詐騙 two of three (电信, 诈骗).
    const whole = results.findIndex((r) => r.marks.includes("電信詐騙"));
    const most = results.findIndex((r) => r.marks.includes("電信") && r.marks.includes("詐騙"));
    assert(whole !== -1, `the exact run: ${JSON.stringify(results)}`);
    assert(most !== -1, `most of the bigrams: ${JSON.stringify(results)}`);
    assert(whole < most, `ranked by bigrams held: ${whole} before ${most}`);
    await context.close();
  }],
  ["a quoted phrase must appear as written", async () => {
    const { p, context } = await open("index.html");
    const phrase = await query(p, '"safe haven"');
    const docs = new Set(phrase.map((r) => r.href.split("/documents/")[1].split("/")[0]));
    assert(docs.has("2015-johnson-guo-ministerial-meeting") && docs.has("2017-lecd-summary-of-outcomes"), [...docs].join());
    assert(phrase.every((r) => r.marks.some((m) => m.toLowerCase() === "safe haven")), JSON.stringify(phrase));
    await p.fill("#search-box", "");
    await p.fill("#search-box", '"haven safe"');
    await p.waitForSelector("#search-results .search-empty");
    await context.close();
  }],
  ["a person's Chinese name finds the English paragraphs that name them", async () => {
    const { p, context } = await open("index.html");
    const results = await query(p, "郭声琨");
    const docs = new Set(results.map((r) => r.href.split("/documents/")[1].split("/")[0]));
    assert(docs.size === 3, `documents: ${[...docs]}`);
    await context.close();
  }],
  ["telecom fraud finds the English of 2023 and the white paper", async () => {
    const { p, context } = await open("index.html");
    const results = await query(p, "telecom fraud");
    const hrefs = results.map((r) => r.href);
    assert(hrefs.some((h) => h.includes("2023-china-australia-law-enforcement-working-group/index.html#en-")), hrefs.join(" "));
    assert(hrefs.some((h) => h.includes("2017-white-paper-asia-pacific-security/index.html#en-13")), hrefs.join(" "));
    await context.close();
  }],
  ["a nonsense word says plainly there are no results", async () => {
    const { p, context } = await open("index.html");
    await p.fill("#search-box", "xyzzyplugh");
    await p.waitForSelector("#search-results .search-empty");
    const text = await p.$eval("#search-results", (e) => e.textContent);
    assert(text.includes("No results for “xyzzyplugh”"), text);
    assert((await p.$eval("[data-search-status]", (e) => e.textContent)) === "No results", "announced");
    await context.close();
  }],
  ["keyboard: / focuses, arrows move, Enter opens, from a page deep in the site", async () => {
    const { p, context } = await open("documents/2015-johnson-guo-ministerial-meeting/source/index.html");
    await p.keyboard.press("/");
    assert(await p.evaluate(() => document.activeElement.id === "search-box"), "/ focuses the box");
    await p.keyboard.type("fentanyl");
    await p.waitForSelector("#search-results [role=option]");
    await p.keyboard.press("ArrowDown");
    const selected = await p.$eval("#search-box", (e) => e.getAttribute("aria-activedescendant"));
    assert(selected === "sr-0", `active ${selected}`);
    await Promise.all([p.waitForNavigation(), p.keyboard.press("Enter")]);
    assert(p.url().endsWith("documents/2017-lecd-summary-of-outcomes/index.html#en-4"), p.url());
    assert(await p.isVisible("#en-4"), "the paragraph is there");
    await context.close();
  }],
  ["the search page lists all results for ?q=", async () => {
    const { p, context } = await open("index.html");
    await p.goto(url("search/index.html") + "?q=cybersecurity");
    await p.waitForSelector("[data-search-page-results] li");
    const n = await p.$$eval("[data-search-page-results] li", (l) => l.length);
    assert(n > 8, `${n} results`);
    const fallback = await p.$eval("[data-search-fallback]", (e) => e.textContent);
    assert(!fallback.includes("needs JavaScript"), `the page says "${fallback}" while search runs`);
    await context.close();
  }],
  ["the search page filters by document, language and topic, and the address keeps them", async () => {
    const { p, context } = await open("index.html");
    const hrefs = () => p.$$eval("[data-search-page-results] li a", (as) => as.map((a) => a.href));
    await p.goto(url("search/index.html") + "?q=cooperation");
    await p.waitForSelector("[data-search-page-results] li");
    const all = (await p.$eval("[data-search-summary]", (e) => e.textContent)).match(/^(\d+)/)[1];
    await p.selectOption("select[name=lang]", "zh");
    await p.waitForFunction(() => /with these filters/.test(document.querySelector("[data-search-summary]").textContent));
    const chinese = await hrefs();
    assert(chinese.length > 0 && chinese.every((h) => /#zh-\d+$/.test(h)), chinese.join(" "));
    assert(p.url().includes("lang=zh"), p.url());
    await p.selectOption("select[name=lang]", "");
    await p.selectOption("select[name=doc]", { label: "Xinhua report on the first China–US Law Enforcement and Cybersecurity Dialogue" });
    await p.waitForFunction(() => /with these filters/.test(document.querySelector("[data-search-summary]").textContent));
    const xinhua = await hrefs();
    assert(xinhua.length > 0 && xinhua.every((h) => h.includes("/2017-lecd-xinhua-report/")), xinhua.join(" "));
    await p.selectOption("select[name=doc]", "");
    await p.selectOption("select[name=topic]", { label: "Counter-narcotics" });
    await p.waitForFunction(() => /with these filters/.test(document.querySelector("[data-search-summary]").textContent));
    const narcotics = await hrefs();
    assert(narcotics.length > 0 && narcotics.length < Number(all), `${narcotics.length} of ${all}`);
    assert(narcotics.some((h) => h.endsWith("2017-lecd-summary-of-outcomes/index.html#en-4")), narcotics.join(" "));
    // The address opens the same filtered list.
    const address = p.url();
    await p.goto(address);
    await p.waitForSelector("[data-search-page-results] li");
    assert((await hrefs()).join() === narcotics.join(), "the filtered address gives the same results");
    await context.close();
  }],
  ["without JavaScript the box is hidden and the search page is a plain index", async () => {
    const { p, context } = await open("index.html", { javaScriptEnabled: false });
    assert(!(await p.isVisible("#search-box")), "no dead search box");
    await p.goto(url("search/index.html"));
    const links = await p.$$eval(".plain-index a", (as) => as.length);
    assert(links > 40, `${links} links`);
    const fallback = await p.$eval("[data-search-fallback]", (e) => e.textContent);
    assert(fallback.includes("needs JavaScript"), `without JavaScript: "${fallback}"`);
    await context.close();
  }],
]);
await browser.close();
