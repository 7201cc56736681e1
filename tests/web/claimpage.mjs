// The claim page and the member's claim on the phone (issue 16), on the demo
// data set: staff open a claim with two ZY stays and see both stays told
// apart, the diagnoses, the cap used and left, and the document checklist
// item by item, and record the missing documents one by one; a reviewer
// approves through the confirm dialog and sees who decided and when; the
// member on a 390x844 phone picks a settled stay on file (no number to
// type), submits, and follows the claim's progress. Screenshots in HZ_SHOTS
// (claimpage-*.png). Prints "N passed, N failed".
import { BASE, check, finish, session, shot, text } from "./lib.mjs";

const errors = [], failed = [];
function watch(page, who) {
  page.on("console", (m) => { if (m.type() === "error") errors.push(who + ": " + m.text()); });
  page.on("response", (r) => { if (r.status() >= 400) failed.push(who + ": " + r.status() + " " + r.url()); });
}
async function api(method, path, token, body, raw) {
  const headers = { Authorization: "Bearer " + token };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const r = await fetch(BASE + "/api/v1" + path, { method, headers, body: raw !== undefined ? raw : body !== undefined ? JSON.stringify(body) : undefined });
  const d = await r.json();
  if (!r.ok) throw new Error(method + " " + path + ": " + r.status + " " + JSON.stringify(d));
  return d;
}
async function token(login) {
  const r = await fetch(BASE + "/api/v1/session", { method: "POST", headers: { "Content-Type": "application/json" },
                                                    body: JSON.stringify({ login, password: "huzhu-demo-2026" }) });
  return (await r.json()).token;
}
const iso = (d) => d.toISOString().slice(0, 10);
const money = (s) => s.replace(/\B(?=(\d{3})+(?!\d))/, ",") + " 元";

