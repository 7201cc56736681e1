/* Insight pages (issue 18): the what-if console (a plan file edited or
 * uploaded, a window, the simulation's figures and charts, publishing the
 * version), the look-back worklists (回头望) with the action that settles
 * each item, the forecast card (HzForecastCard, on the dashboard) and the
 * staff's notices outbox. Loaded after views.js (shares its helpers); the
 * server decides every rule, role and scope, these pages only ask and show.
 * Money arrives as decimal strings of yuan and is shown with hzFmt.money;
 * numbers are parsed only to place bars on a chart. */
const hzInsight = {
  /* who may do what: GET /me's `actions` (the roles helper's hzCan) where
     they name the action's family, else the server's action tables copied */
  roles: {
    "insight.simulate": ["admin", "staff", "reviewer", "finance"],
    "insight.publish": ["admin"],
    "insight.lookback": ["admin", "staff", "reviewer", "cadre"],
    "insight.forecast": ["admin", "staff", "reviewer", "finance", "cadre"],
    "notices.read": ["admin", "staff", "reviewer", "finance", "cadre"],
    "notices.retry": ["admin", "staff"],
    "claim.submit": ["admin", "staff"],
    "lm.apply": ["admin", "staff"],
    "coverage.enroll": ["admin", "staff"],
    "relief.apply": ["admin", "staff"],
  },
  /* the look-back's items name the server's own actions (GET /me `actions`) */
  can(user, action) {
    const acts = user && user.actions, family = action.split(".")[0];
    if (Array.isArray(acts) && acts.some((a) => String(a).split(".")[0] === family))
      return typeof hzCan === "function" ? hzCan(action) : acts.includes(action);
    return !!(user && (hzInsight.roles[action] || []).includes(user.role));
  },
  esc: (t) => String(t).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]),
  today: () => new Date().toLocaleDateString("en-CA", { timeZone: "Asia/Shanghai" }),
  num: (s) => (s === null || s === undefined ? 0 : parseFloat(String(s).replace("%", ""))),
  /* a grouped bar chart of current vs proposed by one key */
  bars(el, title, rows, label) {
    const c = echarts.getInstanceByDom(el) || echarts.init(el);
    c.setOption({
      title: { text: title, left: "center", textStyle: { fontSize: 14 } },
      /* the tooltip shows the server's figures (exact yuan strings), not the
         bars' drawing values */
      tooltip: { trigger: "axis", formatter: (ps) => hzInsight.esc(label(rows[ps[0].dataIndex])) + ps.map((p) =>
        "<br>" + p.marker + p.seriesName + " " + hzFmt.money(p.seriesIndex ? rows[p.dataIndex].proposed : rows[p.dataIndex].current)).join("") },
      legend: { top: 24, data: ["现行", "方案"] },
      grid: { left: 70, right: 10, top: 56, bottom: 70 },
      xAxis: { type: "category", data: rows.map(label), axisLabel: { rotate: rows.length > 4 ? 30 : 0, interval: 0 } },
      yAxis: { type: "value", axisLabel: { formatter: (v) => hzFmt.count(v) } },
      series: [
        { name: "现行", type: "bar", data: rows.map((r) => hzInsight.num(r.current)), itemStyle: { color: "#95a5a6" } },
        { name: "方案", type: "bar", data: rows.map((r) => hzInsight.num(r.proposed)), itemStyle: { color: "#c0392b" } },
      ],
    }, true);
    return c;
  },
};

/* What-if: start from a plan's current version (or a file), edit, pick a
 * window, run; publish the version (admin) after a confirmation. */
