// The office's pages in a real browser (issue 16), on the demo data set, at
// 1366x768: the admin adds a unit in the organisation tree, renames it,
// registers a member there, adds a user, disables and re-enables it, resets
// its password, verifies the audit chain and finds a claim's approval among the
// audit events; finance opens a bank batch's lines; staff edit a member's
// categories and change a bank card (confirmed, then waiting in the card
// panel), open a plan's versions, enrol the new member, renew a unit after
// a confirmation that says how many and how much, see the unmatched
// settlements and match one after registering the person, the overdue
// board and the contributions; the 新城区 cadre sees only its district. No
// console errors, no failed request. Screenshots in HZ_SHOTS (office-*.png).
// Prints "N passed, N failed".
import { BASE, answered, check, eventually, finish, pick, session, shot, text } from "./lib.mjs";

const api = async (page, path) => (await page.request.get(BASE + "/api/v1" + path)).json();
const problems = [];
let expected400 = null; // a refusal the test asks for (a form's validation), by the path's end
function watch(who, page) {
  page.on("console", (m) => {
    if (m.type() === "error" && !(expected400 && m.text().includes("status of 400"))) problems.push(who + " console: " + m.text());
  });
  page.on("response", (r) => {
    if (r.url().includes("/api/") && r.status() >= 400 && !(expected400 && r.status() === 400 && r.url().endsWith(expected400)))
      problems.push(who + " " + r.request().method() + " " + r.url() + " -> " + r.status());
  });
  page.on("requestfailed", (r) => problems.push(who + " failed: " + r.url()));
}
async function login(who) {
  const s = await session(who, { width: 1366, height: 768 });
  watch(who, s.page);
  await s.page.waitForSelector("[data-test=logout]");
  /* the office roles land on the dashboard: let its chart be drawn before
     leaving, or its late init meets a removed element (views.js) */
  await s.page.waitForSelector("[data-test=chart-districts] canvas");
  return s;
}
/* an el-input's <input>, whether the attribute lands on it or on its wrapper */
const inp = (name) => `input[data-test=${name}], [data-test=${name}] input`;
async function go(page, hash, sel) {
  await page.goto(BASE + "/" + hash);
  await page.waitForSelector(sel);
}
async function confirmBox(page, expect) {
  await page.waitForSelector(".el-message-box .el-button--primary");
  const msg = await text(page, ".el-message-box__message");
  await page.click(".el-message-box .el-button--primary");
  return msg;
}
/* "27101.00" as the console writes it: "27,101.00 元" */
const hzMoney = (s) => s.replace(/\B(?=(\d{3})+(?!\d))(?=.*\.)/g, ",") + " 元";
function creditCode(body) { // GB 32100 check character
  const al = "0123456789ABCDEFGHJKLMNPQRTUWXY", w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const c = 31 - [...body].reduce((s, ch, i) => s + al.indexOf(ch) * w[i], 0) % 31;
  return body + al[c === 31 ? 0 : c];
}
function idNumber(body) { // GB 11643
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  return body + "10X98765432"[[...body].reduce((s, ch, i) => s + Number(ch) * w[i], 0) % 11];
}
function luhn(prefix) {
  for (let d = 0; d < 10; d++) {
    const n = prefix + d;
    const s = [...n].reverse().reduce((a, c, i) => { let v = Number(c) * (i % 2 ? 2 : 1); return a + (v > 9 ? v - 9 : v); }, 0);
    if (s % 10 === 0) return n;
  }
}

