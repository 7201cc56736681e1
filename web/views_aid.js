/* The aid pages (issue #13): the model-worker medical subsidy (LM) with its
 * budget gauge and review queue, relief programmes with their budget bars,
 * proposed lists, approvals and the 公示 list, a member's subsidies and
 * grants, the member's student-aid application on the phone, and the
 * dashboard's aid figures. Loaded after views.js (shares its helpers); the
 * server decides every rule, these pages only ask and show. */
const hzAid = {
  statusText: { proposed: "系统提出", applied: "待审批", approved: "已审批", rejected: "已拒绝", paid: "已支付" },
  statusType: { proposed: "info", applied: "warning", approved: "primary", rejected: "danger", paid: "success" },
  kindText: { second_round: "二次救助", student_aid: "金秋助学", visit: "走访慰问", donation: "爱心募捐", education: "学历教育补助" },
  levelText: { national: "全国劳模", provincial: "省部级劳模", city: "市级劳模", university: "大学", high_school: "高中" },
  /* me.actions (hzCan): the LM and relief rows of the API's rule book */
  reviewer: (u, mod = "lm") => hzCan(mod + ".review"),
  office: (u, mod = "lm") => hzCan(mod + ".apply"),
  year: () => Number(new Date().toLocaleDateString("en-CA", { timeZone: "Asia/Shanghai" }).slice(0, 4)),
  cents: (s) => Math.round(Number(s || 0) * 100),
  /* share of a limit taken, 0..100, for bars and the gauge */
  pct(part, whole) {
    const w = hzAid.cents(whole);
    return w > 0 ? Math.min(100, Math.round(hzAid.cents(part) * 1000 / w) / 10) : 0;
  },
};

/* A reviewer's decision on path (an LM subsidy or a grant): approval at
 * once, a rejection after asking its reason; then says what was done and
 * reloads the page's data. */
async function aidDecide(path, approve, reload) {
  try {
    let r;
    if (approve) r = await hzApi.post(path + "/approve");
    else {
      let reason;
      try {
        reason = (await ElMessageBox.prompt("请填写拒绝理由（将告知申请人）", "拒绝", {
          confirmButtonText: "拒绝", cancelButtonText: "取消", inputValidator: (v) => !!(v && v.trim()) || "拒绝须填写理由",
        })).value.trim();
      } catch (e) { return; } // cancelled
      r = await hzApi.post(path + "/reject", { reason });
    }
    ElMessage.success(approve ? "已审批 " + r.no + "，" + hzFmt.money(r.amount) + "计入预算" : "已拒绝 " + r.no);
    await reload();
  } catch (e) { ElMessage.error(errText(e)); }
}

/* The status tabs of a queue: proposed (second round) or applied first. */
const AidStatusTabs = {
  props: ["modelValue", "proposed"],
  emits: ["update:modelValue"],
  template: `
  <el-tabs :model-value="modelValue" @update:model-value="(v) => $emit('update:modelValue', v)">
    <el-tab-pane v-if="proposed" label="系统提出" name="proposed" />
    <el-tab-pane v-else label="待审批" name="applied" />
    <el-tab-pane label="已审批待支付" name="approved" />
    <el-tab-pane label="已支付" name="paid" />
    <el-tab-pane label="已拒绝" name="rejected" />
    <el-tab-pane label="全部" name="all" />
  </el-tabs>`,
};

/* A reviewer's two buttons on a row still waiting for a decision. */
const AidDecide = {
  props: ["row", "prefix"],
  emits: ["decide"],
  template: `
  <template v-if="row.status === 'applied' || row.status === 'proposed'">
    <el-button size="small" type="success" @click="$emit('decide', row, true)" :data-test="prefix + '-approve-' + row.no">通过</el-button>
    <el-button size="small" type="danger" plain @click="$emit('decide', row, false)" :data-test="prefix + '-reject-' + row.no">拒绝</el-button>
  </template>`,
};

