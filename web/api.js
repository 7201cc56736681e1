/* The API client: cookie session (HttpOnly, set by the server) plus the
 * CSRF token the login returned, sent on every unsafe request. */
const hzApi = (() => {
  const state = { csrf: sessionStorage.getItem("hz_csrf") || "", pending: 0 };
  /* pending: requests not yet answered (the walk test waits for 0) */
  async function call(method, path, body, raw) {
    state.pending++;
    try { return await send(method, path, body, raw); } finally { state.pending--; }
  }
  async function send(method, path, body, raw) {
    const opts = { method, headers: {}, credentials: "same-origin" };
    if (method !== "GET") opts.headers["X-CSRF-Token"] = state.csrf;
    if (raw !== undefined) { opts.body = raw; opts.headers["Content-Type"] = "application/octet-stream"; }
    else if (body !== undefined) { opts.body = JSON.stringify(body); opts.headers["Content-Type"] = "application/json"; }
    const resp = await fetch("/api/v1" + path, opts);
    const type = resp.headers.get("Content-Type") || "";
    const data = type.includes("json") ? await resp.json() : await resp.text();
    if (!resp.ok) {
      const err = new Error((data && data.error && data.error.message) || ("HTTP " + resp.status));
      err.status = resp.status; err.data = data;
      throw err;
    }
    return data;
  }
  return {
    get: (p) => call("GET", p),
    post: (p, b) => call("POST", p, b === undefined ? {} : b),
    put: (p, b) => call("PUT", p, b),
    upload: (p, file) => call("POST", p, undefined, file),
    del: (p) => call("DELETE", p),
    setCsrf(v) { state.csrf = v; sessionStorage.setItem("hz_csrf", v); },
    clear() { state.csrf = ""; sessionStorage.removeItem("hz_csrf"); },
    get pending() { return state.pending; },
  };
})();

/* What the signed-in user may do: GET /api/v1/me "actions", the rule book
 * the API enforces (src/app/authz.c). The shell calls hzCan.set(me) after
 * login and on reload; every page shows a control only when hzCan(action). */
const hzCan = (() => {
  let acts = new Set();
  const can = (a) => acts.has(a);
  can.any = (...as) => as.some(a => acts.has(a));
  can.set = (me) => { acts = new Set((me && me.actions) || []); can.role = (me && me.role) || ""; };
  return can;
})();

/* Display helpers shared by the views. */
const hzFmt = {
  statusText: { received: "待补材料", adjudicated: "待审核", approved: "已审批", rejected: "已拒绝", paid: "已支付",
                closed: "已结案（无给付）" },
  statusType: { received: "info", adjudicated: "warning", approved: "primary", rejected: "danger", paid: "success",
                closed: "info" },
  reasonText: {
    OK: "给付", CAPPED: "超限额", WAITING: "观察期内", NOT_IN_TERM: "不在保障期", NOT_ELIGIBLE_SEX: "性别不符",
    NOT_ELIGIBLE_AGE: "年龄不符", DIAGNOSIS_NOT_LISTED: "非给付病种", ALREADY_PAID: "已给付", BELOW_DEDUCTIBLE: "未达起付线",
    NOT_ACCIDENT: "非意外", DUPLICATE_SETTLEMENT: "重复结算", REFUNDED_SETTLEMENT: "结算已退费", MANUAL_REJECT: "审核拒绝",
  },
  planName: { ZY: "住院医疗", ZJ: "重大疾病", NG: "女工特病", YW: "意外伤害", JT: "住院津贴", XYT: "新业态综合", LM: "劳模医疗补助" },
  /* stored UTC timestamps, shown in Beijing time */
  time(ts) {
    if (!ts) return "-";
    const d = new Date(ts);
    return isNaN(d) ? ts : d.toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });
  },
  /* money as the API sends it (a decimal string of yuan, "27101.00", or
     integer fen) → "27,101.00 元"; string arithmetic only, never float */
  money(v, unit = true) {
    if (v === null || v === undefined || v === "") return "-";
    let s = typeof v === "number" ? (Number.isInteger(v) ? hzFmt.fenText(v) : String(v)) : String(v);
    const neg = s.startsWith("-"); if (neg) s = s.slice(1);
    const [i, f] = s.split(".");
    const g = i.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return (neg ? "-" : "") + g + (f !== undefined ? "." + f : "") + (unit ? " 元" : "");
  },
  /* money inside the server's sentences ("核定给付 27101.00 元", a line's
     formula): the same separators, the words left as they are */
  moneyIn(t) { return String(t || "").replace(/\d{4,}\.\d\d(?!\d)/g, (m) => hzFmt.money(m, false)); },
  /* a count or a chart's axis value with thousands separators ("1,234") */
  count(n) {
    if (n === null || n === undefined || n === "") return "-";
    const [i, f] = String(n).split(".");
    return i.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (f !== undefined ? "." + f : "");
  },
  /* who did it, as the server stores it (the audit's actor: a user name,
     "auto", "system", "cli" or "cli:NAME" for the command line) in words */
  actor(by) {
    if (!by) return "-";
    if (by === "auto") return "系统自动审批";
    if (by === "system") return "系统";
    if (by === "cli") return "系统（命令行）";
    return by.startsWith("cli:") ? by.slice(4) + "（命令行）" : by;
  },
  fenText(fen) {
    const neg = fen < 0, a = String(Math.abs(fen)).padStart(3, "0");
    return (neg ? "-" : "") + a.slice(0, -2) + "." + a.slice(-2);
  },
  /* a calendar date (YYYY-MM-DD) of a stored UTC timestamp, in Beijing time */
  date(ts) {
    if (!ts) return "-";
    const d = new Date(ts);
    return isNaN(d) ? ts : d.toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" });
  },
  /* a coverage's payer ("unit:9161…", "self", "org:XA") in words; m: the member, whose unit it names */
  payer(p, m) {
    const [kind, ref] = String(p || "").split(":");
    if (kind === "unit") return m && m.unit === ref && m.unit_name ? m.unit_name + "（单位缴费）" : "单位缴费";
    if (kind === "org") return "工会出资";
    return kind === "self" ? "个人缴费" : (p || "-");
  },
  roleName: { admin: "系统管理员", staff: "业务员", reviewer: "审核员", finance: "财务", cadre: "工会干部", unit: "单位联络员", member: "会员" },
  /* the 7-day clock: a decided claim shows its final state, an open one the
     days left (orange from day 5), a late one in red */
  sla(c) {
    if (c.status === "rejected") return { text: "已拒绝，不计时限", cls: "sla-final" };
    if (c.status === "closed") return { text: "已结案，无给付", cls: "sla-final" };
    if (c.sla_days === null || c.sla_days === undefined) return { text: "材料未齐，未开始计时", cls: "" };
    if (c.status === "paid") return { text: "第 " + c.sla_days + " 天支付", cls: c.sla_days <= 7 ? "sla-ok" : "sla-late" };
    const left = 7 - c.sla_days;
    return { text: left >= 0 ? "剩余 " + left + " 天" : "已超时 " + (-left) + " 天", cls: c.sla_days >= 5 ? (left >= 0 ? "sla-warn" : "sla-late") : "sla-ok" };
  },
};