const WhatIfView = {
  props: ["user"],
  setup(props) {
    const plans = ref([]), code = ref("ZY"), text = ref(""), version = ref(null), error = ref(""), busy = ref(false);
    const window_ = ref(null); /* none: the server's own (1 January to its today) */
    const r = ref(null), parseError = ref("");
    const planChart = ref(null), districtChart = ref(null), unitChart = ref(null);
    const canPublish = hzInsight.can(props.user, "insight.publish");
    async function loadPlan() {
      error.value = "";
      try {
        const d = await hzApi.get("/plans/" + encodeURIComponent(code.value) + "/file");
        text.value = JSON.stringify(d.file, null, 2);
        version.value = d.version;
      } catch (e) { error.value = errText(e); }
    }
    function upload(ev) {
      const f = ev.target.files && ev.target.files[0];
      if (!f) return;
      const rd = new FileReader();
      rd.onload = () => {
        text.value = String(rd.result);
        try { const j = JSON.parse(text.value); if (j.code) code.value = j.code; } catch (e) { /* the server names the fault */ }
      };
      rd.readAsText(f, "utf-8");
      ev.target.value = "";
    }
    watch(text, (t) => {
      try { JSON.parse(t); parseError.value = ""; } catch (e) { parseError.value = "不是有效的 JSON：" + e.message; }
    });
    async function run() {
      error.value = "";
      busy.value = true;
      try {
        const [from, to] = window_.value || [];
        const q = from && to ? "?from=" + encodeURIComponent(from) + "&to=" + encodeURIComponent(to) : "";
        r.value = await hzApi.upload("/simulate" + q, text.value);
        await nextTick();
        hzInsight.bars(planChart.value, "按计划", r.value.by_plan, (x) => hzFmt.planName[x.plan] || x.plan);
        hzInsight.bars(districtChart.value, "按区县", r.value.by_district, (x) => (x.name || x.district).replace("总工会", ""));
        const units = [...r.value.by_unit].sort((a, b) => Math.abs(hzInsight.num(b.difference)) - Math.abs(hzInsight.num(a.difference))).slice(0, 12);
        hzInsight.bars(unitChart.value, "按单位（差额最大的 12 家）", units, (x) => (x.name || x.unit).slice(0, 8));
      } catch (e) { error.value = errText(e); r.value = null; } finally { busy.value = false; }
    }
    async function publish() {
      let why;
      try {
        why = (await ElMessageBox.prompt(
          "将此文件发布为计划 " + code.value + " 的新版本。新版本只适用于今后新参保的保障；已有的保障仍按参保时的版本执行，不受影响。" +
          "可填写发布理由（记入审计）：", "发布计划新版本",
          { confirmButtonText: "确认发布", cancelButtonText: "取消", type: "warning", inputPlaceholder: "发布理由（可选）" })).value || "";
      } catch (e) { return; } // cancelled
      try {
        const d = await hzApi.upload("/plans/publish?why=" + encodeURIComponent(why), text.value);
        version.value = d.version;
        ElMessage.success("已发布计划 " + code.value + " 第 " + d.version + " 版（仅适用于新参保）");
      } catch (e) { ElMessage.error(errText(e)); }
    }
    onMounted(async () => {
      try {
        const d = await hzApi.get("/plans");
        plans.value = (d.items || d).filter((p) => !p.scheme);
      } catch (e) { error.value = errText(e); }
      await loadPlan();
    });
    return { plans, code, text, version, error, busy, window_, r, parseError, planChart, districtChart, unitChart,
             canPublish, loadPlan, upload, run, publish, fmt: hzFmt };
  },
  template: `
  <div data-test="whatif">
    <h1 class="page-title">方案测算（What-if）</h1>
    <el-alert v-if="error" type="error" :title="error" show-icon style="margin-bottom:12px" data-test="whatif-error" />
    <el-card>
      <div class="toolbar">
        <span>计划</span>
        <el-select v-model="code" style="width:200px" data-test="whatif-plan" @change="loadPlan">
          <el-option v-for="p in plans" :key="p.code" :label="p.code + ' ' + (fmt.planName[p.code] || p.name)" :value="p.code" />
        </el-select>
        <small v-if="version" style="color:#888">现行第 {{ version }} 版</small>
        <el-button @click="loadPlan" data-test="whatif-reload">载入现行版本</el-button>
        <label class="el-button" style="cursor:pointer">上传计划文件<input type="file" accept=".json,application/json" @change="upload" style="display:none" data-test="whatif-upload"></label>
        <span style="margin-left:16px">测算区间</span>
        <el-date-picker v-model="window_" type="daterange" value-format="YYYY-MM-DD" start-placeholder="本年 1 月 1 日" end-placeholder="今日"
                        style="width:260px" data-test="whatif-window" />
        <el-button type="danger" :loading="busy" :disabled="!!parseError" @click="run" data-test="whatif-run">运行测算</el-button>
        <el-button v-if="canPublish" type="warning" plain :disabled="!!parseError || !text" @click="publish" data-test="whatif-publish">发布为新版本</el-button>
      </div>
      <el-input v-model="text" type="textarea" :rows="12" class="explain" data-test="whatif-file" spellcheck="false" />
      <div v-if="parseError" class="field-error" data-test="whatif-parse-error">{{ parseError }}</div>
      <small style="color:#888">计划文件格式与 huzhu simulate --plan-file 相同；测算只读，不写入任何数据。</small>
    </el-card>
    <template v-if="r">
      <el-row :gutter="16" class="stat-row" style="margin-top:16px" data-test="whatif-stats">
        <el-col :xs="12" :sm="8" :md="4"><el-card><div class="stat-label">理赔件数</div><div class="stat-value">{{ r.claims }}</div></el-card></el-col>
        <el-col :xs="12" :sm="8" :md="4"><el-card><div class="stat-label">现行给付</div><div class="stat-value money whatif-stat" data-test="whatif-current">{{ fmt.money(r.current) }}</div></el-card></el-col>
        <el-col :xs="12" :sm="8" :md="4"><el-card><div class="stat-label">方案给付</div><div class="stat-value money whatif-stat" data-test="whatif-proposed">{{ fmt.money(r.proposed) }}</div></el-card></el-col>
        <el-col :xs="12" :sm="8" :md="4"><el-card><div class="stat-label">差额</div><div class="stat-value money red whatif-stat" data-test="whatif-difference">{{ fmt.money(r.difference) }}</div></el-card></el-col>
        <el-col :xs="12" :sm="8" :md="4"><el-card><div class="stat-label">赔付率 现行 → 方案</div><div class="stat-value" style="font-size:17px" data-test="whatif-loss-ratio">{{ r.loss_ratio_current || '-' }} → {{ r.loss_ratio_proposed || '-' }}</div></el-card></el-col>
        <el-col :xs="12" :sm="8" :md="4"><el-card><div class="stat-label">受损会员</div><div class="stat-value red" data-test="whatif-worse-count">{{ r.members_worse_off }}</div></el-card></el-col>
      </el-row>
      <small style="color:#888">区间 {{ r.from }} 至 {{ r.to }} · 计划 {{ r.plan }} · 同期缴费 {{ fmt.money(r.contributions) }}</small>
      <el-row :gutter="16" style="margin-top:8px">
        <el-col :md="8"><el-card><div ref="planChart" class="chart" data-test="whatif-chart-plan"></div></el-card></el-col>
        <el-col :md="8"><el-card><div ref="districtChart" class="chart" data-test="whatif-chart-district"></div></el-card></el-col>
        <el-col :md="8"><el-card><div ref="unitChart" class="chart" data-test="whatif-chart-unit"></div></el-card></el-col>
      </el-row>
      <el-card style="margin-top:16px"><template #header>按计划</template>
        <el-table :data="r.by_plan" size="small" data-test="whatif-by-plan">
          <el-table-column label="计划"><template #default="s">{{ s.row.plan }} {{ fmt.planName[s.row.plan] || '' }}</template></el-table-column>
          <el-table-column prop="claims" label="件数" width="80" />
          <el-table-column label="现行"><template #default="s">{{ fmt.money(s.row.current) }}</template></el-table-column>
          <el-table-column label="方案"><template #default="s">{{ fmt.money(s.row.proposed) }}</template></el-table-column>
          <el-table-column label="差额"><template #default="s">{{ fmt.money(s.row.difference) }}</template></el-table-column>
          <el-table-column label="缴费"><template #default="s">{{ fmt.money(s.row.contributions) }}</template></el-table-column>
          <el-table-column label="赔付率 现行 → 方案"><template #default="s">{{ s.row.loss_ratio_current || '-' }} → {{ s.row.loss_ratio_proposed || '-' }}</template></el-table-column>
        </el-table>
      </el-card>
      <el-card style="margin-top:16px"><template #header>受损会员（方案下给付减少）· {{ r.members_worse_off }} 人</template>
        <el-table :data="r.worse_off" size="small" max-height="360" data-test="whatif-worse">
          <el-table-column prop="name" label="姓名" width="100" />
          <el-table-column prop="id_number" label="身份证号" width="190" />
          <el-table-column prop="unit" label="单位" />
          <el-table-column label="现行"><template #default="s">{{ fmt.money(s.row.current) }}</template></el-table-column>
          <el-table-column label="方案"><template #default="s">{{ fmt.money(s.row.proposed) }}</template></el-table-column>
          <el-table-column label="差额"><template #default="s">{{ fmt.money(s.row.difference) }}</template></el-table-column>
        </el-table>
      </el-card>
    </template>
    <HzForecastCard style="margin-top:16px" />
  </div>`,
};

