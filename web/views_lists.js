/* The console's long lists (issue 16): HzTable, an Element Plus table over
 * a paginated API list with the server's paging, filters, sort and export,
 * and the members and claims pages built on it. Loaded after views.js
 * (shares errText, RowErrors and the Vue globals); the server decides every
 * filter and every scope, the table only asks and shows. */

/* Query text of a filter object: empty values left out, a [from, to] pair
 * (a date range) as from= and to=. */
function hzListQuery(filters, extra) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(filters || {})) {
    if (v === null || v === undefined || v === "" || (Array.isArray(v) && !v.length)) continue;
    if (Array.isArray(v)) { p.set("from", v[0]); p.set("to", v[1]); } else p.set(k, String(v).trim());
  }
  for (const [k, v] of Object.entries(extra || {})) if (v !== "" && v !== null && v !== undefined) p.set(k, v);
  return p.toString();
}

/* <hz-table path="/claims" :filters="f" name="claim" search="…">columns</hz-table>:
 * a page of path's list as filters, sort (sortable="custom" columns, their
 * prop is the API's sort key) and page ask; the search box (data-test
 * NAME-search) sets q on Enter; 导出 CSV / Excel download exactly the
 * filtered rows (the same query with format=). reload() asks again. */
const HzTable = {
  props: { path: String, filters: Object, name: String, search: String, pageSize: { type: Number, default: 20 } },
  emits: ["row-click"],
  setup(props, { expose }) {
    const rows = ref([]), total = ref(0), page = ref(1), perPage = ref(props.pageSize), loading = ref(false);
    const error = ref(""), q = ref(""), applied = ref(""), sort = reactive({ prop: "", order: "" });
    let latest = 0; // the newest request's number: an older answer arriving late is dropped
    function query(extra) {
      return hzListQuery(Object.assign({}, props.filters, { q: applied.value }),
        Object.assign(sort.prop && sort.order ? { sort: sort.prop, order: sort.order === "ascending" ? "asc" : "desc" } : {}, extra));
    }
    async function load() {
      const mine = ++latest;
      error.value = ""; loading.value = true;
      try {
        const r = await hzApi.get(props.path + "?" + query({ page: page.value, per_page: perPage.value }));
        if (mine === latest) { rows.value = r.items; total.value = r.total; }
      } catch (e) { if (mine === latest) { error.value = errText(e); rows.value = []; total.value = 0; } }
      if (mine === latest) loading.value = false;
    }
    function apply() { applied.value = q.value.trim(); page.value = 1; load(); }
    function onSort(s) { sort.prop = s.order ? s.prop : ""; sort.order = s.order || ""; page.value = 1; load(); }
    function download(format) {
      const a = document.createElement("a");
      a.href = "/api/v1" + props.path + "?" + query({ format });
      a.download = "";
      document.body.appendChild(a); a.click(); a.remove();
    }
    watch(() => JSON.stringify(props.filters || {}), () => { page.value = 1; load(); });
    onMounted(load);
    expose({ reload: load });
    return { rows, total, page, perPage, loading, error, q, apply, onSort, download, load };
  },
  template: `
  <div class="hz-table" :data-test="name + '-list'">
    <div class="toolbar">
      <el-input v-if="search" v-model="q" :placeholder="search" style="width:230px" :data-test="name + '-search'"
                @keyup.enter="apply" @clear="apply" clearable />
      <el-button v-if="search" type="primary" @click="apply" :data-test="name + '-query'">查询</el-button>
      <slot name="filters" />
      <span class="hz-actions">
        <span class="hz-total" :data-test="name + '-total'">共 {{ total }} 条</span>
        <el-button @click="download('csv')" :data-test="name + '-export-csv'">导出 CSV</el-button>
        <el-button @click="download('xlsx')" :data-test="name + '-export-xlsx'">导出 Excel</el-button>
      </span>
    </div>
    <el-alert v-if="error" type="error" :title="error" show-icon :closable="false" />
    <el-table :data="rows" stripe v-loading="loading" @row-click="(r) => $emit('row-click', r)" @sort-change="onSort"
              style="cursor:pointer; width:100%" :data-test="name + '-table'">
      <slot />
    </el-table>
    <el-pagination class="hz-pager" background layout="sizes, prev, pager, next, jumper" :total="total"
                   :page-sizes="[20, 50, 100, 200]" v-model:current-page="page" v-model:page-size="perPage"
                   @current-change="load" @size-change="page = 1; load()" :data-test="name + '-pager'" />
  </div>`,
};

