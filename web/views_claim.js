/* The claim pages (issue 16): the staff's claim page (ClaimView) and the
 * member's phone pages (MobileView, MobileClaimView). Moved here from
 * views.js; they use the helpers views.js defines (errText, Vue's ref...). */
const ClaimView = {
  props: ["no"],
  setup(props) {
    const c = ref(null), error = ref(""), reason = ref(""), reasonError = ref("");
    async function load() {
      try { c.value = await hzApi.get("/claims/" + props.no); } catch (e) { error.value = errText(e); }
    }
    async function act(kind) {
      reasonError.value = "";
      try {
        if (kind === "reject") {
          if (!reason.value.trim()) { reasonError.value = "拒绝须填写理由"; return; }
          c.value = await hzApi.post("/claims/" + props.no + "/reject", { reason: reason.value.trim() });
        } else if (kind === "docs") {
          c.value = await hzApi.post("/claims/" + props.no + "/documents", { complete: true });
        } else {
          c.value = await hzApi.post("/claims/" + props.no + "/approve");
        }
        ElMessage.success("已保存");
      } catch (e) { ElMessage.error(errText(e)); }
    }
    onMounted(load);
    const docs = computed(() => c.value ? c.value.documents_required.split(",").map(k => ({
      k, ok: c.value.documents_received.split(",").includes(k) })) : []);
    const docName = { id_card: "身份证", discharge_certificate: "出院证", accident_certificate: "意外事故证明",
      death_certificate: "死亡证明", disability_assessment: "伤残鉴定书", bank_card: "银行卡", diagnosis_report: "诊断证明",
      pathology_report: "病理报告" };
    return { c, error, reason, reasonError, act, docs, docName, sla: hzFmt.sla };
  },
  template: `
  <div>
    <h1 class="page-title">理赔申请 {{ no }}</h1>
    <div v-if="c" style="margin:-8px 0 12px"><hz-print :href="'/claims/' + no + '/notice.pdf'" label="打印理赔通知书" test="print-notice" /></div>
    <el-alert v-if="error" type="error" :title="error" show-icon />
    <template v-if="c">
      <el-card>
        <el-descriptions :column="3" border>
          <el-descriptions-item label="会员"><a :href="'#/members/' + c.member.ref" data-test="claim-member">{{ c.member.name }} {{ c.member.id_number }}</a></el-descriptions-item>
          <el-descriptions-item label="状态"><el-tag :type="$fmt.statusType[c.status]" data-test="claim-status">{{ $fmt.statusText[c.status] }}</el-tag></el-descriptions-item>
          <el-descriptions-item label="合计"><b class="money" data-test="claim-total">{{ c.total }}</b></el-descriptions-item>
          <el-descriptions-item label="7日时限"><span :class="sla(c).cls" data-test="claim-sla">{{ sla(c).text }}</span></el-descriptions-item>
          <el-descriptions-item label="受理">{{ $fmt.time(c.submitted_at) }}</el-descriptions-item>
          <el-descriptions-item label="支付">{{ $fmt.time(c.paid_at) }}</el-descriptions-item>
          <el-descriptions-item v-if="c.review_note" label="审核提示" :span="3">{{ c.review_note }}</el-descriptions-item>
          <el-descriptions-item v-if="c.reject_reason" label="拒绝理由" :span="3">{{ c.reject_reason }}</el-descriptions-item>
          <el-descriptions-item v-if="c.bank_failure" label="银行退回" :span="3">{{ c.bank_failure }}</el-descriptions-item>
        </el-descriptions>
      </el-card>
      <el-card style="margin-top:16px"><template #header>给付明细（每一行都说明依据）</template>
        <el-table :data="c.lines" size="small" data-test="claim-lines">
          <el-table-column label="计划" width="120"><template #default="s">{{ s.row.plan }} {{ $fmt.planName[s.row.plan] }}</template></el-table-column>
          <el-table-column prop="setl_id" label="结算号" width="150" />
          <el-table-column prop="amount" label="金额" width="110" />
          <el-table-column label="结论" width="120"><template #default="s"><el-tag size="small" :type="s.row.amount !== '0.00' ? 'success' : 'info'">{{ $fmt.reasonText[s.row.reason] || s.row.reason }}</el-tag></template></el-table-column>
          <el-table-column label="计算说明"><template #default="s"><span class="explain">{{ s.row.explain }}</span></template></el-table-column>
        </el-table>
      </el-card>
      <el-card style="margin-top:16px"><template #header>材料与审核</template>
        <div style="margin-bottom:12px">
          <el-tag v-for="d in docs" :key="d.k" :type="d.ok ? 'success' : 'warning'" style="margin-right:6px">{{ d.ok ? '✓' : '✗' }} {{ docName[d.k] || d.k }}</el-tag>
          <el-button v-if="c.status === 'received' && $can('claim.documents')" size="small" @click="act('docs')" data-test="docs-complete">材料已收齐</el-button>
        </div>
        <div class="toolbar" v-if="$can('claim.review') && (c.status === 'adjudicated' || c.status === 'approved' || c.status === 'received')">
          <el-button v-if="c.status === 'adjudicated'" type="success" @click="act('approve')" data-test="approve">审核通过</el-button>
          <el-input v-model="reason" placeholder="拒绝理由" style="max-width:300px" data-test="reject-reason" aria-label="拒绝理由" />
          <el-button type="danger" plain @click="act('reject')" data-test="reject">拒绝</el-button>
        </div>
        <div v-if="reasonError" class="field-error" role="alert">{{ reasonError }}</div>
      </el-card>
    </template>
  </div>`,
};