/* The look-back (回头望): four worklists, each item with the action that
 * settles it (a confirmed API call, or the page where it is done). */
const LookbackView = {
  props: ["user"],
  setup(props) {
    const year = ref(Number(hzInsight.today().slice(0, 4))), d = ref(null), tab = ref("stay_without_claim"), error = ref("");
    const busy = ref("");
    const kinds = [
      { k: "stay_without_claim", label: "有住院未理赔", ref: "结算号", amount: "个人自付" },
      { k: "relief_band", label: "应纳入二次救助", ref: "年度", amount: "年度负担" },
      { k: "lm_without_subsidy", label: "劳模住院未补助", ref: "结算号", amount: "个人自付" },
      { k: "renewal_due", label: "30 日内到期未续保", ref: "计划", amount: "保费" },
    ];
    const items = computed(() => (d.value ? d.value.items.filter((i) => i.kind === tab.value) : []));
    async function load() {
      error.value = "";
      try { d.value = await hzApi.get("/lookback?year=" + year.value); } catch (e) { error.value = errText(e); }
    }
    const can = (a) => hzInsight.can(props.user, a);
    async function confirm(msg, title) {
      try {
        await ElMessageBox.confirm(msg, title, { confirmButtonText: "确认", cancelButtonText: "取消", type: "warning" });
        return true;
      } catch (e) { return false; }
    }
    function nextDay(date) {
      const t = new Date(date + "T00:00:00Z");
      t.setUTCDate(t.getUTCDate() + 1);
      return t.toISOString().slice(0, 10);
    }
    async function act(it) {
      const who = it.member.name + "（" + it.member.id_number + "）";
      busy.value = it.kind + it.ref + it.member.ref;
      try {
        if (it.action === "claim.submit") {
          if (!(await confirm("为 " + who + " 的住院结算 " + it.ref + "（入院 " + it.date + "）主动建立理赔？", "主动理赔"))) return;
          const c = await hzApi.post("/claims", { id_number: it.member.id_number, setl_ids: [it.ref] });
          ElMessage.success("已建立理赔 " + c.claim_no);
          location.hash = "#/claims/" + encodeURIComponent(c.claim_no);
        } else if (it.action === "lm.apply") {
          if (!(await confirm("为劳模 " + who + " 的住院结算 " + it.ref + " 申请劳模医疗补助？", "劳模医疗补助"))) return;
          const s = await hzApi.post("/lm/applications", { id_number: it.member.id_number, setl_id: it.ref });
          ElMessage.success("已提交劳模医疗补助申请 " + (s.no || ""));
          location.hash = "#/lm";
        } else if (it.action === "coverage.enroll") {
          const start = nextDay(it.date);
          if (!(await confirm("为 " + who + " 续保计划 " + it.ref + "，新保障自 " + start + " 起（按现行版本缴费）？", "续保"))) return;
          await hzApi.post("/coverages", { id_number: it.member.id_number, plan: it.ref, start });
          ElMessage.success("已续保 " + it.ref + "，自 " + start + " 起");
          await load();
        } else if (it.action === "relief.apply") {
          /* the second round of that year is proposed on its programme's page */
          let code = "";
          try {
            const ps = await hzApi.get("/relief/programs");
            const p = (ps.items || ps).find((x) => x.kind === "second_round" && String(x.year) === String(it.ref));
            if (p) code = p.code;
          } catch (e) { /* the relief page lists them */ }
          location.hash = code ? "#/relief/" + encodeURIComponent(code) : "#/relief";
        }
      } catch (e) { ElMessage.error(errText(e)); } finally { busy.value = ""; }
    }
    onMounted(load);
    watch(year, load);
    return { year, d, tab, kinds, items, error, busy, load, act, can, fmt: hzFmt,
             years: [0, 1, 2, 3].map((k) => Number(hzInsight.today().slice(0, 4)) - k) };
  },
  template: `
  <div data-test="lookback">
    <h1 class="page-title">回头望 · 工作清单</h1>
    <el-alert v-if="error" type="error" :title="error" show-icon style="margin-bottom:12px" />
    <div class="toolbar">
      <span>年度</span>
      <el-select v-model="year" style="width:110px" data-test="lookback-year">
        <el-option v-for="y in years" :key="y" :label="y" :value="y" />
      </el-select>
      <small style="color:#888">从数据中找出应办未办的事项；每项可直接办理。范围与其他列表相同。</small>
    </div>
    <el-tabs v-model="tab" data-test="lookback-tabs">
      <el-tab-pane v-for="k in kinds" :key="k.k" :name="k.k">
        <template #label><span :data-test="'lookback-tab-' + k.k">{{ k.label }} <el-badge :value="d ? d.counts[k.k] : 0" type="danger" :hidden="!d || !d.counts[k.k]" /></span></template>
      </el-tab-pane>
    </el-tabs>
    <el-card v-if="d">
      <el-table :data="items" size="small" data-test="lookback-table" empty-text="没有待办事项">
        <el-table-column label="会员" width="110"><template #default="s">{{ s.row.member.name }}</template></el-table-column>
        <el-table-column label="身份证号" width="190"><template #default="s">{{ s.row.member.id_number }}</template></el-table-column>
        <el-table-column :label="kinds.find(k => k.k === tab).ref" prop="ref" />
        <el-table-column label="日期" width="120"><template #default="s">{{ s.row.date || '-' }}</template></el-table-column>
        <el-table-column :label="kinds.find(k => k.k === tab).amount"><template #default="s">{{ fmt.money(s.row.amount) }}</template></el-table-column>
        <el-table-column v-if="tab === 'relief_band'" label="救助档次"><template #default="s">{{ fmt.money(s.row.grant) }}</template></el-table-column>
        <el-table-column v-if="tab === 'lm_without_subsidy'" prop="level" label="劳模级别" />
        <el-table-column label="办理" width="200">
          <template #default="s">
            <el-button v-if="can(s.row.action)" size="small" type="danger" plain :loading="busy === s.row.kind + s.row.ref + s.row.member.ref"
                       @click="act(s.row)" data-test="lookback-act">{{ s.row.action_label.replace(/ \\(.*\\)$/, '') }}</el-button>
            <span v-else style="color:#888">{{ s.row.action_label.replace(/ \\(.*\\)$/, '') }}（由业务员办理）</span>
          </template>
        </el-table-column>
      </el-table>
    </el-card>
  </div>`,
};

