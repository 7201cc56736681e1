// The console in a real browser (Debian's chromium, playwright-core): what
// office staff, a reviewer, finance and a member do, end to end, with
// screenshots of each main page. Prints "N passed, N failed".
import { readFileSync } from "fs";
import { BASE, check, count, context, session, shot, text, finish, pick, searchMembers } from "./lib.mjs";

/* clicks a print button (views_docs.js) and checks that a PDF named name (a string or a pattern) downloads */
async function printsPdf(page, sel, name, what) {
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click(sel)]);
  const pdf = readFileSync(await dl.path()), got = dl.suggestedFilename();
  check((name instanceof RegExp ? name.test(got) : got === name) && pdf.subarray(0, 5).toString() === "%PDF-", what + " (" + got + ")");
}

try {
  // a wrong password is explained next to the form
  {
    const ctx = await context({ width: 1366, height: 768 });
    const page = await ctx.newPage();
    await page.goto(BASE + "/");
    await page.fill("[data-test=login]", "staff");
    await page.fill("[data-test=password]", "wrong-password");
    await page.click("[data-test=login-submit]");
    await page.waitForSelector("[data-test=login-error]");
    check((await text(page, "[data-test=login-error]")).includes("密码错误"), "wrong password message");
    await shot(page, "01-login");
    await ctx.close();
  }

  // --- office staff at 1366x768 -------------------------------------------------
  const staff = await session("staff", { width: 1366, height: 768 });
  let page = staff.page;
  await page.waitForSelector("[data-test=dashboard-stats]");
  /* a condition, not a delay: the chart is drawn when its canvas exists (no
     shorter deadline of its own: a loaded machine draws late, not never) */
  await page.waitForSelector("[data-test=chart-districts] canvas");
  check((await page.$$("[data-test=chart-districts] canvas")).length > 0, "dashboard chart drawn");
  check((await text(page, "[data-test=dashboard-stats]")).includes("7日内支付率"), "dashboard figures");
  await page.waitForSelector("[data-test=dashboard-money]");
  check(/银行实付 [\d,]+\.\d\d 元/.test(await text(page, "[data-test=dashboard-money]")), "dashboard shows the cash that left the bank");
  await shot(page, "02-dashboard");

  await page.click("[data-test=nav-members]");
  await searchMembers(page, "何秀英");
  await page.click("[data-test=member-table] >> text=何秀英");
  await page.waitForSelector("[data-test=member-detail]");
  check((await text(page, "[data-test=coverage-table]")).includes("NG"), "member page shows coverages");
  await shot(page, "03-member");

  // roster with a bad row: the report is shown row by row, nothing imported
  const header = "姓名,身份证号码,手机号码,人员类别,劳模级别,职业,银行卡号,开户行\n";
  const good = "赵雪梅,610104198803150020,13700001111,普通,,,6217000000000000004,中国工商银行西安分行\n";
  const bad = "钱大伟,610104198803150038,13700002222,普通,,,,\n";           // wrong check digit
  const fixed = "钱大伟,610104198803150039,13700002222,普通,,,62170000000000004,长安银行\n";
  await page.click("[data-test=nav-units]");
  await page.click("[data-test=roster-unit]");
  await page.click(".el-select-dropdown__item >> text=五环(集团)纺织");
  await page.fill("#roster-start", "2026-01-01");
  await page.keyboard.press("Enter");
  await page.setInputFiles("[data-test=roster-file]", { name: "roster.csv", mimeType: "text/csv", buffer: Buffer.from(header + good + bad) });
  await page.click("[data-test=roster-upload]");
  await page.waitForSelector("[data-test=roster-rejects]");
  const rejects = await text(page, "[data-test=roster-rejects]");
  check(rejects.includes("3") && rejects.includes("身份证号码") && rejects.includes("校验位"), "bad row reported with row, the file's column title and reason");
  check((await text(page, "[data-test=roster-error]")).includes("未导入"), "nothing imported message");
  await shot(page, "04-roster-error");
  // fix and re-upload
  await page.setInputFiles("[data-test=roster-file]", { name: "roster.csv", mimeType: "text/csv", buffer: Buffer.from(header + good + fixed) });
  await page.click("[data-test=roster-upload]");
  await page.waitForSelector("[data-test=roster-summary] >> text=新增 2");
  check(!(await page.$("[data-test=roster-error]")), "no error after the fix");
  // search reads the query as the server reads input: full-width digits of a partial ID
  await page.click("[data-test=nav-members]");
  const found = await searchMembers(page, "１９８８０３１５００２０");
  check(found.items.some(m => m.name === "赵雪梅"), "full-width digits of a partial ID find 赵雪梅");
  await page.click("[data-test=nav-units]");
  // renewal: the unit's 2026 coverages into 2027
  await pick(page, "[data-test=renew-unit]", "五环(集团)纺织");
  const range = await page.$$(".el-range-input");
  await range[0].fill("2026-12-01");
  await range[1].fill("2026-12-31");
  await page.keyboard.press("Enter");
  await page.click("[data-test=renew]");
  // irreversible: a dialog names the unit and the dates first (issue 16)
  await page.waitForSelector(".el-message-box >> text=确认续保");
  check((await text(page, ".el-message-box")).includes("五环(集团)纺织") && (await text(page, ".el-message-box")).includes("2026-12-01"),
        "the renewal dialog names the unit and the range");
  await page.click(".el-message-box__btns .el-button--primary");
  await page.waitForSelector("[data-test=renew-result], [data-test=renew-error]");
  check(!(await page.$("[data-test=renew-error]")), "renewal accepted: " + (await page.$("[data-test=renew-error]") ? await text(page, "[data-test=renew-error]") : ""));
  check(/续保 \d+ 项/.test(await text(page, "[data-test=renew-result]")) && !(await text(page, "[data-test=renew-result]")).includes("续保 0 项"),
        "renewal from the units page");
  await shot(page, "05-roster-ok");

  // the medical-insurance feed, then intake with ID number + discharge certificate
  await page.click("[data-test=nav-claims]");
  // a refused feed shows the server's rows, not only the summary line
  const badFeed = "setl_id,certno,med_type,adm_date,dscg_date,medfee_sumamt,fund_pay_sumamt,psn_selfpay,psn_ownpay\n" +
                  "WEBBAD1,610104198803150021,21,2026-06-01,2026-06-12,100.00,50.00,40.00,0\n";
  await page.setInputFiles("[data-test=feed-file]", { name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(badFeed) });
  await page.waitForSelector("[data-test=row-errors] >> text=certno");
  check((await text(page, "[data-test=row-errors]")).includes("校验位"), "refused feed rows shown with field and reason");
  const feed = "setl_id,certno,psn_name,med_type,adm_date,dscg_date,main_diag_code,medfee_sumamt,fund_pay_sumamt,psn_selfpay,psn_ownpay\n" +
               "WEB0001,610104198803150020,赵雪梅,21,2026-06-01,2026-06-12,C50.9,60000.00,35000.00,21300.00,3700.00\n";
  await page.setInputFiles("[data-test=feed-file]", { name: "feed.csv", mimeType: "text/csv", buffer: Buffer.from(feed) });
  await page.waitForSelector("[data-test=feed-result] >> text=新增 1");
  await page.fill("[data-test=intake-id]", "61010419880315002");
  await page.click("[data-test=intake-submit]");
  await page.waitForSelector("[data-test=intake-error]");
  check((await text(page, "[data-test=intake-error]")).includes("18位"), "intake validates the ID number next to the field");
  await page.fill("[data-test=intake-id]", "610104198803150020");
  await page.fill("[data-test=intake-setl]", "WEB0001");
  await page.click("[data-test=intake-submit]");
  await page.waitForSelector("[data-test=claim-lines]");
  const claimNo = (await page.textContent("h1")).replace("理赔申请", "").trim();
  // ZY: waiting period (start 2026-01-01 + 90 > 06-01? no: pays); NG and ZJ lump sums pay the cancer
  const total = await text(page, "[data-test=claim-total]");
  check(total === "4,000.00 元", "ZY (21300 - 1300) x 20% = 4,000.00 元, got " + total);
  check((await text(page, "[data-test=claim-lines]")).includes("(21,300.00 - 1,300.00) x 20% = 4,000.00"), "explanation shown, money grouped");
  check((await text(page, "[data-test=claim-status]")).includes("已审批") || (await text(page, "[data-test=claim-status]")).includes("待审核"), "claim adjudicated");
  await shot(page, "06-claim");
  await staff.ctx.close();

  // --- the reviewer approves (when the claim waits for review) ---------------------
  const rev = await session("reviewer", { width: 1366, height: 768 });
  page = rev.page;
  await page.waitForSelector("[data-test=dashboard-stats]");
  await page.goto(BASE + "/#/claims/" + claimNo);
  await page.waitForSelector("[data-test=claim-status]");
  if ((await text(page, "[data-test=claim-status]")).includes("待审核")) {
    await page.click("[data-test=approve]");
    await page.waitForSelector("[data-test=claim-status] >> text=已审批");
  }
  check((await text(page, "[data-test=claim-status]")).includes("已审批"), "approved");
  await shot(page, "07-review");
  await rev.ctx.close();

  // --- finance: batch, bank file, bank result ---------------------------------------
  const fin = await session("finance", { width: 1366, height: 768 });
  page = fin.page;
  await page.waitForSelector("[data-test=dashboard-stats]");
  await page.click("[data-test=nav-payments]");
  await page.click("[data-test=batch-create]");
  // irreversible: the dialog says how many approved claims wait and how much (issue 16)
  await page.waitForSelector(".el-message-box >> text=已审批待支付的理赔");
  check(/理赔 \d+ 件，合计 [\d,]+\.\d\d 元/.test(await text(page, ".el-message-box")), "the batch dialog counts the claims and the money: " + await text(page, ".el-message-box"));
  await page.click(".el-message-box__btns .el-button--primary");
  await page.waitForSelector("[data-test=batch-result]");
  check(/已生成批次 PB\d{8}-\d{6}-\d+：共 \d+ 笔，合计 [\d,]+\.\d\d 元/.test(await text(page, "[data-test=batch-result]")),
        "the batch result says what was made: " + await text(page, "[data-test=batch-result]"));
  const href = await page.getAttribute("[data-test=batch-download]", "href");
  const file = await page.request.get(BASE + href);
  const csv = await file.text();
  check(file.ok() && csv.includes("序号,收款人姓名,收款账号") && csv.includes(claimNo), "bank file downloaded with the claim");
  await shot(page, "08-payments");
  const refs = csv.trim().split("\n").slice(1).map(l => l.split(",").pop());
  const result = "业务编号,结果,失败原因,银行流水号\n" + refs.map((r, i) => `${r},成功,,WEB${i}`).join("\n") + "\n";
  await page.setInputFiles("[data-test=bank-result]", { name: "result.csv", mimeType: "text/csv", buffer: Buffer.from(result) });
  await page.waitForSelector("[data-test=bank-result-msg] >> text=成功");
  check((await text(page, "[data-test=bank-result-msg]")).includes("成功 " + refs.length), "bank result applied");
  await page.goto(BASE + "/#/claims/" + claimNo);
  await page.waitForSelector("[data-test=claim-status] >> text=已支付");
  check((await text(page, "[data-test=claim-sla]")).includes("第 0 天支付"), "paid within the 7-day clock");
  await shot(page, "09-paid");
  await printsPdf(page, "[data-test=print-notice]", "notice-" + claimNo + ".pdf", "the claim page's print button downloads the notice");
  await fin.ctx.close();

  // --- a district cadre and a unit liaison open members they see masked ----------------
  for (const user of ["cadre", "unit"]) {
    const s = await session(user, { width: 1366, height: 768 });
    page = s.page;
    await page.waitForSelector("[data-test=nav-members]");
    await page.click("[data-test=nav-members]");
    await page.waitForSelector("[data-test=member-table] .el-table__row");
    const listed = await text(page, "[data-test=member-table] .el-table__row >> nth=0");
    await page.click("[data-test=member-table] .el-table__row >> nth=0");
    await page.waitForSelector("[data-test=member-detail]");
    const detail = await text(page, "[data-test=member-detail]");
    check(detail.includes("*") && listed.includes(detail.match(/\d{4}\*+\d{3}[\dX]/)[0]),
          user + " opens a member from the list; the ID number stays masked");
    check(!(await page.$(".el-alert--error")), user + ": no error on the member page");
    if (user === "cadre") await printsPdf(page, "[data-test=print-certificate]", "certificate-" + page.url().split("/").pop() + ".pdf",
                                          "the member page's print button downloads the certificate");
    await shot(page, "12-" + user + "-member");
    await s.ctx.close();
  }

  // --- a member on a phone ----------------------------------------------------------
  const mem = await session("member", { width: 390, height: 844 });
  page = mem.page;
  await page.waitForSelector("[data-test=m-profile]");
  // the coverages come with the stays, after the profile: wait until they are in, then count
  await page.waitForSelector("[data-test=m-coverage], [data-test=m-coverage-none]");
  check((await page.$$("[data-test=m-coverage]")).length > 0, "member sees own coverages");
  // covered in 2026 and renewed for 2027 earlier in this walk: each plan reads 保障中, not the renewal's 未生效
  const states = await page.$$eval("[data-test=m-coverage-state]", (els) => els.map((e) => e.textContent.trim()));
  check(states.length > 0 && states.every((t) => t === "保障中"), "a member covered today and renewed reads 保障中: " + states.join(","));
  await page.click("[data-test=m-manual]"); // the stays on file first; a number from the certificate on request
  await page.fill("[data-test=m-setl]", "NO-SUCH-SETTLEMENT");
  await page.click("[data-test=m-submit]");
  await page.waitForSelector("[data-test=m-error]");
  check((await text(page, "[data-test=m-error]")).includes("不存在"), "member sees why a claim was refused");
  await shot(page, "10-member-home");
  await page.click("[data-test=m-claim]");
  await page.waitForSelector("[data-test=m-claim-detail]");
  const body = await text(page, "body");
  check(body.includes("27,101.00 元") && body.includes("(24,350.00 - 1,300.00) x 20% = 4,610.00") && body.includes("C54.1 重疾"),
        "member reads the explanation of what was paid, money as 12,345.67");
  check(await page.evaluate(() => document.documentElement.scrollWidth <= 390), "no horizontal scroll on a phone");
  await shot(page, "11-member-claim");
  await printsPdf(page, "[data-test=m-print-notice]", /^notice-LP\d+\.pdf$/, "the phone's print button downloads the notice");
  await mem.ctx.close();
} catch (e) {
  count.failed++;
  console.error("FAIL: " + e.message);
}
await finish();
