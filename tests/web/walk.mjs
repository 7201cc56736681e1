// The walk (issue 16 "Done when"): every demo role signs in and visits every
// page its menu shows (read from the console's own list, window.hzMenus, so
// pages added later are walked too), a detail page of each list, opens the
// dialogs of the controls it is shown and cancels them, and types a route it
// may not use. Asserted on every page: no console errors, no failed request
// (any 4xx/5xx: a control shown must never earn a 403), the guard page for
// the forbidden route with no API call behind it, and on the phone no text
// broken into one character per line. A screenshot per role per page goes to
// screenshots/walk-ROLE-PAGE.png.
import { BASE, PW, check, context, finish, shot } from "./lib.mjs";

const DESK = { width: 1366, height: 768 }, PHONE = { width: 390, height: 844 };

/* a signed-in page with a ledger of what went wrong on it */
async function signIn(user, viewport) {
  const ctx = await context(viewport);
  const page = await ctx.newPage();
  const log = { errors: [], failed: [], api: 0, where: "login" };
  page.on("pageerror", e => log.errors.push(log.where + ": " + e.message));
  await page.goto(BASE + "/");
  await page.waitForSelector("[data-test=login]"); // GET /me has answered 401: not signed in yet, as expected
  page.on("console", m => { if (m.type() === "error") log.errors.push(log.where + ": " + m.text()); });
  page.on("request", r => { if (new URL(r.url()).pathname.startsWith("/api/")) log.api++; });
  page.on("response", r => {
    if (r.status() >= 400) log.failed.push(log.where + ": " + r.request().method() + " " + new URL(r.url()).pathname + " " + r.status());
  });
  page.on("requestfailed", r => log.failed.push(log.where + ": " + r.url() + " " + (r.failure() || {}).errorText));
  await page.fill("[data-test=login]", user);
  await page.fill("[data-test=password]", PW);
  await page.click("[data-test=login-submit]");
  await page.waitForSelector("[data-test=logout]");
  return { ctx, page, log };
}

/* the page has drawn and every request it made has been answered */
async function settled(page) {
  await page.waitForSelector(".el-main > *, .mobile, [data-test=forbidden]");
  await page.waitForFunction(() => hzApi.pending === 0 && !document.querySelector(".el-loading-mask:not([style*='display: none'])"));
}

/* text squeezed into a column so narrow that it reads one character per line */
async function brokenText(page) {
  return page.evaluate(() => {
    const bad = [];
    // a text of 3+ characters laid out in as many lines as it has characters (two at most a line)
    const walker = document.createTreeWalker(document.querySelector(".el-main, .mobile") || document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const t = n.textContent.replace(/\s+/g, "");
      if (t.length < 3 || !n.parentElement || !n.parentElement.offsetParent) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top))).size;
      if (lines >= 3 && lines * 2 >= t.length) bad.push(t.slice(0, 12) + " (" + lines + " lines)");
    }
    return bad.slice(0, 5);
  });
}

