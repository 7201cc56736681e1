/* Console pages of the security module (issue 12): a member's bank-card
 * change waiting for confirmation, and the admin's users and office
 * settings. The server decides who may do what (two-person rule, roles,
 * scope); these pages show its answers. Loaded after views.js. */

/* On a member's page: the pending card change (cards masked for the roles
 * that do not see them), the payouts it holds, and for admin/staff the
 * button that confirms the new card. Emits "confirmed" so the page reloads
 * the member; the released payouts stay listed afterwards. */
const CardChangePanel = {
  props: ["m"],
  emits: ["confirmed"],
  setup(props, { emit }) {
    const user = Vue.inject("user");
    const busy = ref(false), error = ref(""), done = ref(null);
    const mayConfirm = computed(() => !!user.value && hzCan("security.card_confirm")); /* me.actions */
    const cc = computed(() => props.m && props.m.card_change);
    async function confirmCard() {
      error.value = "";
      const held = cc.value.held.slice();
      try {
        await ElMessageBox.confirm("确认会员 " + props.m.name + " 的新银行卡 " + cc.value.new_card +
          "？确认后暂停的 " + cc.value.held_total_count + " 笔支付将恢复，进入下一个银行批次。", "确认新银行卡",
          { confirmButtonText: "确认", cancelButtonText: "取消", type: "warning" });
      } catch (e) { return; }
      busy.value = true;
      try {
        /* by the ID number the server knows; a masked one never reaches here (no button) */
        const r = await hzApi.post("/members/" + encodeURIComponent(props.m.id_number) + "/confirm-card");
        done.value = { ...r, held };
        ElMessage.success("已确认新银行卡，恢复支付 " + r.released + " 笔");
        emit("confirmed");
      } catch (e) { error.value = errText(e); } finally { busy.value = false; }
    }
    return { cc, mayConfirm, busy, error, done, confirmCard, viaText: { roster: "花名册", api: "接口", cli: "命令行", console: "管理后台" } };
  },
  template: `
  <el-card v-if="cc" style="margin-top:16px" class="card-change" data-test="card-change">
    <template #header><span style="color:#b45309">⚠ 银行卡变更待确认 · 相关支付已暂停</span></template>
    <el-descriptions :column="2" border size="small">
      <el-descriptions-item label="原银行卡"><span data-test="card-old">{{ cc.old_card || '（无）' }}</span> {{ cc.old_bank }}</el-descriptions-item>
      <el-descriptions-item label="新银行卡"><b data-test="card-new">{{ cc.new_card }}</b> {{ cc.new_bank }}</el-descriptions-item>
      <el-descriptions-item label="变更人"><span data-test="card-changed-by">{{ cc.changed_by }}</span>（{{ viaText[cc.via] || cc.via }}）</el-descriptions-item>
      <el-descriptions-item label="变更时间">{{ $fmt.time(cc.changed_at) }}</el-descriptions-item>
    </el-descriptions>
    <p style="margin:12px 0 6px">因此暂停的支付 {{ cc.held_total_count }} 笔：</p>
    <el-table v-if="cc.held.length" :data="cc.held" size="small" data-test="card-held">
      <el-table-column prop="payable_no" label="业务编号" width="180" />
      <el-table-column prop="purpose" label="用途" />
      <el-table-column prop="amount" label="应付金额" width="120" />
    </el-table>
    <div v-if="mayConfirm" style="margin-top:12px">
      <el-button type="warning" :loading="busy" @click="confirmCard" data-test="card-confirm">确认新银行卡</el-button>
      <span style="color:#888;margin-left:8px">请先与会员核实新卡（办事处设置两人确认时，须由变更人以外的人员确认）</span>
    </div>
    <el-alert v-if="error" type="error" :title="error" show-icon :closable="false" style="margin-top:12px" data-test="card-confirm-error" />
  </el-card>
  <el-card v-else-if="done" style="margin-top:16px" data-test="card-confirmed">
    <el-alert type="success" show-icon :closable="false"
      :title="'已确认新银行卡 ' + done.new_card + '（' + done.changed_by + ' 变更，' + done.confirmed_by + ' 确认），恢复支付 ' + done.released + ' 笔'" />
    <el-table v-if="done.held.length" :data="done.held" size="small" style="margin-top:8px" data-test="card-released">
      <el-table-column prop="payable_no" label="业务编号（已恢复支付）" width="220" />
      <el-table-column prop="purpose" label="用途" />
      <el-table-column prop="amount" label="应付金额" width="120" />
    </el-table>
  </el-card>`,
};

/* 用户与安全 (admin): accounts with role, scope and lock state, unlock, and
 * the office's two-person rule for bank-card changes. */
const UsersView = {
  setup() {
    const rows = ref([]), error = ref(""), twoPerson = ref(false), settingBusy = ref(false);
    async function load() {
      error.value = "";
      try {
        rows.value = (await hzApi.get("/users")).items;
        twoPerson.value = (await hzApi.get("/settings/card_two_person")).value === "on";
      } catch (e) { error.value = errText(e); }
    }
    async function unlock(u) {
      try {
        await hzApi.post("/users/" + encodeURIComponent(u.login) + "/unlock");
        ElMessage.success("已解锁 " + u.login);
        await load();
      } catch (e) { ElMessage.error(errText(e)); }
    }
    async function setTwoPerson(v) {
      settingBusy.value = true;
      try {
        const r = await hzApi.put("/settings/card_two_person", { value: v ? "on" : "off" });
        twoPerson.value = r.value === "on";
        ElMessage.success(twoPerson.value ? "已开启：银行卡变更须由另一人确认" : "已关闭两人确认");
      } catch (e) { twoPerson.value = !v; ElMessage.error(errText(e)); } finally { settingBusy.value = false; }
    }
    onMounted(load);
    return { rows, error, twoPerson, settingBusy, unlock, setTwoPerson, roleName: hzFmt.roleName };
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
    <el-card style="margin-top:16px"><template #header>账户（连续登录失败达到上限的账户被锁定，须由管理员解锁）</template>
      <el-table :data="rows" size="small" data-test="user-table">
        <el-table-column prop="login" label="登录名" width="150" />
        <el-table-column label="角色" width="110"><template #default="s">{{ roleName[s.row.role] || s.row.role }}</template></el-table-column>
        <el-table-column label="范围"><template #default="s">{{ s.row.scope ? (s.row.scope_name || s.row.scope) : '全市（办事处）' }}
          <small v-if="s.row.scope" style="color:#888">{{ s.row.scope }}</small></template></el-table-column>
        <el-table-column label="状态" width="200"><template #default="s">
          <el-tag v-if="s.row.locked" type="danger" :data-test="'locked-' + s.row.login">已锁定</el-tag>
          <el-tag v-else-if="s.row.disabled" type="info">已停用</el-tag>
          <el-tag v-else type="success">正常</el-tag>
          <small v-if="s.row.failed_logins" style="margin-left:6px;color:#888">失败 {{ s.row.failed_logins }} 次</small>
        </template></el-table-column>
        <el-table-column label="锁定时间" width="170"><template #default="s">{{ s.row.locked ? $fmt.time(s.row.locked_at) : '' }}</template></el-table-column>
        <el-table-column label="操作" width="100"><template #default="s">
          <el-button v-if="s.row.locked || s.row.failed_logins" size="small" type="primary" @click="unlock(s.row)"
                     :data-test="'unlock-' + s.row.login">解锁</el-button>
        </template></el-table-column>
      </el-table>
    </el-card>
  </div>`,
};