const LmView = {
  props: ["user"],
  components: { HzTable, HzUnitRange },
  setup(props) {
    const year = hzAid.year();
    const budget = ref(null), tab = ref("applied"), error = ref(""), gauge = ref(null), list = ref(null);
    /* the list is the server's: paged, filtered, sorted and exported there (HzTable) */
    const filters = reactive({ status: "applied", unit: "", range: null });
    const form = reactive({ amount: "" });
    let chart = null;
    function draw() {
      if (!gauge.value || !budget.value) return;
      chart = chart || echarts.init(gauge.value);
      chart.setOption({
        series: [{
          type: "gauge", min: 0, max: 100, progress: { show: true, width: 14 }, axisLine: { lineStyle: { width: 14 } },
          itemStyle: { color: "#c0392b" }, pointer: { width: 4 }, splitNumber: 5,
          axisLabel: { formatter: "{value}%", fontSize: 10 }, detail: { formatter: "{value}%", fontSize: 22, offsetCenter: [0, "60%"] },
          title: { offsetCenter: [0, "88%"], fontSize: 12 },
          data: [{ value: hzAid.pct(budget.value.committed, budget.value.budget), name: "已承诺占预算" }],
        }],
      });
    }
    async function loadBudget() {
      budget.value = await hzApi.get("/lm/budget?year=" + year);
      await nextTick();
      draw();
    }
    async function load() {
      error.value = "";
      try { await loadBudget(); } catch (e) { error.value = errText(e); }
      if (list.value) list.value.reload();
    }
    const decide = (row, approve) => aidDecide("/lm/applications/" + row.no, approve, load);
    async function proactive() {
      try {
        const r = await hzApi.post("/lm/proactive");
        ElMessage.success("主动受理：新建补助申请 " + r.created.length + " 件");
        await load();
      } catch (e) { ElMessage.error(errText(e)); }
    }
    async function setBudget() {
      try {
        await hzApi.post("/lm/budget", { year, amount: form.amount.trim() });
        ElMessage.success("已设置 " + year + " 年预算");
        form.amount = "";
        await load();
      } catch (e) { ElMessage.error(errText(e)); }
    }
    onMounted(async () => { try { await loadBudget(); } catch (e) { error.value = errText(e); } });
    watch(tab, (t) => { filters.status = t === "all" ? "" : t; });
    const canBudget = computed(() => hzCan("lm.budget"));
    return { year, budget, tab, list, filters, ...hzListChoices(), error, gauge, decide, proactive, form, setBudget, canBudget, money: (v) => hzFmt.money(v),
             seesNames: hzSeesIds(props.user), reviewer: hzAid.reviewer(props.user), office: hzAid.office(props.user), st: hzAid };
  },
  template: `
  <div>
    <h1 class="page-title">劳模医疗补助</h1>
    <el-alert v-if="error" type="error" :title="error" show-icon />
    <el-row :gutter="16">
      <el-col :md="9">
        <el-card><template #header>{{ year }} 年预算</template>
          <div ref="gauge" class="gauge" data-test="lm-gauge"></div>
          <div v-if="budget" class="budget-line" data-test="lm-budget">
            预算 <b class="money">{{ money(budget.budget) }}</b> · 已承诺 <b class="money red">{{ money(budget.committed) }}</b> · 剩余 <b class="money">{{ money(budget.left) }}</b>
          </div>
          <div v-if="canBudget" class="toolbar" style="margin-top:12px">
            <el-input v-model="form.amount" placeholder="新的年度预算（元）" style="max-width:200px" data-test="lm-budget-amount" aria-label="年度预算" />
            <el-button @click="setBudget" data-test="lm-budget-set">设置预算</el-button>
          </div>
        </el-card>
      </el-col>
      <el-col :md="15">
        <el-card><template #header>补助规则</template>
          <p style="margin-top:0">按劳模级别对医保结算后、互助保障给付后的个人负担给予补助：全国劳模 80%、省部级 70%、市级 60%，每人每年有封顶额；审批不得超出年度预算。住院结算退费的，补助随之冲回。</p>
          <el-button v-if="office" @click="proactive" data-test="lm-proactive">主动受理：为劳模已结算住院生成申请</el-button>
        </el-card>
      </el-col>
    </el-row>
    <el-card style="margin-top:16px">
      <aid-status-tabs v-model="tab" />
      <hz-table ref="list" path="/lm/applications" name="lm" search="身份证号码、姓名或补助编号" :filters="filters">
        <template #filters>
          <hz-unit-range :filters="filters" name="lm" day="申请" />
        </template>
        <el-table-column prop="no" label="编号" width="150" sortable="custom" />
        <el-table-column prop="name" label="劳模" width="180" :sortable="seesNames ? 'custom' : false"><template #default="s">{{ s.row.name }} <small>{{ s.row.id_number }}</small></template></el-table-column>
        <el-table-column label="会员单位" min-width="110" show-overflow-tooltip><template #default="s">{{ s.row.unit_name }}</template></el-table-column>
        <el-table-column label="级别" width="80"><template #default="s">{{ st.levelText[s.row.level] || s.row.level }}</template></el-table-column>
        <el-table-column prop="setl_id" label="医保结算号" width="125" />
        <el-table-column prop="amount" label="补助" width="115" sortable="custom" align="right"><template #default="s"><b class="money">{{ $fmt.money(s.row.amount) }}</b></template></el-table-column>
        <el-table-column label="计算说明" min-width="150" show-overflow-tooltip><template #default="s">
          <span v-if="s.row.reject_reason" class="field-error">{{ s.row.reject_reason }} · </span>
          <el-tag v-if="s.row.reason === 'CAPPED'" size="small" type="warning" style="margin-right:4px">超年度封顶</el-tag>
          <span class="explain">{{ $fmt.moneyIn(s.row.explain) }}</span></template></el-table-column>
        <el-table-column prop="status" label="状态" width="90" sortable="custom" fixed="right"><template #default="s"><el-tag :type="st.statusType[s.row.status]">{{ st.statusText[s.row.status] }}</el-tag></template></el-table-column>
        <el-table-column prop="created_at" label="申请时间" width="160" sortable="custom"><template #default="s">{{ $fmt.time(s.row.created_at) }}</template></el-table-column>
        <el-table-column v-if="reviewer" label="审批" width="140" fixed="right"><template #default="s">
          <aid-decide :row="s.row" prefix="lm" @decide="decide" /></template></el-table-column>
      </hz-table>
    </el-card>
  </div>`,
};

