/* The office's day (issue 16): the pages that did not exist. Organisation
 * tree and units (add, edit, add a member), a member's edit (flags, bank
 * card: a change holds payouts until confirmed and is audited), the plan
 * catalogue with its versions, individual, unit-renewal and sponsored
 * enrollment (irreversible batches confirmed with how many and how much,
 * counted by a dry run), contributions by unit and month, the settlement
 * feed with its unmatched rows, the overdue board, users and roles, the
 * audit chain's verification. The server decides who may do what; these
 * pages show its answers. Loaded after views.js and views_admin.js. */
const hzOfficeViews = (() => {
  const { ref, reactive, computed, onMounted, inject } = Vue;
  const { ElMessage, ElMessageBox } = ElementPlus;
  const err = (e) => (e && e.message ? e.message : String(e));
  const role = () => { const u = inject("user"); return computed(() => (u && u.value ? u.value.role : "")); };
  const OFFICE = ["admin", "staff"];
  const kindName = { federation: "总工会", district: "区县总工会", grassroots: "基层工会", joint: "联合工会" };
  const payerName = { unit: "单位缴费", self: "个人缴费" };
  async function confirmBox(message, title, ok) {
    try {
      await ElMessageBox.confirm(message, title, { confirmButtonText: ok || "确定", cancelButtonText: "取消", type: "warning" });
      return true;
    } catch (e) { return false; }
  }
  /* every row of a paginated list (at most 500 a page) */
  async function fetchAll(path) {
    const sep = path.includes("?") ? "&" : "?";
    let page = 1, items = [];
    for (;;) {
      const r = await hzApi.get(path + sep + "per_page=500&page=" + page);
      items = items.concat(r.items);
      if (items.length >= r.total || !r.items.length) return items;
      page++;
    }
  }
  const FLAG_LEVELS = {
    model: [["national", "全国劳模"], ["provincial", "省部级劳模"], ["city", "市级劳模"]],
    hardship: [["deep", "深度困难"], ["relative", "相对困难"]],
    newform: [["courier", "快递员"], ["delivery", "外卖骑手"], ["ridehail", "网约车司机"], ["truck", "货车司机"], ["other", "其他新业态"]],
  };

  /* A dialog's end: the server's refusal, 取消 and the action (data-test
   * TEST-error, TEST-save). */
  const DialogFooter = {
    props: ["error", "busy", "label", "test"],
    emits: ["cancel", "save"],
    template: `
    <div>
      <el-alert v-if="error" type="error" :title="error" show-icon :closable="false" :data-test="test + '-error'" style="margin-bottom:12px;text-align:left" />
      <el-button @click="$emit('cancel')">取消</el-button>
      <el-button type="primary" :loading="busy" @click="$emit('save')" :data-test="test + '-save'">{{ label || '保存' }}</el-button>
    </div>`,
  };

  /* The three categories of a member as three selects; value() gives the
   * API's flags (added) and end_flags (kinds that were held and are now none). */
  const FlagEditor = {
    props: ["modelValue"],
    emits: ["update:modelValue"],
    setup(props, { emit }) {
      const set = (k, v) => emit("update:modelValue", { ...props.modelValue, [k]: v });
      return { set, FLAG_LEVELS, names: { model: "劳模", hardship: "困难职工", newform: "新就业形态" } };
    },
    template: `
    <div style="display:flex;gap:8px;flex-wrap:wrap">
      <el-select v-for="(levels, k) in FLAG_LEVELS" :key="k" :model-value="modelValue[k]" @update:model-value="v => set(k, v)"
                 :placeholder="names[k] + '：无'" clearable style="width:170px" :data-test="'flag-' + k">
        <el-option v-for="l in levels" :key="l[0]" :label="names[k] + '：' + l[1]" :value="l[0]" />
      </el-select>
    </div>`,
  };
  function flagState(m) {
    const s = { model: "", hardship: "", newform: "" }, today = new Date().toISOString().slice(0, 10);
    for (const f of (m && m.flags) || []) if ((!f.to || f.to >= today) && s[f.kind] !== undefined) s[f.kind] = f.level;
    return s;
  }
  function flagChanges(before, after) {
    const flags = [], end = [];
    for (const k of Object.keys(FLAG_LEVELS)) {
      if (after[k] && after[k] !== before[k]) flags.push(k + ":" + after[k]);
      if (!after[k] && before[k]) end.push(k);
    }
    return { flags, end };
  }

  /* 新增会员 (a unit's page or the tree): the fields of POST /members. */
  const MemberAddDialog = {
    props: ["unit"],
    emits: ["done"],
    setup(props, { emit }) {
      const open = ref(false), busy = ref(false), error = ref("");
      const f = reactive({ id_number: "", name: "", phone: "", bank_card: "", bank_name: "", flags: { model: "", hardship: "", newform: "" } });
      function show() { Object.assign(f, { id_number: "", name: "", phone: "", bank_card: "", bank_name: "", flags: { model: "", hardship: "", newform: "" } }); error.value = ""; open.value = true; }
      async function save() {
        busy.value = true; error.value = "";
        const body = { id_number: f.id_number, name: f.name, unit: props.unit.code, flags: flagChanges({}, f.flags).flags };
        for (const k of ["phone", "bank_card", "bank_name"]) if (f[k]) body[k] = f[k];
        try {
          const m = await hzApi.post("/members", body);
          open.value = false;
          ElMessage.success("已登记会员 " + m.name + "（" + props.unit.name + "）");
          emit("done", m);
        } catch (e) { error.value = err(e); } finally { busy.value = false; }
      }
      return { open, busy, error, f, show, save };
    },
    components: { FlagEditor, DialogFooter },
    template: `
    <span>
      <el-button size="small" @click="show" :data-test="'member-add-' + unit.code">新增会员</el-button>
      <el-dialog v-model="open" :title="'新增会员 · ' + unit.name" width="560px" append-to-body>
        <el-form label-width="96px" data-test="member-add-form">
          <el-form-item label="身份证号码" required><el-input v-model="f.id_number" maxlength="18" data-test="ma-id" /></el-form-item>
          <el-form-item label="姓名" required><el-input v-model="f.name" data-test="ma-name" /></el-form-item>
          <el-form-item label="手机号码"><el-input v-model="f.phone" maxlength="11" data-test="ma-phone" /></el-form-item>
          <el-form-item label="人员类别"><flag-editor v-model="f.flags" /></el-form-item>
          <el-form-item label="银行卡号"><el-input v-model="f.bank_card" data-test="ma-card" /></el-form-item>
          <el-form-item label="开户行"><el-input v-model="f.bank_name" data-test="ma-bank" /></el-form-item>
        </el-form>
        <template #footer>
          <dialog-footer :error="error" :busy="busy" label="登记" test="ma" @cancel="open = false" @save="save" />
        </template>
      </el-dialog>
    </span>`,
  };

  /* 组织与单位: the organisation tree (districts, joint unions, grassroots
   * unions) and the units of the chosen subtree, with add and edit. */
  const OrgView = {
    components: { MemberAddDialog, DialogFooter, HzTable },
    setup() {
      const r = role();
      /* the tree's counts are the server's (GET /orgs?counts=1, each org's
       * subtree); the units are its paged list (HzTable), narrowed to the
       * org picked in the tree */
      const orgs = ref([]), error = ref(""), picked = ref(null), list = ref(null);
      const filters = reactive({ org: "", status: "" });
      const mayWrite = computed(() => OFFICE.includes(r.value));
      const mayAddMember = computed(() => ["admin", "staff", "unit"].includes(r.value));
      const byCode = computed(() => Object.fromEntries(orgs.value.map(o => [o.code, o])));
      const tree = computed(() => {
        const nodes = {}, roots = [];
        const sorted = orgs.value.slice().sort((a, b) => a.path.length - b.path.length || a.path.localeCompare(b.path));
        for (const o of sorted) nodes[o.path] = { ...o, label: o.name, children: [] };
        for (const o of sorted) {
          const up = o.path.replace(/[^/]+\/$/, "");
          if (nodes[up]) nodes[up].children.push(nodes[o.path]); else roots.push(nodes[o.path]);
        }
        return roots;
      });
      /* the picked org as the latest counts say (a unit added or moved reloads them) */
      const unitCount = computed(() => (picked.value ? (byCode.value[picked.value.code] || picked.value).units
                                                    : tree.value.reduce((n, o) => n + (o.units || 0), 0)));
      watch(picked, (p) => { filters.org = p ? p.code : ""; });
      async function load() {
        error.value = "";
        try { orgs.value = await fetchAll("/orgs?counts=1"); }
        catch (e) { error.value = err(e); }
      }
      const dlg = reactive({ open: false, edit: false, code: "", name: "", org: "", busy: false, error: "" });
      function addUnit() {
        Object.assign(dlg, { open: true, edit: false, code: "", name: "", org: picked.value ? picked.value.code : "", error: "" });
      }
      let editing = null; // the row being edited (its org and members, for the move's confirmation)
      function editUnit(u) { editing = u; Object.assign(dlg, { open: true, edit: true, code: u.code, name: u.name, org: u.org, error: "" }); }
      async function saveUnit() {
        dlg.busy = true; dlg.error = "";
        try {
          if (dlg.edit) {
            const was = editing && editing.code === dlg.code ? editing : null;
            if (was && was.org !== dlg.org && !(await confirmBox("将单位「" + dlg.name + "」及其 " + was.members + " 名会员从 " +
                (byCode.value[was.org] || {}).name + " 调整到 " + (byCode.value[dlg.org] || {}).name + "？", "调整所属工会"))) { dlg.busy = false; return; }
            await hzApi.put("/units/" + encodeURIComponent(dlg.code), { name: dlg.name, org: dlg.org });
            ElMessage.success("已保存单位 " + dlg.name);
          } else {
            await hzApi.post("/units", { code: dlg.code, name: dlg.name, org: dlg.org });
            ElMessage.success("已新增单位 " + dlg.name);
          }
          dlg.open = false;
          await load();
          if (list.value) list.value.reload();
        } catch (e) { dlg.error = err(e); } finally { dlg.busy = false; }
      }
      function memberAdded(m) { location.hash = "#/members/" + encodeURIComponent(m.ref); }
      /* a new organisation under the picked one (POST /orgs, audited); the
       * server's refusal names its field ("code: …"), shown on that field */
      const odlg = reactive({ open: false, code: "", name: "", parent: "", kind: "grassroots", region: "", busy: false, error: "", field: "" });
      function addOrg() {
        const p = picked.value;
        Object.assign(odlg, { open: true, code: p ? p.code + "-" : "", name: "", parent: p ? p.code : "",
          kind: p ? (p.kind === "federation" ? "district" : "grassroots") : "federation", region: "", error: "", field: "" });
      }
      const fieldError = (f) => (odlg.field === f ? odlg.error : "");
      async function saveOrg() {
        odlg.busy = true; odlg.error = ""; odlg.field = "";
        const body = { code: odlg.code.trim(), name: odlg.name.trim(), kind: odlg.kind };
        if (odlg.parent) body.parent = odlg.parent;
        if (odlg.region.trim()) body.region = odlg.region.trim();
        try {
          const o = await hzApi.post("/orgs", body);
          odlg.open = false;
          ElMessage.success("已新增组织 " + o.name);
          await load();
        } catch (e) {
          odlg.error = err(e);
          const m = /^([a-z_]+):/.exec(odlg.error);
          odlg.field = m ? m[1] : "";
        } finally { odlg.busy = false; }
      }
      onMounted(load);
      return { orgs, error, picked, tree, unitCount, filters, list, byCode, mayWrite, mayAddMember, dlg, addUnit, editUnit, saveUnit, memberAdded, kindName,
               odlg, addOrg, saveOrg, fieldError };
    },
    template: `
    <div>
      <h1 class="page-title">组织与单位</h1>
      <el-alert v-if="error" type="error" :title="error" show-icon />
      <el-row :gutter="16">
        <el-col :xs="24" :md="8" v-if="orgs.length">
          <el-card><template #header>工会组织（{{ orgs.length }} 个）
              <el-button v-if="mayWrite" size="small" type="primary" style="float:right" @click="addOrg" data-test="org-add">新增组织</el-button></template>
            <el-tree :data="tree" node-key="path" default-expand-all :expand-on-click-node="false" highlight-current
                     @node-click="n => picked = n" data-test="org-tree">
              <template #default="{ data }">
                <span class="org-node" :data-test="'org-' + data.code">{{ data.name }}
                  <small style="color:#888">{{ kindName[data.kind] }} · {{ data.units }} 家单位 · {{ data.members }} 人</small></span>
              </template>
            </el-tree>
          </el-card>
        </el-col>
        <el-col :xs="24" :md="orgs.length ? 16 : 24">
          <el-card><template #header>
              <span data-test="units-heading">{{ picked ? picked.name : '全部' }}的会员单位（{{ unitCount }} 家）</span>
              <el-button v-if="picked" size="small" link @click="picked = null" style="margin-left:8px">显示全部</el-button>
            </template>
            <hz-table ref="list" path="/units" name="unit" search="单位名称或信用代码" :filters="filters">
              <template #filters>
                <el-select v-model="filters.status" placeholder="会员情况" clearable style="width:120px" data-test="unit-status">
                  <el-option label="有会员" value="active" /><el-option label="无会员" value="empty" />
                </el-select>
                <el-button v-if="mayWrite" type="primary" @click="addUnit" data-test="unit-add">新增单位</el-button>
              </template>
              <el-table-column prop="name" label="单位名称" min-width="170" show-overflow-tooltip sortable="custom" />
              <el-table-column prop="code" label="统一社会信用代码" width="180" sortable="custom" />
              <el-table-column prop="org" label="所属工会" min-width="110" show-overflow-tooltip sortable="custom"><template #default="s">{{ s.row.org_name || s.row.org }}</template></el-table-column>
              <el-table-column prop="members" label="会员" width="80" sortable="custom" />
              <el-table-column label="操作" :width="mayWrite && mayAddMember ? 180 : 110" fixed="right" v-if="mayWrite || mayAddMember"><template #default="s">
                <el-button v-if="mayWrite" size="small" @click.stop="editUnit(s.row)" :data-test="'unit-edit-' + s.row.code">编辑</el-button>
                <member-add-dialog v-if="mayAddMember" :unit="s.row" @done="memberAdded" style="margin-left:6px" />
              </template></el-table-column>
            </hz-table>
          </el-card>
        </el-col>
      </el-row>
      <el-dialog v-model="odlg.open" title="新增工会组织" width="520px">
        <el-form label-width="110px" data-test="org-form">
          <el-form-item label="上级组织" :error="fieldError('parent')">
            <el-select v-model="odlg.parent" filterable clearable placeholder="无（新的总工会）" style="width:100%" data-test="of-parent">
              <el-option v-for="o in orgs" :key="o.code" :label="o.name + '（' + kindName[o.kind] + '）'" :value="o.code" />
            </el-select>
          </el-form-item>
          <el-form-item label="组织代码" required :error="fieldError('code')"><el-input v-model="odlg.code" maxlength="40" placeholder="字母、数字、- 和 _，如 XA-XC-07" data-test="of-code" /></el-form-item>
          <el-form-item label="组织名称" required :error="fieldError('name')"><el-input v-model="odlg.name" maxlength="60" data-test="of-name" /></el-form-item>
          <el-form-item label="类别" required :error="fieldError('kind')">
            <el-select v-model="odlg.kind" style="width:100%" data-test="of-kind">
              <el-option v-for="(t, k) in kindName" :key="k" :label="t" :value="k" />
            </el-select>
          </el-form-item>
          <el-form-item label="行政区划代码" :error="fieldError('region')"><el-input v-model="odlg.region" maxlength="6" placeholder="6 位数字，可不填" data-test="of-region" /></el-form-item>
        </el-form>
        <template #footer>
          <dialog-footer :error="odlg.error" :busy="odlg.busy" label="新增" test="of" @cancel="odlg.open = false" @save="saveOrg" />
        </template>
      </el-dialog>
      <el-dialog v-model="dlg.open" :title="dlg.edit ? '编辑会员单位' : '新增会员单位'" width="520px">
        <el-form label-width="140px" data-test="unit-form">
          <el-form-item label="统一社会信用代码" required><el-input v-model="dlg.code" :disabled="dlg.edit" maxlength="18" data-test="uf-code" /></el-form-item>
          <el-form-item label="单位名称" required><el-input v-model="dlg.name" data-test="uf-name" /></el-form-item>
          <el-form-item label="所属工会" required>
            <el-select v-model="dlg.org" filterable style="width:100%" data-test="uf-org">
              <el-option v-for="o in orgs" :key="o.code" :label="o.name + '（' + kindName[o.kind] + '）'" :value="o.code" />
            </el-select>
          </el-form-item>
        </el-form>
        <template #footer>
          <dialog-footer :error="dlg.error" :busy="dlg.busy" label="保存" test="uf" @cancel="dlg.open = false" @save="saveUnit" />
        </template>
      </el-dialog>
    </div>`,
  };

  /* On a member's page: edit name, phone, categories and bank card. A new
   * card is confirmed first: it holds the member's payouts until another
   * check, and the audit records it. */
  const MemberEditPanel = {
    props: ["m"],
    emits: ["saved"],
    components: { FlagEditor, DialogFooter },
    setup(props, { emit }) {
      const r = role();
      const may = computed(() => ["admin", "staff", "unit"].includes(r.value));
      const open = ref(false), busy = ref(false), error = ref("");
      const f = reactive({ name: "", phone: "", bank_card: "", bank_name: "", flags: {} });
      let before = {};
      function show() {
        before = flagState(props.m);
        Object.assign(f, { name: props.m.name, phone: props.m.phone || "", bank_card: "", bank_name: "", flags: { ...before } });
        error.value = ""; open.value = true;
      }
      async function save() {
        error.value = "";
        const body = {};
        if (f.name !== props.m.name) body.name = f.name;
        if (f.phone !== (props.m.phone || "")) body.phone = f.phone;
        const ch = flagChanges(before, f.flags);
        if (ch.flags.length) body.flags = ch.flags;
        if (ch.end.length) body.end_flags = ch.end;
        if (f.bank_card) {
          body.bank_card = f.bank_card; body.bank_name = f.bank_name;
          if (!(await confirmBox("将会员 " + props.m.name + " 的银行卡从 " + (props.m.bank_card || "（无）") + " 变更为 " + f.bank_card +
              "？变更记入审计日志；确认新卡之前，该会员所有待支付款项暂停。", "变更银行卡", "变更"))) return;
        }
        if (!Object.keys(body).length) { error.value = "没有修改任何内容"; return; }
        busy.value = true;
        try {
          await hzApi.put("/members/ref/" + encodeURIComponent(props.m.ref), body);
          open.value = false;
          ElMessage.success(body.bank_card ? "已保存；新银行卡待确认，相关支付已暂停" : "已保存会员信息");
          emit("saved");
        } catch (e) { error.value = err(e); } finally { busy.value = false; }
      }
      return { may, open, busy, error, f, show, save };
    },
    template: `
    <span v-if="may">
      <el-button size="small" @click="show" data-test="member-edit">编辑会员信息</el-button>
      <el-dialog v-model="open" :title="'编辑会员 · ' + m.name" width="600px" append-to-body>
        <el-form label-width="96px" data-test="member-edit-form">
          <el-form-item label="姓名"><el-input v-model="f.name" data-test="me-name" /></el-form-item>
          <el-form-item label="手机号码"><el-input v-model="f.phone" maxlength="11" data-test="me-phone" /></el-form-item>
          <el-form-item label="人员类别"><flag-editor v-model="f.flags" /></el-form-item>
          <el-divider content-position="left">变更银行卡（不变更请留空）</el-divider>
          <el-form-item label="现银行卡"><span>{{ m.bank_card || '（无）' }} {{ m.bank_name || '' }}</span></el-form-item>
          <el-form-item label="新银行卡号"><el-input v-model="f.bank_card" data-test="me-card" /></el-form-item>
          <el-form-item label="开户行"><el-input v-model="f.bank_name" data-test="me-bank" /></el-form-item>
          <p style="color:#b45309;font-size:12px;margin:0 0 0 96px">变更银行卡记入审计日志；须由工作人员核实并确认新卡后，暂停的支付才恢复。</p>
        </el-form>
        <template #footer>
          <dialog-footer :error="error" :busy="busy" label="保存" test="me" @cancel="open = false" @save="save" />
        </template>
      </el-dialog>
    </span>`,
  };

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

  /* 医保结算数据: the feed, and what to do with rows matched to no member;
   * paged, filtered, sorted and exported on the server (HzTable). */
  const SettlementsView = {
    components: { HzTable },
    setup() {
      const tab = ref("unmatched"), list = ref(null), busy = ref(false);
      const filters = reactive({ status: "unmatched", hospital: "", range: null });
      function switchTab() { filters.status = tab.value === "all" ? "" : tab.value; }
      async function relink() {
        busy.value = true;
        try {
          const r = await hzApi.post("/settlements/relink");
          ElMessage.success(r.linked ? "已匹配 " + r.linked + " 条结算数据到新登记的会员" : "没有可匹配的结算数据（这些身份证号码仍未登记为会员）");
          if (list.value) list.value.reload();
        } catch (e) { ElMessage.error(err(e)); } finally { busy.value = false; }
      }
      return { tab, list, filters, busy, switchTab, relink };
    },
    template: `
    <div>
      <h1 class="page-title">医保结算数据</h1>
      <el-alert type="info" :closable="false" show-icon title="未匹配：结算数据中的身份证号码尚未登记为会员" style="margin-bottom:12px" data-test="st-help">
        <div>处理办法：① 核实此人是否为本市会员（常见原因：单位花名册漏报、身份证号码录错）；② 是会员的，在「组织与单位」中为其单位新增会员或重新导入花名册；
          ③ 登记后点「重新匹配」；④ 匹配后，可在理赔页用「免申即享」为在保期间的住院生成理赔。非会员的结算数据无需处理。</div>
      </el-alert>
      <el-card>
        <div class="toolbar">
          <el-radio-group v-model="tab" @change="switchTab" data-test="st-tab">
            <el-radio-button label="unmatched">未匹配会员</el-radio-button><el-radio-button label="matched">已匹配</el-radio-button><el-radio-button label="all">全部</el-radio-button>
          </el-radio-group>
          <el-button type="primary" :loading="busy" @click="relink" data-test="st-relink">重新匹配</el-button>
        </div>
        <hz-table ref="list" path="/settlements" name="st" search="结算编号、身份证号码或姓名" :filters="filters">
          <template #filters>
            <el-input v-model="filters.hospital" placeholder="医院名称或编码" clearable style="width:180px" data-test="st-hospital" />
            <el-date-picker v-model="filters.range" type="daterange" value-format="YYYY-MM-DD" range-separator="至"
                            start-placeholder="结算起" end-placeholder="结算止" style="width:240px" data-test="st-range" />
          </template>
          <el-table-column prop="setl_id" label="结算编号" width="150" sortable="custom" />
          <el-table-column prop="name" label="姓名 / 身份证号码" min-width="180" sortable="custom"><template #default="s">{{ s.row.psn_name }} <small>{{ s.row.certno }}</small></template></el-table-column>
          <el-table-column prop="hospital" label="医院" min-width="130" sortable="custom" />
          <el-table-column prop="adm_date" label="住院" width="190" sortable="custom"><template #default="s">{{ s.row.adm_date }} 至 {{ s.row.dscg_date || '-' }}</template></el-table-column>
          <el-table-column prop="settled_on" label="结算日期" width="115" sortable="custom" />
          <el-table-column prop="total" label="总费用" width="130" align="right" sortable="custom"><template #default="s">{{ $fmt.money(s.row.total) }}</template></el-table-column>
          <el-table-column label="状态" width="180" fixed="right"><template #default="s">
            <el-tag v-if="s.row.refunded" type="info">已退费</el-tag>
            <el-tag v-else-if="s.row.claim_no" type="success"><a :href="'#/claims/' + s.row.claim_no">理赔 {{ s.row.claim_no }}</a></el-tag>
            <el-tag v-else-if="s.row.matched" type="primary">已匹配会员</el-tag>
            <el-tag v-else-if="s.row.linkable" type="warning">已登记，可重新匹配</el-tag>
            <el-tag v-else type="danger">未匹配会员</el-tag>
          </template></el-table-column>
        </hz-table>
      </el-card>
    </div>`,
  };

  /* 超时预警: claims past the 7-day SLA (from complete documents), by age. */
  const OverdueView = {
    setup() {
      const rows = ref([]), error = ref(""), loaded = ref(false), band = ref("");
      const BANDS = [["8–14 天", 8, 14, "warning"], ["15–30 天", 15, 30, "danger"], ["30 天以上", 31, 1e9, "danger"]];
      const bandOf = (d) => BANDS.find(b => d >= b[1] && d <= b[2]) || null;
      onMounted(async () => {
        try { rows.value = (await hzApi.get("/reports/overdue?format=json")).items.filter(r => r.sla_days > 7).sort((a, b) => b.sla_days - a.sla_days); }
        catch (e) { error.value = err(e); } finally { loaded.value = true; }
      });
      const counts = computed(() => BANDS.map(b => {
        const list = rows.value.filter(r => r.sla_days >= b[1] && r.sla_days <= b[2]);
        let fen = 0n;
        for (const r of list) fen += BigInt(String(r.total).replace(".", ""));
        return { label: b[0], n: list.length, money: hzFmt.money(hzFmt.fenText(Number(fen))), type: b[3] };
      }));
      const shown = computed(() => rows.value.filter(r => !band.value || (bandOf(r.sla_days) || [])[0] === band.value));
      const bandType = (d) => (bandOf(d) || [0, 0, 0, "info"])[3];
      return { rows, error, loaded, counts, shown, band, bandType };
    },
    template: `
    <div>
      <h1 class="page-title">超时预警（材料齐全后超过 7 天未支付）</h1>
      <el-alert v-if="error" type="error" :title="error" show-icon />
      <el-row :gutter="16" class="stat-row" data-test="od-bands">
        <el-col :xs="24" :sm="8" v-for="c in counts" :key="c.label">
          <el-card shadow="hover" @click="band = band === c.label ? '' : c.label" style="cursor:pointer" :data-test="'od-band-' + c.n">
            <div class="stat-label">已用 {{ c.label }}</div>
            <div class="stat-value" :class="c.n ? 'red' : ''">{{ c.n }} 件</div>
            <div class="stat-label">涉及 {{ c.money }}</div>
          </el-card>
        </el-col>
      </el-row>
      <el-card><template #header>{{ band ? '已用 ' + band : '全部超时' }}：{{ shown.length }} 件（按已用天数，最久的在前）</template>
        <el-empty v-if="loaded && !rows.length" description="没有超时的理赔" data-test="od-empty" />
        <el-table v-else :data="shown" size="small" @row-click="c => location.hash = '#/claims/' + c.claim_no" data-test="od-table">
          <el-table-column prop="claim_no" label="理赔编号" width="180" />
          <el-table-column prop="name" label="姓名" width="100" />
          <el-table-column label="状态" width="100"><template #default="s"><el-tag :type="$fmt.statusType[s.row.status]">{{ $fmt.statusText[s.row.status] || s.row.status }}</el-tag></template></el-table-column>
          <el-table-column label="金额" width="140" align="right"><template #default="s">{{ $fmt.money(s.row.total) }}</template></el-table-column>
          <el-table-column label="材料齐全" width="180"><template #default="s">{{ $fmt.time(s.row.documents_complete_at) }}</template></el-table-column>
          <el-table-column label="已用天数" width="120"><template #default="s">
            <el-tag :type="bandType(s.row.sla_days)" effect="dark">{{ s.row.sla_days }} 天</el-tag></template></el-table-column>
        </el-table>
      </el-card>
    </div>`,
  };

  /* 审计校验: the keyed audit chain and the money checks, on demand. */
  const AuditView = {
    setup() {
      const result = ref(null), error = ref(""), busy = ref(false), checkpoint = ref(""), against = ref("");
      async function verify() {
        error.value = ""; result.value = null; busy.value = true;
        try {
          result.value = await hzApi.get("/audit/verify" + (against.value.trim() ? "?against=" + encodeURIComponent(against.value.trim()) : ""));
        } catch (e) { error.value = err(e); } finally { busy.value = false; }
      }
      async function takeCheckpoint() {
        try { checkpoint.value = (await hzApi.get("/audit/checkpoint")).checkpoint; } catch (e) { error.value = err(e); }
      }
      return { result, error, busy, verify, checkpoint, takeCheckpoint, against };
    },
    template: `
    <div>
      <h1 class="page-title">审计校验</h1>
      <el-card><template #header>校验资金账目与审计链（每条操作记录以密钥串联，任何改动、删除都会在此暴露）</template>
        <el-form label-width="120px" style="max-width:760px">
          <el-form-item label="对照检查点"><el-input v-model="against" placeholder="可选：粘贴此前保存的检查点，一并检查截断和改写" data-test="audit-against" /></el-form-item>
          <el-form-item>
            <el-button type="primary" :loading="busy" @click="verify" data-test="audit-verify">运行校验</el-button>
            <el-button @click="takeCheckpoint" data-test="audit-checkpoint">生成检查点</el-button>
          </el-form-item>
        </el-form>
        <el-alert v-if="error" type="error" :title="error" show-icon :closable="false" data-test="audit-error" />
        <el-alert v-if="result && result.ok" type="success" show-icon :closable="false" data-test="audit-ok"
                  :title="'校验通过：' + result.events + ' 条审计事件完整' + (result.checkpoint_ok ? '，与检查点一致' : '')" />
        <el-alert v-else-if="result" type="error" show-icon :closable="false" data-test="audit-broken"
                  :title="'校验未通过' + (result.broken_event ? '：第 ' + result.broken_event + ' 条事件' : '') + '（共 ' + result.events + ' 条）'"
                  :description="result.reason" />
        <div v-if="checkpoint" style="margin-top:12px" data-test="audit-checkpoint-text">
          <p style="margin:0 0 4px">请将检查点另行保存（纸质或其他系统），以后可用于核对：</p>
          <el-input :model-value="checkpoint" readonly type="textarea" :rows="2" />
        </div>
      </el-card>
      <audit-events-card />
    </div>`,
  };

  /* 用户与安全 (admin): accounts with role, scope and state; add, disable or
   * enable, reset a password, unlock; the two-person rule for card changes. */
  const UsersView = {
    components: { DialogFooter, HzTable },
    setup() {
      const list = ref(null), error = ref(""), twoPerson = ref(false), settingBusy = ref(false), orgs = ref([]), units = ref([]);
      /* the accounts are paged, filtered, sorted and exported on the server (HzTable) */
      const filters = reactive({ role: "", status: "", org: "" });
      async function load() {
        error.value = "";
        if (list.value) list.value.reload();
        try { twoPerson.value = (await hzApi.get("/settings/card_two_person")).value === "on"; } catch (e) { error.value = err(e); }
      }
      async function loadOrgs() {
        if (!orgs.value.length) [orgs.value, units.value] = await Promise.all([fetchAll("/orgs"), fetchAll("/units")]);
      }
      async function unlock(u) {
        try {
          await hzApi.post("/users/" + encodeURIComponent(u.login) + "/unlock");
          ElMessage.success("已解锁 " + u.login);
          await load();
        } catch (e) { ElMessage.error(err(e)); }
      }
      async function setDisabled(u, off) {
        if (off && !(await confirmBox("停用账户 " + u.login + "？其登录会话立即失效，之后无法登录，可随时重新启用。", "停用账户", "停用"))) return;
        try {
          await hzApi.post("/users/" + encodeURIComponent(u.login) + (off ? "/disable" : "/enable"));
          ElMessage.success((off ? "已停用 " : "已启用 ") + u.login);
          await load();
        } catch (e) { ElMessage.error(err(e)); }
      }
      const pw = reactive({ open: false, login: "", password: "", busy: false, error: "" });
      function resetPw(u) { Object.assign(pw, { open: true, login: u.login, password: "", error: "" }); }
      async function savePw() {
        pw.busy = true; pw.error = "";
        try {
          await hzApi.post("/users/" + encodeURIComponent(pw.login) + "/password", { password: pw.password });
          pw.open = false;
          ElMessage.success("已重置 " + pw.login + " 的密码，原有会话已失效");
          await load();
        } catch (e) { pw.error = err(e); } finally { pw.busy = false; }
      }
      const add = reactive({ open: false, login: "", role: "staff", scope: "", password: "", busy: false, error: "" });
      const scopeKind = computed(() => ({ cadre: "org", unit: "unit", member: "member" }[add.role] || ""));
      async function addUser() {
        Object.assign(add, { open: true, login: "", role: "staff", scope: "", password: "", error: "" });
        try { await loadOrgs(); } catch (e) { add.error = err(e); }
      }
      async function saveUser() {
        add.busy = true; add.error = "";
        try {
          const body = { login: add.login, role: add.role, password: add.password };
          if (scopeKind.value) body.scope = scopeKind.value + ":" + add.scope;
          await hzApi.post("/users", body);
          add.open = false;
          ElMessage.success("已新增用户 " + add.login + "（" + hzFmt.roleName[add.role] + "）");
          await load();
        } catch (e) { add.error = err(e); } finally { add.busy = false; }
      }
      async function setTwoPerson(v) {
        settingBusy.value = true;
        try {
          const r = await hzApi.put("/settings/card_two_person", { value: v ? "on" : "off" });
          twoPerson.value = r.value === "on";
          ElMessage.success(twoPerson.value ? "已开启：银行卡变更须由另一人确认" : "已关闭两人确认");
        } catch (e) { twoPerson.value = !v; ElMessage.error(err(e)); } finally { settingBusy.value = false; }
      }
      onMounted(() => { load(); loadOrgs().catch((e) => { error.value = err(e); }); });
      return { list, filters, error, twoPerson, settingBusy, unlock, setDisabled, pw, resetPw, savePw, add, scopeKind, addUser, saveUser,
               orgs, units, setTwoPerson, roleName: hzFmt.roleName };
    },
    template: `
    <div>
      <h1 class="page-title">用户与安全</h1>
      <el-alert v-if="error" type="error" :title="error" show-icon />
      <el-card><template #header>办事处设置</template>
        <el-switch :model-value="twoPerson" :loading="settingBusy" @change="setTwoPerson" data-test="two-person"
                   active-text="银行卡变更须由另一人确认（两人确认）" inactive-text="" />
        <p style="color:#888;margin-bottom:0">开启后，变更会员银行卡的人员不能自己确认新卡；确认前该会员的待支付款项一律暂停。</p>
      </el-card>
      <el-card style="margin-top:16px"><template #header>
          <span>账户（连续登录失败达到上限的账户被锁定，须由管理员解锁）</span>
          <el-button type="primary" size="small" style="margin-left:12px" @click="addUser" data-test="user-add">新增用户</el-button>
        </template>
        <hz-table ref="list" path="/users" name="user" search="登录名或范围名称" :filters="filters">
          <template #filters>
            <el-select v-model="filters.role" placeholder="角色" clearable style="width:130px" data-test="user-role">
              <el-option v-for="(n, r) in roleName" :key="r" :label="n" :value="r" />
            </el-select>
            <el-select v-model="filters.status" placeholder="状态" clearable style="width:100px" data-test="user-status">
              <el-option label="启用" value="enabled" /><el-option label="停用" value="disabled" /><el-option label="锁定" value="locked" />
            </el-select>
            <el-select v-model="filters.org" placeholder="所属组织" clearable filterable style="width:170px" data-test="user-org">
              <el-option v-for="o in orgs" :key="o.code" :label="o.name" :value="o.code" />
            </el-select>
          </template>
          <el-table-column prop="login" label="登录名" width="130" sortable="custom" />
          <el-table-column prop="role" label="角色" width="100" sortable="custom"><template #default="s">{{ roleName[s.row.role] || s.row.role }}</template></el-table-column>
          <el-table-column label="范围" min-width="130"><template #default="s">{{ s.row.scope ? (s.row.scope_name || s.row.scope) : '全市（办事处）' }}</template></el-table-column>
          <el-table-column label="状态" width="150"><template #default="s">
            <el-tag v-if="s.row.locked" type="danger" :data-test="'locked-' + s.row.login">已锁定</el-tag>
            <el-tag v-else-if="s.row.disabled" type="info" :data-test="'disabled-' + s.row.login">已停用</el-tag>
            <el-tag v-else type="success">正常</el-tag>
            <small v-if="s.row.failed_logins" style="margin-left:6px;color:#888">失败 {{ s.row.failed_logins }} 次</small>
            <div v-if="s.row.locked" style="color:#888;font-size:12px">{{ $fmt.time(s.row.locked_at) }} 锁定</div>
          </template></el-table-column>
          <el-table-column prop="last_login" label="最近登录" width="160" sortable="custom"><template #default="s">{{ s.row.last_login_at ? $fmt.time(s.row.last_login_at) : '从未登录' }}</template></el-table-column>
          <el-table-column prop="created_at" label="创建时间" width="165" sortable="custom"><template #default="s">{{ $fmt.time(s.row.created_at) }}</template></el-table-column>
          <el-table-column label="操作" width="250" fixed="right"><template #default="s">
            <el-button v-if="s.row.locked || s.row.failed_logins" size="small" type="primary" @click="unlock(s.row)"
                       :data-test="'unlock-' + s.row.login">解锁</el-button>
            <el-button size="small" @click="resetPw(s.row)" :data-test="'reset-' + s.row.login">重置密码</el-button>
            <el-button v-if="!s.row.disabled" size="small" type="danger" plain @click="setDisabled(s.row, true)" :data-test="'disable-' + s.row.login">停用</el-button>
            <el-button v-else size="small" type="success" plain @click="setDisabled(s.row, false)" :data-test="'enable-' + s.row.login">启用</el-button>
          </template></el-table-column>
        </hz-table>
      </el-card>
      <el-dialog v-model="add.open" title="新增用户" width="520px">
        <el-form label-width="90px" data-test="user-form">
          <el-form-item label="登录名" required><el-input v-model="add.login" data-test="uf-login" /></el-form-item>
          <el-form-item label="角色" required>
            <el-select v-model="add.role" @change="add.scope = ''" style="width:100%" data-test="uf-role">
              <el-option v-for="(n, r) in roleName" :key="r" :label="n" :value="r" />
            </el-select>
          </el-form-item>
          <el-form-item v-if="scopeKind === 'org'" label="所属工会" required>
            <el-select v-model="add.scope" filterable style="width:100%" data-test="uf-scope-org">
              <el-option v-for="o in orgs" :key="o.code" :label="o.name" :value="o.code" />
            </el-select>
          </el-form-item>
          <el-form-item v-if="scopeKind === 'unit'" label="会员单位" required>
            <el-select v-model="add.scope" filterable style="width:100%" data-test="uf-scope-unit">
              <el-option v-for="u in units" :key="u.code" :label="u.name" :value="u.code" />
            </el-select>
          </el-form-item>
          <el-form-item v-if="scopeKind === 'member'" label="身份证号码" required><el-input v-model="add.scope" data-test="uf-scope-member" /></el-form-item>
          <el-form-item label="初始密码" required><el-input v-model="add.password" type="password" show-password data-test="uf-password" />
            <small style="color:#888">至少 8 位，不能是登录名或常见密码</small></el-form-item>
        </el-form>
        <template #footer>
          <dialog-footer :error="add.error" :busy="add.busy" label="新增" test="uf-user" @cancel="add.open = false" @save="saveUser" />
        </template>
      </el-dialog>
      <el-dialog v-model="pw.open" :title="'重置密码 · ' + pw.login" width="460px">
        <el-input v-model="pw.password" type="password" show-password placeholder="新密码（至少 8 位）" data-test="pw-new" />
        <p style="color:#888;font-size:12px">重置后该账户现有的登录会话立即失效，锁定同时解除。</p>
        <template #footer>
          <dialog-footer :error="pw.error" :busy="pw.busy" label="重置" test="pw" @cancel="pw.open = false" @save="savePw" />
        </template>
      </el-dialog>
    </div>`,
  };

  return { OrgView, MemberEditPanel, PlansView, EnrollView, ContributionsView, SettlementsView, OverdueView, AuditView, UsersView };
})();