const slug = (hash) => hash.replace(/^#\//, "").replace(/[^A-Za-z0-9]+/g, "-").replace(/-+$/, "") || "home";

/* a control is shown only to a role whose me.actions has its action */
const CONTROLS = {
  "intake-submit": "claim.submit", "feed-file": "settlement.import", proactive: "claim.proactive",
  approve: "claim.review", reject: "claim.review", "docs-complete": "claim.documents", "batch-create": "payment.batch",
  "bank-result": "payment.batch", renew: "coverage.enroll", "roster-file": "roster.import", "card-confirm": "security.card_confirm",
  "act-new": "care.manage", "case-new": "cases.open", "lm-proactive": "lm.apply", "lm-budget-set": "lm.budget",
  "sponsorship-add": "joining.sponsor", propose: "relief.apply", publicity: "relief.apply",
  resubmit: "claim.submit", "doc-receive-*": "claim.documents", /* a name ending in * is a prefix */
};
async function controlsAllowed(page, role, name) {
  const wrong = await page.evaluate((controls) => Object.entries(controls)
    .filter(([t, a]) => [...document.querySelectorAll(t.endsWith("*") ? "[data-test^='" + t.slice(0, -1) + "']" : "[data-test='" + t + "']")].some(el => el.offsetParent || el.type === "file") && !hzCan(a))
    .map(([t, a]) => t + " needs " + a), CONTROLS);
  check(!wrong.length, role + " " + name + ": every control shown is the role's to use " + JSON.stringify(wrong));
}

/* the page's own checks once it settled, and its picture */
async function looked(s, role, name, phone) {
  await settled(s.page);
  await controlsAllowed(s.page, role, name);
  if (phone) {
    const bad = await brokenText(s.page);
    check(!bad.length, role + " " + name + " at 390px: no text one character per line " + JSON.stringify(bad));
  }
  await shot(s.page, "walk-" + role + "-" + name);
}

/* buttons whose dialog the role would open: the irreversible ones end with
 * "…" (they ask first); the walk opens each and cancels, so nothing changes */
async function openDialogs(s, role, name) {
  const { page } = s;
  const buttons = await page.$$(".el-main button:visible");
  let n = 0;
  for (const b of buttons) {
    const label = ((await b.textContent()) || "").trim();
    if (!label.endsWith("…") || await b.isDisabled()) continue;
    await page.evaluate(() => document.querySelectorAll(".field-error[role=alert]").forEach(e => e.setAttribute("data-walk-old", "")));
    await b.click();
    // the question, or (nothing chosen yet) the page's own word next to the field
    await page.waitForFunction(() => document.querySelector(".el-message-box") ||
      (hzApi.pending === 0 && document.querySelector(".field-error[role=alert]:not([data-walk-old])")));
    const box = await page.$(".el-message-box");
    if (box) {
      await page.waitForSelector(".el-message-box", { state: "visible" });
      if (!n++) await shot(page, "walk-" + role + "-" + name + "-dialog");
      check(((await box.textContent()) || "").length > 10, role + " " + name + ": the dialog of " + label + " says what will happen");
      await page.click(".el-message-box__btns button:not(.el-button--primary)");
      await page.waitForSelector(".el-message-box", { state: "detached" });
    }
    await settled(page);
  }
}

/* a row or card of the list that opens a deeper route: the detail page */
async function openDetail(s, role, name, phone) {
  const { page } = s;
  const before = await page.evaluate(() => location.hash);
  // a row that looks clickable (the list's pointer cursor)
  const rows = await page.$$(".el-main .el-table__row, .el-main .program-card, .mobile [data-test=m-claim]");
  let row = null;
  for (const r of rows) if (await r.evaluate(el => el.matches("[data-test=m-claim]") || getComputedStyle(el).cursor === "pointer")) { row = r; break; }
  if (!row) return null;
  await row.click();
  // a row's handler sets location.hash as it runs: read at once, no wait
  const hash = await page.evaluate(() => location.hash);
  if (hash === before || hash.split("/").length <= before.split("/").length) {
    await settled(page);
    // this list opens its rows in place (a drawer: a batch's lines): looked at, then shut as its reader would
    if (await page.$(".el-overlay:visible")) {
      await shot(page, "walk-" + role + "-" + name + "-row");
      await page.keyboard.press("Escape");
      await page.waitForFunction(() => [...document.querySelectorAll(".el-overlay")].every(e => getComputedStyle(e).display === "none"));
    }
    return null; // no detail route
  }
  s.log.where = role + " " + hash;
  await looked(s, role, name + "-detail", phone);
  if (hash.startsWith("#/claims/")) await claimWords(page, role + " " + hash);
  await openDialogs(s, role, name + "-detail");
  return hash;
}

/* a claim page as staff read it: money grouped (12,345.67, the review
   hint's too) and no operator codes ("cli", "cli:NAME") for who did what */
async function claimWords(page, where) {
  const texts = await page.textContent(".el-main");
  const plain = texts.match(/.{0,20}(?<![\d,.])\d{4,}\.\d\d(?!\d).{0,10}/);
  check(!plain, where + ": money with thousands separators on the claim page " + (plain || [""])[0]);
  const code = texts.match(/.{0,20}(?<![A-Za-z])cli(?![A-Za-z]).{0,10}/);
  check(!code, where + ": no operator code on the claim page " + (code || [""])[0]);
}

/* the staff claim page of a big claim held for review (its 审核提示 names
   two amounts) whose documents the demo recorded from the command line */
async function walkClaimMoney() {
  const s = await signIn("staff", DESK);
  const { page } = s;
  await settled(page);
  const no = await page.evaluate(async () =>
    ((await hzApi.get("/claims?status=adjudicated&sort=total&order=desc&per_page=1")).items[0] || {}).claim_no);
  check(!!no, "staff: a claim held for review");
  s.log.where = "staff #/claims/" + no;
  await page.evaluate((h) => { location.hash = h; }, "#/claims/" + no);
  await page.waitForSelector("[data-test=claim-review-note]");
  await settled(page);
  const note = await page.textContent("[data-test=claim-review-note]");
  check(/^金额 \d{1,3}(,\d{3})+\.\d\d 超过自动审批额度 5,000\.00$/.test(note.trim()), "staff claim page: the review hint grouped (" + note + ")");
  const by = await page.$$eval("[data-test=doc-received-by]", (els) => els.map((e) => e.textContent.trim()).filter(Boolean));
  check(by.length > 0 && by.every((t) => t !== "cli" && !t.startsWith("cli:")), "staff claim page: 登记人 in words " + JSON.stringify(by));
  await claimWords(page, "staff #/claims/" + no);
  await shot(page, "walk-staff-claim-money");
  ledger(s, "staff", "#/claims/" + no);
  await s.ctx.close();
}

function ledger(s, role, what) {
  check(!s.log.errors.length, role + " " + what + ": no console errors " + JSON.stringify(s.log.errors));
  check(!s.log.failed.length, role + " " + what + ": no failed requests (no 4xx/5xx) " + JSON.stringify(s.log.failed));
  s.log.errors.length = 0; s.log.failed.length = 0;
}

/* the menu the role is shown, as the console itself lists it */
const shown = (page) => page.evaluate(() => [...document.querySelectorAll("[data-test^=nav-]")]
  .map(el => el.getAttribute("data-test").slice(4)));

async function walkDesk(role, viewport) {
  const phone = viewport === PHONE, tag = phone ? role + "-phone" : role;
  const s = await signIn(role, viewport);
  const { page } = s;
  await settled(page);
  if (phone) {
    check(!(await page.$(".aside:visible")), tag + ": no sidebar at 390px");
    await page.click("[data-test=menu-open]");
    await page.waitForSelector("[data-test=menu-drawer] [data-test^=nav-]:visible");
  }
  const pages = await shown(page);
  const all = await page.evaluate(() => window.hzMenus.map(m => m.path.slice(2)));
  check(pages.length > 0 && pages.every(p => all.includes(p)), tag + ": the menu comes from hzMenus (" + pages.join(", ") + ")");
  if (phone) await shot(page, "walk-" + tag + "-menu");
  const details = [];
  for (const p of pages) {
    s.log.where = tag + " #/" + p;
    if (phone) {
      if (!(await page.locator("[data-test=menu-drawer]").isVisible())) await page.click("[data-test=menu-open]");
      await page.waitForSelector("[data-test=menu-drawer] [data-test=nav-" + p + "]", { state: "visible" });
      await page.click("[data-test=menu-drawer] [data-test=nav-" + p + "]");
      await page.waitForSelector("[data-test=menu-drawer]", { state: "hidden" });
    } else {
      await page.click("[data-test=nav-" + p + "]");
    }
    await page.waitForFunction((h) => location.hash === h, "#/" + p);
    await looked(s, tag, slug(p), phone);
    check(!(await page.$("[data-test=forbidden]")), tag + " #/" + p + ": a page in the menu is not refused");
    await openDialogs(s, tag, slug(p));
    const d = await openDetail(s, tag, slug(p), phone);
    if (d) details.push(d);
    ledger(s, tag, "#/" + p);
  }
  // a route the menu does not offer, typed: the guard, and no API call for it
  const refused = all.filter(p => !pages.includes(p));
  for (const p of refused.slice(0, phone ? 1 : 3)) {
    s.log.where = tag + " typed #/" + p;
    await settled(page);
    const calls = s.log.api;
    await page.evaluate((h) => { location.hash = h; }, "#/" + p);
    await page.waitForSelector("[data-test=forbidden]");
    await settled(page);
    check((await page.textContent("[data-test=forbidden]")).includes("无权访问此页面"), tag + " typed #/" + p + ": 无权访问此页面");
    check(s.log.api === calls, tag + " typed #/" + p + ": no API call behind the guard (" + (s.log.api - calls) + ")");
    check(!(await page.$(".el-main form, .el-main input[type=file], .el-main .el-table")), tag + " typed #/" + p + ": no form or list");
    // no menu item lit or holding the focus of the last click: the guard page is no menu's
    const lit = await page.evaluate(() => [...document.querySelectorAll(".el-menu-item")]
      .filter(el => el.classList.contains("is-active") || el === document.activeElement).map(el => el.textContent.trim()));
    check(!lit.length, tag + " typed #/" + p + ": no menu item lit on the guard page " + JSON.stringify(lit));
    await page.mouse.move(700, 400); // the pointer off the menu for the picture
    if (p === refused[0]) await shot(page, "walk-" + tag + "-forbidden");
    ledger(s, tag, "typed #/" + p);
  }
  await s.ctx.close();
  return { pages, details, refused };
}

async function walkMember() {
  const s = await signIn("member", PHONE);
  const { page } = s;
  const visit = async (hash, name) => {
    s.log.where = "member " + hash;
    await page.evaluate((h) => { location.hash = h; }, hash);
    await page.waitForFunction((h) => location.hash === h, hash);
    await looked(s, "member", name, true);
  };
  await visit("#/m", "m");
  const texts = await page.textContent(".mobile");
  check(!/\d{4}-\d\d-\d\dT\d\d:\d\d/.test(texts), "member: no raw UTC timestamps on the phone page");
  check(!/\((?=[^)]*[a-z]{3})[^)]*\)/.test(texts), "member: no English in parentheses on the phone page");
  check(!/\d{4,}\.\d\d(?!\d)/.test(texts), "member: money with thousands separators on the phone page " + (texts.match(/.{0,20}\d{4,}\.\d\d(?!\d).{0,10}/) || [""])[0]);
  check(!/\b[A-Z]{2,}_[A-Z_]+\b|\b(org|unit|member|self):/.test(texts), "member: no raw codes on the phone page " + (texts.match(/.{0,20}(\b[A-Z]{2,}_[A-Z_]+\b|\b(org|unit|member|self):).{0,20}/) || [""])[0]);
  const d = await openDetail(s, "member", "m", true);
  check(!!d, "member: a claim of theirs opens");
  ledger(s, "member", "#/m");
  await visit("#/m/union", "m-union");
  ledger(s, "member", "#/m/union");
  const calls = s.log.api;
  await page.evaluate(() => { location.hash = "#/payments"; });
  await page.waitForSelector("[data-test=forbidden]");
  check(s.log.api === calls, "member typed #/payments: the guard, no API call");
  await shot(page, "walk-member-forbidden");
  ledger(s, "member", "typed #/payments");
  await s.ctx.close();
}

