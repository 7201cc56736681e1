/* The console's pages. Each view calls the API and renders; no business
 * rules live here (they are in the server's use cases). */
const { ref, reactive, computed, onMounted, watch, nextTick } = Vue;
const { ElMessage, ElMessageBox } = ElementPlus;

/* the server's words; a member reads them without the English in parentheses (the office's habit) */
function errText(e) {
  const t = e && e.message ? e.message : String(e);
  /* …and without the field's English name before it ("settlement: …") */
  return hzCan.role === "member" ? t.replace(/\s*\((?=[^()]*[A-Za-z]{2})[^()]*\)/g, "").replace(/^[a-z_][a-z0-9_.[\]]*:\s*/, "") : t;
}
/* The server's row-by-row details of a refused file (rosters, the feed, bank
 * results): [{row, field, column, reason}], column as the file titles it. */
function errRows(e) { return (e && e.data && e.data.error && e.data.error.details) || []; }

/* A refused file's rows, as the server reported them. */
const RowErrors = {
  props: ["rows"],
  template: `
  <el-table v-if="rows && rows.length" :data="rows" size="small" data-test="row-errors">
    <el-table-column prop="row" label="行号" width="80" />
    <el-table-column prop="column" label="列" width="140" />
    <el-table-column prop="reason" label="原因" />
  </el-table>`,
};

const LoginView = {
  emits: ["done"],
  setup(props, { emit }) {
    const form = reactive({ login: "", password: "" });
    const error = ref("");
    const busy = ref(false);
    async function submit() {
      error.value = "";
      if (!form.login || !form.password) { error.value = "请输入登录名和密码"; return; }
      busy.value = true;
      try {
        const r = await hzApi.post("/session", { login: form.login, password: form.password });
        hzApi.setCsrf(r.csrf);
        emit("done", r.user);
      } catch (e) { error.value = errText(e); } finally { busy.value = false; }
    }
    return { form, error, busy, submit };
  },
  template: `
  <div class="login-wrap">
    <el-card class="login-card">
      <div class="login-title">职工互助保障系统</div>
      <div class="login-sub">中国职工保险互助会 · 办事处业务平台</div>
      <el-form label-position="top" @submit.prevent="submit">
        <el-form-item label="登录名" for="login">
          <el-input id="login" v-model="form.login" data-test="login" autocomplete="username" />
        </el-form-item>
        <el-form-item label="密码" for="password">
          <el-input id="password" v-model="form.password" data-test="password" type="password" show-password
                    autocomplete="current-password" @keyup.enter="submit" />
        </el-form-item>
        <div v-if="error" class="field-error" role="alert" data-test="login-error">{{ error }}</div>
        <el-button type="danger" style="width:100%;margin-top:12px" :loading="busy" @click="submit" data-test="login-submit">登 录</el-button>
      </el-form>
    </el-card>
  </div>`,
};

