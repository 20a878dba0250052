// The Cite control in headless Chromium: the whole document cited without
// JavaScript's help, one paragraph cited with its permalink after pressing
// its Cite button (by keyboard), and back to the whole document.
// Usage: node cite.mjs SITE_DIR SCREENSHOT_DIR
import path from "node:path";
import { pathToFileURL } from "node:url";
import { assert, launch, openPage, run } from "./harness.mjs";

const [site, shots] = process.argv.slice(2);
const slug = "2015-johnson-guo-ministerial-meeting";
const href = pathToFileURL(path.join(site, `documents/${slug}/index.html`)).href;
const browser = await launch();
const text = (p, style) => p.$eval(`.cite-text[data-style="${style}"]`, (e) => e.textContent);

await run([
  ["without JavaScript the control cites the whole document", async () => {
    const { p, context } = await openPage(browser, href, { javaScriptEnabled: false });
    assert(await p.$$eval(".cite-paragraph", (b) => b.length) === 0, "no Cite buttons without JavaScript");
    await p.click(".cite summary");
    const chicago = await text(p, "chicago");
    assert(chicago.startsWith("U.S. Department of Homeland Security."), chicago);
    assert(!chicago.includes("Paragraph"), chicago);
    await context.close();
  }],
  ["a paragraph's Cite button cites it with its permalink, by keyboard", async () => {
    const { p, errors, context } = await openPage(browser, href);
    const button = p.locator('[aria-label="Cite paragraph en-2"]');
    await button.focus();
    await p.keyboard.press("Enter");
    assert(await p.$eval("#cite", (d) => d.open), "the Cite control opens");
    const permalink = `${href}#en-2`;
    for (const style of ["chicago", "apa"]) {
      const cited = await text(p, style);
      assert(cited.endsWith(`Paragraph en-2, ${permalink}.`), `${style}: ${cited}`);
    }
    const bibtex = await text(p, "bibtex");
    assert(bibtex.includes(`addendum = {Paragraph en-2, ${permalink}}`) && bibtex.endsWith("\n}"), bibtex);
    await p.screenshot({ path: path.join(shots, "cite-1280.png") });
    await p.click(".cite-whole");
    assert(!(await text(p, "chicago")).includes("Paragraph"), "back to the whole document");
    assert(errors.length === 0, errors.join("; "));
    await context.close();
  }],
  ["on a phone the Cite buttons fit the screen", async () => {
    const { p, context } = await openPage(browser, href, { width: 390 });
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    assert(overflow <= 0, `no sideways scrolling (${overflow}px)`);
    await p.click('[aria-label="Cite paragraph en-3"]');
    await p.screenshot({ path: path.join(shots, "cite-390.png") });
    await context.close();
  }],
]);
await browser.close();
