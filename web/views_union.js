/* Union work pages (issue 15, modules care and cases): care activities with
 * their participants, goods handed out and rankings; service and legal-aid
 * cases in a queue per assignee with assign, note and close; the member's
 * phone page with their activities, the goods they received and their
 * cases. Loaded after views.js (shares errText and the Vue globals); the
 * server decides every rule and every scope, these pages only ask and show. */
const hzUnion = {
  kindText: { lecture: "健康讲座", walk: "健步走", run: "健康跑", cool: "送清凉", welcome: "迎新", checkup: "体检",
              screening: "两癌筛查", contest: "劳动竞赛", interest: "兴趣小组", training: "技能培训", room: "母婴关爱室" },
  caseKind: { wage: "欠薪", legal: "法律援助", injury: "工伤", consult: "咨询", other: "其他" },
  outcomeText: { resolved: "已解决", mediated: "调解结案", litigated: "诉讼结案", withdrawn: "撤回" },
  caseStatus: { open: "待分派", assigned: "办理中", closed: "已结案" },
  caseType: { open: "warning", assigned: "primary", closed: "success" },
  /* what the signed-in user may do: me.actions (hzCan), the API's own rule book */
  manages: () => hzCan("care.manage"),
  joins: () => hzCan("care.join"),
  works: () => hzCan("cases.work"),
  opens: () => hzCan("cases.open"),
  measure: (kind) => (kind === "walk" ? "steps" : kind === "run" || kind === "contest" ? "score" : null),
  year: () => Number(new Date().toLocaleDateString("en-CA", { timeZone: "Asia/Shanghai" }).slice(0, 4)),
};

/* Asks "are you sure" with what will happen; false when cancelled. */
async function unionConfirm(what, title) {
  try {
    await ElMessageBox.confirm(what, title || "请确认", { confirmButtonText: "确定", cancelButtonText: "取消", type: "warning" });
    return true;
  } catch (e) { return false; }
}

