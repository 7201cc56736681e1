/* The dashboard (驾驶舱) and the reports page (issue 17). Loaded after
 * views.js (shares errText and the Vue globals); every figure is the
 * server's, already in the caller's scope. */
const DashboardView = {
  setup() {
    const d = ref(null);
    const error = ref("");
    const bar = ref(null), pie = ref(null);
    onMounted(async () => {
      try { d.value = await hzApi.get("/reports/dashboard"); } catch (e) { error.value = errText(e); return; }
      await nextTick();
      const b = echarts.init(bar.value);
      b.setOption({
        title: { text: "各区县会员人数", left: "center", textStyle: { fontSize: 14 } },
        tooltip: {}, grid: { left: 40, right: 10, bottom: 60 },
        xAxis: { type: "category", data: d.value.districts.map(x => x.name.replace("总工会", "")), axisLabel: { rotate: 40 } },
        yAxis: { type: "value" },
        series: [{ type: "bar", data: d.value.districts.map(x => x.members), itemStyle: { color: "#c0392b" } }],
      });
      const p = echarts.init(pie.value);
      p.setOption({
        title: { text: "在保人数（按计划）", left: "center", textStyle: { fontSize: 14 } },
        tooltip: { trigger: "item" },
        series: [{ type: "pie", radius: ["35%", "65%"], top: 30,
          data: d.value.plans.map(x => ({ name: hzFmt.planName[x.plan] || x.plan, value: x.coverages })) }],
      });
    });
    return { d, error, bar, pie };
  },
  template: `
  <div>
    <h1 class="page-title">驾驶舱</h1>
    <el-alert v-if="error" type="error" :title="error" show-icon />
    <el-row :gutter="16" class="stat-row" v-if="d" data-test="dashboard-stats">
      <el-col :xs="12" :sm="8" :md="4"><el-card><div class="stat-label">会员</div><div class="stat-value">{{ d.members }}</div></el-card></el-col>
      <el-col :xs="12" :sm="8" :md="4"><el-card><div class="stat-label">在保会员</div><div class="stat-value">{{ d.covered }}</div></el-card></el-col>
      <el-col :xs="12" :sm="8" :md="4"><el-card><div class="stat-label">本年缴费</div><div class="stat-value money">{{ d.contributions }}</div></el-card></el-col>
      <el-col :xs="12" :sm="8" :md="4"><el-card><div class="stat-label">本年理赔给付</div><div class="stat-value money red">{{ d.paid }}</div></el-card></el-col>
      <el-col :xs="12" :sm="8" :md="4"><el-card><div class="stat-label">7日内支付率</div><div class="stat-value">{{ d.share_paid_within_7_days }}</div></el-card></el-col>
      <el-col :xs="12" :sm="8" :md="4"><el-card><div class="stat-label">超时预警</div><div class="stat-value red">{{ d.overdue_open }}</div></el-card></el-col>
    </el-row>
    <el-row :gutter="16" v-show="d">
      <el-col :md="14"><el-card><div ref="bar" class="chart" data-test="chart-districts"></div></el-card></el-col>
      <el-col :md="10"><el-card><div ref="pie" class="chart"></div></el-card></el-col>
    </el-row>
    <el-card v-if="d" style="margin-top:16px">
      <template #header>本年给付（按计划） · 赔付率 {{ d.loss_ratio }} · 新就业形态会员 {{ d.newform }} · 女职工 {{ d.women }} · 劳模 {{ d.model_workers }}</template>
      <el-table :data="d.payouts" size="small">
        <el-table-column label="计划"><template #default="s">{{ $fmt.planName[s.row.plan] || s.row.plan }}</template></el-table-column>
        <el-table-column prop="claims" label="理赔件数" />
        <el-table-column prop="amount" label="给付金额" />
      </el-table>
      <div v-if="d.money" class="money-line" data-test="dashboard-money">
        资金（累计）：银行实付 {{ d.money.paid_out }} · 在途 {{ d.money.pending }} · 已追回 {{ d.money.recovered }}
        · 已核销 {{ d.money.written_off }} · 应追回余额 {{ d.money.outstanding }}
      </div>
    </el-card>
    <dashboard-aid v-if="d && d.aid" :rows="d.aid" />
  </div>`,
};

const hzDashViews = { DashboardView };
