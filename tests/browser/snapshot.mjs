// An unpacked snapshot opened from file:// with no server: every page loads
// its styles and scripts, makes no failed request, logs no error.
// Usage: node snapshot.mjs SITE_DIR SCREENSHOT_DIR
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { assert, launch, run } from "./harness.mjs";

const [site, shots] = process.argv.slice(2);
const pages = [];
(function walk(dir) {
  for (const name of fs.readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (fs.statSync(full).isDirectory()) walk(full);
    else if (name.endsWith(".html")) pages.push(full);
  }
})(site);

const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const checks = pages.map((file) => [`${path.relative(site, file)} opens from file://`, async () => {
  const p = await context.newPage();
  const problems = [];
  p.on("requestfailed", (r) => problems.push(`failed request ${r.url()}`));
  p.on("pageerror", (e) => problems.push(`script error ${e.message}`));
  p.on("console", (m) => { if (m.type() === "error") problems.push(`console error ${m.text()}`); });
  p.on("request", (r) => { if (!r.url().startsWith("file://")) problems.push(`request to another origin ${r.url()}`); });
  await p.goto(pathToFileURL(file).href, { waitUntil: "load" });
  const styled = await p.evaluate(() => getComputedStyle(document.body).backgroundColor !== "rgba(0, 0, 0, 0)");
  const scripted = await p.evaluate(() => document.documentElement.hasAttribute("data-script"));
  assert(styled, "the stylesheet applies");
  assert(scripted, "the site script ran");
  assert(problems.length === 0, problems.join("; "));
  if (file.endsWith(path.join("compare", "index.html"))) {
    await p.screenshot({ path: path.join(shots, "snapshot-compare-1280.png") });
  }
  await p.close();
}]);
assert(pages.length > 20, `found only ${pages.length} pages`);
await run(checks);
await browser.close();
