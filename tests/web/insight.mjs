// The insight pages (issue 18) on the demo data set, run by
// tests/cli/test_web_insight.sh (HZ_DB: the database, for the CLI):
// - staff edits ZY's ratio 20% -> 30% on the what-if page and sees the same
//   difference as `huzhu simulate` over the same window, with the charts,
//   the loss ratio before/after and the forecast card; no publish button;
// - staff opens the look-back, follows a stay without a claim to its action
//   (a confirmed claim, then the claim's page), renews a coverage and applies
//   for a model worker's LM subsidy;
// - staff's outbox lists the notices with attempts and next retry and sends
//   a failed one again after a confirmation;
// - admin publishes the 30% file after the dialog saying it applies to new
//   coverages only;
// - the 新城区 cadre's look-back holds its district only, masked, without
//   action buttons; a unit liaison sees none of the pages.
// Screenshots in HZ_SHOTS (insight-*.png). Prints "N passed, N failed".
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { BASE, check, eventually, finish, session, shot, text } from "./lib.mjs";

const api = async (page, p) => (await page.request.get(BASE + "/api/v1" + p)).json();
const money = (s) => { // hzFmt.money
  let v = String(s); const neg = v.startsWith("-"); if (neg) v = v.slice(1);
  const [i, f] = v.split(".");
  return (neg ? "-" : "") + i.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (f !== undefined ? "." + f : "") + " 元";
};
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hz_insight_"));
const cli = (...args) => JSON.parse(execFileSync(process.env.HUZHU, ["--db", process.env.HZ_DB, "--json", ...args],
                                                 { encoding: "utf8" }));
const navs = async (page) => page.$$eval(".el-menu-item", (els) => els.map((e) => e.getAttribute("data-test")));

/* the what-if with ZY's ratio at 30%: the API's answer */
async function whatIf(page) {
  await page.goto(BASE + "/#/whatif");
  await page.waitForFunction(() => {
    const t = document.querySelector("[data-test=whatif-file]");
    return t && t.value.includes('"ratio_pct": 20');
  });
  const file = await page.inputValue("[data-test=whatif-file]");
  const edited = file.replace('"ratio_pct": 20', '"ratio_pct": 30');
  await page.fill("[data-test=whatif-file]", edited);
  const [resp] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === "/api/v1/simulate" && r.request().method() === "POST"),
    page.click("[data-test=whatif-run]"),
  ]);
  check(resp.status() === 200, "the what-if answered " + resp.status());
  return { r: await resp.json(), edited };
}

