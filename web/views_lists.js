/* The console's long lists (issue 16): members and claims, moved here from
 * views.js so the list work does not collide with edits there. Loaded after
 * views.js (shares errText, RowErrors and the Vue globals). */
const MembersView = {
  setup() {
    const q = ref(""), rows = ref([]), total = ref(0), page = ref(1), error = ref("");
    let latest = 0; // the newest request's number: an older answer arriving late is dropped
    async function load() {
      const mine = ++latest;
      error.value = "";
      try {
        const r = await hzApi.get("/members?per_page=20&page=" + page.value + "&q=" + encodeURIComponent(q.value.trim()));
        if (mine === latest) { rows.value = r.items; total.value = r.total; }
      } catch (e) { if (mine === latest) error.value = errText(e); }
    }
    onMounted(load);
    return { q, rows, total, page, error, load, open: (m) => { location.hash = "#/members/" + m.ref; } };
  },
  template: `
  <div>
    <h1 class="page-title">会员</h1>
    <div class="toolbar">
      <el-input v-model="q" placeholder="姓名或身份证号码" style="max-width:280px" data-test="member-search" @keyup.enter="page=1;load()" clearable />
      <el-button type="primary" @click="page=1;load()">查询</el-button>
      <span style="color:#888">共 {{ total }} 人</span>
    </div>
    <el-alert v-if="error" type="error" :title="error" show-icon />
    <el-table :data="rows" stripe @row-click="open" style="cursor:pointer" data-test="member-table">
      <el-table-column prop="name" label="姓名" width="110" />
      <el-table-column prop="id_number" label="身份证号码" width="200" />
      <el-table-column label="性别" width="70"><template #default="s">{{ s.row.sex === 'F' ? '女' : '男' }}</template></el-table-column>
      <el-table-column prop="birth_date" label="出生日期" width="120" />
      <el-table-column label="会员单位 / 工会"><template #default="s">{{ s.row.unit_name || s.row.org }}</template></el-table-column>
      <el-table-column prop="phone" label="手机" width="130" />
    </el-table>
    <el-pagination style="margin-top:12px" layout="prev, pager, next" :total="total" :page-size="20" v-model:current-page="page" @current-change="load" />
  </div>`,
};

const ClaimsView = {
  components: { RowErrors },
  setup() {
    const tab = ref("adjudicated"), rows = ref([]), total = ref(0), error = ref("");
    const intake = reactive({ id_number: "", settlements: "", accident: false, documents_complete: true });
    const intakeError = ref(""), feedMsg = ref(""), feedRows = ref([]), feedInput = ref(null);
    async function load() {
      error.value = "";
      try {
        const r = await hzApi.get("/claims?per_page=100" + (tab.value === "all" ? "" : "&status=" + tab.value));
        rows.value = r.items; total.value = r.total;
      } catch (e) { error.value = errText(e); }
    }
    async function submit() {
      intakeError.value = "";
      /* the server normalises and checks the number (full-width digits, a
       * lower-case x, a pasted no-break space): one rule, not two */
      if (!intake.id_number.trim()) { intakeError.value = "请填写身份证号码"; return; }
      const setl = intake.settlements.split(/[\s,，]+/).filter(Boolean);
      try {
        const c = await hzApi.post("/claims", { id_number: intake.id_number, settlements: setl,
          accident: intake.accident, documents_complete: intake.documents_complete });
        ElMessage.success("已受理并核算：" + c.claim_no + "，合计 " + c.total);
        location.hash = "#/claims/" + c.claim_no;
      } catch (e) { intakeError.value = errText(e); }
    }
    async function uploadFeed(ev) {
      const f = ev.target.files[0];
      if (!f) return;
      feedMsg.value = ""; feedRows.value = [];
      try {
        const r = await hzApi.upload("/settlements", await f.arrayBuffer());
        feedMsg.value = "读取 " + r.read + " 条，新增 " + r.new + "，重复 " + r.duplicate + "，退费 " + r.refund + "，未匹配会员 " + r.unmatched;
      } catch (e) { feedMsg.value = "导入失败：" + errText(e); feedRows.value = errRows(e); }
      ev.target.value = "";
    }
    async function proactive() {
      try {
        const r = await hzApi.post("/claims/proactive");
        ElMessage.success("免申即享：新建理赔 " + r.created.length + " 件");
        load();
      } catch (e) { ElMessage.error(errText(e)); }
    }
    onMounted(load);
    watch(tab, load);
    return { tab, rows, total, error, intake, intakeError, submit, feedMsg, feedRows, uploadFeed, feedInput, proactive,
             open: (c) => { location.hash = "#/claims/" + c.claim_no; }, sla: hzFmt.sla };
  },
  template: `
  <div>
    <h1 class="page-title">理赔（7日快速理赔）</h1>
    <el-row :gutter="16">
      <el-col :md="12">
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
      <el-col :md="12">
        <el-card><template #header>医保数据共享</template>
          <p style="margin-top:0">导入医保中心结算数据（CSV 或 JSON Lines，国家平台字段名）。</p>
          <input ref="feedInput" type="file" accept=".csv,.jsonl,.json" @change="uploadFeed" data-test="feed-file" aria-label="医保结算文件" />
          <p v-if="feedMsg" data-test="feed-result">{{ feedMsg }}</p>
          <row-errors :rows="feedRows" />
          <el-button @click="proactive" data-test="proactive">免申即享：为已结算住院生成理赔</el-button>
        </el-card>
      </el-col>
    </el-row>
    <el-card style="margin-top:16px">
      <el-tabs v-model="tab">
        <el-tab-pane label="待审核" name="adjudicated" />
        <el-tab-pane label="待补材料" name="received" />
        <el-tab-pane label="已审批待支付" name="approved" />
        <el-tab-pane label="已支付" name="paid" />
        <el-tab-pane label="全部" name="all" />
      </el-tabs>
      <el-alert v-if="error" type="error" :title="error" show-icon />
      <el-table :data="rows" stripe @row-click="open" style="cursor:pointer" data-test="claim-table">
        <el-table-column prop="claim_no" label="编号" width="170" />
        <el-table-column label="会员" width="200"><template #default="s">{{ s.row.member.name }} {{ s.row.member.id_number }}</template></el-table-column>
        <el-table-column label="状态" width="110"><template #default="s"><el-tag :type="$fmt.statusType[s.row.status]">{{ $fmt.statusText[s.row.status] }}</el-tag></template></el-table-column>
        <el-table-column prop="total" label="合计" width="120" />
        <el-table-column label="来源" width="90"><template #default="s">{{ s.row.proactive ? '免申即享' : '申请' }}</template></el-table-column>
        <el-table-column label="受理时间"><template #default="s">{{ $fmt.time(s.row.submitted_at) }}</template></el-table-column>
      </el-table>
    </el-card>
  </div>`,
};
