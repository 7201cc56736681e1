// The aid pages in a real browser (issue #13), on the demo data set, as each
// role uses them: the reviewer approves a model worker's subsidy and the
// budget gauge moves; staff load a stay, propose second-round relief from the
// year's data and publish the 公示 list (masked, with its objection window);
// a member applies for student aid for a child on the phone and sees it
// pending; a district cadre sees only their district's figures. Screenshots
// in HZ_SHOTS (aid-*.png). Prints "N passed, N failed".
import { BASE, answered, check, eventually, finish, searchMembers, session, shot, text } from "./lib.mjs";

const YEAR = "2026"; // HUZHU_TODAY of the suite
// the API as the page's own session sees it (GET needs no CSRF token)
const api = async (page, path) => (await page.request.get(BASE + "/api/v1" + path)).json();
function idNumber(body17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  return body17 + "10X98765432"[[...body17].reduce((s, c, i) => s + Number(c) * w[i], 0) % 11];
}
const cents = (s) => Math.round(Number(s) * 100);
/* "23240.00" as the console shows money: "23,240.00 元" */
const yuan = (s) => { const [a, b] = String(s).split("."); return a.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + "." + b + " 元"; };
/* the console's money format: "19840.00" → "19,840.00 元" */
const money = (s) => { const [i, f] = String(s).replace("-", "").split("."); return (String(s).startsWith("-") ? "-" : "") + i.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + "." + f + " 元"; };
// the value the gauge draws (ECharts keeps it on the chart of the element)
const gaugeValue = (page) => page.evaluate(() => {
  const c = echarts.getInstanceByDom(document.querySelector("[data-test=lm-gauge]"));
  return c ? c.getOption().series[0].data[0].value : null;
});

