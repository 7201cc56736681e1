// Issue 12 in a real browser, clicking as each role would: staff change a
// member's bank card by roster upload; the member page shows the change and
// the payout it holds; finance and a district cadre see it (the cadre masked)
// without the confirm button or the admin page; the admin turns the
// two-person rule on, the changer's own confirmation is refused with the
// server's words, the admin confirms and the payout is batched again; a login
// locked by failed attempts is unlocked on the admin page and logs in.
// The server runs with HUZHU_LOCK_AFTER=3 (tests/cli/test_web_security.sh).
import { BASE, PW, answered, check, count, session, shot, text, finish } from "./lib.mjs";

async function api(method, path, token, body, raw) {
  const headers = {};
  if (token) headers.Authorization = "Bearer " + token;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const r = await fetch(BASE + "/api/v1" + path, { method, headers, body: raw !== undefined ? raw : body !== undefined ? JSON.stringify(body) : undefined });
  const t = await r.text();
  let data = t;
  try { data = JSON.parse(t); } catch (e) { /* a file */ }
  return { status: r.status, data };
}
async function token(login) {
  const r = await api("POST", "/session", null, { login, password: PW });
  if (r.status !== 200) throw new Error("login " + login + ": " + r.status);
  return r.data.token;
}
function luhn(body) {
  for (let d = 0; d < 10; d++) {
    const n = body + d;
    let s = 0;
    [...n].reverse().forEach((c, i) => { let v = +c * (i % 2 ? 2 : 1); s += v > 9 ? v - 9 : v; });
    if (s % 10 === 0) return n;
  }
}
/* a bank batch as finance: the file's text ("" when nothing was due) */
async function batchFile(fin) {
  const b = await api("POST", "/payment-batches", fin);
  if (!b.data.count) return "";
  return (await api("GET", b.data.file.replace("/api/v1", ""), fin)).data;
}
const VIEW = { width: 1366, height: 768 };
const confirmDialog = async (page) => {
  await page.waitForSelector(".el-message-box__btns .el-button--primary");
  await page.click(".el-message-box__btns .el-button--primary");
};