const ActivitiesView = {
  props: ["user"],
  components: { HzTable },
  setup(props) {
    const rows = ref([]), count = ref(0), error = ref(""), show = ref(false), formError = ref(""), orgs = ref([]);
    /* the list is paged, filtered, sorted and exported on the server (HzTable); the cards sum the year's figures */
    const filters = reactive({ year: hzUnion.year(), kind: "", status: "", org: "", range: null });
    const form = reactive({ code: "", kind: "lecture", name: "", org: "", date: "", to: "", capacity: "", attendees: "" });
    const years = [];
    for (let y = hzUnion.year(); y >= 2015; y--) years.push(y);
    async function load() {
      error.value = "";
      try {
        const r = await hzApi.get("/activities?per_page=500&" + hzListQuery(filters));
        rows.value = r.items; count.value = r.total;
      } catch (e) { error.value = errText(e); }
    }
    const totals = computed(() => ({
      n: count.value,
      people: rows.value.reduce((s, a) => s + Math.max(a.participants, a.attendees), 0),
      items: rows.value.reduce((s, a) => s + a.items, 0),
    }));
    onMounted(async () => { try { orgs.value = (await hzApi.get("/orgs?per_page=500")).items; } catch (e) { orgs.value = []; } });
    const open = (r) => { location.hash = "#/activities/" + encodeURIComponent(r.code); };
    async function add() {
      formError.value = "";
      const body = { code: form.code.trim(), kind: form.kind, name: form.name.trim(), org: form.org.trim() };
      if (form.date) body.date = form.date;
      if (form.to) body.to = form.to;
      if (String(form.capacity).trim()) body.capacity = Number(form.capacity);
      if (String(form.attendees).trim()) body.attendees = Number(form.attendees);
      try {
        const a = await hzApi.post("/activities", body);
        ElMessage.success("已新增活动 " + a.code);
        show.value = false;
        location.hash = "#/activities/" + encodeURIComponent(a.code);
      } catch (e) { formError.value = errText(e); }
    }
    onMounted(load);
    watch(() => JSON.stringify(filters), load);
    return { filters, orgs, open, error, years, totals, show, form, formError, add, u: hzUnion, manages: hzUnion.manages(props.user) };
  },
  template: `
  <div>
    <h1 class="page-title">关爱活动</h1>
    <el-alert v-if="error" type="error" :title="error" show-icon />
    <div class="toolbar">
      <el-select v-model="filters.year" style="width:110px" clearable placeholder="全部年度" data-test="act-year" aria-label="年度"><el-option v-for="y in years" :key="y" :label="y + ' 年'" :value="y" /></el-select>
      <el-select v-model="filters.kind" style="width:140px" clearable placeholder="全部类别" data-test="act-kind" aria-label="类别">
        <el-option v-for="(t, k) in u.kindText" :key="k" :label="t" :value="k" /></el-select>
      <el-button v-if="manages" type="danger" @click="show = true" data-test="act-new">新增活动</el-button>
    </div>
    <el-row :gutter="16" class="stat-row">
      <el-col :xs="8" :md="6"><el-card><div class="stat-label">活动场次</div><div class="stat-value" data-test="act-count">{{ totals.n }}</div></el-card></el-col>
      <el-col :xs="8" :md="6"><el-card><div class="stat-label">参与 / 受益人数</div><div class="stat-value">{{ totals.people }}</div></el-card></el-col>
      <el-col :xs="8" :md="6"><el-card><div class="stat-label">发放物资（件）</div><div class="stat-value red" data-test="act-items">{{ totals.items }}</div></el-card></el-col>
    </el-row>
    <el-card style="margin-top:16px">
      <hz-table path="/activities" name="act" search="活动编码或名称" :filters="filters" @row-click="open">
        <template #filters>
          <el-select v-model="filters.status" placeholder="状态" clearable style="width:100px" data-test="act-status">
            <el-option label="未开始" value="upcoming" /><el-option label="进行中" value="ongoing" /><el-option label="已结束" value="ended" />
          </el-select>
          <el-select v-model="filters.org" placeholder="组织" clearable filterable style="width:160px" data-test="act-org-filter">
            <el-option v-for="o in orgs" :key="o.code" :label="o.name" :value="o.code" />
          </el-select>
          <el-date-picker v-model="filters.range" type="daterange" value-format="YYYY-MM-DD" range-separator="至"
                          start-placeholder="开始日起" end-placeholder="开始日止" style="width:240px" data-test="act-range" />
        </template>
        <el-table-column prop="code" label="编码" width="130" sortable="custom" />
        <el-table-column label="类别" width="100"><template #default="s"><el-tag size="small">{{ u.kindText[s.row.kind] || s.row.kind }}</el-tag></template></el-table-column>
        <el-table-column prop="name" label="名称" min-width="200" sortable="custom" />
        <el-table-column prop="org" label="组织" width="150" sortable="custom"><template #default="s">{{ s.row.org_name }}</template></el-table-column>
        <el-table-column prop="date" label="日期" width="200" sortable="custom"><template #default="s">{{ s.row.from }}{{ s.row.to !== s.row.from ? ' 至 ' + s.row.to : '' }}</template></el-table-column>
        <el-table-column prop="status" label="状态" width="90" sortable="custom"><template #default="s"><el-tag size="small" :type="{ upcoming: 'info', ongoing: 'success', ended: '' }[s.row.status]">{{ { upcoming: '未开始', ongoing: '进行中', ended: '已结束' }[s.row.status] }}</el-tag></template></el-table-column>
        <el-table-column label="名额" width="80"><template #default="s">{{ s.row.capacity || '不限' }}</template></el-table-column>
        <el-table-column label="参与" width="80"><template #default="s">{{ s.row.participants }}<small v-if="s.row.attendees"> / {{ s.row.attendees }}</small></template></el-table-column>
        <el-table-column prop="items" label="物资" width="80" />
      </hz-table>
    </el-card>
    <el-dialog v-model="show" title="新增关爱活动" width="520px" data-test="act-dialog">
      <el-form label-width="90px" @submit.prevent="add">
        <el-form-item label="编码" for="act-code"><el-input id="act-code" v-model="form.code" placeholder="如 QL2026" data-test="act-code" /></el-form-item>
        <el-form-item label="类别"><el-select v-model="form.kind" data-test="act-form-kind"><el-option v-for="(t, k) in u.kindText" :key="k" :label="t" :value="k" /></el-select></el-form-item>
        <el-form-item label="名称" for="act-name"><el-input id="act-name" v-model="form.name" data-test="act-name" /></el-form-item>
        <el-form-item label="组织编码" for="act-org"><el-input id="act-org" v-model="form.org" placeholder="如 XA-XC" data-test="act-org" /></el-form-item>
        <el-form-item label="开始日期"><el-date-picker v-model="form.date" value-format="YYYY-MM-DD" data-test="act-date" /></el-form-item>
        <el-form-item label="结束日期"><el-date-picker v-model="form.to" value-format="YYYY-MM-DD" data-test="act-to" /></el-form-item>
        <el-form-item label="名额" for="act-cap"><el-input id="act-cap" v-model="form.capacity" placeholder="不填为不限" data-test="act-capacity" /></el-form-item>
        <el-form-item label="受益人数" for="act-att"><el-input id="act-att" v-model="form.attendees" placeholder="讲座等的到场人数" data-test="act-attendees" /></el-form-item>
        <div v-if="formError" class="field-error" role="alert" data-test="act-error">{{ formError }}</div>
      </el-form>
      <template #footer><el-button @click="show = false">取消</el-button><el-button type="danger" @click="add" data-test="act-save">保存</el-button></template>
    </el-dialog>
  </div>`,
};

