// The dashboard and the reports page in a real browser (issue 17), on the
// 300-member demo: as admin, staff, reviewer, finance and the 新城区 cadre
// the figures shown equal the API's for that role's scope (the cadre's are
// its district's, not the city's), report totals agree with each other
// (payouts by plan sum to the total paid, the loss ratio line's totals are
// the dashboard's ratio), pies show their values, a new date range and an
// org change the figures, a report exports as CSV (BOM) and XLSX; no
// JavaScript error, console error or failed request. Screenshots in
// HZ_SHOTS (dash-*.png). Prints "N passed, N failed".
import { readFileSync } from "fs";
import { BASE, check, finish, session, shot, text, answered } from "./lib.mjs";

const api = async (page, path) => {
  const r = await page.request.get(BASE + "/api/v1" + path);
  return { status: r.status(), body: r.ok() ? await r.json() : null };
};
/* the console's money format: "12345.67" → "12,345.67 元" */
const money = (s) => { const [i, f] = String(s).replace("-", "").split("."); return (String(s).startsWith("-") ? "-" : "") + i.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + "." + f + " 元"; };
const fen = (s) => { const neg = s.startsWith("-"), [i, f] = s.replace("-", "").split("."); return (neg ? -1 : 1) * (Number(i) * 100 + Number(f)); };
const fenText = (v) => { const a = String(Math.abs(v)).padStart(3, "0"); return (v < 0 ? "-" : "") + a.slice(0, -2) + "." + a.slice(-2); };
const ratio = (b, c) => { if (c <= 0) return "0.00%"; const bp = (BigInt(b) * 20000n / BigInt(c) + 1n) / 2n; return bp / 100n + "." + String(bp % 100n).padStart(2, "0") + "%"; };
const today = process.env.HUZHU_TODAY || new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" }), year = Number(today.slice(0, 4));
const q = (from, to, org) => `?from=${from}&to=${to}` + (org ? `&org=${org}` : "");

const problems = []; // console errors and failed requests, per role
function watchPage(page, who) {
  page.on("console", (m) => { if (m.type() === "error") problems.push(who + " console: " + m.text()); });
  page.on("requestfailed", (r) => problems.push(who + " request failed: " + r.url() + " " + (r.failure() || {}).errorText));
  page.on("response", (r) => {
    // before the login the shell asks who is signed in and is told nobody (401)
    if (r.status() >= 400 && !(r.url().endsWith("/api/v1/me") && r.status() === 401)) problems.push(who + " HTTP " + r.status() + " " + r.url());
  });
}

