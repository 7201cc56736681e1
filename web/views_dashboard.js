/* The dashboard (驾驶舱) and the reports page (issue 17). Loaded after
 * views.js (shares errText and the Vue globals); every figure is the
 * server's, already in the caller's scope: the page only narrows it with the
 * date range and an org (?from=&to=&org=, refused by the server outside the
 * caller's scope) and draws it. Money arrives as decimal strings of yuan;
 * sums are done in integer fen, charts get numbers only to draw bars. */
const hzDash = {
  /* today in Beijing, YYYY-MM-DD */
  today: () => new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" }),
  /* "12345.67" → 1234567 (integer fen; no float) */
  fen(s) {
    if (s === null || s === undefined || s === "") return 0;
    const neg = String(s).startsWith("-"), [i, f = ""] = String(s).replace("-", "").split(".");
    const v = Number(i) * 100 + Number((f + "00").slice(0, 2));
    return neg ? -v : v;
  },
  /* the loss ratio as the server shows it: basis points half up, "64.80%" */
  ratio(benefits, contributions) {
    if (contributions <= 0) return "0.00%";
    const bp = (BigInt(benefits) * 20000n / BigInt(contributions) + 1n) / 2n;
    return (bp / 100n) + "." + String(bp % 100n).padStart(2, "0") + "%";
  },
  yuan: (fen) => fen / 100, /* only for drawing */
  query(f, extra) {
    const p = new URLSearchParams();
    if (f.range && f.range[0]) p.set("from", f.range[0]);
    if (f.range && f.range[1]) p.set("to", f.range[1]);
    if (f.org) p.set("org", f.org);
    for (const [k, v] of Object.entries(extra || {})) p.set(k, v);
    return "?" + p.toString();
  },
  statusText: { received: "待补材料", adjudicated: "待审核", approved: "已审批", rejected: "已拒绝", paid: "已支付",
                closed: "已结案（无给付）" },
  sourceText: { application: "申请", proactive: "主动理赔" },
  /* column titles of the reports' JSON keys, as the CSV and XLSX title them */
  colText: {
    plan: "计划", year: "保障年度", district: "区县工会", contributions: "缴费", claims: "理赔件数", incurred: "已发生给付",
    paid: "已支付", loss_ratio: "赔付率", people: "参保人数", status: "状态", source: "来源", amount: "金额",
    no_payment: "无需支付", waiting_documents: "待补材料", within_7_days: "7日内", over_7_days: "超过7日",
    sla_days_avg: "平均天数", sla_days_max: "最长天数", month: "月份", paid_within_7_days: "7日内支付", paid_late: "超过7日支付",
    share_within_7_days: "7日内支付率", name: "名称", id_number: "身份证号码", outstanding: "应追回余额", recovered: "已追回",
    written_off: "已核销", new_members: "新增会员", new_newform: "其中新就业形态", members: "会员", covered: "在保会员",
    women: "女职工", newform: "新就业形态会员", model_workers: "劳模", share_paid_within_7_days: "7日内支付率",
    overdue_open: "超时未付件数", coverages: "在保人数", complete: "材料齐全件数", paid_out: "银行实付", pending: "在途",
    scheme: "项目", grants: "人次", committed: "审批金额",
  },
  /* the parts of a record report (the dashboard's), as the XLSX sheets title them */
  partText: { districts: "会员（按区县）", plans: "在保（按计划）", payouts: "给付（按计划）", money: "资金（银行与追回）",
              aid: "劳模医疗补助与救助（本年）" },
  schemeText: { lm: "劳模医疗补助", relief: "救助帮扶" },
  isMoney: (v) => typeof v === "string" && /^-?\d+\.\d{2}$/.test(v),
  /* a cell as people read it: money with thousands and 元, codes in Chinese */
  cell(key, v) {
    if (v === null || v === undefined) return "";
    if (hzDash.isMoney(v)) return hzFmt.money(v);
    if (key === "plan") return (hzFmt.planName[v] || v) + "（" + v + "）";
    if (key === "status") return hzDash.statusText[v] || v;
    if (key === "source") return hzDash.sourceText[v] || v;
    if (key === "scheme") return hzDash.schemeText[v] || v;
    return String(v);
  },
  shortcuts() {
    const y = Number(hzDash.today().slice(0, 4)), t = hzDash.today();
    return [
      { text: "本年", value: () => [y + "-01-01", t] },
      { text: "上年", value: () => [(y - 1) + "-01-01", (y - 1) + "-12-31"] },
      { text: "近两年", value: () => [(y - 1) + "-01-01", t] },
      { text: "近五年", value: () => [(y - 4) + "-01-01", t] },
    ];
  },
};