try {
  // --- the reviewer approves a model worker's subsidy; the gauge moves ----------------
  const rev = await session("reviewer", { width: 1366, height: 768 });
  let page = rev.page;
  await page.waitForSelector("[data-test=nav-lm]");
  await page.click("[data-test=nav-lm]");
  await page.waitForSelector("[data-test=lm-budget]");
  await page.waitForSelector("[data-test=lm-gauge] canvas");
  await page.waitForSelector("[data-test=lm-table] >> text=张志强");
  const before = await api(page, "/lm/budget?year=" + YEAR);
  const gauge0 = await gaugeValue(page);
  check(before.budget === "60000.00" && (await text(page, "[data-test=lm-budget]")).includes(yuan(before.committed)),
        "the gauge's figures are the budget's: " + JSON.stringify(before));
  check(gauge0 === Math.round(cents(before.committed) * 1000 / cents(before.budget)) / 10, "the gauge shows committed / budget: " + gauge0);
  await shot(page, "aid-01-lm-queue");
  const queue = await api(page, "/lm/applications?status=applied");
  const zhang = queue.items.find(s => s.name === "张志强");
  check(zhang && zhang.amount === "5600.00" && zhang.explain.includes("70%"), "张志强's stay: 70% of 8,000.00: " + JSON.stringify(zhang));
  await page.click(`[data-test=lm-approve-${zhang.no}]`);
  await page.waitForFunction((c) => !document.querySelector("[data-test=lm-budget]").textContent.includes("已承诺 " + c),
                             yuan(before.committed));
  const after = await api(page, "/lm/budget?year=" + YEAR);
  check(cents(after.committed) - cents(before.committed) === 560000 && cents(after.left) === cents(before.left) - 560000,
        "approval commits 5,600.00 of the budget: " + JSON.stringify(after));
  check((await text(page, "[data-test=lm-budget]")).includes("已承诺 " + yuan(after.committed)) &&
        (await text(page, "[data-test=lm-budget]")).includes("剩余 " + yuan(after.left)), "the page shows the new figures");
  await page.waitForFunction((v) => {
    const c = echarts.getInstanceByDom(document.querySelector("[data-test=lm-gauge]"));
    return c && c.getOption().series[0].data[0].value !== v;
  }, gauge0);
  const gauge1 = await gaugeValue(page);
  check(gauge1 > gauge0 && gauge1 === Math.round(cents(after.committed) * 1000 / cents(after.budget)) / 10,
        `the gauge moved ${gauge0} -> ${gauge1}`);
  check((await api(page, "/lm/applications/" + zhang.no)).status === "approved", "the subsidy is approved");
  // the page reloads the budget first, then the queue: wait for the queue's turn
  await eventually(page, () => !document.querySelector("[data-test=lm-table]").textContent.includes("张志强"), null,
                   "it left the queue");
  await shot(page, "aid-02-lm-approved");
  await rev.ctx.close();

  // --- staff: a stay comes in, second-round relief proposed, the 公示 list published ----
  const staff = await session("staff", { width: 1366, height: 768 });
  page = staff.page;
  await page.waitForSelector("[data-test=nav-claims]");
  const wu = idNumber("61010419671119814"); // 吴秀珍 of the demo (中铁七局, 莲湖区), covered by ZY
  await page.click("[data-test=nav-claims]");
  const feed = "setl_id,certno,psn_name,med_type,adm_date,dscg_date,main_diag_code,medfee_sumamt,fund_pay_sumamt,psn_selfpay,psn_ownpay\n" +
               `AIDWEB01,${wu},吴秀珍,21,2026-10-08,2026-10-20,K80.1,120000.00,79500.00,40000.00,500.00\n`;
  await page.setInputFiles("[data-test=feed-file]", { name: "feed.csv", mimeType: "text/csv", buffer: Buffer.from(feed) });
  await page.waitForSelector("[data-test=feed-result] >> text=新增 1");
  await page.click("[data-test=nav-relief]");
  await page.waitForSelector(`[data-test=program-ECJZ${YEAR}]`);
  check((await page.$$("[data-test=program-ECJZ" + YEAR + "] .el-progress")).length === 1, "the programme shows its budget bar");
  await shot(page, "aid-03-programmes");
  await page.click(`[data-test=program-ECJZ${YEAR}]`);
  await page.waitForSelector("[data-test=grant-table]");
  check(!(await text(page, "[data-test=grant-table]")).includes("吴秀珍"), "吴秀珍 is not on the list before");
  await page.click("[data-test=propose]");
  await page.waitForSelector("[data-test=grant-table] >> text=吴秀珍");
  const proposed = (await api(page, `/relief/programs/ECJZ${YEAR}/grants?status=proposed`)).items.find(g => g.id_number === wu);
  check(proposed && proposed.burden === "40000.00" && proposed.amount === "3000.00",
        "proposed from her burden: 40,000.00 is in the 30,000-49,999.99 band, 3,000.00: " + JSON.stringify(proposed));
  check((await text(page, "[data-test=grant-table]")).includes("40000.00"), "the list shows the year's remaining burden");
  await shot(page, "aid-04-proposed");
  check((await text(page, "[data-test=publicity]")).includes("发布"), "not yet public");
  await page.click("[data-test=publicity]");
  await page.waitForSelector("[data-test=publicity-list]");
  await page.waitForSelector("[data-test=objection-until]");
  const prog = (await api(page, "/relief/programs")).items.find(p => p.code === "ECJZ" + YEAR);
  check(prog.objection_until === "2026-12-04" && (await text(page, "[data-test=objection-until]")).includes("2026-12-04"),
        "the objection window: five working days from today, shown: " + prog.objection_until);
  const listed = await text(page, "[data-test=publicity-list]");
  const approved = (await api(page, `/relief/programs/ECJZ${YEAR}/grants?status=approved`)).items;
  check(approved.length === 2 && approved.every(g => !listed.includes(g.name) && !listed.includes(g.id_number)),
        "the 公示 list never shows a full name or ID number");
  check(listed.includes("孙*英") && listed.includes("周*华") && /\*{6,}/.test(listed) && approved.every(g => listed.includes(g.amount)),
        "masked names and ID numbers with the amounts: " + listed.slice(0, 200));
  await shot(page, "aid-05-publicity");
  // the member's page shows their subsidies
  await page.goto(BASE + "/#/members");
  await searchMembers(page, "李秀兰");
  await page.click("[data-test=member-table] >> text=李秀兰");
  await page.waitForSelector("[data-test=member-aid]");
  const aidCard = await text(page, "[data-test=member-aid]");
  check(aidCard.includes("9000.00") && aidCard.includes("1000.00") && aidCard.includes("已支付"),
        "a member's page lists their LM subsidies with their states");
  await shot(page, "aid-06-member-page");
  await staff.ctx.close();

  // --- a member applies for student aid for a child, on a phone -------------------------
  const mem = await session("member", { width: 390, height: 844 });
  page = mem.page;
  await page.waitForSelector("[data-test=sa-submit]");
  const kid = idNumber("61010220080517003");
  await page.fill("[data-test=sa-name]", "何小雨");
  await page.fill("[data-test=sa-id]", kid);
  await page.fill("[data-test=sa-school]", "西安市第一中学");
  await page.click("[data-test=sa-level] >> text=高中");
  await page.click("[data-test=sa-submit]");
  await page.waitForSelector("[data-test=sa-error]");
  check((await text(page, "[data-test=sa-error]")).includes("困难理由"), "without a hardship flag the form asks for the need");
  await page.fill("[data-test=sa-reason]", "丈夫病退, 家庭收入减少");
  await page.click("[data-test=sa-submit]");
  await page.waitForSelector("[data-test=m-grant] >> text=何小雨");
  const row = await text(page, "[data-test=m-grant]");
  check(row.includes("待审批") && row.includes("2,000.00 元"), "pending, 2,000.00 元 for high school: " + row);
  const me = await api(page, "/me");
  const mine = await api(page, "/aid?id_number=" + me.scope.split(":")[1]);
  check(mine.grants.length === 1 && mine.grants[0].status === "applied" && mine.grants[0].student_name === "何小雨",
        "the application is recorded as hers: " + JSON.stringify(mine.grants));
  check(await page.evaluate(() => document.documentElement.scrollWidth <= 390), "no horizontal scroll on a phone");
  await shot(page, "aid-07-member-student-aid");
  await mem.ctx.close();

  // --- a district cadre: their district's figures only --------------------------------------
  const adm = await session("admin", { width: 1366, height: 768 });
  await adm.page.waitForSelector("[data-test=dashboard-aid]");
  const all = Object.fromEntries((await api(adm.page, "/reports/dashboard")).aid.map(r => [r.scheme, r]));
  await shot(adm.page, "aid-08-dashboard-admin");
  await adm.ctx.close();
  const cad = await session("cadre", { width: 1366, height: 768 });
  page = cad.page;
  await page.waitForSelector("[data-test=dashboard-aid]");
  const mineD = Object.fromEntries((await api(page, "/reports/dashboard")).aid.map(r => [r.scheme, r]));
  const shown = await text(page, "[data-test=dashboard-aid]");
  check(mineD.lm.committed === "19840.00", "新城区 LM: 7,040 + 7,200 + 张志强's 5,600 approved today: " + mineD.lm.committed);
  check(shown.includes(money(mineD.lm.committed)) && shown.includes(money(mineD.relief.committed)) && !shown.includes(money(all.lm.committed)),
        `the cadre's dashboard shows ${mineD.lm.committed}, not the city's ${all.lm.committed}`);
  check(cents(all.lm.committed) > cents(mineD.lm.committed) && all.relief.grants > mineD.relief.grants,
        "the city's totals are larger than the district's");
  await shot(page, "aid-09-dashboard-cadre");
  await page.click("[data-test=nav-lm]");
  await page.waitForSelector("[data-test=lm-budget]");
  // the tab's own answer, then the table showing it (the previous tab's rows stay until it arrives)
  const allTab = await answered(page, "/lm/applications", { status: null }, () => page.click(".el-tabs__item >> text=全部"));
  await page.waitForFunction((nos) => {
    const trs = [...document.querySelectorAll("[data-test=lm-table] .el-table__row")];
    return trs.length === nos.length && nos.every((no, i) => trs[i].textContent.includes(no));
  }, allTab.items.map(s => s.no));
  const rows = await page.$$eval("[data-test=lm-table] .el-table__row", trs => trs.map(t => t.textContent));
  check(rows.length === 3 && rows.every(r => /王\*国|张\*强|陈\*芬/.test(r)), "the cadre's LM list: 新城区's three, masked: " + rows.length);
  check(!(await page.$("[data-test^=lm-approve]")), "a cadre has no approve button");
  await shot(page, "aid-10-cadre-lm");
  await cad.ctx.close();
} catch (e) {
  check(false, e.message);
}
await finish();