try {
  const A = await token("admin"), ST = await token("staff"), RV = await token("reviewer"), FIN = await token("finance"),
        CA = await token("cadre");
  // --- the member: one of the cadre's district with a claim, and a fresh approved claim --------------
  const seen = (await api("GET", "/claims?per_page=100", CA)).data.items;   // a member of the district with a claim: covered
  const first = (await api("GET", "/claims/" + seen[0].claim_no, A)).data;
  const ref = first.member.ref;
  const m = (await api("GET", "/members/ref/" + ref, A)).data;
  check(m.unit_name && m.card_change === null, "the member has a unit and no pending card change (" + m.unit_name + ")");
  const feed = "setl_id,certno,med_type,adm_date,dscg_date,main_diag_code,medfee_sumamt,fund_pay_sumamt,psn_selfpay,psn_ownpay\n" +
               `SECWEB01,${m.id_number},21,2026-09-01,2026-09-10,I21.0,30000.00,15000.00,11300.00,0\n`;
  await api("POST", "/settlements", ST, undefined, feed);
  let c = (await api("POST", "/claims", ST, { id_number: m.id_number, settlements: ["SECWEB01"], documents_complete: true })).data;
  if (c.status === "adjudicated") c = (await api("POST", "/claims/" + c.claim_no + "/approve", RV)).data;
  check(c.status === "approved" && c.total !== "0.00", "an approved claim to pay (" + c.claim_no + " " + c.total + ")");
  const claimNo = c.claim_no;
  const newCard = luhn("621700000000777" + String(Date.now() % 1000).padStart(3, "0"));

  // --- staff change the card by uploading a roster on the units page --------------------
  let s = await session("staff", VIEW);
  let page = s.page;
  await page.waitForSelector("[data-test=nav-units]");
  await page.click("[data-test=nav-units]");
  await page.click("[data-test=roster-unit]");
  await page.click(`.el-select-dropdown__item >> text=${m.unit_name}`);
  await page.click("label.el-checkbox >> text=住院医疗");          // no enrolment: the roster only updates people
  await page.fill("#roster-start", "2026-12-01");
  await page.keyboard.press("Enter");
  const roster = `姓名,身份证号码,银行卡号,开户行\n${m.name},${m.id_number},${newCard},中国建设银行西安分行\n`;
  await page.setInputFiles("[data-test=roster-file]", { name: "card.csv", mimeType: "text/csv", buffer: Buffer.from(roster) });
  await page.click("[data-test=roster-upload]");
  await page.waitForSelector("[data-test=roster-summary]");
  check((await text(page, "[data-test=roster-summary]")).includes("更新 1"), "roster uploaded: 1 updated");
  // the member page shows the change and the payout it holds
  await page.goto(BASE + "/#/members/" + ref);
  await page.waitForSelector("[data-test=card-change]");
  check((await text(page, "[data-test=card-new]")) === newCard, "staff see the new card in full");
  check((await text(page, "[data-test=card-old]")) === (m.bank_card || "（无）"), "and the old one");
  check((await text(page, "[data-test=card-changed-by]")) === "staff", "who changed it");
  check((await text(page, "[data-test=card-held]")).includes(claimNo), "the held payout is listed");
  check(!!(await page.$("[data-test=card-confirm]")), "staff have the confirm button");
  await shot(page, "s01-staff-card-pending");
  await s.ctx.close();

  // a held payout is not batched
  let file = await batchFile(FIN);
  check(!file.includes(claimNo), "the held claim is not in a bank batch");

  // --- finance and the district cadre: see the change, no button, no admin page ---------
  for (const user of ["finance", "cadre"]) {
    s = await session(user, VIEW);
    page = s.page;
    await page.waitForSelector("[data-test=nav-members]");
    check(!(await page.$("[data-test=nav-users]")), user + ": no 用户与安全 menu");
    await page.goto(BASE + "/#/members/" + ref);
    await page.waitForSelector("[data-test=card-change]");
    const shown = await text(page, "[data-test=card-new]");
    check(user === "cadre" ? shown.includes("*") && !shown.includes(newCard) : shown === newCard,
          user + " sees the new card " + (user === "cadre" ? "masked" : "in full") + " (" + shown + ")");
    check(!(await page.$("[data-test=card-confirm]")), user + ": no confirm button");
    await shot(page, "s02-" + user + "-card-pending");
    await page.goto(BASE + "/#/users");
    /* the console's route guard refuses the page before any request (issue 16) */
    await page.waitForSelector("[data-test=forbidden]");
    check((await text(page, "[data-test=forbidden]")).includes("无权"), user + ": the users page is refused for the role");
    await s.ctx.close();
  }

  // --- the admin turns the two-person rule on ------------------------------------------
  s = await session("admin", VIEW);
  page = s.page;
  await page.waitForSelector("[data-test=nav-users]");
  // the page reads the accounts, then the setting: a click on the switch before the
  // setting's answer would be overwritten by it
  await answered(page, "/settings/card_two_person", {}, () => page.click("[data-test=nav-users]"));
  await page.waitForSelector("[data-test=user-table] >> text=reviewer");
  check((await text(page, "[data-test=user-table]")).includes("新城区总工会"), "users listed with their scope's name");
  await page.click("[data-test=two-person]");
  await page.waitForSelector("[data-test=two-person].is-checked");
  check((await api("GET", "/settings/card_two_person", A)).data.value === "on", "two-person rule on (API)");
  await shot(page, "s03-admin-users");
  const admin = s;

  // --- the changer may not confirm their own change ------------------------------------
  s = await session("staff", VIEW);
  page = s.page;
  await page.waitForSelector("[data-test=nav-members]");
  await page.goto(BASE + "/#/members/" + ref);
  await page.click("[data-test=card-confirm]");
  await confirmDialog(page);
  await page.waitForSelector("[data-test=card-confirm-error]");
  check((await text(page, "[data-test=card-confirm-error]")).includes("另一位工作人员"), "the changer's confirmation is refused with the server's words");
  check(!!(await page.$("[data-test=card-change]")), "the change still waits");
  await shot(page, "s04-staff-confirm-refused");
  await s.ctx.close();

  // --- a second person (the admin) confirms; the payout is released ----------------------
  page = admin.page;
  await page.goto(BASE + "/#/members/" + ref);
  await page.click("[data-test=card-confirm]");
  await confirmDialog(page);
  await page.waitForSelector("[data-test=card-confirmed]");
  check((await text(page, "[data-test=card-released]")).includes(claimNo), "the released payout is shown");
  check((await text(page, "[data-test=card-confirmed]")).includes("staff 变更，admin 确认"), "who changed and who confirmed");
  check((await text(page, "[data-test=member-detail]")).includes(newCard), "the member's card on file is the new one");
  await shot(page, "s05-admin-card-confirmed");
  check((await api("GET", "/members/ref/" + ref, A)).data.card_change === null, "nothing waits any more (API)");
  file = await batchFile(FIN);
  check(file.includes(claimNo) && file.includes(newCard), "the claim is batched again, to the new card");

  // --- a login locked by failed attempts, unlocked on the admin page ----------------------
  for (let i = 0; i < 3; i++) {
    const w = await session("reviewer", VIEW, "wrong-password-" + i);
    await w.page.waitForSelector("[data-test=login-error]");
    await w.ctx.close();
  }
  const locked = await session("reviewer", VIEW);
  await locked.page.waitForSelector("[data-test=login-error]");
  check((await text(locked.page, "[data-test=login-error]")).includes("锁定"), "the right password is refused while locked");
  await locked.ctx.close();
  const users = (await api("GET", "/users", A)).data.items;
  check(users.find(u => u.login === "reviewer").locked === true, "reviewer locked (API)");
  await page.click("[data-test=nav-users]");
  await page.waitForSelector("[data-test=locked-reviewer]");
  await shot(page, "s06-admin-user-locked");
  await page.click("[data-test=unlock-reviewer]");
  await page.waitForSelector("[data-test=locked-reviewer]", { state: "detached" });
  check(!(await api("GET", "/users", A)).data.items.find(u => u.login === "reviewer").locked, "reviewer unlocked (API)");
  await admin.ctx.close();
  s = await session("reviewer", VIEW);
  await s.page.waitForSelector("[data-test=dashboard-stats]");
  check((await text(s.page, ".who")).includes("reviewer"), "the unlocked reviewer logs in");
  await shot(s.page, "s07-reviewer-after-unlock");
  await s.ctx.close();
} catch (e) {
  count.failed++;
  console.error("FAIL: " + e.message);
}
await finish();