/* the dashboard's shown figures against the API's for (from, to, org) */
async function compareDashboard(page, who, from, to, org) {
  const d = (await api(page, "/reports/dashboard" + q(from, to, org))).body;
  const lr = (await api(page, "/reports/loss_ratio" + q(from, to, org))).body;
  const rec = (await api(page, "/reports/recoveries" + q(from, to, org))).body;
  const shown = async (k) => (await text(page, `[data-test=dash-${k}]`)).trim();
  check(await shown("members") === String(d.members), `${who}: members shown ${await shown("members")} = API ${d.members}`);
  check(await shown("covered") === String(d.covered), `${who}: covered = API ${d.covered}`);
  check(await shown("contributions") === money(d.contributions), `${who}: contributions ${await shown("contributions")} = API ${money(d.contributions)}`);
  check(await shown("paid") === money(d.paid), `${who}: paid ${await shown("paid")} = API ${money(d.paid)}`);
  check(await shown("loss-ratio") === d.loss_ratio, `${who}: loss ratio ${await shown("loss-ratio")} = API ${d.loss_ratio}`);
  check(await shown("sla") === d.share_paid_within_7_days, `${who}: 7-day share = API ${d.share_paid_within_7_days}`);
  check(await shown("overdue") === String(d.overdue_open), `${who}: overdue = API ${d.overdue_open}`);
  const owed = rec.items.reduce((s, r) => s + fen(r.outstanding), 0);
  check(await shown("outstanding") === money(fenText(owed)), `${who}: outstanding = the recoveries report's ${fenText(owed)}`);
  // the loss_ratio report's totals are the dashboard's ratio; payouts by plan sum to the total paid
  const c = lr.items.reduce((s, r) => s + fen(r.contributions), 0), b = lr.items.reduce((s, r) => s + fen(r.incurred), 0);
  check(ratio(b, c) === d.loss_ratio, `${who}: loss_ratio report totals ${ratio(b, c)} = the dashboard's ${d.loss_ratio}`);
  check((await text(page, "[data-test=lr-ratio]")).trim() === d.loss_ratio, `${who}: the loss-ratio line shows ${d.loss_ratio}`);
  check((await text(page, "[data-test=lr-contributions]")).trim() === money(fenText(c)), `${who}: the loss-ratio line's contributions are the report's`);
  const plans = d.payouts.reduce((s, r) => s + fen(r.amount), 0);
  check(plans === fen(d.paid), `${who}: payouts by plan ${fenText(plans)} sum to the total paid ${d.paid}`);
  const foot = await text(page, "[data-test=dash-payouts] .el-table__footer");
  check(foot.includes(money(d.paid)), `${who}: the payouts table's total row shows ${money(d.paid)}: ${foot}`);
  // the coverage pie shows each plan's count as a label
  const pie = await text(page, "[data-test=chart-coverage]");
  check(d.plans.every(p => pie.includes(p.coverages + " 人")), `${who}: the coverage pie shows its values: ${pie.slice(0, 120)}`);
  const st = (await api(page, "/reports/claims_status" + q(from, to, org))).body;
  const rows = await page.$$eval("[data-test=dash-claims-status] .el-table__body .el-table__row", trs => trs.length);
  check(rows === st.items.length, `${who}: claims by status and source: ${rows} rows = API ${st.items.length}`);
  const five = (await api(page, "/reports/five_year" + q(from, to, org))).body;
  const frows = await page.$$eval("[data-test=dash-five-year] .el-table__body .el-table__row", trs => trs.length);
  check(frows === five.items.length, `${who}: five-year rows ${frows} = API ${five.items.length}`);
  return d;
}

/* the dashboard (the first page after signing in) once every report of
 * the period answered and is drawn */
async function openDashboard(page) {
  await page.waitForSelector("[data-test=dashboard]");
  await page.waitForSelector("[data-test=dash-members]");
  await page.waitForSelector("[data-test=chart-lr-plan] svg text");
  await page.waitForSelector("[data-test=chart-coverage] svg text");
  await page.waitForFunction(() => !document.querySelector("[data-test=dashboard] .el-loading-mask"));
}