/* The date range and the org a dashboard or report is asked for; the orgs
 * offered are those the caller may see (GET /orgs is scoped). */
const HzReportFilter = {
  props: ["modelValue"],
  emits: ["update:modelValue"],
  setup(props, { emit }) {
    const orgs = ref([]);
    onMounted(async () => {
      try { orgs.value = (await hzApi.get("/orgs?per_page=100")).items; } catch (e) { orgs.value = []; }
    });
    const set = (k, v) => emit("update:modelValue", { ...props.modelValue, [k]: v });
    return { orgs, set, shortcuts: hzDash.shortcuts() };
  },
  template: `
  <div class="dash-filter" data-test="report-filter">
    <span data-test="dash-range" class="dash-range"><el-date-picker :model-value="modelValue.range" @update:model-value="set('range', $event)"
      type="daterange" value-format="YYYY-MM-DD" range-separator="至" start-placeholder="开始日期" end-placeholder="结束日期"
      :shortcuts="shortcuts" :clearable="false" /></span>
    <span data-test="dash-org"><el-select :model-value="modelValue.org" @update:model-value="set('org', $event)" clearable filterable
      placeholder="全部（本人范围）" style="width:260px">
      <el-option v-for="o in orgs" :key="o.code" :label="o.name + '（' + o.code + '）'" :value="o.code" />
    </el-select></span>
  </div>`,
};

/* An ECharts chart drawn with the SVG renderer (its labels are text the
 * browser test can read; renderer="canvas" for the district bars, whose
 * canvas console.mjs waits for), redrawn when `option` changes. */
const HzChart = {
  props: ["option", "renderer"],
  setup(props) {
    const el = ref(null);
    let chart = null;
    const draw = () => { if (el.value && props.option) { chart = chart || echarts.init(el.value, null, { renderer: props.renderer || "svg" }); chart.setOption(props.option, true); } };
    const resize = () => chart && chart.resize();
    onMounted(() => { draw(); window.addEventListener("resize", resize); });
    watch(() => props.option, draw);
    Vue.onBeforeUnmount(() => { window.removeEventListener("resize", resize); if (chart) chart.dispose(); });
    return { el };
  },
  template: `<div ref="el" class="chart"></div>`,
};

/* bars of contributions and incurred benefits with the loss ratio as a
 * line, one group per label; rows: [{label, c (fen), b (fen)}] */
function hzLossOption(title, rows) {
  const money = (fen) => ({ value: hzDash.yuan(fen), raw: fen });
  return {
    title: { text: title, left: "center", textStyle: { fontSize: 14 } },
    legend: { bottom: 0 },
    grid: { left: 70, right: 50, top: 40, bottom: rows.length > 6 ? 110 : 70 },
    tooltip: {
      trigger: "axis",
      formatter: (ps) => ps[0].axisValue + "<br>" + ps.map(p => p.marker + p.seriesName + " " +
        (p.seriesType === "line" ? p.data.text : hzFmt.money(p.data.raw))).join("<br>"),
    },
    xAxis: { type: "category", data: rows.map(r => r.label), axisLabel: { rotate: rows.length > 6 ? 40 : 0, interval: 0, fontSize: 11 } },
    yAxis: [{ type: "value", name: "元", axisLabel: { formatter: (v) => hzFmt.count(v) } }, { type: "value", name: "赔付率 %", splitLine: { show: false } }],
    series: [
      { name: "缴费", type: "bar", data: rows.map(r => money(r.c)), itemStyle: { color: "#5470c6" } },
      { name: "已发生给付", type: "bar", data: rows.map(r => money(r.b)), itemStyle: { color: "#c0392b" } },
      { name: "赔付率", type: "line", yAxisIndex: 1,
        data: rows.map(r => { const t = hzDash.ratio(r.b, r.c); return { value: Number(t.replace("%", "")), text: t }; }),
        label: { show: rows.length <= 8, formatter: (p) => p.data.text, fontSize: 11 }, itemStyle: { color: "#e6a23c" } },
    ],
  };
}