/* A programme's budget bar: committed against the budget (a donation drive:
 * against what was donated). */
const AidBudgetBar = {
  props: ["p"],
  setup(props) {
    const limit = computed(() => props.p.kind === "donation" ? props.p.donated : props.p.budget);
    return { limit, pct: computed(() => hzAid.pct(props.p.committed, limit.value)) };
  },
  template: `
  <div class="budget-bar">
    <el-progress :percentage="pct" :stroke-width="14" :color="pct >= 90 ? '#c0392b' : '#e67e22'" />
    <div class="budget-line">{{ p.kind === 'donation' ? '募得' : '预算' }} <b class="money">{{ limit }}</b> · 已审批 <b class="money">{{ p.committed }}</b>
      · 已支付 <b class="money">{{ p.paid }}</b> · 剩余 <b class="money">{{ p.left }}</b></div>
  </div>`,
};

const ReliefView = {
  props: ["user"],
  setup() {
    const rows = ref([]), error = ref("");
    onMounted(async () => {
      try { rows.value = (await hzApi.get("/relief/programs")).items; } catch (e) { error.value = errText(e); }
    });
    return { rows, error, st: hzAid };
  },
  template: `
  <div>
    <h1 class="page-title">救助帮扶</h1>
    <el-alert v-if="error" type="error" :title="error" show-icon />
    <el-row :gutter="16">
      <el-col v-for="p in rows" :key="p.code" :md="12">
        <el-card class="program-card" shadow="hover" @click="location.hash = '#/relief/' + p.code" :data-test="'program-' + p.code">
          <template #header><b>{{ p.name }}</b> <el-tag size="small" style="margin-left:6px">{{ st.kindText[p.kind] || p.kind }}</el-tag>
            <el-tag v-if="p.objection_until" size="small" type="warning" style="margin-left:6px">公示至 {{ p.objection_until }}</el-tag></template>
          <aid-budget-bar :p="p" />
          <div class="program-counts">系统提出 {{ p.counts.proposed }} · 待审批 {{ p.counts.applied }} · 已审批 {{ p.counts.approved }} · 已支付 {{ p.counts.paid }} · 已拒绝 {{ p.counts.rejected }}</div>
        </el-card>
      </el-col>
    </el-row>
    <el-empty v-if="!rows.length && !error" description="尚无救助项目" />
  </div>`,
};