try {
  const admin = {};
  for (const who of ["admin", "staff", "reviewer", "finance", "cadre"]) {
    const s = await session(who, { width: 1440, height: 900 });
    const page = s.page;
    watchPage(page, who);
    await page.waitForSelector("[data-test=nav-dashboard]");
    await openDashboard(page);
    const d = await compareDashboard(page, who, year + "-01-01", today, "");
    await shot(page, `dash-${who}-dashboard`);
    if (who === "admin") Object.assign(admin, d);
    // the forecast card (issue 18, views_insight.js) in the dashboard's slot
    await page.waitForSelector("[data-test=forecast-card] .el-table__row");
    check(true, `${who}: the forecast card is on the dashboard`);
    if (who === "cadre") {
      check(d.members < admin.members && d.members > 0, `the cadre's members ${d.members} are its district's, not the city's ${admin.members}`);
      check(d.districts.length === 1 && d.districts[0].name === "新城区总工会", "the cadre's district chart holds 新城区 only");
      const other = await api(page, "/reports/dashboard" + q(year + "-01-01", today, "XA-YT"));
      check(other.status === 403 || other.status === 404, "the cadre asking for 雁塔区 is refused: " + other.status);
      await page.click("[data-test=dash-org]");
      const offered = await page.$$eval(".el-select-dropdown__item", els => els.map(e => e.textContent));
      check(offered.length > 0 && offered.every(t => t.includes("XA-XC")), "the cadre's org filter offers its own org only: " + offered.join(","));
      await page.keyboard.press("Escape");
    }
    // a new date range: the last two policy years
    const from2 = (year - 1) + "-01-01";
    const d2 = await answered(page, "/reports/dashboard", { from: from2 }, async () => {
      await page.click("[data-test=dash-range]");
      await page.click(".el-picker-panel__shortcut >> text=近两年");
    });
    await page.waitForFunction((v) => document.querySelector("[data-test=dash-paid]").textContent.trim() === v, money(d2.paid));
    await page.waitForFunction(() => !document.querySelector("[data-test=dashboard] .el-loading-mask"));
    check(d2.contributions !== d.contributions || d2.paid !== d.paid,
          `${who}: two years' contributions ${d2.contributions} and paid ${d2.paid}, not this year's ${d.contributions} and ${d.paid}`);
    await compareDashboard(page, who + " (two years)", from2, today, "");
    if (who === "admin") {
      await shot(page, "dash-admin-two-years");
      // an org: the city narrowed to 新城区 shows the cadre's district
      const d3 = await answered(page, "/reports/dashboard", { org: "XA-XC" }, async () => {
        await page.click("[data-test=dash-org]");
        await page.click(".el-select-dropdown__item >> text=（XA-XC）");
      });
      await page.waitForFunction((v) => document.querySelector("[data-test=dash-members]").textContent.trim() === v, String(d3.members));
      await page.waitForFunction(() => !document.querySelector("[data-test=dashboard] .el-loading-mask"));
      await compareDashboard(page, "admin (XA-XC)", from2, today, "XA-XC");
      admin.xc = d3.members;
    }
    if (who === "cadre") check(d2.members === admin.xc, `the cadre's members ${d2.members} = admin's 新城区 ${admin.xc}`);

    // the reports page: every report by the CLI's name; one as a table; exports
    await page.click("[data-test=nav-reports]");
    await page.waitForSelector("[data-test=rep-item-loss_ratio]");
    const list = (await api(page, "/reports")).body.items.map(r => r.name);
    for (const n of ["loss_ratio", "five_year", "claims_status", "sla_monthly", "recoveries", "growth", "dashboard"])
      check(list.includes(n) && await page.$(`[data-test=rep-item-${n}]`), `${who}: the reports page lists ${n}`);
    const lr = await answered(page, "/reports/loss_ratio", {}, () => page.click("[data-test=rep-item-loss_ratio]"));
    await page.waitForFunction(() => !document.querySelector("[data-test=reports] .el-loading-mask"));
    const shownRows = await page.$$eval("[data-test=rep-table-main] .el-table__body .el-table__row", trs => trs.length);
    check(shownRows === lr.items.length, `${who}: loss_ratio shows ${shownRows} rows = API ${lr.items.length}`);
    if (lr.items.length) {
      const first = await text(page, "[data-test=rep-table-main] .el-table__body .el-table__row");
      check(first.includes(money(lr.items[0].contributions)) && first.includes(lr.items[0].loss_ratio),
            `${who}: the first row shows the API's contributions and ratio: ${first}`);
    }
    const [csv] = await Promise.all([page.waitForEvent("download"), page.click("[data-test=rep-csv]")]);
    const body = readFileSync(await csv.path());
    check(body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf && body.toString().includes("赔付率") &&
          body.toString().trim().split("\n").length === lr.items.length + 1,
          `${who}: CSV with a BOM, the Chinese header and every row (${csv.suggestedFilename()})`);
    const [xlsx] = await Promise.all([page.waitForEvent("download"), page.click("[data-test=rep-xlsx]")]);
    check(readFileSync(await xlsx.path()).subarray(0, 2).toString() === "PK" && xlsx.suggestedFilename() === "loss_ratio.xlsx",
          `${who}: XLSX export (${xlsx.suggestedFilename()})`);
    await shot(page, `dash-${who}-reports`);
    if (who === "admin") {
      const g = await answered(page, "/reports/growth", {}, () => page.click("[data-test=rep-item-growth]"));
      await page.waitForFunction(() => !document.querySelector("[data-test=reports] .el-loading-mask"));
      const n = await page.$$eval("[data-test=rep-table-main] .el-table__body .el-table__row", trs => trs.length);
      check(n === g.items.length, `growth shows ${n} rows = API ${g.items.length}`);
      const dash = await answered(page, "/reports/dashboard", {}, () => page.click("[data-test=rep-item-dashboard]"));
      await page.waitForSelector("[data-test=rep-table-payouts]");
      check((await text(page, "[data-test=rep-table-main]")).includes(money(dash.paid)), "the dashboard report's record shows its paid total");
      await shot(page, "dash-admin-report-dashboard");
    }
    await s.ctx.close();
  }
  check(problems.length === 0, "no console errors or failed requests: " + problems.join("; "));
} catch (e) {
  check(false, e.message);
}
await finish();
