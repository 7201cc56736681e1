// The long lists in a real browser (issue 16), on the demo plus 700 members
// and their claims (tests/cli/test_web_lists.sh): staff page through more
// than 500 members and claims, filter, sort by a column and export; the file
// the browser downloads holds exactly the filtered rows (CSV with BOM,
// XLSX); the 新城区 cadre's totals and export are its district's only. The
// LM subsidies and the cases (admin and the cadre) likewise.
// Screenshots in HZ_SHOTS (lists-*.png). Prints "N passed, N failed".
import fs from "node:fs";
import { answered, BASE, check, eventually, finish, session, shot, text } from "./lib.mjs";

const api = async (page, path) => (await page.request.get(BASE + "/api/v1" + path)).json();
const rowsOf = (page, table) => page.$$eval(`[data-test=${table}] .el-table__body-wrapper .el-table__row`,
  trs => trs.map(t => [...t.querySelectorAll("td")].map(td => td.textContent.trim())));
const totalShown = async (page, name) => Number((await text(page, `[data-test=${name}-total]`)).replace(/\D/g, ""));

/* picks label in the Element Plus select data-test=sel; returns the list's answer */
async function choose(page, sel, label, path, query) {
  await page.click(`[data-test=${sel}]`);
  return answered(page, path, query, () =>
    page.locator(".el-select-dropdown__item:visible", { hasText: label }).first().click());
}

/* the file a click downloads, as bytes */
async function download(page, sel) {
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click(`[data-test=${sel}]`)]);
  const path = await dl.path();
  return { name: dl.suggestedFilename(), bytes: fs.readFileSync(path) };
}
const csvRows = (bytes) => bytes.subarray(3).toString("utf8").trim().split(/\r?\n/).map(l => l.split(","));

/* every row of a filtered list through the API (pages of 500) */
async function everything(page, path) {
  let items = [], p = 1;
  for (;;) {
    const d = await api(page, path + (path.includes("?") ? "&" : "?") + "per_page=500&page=" + p);
    items = items.concat(d.items);
    if (d.items.length < 500) return items;
    p++;
  }
}

/* A list of a member's records (LM subsidies, cases) as `who`: every row
 * (the 全部 tab), page 2, the unit filter, a sort by number and by status,
 * a search by a record's number, and the CSV and XLSX exports of the
 * filtered rows. The total of 全部. */