const ProgramView = {
  props: ["user", "code"],
  components: { HzTable, HzUnitRange },
  setup(props) {
    const p = ref(null), tab = ref("todo"), error = ref(""), pub = ref(null), list = ref(null);
    /* the grants are the server's list: paged, filtered, sorted and exported there (HzTable) */
    const filters = reactive({ status: "", unit: "", range: null });
    async function loadProgram() {
      const all = (await hzApi.get("/relief/programs")).items;
      p.value = all.find((x) => x.code === props.code) || null;
      if (!p.value) throw new Error("救助项目 " + props.code + " 不存在");
      if (tab.value === "todo") tab.value = p.value.kind === "second_round" ? "proposed" : "applied";
    }
    async function load() {
      error.value = "";
      try {
        await loadProgram();
        filters.status = tab.value === "all" ? "" : tab.value;
        if (list.value) list.value.reload();
      } catch (e) { error.value = errText(e); }
    }
    const decide = (row, approve) => aidDecide("/relief/grants/" + row.no, approve, load);
    async function propose() {
      try {
        const r = await hzApi.post("/relief/programs/" + encodeURIComponent(props.code) + "/propose");
        ElMessage.success("按本年数据新提出 " + r.grants.length + " 人");
        tab.value = "proposed";
        await load();
      } catch (e) { ElMessage.error(errText(e)); }
    }
    async function publicity() {
      try {
        pub.value = await hzApi.post("/relief/programs/" + encodeURIComponent(props.code) + "/publicity");
        await loadProgram();
      } catch (e) { ElMessage.error(errText(e)); }
    }
    onMounted(load);
    watch(tab, (t) => { filters.status = t === "all" ? "" : t; });
    return { p, list, filters, seesNames: hzSeesIds(props.user), tab, error, decide, propose, publicity, pub, st: hzAid,
             reviewer: hzAid.reviewer(props.user, "relief"), office: hzAid.office(props.user, "relief") };
  },
  template: `
  <div>
    <h1 class="page-title"><a href="#/relief">救助帮扶</a> › {{ p ? p.name : code }}</h1>
    <el-alert v-if="error" type="error" :title="error" show-icon />
    <template v-if="p">
      <el-card>
        <template #header><b>{{ p.name }}</b> <el-tag size="small" style="margin-left:6px">{{ st.kindText[p.kind] || p.kind }}</el-tag>
          <span style="margin-left:8px;color:#888">{{ p.code }} · {{ p.year }} 年</span></template>
        <aid-budget-bar :p="p" data-test="program-budget" />
        <div class="toolbar" style="margin-top:12px">
          <el-button v-if="office && p.kind === 'second_round'" type="danger" @click="propose" data-test="propose">按本年数据提出救助名单</el-button>
          <el-button v-if="office" @click="publicity" data-test="publicity">{{ p.objection_until ? '查看公示名单' : '发布公示名单' }}</el-button>
          <span v-if="p.objection_until" data-test="objection-until">公示期（异议期）至 <b>{{ p.objection_until }}</b>，期满后方可支付</span>
          <span v-else style="color:#888">尚未公示</span>
        </div>
      </el-card>
      <el-card v-if="pub" style="margin-top:16px" data-test="publicity-list">
        <template #header>公示名单（姓名、身份证号码已脱敏）· 异议期至 <b>{{ pub.objection_until }}</b></template>
        <el-table :data="pub.grants" size="small" empty-text="暂无已审批的救助">
          <el-table-column type="index" label="序号" width="70" />
          <el-table-column prop="name" label="姓名" width="120" />
          <el-table-column prop="id_number" label="身份证号码" width="200" />
          <el-table-column prop="amount" label="金额" />
        </el-table>
      </el-card>
      <el-card style="margin-top:16px">
        <aid-status-tabs v-model="tab" :proposed="p.kind === 'second_round'" />
        <hz-table v-if="tab !== 'todo'" ref="list" :path="'/relief/programs/' + code + '/grants'" name="grant" search="身份证号码、姓名或救助编号" :filters="filters">
          <template #filters>
            <hz-unit-range :filters="filters" name="grant" day="申请" />
          </template>
          <el-table-column prop="no" label="编号" width="160" sortable="custom" />
          <el-table-column prop="name" label="会员" width="200" :sortable="seesNames ? 'custom' : false"><template #default="s">{{ s.row.name }} <small>{{ s.row.id_number }}</small></template></el-table-column>
          <el-table-column v-if="p.kind === 'second_round'" label="本年剩余负担" width="130"><template #default="s">{{ s.row.burden }}</template></el-table-column>
          <el-table-column v-if="p.kind === 'student_aid'" label="学生" width="220"><template #default="s">{{ s.row.student_name }} · {{ s.row.school }} · {{ st.levelText[s.row.level] || s.row.level }}</template></el-table-column>
          <el-table-column v-if="p.kind === 'visit'" label="慰问物品" width="170"><template #default="s">{{ s.row.items || '-' }}</template></el-table-column>
          <el-table-column prop="amount" label="金额" width="110" sortable="custom"><template #default="s"><b class="money">{{ s.row.amount }}</b></template></el-table-column>
          <el-table-column label="说明"><template #default="s">{{ s.row.reason || '' }}<div v-if="s.row.reject_reason" class="field-error">{{ s.row.reject_reason }}</div>
            <div v-if="s.row.bank_failure" class="field-error">银行退回：{{ s.row.bank_failure }}</div></template></el-table-column>
          <el-table-column prop="status" label="状态" width="100" sortable="custom"><template #default="s"><el-tag :type="st.statusType[s.row.status]">{{ st.statusText[s.row.status] }}</el-tag></template></el-table-column>
          <el-table-column prop="created_at" label="申请时间" width="170" sortable="custom"><template #default="s">{{ $fmt.time(s.row.created_at) }}</template></el-table-column>
          <el-table-column v-if="reviewer" label="审批" width="150"><template #default="s">
            <aid-decide :row="s.row" prefix="grant" @decide="decide" /></template></el-table-column>
        </hz-table>
      </el-card>
    </template>
  </div>`,
};

