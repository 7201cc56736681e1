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

/* Every wait is on a condition (an element, a response, a DOM state); the
 * deadline only bounds how long a loaded CI machine may take to meet it:
 * an ASan server shared with a build answers in seconds, not milliseconds. */
export const TIMEOUT = 90000;
let lastPage = null; // the page opened last: pictured when the script fails

/* a browser context whose waits all get the generous deadline */
export async function context(viewport) {
  const ctx = await browser.newContext({ viewport, locale: "zh-CN" });
  ctx.on("page", (page) => { lastPage = page; });
  ctx.setDefaultTimeout(TIMEOUT);
  ctx.setDefaultNavigationTimeout(TIMEOUT);
  return ctx;
}

/* a browser context with the login form filled and sent (password pw) */
export async function session(user, viewport, pw = PW) {
  const ctx = await context(viewport);
  const page = await ctx.newPage();
  page.on("pageerror", e => pageErrors.push(user + ": " + e.message));
  await page.goto(BASE + "/");
  await page.waitForSelector("[data-test=login]");
  await page.fill("[data-test=login]", user);
  await page.fill("[data-test=password]", pw);
  await page.click("[data-test=login-submit]");
  return { ctx, page };
}
// the picture as people see the page once it settled: finite CSS transitions
// (dialogs, toasts, dropdowns) are run to their end instead of waited for
export const shot = async (page, name) =>
  page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true, animations: "disabled" });
export const text = async (page, sel) => (await page.textContent(sel)) || "";

/* Runs action (a click, a key press) and returns the JSON of the API response
 * it caused: the response whose path is /api/v1 + path and whose query has
 * every pair of `query` (a null value: the parameter is absent). Waiting for the response rather than for
 * an element avoids reading a page that still shows the previous answer. */
export async function answered(page, path, query, action) {
  const hit = (r) => {
    const u = new URL(r.url());
    return u.pathname === "/api/v1" + path && r.request().method() === "GET" &&
      Object.entries(query || {}).every(([k, v]) => u.searchParams.get(k) === v);
  };
  const [resp] = await Promise.all([page.waitForResponse(hit), action()]);
  return resp.json();
}

/* The members page searched for q, once the page shows that search's rows
 * (the list the page loads when it opens may answer after the search). */
export async function searchMembers(page, q) {
  await page.waitForSelector("[data-test=member-search]");
  await page.fill("[data-test=member-search]", q);
  const r = await answered(page, "/members", { q }, () => page.press("[data-test=member-search]", "Enter"));
  await page.waitForFunction((names) => {
    const rows = [...document.querySelectorAll("[data-test=member-table] .el-table__row")];
    return rows.length === names.length && names.every((n, i) => rows[i].textContent.includes(n));
  }, r.items.map(m => m.name));
  return r;
}

/* check() on a condition the page reaches in its own time (a list reloaded
 * after a decision): waits for fn(arg) in the page, fails after the deadline */
export async function eventually(page, fn, arg, what) {
  try { await page.waitForFunction(fn, arg); check(true, what); }
  catch (e) { check(false, what + " (" + e.message.split("\n")[0] + ")"); }
}

/* the closing line and exit status, after the browser is closed */
export async function finish() {
  check(pageErrors.length === 0, "no JavaScript errors: " + pageErrors.join("; "));
  if (count.failed && lastPage && !lastPage.isClosed()) {
    // what the page showed when the script gave up, for whoever reads the failure
    await lastPage.screenshot({ path: `${SHOTS}/FAILED-${process.argv[1].split("/").pop()}.png`, fullPage: true })
      .catch(() => {});
    console.error(`the page at the failure: ${SHOTS}/FAILED-${process.argv[1].split("/").pop()}.png`);
  }
  await browser.close();
  console.log(`${count.passed} passed, ${count.failed} failed`);
  process.exit(count.failed ? 1 : 0);
}

/* an el-select's option, chosen once the select shows it (a dropdown still
 * opening may swallow the first click) */
export async function pick(page, selectSel, optionText) {
  const shows = () => page.$eval(selectSel, (el, t) => (el.closest(".el-select") || el).textContent.includes(t), optionText);
  // under load the dropdown can close again before the option is clicked
  // (the page re-rendered beneath it): open it again rather than wait on an
  // option that is gone; the select showing the text is the condition
  for (let i = 0; i < 8 && !(await shows()); i++) {
    try {
      await page.click(selectSel);
      await page.locator(".el-select-dropdown__item:visible", { hasText: optionText }).first().click({ timeout: 15000 });
    } catch (e) {
      if (i === 7) throw e;
    }
    await page.waitForTimeout(0);
  }
  check(await shows(), "the select shows " + optionText);
}