const ActivityView = {
  props: ["user", "code"],
  setup(props) {
    const a = ref(null), d = ref(null), error = ref(""), joinError = ref(""), distError = ref("");
    const join = reactive({ id_number: "", date: "", value: "" });
    const dist = reactive({ to: "unit", target: "", items: "", date: "" });
    const path = "/activities/" + encodeURIComponent(props.code);
    async function load() {
      error.value = "";
      try {
        d.value = await hzApi.get(path);
        a.value = (await hzApi.get("/activities?per_page=500&q=" + encodeURIComponent(props.code))).items.find((x) => x.code === props.code) || null;
      } catch (e) { error.value = errText(e); }
    }
    const measure = computed(() => a.value && hzUnion.measure(a.value.kind));
    const items = computed(() => d.value ? Object.entries(d.value.items) : []);
    async function doJoin() {
      joinError.value = "";
      const body = { id_number: join.id_number.trim() };
      if (join.date) body.date = join.date;
      if (measure.value && String(join.value).trim()) body[measure.value] = Number(join.value);
      try {
        const p = await hzApi.post(path + "/participants", body);
        ElMessage.success(p.member_name + " 已于 " + p.date + " 参加" + (p.extra !== "0.00" ? "，劳模体检加 " + hzFmt.money(p.extra) : ""));
        Object.assign(join, { id_number: "", value: "" });
        await load();
      } catch (e) { joinError.value = errText(e); }
    }
    async function doDistribute() {
      distError.value = "";
      if (!dist.target.trim() || !dist.items.trim()) { distError.value = "请填写发放对象和物资"; return; }
      const who = dist.to === "unit" ? "单位 " + dist.target.trim() : "会员 " + dist.target.trim();
      if (!(await unionConfirm("向" + who + "发放：" + dist.items.trim() + "。发放记录不可撤回。", "确认发放"))) return;
      const body = { items: dist.items.trim() };
      body[dist.to === "unit" ? "unit" : "id_number"] = dist.target.trim();
      if (dist.date) body.date = dist.date;
      try {
        d.value = await hzApi.post(path + "/distributions", body);
        ElMessage.success("已发放 " + dist.items.trim());
        Object.assign(dist, { target: "", items: "" });
        await load();
      } catch (e) { distError.value = errText(e); }
    }
    onMounted(load);
    return { a, d, error, join, dist, joinError, distError, doJoin, doDistribute, measure, items, u: hzUnion,
             joins: hzUnion.joins(props.user), manages: hzUnion.manages(props.user) };
  },
  template: `
  <div>
    <h1 class="page-title"><a href="#/activities">关爱活动</a> › {{ a ? a.name : code }}</h1>
    <el-alert v-if="error" type="error" :title="error" show-icon />
    <template v-if="d">
      <el-card data-test="act-head">
        <template #header><b>{{ a ? a.name : code }}</b> <el-tag v-if="a" size="small" style="margin-left:6px">{{ u.kindText[a.kind] || a.kind }}</el-tag>
          <span style="margin-left:8px;color:#888">{{ code }}<template v-if="a"> · {{ a.org_name }} · {{ a.from }}{{ a.to !== a.from ? ' 至 ' + a.to : '' }}</template></span></template>
        <el-row :gutter="16" class="stat-row">
          <el-col :xs="8" :md="6"><div class="stat-label">参与人数</div><div class="stat-value" data-test="act-participants">{{ d.participants }}</div></el-col>
          <el-col v-if="a" :xs="8" :md="6"><div class="stat-label">名额</div><div class="stat-value">{{ a.capacity || '不限' }}</div></el-col>
          <el-col v-if="a && a.attendees" :xs="8" :md="6"><div class="stat-label">到场人数</div><div class="stat-value">{{ a.attendees }}</div></el-col>
        </el-row>
        <div v-if="items.length" class="budget-line" data-test="act-goods">已发放：<span v-for="[k, v] in items" :key="k" style="margin-right:12px"><b>{{ k }}</b> {{ v }} 件</span></div>
      </el-card>
      <el-row :gutter="16" style="margin-top:16px">
        <el-col :md="12" v-if="joins">
          <el-card><template #header>登记参加（每人每天一次）</template>
            <el-form label-width="90px" @submit.prevent="doJoin">
              <el-form-item label="身份证号码" for="join-id"><el-input id="join-id" v-model="join.id_number" maxlength="18" data-test="join-id" /></el-form-item>
              <el-form-item label="日期"><el-date-picker v-model="join.date" value-format="YYYY-MM-DD" placeholder="默认当天" data-test="join-date" /></el-form-item>
              <el-form-item v-if="measure" :label="measure === 'steps' ? '步数' : '成绩'" for="join-value"><el-input id="join-value" v-model="join.value" data-test="join-value" /></el-form-item>
              <div v-if="joinError" class="field-error" role="alert" data-test="join-error">{{ joinError }}</div>
              <el-button type="danger" @click="doJoin" data-test="join-submit">登记</el-button>
            </el-form>
          </el-card>
        </el-col>
        <el-col :md="12" v-if="manages">
          <el-card><template #header>发放物资（按件计）</template>
            <el-form label-width="90px" @submit.prevent="doDistribute">
              <el-form-item label="发放给"><el-radio-group v-model="dist.to" data-test="dist-to"><el-radio label="unit">会员单位</el-radio><el-radio label="member">会员</el-radio></el-radio-group></el-form-item>
              <el-form-item :label="dist.to === 'unit' ? '信用代码' : '身份证号码'" for="dist-target"><el-input id="dist-target" v-model="dist.target" maxlength="18" data-test="dist-target" /></el-form-item>
              <el-form-item label="物资" for="dist-items"><el-input id="dist-items" v-model="dist.items" placeholder="防暑降温包:200,毛巾:200" data-test="dist-items" /></el-form-item>
              <el-form-item label="日期"><el-date-picker v-model="dist.date" value-format="YYYY-MM-DD" placeholder="默认当天" data-test="dist-date" /></el-form-item>
              <div v-if="distError" class="field-error" role="alert" data-test="dist-error">{{ distError }}</div>
              <el-button type="danger" @click="doDistribute" data-test="dist-submit">发放</el-button>
            </el-form>
          </el-card>
        </el-col>
      </el-row>
      <el-card v-if="measure" style="margin-top:16px"><template #header>{{ measure === 'steps' ? '步数排名（累计）' : '成绩排名（最好成绩）' }}</template>
        <el-table :data="d.ranking" stripe data-test="act-ranking" empty-text="暂无">
          <el-table-column label="名次" width="90"><template #default="s"><b :class="s.row.rank <= 3 ? 'red' : ''">第 {{ s.row.rank }} 名</b></template></el-table-column>
          <el-table-column prop="name" label="姓名" width="140" />
          <el-table-column prop="id_number" label="身份证号码" width="200" />
          <el-table-column :label="measure === 'steps' ? '步数' : '成绩'"><template #default="s">{{ s.row.value.toLocaleString('zh-CN') }}</template></el-table-column>
        </el-table>
      </el-card>
    </template>
  </div>`,
};

