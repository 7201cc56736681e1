// What the browser tests share: the chromium launch, a signed-in session per
// login, screenshots and the "N passed, N failed" count.
import { chromium } from "playwright-core";
import fs from "node:fs";

export const BASE = process.env.HZ_BASE, SHOTS = process.env.HZ_SHOTS, PW = "huzhu-demo-2026";
export const count = { passed: 0, failed: 0 };
export function check(cond, what) {
  if (cond) count.passed++; else { count.failed++; console.error("FAIL: " + what); }
}
fs.mkdirSync(SHOTS, { recursive: true });
export const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
});
export const pageErrors = [];

/* a browser context with the login form filled and sent (password pw) */
export async function session(user, viewport, pw = PW) {
  const ctx = await browser.newContext({ viewport, locale: "zh-CN" });
  const page = await ctx.newPage();
  page.on("pageerror", e => pageErrors.push(user + ": " + e.message));
  await page.goto(BASE + "/");
  await page.waitForSelector("[data-test=login]");
  await page.fill("[data-test=login]", user);
  await page.fill("[data-test=password]", pw);
  await page.click("[data-test=login-submit]");
  return { ctx, page };
}
// let transitions and toasts settle so the pictures show the page as people see it
export const shot = async (page, name) => { await page.waitForTimeout(700); await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true }); };
export const text = async (page, sel) => (await page.textContent(sel)) || "";

/* the closing line and exit status, after the browser is closed */
export async function finish() {
  check(pageErrors.length === 0, "no JavaScript errors: " + pageErrors.join("; "));
  await browser.close();
  console.log(`${count.passed} passed, ${count.failed} failed`);
  process.exit(count.failed ? 1 : 0);
}