/* On a member's page: their LM subsidies and relief grants (shown to the
 * roles that read aid; hidden for the others). */
const MemberAid = {
  props: ["memberRef"],
  setup(props) {
    const d = ref(null);
    onMounted(async () => {
      if (!hzCan.any("lm.read", "relief.read")) return; /* a liaison reads no aid: no request to refuse */
      try { d.value = await hzApi.get("/aid?member=" + encodeURIComponent(props.memberRef)); } catch (e) { d.value = null; }
    });
    return { d, st: hzAid };
  },
  template: `
  <el-card v-if="d" style="margin-top:16px" data-test="member-aid"><template #header>劳模医疗补助与救助</template>
    <el-table :data="d.lm" size="small" empty-text="无劳模医疗补助" data-test="member-lm">
      <el-table-column prop="no" label="补助编号" width="160" />
      <el-table-column prop="setl_id" label="医保结算号" width="150" />
      <el-table-column prop="amount" label="补助金额" width="110" />
      <el-table-column label="计算说明"><template #default="s"><span class="explain">{{ $fmt.moneyIn(s.row.explain) }}</span></template></el-table-column>
      <el-table-column label="状态" width="90"><template #default="s"><el-tag size="small" :type="st.statusType[s.row.status]">{{ st.statusText[s.row.status] }}</el-tag></template></el-table-column>
    </el-table>
    <el-table :data="d.grants" size="small" empty-text="无救助记录" style="margin-top:8px" data-test="member-grants">
      <el-table-column prop="no" label="救助编号" width="160" />
      <el-table-column prop="program" label="项目" width="150" />
      <el-table-column prop="amount" label="金额" width="110" />
      <el-table-column label="说明"><template #default="s">{{ s.row.student_name ? s.row.student_name + ' · ' + s.row.school : (s.row.items || s.row.reason || '') }}</template></el-table-column>
      <el-table-column label="状态" width="90"><template #default="s"><el-tag size="small" :type="st.statusType[s.row.status]">{{ st.statusText[s.row.status] }}</el-tag></template></el-table-column>
    </el-table>
  </el-card>`,
};

