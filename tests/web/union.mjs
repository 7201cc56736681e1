// The union work pages in a real browser (issue 15), on the demo data set:
// staff open the walk's ranking, hand out goods after a confirmation and
// see a repeat participation refused; staff assign, note and close a case
// with the amount recovered (confirm dialogs); the 新城区 cadre sees their
// district's activities and cases and none of 雁塔区's; the member 何秀英
// follows her activities, goods and cases on a 390x844 phone and sends a
// request. Screenshots in HZ_SHOTS (union-*.png). Prints "N passed, N failed".
import { BASE, check, eventually, finish, session, shot, text } from "./lib.mjs";

const HE = "610102197503080027"; // 何秀英, the demo member
const api = async (page, path) => (await page.request.get(BASE + "/api/v1" + path)).json();
const rowsOf = (page, table) => page.$$eval(`[data-test=${table}] .el-table__row`, trs => trs.map(t => t.textContent));
async function confirmBox(page) {
  await page.waitForSelector(".el-message-box .el-button--primary");
  await page.click(".el-message-box .el-button--primary");
}

try {
  // --- staff: the walk's ranking; goods after a confirmation; a repeat refused ---------
  const st = await session("staff", { width: 1366, height: 768 });
  let page = st.page;
  await page.waitForSelector("[data-test=nav-activities]");
  await page.click("[data-test=nav-activities]");
  await page.waitForSelector("[data-test=act-table] .el-table__row");
  check(Number(await text(page, "[data-test=act-count]")) > 20, "the year's activities are counted");
  await page.fill("[data-test=act-search]", "jbz2026"); // the list is paged: found by its code, in any case
  await page.press("[data-test=act-search]", "Enter");
  await page.waitForSelector("[data-test=act-table] >> text=JBZ2026");
  await shot(page, "union-01-activities");
  await page.click("[data-test=act-table] >> text=JBZ2026");
  await page.waitForSelector("[data-test=act-ranking] .el-table__row");
  const walk = await api(page, "/activities/JBZ2026");
  const first = (await rowsOf(page, "act-ranking"))[0];
  check(first.includes("第 1 名") && first.includes(walk.ranking[0].name), "the ranking's first place is the API's: " + first);
  check(walk.ranking.every((r, i) => i === 0 || r.value <= walk.ranking[i - 1].value), "ranked by total steps, highest first");
  await shot(page, "union-02-walk-ranking");
  await page.goto(BASE + "/#/activities/XC-QL2026");
  await page.waitForSelector("[data-test=act-goods]");
  const before = (await api(page, "/activities/XC-QL2026")).items["毛巾"];
  await page.click("[data-test=dist-to] .el-radio >> nth=1");
  await page.fill("[data-test=dist-target]", HE);
  await page.fill("[data-test=dist-items]", "毛巾:1");
  const day = page.locator("input[placeholder='默认当天']").nth(1); // the distribution's date picker
  await day.fill("2026-07-20"); // within the activity's dates
  await day.press("Enter");
  await page.click("[data-test=dist-submit]");
  await page.waitForSelector(".el-message-box >> text=毛巾:1");
  await shot(page, "union-03-distribute-confirm");
  await confirmBox(page);
  await eventually(page, (n) => document.querySelector("[data-test=act-goods]").textContent.includes("毛巾 " + n + " 件"), before + 1,
                   "the goods line counts the towel handed out");
  check((await api(page, "/activities/XC-QL2026")).items["毛巾"] === before + 1, "the API counts it too");
  await page.goto(BASE + "/#/activities/XC-JZ2026");
  await page.waitForSelector("[data-test=join-id]");
  await page.fill("[data-test=join-id]", HE);
  await page.click("[data-test=join-submit]");
  await page.waitForSelector("[data-test=join-error]");
  check((await text(page, "[data-test=join-error]")).includes("once per member, activity and date"), "a repeat on the same day is refused, saying why");
  await shot(page, "union-04-join-refused");

  // --- staff: a legal-aid case assigned, noted and closed with the amount recovered ---
  await page.click("[data-test=nav-cases]");
  await page.waitForSelector("[data-test=case-tabs]");
  await page.click(".el-tabs__item >> text=待分派");
  await page.waitForSelector("[data-test=case-table] >> text=法律援助");
  const legal = (await api(page, "/cases?status=open")).items.find(c => c.kind === "legal");
  await page.click(`[data-test=case-table] >> text=${legal.no}`);
  await page.waitForSelector("[data-test=case-detail]");
  await page.click("[data-test=case-assign]");
  await page.waitForSelector(".el-message-box__input input");
  await page.fill(".el-message-box__input input", "staff");
  await confirmBox(page);
  await eventually(page, () => document.querySelector("[data-test=case-assignee]").textContent.includes("staff"), null, "assigned to staff");
  await page.click("[data-test=case-note]");
  await page.waitForSelector(".el-message-box__input textarea");
  await page.fill(".el-message-box__input textarea", "已约用人单位到劳动争议调解中心");
  await confirmBox(page);
  await eventually(page, () => document.querySelector("[data-test=case-notes]").textContent.includes("劳动争议调解中心"), null, "the note is on the timeline");
  await page.click("[data-test=case-close]");
  await page.waitForSelector("[data-test=close-recovered]");
  await page.click("[data-test=close-outcome]");
  await page.click(".el-select-dropdown__item >> text=调解结案");
  await page.fill("[data-test=close-recovered]", "32000.00");
  await page.click("[data-test=close-submit]");
  await page.waitForSelector(".el-message-box >> text=32000.00");
  await shot(page, "union-05-close-confirm");
  await confirmBox(page);
  await page.waitForSelector("[data-test=case-outcome]");
  check((await text(page, "[data-test=case-outcome]")).includes("32000.00"), "closed with the amount recovered");
  const closed = await api(page, "/cases/" + legal.no);
  check(closed.status === "closed" && closed.outcome === "mediated" && closed.recovered === "32000.00" && closed.notes.length === 1,
        "the API agrees: " + JSON.stringify(closed));
  check(!(await page.$("[data-test=case-close]")), "a closed case offers no more actions");
  await shot(page, "union-06-case-closed");
  await st.ctx.close();

  // --- the 新城区 cadre: their district's activities and cases, none of 雁塔区's -----
  const cad = await session("cadre", { width: 1366, height: 768 });
  page = cad.page;
  await page.waitForSelector("[data-test=nav-activities]");
  await page.click("[data-test=nav-activities]");
  await page.waitForSelector("[data-test=act-table] .el-table__row");
  const acts = (await rowsOf(page, "act-table")).join("\n");
  check(!acts.includes("JNBW2026") && !acts.includes("雁塔区") && !acts.includes("LASC2026"), "no 雁塔区 activity in the cadre's list");
  const every = await api(page, "/activities?per_page=500");
  check(every.total > 0 && every.items.every(a => !a.org_name.includes("雁塔区")), "no 雁塔区 activity in any of the cadre's " + every.total);
  await page.fill("[data-test=act-search]", "XC-QL2026");
  await page.press("[data-test=act-search]", "Enter");
  await page.waitForSelector("[data-test=act-table] >> text=XC-QL2026");
  await shot(page, "union-07-cadre-activities");
  await page.click("[data-test=nav-cases]");
  await page.waitForSelector("[data-test=case-table] .el-table__row");
  const mine = await rowsOf(page, "case-table");
  check(mine.length === 2 && mine.every(r => r.includes("cadre")), "the cadre's queue: the two cases assigned to them: " + mine.length);
  await page.click(".el-tabs__item >> text=全部");
  await eventually(page, () => document.querySelectorAll("[data-test=case-table] .el-table__row").length === 3, null,
                   "all the cadre sees: 新城区's three cases");
  check(!(await rowsOf(page, "case-table")).join("").includes(legal.no), "not 雁塔区's legal case");
  await shot(page, "union-08-cadre-cases");
  await cad.ctx.close();

  // --- the member on the phone: activities, goods, cases; a new request -------------
  const mem = await session("member", { width: 390, height: 844 });
  page = mem.page;
  await page.waitForSelector("[data-test=m-union-link]");
  await page.click("[data-test=m-union-link]");
  await page.waitForSelector("[data-test=m-activity]");
  const myActs = (await page.$$eval("[data-test=m-activity]", els => els.map(e => e.textContent))).join("\n");
  check(myActs.includes("健步走") && myActs.includes("步"), "her walk with its steps: " + myActs.slice(0, 80));
  const goods = (await page.$$eval("[data-test=m-goods]", els => els.map(e => e.textContent))).join("\n");
  check(goods.includes("防暑降温包") && goods.includes("毛巾"), "the goods she received, the towel just handed out included");
  await page.click("[data-test=m-case] >> text=咨询");
  await page.waitForSelector("[data-test=m-case-notes]");
  check((await text(page, "[data-test=m-case-notes]")).includes("出院小结"), "she reads the cadre's note on her consultation");
  await shot(page, "union-09-member-phone");
  await page.fill("[data-test=m-case-summary]", "单位未按时缴纳工会会费，想咨询互助保障是否受影响");
  await page.click("[data-test=m-case-submit]");
  await eventually(page, () => [...document.querySelectorAll("[data-test=m-case]")].some(e => e.textContent.includes("工会会费")), null,
                   "her request is listed at once");
  const cases = await api(page, "/cases");
  check(cases.items.length === 2 && cases.items.every(c => c.id_number === "610102197503080027"), "she sees her own cases only");
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  check(wide <= 390, "the phone page fits 390 px: " + wide);
  await shot(page, "union-10-member-request");
  await mem.ctx.close();
} catch (e) {
  check(false, e.message);
}
await finish();