const MemberView = {
  props: ["id"],
  setup(props) {
    const m = ref(null), claims = ref([]), error = ref("");
    async function load() {
      try {
        // by the member's opaque handle: cadre and unit users see ID numbers masked
        m.value = await hzApi.get("/members/ref/" + encodeURIComponent(props.id));
        claims.value = (await hzApi.get("/claims?per_page=100&member=" + encodeURIComponent(props.id))).items;
      } catch (e) { error.value = errText(e); }
    }
    onMounted(load);
    return { m, claims, error, load };
  },
  template: `
  <div>
    <h1 class="page-title">会员档案</h1>
    <div v-if="m" style="margin:-8px 0 12px"><hz-print :href="'/members/' + id + '/certificate.pdf'" label="打印保障凭证" test="print-certificate" />
      <member-edit-panel :m="m" @saved="load" style="margin-left:8px" /></div>
    <el-alert v-if="error" type="error" :title="error" show-icon />
    <template v-if="m">
      <el-card>
        <el-descriptions :column="3" border data-test="member-detail">
          <el-descriptions-item label="姓名">{{ m.name }}</el-descriptions-item>
          <el-descriptions-item label="身份证号码">{{ m.id_number }}</el-descriptions-item>
          <el-descriptions-item label="性别 / 出生">{{ m.sex === 'F' ? '女' : '男' }} · {{ m.birth_date }}</el-descriptions-item>
          <el-descriptions-item label="会员单位">{{ m.unit_name || '个人会员' }}</el-descriptions-item>
          <el-descriptions-item label="手机">{{ m.phone || '-' }}</el-descriptions-item>
          <el-descriptions-item label="银行卡">{{ m.bank_card || '-' }} {{ m.bank_name || '' }}</el-descriptions-item>
          <el-descriptions-item label="人员类别" :span="3">
            <el-tag v-for="f in m.flags" :key="f.code + f.from" style="margin-right:6px">{{ f.label }} {{ f.to < '2199' ? '（至 ' + f.to + '）' : '' }}</el-tag>
            <span v-if="!m.flags.length">普通</span>
          </el-descriptions-item>
        </el-descriptions>
      </el-card>
      <card-change-panel :m="m" @confirmed="load" />
      <el-card style="margin-top:16px"><template #header>保障与缴费</template>
        <el-table :data="m.coverages" size="small" data-test="coverage-table">
          <el-table-column label="计划"><template #default="s">{{ s.row.plan }} {{ $fmt.planName[s.row.plan] }}</template></el-table-column>
          <el-table-column prop="shares" label="份数" width="70" />
          <el-table-column prop="start" label="起保" width="120" />
          <el-table-column prop="end" label="止保" width="120" />
          <el-table-column label="缴费" width="120" align="right"><template #default="s">{{ $fmt.money(s.row.premium) }}</template></el-table-column>
          <el-table-column label="缴费方"><template #default="s">{{ $fmt.payer(s.row.payer, m) }}</template></el-table-column>
          <el-table-column label="续保" width="80"><template #default="s">{{ s.row.continuous ? '连续' : '' }}</template></el-table-column>
        </el-table>
      </el-card>
      <el-card style="margin-top:16px"><template #header>理赔</template>
        <el-table :data="claims" size="small" @row-click="c => location.hash = '#/claims/' + c.claim_no">
          <el-table-column prop="claim_no" label="编号" width="170" />
          <el-table-column label="状态" width="100"><template #default="s"><el-tag :type="$fmt.statusType[s.row.status]">{{ $fmt.statusText[s.row.status] }}</el-tag></template></el-table-column>
          <el-table-column label="合计" align="right"><template #default="s">{{ $fmt.money(s.row.total) }}</template></el-table-column>
          <el-table-column label="受理时间"><template #default="s">{{ $fmt.time(s.row.submitted_at) }}</template></el-table-column>
        </el-table>
      </el-card>
      <member-aid :member-ref="id" />
    </template>
  </div>`,
};

