/* The office's day (issue 16): the plan catalogue with its versions,
 * individual, unit-renewal and sponsored enrollment (irreversible batches
 * confirmed with how many and how much, counted by a dry run), and
 * contributions by unit and month. Loaded after views_office_kit.js. */
const hzEnrolViews = (() => {
  const { ref, reactive, computed, onMounted } = Vue;
  const { ElMessage } = ElementPlus;
  const { err, role, OFFICE, kindName, payerName, confirmBox, fetchAll } = hzOfficeKit;

  /* 保障计划: the catalogue, read-only; each plan's versions with when they
   * were published, how many coverages each sold and its parameters. */
  const PlansView = {
    setup() {
      const plans = ref([]), error = ref(""), drawer = reactive({ open: false, plan: null, versions: [], error: "" });
      onMounted(async () => {
        try { plans.value = (await hzApi.get("/plans")).items; } catch (e) { error.value = err(e); }
      });
      async function versions(p) {
        Object.assign(drawer, { open: true, plan: p, versions: [], error: "" });
        try { drawer.versions = (await hzApi.get("/plans/" + encodeURIComponent(p.code) + "/versions")).items; }
        catch (e) { drawer.error = err(e); }
      }
      const pretty = (v) => JSON.stringify(v, null, 2);
      return { plans, error, drawer, versions, pretty };
    },
    template: `
    <div>
      <h1 class="page-title">保障计划</h1>
      <el-alert v-if="error" type="error" :title="error" show-icon />
      <el-card><template #header>现行计划（只读；新版本由办事处发布，已售保障沿用原版本）</template>
        <el-table :data="plans" size="small" data-test="plan-table">
          <el-table-column label="计划" min-width="160"><template #default="s">{{ s.row.code }} · {{ s.row.name }}</template></el-table-column>
          <el-table-column prop="version" label="现行版本" width="90" />
          <el-table-column label="每份保费" width="120"><template #default="s">{{ s.row.scheme ? '—' : $fmt.money(s.row.premium_per_share) }}</template></el-table-column>
          <el-table-column label="最多份数" width="90"><template #default="s">{{ s.row.max_shares || '—' }}</template></el-table-column>
          <el-table-column label="投保年龄" width="110"><template #default="s">{{ s.row.scheme ? '—' : s.row.age_min + '–' + s.row.age_max + ' 岁' }}</template></el-table-column>
          <el-table-column label="观察期" width="90"><template #default="s">{{ s.row.scheme ? '—' : s.row.waiting_days + ' 天' }}</template></el-table-column>
          <el-table-column label="保障期" width="120"><template #default="s">{{ s.row.terms ? s.row.terms.join(' / ') + ' 个月' : '补助项目' }}</template></el-table-column>
          <el-table-column label="" width="100"><template #default="s">
            <el-button size="small" @click="versions(s.row)" :data-test="'plan-versions-' + s.row.code">版本</el-button></template></el-table-column>
        </el-table>
      </el-card>
      <el-drawer v-model="drawer.open" :title="drawer.plan ? drawer.plan.code + ' · ' + drawer.plan.name + ' 的版本' : ''" size="60%">
        <el-alert v-if="drawer.error" type="error" :title="drawer.error" show-icon />
        <el-table :data="drawer.versions" size="small" data-test="plan-version-table">
          <el-table-column type="expand"><template #default="s"><pre class="explain" style="white-space:pre-wrap;margin:0 12px">{{ pretty(s.row.params) }}</pre></template></el-table-column>
          <el-table-column label="版本" width="80"><template #default="s">v{{ s.row.version }}</template></el-table-column>
          <el-table-column label="发布时间" width="180"><template #default="s">{{ $fmt.time(s.row.published_at) }}</template></el-table-column>
          <el-table-column prop="coverages" label="按此版本售出的保障" width="160" />
          <el-table-column label="参数摘要"><template #default="s"><span class="explain">{{ s.row.digest.slice(0, 16) }}…</span></template></el-table-column>
        </el-table>
      </el-drawer>
    </div>`,
  };

  /* 参保与续保: one member's coverage; a unit's renewal and an org's
   * sponsored coverage, each counted by a dry run and confirmed. */
  const EnrollView = {
    setup() {
      const r = role();
      const plans = ref([]), units = ref([]), orgs = ref([]), error = ref("");
      const office = computed(() => OFFICE.includes(r.value));
      const one = reactive({ id_number: "", plan: "ZY", shares: 1, start: "", months: 12, payer: "unit", busy: false, error: "", result: null });
      const ren = reactive({ unit: "", range: [], busy: false, error: "", result: null });
      const sp = reactive({ org: "", category: "", plan: "NG", start: "", months: 12, busy: false, error: "", result: null });
      const sellable = computed(() => plans.value.filter(p => !p.scheme));
      const planLabel = (c) => { const p = plans.value.find(x => x.code === c); return p ? c + " " + p.name : c; };
      onMounted(async () => {
        try {
          plans.value = (await hzApi.get("/plans")).items;
          units.value = await fetchAll("/units");
          if (office.value) orgs.value = await fetchAll("/orgs");
        } catch (e) { error.value = err(e); }
      });
      async function enrollOne() {
        one.error = ""; one.result = null;
        if (!one.id_number || !one.start) { one.error = "请填写身份证号码和起保日期"; return; }
        const p = plans.value.find(x => x.code === one.plan);
        if (!(await confirmBox("为 " + one.id_number + " 参保 " + planLabel(one.plan) + " " + one.shares + " 份，起保 " + one.start +
            "，" + one.months + " 个月，" + (payerName[one.payer] || one.payer) + (p && p.premium_per_share ? "（每份 " + hzFmt.money(p.premium_per_share) + "）" : "") + "？",
            "确认参保", "参保"))) return;
        one.busy = true;
        try {
          one.result = await hzApi.post("/coverages", { id_number: one.id_number, plan: one.plan, shares: one.shares, start: one.start, months: one.months, payer: one.payer });
          ElMessage.success("已参保，保费 " + hzFmt.money(one.result.premium));
        } catch (e) { one.error = err(e); } finally { one.busy = false; }
      }
      const bulkText = (x) => "共 " + x.selected + " 项：" + (x.dry_run ? "将" : "已") + "参保 " + x.enrolled + " 项，保费合计 " +
        hzFmt.money(x.premium_total) + "；已有保障 " + x.already_covered + " 项，不符合条件 " + x.ineligible + " 项";
      /* dry run, confirm with its figures, then the real thing */
      async function bulk(state, path, body, title) {
        state.error = ""; state.result = null; state.busy = true;
        try {
          const pre = await hzApi.post(path, { ...body, dry_run: true });
          state.busy = false;
          if (!pre.enrolled) { state.result = pre; state.error = "没有可办理的保障：" + bulkText(pre); return; }
          if (!(await confirmBox(bulkText(pre) + "。此操作不可撤销，确定办理？", title, "办理"))) return;
          state.busy = true;
          state.result = await hzApi.post(path, body);
          ElMessage.success("已办理：" + state.result.enrolled + " 项，保费合计 " + hzFmt.money(state.result.premium_total));
        } catch (e) { state.error = err(e); } finally { state.busy = false; }
      }
      function renew() {
        if (!ren.unit || ren.range.length !== 2) { ren.error = "请选择单位和到期日期范围"; return; }
        return bulk(ren, "/coverages/renew", { unit: ren.unit, from: ren.range[0], to: ren.range[1] }, "确认续保");
      }
      function sponsor() {
        if (!sp.org || !sp.start) { sp.error = "请选择工会组织和起保日期"; return; }
        return bulk(sp, "/coverages/sponsored", { org: sp.org, category: sp.category || null, plan: sp.plan, start: sp.start, months: sp.months }, "确认赠送参保");
      }
      return { plans, sellable, units, orgs, error, office, one, ren, sp, enrollOne, renew, sponsor, bulkText, planLabel, kindName };
    },
    template: `
    <div>
      <h1 class="page-title">参保与续保</h1>
      <el-alert v-if="error" type="error" :title="error" show-icon />
      <el-card><template #header>个人参保</template>
        <el-form label-width="96px" style="max-width:640px" data-test="enroll-form">
          <el-form-item label="身份证号码"><el-input v-model="one.id_number" maxlength="18" data-test="en-id" /></el-form-item>
          <el-form-item label="计划">
            <el-select v-model="one.plan" style="width:220px" data-test="en-plan">
              <el-option v-for="p in sellable" :key="p.code" :label="p.code + ' ' + p.name" :value="p.code" />
            </el-select>
            <el-input-number v-model="one.shares" :min="1" :max="10" style="margin-left:8px" /> 份
          </el-form-item>
          <el-form-item label="起保日期"><el-date-picker v-model="one.start" type="date" value-format="YYYY-MM-DD" placeholder="YYYY-MM-DD" id="en-start" />
            <el-input-number v-model="one.months" :min="1" :max="120" style="margin-left:8px" /> 个月</el-form-item>
          <el-form-item label="缴费方">
            <el-radio-group v-model="one.payer"><el-radio label="unit">单位</el-radio><el-radio label="self">个人</el-radio></el-radio-group>
          </el-form-item>
          <el-form-item><el-button type="primary" :loading="one.busy" @click="enrollOne" data-test="en-submit">参保</el-button></el-form-item>
        </el-form>
        <el-alert v-if="one.error" type="error" :title="one.error" show-icon :closable="false" data-test="en-error" />
        <el-alert v-if="one.result" type="success" show-icon :closable="false" data-test="en-result"
                  :title="'已参保 ' + planLabel(one.result.plan) + ' ' + one.result.shares + ' 份，' + one.result.start + ' 至 ' + one.result.end + '，保费 ' + $fmt.money(one.result.premium)" />
      </el-card>
      <el-card style="margin-top:16px"><template #header>单位批量续保（保障到期的会员转入下一期，连续续保无观察期）</template>
        <div class="toolbar">
          <el-select v-model="ren.unit" filterable placeholder="选择单位" style="width:300px" data-test="ren-unit">
            <el-option v-for="u in units" :key="u.code" :label="u.name + '（' + u.members + '人）'" :value="u.code" />
          </el-select>
          <el-date-picker v-model="ren.range" type="daterange" value-format="YYYY-MM-DD" start-placeholder="到期自" end-placeholder="到期至" :id="['ren-from', 'ren-to']" />
          <el-button type="primary" :loading="ren.busy" @click="renew" data-test="ren-submit">续保</el-button>
        </div>
        <el-alert v-if="ren.error" type="warning" :title="ren.error" show-icon :closable="false" data-test="ren-error" />
        <el-alert v-else-if="ren.result" type="success" :title="bulkText(ren.result)" show-icon :closable="false" data-test="ren-result" />
      </el-card>
      <el-card v-if="office" style="margin-top:16px"><template #header>工会赠送参保（工会组织为其所属会员缴费）</template>
        <div class="toolbar">
          <el-select v-model="sp.org" filterable placeholder="工会组织" style="width:240px" data-test="sp-org">
            <el-option v-for="o in orgs" :key="o.code" :label="o.name" :value="o.code" />
          </el-select>
          <el-select v-model="sp.category" placeholder="全部会员" clearable style="width:150px" data-test="sp-category">
            <el-option label="新就业形态" value="newform" /><el-option label="劳模" value="model" /><el-option label="困难职工" value="hardship" />
          </el-select>
          <el-select v-model="sp.plan" style="width:170px" data-test="sp-plan">
            <el-option v-for="p in sellable" :key="p.code" :label="p.code + ' ' + p.name" :value="p.code" />
          </el-select>
          <el-date-picker v-model="sp.start" type="date" value-format="YYYY-MM-DD" placeholder="起保日期" data-test="sp-start" />
          <el-input-number v-model="sp.months" :min="1" :max="120" /> 个月
          <el-button type="primary" :loading="sp.busy" @click="sponsor" data-test="sp-submit">赠送参保</el-button>
        </div>
        <el-alert v-if="sp.error" type="warning" :title="sp.error" show-icon :closable="false" data-test="sp-error" />
        <el-alert v-else-if="sp.result" type="success" :title="bulkText(sp.result)" show-icon :closable="false" data-test="sp-result" />
      </el-card>
    </div>`,
  };

  /* 缴费: contributions by unit and month (the report "contributions"). */
  const ContributionsView = {
    setup() {
      const y = new Date().getFullYear();
      const range = ref([y + "-01-01", new Date().toISOString().slice(0, 10)]), q = ref("");
      const rows = ref([]), error = ref(""), busy = ref(false);
      async function load() {
        error.value = ""; busy.value = true;
        try {
          rows.value = (await hzApi.get("/reports/contributions?format=json&from=" + range.value[0] + "&to=" + range.value[1])).items;
        } catch (e) { error.value = err(e); } finally { busy.value = false; }
      }
      const shown = computed(() => rows.value.filter(r => !q.value || (r.unit || "").includes(q.value) || (r.unit_code || "").includes(q.value.toUpperCase())));
      const total = computed(() => {
        let fen = 0n, n = 0;
        for (const r of shown.value) { fen += BigInt(r.amount.replace(".", "")); n += r.coverages; }
        return { n, money: hzFmt.money(hzFmt.fenText(Number(fen))) };
      });
      const csv = computed(() => "/api/v1/reports/contributions?format=csv&from=" + range.value[0] + "&to=" + range.value[1]);
      onMounted(load);
      return { range, q, rows, shown, total, error, busy, load, csv };
    },
    template: `
    <div>
      <h1 class="page-title">缴费（按单位、月份）</h1>
      <el-alert v-if="error" type="error" :title="error" show-icon />
      <el-card>
        <div class="toolbar">
          <el-date-picker v-model="range" type="daterange" value-format="YYYY-MM-DD" start-placeholder="缴费自" end-placeholder="缴费至" data-test="ct-range" />
          <el-button type="primary" :loading="busy" @click="load" data-test="ct-load">查询</el-button>
          <el-input v-model="q" placeholder="筛选单位名称或信用代码" clearable style="width:240px" data-test="ct-search" />
          <a :href="csv" download data-test="ct-export"><el-button>导出 CSV</el-button></a>
        </div>
        <p data-test="ct-total">{{ shown.length }} 行，{{ total.n }} 笔，合计 <b class="money">{{ total.money }}</b></p>
        <el-table :data="shown" size="small" max-height="600" data-test="ct-table">
          <el-table-column prop="month" label="月份" width="90" />
          <el-table-column prop="unit" label="会员单位" min-width="220" />
          <el-table-column prop="unit_code" label="统一社会信用代码" width="190" />
          <el-table-column prop="payer" label="缴费方" width="80" />
          <el-table-column prop="coverages" label="笔数" width="80" />
          <el-table-column label="金额" width="150" align="right"><template #default="s"><span class="money">{{ $fmt.money(s.row.amount) }}</span></template></el-table-column>
        </el-table>
      </el-card>
    </div>`,
  };

  return { PlansView, EnrollView, ContributionsView };
})();