/* The year-end loss ratio per plan with its band (GET /forecast): a bar from
 * the low to the high estimate and a point at the estimate; the dashboard
 * renders it when defined. */
const HzForecastCard = {
  props: { year: { type: Number, default: null } },
  setup(props) {
    const f = ref(null), error = ref(""), el = ref(null);
    onMounted(async () => {
      try { f.value = await hzApi.get("/forecast" + (props.year ? "?year=" + props.year : "")); } catch (e) { error.value = errText(e); return; }
      /* a thin history's projection is not drawn (docs/forecast.md) */
      const plans = f.value.plans.filter((p) => p.loss_ratio !== null && p.reliability !== "thin");
      if (!plans.length) return;
      await nextTick();
      const n = hzInsight.num, names = plans.map((p) => hzFmt.planName[p.plan] ? p.plan + " " + hzFmt.planName[p.plan] : p.plan);
      const c = echarts.getInstanceByDom(el.value) || echarts.init(el.value);
      c.setOption({
        tooltip: { trigger: "axis", formatter: (ps) => { const p = plans[ps[0].dataIndex];
          return names[ps[0].dataIndex] + "<br>预计赔付率 " + p.loss_ratio + "<br>区间 " + p.loss_ratio_low + " – " + p.loss_ratio_high; } },
        grid: { left: 110, right: 30, top: 10, bottom: 30 },
        yAxis: { type: "category", data: names, inverse: true },
        xAxis: { type: "value", axisLabel: { formatter: "{value}%" } },
        series: [
          { type: "bar", stack: "band", silent: true, itemStyle: { color: "transparent" }, data: plans.map((p) => n(p.loss_ratio_low)) },
          { type: "bar", stack: "band", barWidth: 14, itemStyle: { color: "rgba(192,57,43,0.25)" },
            data: plans.map((p) => Math.max(0, n(p.loss_ratio_high) - n(p.loss_ratio_low))) },
          { type: "scatter", symbolSize: 12, itemStyle: { color: "#c0392b" }, data: plans.map((p) => n(p.loss_ratio)),
            markLine: { silent: true, symbol: "none", lineStyle: { color: "#888", type: "dashed" }, data: [{ xAxis: 100 }] } },
        ],
      });
    });
    return { f, error, el, fmt: hzFmt };
  },
  template: `
  <el-card data-test="forecast-card">
    <template #header>年末赔付率预测<small v-if="f" style="color:#888"> · {{ f.year }} 年 · 截至 {{ f.as_of }} · 链梯法，区间为进展因子离散度</small></template>
    <el-alert v-if="error" type="error" :title="error" show-icon />
    <div v-show="f && f.plans.some(p => p.loss_ratio !== null && p.reliability !== 'thin')" ref="el" class="chart" style="height:220px" data-test="forecast-chart"></div>
    <el-table v-if="f" :data="f.plans" size="small" data-test="forecast-table">
      <el-table-column label="计划"><template #default="s">{{ s.row.plan }} {{ fmt.planName[s.row.plan] || '' }}</template></el-table-column>
      <el-table-column label="已报告"><template #default="s">{{ fmt.money(s.row.reported) }}</template></el-table-column>
      <el-table-column label="预计年末"><template #default="s">{{ s.row.reliability === 'thin' ? '-' : fmt.money(s.row.ultimate) }}</template></el-table-column>
      <el-table-column label="缴费"><template #default="s">{{ fmt.money(s.row.contributions) }}</template></el-table-column>
      <el-table-column label="预计赔付率">
        <template #default="s">
          <el-tooltip v-if="s.row.reliability === 'thin'" :content="s.row.reliability_note" placement="top">
            <el-tag type="warning" size="small" data-test="forecast-thin">历史数据不足</el-tag>
          </el-tooltip>
          <b v-else>{{ s.row.loss_ratio || '-' }}</b>
        </template>
      </el-table-column>
      <el-table-column label="区间">
        <template #default="s">
          <span v-if="s.row.reliability === 'thin'" style="color:#888">不作预测，仅列已报告金额</span>
          <span v-else>{{ s.row.loss_ratio_low || '-' }} – {{ s.row.loss_ratio_high || '-' }}</span>
        </template>
      </el-table-column>
    </el-table>
  </el-card>`,
};

