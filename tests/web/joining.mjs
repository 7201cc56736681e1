// Joining online in a real browser (issue 15), on the demo data set: a rider
// applies on the phone (390x844) through the public page, is told which field
// is wrong, and gets an application number; 镇安's cadre finds it in the queue,
// approves it after the confirmation (the member has XYT from today, paid by
// the union), rejects another with a reason; a 新城区 cadre sees none of 镇安's
// applications; staff set up a standing sponsorship. Screenshots in HZ_SHOTS
// (join-*.png). Prints "N passed, N failed".
import { BASE, answered, check, context, eventually, finish, session, shot, text } from "./lib.mjs";

const TODAY = "2026-11-29"; // HUZHU_TODAY of the suite
const api = async (page, path) => (await page.request.get(BASE + "/api/v1" + path)).json();
function idNumber(body17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  return body17 + "10X98765432"[[...body17].reduce((s, c, i) => s + Number(c) * w[i], 0) % 11];
}
const rider = idNumber("61102519950601123");
const wrong = rider.slice(0, 17) + (rider[17] === "1" ? "2" : "1");

try {
  // --- a rider applies on the phone ----------------------------------------------
  const phone = await context({ width: 390, height: 844 });
  let page = await phone.newPage();
  await page.goto(BASE + "/join.html");
  await page.waitForSelector("[data-test=join-org] >> option[value=SL-ZA-XYT]", { state: "attached" });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  check(width <= 390, "the form fits the phone's width: " + width);
  await shot(page, "join-01-form-phone");
  await page.fill("[data-test=join-name]", "马骑手");
  await page.fill("[data-test=join-id]", wrong);
  await page.fill("[data-test=join-phone]", "13991110000");
  await page.selectOption("[data-test=join-occupation]", "外卖骑手");
  await page.selectOption("[data-test=join-org]", "SL-ZA-XYT");
  await page.click("[data-test=join-submit]");
  await page.waitForSelector(".err[data-for=consent]:not(:empty)");
  check(!(await page.isVisible("[data-test=join-done]")), "nothing sent before consent");
  await page.check("[data-test=join-consent]");
  await page.click("[data-test=join-submit]");
  await page.waitForSelector(".err[data-for=id_number]:not(:empty)");
  const idErr = await text(page, ".err[data-for=id_number]");
  check(idErr.includes("校验") && !idErr.includes("(") && await page.$eval("[data-test=join-id]", e => e.classList.contains("bad")),
        "a wrong check digit is shown under the ID field, in Chinese: " + idErr);
  await shot(page, "join-02-bad-id-phone");
  await page.fill("[data-test=join-id]", rider);
  await page.click("[data-test=join-submit]");
  await page.waitForSelector("[data-test=join-done]:not([hidden])");
  const no = (await text(page, "[data-test=join-no]")).trim();
  check(/^RH2026\d{6}$/.test(no), "the application number is shown: " + no);
  await shot(page, "join-03-submitted-phone");
  await phone.close();

  // --- 镇安's cadre approves it ---------------------------------------------------------
  const za = await session("zhenan", { width: 1366, height: 768 });
  page = za.page;
  await page.waitForSelector("[data-test=nav-joining]");
  await page.click("[data-test=nav-joining]");
  await page.waitForSelector(`[data-test=application-table] >> text=${no}`);
  const queue = await api(page, "/applications?status=pending");
  check(queue.items.length >= 2 && queue.items.every(a => a.org === "SL-ZA-XYT"), "镇安's queue: " + queue.items.length);
  check((await text(page, "[data-test=application-table]")).includes("外卖骑手"), "the occupation is shown in words");
  await shot(page, "join-04-queue-cadre");
  await page.click(`[data-test=application-approve-${no}]`);
  await page.waitForSelector(".el-message-box >> text=批准入会");
  check((await text(page, ".el-message-box")).includes("马骑手"), "the confirmation names the applicant");
  await shot(page, "join-05-confirm");
  await page.click(".el-message-box__btns .el-button--primary");
  await eventually(page, (n) => !document.querySelector("[data-test=application-table]").textContent.includes(n), no,
                   "the approved application left the pending queue");
  const done = (await api(page, "/applications?status=approved")).items.find(a => a.no === no);
  check(done && done.member_ref && done.decided_by === "zhenan", "approved by zhenan: " + JSON.stringify(done));
  const m = await api(page, "/members/ref/" + (done ? done.member_ref : "0"));
  const xyt = (m.coverages || []).filter(c => c.plan === "XYT");
  check(m.org === "SL-ZA-XYT" && xyt.length === 1 && xyt[0].start === TODAY && (m.flags || []).some(f => f.kind === "newform"),
        "马骑手 is a new-form member with XYT from today: " + JSON.stringify({ org: m.org, xyt, flags: m.flags }));
  // another one rejected, with a reason
  const other = (await api(page, "/applications?status=pending")).items[0];
  await page.click(`[data-test=application-reject-${other.no}]`);
  await page.waitForSelector(".el-message-box__input input");
  await page.click(".el-message-box__btns .el-button--primary"); // no reason yet: refused by the dialog
  await page.waitForSelector(".el-message-box__errormsg >> text=拒绝须填写理由");
  await page.fill(".el-message-box__input input", "已在单位工会入会");
  await shot(page, "join-06-reject-reason");
  await page.click(".el-message-box__btns .el-button--primary");
  await eventually(page, (n) => !document.querySelector("[data-test=application-table]").textContent.includes(n), other.no,
                   "the rejected application left the pending queue");
  const rej = (await api(page, "/applications?status=rejected")).items.find(a => a.no === other.no);
  check(rej && rej.reason === "已在单位工会入会", "rejected with its reason: " + JSON.stringify(rej));
  await page.click(".el-tabs__item >> text=已入会");
  await page.waitForSelector(`[data-test=application-table] >> text=${no}`);
  const sp = (await api(page, "/sponsorships")).items;
  check(sp.length === 1 && sp[0].org === "SL-ZA-XYT" && sp[0].granted >= 1 &&
        (await text(page, "[data-test=sponsorship-table]")).includes(String(sp[0].granted)),
        "镇安's sponsorship with what it gave: " + JSON.stringify(sp));
  check(!(await page.$("[data-test=sponsorship-form]")), "a cadre sets up no sponsorship");
  check((await text(page, "[data-test=growth-table]")).includes("镇安县总工会"), "the growth report shows 镇安");
  await shot(page, "join-07-approved-cadre");
  await za.ctx.close();

  // --- a 新城区 cadre sees none of 镇安's ------------------------------------------------
  const xc = await session("cadre", { width: 1366, height: 768 });
  page = xc.page;
  await page.waitForSelector("[data-test=nav-joining]");
  const mine = await answered(page, "/applications", { status: "pending" }, () => page.click("[data-test=nav-joining]"));
  await page.waitForSelector("[data-test=application-total]");
  check(mine.total === 0 && (await text(page, "[data-test=application-total]")).includes("共 0 条"),
        "新城区's cadre sees no application of 镇安: " + mine.total);
  check((await api(page, "/applications")).total === 0 && (await api(page, "/sponsorships")).total === 0,
        "nor any decided one, nor 镇安's sponsorship");
  check(!(await text(page, "[data-test=growth-table]")).includes("镇安"), "nor 镇安 in the growth report");
  await shot(page, "join-08-other-district");
  await xc.ctx.close();

  // --- staff set up a standing sponsorship ---------------------------------------------
  const st = await session("staff", { width: 1366, height: 768 });
  page = st.page;
  await page.waitForSelector("[data-test=nav-joining]");
  await page.click("[data-test=nav-joining]");
  await page.waitForSelector("[data-test=sponsorship-form]");
  await page.fill("[data-test=sponsorship-org]", "XA-XYT");
  await page.fill("[data-test=sponsorship-from]", "2027-01-01");
  await page.fill("[data-test=sponsorship-to]", "2027-12-31");
  await page.click("[data-test=sponsorship-add]");
  await page.waitForSelector("[data-test=sponsorship-table] >> text=西安市新就业形态劳动者联合工会");
  const all = (await api(page, "/sponsorships")).items;
  check(all.length === 2 && all.some(s => s.org === "XA-XYT" && s.from === "2027-01-01" && s.months === 12),
        "the new sponsorship is listed: " + JSON.stringify(all.map(s => s.org)));
  await shot(page, "join-09-sponsorships-staff");
  await st.ctx.close();
} catch (e) {
  check(false, e.message);
}
await finish();
