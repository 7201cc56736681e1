/* Console pages of the security module (issue 12): a member's bank-card
 * change waiting for confirmation (the admin's users and office settings
 * moved to views_oversight.js). The server decides who may do what (two-person rule, roles,
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
      <el-descriptions-item label="变更人"><span data-test="card-changed-by">{{ $fmt.actor(cc.changed_by) }}</span>（{{ viaText[cc.via] || cc.via }}）</el-descriptions-item>
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
      :title="'已确认新银行卡 ' + done.new_card + '（' + $fmt.actor(done.changed_by) + ' 变更，' + $fmt.actor(done.confirmed_by) + ' 确认），恢复支付 ' + done.released + ' 笔'" />
    <el-table v-if="done.held.length" :data="done.held" size="small" style="margin-top:8px" data-test="card-released">
      <el-table-column prop="payable_no" label="业务编号（已恢复支付）" width="220" />
      <el-table-column prop="purpose" label="用途" />
      <el-table-column prop="amount" label="应付金额" width="120" />
    </el-table>
  </el-card>`,
};