/* Member pages: mobile first. */
const MobileView = {
  props: ["user"],
  setup(props) {
    const me = ref(null), claims = ref([]), error = ref(""), form = reactive({ setl: "" }), formError = ref("");
    const idn = computed(() => (props.user.scope || "").replace("member:", ""));
    async function load() {
      try {
        me.value = await hzApi.get("/members/" + idn.value);
        claims.value = (await hzApi.get("/claims?per_page=50&id_number=" + idn.value)).items;
      } catch (e) { error.value = errText(e); }
    }
    async function submit() {
      formError.value = "";
      if (!form.setl.trim()) { formError.value = "请填写出院证上的结算流水号"; return; }
      try {
        const c = await hzApi.post("/claims", { id_number: idn.value, settlements: [form.setl.trim()], documents_complete: true });
        location.hash = "#/m/claims/" + c.claim_no;
      } catch (e) { formError.value = errText(e); }
    }
    onMounted(load);
    return { me, claims, error, form, formError, submit, idn, sla: hzFmt.sla };
  },
  template: `
  <div class="mobile">
    <el-alert v-if="error" type="error" :title="error" show-icon />
    <template v-if="me">
      <el-card data-test="m-profile"><b>{{ me.name }}</b> · {{ me.unit_name || '个人会员' }}<br><small>{{ me.id_number }}</small>
        <div style="margin-top:8px"><hz-print :href="'/members/' + me.ref + '/certificate.pdf'" label="下载保障凭证" test="m-print-certificate" /></div></el-card>
      <mobile-notices />
      <el-card><template #header>我的保障</template>
        <div v-for="c in me.coverages.slice(0, 8)" :key="c.id" class="cov-item" data-test="m-coverage">
          <span>{{ $fmt.planName[c.plan] || c.plan }} {{ c.shares }}份</span><span>{{ c.start }} 至 {{ c.end }}</span>
        </div>
      </el-card>
      <el-card><template #header>申请理赔（身份证 + 出院证）</template>
        <el-input v-model="form.setl" placeholder="出院证上的医保结算流水号" data-test="m-setl" aria-label="结算流水号" />
        <div v-if="formError" class="field-error" role="alert" data-test="m-error">{{ formError }}</div>
        <el-button type="danger" style="width:100%;margin-top:10px" @click="submit" data-test="m-submit">提交申请</el-button>
      </el-card>
      <mobile-aid :id-number="idn" />
      <el-card><template #header>我的理赔</template>
        <div v-for="c in claims" :key="c.claim_no" class="cov-item" @click="location.hash = '#/m/claims/' + c.claim_no" data-test="m-claim">
          <span>{{ c.claim_no }}<br><el-tag size="small" :type="$fmt.statusType[c.status]">{{ $fmt.statusText[c.status] }}</el-tag></span><b>{{ c.total }}</b>
        </div>
        <div v-if="!claims.length" style="color:#888">暂无</div>
      </el-card>
    </template>
  </div>`,
};

const MobileClaimView = {
  props: ["no"],
  setup(props) {
    const c = ref(null), error = ref("");
    onMounted(async () => { try { c.value = await hzApi.get("/claims/" + props.no); } catch (e) { error.value = errText(e); } });
    return { c, error, sla: hzFmt.sla };
  },
  template: `
  <div class="mobile">
    <a href="#/m">‹ 返回</a>
    <el-alert v-if="error" type="error" :title="error" show-icon />
    <template v-if="c">
      <el-card data-test="m-claim-detail">
        <div class="mobile-head"><h2>{{ c.claim_no }}</h2><el-tag :type="$fmt.statusType[c.status]">{{ $fmt.statusText[c.status] }}</el-tag></div>
        <hz-print :href="'/claims/' + c.claim_no + '/notice.pdf'" label="下载理赔通知书" test="m-print-notice" />
        <div>合计 <b style="font-size:22px;color:#c0392b">{{ c.total }}</b> 元 · <span :class="sla(c).cls">{{ sla(c).text }}</span></div>
      </el-card>
      <el-card v-for="l in c.lines" :key="l.seq">
        <div class="cov-item"><b>{{ $fmt.planName[l.plan] || l.plan }}</b><b>{{ l.amount }}</b></div>
        <div style="margin-top:6px">{{ $fmt.reasonText[l.reason] || l.reason }}</div>
        <div class="explain" style="margin-top:4px">{{ l.explain }}</div>
      </el-card>
    </template>
  </div>`,
};