try {
  // --- the data: three stays of the demo member in the feed, two claimed together ---
  const staffT = await token("staff"), memberT = await token("member");
  const me = await api("GET", "/me", memberT);
  const idn = me.scope.replace("member:", "");
  const m = await api("GET", "/members/" + idn, staffT);
  const today = new Date();
  const zy = m.coverages.filter((c) => c.plan === "ZY" && c.start <= iso(today) && c.end >= iso(today));
  check(zy.length > 0, "the demo member holds ZY today");
  const day = (n) => iso(new Date(today.getTime() - n * 86400000));
  const tag = String(Date.now()).slice(-6);
  const S1 = "WCP" + tag + "A", S2 = "WCP" + tag + "B", S3 = "WCP" + tag + "C";
  const feed = "setl_id,certno,psn_name,med_type,fixmedins_name,adm_date,dscg_date,main_diag_code,diag_codes,medfee_sumamt,fund_pay_sumamt,psn_selfpay,psn_ownpay\n" +
    `${S1},${idn},${m.name},21,西京医院,${day(40)},${day(33)},I21.0,I10;E11.9,60000.00,28000.00,32000.00,0.00\n` +
    `${S2},${idn},${m.name},21,交大一附院,${day(20)},${day(14)},I20.0,,20000.00,12000.00,8000.00,0.00\n` +
    `${S3},${idn},${m.name},21,西安市中心医院,${day(9)},${day(3)},J18.0,,9000.00,5000.00,4000.00,0.00\n`;
  const fr = await api("POST", "/settlements", staffT, undefined, feed);
  check(fr.new === 3, "three stays in the feed: " + JSON.stringify(fr));
  const made = await api("POST", "/claims", staffT, { id_number: idn, settlements: [S1, S2] });
  const no = made.claim_no;
  check(made.status === "received", "the claim waits for its documents: " + made.status);

  // --- staff: both stays, diagnoses, cap, checklist; documents recorded one by one ---
  const staff = await session("staff", { width: 1366, height: 768 });
  let page = staff.page;
  watch(page, "staff");
  await page.waitForSelector("[data-test=chart-districts] canvas"); // the dashboard drawn before leaving it
  check(await page.evaluate(() => hzFmt.statusText.closed === "已结案（无给付）" && hzDash.cell("status", "closed") === "已结案（无给付）"),
        "a closed claim is named in words on the lists and the dashboard's claims by status");
  await page.goto(BASE + "/#/claims/" + no);
  await page.waitForSelector("[data-test=claim-stays]");
  const c = await api("GET", "/claims/" + no, staffT);
  const stays = await text(page, "[data-test=claim-stays]");
  check(stays.includes("西京医院") && stays.includes("交大一附院") && stays.includes(day(40) + " — " + day(33)) &&
        stays.includes(day(20) + " — " + day(14)), "both stays with dates and hospitals: " + stays);
  const lineStays = await page.$$eval("[data-test=claim-lines] [data-test=line-stay]", (els) => els.map((e) => e.textContent));
  const zyLines = c.lines.filter((l) => l.plan === "ZY");
  check(zyLines.length === 2 && lineStays.some((t) => t.includes("第1次") && t.includes("西京医院")) &&
        lineStays.some((t) => t.includes("第2次") && t.includes("交大一附院")), "the two ZY lines read apart: " + lineStays.join(" | "));
  check((await text(page, "[data-test=claim-diagnoses]")).includes("I21.0") &&
        (await text(page, "[data-test=claim-diagnoses]")).includes("E11.9"), "the diagnoses");
  const zyCap = c.caps.find((k) => k.plan === "ZY");
  check(zyCap && (await text(page, "[data-test=claim-caps]")).includes(money(zyCap.left)), "the ZY cap left: " + (zyCap && zyCap.left));
  check((await text(page, "[data-test=doc-id_card]")).includes("缺") &&
        (await text(page, "[data-test=doc-discharge_certificate]")).includes("缺"), "the checklist: both documents missing");
  check((await text(page, "[data-test=claim-sla]")).includes("材料未齐"), "no clock before the documents");
  await shot(page, "claimpage-01-staff-two-stays");
  await page.click("[data-test=doc-receive-id_card]");
  await page.waitForSelector("[data-test=doc-id_card] >> text=已收");
  check((await text(page, "[data-test=claim-checklist]")).includes("staff"), "who recorded the ID card");
  await page.click("[data-test=doc-receive-discharge_certificate]");
  await page.waitForSelector("[data-test=doc-discharge_certificate] >> text=已收");
  await page.waitForFunction(() => !document.querySelector("[data-test=claim-status]").textContent.includes("待补材料"));
  const after = await api("GET", "/claims/" + no, staffT);
  check(after.status === "adjudicated", "over 5,000.00: waits for a reviewer: " + after.status + " " + after.total);
  check(!(await page.$("[data-test=approve]")), "staff are not shown the approve button");
  await shot(page, "claimpage-02-staff-checklist");
  await staff.ctx.close();

  // --- the reviewer approves through the confirm dialog ---------------------------
  const rev = await session("reviewer", { width: 1366, height: 768 });
  page = rev.page;
  watch(page, "reviewer");
  await page.waitForSelector("[data-test=chart-districts] canvas"); // the dashboard drawn before leaving it
  await page.goto(BASE + "/#/claims/" + no);
  await page.waitForSelector("[data-test=approve]");
  await page.click("[data-test=approve]");
  await page.waitForSelector(".el-message-box");
  check((await text(page, ".el-message-box")).includes(money(after.total)), "the dialog says how much will be paid");
  await shot(page, "claimpage-03-review-confirm");
  await page.click(".el-message-box .el-button--primary");
  await page.waitForSelector("[data-test=claim-status] >> text=已审批");
  check((await text(page, "[data-test=claim-decided-by]")).includes("reviewer"), "who decided");
  const decided = await api("GET", "/claims/" + no, staffT);
  const bj = new Date(decided.decided_at).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });
  check((await text(page, "[data-test=claim-decided-at]")).includes(bj), "when, in Beijing time: " + bj);
  check((await text(page, "[data-test=claim-sla]")).includes("剩余"), "an approved claim shows the days left");
  await shot(page, "claimpage-04-approved");
  await rev.ctx.close();

  // --- the member on a phone: picks a stay, submits, follows the progress ----------
  const mem = await session("member", { width: 390, height: 844 });
  page = mem.page;
  watch(page, "member");
  await page.waitForSelector("[data-test=m-apply]");
  await page.waitForSelector("[data-test=m-stay]");
  const offered = await page.$$eval("[data-test=m-stay]", (els) => els.map((e) => e.textContent));
  check(offered.some((t) => t.includes("西安市中心医院") && t.includes(day(9))) && !offered.some((t) => t.includes("交大一附院")),
        "the unclaimed stay is offered, the claimed ones are not: " + offered.join(" | "));
  check(!(await page.$("[data-test=m-setl]")), "no settlement number to type");
  check((await page.$$("[data-test=m-coverage-state]")).length > 0 && (await text(page, "[data-test=m-coverage-state]")).match(/保障中|已到期|未生效/),
        "coverage status per plan");
  await page.click(`[data-test=m-stay] >> text=西安市中心医院`);
  await shot(page, "claimpage-05-member-pick");
  await page.click("[data-test=m-submit]");
  await page.waitForSelector("[data-test=m-steps]");
  const steps = await text(page, "[data-test=m-steps]");
  check(steps.includes("已受理") && steps.includes("材料齐全") && steps.includes("审核通过") && steps.includes("已支付"),
        "the steps: " + steps);
  const mine = await api("GET", "/claims/" + page.url().split("/").pop(), memberT);
  const at = new Date(mine.submitted_at).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });
  check(steps.includes(at), "received at, in Beijing time: " + at);
  check((await text(page, "[data-test=m-line-stay]")).includes("西安市中心医院"), "each line's stay");
  check(await page.evaluate(() => document.documentElement.scrollWidth <= 390), "no horizontal scroll on a phone");
  await shot(page, "claimpage-06-member-progress");
  // the member's own claim list and the approved claim of the office's page
  await page.goto(BASE + "/#/m/claims/" + no);
  await page.waitForSelector("[data-test=m-steps]");
  const both = (await page.$$eval("[data-test=m-line-stay]", (els) => els.map((e) => e.textContent))).join(" | ");
  check((await text(page, "[data-test=m-claim-status]")).includes("已审批") && both.includes("西京医院") && both.includes("交大一附院"),
        "the approved claim on the phone, both stays: " + both);
  await shot(page, "claimpage-07-member-approved");
  check((await text(page, "[data-test=m-claim-total]")) === money(decided.total), "the total as 12,345.67 元: " + decided.total);
  // a stay already claimed, typed from the certificate: said in Chinese, no code
  await page.goto(BASE + "/#/m");
  await page.waitForSelector("[data-test=m-apply]");
  await page.click("[data-test=m-manual]");
  await page.fill("[data-test=m-setl]", S1);
  const seen = failed.length, seenErr = errors.length;
  await page.click("[data-test=m-submit]");
  await page.waitForSelector("[data-test=m-error]");
  const dup = await text(page, "[data-test=m-error]");
  check(dup.includes(no) && !/[A-Za-z]{3,}/.test(dup.replace(S1, "").replace(no, "")), "a stay already claimed, in Chinese: " + dup);
  const refused = failed.splice(seen);
  check(refused.length === 1 && refused[0].includes(" 409 "), "the one refusal is the conflict: " + refused.join("; "));
  // the browser logs the refused request too; nothing else may be logged
  errors.push(...errors.splice(seenErr).filter((x) => !x.includes("409 (Conflict)")));
  await shot(page, "claimpage-08-member-duplicate");
  await mem.ctx.close();
} catch (e) {
  check(false, e.message);
}
check(errors.length === 0, "no console errors: " + errors.join("; "));
check(failed.length === 0, "no failed requests: " + failed.join("; "));
await finish();
