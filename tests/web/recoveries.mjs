// 应追回款项 in a real browser (tests/cli/test_web_recoveries.sh): the member
// HZ_REC_ID owes back a payout taken back by a refund. Finance sees the
// office's figures as the API gives them, records a repayment under a bank
// serial, is refused the same serial again, more than is owed and an
// ill-formed amount (each naming the field, nothing recorded), writes the
// rest off after a confirmation, and finds the member among the settled.
// Staff have no such page. Screenshots in HZ_SHOTS (recoveries-*.png).
import { BASE, check, eventually, finish, pick, session, shot, text } from "./lib.mjs";

const ID = process.env.HZ_REC_ID;
const api = async (page, path) => (await page.request.get(BASE + "/api/v1" + path)).json();
const row = async (page) => (await api(page, "/recoveries?q=" + ID + "&per_page=5")).items.find(r => r.id_number === ID);
const money = (v) => { const [i, f] = String(v).split("."); return i.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + "." + f; };
/* yuan strings to fen and back, integers only */
const fen = (v) => { const [i, f] = String(v).split("."); return Number(i) * 100 + Number((f + "00").slice(0, 2)); };
const yuan = (n) => Math.floor(n / 100) + "." + String(n % 100).padStart(2, "0");

async function openDialog(page, kind) {
  await page.click(`[data-test=rec-${kind}-${ID}]`);
  await page.waitForSelector("[data-test=rec-amount]:visible");
}
async function fill(page, amount, ref, reason) {
  await page.fill("[data-test=rec-amount]", amount);
  if (ref !== null) await page.fill("[data-test=rec-ref]", ref);
  await page.fill("[data-test=rec-reason]", reason);
  await page.click("[data-test=rec-save]");
}
/* the dialog's error, once it says every word (an earlier refusal's text
 * stays until the next answer replaces it) */
async function refused(page, what, words) {
  try {
    await page.waitForFunction((ws) => { const e = document.querySelector("[data-test=rec-error]");
                                         return e && ws.every(w => e.textContent.includes(w)); }, words, { timeout: 30000 });
    check(true, `${what}: the dialog says why`);
  } catch (e) {
    check(false, `${what}: the dialog should name ${words.join(", ")}: ${await page.textContent("[data-test=rec-error]").catch(() => "none")}`);
  }
}