/* a pie whose slices show their values (name, count and share) */
function hzPieOption(title, data, unit) {
  return {
    title: { text: title, left: "center", textStyle: { fontSize: 14 } },
    tooltip: { trigger: "item", formatter: (p) => p.name + "：" + hzFmt.count(p.value) + " " + unit + "（" + p.percent + "%）" },
    series: [{ type: "pie", radius: ["28%", "52%"], center: ["50%", "55%"], data,
      label: { show: true, formatter: (p) => p.name + "\n" + hzFmt.count(p.value) + " " + unit + "（" + p.percent + "%）", fontSize: 11 } }],
  };
}

/* sums rows of the loss_ratio report by key(row): [{label, c, b}] in first-seen order */
function hzLossGroups(items, key) {
  const m = new Map();
  for (const r of items) {
    const k = key(r), g = m.get(k) || { label: k, c: 0, b: 0, p: 0, claims: 0 };
    g.c += hzDash.fen(r.contributions); g.b += hzDash.fen(r.incurred); g.p += hzDash.fen(r.paid); g.claims += r.claims;
    m.set(k, g);
  }
  return [...m.values()];
}

const DashboardView = {
  components: { HzReportFilter, HzChart },
  setup() {
    const f = ref({ range: [hzDash.today().slice(0, 4) + "-01-01", hzDash.today()], org: "" });
    const d = ref(null), lr = ref(null), five = ref(null), status = ref(null), monthly = ref(null), recov = ref(null),
      growth = ref(null);
    const error = ref(""), loading = ref(false);
    /* the forecast card (issue 18) when its page script defines it */
    const forecastCard = typeof HzForecastCard !== "undefined" ? HzForecastCard : null;
    let latest = 0;
    async function load() {
      const mine = ++latest, q = hzDash.query(f.value);
      loading.value = true; error.value = "";
      try {
        const got = await Promise.all(["dashboard", "loss_ratio", "five_year", "claims_status", "sla_monthly", "recoveries", "growth"]
          .map(n => hzApi.get("/reports/" + n + q)));
        if (mine !== latest) return;
        [d.value, lr.value, five.value, status.value, monthly.value, recov.value, growth.value] = got;
      } catch (e) { if (mine === latest) error.value = errText(e); } finally { if (mine === latest) loading.value = false; }
    }
    onMounted(load);
    watch(f, load, { deep: true });

    const lrTotal = computed(() => lr.value ? hzLossGroups(lr.value.items, () => "all")[0] || { c: 0, b: 0, p: 0, claims: 0 } : null);
    const payoutSum = computed(() => d.value ? d.value.payouts.reduce((s, r) => s + hzDash.fen(r.amount), 0) : 0);
    const outstanding = computed(() => recov.value ? recov.value.items.reduce((s, r) => s + hzDash.fen(r.outstanding), 0) : 0);
    const lrPlanYear = computed(() => lr.value && hzLossOption("缴费与给付、赔付率（按计划、保障年度）",
      hzLossGroups(lr.value.items, r => (hzFmt.planName[r.plan] || r.plan) + " " + r.year)));
    const lrDistrict = computed(() => lr.value && hzLossOption("缴费与给付、赔付率（按区县）",
      hzLossGroups(lr.value.items, r => r.district.replace("总工会", ""))));
    const statusPie = computed(() => {
      if (!status.value) return null;
      const by = (key, text) => {
        const m = new Map();
        for (const r of status.value.items) m.set(r[key], (m.get(r[key]) || 0) + r.claims);
        return [...m].map(([k, v]) => ({ name: text[k] || k, value: v }));
      };
      const o = hzPieOption("理赔（按状态、来源）", by("status", hzDash.statusText), "件");
      o.series[0].radius = ["36%", "52%"];
      o.series.push({ type: "pie", radius: [0, "26%"], center: ["50%", "55%"], data: by("source", hzDash.sourceText),
        label: { position: "inner", formatter: (p) => p.name + "\n" + hzFmt.count(p.value), fontSize: 11, color: "#fff" } });
      return o;
    });
    const coveragePie = computed(() => d.value && hzPieOption("在保人数（按计划）",
      d.value.plans.map(x => ({ name: hzFmt.planName[x.plan] || x.plan, value: x.coverages })), "人"));
    const slaChart = computed(() => monthly.value && {
      title: { text: "7日内支付（按支付月份）", left: "center", textStyle: { fontSize: 14 } },
      legend: { bottom: 0 }, tooltip: { trigger: "axis" }, grid: { left: 50, right: 50, top: 40, bottom: 60 },
      xAxis: { type: "category", data: monthly.value.items.map(r => r.month) },
      yAxis: [{ type: "value", name: "件" }, { type: "value", name: "%", max: 100, splitLine: { show: false } }],
      series: [
        { name: "7日内支付", type: "bar", stack: "p", data: monthly.value.items.map(r => r.paid_within_7_days), itemStyle: { color: "#67c23a" } },
        { name: "超过7日支付", type: "bar", stack: "p", data: monthly.value.items.map(r => r.paid_late), itemStyle: { color: "#c0392b" } },
        { name: "7日内支付率", type: "line", yAxisIndex: 1, data: monthly.value.items.map(r => Number(r.share_within_7_days.replace("%", ""))),
          itemStyle: { color: "#e6a23c" } },
      ],
    });
    const growthChart = computed(() => {
      if (!growth.value) return null;
      const m = new Map();
      for (const r of growth.value.items) {
        const g = m.get(r.month) || [0, 0];
        g[0] += r.new_members; g[1] += r.new_newform; m.set(r.month, g);
      }
      const months = [...m.keys()].sort();
      return {
        title: { text: "会员增长（按月）", left: "center", textStyle: { fontSize: 14 } },
        legend: { bottom: 0 }, tooltip: { trigger: "axis" }, grid: { left: 50, right: 20, top: 40, bottom: 60 },
        xAxis: { type: "category", data: months }, yAxis: { type: "value", name: "人" },
        series: [
          { name: "新增会员", type: "bar", data: months.map(k => m.get(k)[0]), itemStyle: { color: "#5470c6" }, label: { show: months.length <= 14, position: "top" } },
          { name: "其中新就业形态", type: "bar", data: months.map(k => m.get(k)[1]), itemStyle: { color: "#e6a23c" } },
        ],
      };
    });
    const districtChart = computed(() => d.value && {
      title: { text: "各区县会员人数", left: "center", textStyle: { fontSize: 14 } },
      tooltip: {}, grid: { left: 50, right: 10, bottom: 70 },
      xAxis: { type: "category", data: d.value.districts.map(x => x.name.replace("总工会", "")), axisLabel: { rotate: 40, interval: 0 } },
      yAxis: { type: "value" },
      series: [{ type: "bar", data: d.value.districts.map(x => x.members), itemStyle: { color: "#c0392b" } }],
    });
    return { f, d, lr, five, status, monthly, recov, growth, error, loading, forecastCard, lrTotal, payoutSum, outstanding,
             lrPlanYear, lrDistrict, statusPie, coveragePie, slaChart, growthChart, districtChart, cell: hzDash.cell,
             money: hzFmt.money, ratio: hzDash.ratio };
  },
  template: `
  <div data-test="dashboard">
    <h1 class="page-title">驾驶舱</h1>
    <HzReportFilter v-model="f" />
    <el-alert v-if="error" type="error" :title="error" show-icon data-test="dash-error" />
    <div v-loading="loading">
    <el-row :gutter="16" class="stat-row" v-if="d" data-test="dashboard-stats">
      <el-col :xs="12" :sm="8" :md="6" :xl="3"><el-card><div class="stat-label">会员</div><div class="stat-value" data-test="dash-members">{{ d.members }}</div></el-card></el-col>
      <el-col :xs="12" :sm="8" :md="6" :xl="3"><el-card><div class="stat-label">在保会员</div><div class="stat-value" data-test="dash-covered">{{ d.covered }}</div></el-card></el-col>
      <el-col :xs="12" :sm="8" :md="6" :xl="3"><el-card><div class="stat-label">期间缴费</div><div class="stat-value money" data-test="dash-contributions">{{ money(d.contributions) }}</div></el-card></el-col>
      <el-col :xs="12" :sm="8" :md="6" :xl="3"><el-card><div class="stat-label">期间理赔给付</div><div class="stat-value money red" data-test="dash-paid">{{ money(d.paid) }}</div></el-card></el-col>
      <el-col :xs="12" :sm="8" :md="6" :xl="3"><el-card><div class="stat-label">赔付率（保障年度）</div><div class="stat-value" data-test="dash-loss-ratio">{{ d.loss_ratio }}</div></el-card></el-col>
      <el-col :xs="12" :sm="8" :md="6" :xl="3"><el-card><div class="stat-label">7日内支付率</div><div class="stat-value" data-test="dash-sla">{{ d.share_paid_within_7_days }}</div></el-card></el-col>
      <el-col :xs="12" :sm="8" :md="6" :xl="3"><el-card><div class="stat-label">超时预警</div><div class="stat-value red" data-test="dash-overdue">{{ d.overdue_open }}</div></el-card></el-col>
      <el-col :xs="12" :sm="8" :md="6" :xl="3"><el-card><div class="stat-label">应追回余额</div><div class="stat-value money" data-test="dash-outstanding">{{ money(outstanding) }}</div></el-card></el-col>
    </el-row>
    <component v-if="forecastCard" :is="forecastCard" :year="Number(f.range[1].slice(0, 4))" :key="f.range[1].slice(0, 4)"
               style="margin-bottom:16px" />
    <el-row :gutter="16" v-if="lr">
      <el-col :md="12"><el-card><HzChart :option="lrPlanYear" data-test="chart-lr-plan" /></el-card></el-col>
      <el-col :md="12"><el-card><HzChart :option="lrDistrict" data-test="chart-lr-district" /></el-card></el-col>
    </el-row>
    <div v-if="lr" class="money-line" data-test="lr-total">
      保障年度 {{ f.range[0].slice(0, 4) }}–{{ f.range[1].slice(0, 4) }}：缴费 <b data-test="lr-contributions">{{ money(lrTotal.c) }}</b>
      · 已发生给付 <b data-test="lr-incurred">{{ money(lrTotal.b) }}</b> · 其中已支付 {{ money(lrTotal.p) }}
      · 赔付率 <b data-test="lr-ratio">{{ ratio(lrTotal.b, lrTotal.c) }}</b>
    </div>
    <el-row :gutter="16" style="margin-top:16px" v-if="status">
      <el-col :md="12"><el-card><HzChart :option="statusPie" data-test="chart-claims-status" /></el-card></el-col>
      <el-col :md="12"><el-card><HzChart :option="slaChart" data-test="chart-sla-monthly" /></el-card></el-col>
    </el-row>
    <el-card v-if="status" style="margin-top:16px">
      <template #header>理赔（按状态、来源）与7日时限天数</template>
      <el-table :data="status.items" size="small" data-test="dash-claims-status">
        <el-table-column label="状态"><template #default="s">{{ cell('status', s.row.status) }}</template></el-table-column>
        <el-table-column label="来源"><template #default="s">{{ cell('source', s.row.source) }}</template></el-table-column>
        <el-table-column prop="claims" label="件数" />
        <el-table-column label="金额" align="right"><template #default="s">{{ money(s.row.amount) }}</template></el-table-column>
        <el-table-column prop="within_7_days" label="7日内" />
        <el-table-column prop="over_7_days" label="超过7日" />
        <el-table-column prop="waiting_documents" label="待补材料" />
        <el-table-column prop="sla_days_avg" label="平均天数" />
        <el-table-column prop="sla_days_max" label="最长天数" />
      </el-table>
    </el-card>
    <el-row :gutter="16" style="margin-top:16px" v-if="d">
      <el-col :md="12"><el-card><HzChart :option="growthChart" data-test="chart-growth" /></el-card></el-col>
      <el-col :md="12"><el-card><HzChart :option="coveragePie" data-test="chart-coverage" /></el-card></el-col>
    </el-row>
    <el-card v-if="five" style="margin-top:16px">
      <template #header>五年汇总（保障年度 {{ Number(f.range[1].slice(0, 4)) - 4 }}–{{ f.range[1].slice(0, 4) }}，按计划、年度）</template>
      <el-table :data="five.items" size="small" data-test="dash-five-year" max-height="360">
        <el-table-column label="计划"><template #default="s">{{ cell('plan', s.row.plan) }}</template></el-table-column>
        <el-table-column prop="year" label="保障年度" />
        <el-table-column prop="people" label="参保人数" />
        <el-table-column label="缴费" align="right"><template #default="s">{{ money(s.row.contributions) }}</template></el-table-column>
        <el-table-column prop="claims" label="理赔件数" />
        <el-table-column label="已发生给付" align="right"><template #default="s">{{ money(s.row.incurred) }}</template></el-table-column>
        <el-table-column label="其中已支付" align="right"><template #default="s">{{ money(s.row.paid) }}</template></el-table-column>
        <el-table-column prop="loss_ratio" label="赔付率" />
      </el-table>
    </el-card>
    <el-row :gutter="16" style="margin-top:16px" v-if="d">
      <el-col :md="12"><el-card>
        <template #header>期间给付（按计划） · 新就业形态会员 {{ d.newform }} · 女职工 {{ d.women }} · 劳模 {{ d.model_workers }}</template>
        <el-table :data="d.payouts" size="small" data-test="dash-payouts" show-summary :summary-method="() => ['合计', d.payouts.reduce((s, r) => s + r.claims, 0), money(payoutSum)]">
          <el-table-column label="计划"><template #default="s">{{ cell('plan', s.row.plan) }}</template></el-table-column>
          <el-table-column prop="claims" label="理赔件数" />
          <el-table-column label="给付金额" align="right"><template #default="s">{{ money(s.row.amount) }}</template></el-table-column>
        </el-table>
        <div v-if="d.money" class="money-line" data-test="dashboard-money">
          资金（累计）：银行实付 {{ money(d.money.paid_out) }} · 在途 {{ money(d.money.pending) }} · 已追回 {{ money(d.money.recovered) }}
          · 已核销 {{ money(d.money.written_off) }} · 应追回余额 {{ money(d.money.outstanding) }}
        </div>
      </el-card></el-col>
      <el-col :md="12"><el-card>
        <template #header>应追回（未结清，{{ recov ? recov.items.length : 0 }} 人）</template>
        <el-table :data="recov ? recov.items : []" size="small" data-test="dash-recoveries" max-height="300" empty-text="无应追回款项">
          <el-table-column prop="name" label="姓名" />
          <el-table-column prop="id_number" label="身份证号码" min-width="150" />
          <el-table-column label="应追回余额" align="right"><template #default="s">{{ money(s.row.outstanding) }}</template></el-table-column>
          <el-table-column label="已追回" align="right"><template #default="s">{{ money(s.row.recovered) }}</template></el-table-column>
        </el-table>
      </el-card></el-col>
    </el-row>
    <el-row :gutter="16" style="margin-top:16px" v-if="d">
      <el-col :md="24"><el-card><HzChart :option="districtChart" renderer="canvas" data-test="chart-districts" /></el-card></el-col>
    </el-row>
    <dashboard-aid v-if="d && d.aid" :rows="d.aid" />
    </div>
  </div>`,
};