const seen = {};
// HZ_WALK=staff-phone,member (say) walks only those, while a page is being fixed
const only = (process.env.HZ_WALK || "").split(",").filter(Boolean), want = (w) => !only.length || only.includes(w);
for (const role of ["admin", "staff", "reviewer", "finance", "cadre", "unit"]) if (want(role)) seen[role] = await walkDesk(role, DESK);
if (want("staff-phone")) await walkDesk("staff", PHONE);
if (want("member")) await walkMember();
if (want("claim-money")) await walkClaimMoney();
if (only.length) await finish();

// what each role is shown follows the rule book (me.actions), spot-checked
const has = (r, p) => seen[r].pages.includes(p);
check(has("admin", "users") && !has("staff", "users"), "only the admin has 用户与安全");
check(has("finance", "payments") && !has("reviewer", "payments") && !has("staff", "payments"), "支付 for admin and finance only");
check(seen.reviewer.refused.includes("payments"), "a reviewer typing #/payments is refused");
check(!has("cadre", "units") && has("unit", "units"), "花名册 for the office and the unit, not the cadre");
for (const r of ["admin", "staff", "reviewer", "finance", "cadre", "unit"])
  check(seen[r].details.some(h => h.startsWith("#/claims/")), r + ": a claim page was opened");
await finish();