const UnitsView = {
  setup() {
    const units = ref([]), error = ref(""), busy = ref(false), report = ref(null), reportError = ref("");
    const form = reactive({ unit: "", plans: ["ZY"], start: "", file: null, fileName: "" });
    const fileInput = ref(null);
    onMounted(async () => {
      try { units.value = (await hzApi.get("/units?per_page=500")).items; } catch (e) { error.value = errText(e); }
      /* a liaison has one unit: chosen already */
      if (units.value.length === 1) { form.unit = units.value[0].code; renewal.unit = units.value[0].code; }
    });
    function pick(ev) { form.file = ev.target.files[0] || null; form.fileName = form.file ? form.file.name : ""; }
    async function upload() {
      reportError.value = ""; report.value = null;
      if (!form.unit) { reportError.value = "请选择会员单位"; return; }
      if (!form.start) { reportError.value = "请选择起保日期"; return; }
      if (!form.file) { reportError.value = "请选择花名册文件（CSV 或 XLSX）"; return; }
      busy.value = true;
      const qs = "unit=" + encodeURIComponent(form.unit) + "&start=" + form.start + form.plans.map(p => "&plan=" + p).join("");
      try {
        report.value = await hzApi.upload("/rosters?" + qs, await form.file.arrayBuffer());
        ElMessage.success("导入完成：新增 " + report.value.imported + " 人，更新 " + report.value.updated + " 人");
      } catch (e) {
        reportError.value = errText(e);
        if (e.data && e.data.report) report.value = e.data.report;
        else if (errRows(e).length) report.value = { rows: 0, imported: 0, updated: 0, rejected_total: errRows(e).length, rejected: errRows(e) };
      } finally {
        busy.value = false;
        if (fileInput.value) fileInput.value.value = "";
        form.file = null; form.fileName = "";
      }
    }
    const renewal = reactive({ unit: "", range: [], msg: "", error: "" });
    async function renew() {
      renewal.msg = ""; renewal.error = "";
      if (!renewal.unit || !renewal.range || renewal.range.length !== 2) { renewal.error = "请选择单位和到期日期范围"; return; }
      const u = units.value.find(x => x.code === renewal.unit) || { name: renewal.unit, members: "-" };
      /* renewing enrols and charges every coverage of the unit that ends in the range: asked first */
      if (!await hzConfirm("确认续保", ["单位：" + u.name + "（会员 " + u.members + " 人）",
        "到期日期：" + renewal.range[0] + " 至 " + renewal.range[1],
        "该单位在此期间到期的每一项保障都将转入下一期（连续续保，无观察期），并按计划收取保费。",
        "续保记入资金账，不能撤销。"], "确认续保")) return;
      try {
        const r = await hzApi.post("/coverages/renew", { unit: renewal.unit, from: renewal.range[0], to: renewal.range[1] });
        renewal.msg = "已为" + u.name + "续保 " + r.enrolled + " 项，保费合计 " + hzFmt.money(r.premium_total) + "（到期保障 " +
          r.selected + " 项，其中已有下一期 " + r.already_covered + " 项，不符合条件 " + r.ineligible + " 项）";
        ElMessage.success("已续保 " + r.enrolled + " 项，保费合计 " + hzFmt.money(r.premium_total));
      } catch (e) { renewal.error = errText(e); }
    }
    const orgName = reactive({});
    onMounted(async () => { /* the org's name, not its code */
      try { for (const o of (await hzApi.get("/orgs?per_page=500")).items) orgName[o.code] = o.name; } catch (e) { /* codes stay */ }
    });
    return { units, error, form, busy, report, reportError, upload, pick, fileInput, renewal, renew, orgName };
  },
  template: `
  <div>
    <h1 class="page-title">会员单位与花名册</h1>
    <el-alert v-if="error" type="error" :title="error" show-icon />
    <el-card><template #header>导入花名册（CSV / XLSX，中文或英文表头，UTF-8 或 GB18030）</template>
      <el-form label-width="110px" style="max-width:640px">
        <el-form-item label="会员单位" for="roster-unit">
          <el-select id="roster-unit" v-model="form.unit" filterable placeholder="选择单位" style="width:100%" data-test="roster-unit">
            <el-option v-for="u in units" :key="u.code" :label="u.name + '（' + u.members + '人）'" :value="u.code" />
          </el-select>
        </el-form-item>
        <el-form-item label="参保计划">
          <el-checkbox-group v-model="form.plans">
            <el-checkbox v-for="p in ['ZY','ZJ','NG','YW','JT']" :key="p" :label="p">{{ $fmt.planName[p] }}</el-checkbox>
          </el-checkbox-group>
        </el-form-item>
        <el-form-item label="起保日期" for="roster-start">
          <el-date-picker id="roster-start" v-model="form.start" type="date" value-format="YYYY-MM-DD" placeholder="YYYY-MM-DD" data-test="roster-start" />
        </el-form-item>
        <el-form-item label="花名册文件">
          <hz-file-pick accept=".csv,.xlsx" test="roster-file" label="选择花名册文件" @pick="f => { form.file = f; form.fileName = f ? f.name : '' }" />
        </el-form-item>
        <el-form-item>
          <el-button type="danger" :loading="busy" @click="upload" data-test="roster-upload">上传并导入</el-button>
        </el-form-item>
      </el-form>
      <el-alert v-if="reportError" type="error" :title="reportError" show-icon data-test="roster-error"
                description="请按下表逐行修改后重新上传（修正后再次上传即可，已存在的会员只会更新，不会重复）" />
      <template v-if="report">
        <p data-test="roster-summary">共 {{ report.rows }} 行：新增 {{ report.imported }}，更新 {{ report.updated }}，有误 {{ report.rejected_total }}</p>
        <el-table v-if="report.rejected.length" :data="report.rejected" size="small" data-test="roster-rejects">
          <el-table-column prop="row" label="行号" width="80" />
          <el-table-column prop="column" label="列" width="120" />
          <el-table-column prop="reason" label="原因" />
        </el-table>
      </template>
    </el-card>
    <el-card v-if="$can('coverage.enroll')" style="margin-top:16px"><template #header>续保（保障到期的会员转入下一期）</template>
      <div class="toolbar">
        <el-select v-model="renewal.unit" filterable placeholder="选择单位" style="width:280px" data-test="renew-unit">
          <el-option v-for="u in units" :key="u.code" :label="u.name" :value="u.code" />
        </el-select>
        <el-date-picker v-model="renewal.range" type="daterange" value-format="YYYY-MM-DD" start-placeholder="到期自"
                        end-placeholder="到期至" id="renew-range" />
        <el-button type="primary" @click="renew" data-test="renew">续保…</el-button>
      </div>
      <div v-if="renewal.error" class="field-error" role="alert" data-test="renew-error">{{ renewal.error }}</div>
      <p v-if="renewal.msg" data-test="renew-result">{{ renewal.msg }}</p>
    </el-card>
    <el-card style="margin-top:16px"><template #header>会员单位</template>
      <el-table :data="units" size="small">
        <el-table-column prop="name" label="单位名称" />
        <el-table-column prop="code" label="统一社会信用代码" width="210" />
        <el-table-column v-if="Object.keys(orgName).length" label="所属工会" width="160"><template #default="s">{{ orgName[s.row.org] || '-' }}</template></el-table-column>
        <el-table-column prop="members" label="会员" width="90" />
      </el-table>
    </el-card>
  </div>`,
};

