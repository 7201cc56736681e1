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
  components: { HzTable },
  setup(props) {
    /* applications and sponsorships are the server's lists: paged, filtered,
     * sorted and exported there (HzTable); the tab is the status filter */
    const tab = ref("pending"), error = ref(""), apps = ref(null), sps = ref(null);
    const filters = reactive({ status: "pending", occupation: "" }), spFilters = reactive({ status: "" });
    const growth = ref([]);
    const year = hzJoin.today().slice(0, 4);
    const form = reactive({ org: "", plan: "XYT", months: 12, from: hzJoin.today(), to: year + "-12-31" });
    async function load() {
      error.value = "";
      if (apps.value) apps.value.reload();
      if (sps.value) sps.value.reload();
      try {
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
    watch(tab, (t) => { filters.status = t === "all" ? "" : t; });
    return { tab, filters, spFilters, apps, sps, error, growth, form, approve, reject, addSponsorship, st: hzJoin,
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
      <hz-table ref="apps" path="/applications" name="application" search="身份证号码、姓名或申请编号" :filters="filters">
        <template #filters>
          <el-select v-model="filters.occupation" placeholder="职业" clearable style="width:120px" data-test="application-occupation">
            <el-option label="快递员" value="courier" /><el-option label="外卖骑手" value="delivery" />
            <el-option label="网约车司机" value="ridehail" /><el-option label="货车司机" value="truck" /><el-option label="其他" value="other" />
          </el-select>
        </template>
        <el-table-column prop="no" label="编号" width="140" sortable="custom" />
        <el-table-column prop="name" label="申请人" width="130" sortable="custom"><template #default="{ row }">{{ row.name }}<div style="font-size:12px;color:#888">{{ row.phone }}</div></template></el-table-column>
        <el-table-column prop="id_number" label="身份证号" width="170" />
        <el-table-column prop="occupation" label="职业" width="96" sortable="custom"><template #default="{ row }">{{ row.occupation_label }}</template></el-table-column>
        <el-table-column prop="org" label="联合工会" min-width="150" show-overflow-tooltip sortable="custom"><template #default="{ row }">{{ row.org_name }}</template></el-table-column>
        <el-table-column prop="created_at" label="申请时间" width="160" sortable="custom"><template #default="{ row }">{{ fmt.time(row.created_at) }}</template></el-table-column>
        <el-table-column prop="status" label="状态" width="120" sortable="custom"><template #default="{ row }">
          <el-tag size="small" :type="st.statusType[row.status]">{{ st.statusText[row.status] }}</el-tag>
          <div v-if="row.reason" style="font-size:12px;color:#888">{{ row.reason }}</div>
        </template></el-table-column>
        <el-table-column v-if="reviewer" label="操作" width="140" fixed="right"><template #default="{ row }">
          <template v-if="row.status === 'pending'">
            <el-button size="small" type="success" @click.stop="approve(row)" :data-test="'application-approve-' + row.no">批准</el-button>
            <el-button size="small" type="danger" plain @click.stop="reject(row)" :data-test="'application-reject-' + row.no">拒绝</el-button>
          </template>
        </template></el-table-column>
      </hz-table>
    </el-card>
    <el-card style="margin-top:16px">
      <template #header>常设赠送 <small style="color:#888">（期间加入该组织的会员，自入会之日起获赠保障，由组织付费）</small></template>
      <hz-table ref="sps" path="/sponsorships" name="sponsorship" search="编号或组织名称" :filters="spFilters" :page-size="20">
        <template #filters>
          <el-select v-model="spFilters.status" placeholder="状态" clearable style="width:120px" data-test="sponsorship-status">
            <el-option label="未开始" value="upcoming" /><el-option label="进行中" value="active" /><el-option label="已结束" value="ended" />
          </el-select>
        </template>
        <el-table-column prop="no" label="编号" width="140" sortable="custom" />
        <el-table-column prop="org" label="组织" min-width="200" sortable="custom"><template #default="{ row }">{{ row.org_name }}</template></el-table-column>
        <el-table-column prop="plan" label="计划" width="130" sortable="custom"><template #default="{ row }">{{ fmt.planName[row.plan] || row.plan }} · {{ row.months }}个月</template></el-table-column>
        <el-table-column prop="from" label="入会期间" width="210" sortable="custom"><template #default="{ row }">{{ row.from }} 至 {{ row.to }}</template></el-table-column>
        <el-table-column prop="granted" label="已赠送(人)" width="110" sortable="custom" />
        <el-table-column prop="not_eligible" label="不符合条件" width="100" />
        <el-table-column prop="premium" label="组织付费" width="130" sortable="custom"><template #default="{ row }"><span class="money">{{ fmt.money(row.premium) }}</span></template></el-table-column>
      </hz-table>
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
