/* Joining online (issue 15): the joint union's queue of membership
 * applications (approve after a confirmation, reject with a reason), the
 * standing sponsorships with what they gave (the office adds them), and
 * the membership growth report. Loaded after views.js (shares its helpers);
 * the server decides every rule and the scope, these pages only ask and
 * show. The worker's own form is the public page join.html. */
const hzJoin = {
  statusText: { pending: "待审批", approved: "已入会", rejected: "已拒绝" },
  statusType: { pending: "warning", approved: "success", rejected: "danger" },
  reviewer: () => hzCan("joining.review"), /* me.actions (hzCan) */
  office: () => hzCan("joining.sponsor"),
  today: () => new Date().toLocaleDateString("en-CA", { timeZone: "Asia/Shanghai" }),
};

const JoiningView = {
  props: ["user"],
  setup(props) {
    const tab = ref("pending"), rows = ref([]), total = ref(0), error = ref("");
    const sponsorships = ref([]), growth = ref([]);
    const year = hzJoin.today().slice(0, 4);
    const form = reactive({ org: "", plan: "XYT", months: 12, from: hzJoin.today(), to: year + "-12-31" });
    async function load() {
      error.value = "";
      try {
        const q = tab.value === "all" ? "" : "?status=" + tab.value;
        const r = await hzApi.get("/applications" + q);
        rows.value = r.items;
        total.value = r.total;
        sponsorships.value = (await hzApi.get("/sponsorships")).items;
        growth.value = (await hzApi.get("/reports/growth?format=json&from=" + (Number(year) - 1) + "-01-01")).items;
      } catch (e) { error.value = errText(e); }
    }
    async function approve(row) {
      try {
        await ElMessageBox.confirm("批准 " + row.name + " 加入 " + row.org_name + "？将建立新就业形态会员，并按常设赠送自今日起获得保障。",
                                   "批准入会", { confirmButtonText: "批准", cancelButtonText: "取消", type: "warning" });
      } catch (e) { return; } // cancelled
      try {
        const r = await hzApi.post("/applications/" + row.no + "/approve");
        ElMessage.success("已批准 " + r.no + "，" + r.name + " 已成为会员");
        await load();
      } catch (e) { ElMessage.error(errText(e)); }
    }
    async function reject(row) {
      let reason;
      try {
        reason = (await ElMessageBox.prompt("请填写拒绝理由（将告知申请人）", "拒绝入会申请", {
          confirmButtonText: "拒绝", cancelButtonText: "取消", inputValidator: (v) => !!(v && v.trim()) || "拒绝须填写理由",
        })).value.trim();
      } catch (e) { return; } // cancelled
      try {
        const r = await hzApi.post("/applications/" + row.no + "/reject", { reason });
        ElMessage.success("已拒绝 " + r.no);
        await load();
      } catch (e) { ElMessage.error(errText(e)); }
    }
    async function addSponsorship() {
      try {
        const r = await hzApi.post("/sponsorships", { org: form.org.trim(), plan: form.plan.trim(), months: Number(form.months),
                                                      from: form.from, to: form.to });
        ElMessage.success("已设立常设赠送 " + r.no);
        await load();
      } catch (e) { ElMessage.error(errText(e)); }
    }
    onMounted(load);
    watch(tab, load);
    return { tab, rows, total, error, sponsorships, growth, form, approve, reject, addSponsorship, st: hzJoin,
             reviewer: hzJoin.reviewer(props.user), office: hzJoin.office(props.user), fmt: hzFmt };
  },
  template: `
  <div>
    <h1 class="page-title">入会申请与常设赠送</h1>
    <el-alert v-if="error" type="error" :title="error" show-icon />
    <el-card>
      <template #header>网上入会申请 <small style="color:#888">（工人在 /join.html 提交，无需登录）</small></template>
      <el-tabs v-model="tab">
        <el-tab-pane label="待审批" name="pending" />
        <el-tab-pane label="已入会" name="approved" />
        <el-tab-pane label="已拒绝" name="rejected" />
        <el-tab-pane label="全部" name="all" />
      </el-tabs>
      <el-table :data="rows" data-test="application-table" empty-text="暂无申请">
        <el-table-column prop="no" label="编号" width="130" />
        <el-table-column label="申请人" width="130"><template #default="{ row }">{{ row.name }}<div style="font-size:12px;color:#888">{{ row.phone }}</div></template></el-table-column>
        <el-table-column prop="id_number" label="身份证号" width="170" />
        <el-table-column prop="occupation_label" label="职业" width="96" />
        <el-table-column prop="org_name" label="联合工会" min-width="150" show-overflow-tooltip />
        <el-table-column label="申请时间" width="150"><template #default="{ row }">{{ fmt.time(row.created_at) }}</template></el-table-column>
        <el-table-column label="状态" width="120"><template #default="{ row }">
          <el-tag size="small" :type="st.statusType[row.status]">{{ st.statusText[row.status] }}</el-tag>
          <div v-if="row.reason" style="font-size:12px;color:#888">{{ row.reason }}</div>
        </template></el-table-column>
        <el-table-column v-if="reviewer" label="操作" width="140" fixed="right"><template #default="{ row }">
          <template v-if="row.status === 'pending'">
            <el-button size="small" type="success" @click="approve(row)" :data-test="'application-approve-' + row.no">批准</el-button>
            <el-button size="small" type="danger" plain @click="reject(row)" :data-test="'application-reject-' + row.no">拒绝</el-button>
          </template>
        </template></el-table-column>
      </el-table>
      <div style="margin-top:8px;color:#888" data-test="application-total">共 {{ total }} 件</div>
    </el-card>
    <el-card style="margin-top:16px">
      <template #header>常设赠送 <small style="color:#888">（期间加入该组织的会员，自入会之日起获赠保障，由组织付费）</small></template>
      <el-table :data="sponsorships" data-test="sponsorship-table" empty-text="暂无常设赠送">
        <el-table-column prop="no" label="编号" width="140" />
        <el-table-column prop="org_name" label="组织" min-width="200" />
        <el-table-column label="计划" width="130"><template #default="{ row }">{{ fmt.planName[row.plan] || row.plan }} · {{ row.months }}个月</template></el-table-column>
        <el-table-column label="入会期间" width="200"><template #default="{ row }">{{ row.from }} 至 {{ row.to }}</template></el-table-column>
        <el-table-column prop="granted" label="已赠送(人)" width="100" />
        <el-table-column prop="not_eligible" label="不符合条件" width="100" />
        <el-table-column label="组织付费" width="110"><template #default="{ row }"><span class="money">{{ row.premium }}</span></template></el-table-column>
      </el-table>
      <div v-if="office" class="toolbar" style="margin-top:12px;flex-wrap:wrap;gap:8px;display:flex" data-test="sponsorship-form">
        <el-input v-model="form.org" placeholder="组织代码，如 SL-ZA-XYT" style="max-width:200px" aria-label="组织代码" data-test="sponsorship-org" />
        <el-input v-model="form.plan" placeholder="计划[:份数]" style="max-width:120px" aria-label="计划" data-test="sponsorship-plan" />
        <el-input-number v-model="form.months" :min="1" :max="120" aria-label="月数" data-test="sponsorship-months" />
        <el-input v-model="form.from" placeholder="起 YYYY-MM-DD" style="max-width:140px" aria-label="入会起始日" data-test="sponsorship-from" />
        <el-input v-model="form.to" placeholder="止 YYYY-MM-DD" style="max-width:140px" aria-label="入会截止日" data-test="sponsorship-to" />
        <el-button type="primary" @click="addSponsorship" data-test="sponsorship-add">设立常设赠送</el-button>
      </div>
    </el-card>
    <el-card style="margin-top:16px">
      <template #header>会员增长（按区县、月份）
        <a href="/api/v1/reports/growth?format=csv" style="margin-left:12px" data-test="growth-csv">导出 CSV</a>
        <a href="/api/v1/reports/growth?format=xlsx" style="margin-left:8px">导出 Excel</a></template>
      <el-table :data="growth" data-test="growth-table" empty-text="暂无" max-height="360">
        <el-table-column prop="district" label="区县" min-width="200" />
        <el-table-column prop="month" label="月份" width="100" />
        <el-table-column prop="new_members" label="新增会员" width="100" />
        <el-table-column prop="new_newform" label="其中新就业形态" width="140" />
      </el-table>
    </el-card>
  </div>`,
};

const hzJoiningViews = { JoiningView };