/* Does the user (an object or a ref of one) see names and ID numbers in
 * full? Masked ones are not sorted on: the order would tell them apart
 * (hz_authz_sees_identity). */
function hzSeesIds(user) {
  const u = user && "value" in user ? user.value : user;
  return !!u && ["admin", "staff", "reviewer", "finance", "member"].includes(u.role);
}

/* The units (and the plans) a list may be filtered on: the caller's units
 * from the API (a cadre's own district's), the plan codes of hzFmt. */
function hzListChoices() {
  const units = ref([]);
  onMounted(async () => {
    try { units.value = (await hzApi.get("/units?per_page=500")).items; } catch (e) { units.value = []; }
  });
  return { units, plans: Object.entries(hzFmt.planName).map(([code, name]) => ({ code, name })) };
}

/* The filters of a list of members' records (the HzTable #filters slot):
 * the member's unit (filters.unit, from the caller's units) and a range of
 * days (filters.range) whose ends say `day` 起 / 止; data-test NAME-unit
 * and NAME-range. */
const HzUnitRange = {
  props: { filters: Object, name: String, day: String },
  setup() { return { units: hzListChoices().units }; },
  template: `
  <el-select v-model="filters.unit" placeholder="会员单位" clearable filterable style="width:190px" :data-test="name + '-unit'">
    <el-option v-for="u in units" :key="u.code" :label="u.name" :value="u.code" />
  </el-select>
  <el-date-picker v-model="filters.range" type="daterange" value-format="YYYY-MM-DD" range-separator="至"
                  :start-placeholder="day + '起'" :end-placeholder="day + '止'" style="width:240px" :data-test="name + '-range'" />`,
};

const MembersView = {
  components: { HzTable },
  setup() {
    const filters = reactive({ unit: "", flag: "", plan: "", covered: "" }), user = Vue.inject("user");
    /* masked numbers are not sorted on (the order would tell the hidden digits) */
    const seesIds = computed(() => hzSeesIds(user));
    return { filters, seesIds, ...hzListChoices(), open: (m) => { location.hash = "#/members/" + m.ref; } };
  },
  template: `
  <div>
    <h1 class="page-title">会员</h1>
    <hz-table path="/members" name="member" search="姓名或身份证号码" :filters="filters" @row-click="open">
      <template #filters>
        <el-select v-model="filters.unit" placeholder="会员单位" clearable filterable style="width:200px" data-test="member-unit">
          <el-option v-for="u in units" :key="u.code" :label="u.name" :value="u.code" />
        </el-select>
        <el-select v-model="filters.flag" placeholder="人员类别" clearable style="width:120px" data-test="member-flag">
          <el-option label="劳模" value="model" /><el-option label="困难职工" value="hardship" /><el-option label="新业态" value="newform" />
        </el-select>
        <el-select v-model="filters.plan" placeholder="保障计划" clearable style="width:140px" data-test="member-plan">
          <el-option v-for="p in plans" :key="p.code" :label="p.name" :value="p.code" />
        </el-select>
        <el-select v-model="filters.covered" placeholder="保障状态" clearable style="width:120px" data-test="member-covered">
          <el-option label="保障中" value="active" /><el-option label="已到期" value="expired" /><el-option label="未参保" value="none" />
        </el-select>
      </template>
      <el-table-column prop="name" label="姓名" width="110" sortable="custom" />
      <el-table-column prop="id_number" label="身份证号码" width="200" :sortable="seesIds ? 'custom' : false" />
      <el-table-column label="性别" width="70"><template #default="s">{{ s.row.sex === 'F' ? '女' : '男' }}</template></el-table-column>
      <el-table-column prop="birth_date" label="出生日期" width="120" sortable="custom" />
      <el-table-column prop="unit" label="会员单位 / 工会" sortable="custom" min-width="160"><template #default="s">{{ s.row.unit_name || s.row.org }}</template></el-table-column>
      <el-table-column prop="phone" label="手机" width="130" />
    </hz-table>
  </div>`,
};