const CasesView = {
  props: ["user"],
  components: { HzTable, HzUnitRange },
  setup(props) {
    const works = hzUnion.works(props.user);
    const tab = ref(works ? "mine" : "all"), list = ref(null), error = ref(""), current = ref(null), showNew = ref(false), newError = ref("");
    /* the tab sets the server's filters; the list is paged, sorted and exported there (HzTable) */
    const tabFilter = (t) => ({ mine: { status: "", assignee: "me" }, open: { status: "open", assignee: "" },
      assigned: { status: "assigned", assignee: "" }, closed: { status: "closed", assignee: "" } }[t] || { status: "", assignee: "" });
    const filters = reactive(Object.assign({ unit: "", range: null }, tabFilter(tab.value)));
    const nf = reactive({ id_number: "", kind: "wage", summary: "", amount: "" });
    const cf = reactive({ outcome: "resolved", recovered: "" }), showClose = ref(false), closeError = ref("");
    function load() { if (list.value) list.value.reload(); }
    async function open(row) {
      try { current.value = await hzApi.get("/cases/" + encodeURIComponent(row.no)); } catch (e) { ElMessage.error(errText(e)); }
    }
    async function after(c, msg) { current.value = c; ElMessage.success(msg); await load(); }
    async function assign() {
      let to;
      try {
        to = (await ElMessageBox.prompt("承办人的登录名（须能看到该会员）", "分派案件 " + current.value.no, {
          confirmButtonText: "分派", cancelButtonText: "取消", inputValidator: (v) => !!(v && v.trim()) || "请填写登录名",
        })).value.trim();
      } catch (e) { return; }
      try { await after(await hzApi.post("/cases/" + current.value.no + "/assign", { to }), "已分派给 " + to); }
      catch (e) { ElMessage.error(errText(e)); }
    }
    async function note() {
      let text;
      try {
        text = (await ElMessageBox.prompt("办理记录", "记录 " + current.value.no, {
          confirmButtonText: "保存", cancelButtonText: "取消", inputType: "textarea", inputValidator: (v) => !!(v && v.trim()) || "请填写内容",
        })).value.trim();
      } catch (e) { return; }
      try { await after(await hzApi.post("/cases/" + current.value.no + "/notes", { text }), "已记录"); }
      catch (e) { ElMessage.error(errText(e)); }
    }
    async function close() {
      closeError.value = "";
      const rec = String(cf.recovered).trim();
      if (!(await unionConfirm("结案：" + hzUnion.outcomeText[cf.outcome] + (rec ? "，追回 " + rec + " 元（只作记录，不经互助保障资金）" : "") +
                               "。结案后不能再记录或分派。", "确认结案 " + current.value.no))) return;
      const body = { outcome: cf.outcome };
      if (rec) body.recovered = rec;
      try {
        await after(await hzApi.post("/cases/" + current.value.no + "/close", body), "已结案");
        showClose.value = false;
      } catch (e) { closeError.value = errText(e); }
    }
    async function create() {
      newError.value = "";
      const body = { id_number: nf.id_number.trim(), kind: nf.kind, summary: nf.summary.trim() };
      if (String(nf.amount).trim()) body.amount = String(nf.amount).trim();
      try {
        const c = await hzApi.post("/cases", body);
        showNew.value = false;
        Object.assign(nf, { id_number: "", summary: "", amount: "" });
        tab.value = "open";
        await after(c, "已立案 " + c.no);
      } catch (e) { newError.value = errText(e); }
    }
    watch(tab, (t) => Object.assign(filters, tabFilter(t)));
    return { tab, list, filters, seesNames: hzSeesIds(props.user), error, current, open, assign, note, close, cf, showClose, closeError, nf, showNew, newError, create,
             works, opens: hzUnion.opens(props.user), u: hzUnion };
  },
  template: `
  <div>
    <h1 class="page-title">服务与法律援助</h1>
    <el-alert v-if="error" type="error" :title="error" show-icon />
    <div class="toolbar"><el-button v-if="opens" type="danger" @click="showNew = true" data-test="case-new">登记诉求</el-button></div>
    <el-row :gutter="16">
      <el-col :md="current ? 14 : 24">
        <el-card>
          <el-tabs v-model="tab" data-test="case-tabs">
            <el-tab-pane v-if="works" label="我的待办" name="mine" />
            <el-tab-pane label="待分派" name="open" />
            <el-tab-pane label="办理中" name="assigned" />
            <el-tab-pane label="已结案" name="closed" />
            <el-tab-pane label="全部" name="all" />
          </el-tabs>
          <hz-table ref="list" path="/cases" name="case" search="身份证号码、姓名或案件编号" :filters="filters" @row-click="open">
            <template #filters>
              <hz-unit-range :filters="filters" name="case" day="受理" />
            </template>
            <el-table-column prop="no" label="编号" width="140" sortable="custom" />
            <el-table-column prop="kind" label="类别" width="90" sortable="custom"><template #default="s">{{ u.caseKind[s.row.kind] }}</template></el-table-column>
            <el-table-column prop="name" label="会员" width="170" :sortable="seesNames ? 'custom' : false"><template #default="s">{{ s.row.name }} <small>{{ s.row.id_number }}</small></template></el-table-column>
            <el-table-column prop="summary" label="诉求" min-width="200" show-overflow-tooltip />
            <el-table-column prop="status" label="状态" width="90" sortable="custom"><template #default="s"><el-tag size="small" :type="u.caseType[s.row.status]">{{ u.caseStatus[s.row.status] }}</el-tag></template></el-table-column>
            <el-table-column label="承办人" width="90"><template #default="s">{{ s.row.assignee || '-' }}</template></el-table-column>
            <el-table-column label="结果 / 追回" width="150"><template #default="s">{{ s.row.outcome ? u.outcomeText[s.row.outcome] : '-' }}<b v-if="s.row.status === 'closed' && s.row.recovered !== '0.00'" class="money"> {{ $fmt.money(s.row.recovered) }}</b></template></el-table-column>
            <el-table-column prop="opened_at" label="受理时间" width="170" sortable="custom"><template #default="s">{{ $fmt.time(s.row.opened_at) }}</template></el-table-column>
          </hz-table>
        </el-card>
      </el-col>
      <el-col v-if="current" :md="10">
        <el-card data-test="case-detail">
          <template #header><b>{{ current.no }}</b> <el-tag size="small" :type="u.caseType[current.status]">{{ u.caseStatus[current.status] }}</el-tag>
            <el-button size="small" text style="float:right" @click="current = null">关闭</el-button></template>
          <p style="margin-top:0"><b>{{ current.name }}</b> <small>{{ current.id_number }}</small> · {{ u.caseKind[current.kind] }}</p>
          <p>{{ current.summary }}</p>
          <p><span v-if="current.claimed">诉求金额 <b class="money">{{ current.claimed }}</b> · </span>承办人 <b data-test="case-assignee">{{ current.assignee || '未分派' }}</b></p>
          <p v-if="current.status === 'closed'" data-test="case-outcome">结果：<b>{{ u.outcomeText[current.outcome] }}</b> · 追回 <b class="money red">{{ current.recovered }}</b> 元（只作记录）</p>
          <el-timeline data-test="case-notes">
            <el-timeline-item :timestamp="$fmt.time(current.opened_at)">立案（{{ $fmt.actor(current.opened_by) }}）</el-timeline-item>
            <el-timeline-item v-for="(n, i) in current.notes" :key="i" :timestamp="$fmt.time(n.at) + ' · ' + n.by">{{ n.text }}</el-timeline-item>
            <el-timeline-item v-if="current.closed_at" :timestamp="$fmt.time(current.closed_at)" type="success">结案</el-timeline-item>
          </el-timeline>
          <div v-if="works && current.status !== 'closed'" class="toolbar">
            <el-button @click="assign" data-test="case-assign">分派</el-button>
            <el-button @click="note" data-test="case-note">记录</el-button>
            <el-button type="danger" @click="showClose = true" data-test="case-close">结案</el-button>
          </div>
        </el-card>
      </el-col>
    </el-row>
    <el-dialog v-model="showClose" title="结案" width="440px" data-test="close-dialog">
      <el-form label-width="90px" @submit.prevent="close">
        <el-form-item label="结果"><el-select v-model="cf.outcome" data-test="close-outcome"><el-option v-for="(t, k) in u.outcomeText" :key="k" :label="t" :value="k" /></el-select></el-form-item>
        <el-form-item label="追回金额" for="close-rec"><el-input id="close-rec" v-model="cf.recovered" placeholder="元，如 18600.00" data-test="close-recovered" /></el-form-item>
        <p style="color:#888;margin:0">追回的欠薪是职工本人的钱，由用人单位直接支付给职工，这里只作记录。</p>
        <div v-if="closeError" class="field-error" role="alert" data-test="close-error">{{ closeError }}</div>
      </el-form>
      <template #footer><el-button @click="showClose = false">取消</el-button><el-button type="danger" @click="close" data-test="close-submit">结案</el-button></template>
    </el-dialog>
    <el-dialog v-model="showNew" title="登记诉求或法律援助" width="480px" data-test="new-dialog">
      <el-form label-width="90px" @submit.prevent="create">
        <el-form-item label="身份证号码" for="nc-id"><el-input id="nc-id" v-model="nf.id_number" maxlength="18" data-test="nc-id" /></el-form-item>
        <el-form-item label="类别"><el-select v-model="nf.kind" data-test="nc-kind"><el-option v-for="(t, k) in u.caseKind" :key="k" :label="t" :value="k" /></el-select></el-form-item>
        <el-form-item label="诉求" for="nc-summary"><el-input id="nc-summary" v-model="nf.summary" type="textarea" :rows="3" data-test="nc-summary" /></el-form-item>
        <el-form-item label="涉及金额" for="nc-amount"><el-input id="nc-amount" v-model="nf.amount" placeholder="元，可不填" data-test="nc-amount" /></el-form-item>
        <div v-if="newError" class="field-error" role="alert" data-test="nc-error">{{ newError }}</div>
      </el-form>
      <template #footer><el-button @click="showNew = false">取消</el-button><el-button type="danger" @click="create" data-test="nc-submit">立案</el-button></template>
    </el-dialog>
  </div>`,
};