const UNIT = creditCode("91610102MA6TFC001"), NEWID = idNumber("61010219900315734");
try {
  // --- admin: the tree, a unit added and renamed, a member registered there -----------
  const ad = await login("admin");
  let page = ad.page;
  await go(page, "#/org", "[data-test=org-tree] .org-node");
  check((await text(page, "[data-test=org-tree]")).includes("新城区"), "the tree shows the districts");
  await page.click("[data-test=org-XA-XC]");
  await page.waitForFunction(() => document.querySelector("[data-test=units-heading]").textContent.includes("新城区"));
  await shot(page, "office-01-org-tree");
  await page.click("[data-test=unit-add]");
  await page.fill(inp("uf-code"), UNIT);
  await page.fill(inp("uf-name"), "西安测试办公用品有限公司");
  check((await text(page, "[data-test=unit-form]")).includes("新城区"), "the org is preset to the one chosen in the tree");
  await shot(page, "office-02-unit-add");
  await page.click("[data-test=uf-save]");
  await page.fill(inp("unit-search"), "测试办公");
  await page.press(inp("unit-search"), "Enter"); // the server searches (HzTable)
  await page.waitForSelector(`[data-test=unit-edit-${UNIT}]`);
  check((await api(page, "/units?per_page=500")).items.some(u => u.code === UNIT && u.org === "XA-XC"), "the unit is added under 新城区");
  await page.click(`[data-test=unit-edit-${UNIT}]`);
  await page.fill(inp("uf-name"), "西安测试办公用品股份有限公司");
  await page.click("[data-test=uf-save]");
  await page.waitForSelector("[data-test=unit-table] >> text=西安测试办公用品股份有限公司");
  check(true, "the unit is renamed");
  // the tree's and the heading's counts are the server's (GET /orgs?counts=1), the new unit counted
  const xcOrg = (await api(page, "/orgs?counts=1&per_page=500")).items.find(o => o.code === "XA-XC");
  const xcUnits = (await api(page, "/units?org=XA-XC&per_page=500")).total;
  check(xcOrg && xcOrg.units === xcUnits, "新城区's count is its units': " + (xcOrg && xcOrg.units) + " = " + xcUnits);
  await page.waitForFunction((n) => document.querySelector("[data-test=units-heading]").textContent.includes("（" + n + " 家）") &&
    document.querySelector("[data-test=org-XA-XC]").textContent.includes(n + " 家单位"), xcUnits);
  // the 操作 column is whole at 1366x768 (it was cut off): its buttons inside the table and the window
  const tbl = await page.locator("[data-test=unit-table]").boundingBox();
  for (const b of [`unit-edit-${UNIT}`, `member-add-${UNIT}`]) {
    const box = await page.locator(`[data-test=${b}]`).first().boundingBox();
    check(box && box.width > 0 && box.x >= tbl.x && box.x + box.width <= tbl.x + tbl.width + 1 && box.x + box.width <= 1366,
          `the ${b} button is whole: ${JSON.stringify(box)} in ${JSON.stringify(tbl)}`);
  }
  await shot(page, "office-02b-unit-ops-column");
  // a new organisation under 新城区: the server's refusal shown on the field it names, then added
  await page.click("[data-test=org-add]");
  await page.waitForSelector("[data-test=org-form]");
  check((await text(page, "[data-test=org-form]")).includes("新城区"), "the new org's parent is preset to the one chosen");
  await page.fill(inp("of-code"), "XA-XC 07!");
  await page.fill(inp("of-name"), "新城区测试街道工会");
  expected400 = "/api/v1/orgs";
  await page.click("[data-test=of-save]");
  await page.waitForSelector("[data-test=of-error]");
  const fieldErr = await page.$$eval("[data-test=org-form] .el-form-item.is-error", (els) => els.map(e => e.textContent));
  check((await text(page, "[data-test=of-error]")).startsWith("code:") && fieldErr.length === 1 && fieldErr[0].includes("组织代码"),
        "the refusal names the code and shows on the 组织代码 field: " + fieldErr);
  await shot(page, "office-02c-org-add-refused");
  expected400 = null;
  await page.fill(inp("of-code"), "XA-XC-T07");
  await page.click("[data-test=of-save]");
  await page.waitForSelector("[data-test=org-XA-XC-T07]");
  const added = (await api(page, "/orgs?per_page=500")).items.find(o => o.code === "XA-XC-T07");
  check(added && added.kind === "grassroots" && added.path.includes("/XA-XC/") && added.name === "新城区测试街道工会",
        "the organisation is added under 新城区 as a grassroots union: " + JSON.stringify(added));
  await shot(page, "office-02d-org-added");
  await page.click(`[data-test=member-add-${UNIT}]`);
  await page.fill(inp("ma-id"), NEWID);
  await page.fill(inp("ma-name"), "蔡文静");
  await page.fill(inp("ma-phone"), "13900007341");
  await pick(page, "[data-test=flag-newform]", "快递员");
  await shot(page, "office-03-member-add");
  await page.click("[data-test=ma-save]");
  await page.waitForSelector("[data-test=member-detail]");
  check((await text(page, "[data-test=member-detail]")).includes("蔡文静"), "the new member's page opens");

  // --- admin: users and roles, the audit chain --------------------------------------------
  await go(page, "#/users", "[data-test=user-table] .el-table__row");
  await page.click("[data-test=user-add]");
  await page.fill(inp("uf-login"), "clerk9");
  await pick(page, "[data-test=uf-role]", "工会干部");
  await pick(page, "[data-test=uf-scope-org]", "新城区");
  await page.fill(inp("uf-password"), "Office-Web-Pass-2026!");
  await page.click("[data-test=uf-user-save]");
  await page.waitForSelector("[data-test=disable-clerk9]");
  check((await api(page, "/users")).items.some(u => u.login === "clerk9" && u.role === "cadre" && u.scope === "org:XA-XC"), "the user is added with its scope");
  await page.click("[data-test=disable-clerk9]");
  check((await confirmBox(page)).includes("clerk9"), "disabling asks first, naming the account");
  await page.waitForSelector("[data-test=disabled-clerk9]");
  await shot(page, "office-04-users");
  await page.click("[data-test=enable-clerk9]");
  await page.waitForSelector("[data-test=disable-clerk9]");
  await page.click("[data-test=reset-clerk9]");
  await page.fill(inp("pw-new"), "Office-Web-Pass-2027!");
  await page.click("[data-test=pw-save]");
  await eventually(page, () => !document.querySelector(".el-dialog [data-test=pw-new]") || !document.querySelector(".el-dialog [data-test=pw-new]").offsetParent, null, "the reset dialog closes");
  await go(page, "#/audit", "[data-test=audit-verify]");
  await page.click("[data-test=audit-verify]");
  await page.waitForSelector("[data-test=audit-ok], [data-test=audit-broken]");
  check(/校验通过：\d+ 条审计事件完整/.test(await text(page, "[data-test=audit-ok]")), "the audit chain verifies");
  await page.click("[data-test=audit-checkpoint]");
  await page.waitForSelector("[data-test=audit-checkpoint-text]");
  await shot(page, "office-05-audit");
  // the audit events beside the chain: an action picked, then one claim's object
  await page.waitForSelector("[data-test=audit-table] .el-table__row");
  const approvals = await answered(page, "/audit/events", { action: "claim.approve" },
    () => pick(page, "[data-test=audit-action]", "理赔审批通过"));
  check(approvals.total > 0 && approvals.items.every(e => e.action === "claim.approve"), "the events of one action");
  await eventually(page, (n) => document.querySelector("[data-test=audit-total]").textContent.includes("共 " + n + " 条"),
                   approvals.total, "the table counts the approvals");
  const claimNo = approvals.items[0].object.replace("claim:", "");
  await page.fill(inp("audit-object"), claimNo);
  const one = await answered(page, "/audit/events", { action: "claim.approve", object: claimNo },
    () => page.press(inp("audit-object"), "Enter"));
  check(one.total === 1, "one approval of " + claimNo);
  await eventually(page, (no) => { const rows = document.querySelectorAll("[data-test=audit-table] .el-table__row");
    return rows.length === 1 && rows[0].textContent.includes(no) && rows[0].textContent.includes("理赔审批通过"); },
  claimNo, "the table shows that approval");
  await shot(page, "office-05b-audit-events");
  await ad.ctx.close();

  // --- finance: the bank batches and one batch's lines --------------------------------------
  const fi = await login("finance");
  page = fi.page;
  await go(page, "#/payments", "[data-test=batch-table] .el-table__row");
  const newest = (await api(page, "/payment-batches?per_page=1")).items[0];
  const row1 = await text(page, "[data-test=batch-table] .el-table__row");
  const hms = newest.batch_no.slice(11, 17).replace(/(..)(..)(..)/, "$1:$2:$3");
  check(row1.includes(newest.batch_no) && row1.includes(hms), "the batch number and its time both read Beijing time: " + row1);
  check(await page.$eval("[data-test=batch-table] .el-table__body-wrapper", (el) => {
    const sc = el.querySelector(".el-scrollbar__wrap") || el; return sc.scrollWidth <= sc.clientWidth + 1; }),
  "every column of the batch list shows at 1366x768");
  await shot(page, "office-05c-batches");
  const detail = await answered(page, "/payment-batches/" + newest.batch_no, {},
    () => page.click("[data-test=batch-table] .el-table__row"));
  await eventually(page, (n) => document.querySelectorAll("[data-test=batch-items] .el-table__row").length === n,
                   detail.items.length, "the drawer lists the batch's " + detail.items.length + " lines");
  const back = detail.items.find(i => i.status === "returned");
  if (back) check((await text(page, "[data-test=batch-items]")).includes(back.return_reason), "a returned line shows the bank's reason");
  check((await text(page, "[data-test=batch-summary]")).includes(hzMoney(detail.total)), "the drawer's total as 12,345.67 元");
  // who built it in words: a batch built on the command line is 系统（命令行）, never the code "cli"
  const maker = await text(page, "[data-test=batch-summary]");
  check(!/\bcli\b/.test(maker) && (detail.created_by !== "cli" || maker.includes("系统（命令行）")),
        "the drawer names the batch's maker in words: " + detail.created_by);
  await shot(page, "office-05d-batch-detail");
  await page.keyboard.press("Escape");
  await fi.ctx.close();

  // --- staff: a member's categories and bank card -----------------------------------------
  const st = await login("staff");
  page = st.page;
  const he = (await api(page, "/members?q=" + encodeURIComponent("何秀英"))).items[0];
  await go(page, "#/members/" + he.ref, "[data-test=member-edit]");
  await page.click("[data-test=member-edit]");
  await pick(page, "[data-test=flag-model]", "市级劳模");
  await page.click("[data-test=me-save]");
  await page.waitForSelector("[data-test=member-detail] >> text=劳模");
  check(true, "the model-worker category shows on the member's page");
  const card = luhn("621700000000077341");
  await page.click("[data-test=member-edit]");
  await page.fill(inp("me-card"), card);
  await page.fill(inp("me-bank"), "长安银行");
  await page.click("[data-test=me-save]");
  check((await confirmBox(page)).includes("暂停"), "a card change is confirmed first, saying payouts stop");
  await page.waitForSelector("[data-test=card-change]");
  check((await text(page, "[data-test=card-new]")) === card && (await text(page, "[data-test=card-changed-by]")) === "staff",
        "the new card waits for confirmation, changed by staff");
  await shot(page, "office-06-member-card");

  // --- staff: plans, enrollment, renewal ---------------------------------------------------
  await go(page, "#/plans", "[data-test=plan-versions-ZY]");
  await page.click("[data-test=plan-versions-ZY]");
  await page.waitForSelector("[data-test=plan-version-table] .el-table__row");
  check((await text(page, "[data-test=plan-version-table]")).includes("v1"), "ZY's versions are listed");
  await page.click("[data-test=plan-version-table] .el-table__expand-icon");
  await page.waitForSelector("[data-test=plan-version-table] pre");
  await shot(page, "office-07-plan-versions");
  await go(page, "#/enroll", "[data-test=en-id]");
  await page.fill(inp("en-id"), NEWID);
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  await page.fill("#en-start", today);
  await page.keyboard.press("Enter");
  await page.click("[data-test=en-submit]");
  check((await confirmBox(page)).includes(NEWID), "enrolment confirms naming the member");
  await page.waitForSelector("[data-test=en-result], [data-test=en-error]");
  check((await text(page, "[data-test=en-result]")).includes("元"), "the member is enrolled, premium in 元");
  const y = today.slice(0, 4);
  await pick(page, "[data-test=ren-unit]", "五环");
  await page.fill("#ren-from", y + "-01-01");
  await page.fill("#ren-to", y + "-12-31");
  await page.keyboard.press("Enter");
  await page.click("[data-test=ren-submit]");
  await page.waitForSelector(".el-message-box, [data-test=ren-error]");
  if (await page.$(".el-message-box")) {
    const msg = await text(page, ".el-message-box__message");
    check(/共 \d+ 项：将参保 \d+ 项，保费合计 [\d,]+\.\d\d 元/.test(msg), "the renewal's confirmation says how many and how much: " + msg);
    await shot(page, "office-08-renew-confirm");
    await confirmBox(page);
    await page.waitForSelector("[data-test=ren-result]");
    check((await text(page, "[data-test=ren-result]")).includes("已参保"), "and then what happened");
  } else {
    check((await text(page, "[data-test=ren-error]")).includes("没有可办理"), "nothing to renew is said");
  }
  await shot(page, "office-09-enroll");

  // --- staff: unmatched settlements, matched after registering the person ----------------
  const sid = idNumber("61010219850601734");
  const feed = "setl_id,certno,psn_name,gend,fixmedins_code,fixmedins_name,hosp_lv,med_type,adm_date,dscg_date,main_diag_code,diag_codes,medfee_sumamt,fund_pay_sumamt,psn_selfpay,psn_ownpay,refd_setl_flag,setl_time\n" +
    `WEB-OFFICE-1,${sid},郑晓燕,2,H001,西安市第一医院,3,21,${y}-09-01,${y}-09-06,J18.9,,6200.00,4000.00,1700.00,500.00,0,${y}-09-06 10:00:00\n`;
  const csrf = await page.evaluate(() => sessionStorage.getItem("hz_csrf"));
  const up = await page.request.post(BASE + "/api/v1/settlements", { data: feed, headers: { "Content-Type": "application/octet-stream", "X-CSRF-Token": csrf } });
  check(up.ok() && (await up.json()).unmatched === 1, "a feed row of someone not registered");
  await go(page, "#/settlements", "[data-test=st-table]");
  await page.waitForSelector("[data-test=st-table] >> text=WEB-OFFICE-1");
  check((await text(page, "[data-test=st-table]")).includes("未匹配会员"), "listed as unmatched");
  check((await text(page, "[data-test=st-help]")).includes("重新匹配"), "the page says what to do");
  await shot(page, "office-10-settlements");
  const reg = await page.request.post(BASE + "/api/v1/members", { data: { id_number: sid, name: "郑晓燕", unit: UNIT }, headers: { "X-CSRF-Token": csrf } });
  check(reg.status() === 201, "the person is registered");
  await page.reload();
  await page.waitForSelector("[data-test=st-table] >> text=可重新匹配");
  await page.click("[data-test=st-relink]");
  await eventually(page, () => !document.querySelector("[data-test=st-table]").textContent.includes("WEB-OFFICE-1"), null,
                   "relinked, the row leaves the unmatched list");

  // --- staff: the overdue board and contributions ------------------------------------------
  await go(page, "#/overdue", "[data-test=od-bands]");
  await page.waitForSelector("[data-test=od-table], [data-test=od-empty]");
  const od = (await api(page, "/reports/overdue?format=json")).items.filter(r => r.sla_days > 7).length;
  const shown = await page.$$eval("[data-test=od-table] .el-table__row", r => r.length).catch(() => 0);
  check(shown === od, "the board lists every claim past 7 days: " + shown + " of " + od);
  await shot(page, "office-11-overdue");
  await go(page, "#/contributions", "[data-test=ct-table]");
  await page.waitForSelector("[data-test=ct-table] .el-table__row");
  check(/合计 [\d,]+\.\d\d 元/.test(await text(page, "[data-test=ct-total]")), "contributions with a total in 元");
  await shot(page, "office-12-contributions");
  await st.ctx.close();

  // --- the 新城区 cadre: its district only --------------------------------------------------
  const ca = await login("cadre");
  page = ca.page;
  await go(page, "#/org", "[data-test=org-tree] .org-node");
  const tree = await text(page, "[data-test=org-tree]");
  check(tree.includes("新城区") && !tree.includes("雁塔区"), "the cadre's tree is 新城区's");
  check(!(await page.$("[data-test=unit-add]")), "no add button for a cadre");
  check(!(await page.$("[data-test=nav-settlements]")) && !(await page.$("[data-test=nav-audit]")) && !(await page.$("[data-test=nav-users]")),
        "no settlements, audit or users in the cadre's menu");
  check(!(await page.$("[data-test=nav-payments]")), "no payments in the cadre's menu");
  await shot(page, "office-13-cadre-org");
  await go(page, "#/overdue", "[data-test=od-bands]");
  await go(page, "#/plans", "[data-test=plan-table] .el-table__row");
  await go(page, "#/contributions", "[data-test=ct-table]");
  await ca.ctx.close();
  check(problems.length === 0, "no console errors and no failed requests: " + problems.join("; "));
} catch (e) {
  check(false, e.message);
  console.error("FAIL: " + e.message);
}
await finish();