const ClaimsView = {
  components: { RowErrors, HzTable },
  setup() {
    const tab = ref("adjudicated"), list = ref(null);
    const filters = reactive({ status: "adjudicated", plan: "", unit: "", source: "", range: null });
    const intake = reactive({ id_number: "", settlements: "", accident: false, documents_complete: true });
    const intakeError = ref(""), feedMsg = ref(""), feedRows = ref([]), feedInput = ref(null), proactiveMsg = ref("");
    function load() { if (list.value) list.value.reload(); }
    async function submit() {
      intakeError.value = "";
      /* the server normalises and checks the number (full-width digits, a
       * lower-case x, a pasted no-break space): one rule, not two */
      if (!intake.id_number.trim()) { intakeError.value = "请填写身份证号码"; return; }
      const setl = intake.settlements.split(/[\s,，]+/).filter(Boolean);
      try {
        const c = await hzApi.post("/claims", { id_number: intake.id_number, settlements: setl,
          accident: intake.accident, documents_complete: intake.documents_complete });
        ElMessage.success("已受理并核算：" + c.claim_no + "，合计 " + hzFmt.money(c.total));
        location.hash = "#/claims/" + c.claim_no;
      } catch (e) { intakeError.value = errText(e); }
    }
    async function uploadFeed(f) {
      if (!f) return;
      feedMsg.value = ""; feedRows.value = [];
      try {
        const r = await hzApi.upload("/settlements", await f.arrayBuffer());
        feedMsg.value = "读取 " + r.read + " 条，新增 " + r.new + "，重复 " + r.duplicate + "，退费 " + r.refund + "，未匹配会员 " + r.unmatched;
      } catch (e) { feedMsg.value = "导入失败：" + errText(e); feedRows.value = errRows(e); }
    }
    /* 免申即享 makes a claim for every settled stay no claim uses yet: asked first, then told how many and how much */
    async function proactive() {
      if (!await hzConfirm("确认免申即享", ["将为所有已结算、尚未申请理赔的在保会员住院，自动生成理赔并按计划核算。",
        "生成的理赔进入审核流程，不能撤销。"], "生成理赔")) return;
      try {
        const r = await hzApi.post("/claims/proactive");
        const fen = r.created.reduce((a, c) => a + hzFen(c.total), 0);
        proactiveMsg.value = r.created.length ? "免申即享：已生成理赔 " + r.created.length + " 件，核算合计 " + hzFmt.money(fen)
          : "免申即享：没有尚未理赔的已结算住院，未生成理赔";
        ElMessage.success(proactiveMsg.value);
        load();
      } catch (e) { ElMessage.error(errText(e)); }
    }
    watch(tab, (t) => { filters.status = t === "all" ? "" : t; });
    return { tab, list, filters, ...hzListChoices(), intake, intakeError, submit, feedMsg, feedRows, uploadFeed, feedInput, proactive, proactiveMsg,
             open: (c) => { location.hash = "#/claims/" + c.claim_no; }, sla: hzFmt.sla };
  },
  template: `
  <div>
    <h1 class="page-title">理赔（7日快速理赔）</h1>
    <el-row :gutter="16" v-if="$can.any('claim.submit', 'settlement.import', 'claim.proactive')">
      <el-col :md="12" v-if="$can('claim.submit')">
        <el-card><template #header>理赔受理：身份证 + 出院证</template>
          <el-form label-width="110px" @submit.prevent="submit">
            <el-form-item label="身份证号码" for="intake-id">
              <el-input id="intake-id" v-model="intake.id_number" data-test="intake-id" maxlength="18" />
            </el-form-item>
            <el-form-item label="医保结算号" for="intake-setl">
              <el-input id="intake-setl" v-model="intake.settlements" placeholder="出院证对应的结算流水号，多个用逗号分隔" data-test="intake-setl" />
            </el-form-item>
            <el-form-item label="">
              <el-checkbox v-model="intake.accident">意外事故</el-checkbox>
              <el-checkbox v-model="intake.documents_complete">材料齐全（身份证、出院证）</el-checkbox>
            </el-form-item>
            <div v-if="intakeError" class="field-error" role="alert" data-test="intake-error">{{ intakeError }}</div>
            <el-button type="danger" @click="submit" data-test="intake-submit">受理并核算</el-button>
          </el-form>
        </el-card>
      </el-col>
      <el-col :md="12" v-if="$can.any('settlement.import', 'claim.proactive')">
        <el-card><template #header>医保数据共享</template>
          <template v-if="$can('settlement.import')">
            <p style="margin-top:0">导入医保中心结算数据（CSV 或 JSON Lines，国家平台字段名）。</p>
            <hz-file-pick accept=".csv,.jsonl,.json" test="feed-file" label="选择医保结算文件并导入" @pick="uploadFeed" />
            <p v-if="feedMsg" data-test="feed-result">{{ feedMsg }}</p>
            <row-errors :rows="feedRows" />
          </template>
          <div v-if="$can('claim.proactive')" style="margin-top:12px">
            <el-button @click="proactive" data-test="proactive">免申即享：为已结算住院生成理赔…</el-button>
            <p v-if="proactiveMsg" data-test="proactive-result">{{ proactiveMsg }}</p>
          </div>
        </el-card>
      </el-col>
    </el-row>
    <el-card style="margin-top:16px">
      <el-tabs v-model="tab">
        <el-tab-pane label="待审核" name="adjudicated" />
        <el-tab-pane label="待补材料" name="received" />
        <el-tab-pane label="已审批待支付" name="approved" />
        <el-tab-pane label="已支付" name="paid" />
        <el-tab-pane label="已结案（无给付）" name="closed" />
        <el-tab-pane label="全部" name="all" />
      </el-tabs>
      <hz-table ref="list" path="/claims" name="claim" search="身份证号码、姓名或理赔编号" :filters="filters" @row-click="open">
        <template #filters>
          <el-select v-model="filters.plan" placeholder="保障计划" clearable style="width:130px" data-test="claim-plan">
            <el-option v-for="p in plans" :key="p.code" :label="p.name" :value="p.code" />
          </el-select>
          <el-select v-model="filters.unit" placeholder="会员单位" clearable filterable style="width:190px" data-test="claim-unit">
            <el-option v-for="u in units" :key="u.code" :label="u.name" :value="u.code" />
          </el-select>
          <el-select v-model="filters.source" placeholder="来源" clearable style="width:110px" data-test="claim-source">
            <el-option label="申请" value="application" /><el-option label="免申即享" value="proactive" />
          </el-select>
          <el-date-picker v-model="filters.range" type="daterange" value-format="YYYY-MM-DD" range-separator="至"
                          start-placeholder="受理起" end-placeholder="受理止" style="width:240px" data-test="claim-range" />
        </template>
        <el-table-column prop="claim_no" label="编号" width="170" sortable="custom" />
        <el-table-column prop="name" label="会员" width="210" sortable="custom"><template #default="s">{{ s.row.member.name }} {{ s.row.member.id_number }}</template></el-table-column>
        <el-table-column label="会员单位" min-width="160" show-overflow-tooltip><template #default="s">{{ s.row.member.unit_name }}</template></el-table-column>
        <el-table-column prop="status" label="状态" width="110" sortable="custom"><template #default="s"><el-tag :type="$fmt.statusType[s.row.status]">{{ $fmt.statusText[s.row.status] }}</el-tag></template></el-table-column>
        <el-table-column prop="total" label="合计" width="140" sortable="custom" align="right"><template #default="s"><span class="money">{{ $fmt.money(s.row.total) }}</span></template></el-table-column>
        <el-table-column prop="source" label="来源" width="100" sortable="custom"><template #default="s">{{ s.row.proactive ? '免申即享' : '申请' }}</template></el-table-column>
        <el-table-column prop="submitted_at" label="受理时间" width="170" sortable="custom"><template #default="s">{{ $fmt.time(s.row.submitted_at) }}</template></el-table-column>
      </hz-table>
    </el-card>
  </div>`,
};
