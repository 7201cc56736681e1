/* The office's trails (issue 16): the audit events table beside the chain's
 * verification (审计校验) and the bank batches with a batch's lines (支付).
 * Both are HzTable lists of the API (server paging, filters, sort, export);
 * loaded after views_lists.js. */
const hzTrailViews = (() => {
  /* the actions an office looks for most, in words; any other is typed */
  const actionName = {
    "claim": "理赔（全部）", "claim.submit": "理赔受理", "claim.approve": "理赔审批通过", "claim.reject": "理赔拒绝",
    "claim.documents": "理赔材料", "payment": "支付（全部）", "payment.batch": "生成支付批次", "payment.paid": "银行支付成功",
    "payment.failed": "银行退回", "member.add": "会员登记", "member.update": "会员修改", "member.card_change": "银行卡变更",
    "coverage": "参保（全部）", "lm": "劳模补助（全部）", "relief": "救助（全部）", "user": "用户（全部）",
    "session.login": "登录", "session.login_failed": "登录失败", "setting.set": "设置修改", "plan.publish": "发布计划",
  };
  const batchStatus = { unfiled: ["银行文件待写出", "danger"], sent: ["待银行回盘", "warning"], partial: ["部分回盘", "primary"],
                        settled: ["已回盘", "success"] };
  const itemStatus = { pending: ["待回盘", "warning"], paid: ["已支付", "success"], returned: ["银行退回", "danger"] };
  const sourceName = { claim: "互助理赔", lm: "劳模补助", relief: "救助" };

  /* 审计日志: who did what to which object, filtered by action, actor, object and day */
  const AuditEventsCard = {
    components: { HzTable },
    setup() {
      /* typed filters apply on Enter or leaving the box, not on every key */
      const filters = reactive({ action: "", actor: "", object: "", range: null }), draft = reactive({ actor: "", object: "" });
      const apply = (k) => { filters[k] = draft[k].trim(); };
      return { filters, draft, apply, actions: Object.entries(actionName).map(([code, name]) => ({ code, name })), actionName };
    },
    template: `
    <el-card style="margin-top:16px"><template #header>审计日志（每条操作：时间、操作人、操作、对象）</template>
      <hz-table path="/audit/events" name="audit" search="对象或详情关键词" :filters="filters">
        <template #filters>
          <el-select v-model="filters.action" placeholder="操作" clearable filterable allow-create style="width:170px" data-test="audit-action">
            <el-option v-for="a in actions" :key="a.code" :label="a.name + ' ' + a.code" :value="a.code" />
          </el-select>
          <el-input v-model="draft.actor" @change="apply('actor')" placeholder="操作人登录名" clearable style="width:130px" data-test="audit-actor" />
          <el-input v-model="draft.object" @change="apply('object')" placeholder="对象：理赔编号、批次号…" clearable style="width:190px" data-test="audit-object" />
          <el-date-picker v-model="filters.range" type="daterange" value-format="YYYY-MM-DD" range-separator="至"
                          start-placeholder="起" end-placeholder="止" style="width:230px" data-test="audit-range" />
        </template>
        <el-table-column prop="seq" label="序号" width="80" />
        <el-table-column prop="at" label="时间" width="170" sortable="custom"><template #default="s">{{ $fmt.time(s.row.at) }}</template></el-table-column>
        <el-table-column prop="actor" label="操作人" width="120" sortable="custom"><template #default="s">
          <span :title="s.row.actor">{{ $fmt.actor(s.row.actor) }}</span></template></el-table-column>
        <el-table-column prop="action" label="操作" width="170" sortable="custom"><template #default="s">
          <span :title="s.row.action">{{ actionName[s.row.action] || s.row.action }}</span></template></el-table-column>
        <el-table-column prop="object" label="对象" width="200" sortable="custom" show-overflow-tooltip />
        <el-table-column prop="summary" label="摘要" min-width="220" show-overflow-tooltip />
      </hz-table>
    </el-card>`,
  };

  /* 支付批次: every batch with what the bank answered; a row opens its lines */
  const PaymentBatchesCard = {
    components: { HzTable },
    setup(props, { expose }) {
      const filters = reactive({ status: "", range: null }), list = ref(null), open = ref(false), batch = ref(null),
            error = ref(""), loading = ref(false);
      async function show(row) {
        open.value = true; error.value = ""; batch.value = null; loading.value = true;
        try { batch.value = await hzApi.get("/payment-batches/" + encodeURIComponent(row.batch_no)); }
        catch (e) { error.value = errText(e); }
        loading.value = false;
      }
      expose({ reload: () => list.value && list.value.reload() });
      return { filters, list, open, batch, error, loading, show, batchStatus, itemStatus, sourceName };
    },
    template: `
    <el-card style="margin-top:16px"><template #header>支付批次（点击一行查看明细）</template>
      <hz-table ref="list" path="/payment-batches" name="batch" search="批次号、理赔编号或身份证号码" :filters="filters" @row-click="show">
        <template #filters>
          <el-select v-model="filters.status" placeholder="状态" clearable style="width:140px" data-test="batch-status">
            <el-option v-for="(s, k) in batchStatus" :key="k" :label="s[0]" :value="k" />
          </el-select>
          <el-date-picker v-model="filters.range" type="daterange" value-format="YYYY-MM-DD" range-separator="至"
                          start-placeholder="生成起" end-placeholder="生成止" style="width:230px" data-test="batch-range" />
        </template>
        <el-table-column prop="batch_no" label="批次号" width="190" sortable="custom" />
        <el-table-column prop="created_at" label="生成时间" width="155" sortable="custom"><template #default="s">{{ $fmt.time(s.row.created_at) }}</template></el-table-column>
        <el-table-column prop="status" label="状态" width="110" sortable="custom"><template #default="s">
          <el-tag :type="batchStatus[s.row.status][1]">{{ batchStatus[s.row.status][0] }}</el-tag></template></el-table-column>
        <el-table-column prop="count" label="笔数" width="80" sortable="custom" align="right" />
        <el-table-column prop="total" label="金额" width="140" sortable="custom" align="right"><template #default="s"><span class="money">{{ $fmt.money(s.row.total) }}</span></template></el-table-column>
        <el-table-column label="已支付" min-width="175" align="right"><template #default="s">{{ s.row.paid }} 笔 · {{ $fmt.money(s.row.paid_amount) }}</template></el-table-column>
        <el-table-column label="银行退回" min-width="100" align="right"><template #default="s">
          <span v-if="s.row.returned" class="field-error">{{ s.row.returned }} 笔 · {{ $fmt.money(s.row.returned_amount) }}</span><span v-else>0 笔</span></template></el-table-column>
        <el-table-column label="待回盘" min-width="100" align="right"><template #default="s">
          <template v-if="s.row.pending">{{ s.row.pending }} 笔 · {{ $fmt.money(s.row.pending_amount) }}</template><template v-else>0 笔</template></template></el-table-column>
      </hz-table>
      <el-drawer v-model="open" :title="batch ? '批次 ' + batch.batch_no : '批次明细'" size="min(920px, 100%)" data-test="batch-detail">
        <div v-loading="loading">
          <el-alert v-if="error" type="error" :title="error" show-icon :closable="false" />
          <template v-if="batch">
            <el-descriptions :column="3" border size="small" data-test="batch-summary">
              <el-descriptions-item label="生成时间">{{ $fmt.time(batch.created_at) }}</el-descriptions-item>
              <el-descriptions-item label="生成人">{{ $fmt.actor(batch.created_by) }}</el-descriptions-item>
              <el-descriptions-item label="状态"><el-tag :type="batchStatus[batch.status][1]">{{ batchStatus[batch.status][0] }}</el-tag></el-descriptions-item>
              <el-descriptions-item label="合计">{{ batch.count }} 笔 · {{ $fmt.money(batch.total) }}</el-descriptions-item>
              <el-descriptions-item label="已支付">{{ batch.paid }} 笔 · {{ $fmt.money(batch.paid_amount) }}</el-descriptions-item>
              <el-descriptions-item label="银行退回">{{ batch.returned }} 笔 · {{ $fmt.money(batch.returned_amount) }}</el-descriptions-item>
              <el-descriptions-item label="待回盘">{{ batch.pending }} 笔 · {{ $fmt.money(batch.pending_amount) }}</el-descriptions-item>
              <el-descriptions-item label="抵扣应追回">{{ $fmt.money(batch.offset) }}</el-descriptions-item>
              <el-descriptions-item label="银行文件"><a :href="batch.file" download data-test="batch-detail-file">下载</a></el-descriptions-item>
            </el-descriptions>
            <el-table :data="batch.items" stripe size="small" style="margin-top:12px" data-test="batch-items">
              <el-table-column prop="seq" label="序号" width="60" />
              <el-table-column label="业务编号" width="160"><template #default="s">
                <a v-if="s.row.source === 'claim'" :href="'#/claims/' + s.row.ref">{{ s.row.ref }}</a><span v-else>{{ s.row.ref }}</span>
                <div style="color:#909399;font-size:12px">{{ sourceName[s.row.source] || s.row.source }}</div></template></el-table-column>
              <el-table-column prop="payee" label="收款人" width="90" />
              <el-table-column label="账号" width="190"><template #default="s">{{ s.row.bank_card }}<div style="color:#909399;font-size:12px">{{ s.row.bank_name }}</div></template></el-table-column>
              <el-table-column label="金额" width="130" align="right"><template #default="s"><span class="money">{{ $fmt.money(s.row.amount) }}</span></template></el-table-column>
              <el-table-column label="状态" width="100"><template #default="s"><el-tag :type="itemStatus[s.row.status][1]" size="small">{{ itemStatus[s.row.status][0] }}</el-tag></template></el-table-column>
              <el-table-column label="银行流水号 / 退回原因" min-width="160"><template #default="s">
                <span v-if="s.row.return_reason" class="field-error">{{ s.row.return_reason }}</span><span v-else>{{ s.row.bank_ref || '-' }}</span></template></el-table-column>
            </el-table>
          </template>
        </div>
      </el-drawer>
    </el-card>`,
  };

  return { AuditEventsCard, PaymentBatchesCard };
})();