async function recordList(page, name, path, who) {
  await page.click(`[data-test=nav-${name === "lm" ? "lm" : "cases"}]`);
  await page.waitForSelector(`[data-test=${name}-table]`);
  const all = await answered(page, path, { status: null, assignee: null, page: "1" }, () => page.click(".el-tabs__item >> text=全部"));
  check(all.total > 0, `${who} ${path}: ${all.total} in all`);
  await eventually(page, ([n, t]) => document.querySelector(`[data-test=${n}-total]`).textContent.includes("共 " + t + " 条"),
                   [name, all.total], `${who} ${path}: the total is shown`);
  const every = await everything(page, path);
  check(every.length === all.total && new Set(every.map(x => x.no)).size === all.total, `${who} ${path}: the API's pages hold them all`);
  if (all.total > 20) {
    const p2 = await answered(page, path, { page: "2" }, () => page.click(`[data-test=${name}-pager] .btn-next`));
    check(p2.items.length === Math.min(20, all.total - 20) && p2.items.every(x => !all.items.some(y => y.no === x.no)),
          `${who} ${path}: page 2 holds other rows`);
    await eventually(page, ([n, no]) => document.querySelector(`[data-test=${n}-table] .el-table__body-wrapper .el-table__row`)
      .textContent.includes(no), [name, p2.items[0].no], `${who} ${path}: page 2 is shown`);
  }
  // a sort by number, ascending then descending (the server's, across pages)
  const asc = await answered(page, path, { sort: "no", order: "asc" }, () => page.click(`[data-test=${name}-table] th >> text=编号`));
  const sorted = every.map(x => x.no).sort();
  check(asc.items[0].no === sorted[0], `${who} ${path}: sorted by number, the smallest first (${asc.items[0].no})`);
  const desc = await answered(page, path, { sort: "no", order: "desc" }, () => page.click(`[data-test=${name}-table] th >> text=编号`));
  check(desc.items[0].no === sorted[sorted.length - 1], `${who} ${path}: descending, the largest first`);
  await eventually(page, ([n, no]) => document.querySelector(`[data-test=${n}-table] .el-table__body-wrapper .el-table__row`)
    .textContent.includes(no), [name, desc.items[0].no], `${who} ${path}: the table shows the sorted rows`);
  // a search by a record's number, typed in lowercase
  const target = every[Math.min(3, every.length - 1)].no;
  await page.fill(`[data-test=${name}-search]`, target.toLowerCase());
  const one = await answered(page, path, { q: target.toLowerCase() }, () => page.press(`[data-test=${name}-search]`, "Enter"));
  check(one.total === 1 && one.items[0].no === target, `${who} ${path}: a number typed in lowercase finds its record`);
  await page.fill(`[data-test=${name}-search]`, "");
  await answered(page, path, { q: null }, () => page.press(`[data-test=${name}-search]`, "Enter"));
  // the unit filter: the unit of the first row
  const unitName = every[0].unit_name;
  const units = (await api(page, "/units?per_page=500")).items;
  const unit = units.find(u => u.name === unitName);
  if (unit) {
    const f = await choose(page, `${name}-unit`, unitName, path, { unit: unit.code, sort: "no", order: "desc" });
    const want = every.filter(x => x.unit_name === unitName).length;
    check(f.total === want && f.items.every(x => x.unit_name === unitName), `${who} ${path}: ${unitName}: ${f.total} (${want})`);
    const csv = await download(page, `${name}-export-csv`);
    const rows = csvRows(csv.bytes);
    check(csv.bytes[0] === 0xef && rows[0][0] === (name === "lm" ? "补助编号" : "案件编号") && rows[0].includes("身份证号码"),
          `${who} ${path}: CSV with BOM and Chinese titles: ${rows[0].slice(0, 4)}`);
    const filtered = await everything(page, path + "?unit=" + unit.code + "&sort=no&order=desc");
    check(rows.length - 1 === f.total && rows.slice(1).map(r => r[0]).join() === filtered.map(x => x.no).join(),
          `${who} ${path}: the CSV holds the ${f.total} filtered rows in the list's order (${rows.length - 1})`);
    if (who === "cadre") check(rows.slice(1).every(r => r[2].includes("*")), `${who} ${path}: ID numbers masked in the export`);
    const xlsx = await download(page, `${name}-export-xlsx`);
    check(xlsx.name.endsWith(".xlsx") && xlsx.bytes[0] === 0x50 && xlsx.bytes[1] === 0x4b, `${who} ${path}: an XLSX file`);
    await shot(page, `lists-${who}-${name}-unit`);
  } else check(false, `${who} ${path}: the first row's unit ${unitName} is in /units`);
  return all.total;
}

/* 入会申请 as admin (lists4): the demo's applications (more than 20) paged by the
 * server, page 2 disjoint, sorted by number, filtered by occupation and the
 * filtered rows exported (CSV rows = the filtered total, in the list's order;
 * XLSX); the org page's units from the server with the tree's counts. */