/* The member's phone: apply for autumn student aid for a child, and follow
 * every subsidy and grant. */
const MobileAid = {
  props: ["idNumber"],
  setup(props) {
    const d = ref(null), programs = ref([]), error = ref(""), formError = ref(""), busy = ref(false);
    const form = reactive({ program: "", student_name: "", student_id_number: "", school: "", level: "university", reason: "" });
    async function load() {
      try {
        d.value = await hzApi.get("/aid?id_number=" + encodeURIComponent(props.idNumber));
        programs.value = (await hzApi.get("/relief/programs?kind=student_aid")).items.filter((p) => p.year >= hzAid.year());
        if (!form.program && programs.value.length) form.program = programs.value[0].code;
      } catch (e) { error.value = errText(e); }
    }
    async function submit() {
      formError.value = "";
      if (!form.student_name.trim() || !form.student_id_number.trim() || !form.school.trim()) {
        formError.value = "请填写学生姓名、身份证号码和学校"; return;
      }
      busy.value = true;
      try {
        const g = await hzApi.post("/relief/programs/" + encodeURIComponent(form.program) + "/grants", {
          id_number: props.idNumber, student_name: form.student_name.trim(), student_id_number: form.student_id_number.trim(),
          school: form.school.trim(), level: form.level, reason: form.reason.trim() || undefined });
        ElMessage.success("已提交：" + g.no + "，" + hzFmt.money(g.amount) + "，待审批");
        Object.assign(form, { student_name: "", student_id_number: "", school: "", reason: "" });
        await load();
      } catch (e) { formError.value = errText(e); } finally { busy.value = false; }
    }
    onMounted(load);
    return { d, programs, error, form, formError, busy, submit, st: hzAid };
  },
  template: `
  <div>
    <el-alert v-if="error" type="error" :title="error" show-icon />
    <el-card v-if="programs.length"><template #header>金秋助学申请（为子女申请）</template>
      <el-form label-position="top" @submit.prevent="submit">
        <el-form-item v-if="programs.length > 1" label="项目">
          <el-select v-model="form.program" style="width:100%"><el-option v-for="p in programs" :key="p.code" :label="p.name" :value="p.code" /></el-select>
        </el-form-item>
        <el-form-item label="学生姓名" for="sa-name"><el-input id="sa-name" v-model="form.student_name" data-test="sa-name" /></el-form-item>
        <el-form-item label="学生身份证号码" for="sa-id"><el-input id="sa-id" v-model="form.student_id_number" maxlength="18" data-test="sa-id" /></el-form-item>
        <el-form-item label="学校" for="sa-school"><el-input id="sa-school" v-model="form.school" data-test="sa-school" /></el-form-item>
        <el-form-item label="就读阶段">
          <el-radio-group v-model="form.level" data-test="sa-level"><el-radio label="university">大学</el-radio><el-radio label="high_school">高中</el-radio></el-radio-group>
        </el-form-item>
        <el-form-item label="家庭困难情况（非困难职工家庭必填）" for="sa-reason"><el-input id="sa-reason" v-model="form.reason" type="textarea" :rows="2" data-test="sa-reason" /></el-form-item>
        <div v-if="formError" class="field-error" role="alert" data-test="sa-error">{{ formError }}</div>
        <el-button type="danger" style="width:100%;margin-top:6px" :loading="busy" @click="submit" data-test="sa-submit">提交申请</el-button>
      </el-form>
    </el-card>
    <el-card v-if="d"><template #header>我的补助与救助</template>
      <div v-for="g in d.grants" :key="g.no" class="cov-item" data-test="m-grant">
        <span>{{ g.no }} · {{ g.student_name || g.program }}<br><el-tag size="small" :type="st.statusType[g.status]">{{ st.statusText[g.status] }}</el-tag>
          <small v-if="g.reject_reason" class="field-error"> {{ g.reject_reason }}</small></span><b>{{ $fmt.money(g.amount) }}</b>
      </div>
      <div v-for="s in d.lm" :key="s.no" class="cov-item" data-test="m-lm">
        <span>劳模医疗补助 {{ s.no }}<br><el-tag size="small" :type="st.statusType[s.status]">{{ st.statusText[s.status] }}</el-tag></span><b>{{ $fmt.money(s.amount) }}</b>
      </div>
      <div v-if="!d.grants.length && !d.lm.length" style="color:#888">暂无</div>
    </el-card>
  </div>`,
};