/* The member's phone: the activities they took part in, the goods they
 * received, and their requests and cases (with the notes as they happen);
 * a new request in two fields. */
const MobileUnionView = {
  props: ["user"],
  setup() {
    const care = ref(null), cases = ref([]), open = ref({}), error = ref(""), formError = ref("");
    const form = reactive({ kind: "consult", summary: "" });
    async function load() {
      try {
        care.value = await hzApi.get("/care");
        cases.value = (await hzApi.get("/cases")).items;
      } catch (e) { error.value = errText(e); }
    }
    async function toggle(c) {
      if (open.value[c.no]) { open.value = { ...open.value, [c.no]: null }; return; }
      try { open.value = { ...open.value, [c.no]: await hzApi.get("/cases/" + encodeURIComponent(c.no)) }; }
      catch (e) { error.value = errText(e); }
    }
    async function submit() {
      formError.value = "";
      if (!form.summary.trim()) { formError.value = "请写下您的诉求"; return; }
      try {
        const c = await hzApi.post("/cases", { kind: form.kind, summary: form.summary.trim() });
        ElMessage.success("已提交，编号 " + c.no);
        form.summary = "";
        await load();
      } catch (e) { formError.value = errText(e); }
    }
    onMounted(load);
    return { care, cases, open, error, form, formError, toggle, submit, u: hzUnion };
  },
  template: `
  <div class="mobile">
    <div style="margin:4px 0 10px"><a href="#/m" data-test="m-back">‹ 返回我的保障</a></div>
    <el-alert v-if="error" type="error" :title="error" show-icon />
    <template v-if="care">
      <el-card><template #header>我参加的活动</template>
        <div v-for="(p, i) in care.activities" :key="i" class="cov-item" data-test="m-activity">
          <span>{{ p.name }}<br><small>{{ u.kindText[p.kind] || p.kind }} · {{ p.date }}</small></span>
          <span><b v-if="p.steps !== null">{{ p.steps.toLocaleString('zh-CN') }} 步</b><b v-else-if="p.score !== null">{{ p.score }} 分</b>
            <small v-if="p.extra !== '0.00'" class="red"> 劳模体检加 {{ $fmt.money(p.extra) }}</small></span>
        </div>
        <div v-if="!care.activities.length" style="color:#888">暂无</div>
      </el-card>
      <el-card><template #header>我收到的关爱物资</template>
        <div v-for="(x, i) in care.distributions" :key="i" class="cov-item" data-test="m-goods">
          <span>{{ x.item }}<br><small>{{ x.name }} · {{ x.date }}</small></span><b>{{ x.count }} 件</b>
        </div>
        <div v-if="!care.distributions.length" style="color:#888">暂无</div>
      </el-card>
    </template>
    <el-card><template #header>我的诉求与法律援助</template>
      <div v-for="c in cases" :key="c.no" data-test="m-case">
        <div class="cov-item" @click="toggle(c)">
          <span>{{ c.no }} · {{ u.caseKind[c.kind] }}<br><small>{{ c.summary }}</small></span>
          <el-tag size="small" :type="u.caseType[c.status]">{{ u.caseStatus[c.status] }}</el-tag>
        </div>
        <div v-if="open[c.no]" class="m-case-notes" data-test="m-case-notes">
          <div v-if="open[c.no].assignee"><small>承办人：{{ open[c.no].assignee }}</small></div>
          <div v-for="(n, i) in open[c.no].notes" :key="i"><small>{{ $fmt.time(n.at) }}</small> {{ n.text }}</div>
          <div v-if="open[c.no].status === 'closed'"><b>{{ u.outcomeText[open[c.no].outcome] }}</b><span v-if="open[c.no].recovered !== '0.00'">，追回 {{ $fmt.money(open[c.no].recovered) }}</span></div>
        </div>
      </div>
      <div v-if="!cases.length" style="color:#888">暂无</div>
    </el-card>
    <el-card><template #header>向工会反映诉求</template>
      <el-select v-model="form.kind" style="width:100%;margin-bottom:8px" data-test="m-case-kind" aria-label="类别">
        <el-option v-for="(t, k) in u.caseKind" :key="k" :label="t" :value="k" /></el-select>
      <el-input v-model="form.summary" type="textarea" :rows="3" placeholder="如：公司拖欠工资两个月" data-test="m-case-summary" aria-label="诉求" />
      <div v-if="formError" class="field-error" role="alert" data-test="m-case-error">{{ formError }}</div>
      <el-button type="danger" style="width:100%;margin-top:10px" @click="submit" data-test="m-case-submit">提交</el-button>
    </el-card>
  </div>`,
};

const hzUnionViews = { ActivitiesView, ActivityView, CasesView, MobileUnionView };
