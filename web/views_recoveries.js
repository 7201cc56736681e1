/* 应追回款项 (finance, admin): members who owe a payout back because its claim
 * was taken back after the bank paid (a refund in the feed, a reversal), and
 * where the money went. A member's later payouts offset what is owed first
 * (the server does that); here finance records a repayment received at the
 * bank, under the bank's serial number (one serial is one repayment, so a
 * double click or a second clerk cannot record it twice), or writes the rest
 * off with a reason after a confirmation. Every figure is the server's
 * (GET /recoveries, POST /recoveries); the page does no arithmetic on money.
 * Loaded after views_office_kit.js. */
const hzRecoveryViews = (() => {
  const { ref, reactive, onMounted } = Vue;
  const { ElMessage } = ElementPlus;
  const { err, confirmBox, DialogFooter } = hzOfficeKit;

  const RecoveriesView = {
    components: { DialogFooter, HzTable },
    setup() {
      const list = ref(null), summary = ref(null), error = ref("");
      /* the worklist first: members who still owe */
      const filters = reactive({ status: "open" });
      async function loadSummary() {
        try { summary.value = (await hzApi.get("/recoveries?per_page=1")).summary; } catch (e) { error.value = err(e); }
      }
      function reload() { if (list.value) list.value.reload(); loadSummary(); }
      const rec = reactive({ open: false, kind: "repay", row: null, amount: "", ref: "", reason: "", busy: false, error: "" });
      function record(row, kind) {
        Object.assign(rec, { open: true, kind, row, amount: row.owes, ref: "", error: "",
                             reason: kind === "repay" ? "会员退回" : "" });
      }
      async function save() {
        rec.error = "";
        const amount = String(rec.amount).trim(), reason = rec.reason.trim(), serial = rec.ref.trim();
        if (rec.kind === "repay" && !serial) { rec.error = "银行流水号：登记还款须填写银行流水号（同一流水号只能登记一次）"; return; }
        if (rec.kind === "writeoff" &&
            !(await confirmBox(`核销 ${rec.row.name} 应追回款项 ${hzFmt.money(amount)}？核销后不再追回，且不可撤销。`, "核销", "核销"))) return;
        rec.busy = true;
        try {
          const body = { id_number: rec.row.id_number, kind: rec.kind, amount, reason };
          if (serial) body.ref = serial;
          const r = await hzApi.post("/recoveries", body);
          rec.open = false;
          ElMessage.success(`已${rec.kind === "repay" ? "登记还款" : "核销"} ${hzFmt.money(r.amount)}，${rec.row.name} 尚欠 ${hzFmt.money(r.owes)}`);
          reload();
        } catch (e) { rec.error = err(e); } finally { rec.busy = false; }
      }
      onMounted(loadSummary);
      return { list, filters, summary, error, rec, record, save };
    },
    template: `
    <div>
      <h1 class="page-title">应追回款项</h1>
      <el-alert v-if="error" type="error" :title="error" show-icon :closable="false" />
      <el-card data-test="rec-summary">
        <template #header>资金去向（全部累计）</template>
        <el-descriptions v-if="summary" :column="5" border>
          <el-descriptions-item label="银行实付"><span class="money" data-test="rec-paid-out">{{ $fmt.money(summary.paid_out) }}</span></el-descriptions-item>
          <el-descriptions-item label="在途"><span class="money" data-test="rec-pending">{{ $fmt.money(summary.pending) }}</span></el-descriptions-item>
          <el-descriptions-item label="已追回"><span class="money" data-test="rec-recovered">{{ $fmt.money(summary.recovered) }}</span></el-descriptions-item>
          <el-descriptions-item label="已核销"><span class="money" data-test="rec-written-off">{{ $fmt.money(summary.written_off) }}</span></el-descriptions-item>
          <el-descriptions-item label="应追回余额"><b class="money red" data-test="rec-outstanding">{{ $fmt.money(summary.outstanding) }}</b></el-descriptions-item>
        </el-descriptions>
        <p style="color:#888;margin-bottom:0">理赔在银行付款后被撤销（如医保退费）时，会员须退回已付款项；该会员此后的给付先抵扣所欠。
          会员退回的款项凭银行流水号登记（同一流水号只登记一次）；确实无法追回的，说明理由后核销。</p>
      </el-card>
      <el-card style="margin-top:16px"><template #header>会员明细</template>
        <hz-table ref="list" path="/recoveries" name="rec" search="身份证号码或姓名" :filters="filters">
          <template #filters>
            <el-select v-model="filters.status" placeholder="全部" clearable style="width:120px" data-test="rec-status">
              <el-option label="未结清" value="open" /><el-option label="已结清" value="closed" />
            </el-select>
          </template>
          <el-table-column prop="name" label="姓名" width="80" sortable="custom" />
          <el-table-column prop="id_number" label="身份证号码" width="170" sortable="custom" />
          <el-table-column prop="unit_name" label="会员单位" min-width="110" />
          <el-table-column label="状态" width="80"><template #default="s">
            <el-tag v-if="s.row.status === 'open'" type="danger">未结清</el-tag><el-tag v-else type="success">已结清</el-tag>
          </template></el-table-column>
          <el-table-column prop="owes" label="应追回余额" width="115" align="right" sortable="custom">
            <template #default="s"><b class="money" :data-test="'rec-owes-' + s.row.id_number">{{ $fmt.money(s.row.owes, false) }}</b></template></el-table-column>
          <el-table-column prop="recovered" label="已追回" width="100" align="right" sortable="custom">
            <template #default="s"><span class="money" :data-test="'rec-back-' + s.row.id_number">{{ $fmt.money(s.row.recovered, false) }}</span></template></el-table-column>
          <el-table-column prop="written_off" label="已核销" width="100" align="right" sortable="custom">
            <template #default="s"><span class="money" :data-test="'rec-off-' + s.row.id_number">{{ $fmt.money(s.row.written_off, false) }}</span></template></el-table-column>
          <el-table-column prop="since" label="首次应追回" width="150" sortable="custom"><template #default="s">{{ $fmt.time(s.row.since) }}</template></el-table-column>
          <el-table-column label="操作" width="165" fixed="right"><template #default="s">
            <template v-if="s.row.status === 'open'">
              <el-button size="small" type="primary" @click.stop="record(s.row, 'repay')" :data-test="'rec-repay-' + s.row.id_number">登记还款</el-button>
              <el-button size="small" type="danger" plain @click.stop="record(s.row, 'writeoff')" :data-test="'rec-writeoff-' + s.row.id_number">核销</el-button>
            </template>
            <span v-else style="color:#888">-</span>
          </template></el-table-column>
        </hz-table>
      </el-card>
      <el-dialog v-model="rec.open" :title="(rec.kind === 'repay' ? '登记还款' : '核销') + (rec.row ? ' · ' + rec.row.name : '')" width="480px">
        <el-form v-if="rec.row" label-width="100px" data-test="rec-form">
          <el-form-item label="应追回余额"><b class="money">{{ $fmt.money(rec.row.owes) }}</b></el-form-item>
          <el-form-item :label="rec.kind === 'repay' ? '还款金额' : '核销金额'" required>
            <el-input v-model="rec.amount" data-test="rec-amount"><template #append>元</template></el-input></el-form-item>
          <el-form-item v-if="rec.kind === 'repay'" label="银行流水号" required><el-input v-model="rec.ref" data-test="rec-ref" /></el-form-item>
          <el-form-item label="理由" required><el-input v-model="rec.reason" data-test="rec-reason"
            :placeholder="rec.kind === 'repay' ? '' : '如：会员已故，无法追回'" /></el-form-item>
        </el-form>
        <template #footer>
          <dialog-footer :error="rec.error" :busy="rec.busy" :label="rec.kind === 'repay' ? '登记' : '核销'" test="rec" @cancel="rec.open = false" @save="save" />
        </template>
      </el-dialog>
    </div>`,
  };

  return { RecoveriesView };
})();