async function applicationsList(page) {
  const A = "/applications";
  await answered(page, A, { status: "pending", page: "1" }, () => page.click("[data-test=nav-joining]"));
  const all = await answered(page, A, { status: null, page: "1" }, () => page.click(".el-tabs__item >> text=全部"));
  check(all.total > 20 && all.items.length === 20, `applications: ${all.total} in all, 20 a page`);
  await eventually(page, (t) => document.querySelector("[data-test=application-total]").textContent.includes("共 " + t + " 条"),
                   all.total, "applications: the total is shown");
  const p2 = await answered(page, A, { page: "2" }, () => page.click("[data-test=application-pager] .btn-next"));
  check(p2.items.length === Math.min(20, all.total - 20) && p2.items.every(x => !all.items.some(y => y.no === x.no)),
        "applications: page 2 holds the other " + p2.items.length + " rows");
  await eventually(page, (no) => document.querySelector("[data-test=application-table] .el-table__body-wrapper .el-table__row")
    .textContent.includes(no), p2.items[0].no, "applications: page 2 is shown");
  await shot(page, "lists-10-applications-page2");
  const asc = await answered(page, A, { sort: "no", order: "asc" }, () => page.click("[data-test=application-table] th >> text=编号"));
  const every = await everything(page, A);
  check(every.length === all.total && asc.items[0].no === every.map(x => x.no).sort()[0], "applications: sorted by number, the smallest first");
  const f = await choose(page, "application-occupation", "外卖骑手", A, { occupation: "delivery", sort: "no", order: "asc" });
  const want = every.filter(x => x.occupation === "delivery");
  check(f.total === want.length && f.total > 0 && f.items.every(x => x.occupation === "delivery"),
        `applications: 外卖骑手 ${f.total} (${want.length})`);
  const csv = await download(page, "application-export-csv");
  const rows = csvRows(csv.bytes);
  check(csv.bytes[0] === 0xef && rows[0][0] === "申请编号" && rows.length - 1 === f.total &&
        rows.slice(1).map(r => r[0]).join() === want.map(x => x.no).sort().join(),
        `applications: the CSV holds the ${f.total} filtered rows in the list's order (${rows.length - 1})`);
  const xlsx = await download(page, "application-export-xlsx");
  check(xlsx.name === "applications.xlsx" && xlsx.bytes[0] === 0x50, "applications: an XLSX file " + xlsx.name);
  await shot(page, "lists-11-applications-delivery");
  // the org page: the tree's counts are the server's, the units its paged list
  const orgs = await answered(page, "/orgs", { counts: "1" }, () => page.click("[data-test=nav-org]"));
  const units = await everything(page, "/units");
  const root = orgs.items.find(o => o.code === "XA");
  check(root && root.units === units.filter(u => orgs.items.some(o => o.code === u.org && o.path.startsWith(root.path))).length,
        "the tree's count of 西安's units is the server's: " + (root && root.units));
  await page.waitForSelector("[data-test=org-XA-YT]");
  const yt = await answered(page, "/units", { org: "XA-YT" }, () => page.click("[data-test=org-XA-YT]"));
  check(yt.total > 0 && yt.items.every(u => u.org.startsWith("XA-YT")), "picking 雁塔区 asks the server for its units: " + yt.total);
  await eventually(page, (t) => document.querySelector("[data-test=unit-total]").textContent.includes("共 " + t + " 条"),
                   yt.total, "the units' total is shown");
  await shot(page, "lists-12-org-units-server");
}

/* 用户与安全 as admin: more than 20 accounts paged, filtered by role and
 * state, sorted by last login, and the filtered rows exported. */
async function usersList(page) {
  const u1 = await answered(page, "/users", { page: "1" }, () => page.click("[data-test=nav-users]"));
  check(u1.total > 20 && u1.items.length === 20, "users: " + u1.total + " accounts, 20 a page");
  await eventually(page, (n) => document.querySelector("[data-test=user-total]").textContent.includes("共 " + n + " 条"),
                   u1.total, "users: the total is shown");
  const u2 = await answered(page, "/users", { page: "2" }, () => page.click("[data-test=user-pager] .btn-next"));
  check(u2.items.length === Math.min(20, u1.total - 20) && u2.items.every(u => !u1.items.some(v => v.login === u.login)),
        "users: page 2 holds other accounts");
  // by last login (the server's order, across every account)
  await answered(page, "/users", { sort: "last_login", order: "asc" }, () => page.click("[data-test=user-table] th >> text=最近登录"));
  const recent = await answered(page, "/users", { sort: "last_login", order: "desc" }, () =>
    page.click("[data-test=user-table] th >> text=最近登录"));
  const times = recent.items.map(u => u.last_login_at || "");
  check(times[0] !== "" && times.join() === [...times].sort().reverse().join(), "users: by last login, newest first (" + times[0] + ")");
  await eventually(page, (login) => document.querySelector("[data-test=user-table] .el-table__body-wrapper .el-table__row")
    .textContent.includes(login), recent.items[0].login, "users: the latest login is shown first");
  await shot(page, "lists-07-users-by-last-login");
  const staff = await choose(page, "user-role", "业务员", "/users", { role: "staff", page: "1" });
  check(staff.total >= 30 && staff.items.every(u => u.role === "staff"), "users: role 业务员: " + staff.total);
  const off = await choose(page, "user-status", "停用", "/users", { role: "staff", status: "disabled" });
  check(off.total === 5 && off.items.every(u => u.disabled), "users: 业务员 停用: " + off.total);
  await eventually(page, () => document.querySelectorAll("[data-test=user-table] .el-table__body-wrapper .el-table__row").length === 5,
                   null, "users: the 5 disabled staff accounts are shown");
  await shot(page, "lists-06-users-disabled-staff");
  const csv = await download(page, "user-export-csv");
  const rows = csvRows(csv.bytes);
  check(csv.bytes[0] === 0xef && rows[0][0] === "登录名" && rows.length - 1 === off.total &&
        rows.slice(1).every(r => r[4] === "停用"), "users: the CSV holds the 5 filtered accounts, with a BOM (" + (rows.length - 1) + ")");
  const xlsx = await download(page, "user-export-xlsx");
  check(xlsx.name.endsWith(".xlsx") && xlsx.bytes[0] === 0x50, "users: an XLSX file");
}