try {
  check(!!ID, "the setup made a member owe (HZ_REC_ID)");
  const fin = await session("finance", { width: 1366, height: 900 });
  const page = fin.page;
  await page.waitForSelector("[data-test=nav-recoveries]");
  await page.click("[data-test=nav-recoveries]");
  await page.waitForSelector(`[data-test=rec-owes-${ID}]`);
  const before = await row(page), sum = (await api(page, "/recoveries?per_page=1")).summary;
  check(before && before.status === "open" && fen(before.owes) > 0, "the member owes: " + JSON.stringify(before));
  check((await text(page, "[data-test=rec-outstanding]")).trim() === money(sum.outstanding) + " 元",
        `the outstanding shown is the API's ${sum.outstanding}`);
  check((await text(page, "[data-test=rec-paid-out]")).trim() === money(sum.paid_out) + " 元", "paid out as the API says");
  check((await text(page, `[data-test=rec-owes-${ID}]`)).trim() === money(before.owes), "the member's row shows what is owed");
  await shot(page, "recoveries-01-list");

  // a repayment of 100.00 under a bank serial
  await openDialog(page, "repay");
  check((await page.inputValue("[data-test=rec-amount]")) === before.owes, "the amount starts at what is owed");
  await fill(page, "", "", "会员退回"); // no serial: asked for before anything is sent
  await refused(page, "no bank serial", ["银行流水号"]);
  await fill(page, "100.00", "YH20261129001", "会员退回");
  const afterRepay = fen(before.owes) - 10000;
  await eventually(page, ([id, t]) => { const e = document.querySelector(`[data-test=rec-owes-${id}]`); return e && e.textContent.trim() === t; },
                   [ID, money(yuan(afterRepay))], "the row now owes 100.00 less");
  let now = await row(page);
  check(now.owes === yuan(afterRepay) && now.recovered === "100.00", "the API agrees: " + JSON.stringify(now));
  await eventually(page, (t) => document.querySelector("[data-test=rec-recovered]").textContent.trim() === t,
                   money(yuan(fen(sum.recovered) + 10000)) + " 元", "the summary's recovered grew by 100.00");
  await shot(page, "recoveries-02-repaid");

  // the same serial again (a second click, a second clerk): refused, nothing recorded
  await openDialog(page, "repay");
  await fill(page, "100.00", "YH20261129001", "会员退回");
  await refused(page, "the same serial", ["ref", "已登记过"]);
  // more than is owed, and an amount that is not money
  await fill(page, yuan(afterRepay + 1), "YH20261129002", "会员退回");
  await refused(page, "more than owed", ["amount", "超过会员应追回余额"]);
  await fill(page, "12.345", "YH20261129003", "会员退回");
  await refused(page, "an ill-formed amount", ["amount"]);
  await shot(page, "recoveries-03-refused");
  // the API behind the page: a field of the wrong type or only blanks is refused naming it, the
  // serial with blanks around is the serial recorded (each through the page's own client)
  const post = (body) => page.evaluate(async (b) => {
    try { await hzApi.post("/recoveries", b); return "201"; } catch (e) { return String(e.status) + " " + e.message; }
  }, Object.assign({ id_number: ID, kind: "repay", amount: "1.00", reason: "会员退回" }, body));
  for (const [body, want, what] of [[{ ref: 5 }, ["400", "ref"], "a numeric serial"],
                                    [{ amount: 1 }, ["400", "amount"], "a numeric amount"],
                                    [{ reason: " \t " , ref: "YH20261129004" }, ["400", "reason"], "a blank reason"],
                                    [{ ref: " YH20261129001 " }, ["409", "ref", "已登记过"], "the serial with blanks around"]]) {
    const got = await post(body);
    check(want.every(w => got.includes(w)), `API: ${what} is refused naming it: ${got}`);
  }
  await page.click(".el-dialog:visible >> text=取消");
  now = await row(page);
  check(now.owes === yuan(afterRepay) && now.recovered === "100.00", "nothing was recorded by the refused attempts");

  // the rest written off, after a confirmation
  await openDialog(page, "writeoff");
  await fill(page, yuan(afterRepay), null, "会员已故，无法追回");
  await page.waitForSelector(".el-message-box >> text=不可撤销");
  await shot(page, "recoveries-04-writeoff-confirm");
  await page.click(".el-message-box .el-button--primary");
  await eventually(page, (id) => !document.querySelector(`[data-test=rec-owes-${id}]`), ID, "settled, the member leaves the open list");
  now = await row(page);
  check(now.status === "closed" && now.owes === "0.00" && now.written_off === yuan(afterRepay), "written off: " + JSON.stringify(now));
  await pick(page, "[data-test=rec-status]", "已结清");
  await page.waitForSelector(`[data-test=rec-off-${ID}]`);
  check((await text(page, `[data-test=rec-off-${ID}]`)).trim() === money(yuan(afterRepay)), "the settled list shows the write-off");
  const end = (await api(page, "/recoveries?per_page=1")).summary;
  check(fen(end.outstanding) === fen(sum.outstanding) - fen(before.owes), "the office's outstanding fell by what the member owed");
  check((await text(page, "[data-test=rec-written-off]")).trim() === money(end.written_off) + " 元", "the summary shows the write-off");
  await shot(page, "recoveries-05-settled");

  // staff pay no one: no page, and typed in, the guard
  const st = await session("staff", { width: 1366, height: 900 });
  await st.page.waitForSelector("[data-test=nav-claims]");
  check(!(await st.page.$("[data-test=nav-recoveries]")), "staff have no recoveries page in the menu");
  await st.page.goto(BASE + "/#/recoveries");
  await st.page.waitForSelector("[data-test=forbidden]");
  check(true, "typed in, staff see the guard page");
} catch (e) {
  check(false, "the recoveries walk stopped: " + e.message.split("\n")[0]);
}
await finish();