/* 报表: every report the server declares (GET /reports, the names of
 * `huzhu report NAME`), one at a time as a table, with CSV (BOM) and XLSX
 * from the same API. */
const ReportsView = {
  components: { HzReportFilter },
  setup() {
    const list = ref([]), name = ref(""), doc = ref(null), error = ref(""), loading = ref(false);
    const f = ref({ range: [hzDash.today().slice(0, 4) + "-01-01", hzDash.today()], org: "" });
    let latest = 0;
    async function load() {
      if (!name.value) return;
      const mine = ++latest;
      loading.value = true; error.value = "";
      try {
        const r = await hzApi.get("/reports/" + name.value + hzDash.query(f.value));
        if (mine === latest) doc.value = r;
      } catch (e) { if (mine === latest) { error.value = errText(e); doc.value = null; } }
      finally { if (mine === latest) loading.value = false; }
    }
    onMounted(async () => {
      try { list.value = (await hzApi.get("/reports")).items; } catch (e) { error.value = errText(e); return; }
      const want = new URLSearchParams(location.hash.split("?")[1] || "").get("name");
      name.value = list.value.some(r => r.name === want) ? want : (list.value[0] || {}).name || "";
      load();
    });
    watch(f, load, { deep: true });
    function pick(n) { name.value = n; doc.value = null; load(); }
    /* the tables of the answer: its items (or its one record), then its parts */
    const tables = computed(() => {
      const d = doc.value;
      if (!d) return [];
      const skip = new Set(["report", "columns", "items", "total"]);
      const main = d.items ? d.items : [Object.fromEntries(Object.entries(d).filter(([k, v]) => !skip.has(k) && (v === null || typeof v !== "object")))];
      const cols = d.columns || Object.keys(main[0] || {});
      const out = [{ key: "main", title: "", cols, rows: main }];
      for (const [k, v] of Object.entries(d)) {
        if (skip.has(k) || v === null || typeof v !== "object") continue;
        const rows = Array.isArray(v) ? v : [v];
        out.push({ key: k, title: hzDash.partText[k] || k, cols: Object.keys(rows[0] || {}), rows });
      }
      return out;
    });
    const title = computed(() => (list.value.find(r => r.name === name.value) || {}).title || name.value);
    const href = (fmt) => "/api/v1/reports/" + name.value + hzDash.query(f.value, { format: fmt });
    return { list, name, doc, error, loading, f, pick, tables, title, href, colText: hzDash.colText, cell: hzDash.cell,
             isMoney: hzDash.isMoney };
  },
  template: `
  <div data-test="reports">
    <h1 class="page-title">报表</h1>
    <el-row :gutter="16">
      <el-col :md="6">
        <el-card body-style="padding:0">
          <div v-for="r in list" :key="r.name" class="rep-item" :class="{ active: r.name === name }" @click="pick(r.name)"
               :data-test="'rep-item-' + r.name">{{ r.title }}<code>{{ r.name }}</code></div>
        </el-card>
      </el-col>
      <el-col :md="18">
        <HzReportFilter v-model="f" />
        <div class="rep-head">
          <b data-test="rep-title">{{ title }}</b> <code>{{ name }}</code>
          <span style="flex:1"></span>
          <a class="el-button el-button--small" :href="href('csv')" download data-test="rep-csv">导出 CSV</a>
          <a class="el-button el-button--small el-button--primary" :href="href('xlsx')" download data-test="rep-xlsx">导出 Excel</a>
        </div>
        <el-alert v-if="error" type="error" :title="error" show-icon data-test="rep-error" />
        <div v-loading="loading">
          <div v-for="t in tables" :key="t.key" style="margin-bottom:16px">
            <div v-if="t.title" class="rep-part">{{ t.title }}</div>
            <el-table :data="t.rows" size="small" border :data-test="'rep-table-' + t.key" max-height="560" empty-text="期间内无数据">
              <el-table-column v-for="c in t.cols" :key="c" :label="colText[c] || c" :min-width="c === 'district' || c === 'id_number' ? 150 : 100">
                <template #default="s"><span :class="{ money: isMoney(s.row[c]) }">{{ cell(c, s.row[c]) }}</span></template>
              </el-table-column>
            </el-table>
          </div>
          <div v-if="doc && doc.total !== undefined" style="color:#888" data-test="rep-total">共 {{ doc.total }} 行</div>
        </div>
      </el-col>
    </el-row>
  </div>`,
};

const hzDashViews = { DashboardView, ReportsView, HzReportFilter, HzChart };