try {
  // ---- staff: what-if, forecast card, look-back, outbox ----------------------------------
  const staff = await session("staff", { width: 1366, height: 768 });
  let page = staff.page;
  await page.waitForSelector("[data-test=nav-whatif]");
  const sn = await navs(page);
  check(["nav-whatif", "nav-lookback", "nav-outbox"].every((n) => sn.includes(n)), "staff's menu has the three pages: " + sn);
  const { r, edited } = await whatIf(page);
  fs.writeFileSync(path.join(tmp, "ZY30.json"), edited);
  const c = cli("simulate", "--plan-file", path.join(tmp, "ZY30.json"), "--from", r.from, "--to", r.to);
  check(c.difference === r.difference && c.current === r.current && c.proposed === r.proposed,
        `the page's what-if equals the CLI's: ${r.difference} vs ${c.difference}`);
  check(r.difference !== "0.00" && !r.difference.startsWith("-"), "30% costs more: " + r.difference);
  await page.waitForFunction((want) => (document.querySelector("[data-test=whatif-difference]") || {}).textContent === want,
                             money(c.difference));
  check((await text(page, "[data-test=whatif-difference]")) === money(c.difference), "the difference shown: " + money(c.difference));
  check((await text(page, "[data-test=whatif-loss-ratio]")).includes(c.loss_ratio_current + " → " + c.loss_ratio_proposed),
        "the loss ratio before and after: " + c.loss_ratio_current + " → " + c.loss_ratio_proposed);
  check((await text(page, "[data-test=whatif-worse-count]")).trim() === String(c.members_worse_off), "members worse off");
  for (const ch of ["plan", "district", "unit"])
    await eventually(page, (sel) => !!document.querySelector(sel + " canvas"), `[data-test=whatif-chart-${ch}]`, "the chart by " + ch);
  const zy = c.by_plan.find((p) => p.plan === "ZY");
  // the plan chart's tooltip names ZY's figures as the server gives them (12,345.67 元)
  const zyAt = r.by_plan.findIndex((p) => p.plan === "ZY");
  await page.evaluate((i) => echarts.getInstanceByDom(document.querySelector("[data-test=whatif-chart-plan]"))
    .dispatchAction({ type: "showTip", seriesIndex: 1, dataIndex: i }), zyAt);
  const tipText = () => [...document.querySelectorAll("[data-test=whatif-chart-plan] div")]
    .map((d) => d.textContent).find((t) => t.includes("方案 ")) || "";
  await eventually(page, tipText, null, "the plan chart's tooltip");
  const tip = await page.evaluate(tipText);
  check(zyAt >= 0 && tip.includes("现行 " + money(r.by_plan[zyAt].current)) && tip.includes("方案 " + money(r.by_plan[zyAt].proposed)),
        "the tooltip shows ZY's current and proposed as the server gives them: " + tip);
  check(zy && (await text(page, "[data-test=whatif-by-plan]")).includes(money(zy.difference)), "ZY's row with its difference");
  check(!(await page.$("[data-test=whatif-publish]")), "staff has no publish button (admin publishes)");
  // the forecast card, as the API says
  const fc = await api(page, "/forecast");
  await page.waitForSelector("[data-test=forecast-table] .el-table__row");
  const ft = await text(page, "[data-test=forecast-card]");
  check(fc.plans.length > 0 && fc.plans.every((p) => p.reliability === "thin" ? ft.includes("历史数据不足")
        : !p.loss_ratio || (ft.includes(p.loss_ratio) && ft.includes(p.loss_ratio_low + " – " + p.loss_ratio_high))),
        "the forecast card: every plan's loss ratio and band, or 历史数据不足 for a thin history");
  if (fc.plans.some((p) => p.reliability !== "thin" && p.loss_ratio))
    await eventually(page, () => !!document.querySelector("[data-test=forecast-chart] canvas"), null, "the forecast chart");
  else /* the demo's history is thin (docs/forecast.md): the card says so instead of a projection */
    check((await page.$$("[data-test=forecast-thin]")).length === fc.plans.filter((p) => p.reliability === "thin").length,
          "every thin plan is marked 历史数据不足 on the card");
  await shot(page, "insight-01-whatif-staff");

  // look-back: a stay without a claim, followed to its claim
  let lb = await api(page, "/lookback");
  await page.goto(BASE + "/#/lookback");
  await page.waitForSelector("[data-test=lookback-table]");
  const stays = lb.items.filter((i) => i.kind === "stay_without_claim");
  check(stays.length === lb.counts.stay_without_claim && stays.length > 0, "the demo has stays without a claim: " + stays.length);
  await page.waitForFunction((n) => document.querySelectorAll("[data-test=lookback-table] .el-table__body tr").length === n,
                             stays.length);
  await shot(page, "insight-02-lookback-staff");
  const first = stays[0];
  await page.locator("[data-test=lookback-table] .el-table__body tr").first().locator("[data-test=lookback-act]").click();
  await page.waitForSelector(".el-message-box");
  check((await text(page, ".el-message-box")).includes(first.ref), "the confirmation names the settlement " + first.ref);
  await page.click(".el-message-box .el-button--primary");
  await page.waitForFunction(() => location.hash.startsWith("#/claims/"));
  const no = decodeURIComponent((await page.evaluate(() => location.hash)).slice("#/claims/".length));
  const claim = await api(page, "/claims/" + encodeURIComponent(no));
  check(claim.claim_no === no && JSON.stringify(claim).includes(first.ref), "the claim made from the stay " + first.ref + ": " + no);
  await page.waitForFunction((n) => document.body.textContent.includes(n), no);
  await shot(page, "insight-03-claim-from-lookback");
  lb = await api(page, "/lookback");
  check(lb.counts.stay_without_claim === stays.length - 1 && !lb.items.some((i) => i.ref === first.ref && i.kind === first.kind),
        "the stay left the worklist");
  // a coverage due for renewal, renewed
  const due = lb.items.filter((i) => i.kind === "renewal_due");
  if (due.length) {
    await page.goto(BASE + "/#/lookback");
    await page.click("[data-test=lookback-tab-renewal_due]");
    await page.waitForFunction((n) => document.querySelectorAll("[data-test=lookback-table] .el-table__body tr").length === n, due.length);
    await page.locator("[data-test=lookback-table] .el-table__body tr").first().locator("[data-test=lookback-act]").click();
    await page.waitForSelector(".el-message-box");
    check((await text(page, ".el-message-box")).includes(due[0].member.name), "the renewal names the member");
    await shot(page, "insight-04-renew-confirm");
    await page.click(".el-message-box .el-button--primary");
    await page.waitForFunction((n) => document.querySelectorAll("[data-test=lookback-table] .el-table__body tr").length === n - 1,
                               due.length);
    lb = await api(page, "/lookback");
    check(lb.counts.renewal_due === due.length - 1, "the renewed coverage left the worklist");
  } else check(false, "the demo has a coverage due for renewal");

  // a model worker's stay without a subsidy: the LM application, then the LM page
  const lms = lb.items.filter((i) => i.kind === "lm_without_subsidy");
  if (lms.length) {
    await page.goto(BASE + "/#/lookback");
    await page.click("[data-test=lookback-tab-lm_without_subsidy]");
    await page.waitForFunction((n) => document.querySelectorAll("[data-test=lookback-table] .el-table__body tr").length === n, lms.length);
    await page.locator("[data-test=lookback-table] .el-table__body tr").first().locator("[data-test=lookback-act]").click();
    await page.waitForSelector(".el-message-box");
    check((await text(page, ".el-message-box")).includes(lms[0].ref), "the LM confirmation names the stay " + lms[0].ref);
    await page.click(".el-message-box .el-button--primary");
    await page.waitForFunction(() => location.hash === "#/lm");
    lb = await api(page, "/lookback");
    check(lb.counts.lm_without_subsidy === lms.length - 1, "the stay with its LM application left the worklist");
  } else check(false, "the demo has a model worker's stay without a subsidy");

  // the outbox: attempts, next retry; a failed notice sent again
  const ob = await api(page, "/notices?per_page=20");
  await page.goto(BASE + "/#/outbox");
  await page.waitForSelector("[data-test=outbox-table] .el-table__row");
  const rows = await page.$$eval("[data-test=outbox-table] .el-table__body tr", (els) => els.map((e) => e.textContent));
  check(rows.length === Math.min(20, ob.total) && ob.items.every((n, i) => rows[i].includes(n.no)), "the outbox lists the notices newest first");
  await page.click("[data-test=outbox-status] label:has-text('失败')");
  await page.waitForFunction(() => document.querySelectorAll("[data-test=outbox-retry]").length === 2);
  await shot(page, "insight-05-outbox-failed");
  await page.locator("[data-test=outbox-retry]").first().click();
  await page.waitForSelector(".el-message-box");
  await page.click(".el-message-box .el-button--primary");
  await page.waitForFunction(() => document.querySelectorAll("[data-test=outbox-retry]").length === 1);
  const failed = await api(page, "/notices?status=failed");
  check(failed.total === 1, "one notice left failed after the retry: " + failed.total);
  const pend = await api(page, "/notices?status=pending&per_page=100");
  check(pend.items.some((n) => n.attempts === 0 && n.next_at), "the retried notice is pending with its next attempt");
  await staff.ctx.close();

  // ---- admin: publish the 30% file -------------------------------------------------------
  const admin = await session("admin", { width: 1366, height: 768 });
  page = admin.page;
  await page.waitForSelector("[data-test=nav-whatif]");
  const v0 = (await api(page, "/plans/ZY/file")).version;
  const a = await whatIf(page);
  check(a.r.difference === r.difference, "admin sees the same difference");
  await page.click("[data-test=whatif-publish]");
  await page.waitForSelector(".el-message-box");
  const msg = await text(page, ".el-message-box");
  check(msg.includes("只适用于今后新参保") && msg.includes("已有的保障仍按参保时的版本执行"), "the dialog: new coverages only: " + msg);
  await page.fill(".el-message-box input", "测算后提高住院比例");
  await shot(page, "insight-06-publish-confirm");
  await page.click(".el-message-box .el-button--primary");
  await page.waitForSelector(".el-message--success");
  const v1 = (await api(page, "/plans/ZY/file"));
  check(v1.version === v0 + 1 && v1.file.benefits[0].ratio_pct === 30, `published as version ${v0 + 1}: ${v1.version}`);
  check((await text(page, ".el-message--success")).includes("第 " + v1.version + " 版"), "the page says the version");
  await admin.ctx.close();

  // ---- cadre: its district's look-back, masked, no actions; no what-if -----------------
  const cadre = await session("cadre", { width: 1366, height: 768 });
  page = cadre.page;
  await page.waitForSelector("[data-test=nav-lookback]");
  const cn = await navs(page);
  check(!cn.includes("nav-whatif") && cn.includes("nav-outbox"), "the cadre's menu: look-back and outbox, no what-if: " + cn);
  const clb = await api(page, "/lookback");
  await page.goto(BASE + "/#/lookback");
  await page.waitForSelector("[data-test=lookback-table]");
  const cstays = clb.items.filter((i) => i.kind === "stay_without_claim");
  await page.waitForFunction((n) => document.querySelectorAll("[data-test=lookback-table] .el-table__body tr").length === Math.max(n, 1), cstays.length);
  check(clb.items.length < lb.items.length && clb.items.every((i) => i.member.id_number.includes("*")),
        `the cadre's items: fewer (${clb.items.length} of ${lb.items.length}), masked`);
  check(!(await page.$("[data-test=lookback-act]")), "no action buttons for the cadre");
  await shot(page, "insight-07-lookback-cadre");
  await cadre.ctx.close();

  // ---- unit liaison: none of the pages -------------------------------------------------
  const unit = await session("unit", { width: 1366, height: 768 });
  await unit.page.waitForSelector("[data-test=logout]");
  const un = await navs(unit.page);
  check(!un.some((n) => ["nav-whatif", "nav-lookback", "nav-outbox"].includes(n)), "the unit liaison's menu has none: " + un);
  await unit.ctx.close();
} catch (e) {
  check(false, e.message);
}
fs.rmSync(tmp, { recursive: true, force: true });
await finish();