/* The staff's outbox: every notice in scope with its delivery state; a
 * failed one is sent again after a confirmation. */
const OutboxView = {
  props: ["user"],
  components: { HzTable },
  setup(props) {
    /* the outbox is the server's list: paged, filtered, sorted and exported there (HzTable) */
    const filters = reactive({ status: "", kind: "" }), list = ref(null), canRetry = hzInsight.can(props.user, "notices.retry");
    const statusText = { pending: "待发送", sending: "发送中", sent: "已发送", failed: "失败", skipped: "未发送（已退订/无模板）" };
    const statusType = { pending: "info", sending: "warning", sent: "success", failed: "danger", skipped: "info" };
    const kindText = { "claim.received": "理赔受理", "claim.docs_missing": "材料缺失", "claim.approved": "理赔审批",
      "claim.paid": "理赔支付", "claim.rejected": "理赔拒绝", "relief.decided": "救助决定", "lm.decided": "劳模补助决定" };
    async function retry(n) {
      try {
        await ElMessageBox.confirm("重新发送通知 " + n.no + "（" + n.title + "，致 " + n.name + "）？尝试次数将从零计起。", "重新发送",
                                   { confirmButtonText: "重新发送", cancelButtonText: "取消", type: "warning" });
      } catch (e) { return; }
      try {
        await hzApi.post("/notices/" + encodeURIComponent(n.no) + "/retry");
        ElMessage.success("已重新排队 " + n.no);
        if (list.value) list.value.reload();
      } catch (e) { ElMessage.error(errText(e)); }
    }
    return { filters, list, canRetry, statusText, statusType, kindText, retry, time: hzFmt.time };
  },
  template: `
  <div data-test="outbox">
    <h1 class="page-title">通知发件箱</h1>
    <hz-table ref="list" path="/notices" name="outbox" search="身份证号码、姓名或通知编号" :filters="filters">
      <template #filters>
        <el-radio-group v-model="filters.status" data-test="outbox-status">
          <el-radio-button label="">全部</el-radio-button>
          <el-radio-button label="pending">待发送</el-radio-button>
          <el-radio-button label="sent">已发送</el-radio-button>
          <el-radio-button label="failed">失败</el-radio-button>
          <el-radio-button label="skipped">未发送</el-radio-button>
        </el-radio-group>
        <el-select v-model="filters.kind" placeholder="类别" clearable style="width:130px" data-test="outbox-kind">
          <el-option v-for="(t, k) in kindText" :key="k" :label="t" :value="k" />
        </el-select>
      </template>
      <el-table-column prop="no" label="编号" width="135" sortable="custom" />
      <el-table-column prop="kind" label="类别" width="100" sortable="custom"><template #default="s">{{ kindText[s.row.kind] || s.row.kind }}</template></el-table-column>
      <el-table-column prop="name" label="会员" width="175" sortable="custom"><template #default="s">{{ s.row.name }}<br><small style="color:#888">{{ s.row.id_number }}</small></template></el-table-column>
      <el-table-column prop="title" label="标题" min-width="100" />
      <el-table-column prop="status" label="状态" width="90" sortable="custom"><template #default="s"><el-tag :type="statusType[s.row.status]" size="small" data-test="outbox-status-tag">{{ statusText[s.row.status] || s.row.status }}</el-tag></template></el-table-column>
      <el-table-column prop="attempts" label="尝试 · 渠道" width="110" sortable="custom"><template #default="s">{{ s.row.attempts }}{{ s.row.channel ? ' · ' + s.row.channel : '' }}</template></el-table-column>
      <el-table-column label="下次重试" width="140"><template #default="s">{{ s.row.next_at ? time(s.row.next_at) : '-' }}</template></el-table-column>
      <el-table-column label="最近错误" min-width="110"><template #default="s"><small>{{ s.row.last_error || '' }}</small></template></el-table-column>
      <el-table-column prop="created_at" label="生成 / 送达" width="175" sortable="custom"><template #default="s">{{ time(s.row.created_at) }}<br><small style="color:#888">{{ s.row.sent_at ? time(s.row.sent_at) : '' }}</small></template></el-table-column>
      <el-table-column v-if="canRetry" label="" width="100" fixed="right"><template #default="s">
        <el-button v-if="s.row.status === 'failed'" size="small" type="danger" plain @click.stop="retry(s.row)" data-test="outbox-retry">重新发送</el-button></template></el-table-column>
    </hz-table>
  </div>`,
};

const hzInsightViews = { WhatIfView, LookbackView, HzForecastCard, OutboxView };
