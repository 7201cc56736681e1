/* The office's day (issue 16): the organisation tree and units (add, edit,
 * add a member) and a member's edit (flags, bank card: a change holds
 * payouts until confirmed and is audited). The server decides who may do
 * what; these pages show its answers. Loaded after views_office_kit.js. */
const hzOfficeViews = (() => {
  const { ref, reactive, computed, onMounted, watch } = Vue;
  const { ElMessage } = ElementPlus;
  const { err, role, OFFICE, kindName, confirmBox, fetchAll, DialogFooter } = hzOfficeKit;
  const FLAG_LEVELS = {
    model: [["national", "全国劳模"], ["provincial", "省部级劳模"], ["city", "市级劳模"]],
    hardship: [["deep", "深度困难"], ["relative", "相对困难"]],
    newform: [["courier", "快递员"], ["delivery", "外卖骑手"], ["ridehail", "网约车司机"], ["truck", "货车司机"], ["other", "其他新业态"]],
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

  return { OrgView, MemberEditPanel };
})();
