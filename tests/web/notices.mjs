// The member's messages on a phone (issue 18), on the demo data set: the
// notices the demo's claims and grants wrote are listed newest first with
// Beijing times; a paid claim opens to its line-by-line statement (formula,
// cap, used, left); the SMS switch turns SMS off for every kind, and the
// member's opt-out is stored. Screenshots in HZ_SHOTS (notices-*.png).
// Prints "N passed, N failed".
import { BASE, check, finish, session, shot, text } from "./lib.mjs";

const api = async (page, path) => (await page.request.get(BASE + "/api/v1" + path)).json();
const beijing = (ts) => new Date(ts).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });

try {
  const mem = await session("member", { width: 390, height: 844 });
  const page = mem.page;
  await page.waitForSelector("[data-test=m-notices]");
  const mine = await api(page, "/me/notices?per_page=50");
  check(mine.total > 0, "the demo member has messages: " + mine.total);
  await page.waitForSelector("[data-test=m-notice]");
  const rows = await page.$$eval("[data-test=m-notice]", (els) => els.map((e) => e.textContent));
  check(rows.length === Math.min(mine.total, 50), `every message listed: ${rows.length} of ${mine.total}`);
  check(mine.items.every((n, i) => rows[i].includes(n.title) && rows[i].includes(beijing(n.created_at))),
        "newest first, each with its title and Beijing time");
  check((await text(page, "[data-test=m-notices]")).includes("共 " + mine.total + " 条"), "the count");
  await shot(page, "notices-01-member-messages");
  const paid = mine.items.findIndex((n) => n.kind === "claim.paid");
  check(paid >= 0, "a paid claim among the messages");
  if (paid >= 0) {
    const n = mine.items[paid];
    await (await page.$$("[data-test=m-notice]"))[paid].click();
    await page.waitForSelector("[data-test=m-notice-lines]");
    const lines = await text(page, "[data-test=m-notice-lines]");
    const grouped = (t) => t.replace(/\d{4,}\.\d\d(?!\d)/g, (m) => m.replace(/\B(?=(\d{3})+(?!\d))/g, ","));
    check(n.detail.lines.every((l) => lines.includes(grouped(l.formula)) && lines.includes(grouped(l.amount) + " 元")),
          "the statement: every line's formula and amount: " + lines);
    const capped = n.detail.lines.filter((l) => l.cap);
    check(capped.every((l) => lines.includes(`年度限额 ${grouped(l.cap)} 元，已用 ${grouped(l.cap_used)} 元，剩余 ${grouped(l.cap_left)} 元`)),
          "the cap, used and left of every capped line");
    await page.locator("[data-test=m-notice-lines]").scrollIntoViewIfNeeded();
    await shot(page, "notices-02-paid-statement");
  }
  // SMS off for every kind: the switch, then the stored opt-out
  await page.click("[data-test=m-pref-sms]");
  await page.waitForFunction(() => !document.querySelector("[data-test=m-pref-sms]").classList.contains("is-checked"));
  // the switch turns off only when the server answered the change
  const prefs = await api(page, "/notice-prefs");
  check(prefs.opted_out.some((p) => p.channel === "sms" && p.kind === "*"), "SMS off is stored: " + JSON.stringify(prefs));
  check(await page.evaluate(() => document.documentElement.scrollWidth <= 390), "no horizontal scroll on a phone");
  await mem.ctx.close();
} catch (e) {
  check(false, e.message);
}
await finish();
