// The side-by-side view in headless Chromium: rows aligned on desktop, pairs
// kept together on a phone, counterpart highlight, toggles, no-JS reading.
// Usage: node bilingual.mjs SITE_DIR SCREENSHOT_DIR
import path from "node:path";
import { pathToFileURL } from "node:url";
import { assert, launch, openPage, run } from "./harness.mjs";

const [site, shots] = process.argv.slice(2);
const slug = "2023-china-australia-law-enforcement-working-group";
const url = (rel) => pathToFileURL(path.join(site, rel)).href;
const view = url(`documents/${slug}/bilingual/index.html`);

const browser = await launch();

const page = (width, options = {}) => openPage(browser, view, { width, ...options });

/** Top and bottom of the Chinese and English cells of every row that has both. */
async function cellBoxes(p) {
  return p.$$eval(".bi-row", (rows) => rows.map((row) => {
    const box = (sel) => { const r = row.querySelector(sel).getBoundingClientRect(); return { top: r.top + scrollY, bottom: r.bottom + scrollY }; };
    const full = (sel) => !row.querySelector(`${sel} .missing`);
    return { id: row.id, zh: box(".bi-cell.zh"), en: box(".bi-cell.en"), paired: full(".bi-cell.zh") && full(".bi-cell.en") };
  }));
}

await run([
  ["desktop rows start at the same height in both columns", async () => {
    const { p, errors, context } = await page(1280);
    const rows = await cellBoxes(p);
    assert(rows.length === 11, `11 rows, found ${rows.length}`);
    for (const r of rows) {
      assert(Math.abs(r.zh.top - r.en.top) < 1, `${r.id}: Chinese at ${r.zh.top}, English at ${r.en.top}`);
    }
    await p.screenshot({ path: path.join(shots, "bilingual-1280.png"), fullPage: true });
    assert(errors.length === 0, `console errors: ${errors.join("; ")}`);
    await context.close();
  }],
  ["on a phone each pair stacks together, Chinese above English", async () => {
    const { p, context } = await page(390);
    const rows = await cellBoxes(p);
    for (let i = 0; i < rows.length; i += 1) {
      const r = rows[i];
      assert(r.zh.bottom <= r.en.top + 1, `${r.id}: English below Chinese`);
      if (i + 1 < rows.length) assert(rows[i + 1].zh.top >= r.en.bottom - 1, `${r.id}: the next row comes after the pair`);
    }
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    assert(overflow <= 0, `no sideways scrolling (${overflow}px)`);
    await p.screenshot({ path: path.join(shots, "bilingual-390.png"), fullPage: true });
    await context.close();
  }],
  ["hovering a segment highlights its counterpart", async () => {
    const { p, context } = await page(1280);
    const bg = () => p.$eval("#r-zh-4 .bi-cell.en", (e) => getComputedStyle(e).backgroundColor);
    const before = await bg();
    await p.hover("#zh-4");
    await p.waitForTimeout(300);
    const after = await bg();
    assert(before !== after, `English counterpart background stays ${before}`);
    await context.close();
  }],
  ["focusing a segment's link highlights its counterpart", async () => {
    const { p, context } = await page(1280);
    const bg = () => p.$eval("#r-zh-5 .bi-cell.en", (e) => getComputedStyle(e).backgroundColor);
    const before = await bg();
    await p.focus("#zh-5 a.anchor");
    await p.waitForTimeout(300);
    assert((await bg()) !== before, "English counterpart highlighted on focus");
    await context.close();
  }],
  ["the language toggle shows Chinese only, English only, or both", async () => {
    const { p, context } = await page(1280);
    await p.click("[data-language-toggle] button[data-show=en]");
    assert(!(await p.isVisible("#zh-1")) && (await p.isVisible("#en-2")), "English only");
    await p.click("[data-language-toggle] button[data-show=zh]");
    assert((await p.isVisible("#zh-1")) && !(await p.isVisible("#en-2")), "Chinese only");
    await p.click("[data-language-toggle] button[data-show=both]");
    assert((await p.isVisible("#zh-1")) && (await p.isVisible("#en-2")), "both");
    await context.close();
  }],
  ["the script choice converts to Simplified and is remembered on other pages", async () => {
    const { p, context } = await page(1280);
    const visibleText = () => p.$eval("#zh-6", (e) => e.innerText);
    assert((await visibleText()).includes("電信網絡詐騙"), "Traditional as received");
    await p.click("[data-script-toggle] button[data-script=hans]");
    assert((await visibleText()).includes("电信网络诈骗"), "Simplified after the switch");
    assert((await p.$eval("#zh-6 .hans", (e) => e.lang)) === "zh-Hans", "the Simplified text is tagged zh-Hans");
    await p.goto(url(`documents/${slug}/index.html`));
    const doc = await p.$eval("#zh-6", (e) => e.innerText);
    assert(doc.includes("电信网络诈骗"), "the document page opens in Simplified too");
    await context.close();
  }],
  ["without JavaScript both columns show and the toggles are hidden", async () => {
    const { p, context } = await page(1280, { javaScriptEnabled: false });
    assert((await p.isVisible("#zh-1")) && (await p.isVisible("#en-2")), "both columns");
    assert(!(await p.isVisible("[data-language-toggle]")), "no dead language buttons");
    assert(!(await p.isVisible("[data-script-toggle]")), "no dead script buttons");
    assert((await p.$eval("#zh-6", (e) => e.innerText)).includes("電信網絡詐騙"), "Traditional text readable");
    await context.close();
  }],
]);

await browser.close();
