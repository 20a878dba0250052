// A tiny harness for the browser checks: named checks, a summary line in the
// form test runners report ("N passed, M failed"), and a non-zero exit on failure.
import { chromium } from "playwright-core";

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
      // Pages opened from file:// share one origin for localStorage, as in a
      // reader's browser; this flag lets the checks see that too.
      "--allow-file-access-from-files",
    ],
  });
}

/**
 * Opens `href` in a fresh context `width` pixels wide. `errors` collects
 * what a page of this site must never do: script and console errors,
 * failed requests, and requests that leave file://.
 */
export async function openPage(browser, href, { width = 1280, ...options } = {}) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, ...options });
  const p = await context.newPage();
  const errors = [];
  p.on("pageerror", (e) => errors.push(`script error: ${e.message}`));
  p.on("console", (m) => { if (m.type() === "error") errors.push(`console error: ${m.text()}`); });
  p.on("request", (r) => { if (!r.url().startsWith("file://")) errors.push(`request to another origin: ${r.url()}`); });
  p.on("requestfailed", (r) => errors.push(`failed request: ${r.url()}`));
  await p.goto(href, { waitUntil: "load" });
  return { p, context, errors };
}

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

export async function run(checks) {
  let passed = 0;
  let failed = 0;
  for (const [name, check] of checks) {
    try {
      await check();
      passed += 1;
      console.log(`ok - ${name}`);
    } catch (error) {
      failed += 1;
      console.log(`FAILED - ${name}: ${error.message}`);
    }
  }
  console.log(`browser: ${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 ? 0 : 1;
}