const PaymentsView = {
  components: { RowErrors },
  setup() {
    const batch = ref(null), msg = ref(""), msgRows = ref([]), error = ref(""), batches = ref(null);
    const relist = () => { if (batches.value) batches.value.reload(); }; /* the batch list below */
    /* a batch freezes every approved, unpaid payable into a bank file: the
     * dialog says how many claims and how much wait (the approved claims on
     * file), then the message says what the batch holds */
    async function create() {
      error.value = "";
      let lines;
      try {
        const r = await hzApi.get("/claims?status=approved&per_page=500");
        const fen = r.items.reduce((a, c) => a + hzFen(c.total), 0);
        lines = ["已审批待支付的理赔 " + r.total + " 件" + (r.total <= r.items.length ? "，合计 " + hzFmt.money(fen) : "") + "，",
                 "连同已审批的劳模补助、救助款，汇成一个银行支付批次（没有银行卡的会员暂不列入）。",
                 "批次生成后即冻结，不能撤销；请下载银行文件交给银行。"];
      } catch (e) { error.value = errText(e); return; }
      if (!await hzConfirm("确认生成支付批次", lines, "生成批次")) return;
      try {
        batch.value = await hzApi.post("/payment-batches");
        if (!batch.value.count) ElMessage.info("没有待支付的款项，未生成批次");
        else ElMessage.success("已生成批次 " + batch.value.batch_no + "，共 " + batch.value.count + " 笔 " + hzFmt.money(batch.value.total));
        relist();
      } catch (e) { error.value = errText(e); }
    }
    async function confirm(f) {
      if (!f) return;
      msg.value = ""; msgRows.value = [];
      try {
        const r = await hzApi.upload("/payment-batches/confirm", await f.arrayBuffer());
        msg.value = "成功 " + r.paid + " 笔，失败 " + r.failed + " 笔，重复 " + r.duplicate + " 笔";
        relist();
      } catch (e) { msg.value = "导入失败：" + errText(e); msgRows.value = errRows(e); }
    }
    return { batch, msg, msgRows, error, create, confirm, batches };
  },
  template: `
  <div>
    <h1 class="page-title">支付</h1>
    <el-row :gutter="16">
      <el-col :md="12"><el-card><template #header>生成银行支付批次</template>
        <p style="margin-top:0">把所有已审批、未支付的理赔汇成一个批次，下载银行文件交给银行。</p>
        <el-button type="danger" @click="create" data-test="batch-create">生成批次…</el-button>
        <el-alert v-if="error" type="error" :title="error" show-icon style="margin-top:12px" />
        <div v-if="batch && batch.count" style="margin-top:12px" data-test="batch-result">
          已生成批次 <b>{{ batch.batch_no }}</b>：共 {{ batch.count }} 笔，合计 <b>{{ $fmt.money(batch.total) }}</b>
          <a :href="'/api/v1' + batch.file.replace('/api/v1', '')" download data-test="batch-download">下载银行文件</a>
          <div v-if="batch.skipped_no_bank_card" class="field-error">{{ batch.skipped_no_bank_card }} 件因没有银行卡未列入</div>
        </div>
      </el-card></el-col>
      <el-col :md="12"><el-card><template #header>导入银行结果文件</template>
        <p style="margin-top:0">列：业务编号、结果（成功/失败）、失败原因、银行流水号。失败的理赔回到“已审批”并显示原因。</p>
        <hz-file-pick accept=".csv" test="bank-result" label="选择银行结果文件并导入" @pick="confirm" />
        <p v-if="msg" data-test="bank-result-msg">{{ msg }}</p>
        <row-errors :rows="msgRows" />
      </el-card></el-col>
    </el-row>
    <payment-batches-card ref="batches" />
  </div>`,
};