/* 医保结算数据 as admin: the unmatched rows by one filter (the page opens
 * on them), all rows paged, sorted by amount, searched by a settlement id,
 * a hospital, and the exports of the filtered rows. */
async function settlementsList(page) {
  const all = (await api(page, "/settlements?per_page=1")).total;
  const unm = await answered(page, "/settlements", { status: "unmatched" }, () => page.click("[data-test=nav-settlements]"));
  check(unm.total >= 60 && unm.total < all && unm.items.every(s => !s.matched), "settlements: the page opens on the " +
        unm.total + " unmatched rows of " + all);
  await eventually(page, (n) => document.querySelector("[data-test=st-total]").textContent.includes("共 " + n + " 条"),
                   unm.total, "settlements: the unmatched total is shown");
  await shot(page, "lists-08-settlements-unmatched");
  const csv = await download(page, "st-export-csv");
  const rows = csvRows(csv.bytes);
  check(csv.bytes[0] === 0xef && rows[0][0] === "结算号" && rows.length - 1 === unm.total,
        "settlements: the CSV holds the " + unm.total + " unmatched rows, with a BOM (" + (rows.length - 1) + ")");
  const every = await answered(page, "/settlements", { status: null }, () => page.click("[data-test=st-tab] >> text=全部"));
  check(every.total === all && all > 500, "settlements: 全部: " + every.total);
  const p2 = await answered(page, "/settlements", { page: "2" }, () => page.click("[data-test=st-pager] .btn-next"));
  check(p2.items.length === 20 && p2.items.every(s => !every.items.some(t => t.setl_id === s.setl_id)), "settlements: page 2");
  await answered(page, "/settlements", { sort: "total", order: "asc" }, () => page.click("[data-test=st-table] th >> text=总费用"));
  const big = await answered(page, "/settlements", { sort: "total", order: "desc" }, () =>
    page.click("[data-test=st-table] th >> text=总费用"));
  const fen = (s) => Number(s.total.replace(".", ""));
  check(big.items.every((s, i) => i === 0 || fen(s) <= fen(big.items[i - 1])), "settlements: by amount, largest first");
  await eventually(page, (id) => document.querySelector("[data-test=st-table] .el-table__body-wrapper .el-table__row")
    .textContent.includes(id), big.items[0].setl_id, "settlements: the largest shown first");
  const id = big.items[2].setl_id;
  await page.fill("[data-test=st-search]", id.toLowerCase());
  const one = await answered(page, "/settlements", { q: id.toLowerCase() }, () => page.press("[data-test=st-search]", "Enter"));
  check(one.total === 1 && one.items[0].setl_id === id, "settlements: a settlement id typed in lowercase finds it");
  await page.fill("[data-test=st-search]", "");
  await answered(page, "/settlements", { q: null }, () => page.press("[data-test=st-search]", "Enter"));
  const hosp = big.items[0].hospital;
  const h = await answered(page, "/settlements", { hospital: hosp }, () => page.fill("[data-test=st-hospital]", hosp));
  check(h.total > 0 && h.total < all && h.items.every(s => s.hospital === hosp), "settlements: hospital " + hosp + ": " + h.total);
  const x = await download(page, "st-export-xlsx");
  check(x.name.endsWith(".xlsx") && x.bytes[0] === 0x50, "settlements: an XLSX file");
  const c2 = csvRows((await download(page, "st-export-csv")).bytes);
  check(c2.length - 1 === h.total && c2.slice(1).every(r => r[4] === hosp), "settlements: the CSV holds the hospital's " + h.total + " rows");
  await shot(page, "lists-09-settlements-hospital");
}