/* The dashboard's aid figures of the year (the report's "aid" part, already
 * in the caller's scope). */
const DashboardAid = {
  props: ["rows"],
  setup(props) {
    const of = (k) => props.rows.find((r) => r.scheme === k) || { grants: 0, committed: "0.00", paid: "0.00" };
    return { lm: computed(() => of("lm")), relief: computed(() => of("relief")) };
  },
  template: `
  <el-row :gutter="16" class="stat-row" data-test="dashboard-aid" style="margin-top:16px">
    <el-col :xs="12" :md="6"><el-card><div class="stat-label">本年劳模医疗补助审批</div><div class="stat-value money" data-test="aid-lm-committed">{{ $fmt.money(lm.committed) }}</div><small>{{ lm.grants }} 人次</small></el-card></el-col>
    <el-col :xs="12" :md="6"><el-card><div class="stat-label">本年劳模医疗补助已支付</div><div class="stat-value money red" data-test="aid-lm-paid">{{ $fmt.money(lm.paid) }}</div></el-card></el-col>
    <el-col :xs="12" :md="6"><el-card><div class="stat-label">本年救助帮扶审批</div><div class="stat-value money" data-test="aid-relief-committed">{{ $fmt.money(relief.committed) }}</div><small data-test="aid-relief-grants">{{ relief.grants }} 人次</small></el-card></el-col>
    <el-col :xs="12" :md="6"><el-card><div class="stat-label">本年救助帮扶已支付</div><div class="stat-value money red" data-test="aid-relief-paid">{{ $fmt.money(relief.paid) }}</div></el-card></el-col>
  </el-row>`,
};

const hzAidViews = { AidStatusTabs, AidDecide, LmView, AidBudgetBar, ReliefView, ProgramView, MemberAid, MobileAid, DashboardAid };