try {
  const st = await session("staff", { width: 1366, height: 768 });
  let page = st.page;
  // --- members: more than 500, paged by the server --------------------------------------
  await page.waitForSelector("[data-test=nav-members]");
  const first = await answered(page, "/members", { page: "1" }, () => page.click("[data-test=nav-members]"));
  check(first.total > 500 && first.items.length === 20, "members: more than 500 (" + first.total + "), 20 a page");
  await eventually(page, (n) => document.querySelector("[data-test=member-total]").textContent.includes(String(n)),
                   first.total, "the page shows the total");
  const second = await answered(page, "/members", { page: "2" }, () => page.click("[data-test=member-pager] .btn-next"));
  const refs1 = new Set(first.items.map(m => m.ref));
  check(second.items.length === 20 && second.items.every(m => !refs1.has(m.ref)), "page 2 holds 20 other members");
  await eventually(page, (name) => document.querySelector("[data-test=member-table] .el-table__body-wrapper .el-table__row")
    .textContent.includes(name), second.items[0].name, "page 2's rows are shown");
  await shot(page, "lists-01-members-page2");
  // the last page: the rest
  const lastNo = Math.ceil(first.total / 20);
  const last = await answered(page, "/members", { page: String(lastNo) }, () =>
    page.click(`[data-test=member-pager] .el-pager li >> text="${lastNo}"`));
  check(last.items.length === first.total - 20 * (lastNo - 1), "the last page holds the rest (" + last.items.length + ")");
  // a filter: model workers (back to page 1)
  const models = await choose(page, "member-flag", "劳模", "/members", { flag: "model", page: "1" });
  check(models.total > 0 && models.total < first.total, "劳模: " + models.total + " of " + first.total);
  await eventually(page, (n) => document.querySelector("[data-test=member-total]").textContent.includes("共 " + n + " 条"),
                   models.total, "the filtered total is shown");
  // a sort: birth date, ascending then descending, by the server
  const byBirth = await answered(page, "/members", { sort: "birth_date", order: "asc", flag: "model" }, () =>
    page.click("[data-test=member-table] th >> text=出生日期"));
  const births = byBirth.items.map(m => m.birth_date);
  check(births.join() === [...births].sort().join(), "sorted by birth date");
  const all = await everything(page, "/members?flag=model&sort=birth_date&order=asc");
  check(byBirth.items[0].ref === all[0].ref, "the first row is the earliest birth of all " + all.length + " model workers");
  await eventually(page, (d) => {
    const rows = [...document.querySelectorAll("[data-test=member-table] .el-table__body-wrapper .el-table__row")];
    return rows.length && rows[0].textContent.includes(d);
  }, births[0], "the table shows the sorted rows");
  await shot(page, "lists-02-members-model-by-birth");
  // the export: exactly the filtered rows, in the list's order
  const csv = await download(page, "member-export-csv");
  const rows = csvRows(csv.bytes);
  check(csv.bytes[0] === 0xef && csv.bytes[1] === 0xbb && csv.bytes[2] === 0xbf, "the CSV starts with a BOM");
  check(csv.name.endsWith(".csv") && rows[0][0] === "姓名" && rows[0][1] === "身份证号码", "Chinese titles: " + rows[0]);
  check(rows.length - 1 === models.total, "the CSV holds the " + models.total + " filtered members (" + (rows.length - 1) + ")");
  check(rows.slice(1).map(r => r[1]).join() === all.map(m => m.id_number).join(), "the CSV's rows are the list's, in order");

  // --- claims: all of them, filtered, sorted, exported as XLSX ------------------------------
  await page.click("[data-test=nav-claims]");
  await page.waitForSelector("[data-test=claim-table]");
  const allClaims = await answered(page, "/claims", { status: null }, () => page.click(".el-tabs__item >> text=全部"));
  check(allClaims.total > 500, "claims: more than 500 (" + allClaims.total + ")");
  await shot(page, "lists-03-claims-all");
  const pro = await choose(page, "claim-source", "免申即享", "/claims", { source: "proactive" });
  check(pro.total > 0 && pro.total <= allClaims.total && pro.items.every(c => c.proactive), "免申即享: " + pro.total);
  const byTotal = await answered(page, "/claims", { sort: "total", order: "asc", source: "proactive" }, () =>
    page.click("[data-test=claim-table] th >> text=合计"));
  const desc = await answered(page, "/claims", { sort: "total", order: "desc", source: "proactive" }, () =>
    page.click("[data-test=claim-table] th >> text=合计"));
  const cents = (c) => Number(c.total.replace(".", ""));
  check(desc.items.every((c, i) => i === 0 || cents(c) <= cents(desc.items[i - 1])), "sorted by amount, largest first");
  check(cents(byTotal.items[0]) <= cents(desc.items[desc.items.length - 1]), "ascending starts at the smallest");
  await eventually(page, (no) => document.querySelector("[data-test=claim-table] .el-table__body-wrapper .el-table__row")
    .textContent.includes(no), desc.items[0].claim_no, "the table shows the largest claim first");
  const shown = await rowsOf(page, "claim-table");
  check(shown[0][4].includes(" 元") && (cents(desc.items[0]) < 100000 || shown[0][4].includes(",")),
        "amounts with thousands separators and 元: " + shown[0][4]);
  await shot(page, "lists-04-claims-proactive-by-amount");
  const xlsx = await download(page, "claim-export-xlsx");
  check(xlsx.name.endsWith(".xlsx") && xlsx.bytes[0] === 0x50 && xlsx.bytes[1] === 0x4b, "an XLSX file: " + xlsx.name);
  const csv2 = csvRows((await download(page, "claim-export-csv")).bytes);
  const every = await everything(page, "/claims?source=proactive&sort=total&order=desc");
  check(csv2.length - 1 === pro.total && csv2.slice(1).map(r => r[0]).join() === every.map(c => c.claim_no).join(),
        "the claims CSV holds the " + pro.total + " filtered claims in the list's order (" + (csv2.length - 1) + ")");
  // search by a claim number
  await page.fill("[data-test=claim-search]", every[3].claim_no.toLowerCase());
  const one = await answered(page, "/claims", { q: every[3].claim_no.toLowerCase() }, () =>
    page.press("[data-test=claim-search]", "Enter"));
  check(one.total === 1 && one.items[0].claim_no === every[3].claim_no, "a claim number (typed lowercase) finds its claim");
  await st.ctx.close();

  // --- admin: the LM subsidies and the cases, paged, filtered, sorted and exported by the server ---
  const ad = await session("admin", { width: 1366, height: 768 });
  page = ad.page;
  await page.waitForSelector("[data-test=nav-lm]");
  const adminLm = await recordList(page, "lm", "/lm/applications", "admin");
  const adminCases = await recordList(page, "case", "/cases", "admin");
  await usersList(page);
  await settlementsList(page);
  await applicationsList(page);
  await ad.ctx.close();

  // --- the 新城区 cadre: its district's rows only, also in totals and exports ----------------
  const cd = await session("cadre", { width: 1366, height: 768 });
  page = cd.page;
  await page.waitForSelector("[data-test=nav-members]");
  const mine = await answered(page, "/members", { page: "1" }, () => page.click("[data-test=nav-members]"));
  check(mine.total > 500 && mine.total < first.total, "the cadre's members: " + mine.total + " of " + first.total);
  await eventually(page, (n) => document.querySelector("[data-test=member-total]").textContent.includes("共 " + n + " 条"),
                   mine.total, "the cadre's total is shown");
  const cadreCsv = csvRows((await download(page, "member-export-csv")).bytes);
  check(cadreCsv.length - 1 === mine.total && cadreCsv.slice(1).every(r => r[1].includes("*")),
        "the cadre's export: its " + mine.total + " members, ID numbers masked (" + (cadreCsv.length - 1) + ")");
  await shot(page, "lists-05-cadre-members");
  const cadreLm = await recordList(page, "lm", "/lm/applications", "cadre");
  const cadreCases = await recordList(page, "case", "/cases", "cadre");
  check(cadreLm < adminLm && cadreCases < adminCases, "the cadre's LM and cases lists are its district's part (" +
        cadreLm + " of " + adminLm + ", " + cadreCases + " of " + adminCases + ")");
  await cd.ctx.close();
} catch (e) {
  check(false, "lists walk: " + e.message);
}
await finish();
