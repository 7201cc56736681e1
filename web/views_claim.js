/* The claim pages (issue 16): the staff's claim page (ClaimView) and the
 * member's phone pages (MobileView, MobileClaimView). Moved here from
 * views.js; they use the helpers views.js defines (errText, Vue's ref...). */
/* What the signed-in user may do on a claim: GET /me actions (hzCan,
 * web/api.js), which the shell sets before any page mounts. */
const hzClaimMay = {
  docs: () => hzCan("claim.documents"),
  review: () => hzCan("claim.review"),
  submit: () => hzCan("claim.submit"),
};
const hzDocName = { id_card: "身份证", discharge_certificate: "出院证", accident_certificate: "意外事故证明",
  death_certificate: "死亡证明", disability_assessment: "伤残鉴定书", bank_card: "银行卡", diagnosis_report: "诊断证明",
  pathology_report: "病理报告", itemised_bill: "费用明细清单", discharge_summary: "出院小结" };
/* the stays of a claim numbered by admission (第1次住院…), and a line's stay */
function hzStayIndex(c) {
  const stays = (c.stays || []).slice().sort((x, y) => (x.adm_date < y.adm_date ? -1 : x.adm_date > y.adm_date));
  const no = {};
  stays.forEach((s, i) => { no[s.setl_id] = i + 1; });
  return { stays, no, of: (l) => stays.find((s) => s.setl_id === l.setl_id) || null };
}
/* a claim's steps as the member and the office see them: received →
 * documents → reviewed → paid (or its final state), each with its time */
function hzClaimSteps(c) {
  const done = (t) => (t ? hzFmt.time(t) : "");
  const final = c.status === "rejected" ? "已拒绝" : c.status === "closed" ? "已结案（无给付）" : "已支付";
  const steps = [
    { title: "已受理", at: done(c.submitted_at) },
    { title: "材料齐全", at: done(c.documents_complete_at) },
    { title: c.status === "rejected" ? "审核：不予给付" : "审核通过", at: c.decided_at && c.status !== "adjudicated" && c.status !== "received" ? done(c.decided_at) : "" },
    { title: final, at: c.status === "paid" ? done(c.paid_at) : (c.status === "rejected" || c.status === "closed") ? done(c.decided_at) : "" },
  ];
  let active = steps.findIndex((s) => !s.at);
  if (active < 0) active = steps.length;
  return { steps, active, error: c.status === "rejected" };
}

const ClaimView = {
  props: ["no"],
  setup(props) {
    const user = Vue.inject("user");
    const c = ref(null), error = ref(""), reason = ref(""), reasonError = ref(""), busy = ref(false);
    async function load() {
      try { c.value = await hzApi.get("/claims/" + props.no); } catch (e) { error.value = errText(e); }
    }
    const ask = (what, title) => hzConfirm(title, what, "确定"); /* views_roles.js */
    async function act(kind, arg) {
      reasonError.value = "";
      const cl = c.value;
      let done = "";
      try {
        if (kind === "reject") {
          if (!reason.value.trim()) { reasonError.value = "拒绝须填写理由"; return; }
          if (!(await ask("拒绝理赔申请 " + cl.claim_no + "（合计 " + hzFmt.money(cl.total) + "）：各项给付撤销，额度退回，" +
                          "会员可补正后重新申请。理由：" + reason.value.trim(), "确认拒绝"))) return;
          busy.value = true;
          await hzApi.post("/claims/" + props.no + "/reject", { reason: reason.value.trim() });
          done = "已拒绝，会员将收到通知";
        } else if (kind === "doc") {
          busy.value = true;
          await hzApi.post("/claims/" + props.no + "/documents", { received: [arg] });
          done = "已登记收到：" + (hzDocName[arg] || arg);
        } else if (kind === "resubmit") {
          if (!(await ask("以原住院记录重新申请（补正后），新申请将注明原申请 " + cl.claim_no + "。", "重新申请"))) return;
          busy.value = true;
          const n = await hzApi.post("/claims", { id_number: cl.member.id_number, settlements: cl.stays.map((s) => s.setl_id),
                                                  resubmit_of: cl.claim_no });
          ElMessage.success("已重新申请：" + n.claim_no);
          location.hash = "#/claims/" + n.claim_no;
          return;
        } else {
          const zero = cl.total === "0.00";
          if (!(await ask(zero ? "本件核定给付 0.00 元（每项原因见明细）。审核通过后结案，不进入银行支付。"
                               : "审核通过后核定给付 " + hzFmt.money(cl.total) + "，列入下一个银行支付批次，转入会员银行卡。",
                          "确认审核通过"))) return;
          busy.value = true;
          const r = await hzApi.post("/claims/" + props.no + "/approve");
          done = r.status === "closed" ? "已审核结案（无给付）" : "已审核通过，给付 " + hzFmt.money(r.total) + " 待支付";
        }
        ElMessage.success(done);
        await load();
      } catch (e) { ElMessage.error(errText(e)); } finally { busy.value = false; }
    }
    onMounted(load);
    const idx = computed(() => (c.value ? hzStayIndex(c.value) : { stays: [], no: {}, of: () => null }));
    const diagnoses = computed(() => {
      if (!c.value) return [];
      const out = idx.value.stays.map((s) => ({ stay: idx.value.no[s.setl_id], main: s.main_diag_code, others: s.diag_codes }));
      if (c.value.diagnosis) out.push({ stay: 0, main: c.value.diagnosis, others: [] });
      return out;
    });
    const steps = computed(() => (c.value ? hzClaimSteps(c.value) : { steps: [], active: 0 }));
    const decider = (by) => hzFmt.actor(by);
    return { c, error, reason, reasonError, busy, act, idx, diagnoses, steps, decider, user, may: hzClaimMay,
             docName: hzDocName, sla: hzFmt.sla, money: hzFmt.money, time: hzFmt.time };
  },
  template: `
  <div>
    <h1 class="page-title">理赔申请 {{ no }}</h1>
    <div v-if="c" style="margin:-8px 0 12px"><hz-print :href="'/claims/' + no + '/notice.pdf'" label="打印理赔通知书" test="print-notice" /></div>
    <el-alert v-if="error" type="error" :title="error" show-icon />
    <template v-if="c">
      <el-card>
        <el-descriptions :column="3" border data-test="claim-head">
          <el-descriptions-item label="会员"><a :href="'#/members/' + c.member.ref" data-test="claim-member">{{ c.member.name }} {{ c.member.id_number }}</a></el-descriptions-item>
          <el-descriptions-item label="状态"><el-tag :type="$fmt.statusType[c.status]" data-test="claim-status">{{ $fmt.statusText[c.status] || c.status }}</el-tag></el-descriptions-item>
          <el-descriptions-item label="合计"><b class="money" data-test="claim-total">{{ money(c.total) }}</b></el-descriptions-item>
          <el-descriptions-item label="7日时限"><span :class="sla(c).cls" data-test="claim-sla">{{ sla(c).text }}</span></el-descriptions-item>
          <el-descriptions-item label="受理">{{ time(c.submitted_at) }}{{ c.proactive ? '（免申即享）' : '' }}</el-descriptions-item>
          <el-descriptions-item label="材料齐全">{{ time(c.documents_complete_at) }}</el-descriptions-item>
          <el-descriptions-item label="审核人"><span data-test="claim-decided-by">{{ c.decided_at ? decider(c.decided_by) : '-' }}</span></el-descriptions-item>
          <el-descriptions-item label="审核时间"><span data-test="claim-decided-at">{{ time(c.decided_at) }}</span></el-descriptions-item>
          <el-descriptions-item label="支付">{{ time(c.paid_at) }}</el-descriptions-item>
          <el-descriptions-item v-if="c.event_date && !idx.stays.length" label="事故/确诊日期">{{ c.event_date }}</el-descriptions-item>
          <el-descriptions-item v-if="c.accident || c.death || c.disability_grade" label="事件">
            {{ c.accident ? '意外事故 ' : '' }}{{ c.death ? '身故 ' : '' }}{{ c.disability_grade ? '伤残 ' + c.disability_grade + ' 级' : '' }}</el-descriptions-item>
          <el-descriptions-item v-if="c.resubmit_of" label="原申请"><a :href="'#/claims/' + c.resubmit_of">{{ c.resubmit_of }}</a>（补正后重新申请）</el-descriptions-item>
          <el-descriptions-item label="诊断" :span="3"><span data-test="claim-diagnoses">
            <span v-for="d in diagnoses" :key="d.stay + d.main" style="margin-right:16px">{{ d.stay ? '第' + d.stay + '次住院：' : '' }}<b>{{ d.main }}</b><template v-if="d.others.length">（其他 {{ d.others.join('、') }}）</template></span>
            <span v-if="!diagnoses.length">-</span></span></el-descriptions-item>
          <el-descriptions-item v-if="c.review_note" label="审核提示" :span="3"><span data-test="claim-review-note">{{ $fmt.moneyIn(c.review_note) }}</span></el-descriptions-item>
          <el-descriptions-item v-if="c.reject_reason" label="拒绝理由" :span="3">{{ c.reject_reason }}</el-descriptions-item>
          <el-descriptions-item v-if="c.bank_failure" label="银行退回" :span="3">{{ c.bank_failure }}</el-descriptions-item>
        </el-descriptions>
        <el-steps :active="steps.active" finish-status="success" :process-status="steps.error ? 'error' : 'process'" align-center style="margin-top:16px" data-test="claim-steps">
          <el-step v-for="s in steps.steps" :key="s.title" :title="s.title" :description="s.at" />
        </el-steps>
      </el-card>
      <el-card v-if="idx.stays.length" style="margin-top:16px"><template #header>住院记录（医保结算）</template>
        <el-table :data="idx.stays" size="small" data-test="claim-stays">
          <el-table-column label="住院" width="90"><template #default="s">第{{ idx.no[s.row.setl_id] }}次</template></el-table-column>
          <el-table-column label="入院 — 出院" width="220"><template #default="s">{{ s.row.adm_date }} — {{ s.row.dscg_date }}（{{ s.row.days }} 天）</template></el-table-column>
          <el-table-column prop="hospital" label="医院" />
          <el-table-column label="诊断" width="200"><template #default="s">{{ s.row.main_diag_code }}{{ s.row.diag_codes.length ? '，' + s.row.diag_codes.join('、') : '' }}</template></el-table-column>
          <el-table-column label="个人自付" width="130" align="right"><template #default="s">{{ money(s.row.psn_selfpay) }}</template></el-table-column>
          <el-table-column prop="setl_id" label="结算号" width="160" />
          <el-table-column label="" width="70"><template #default="s"><el-tag v-if="s.row.refunded" type="danger" size="small">已退费</el-tag></template></el-table-column>
        </el-table>
      </el-card>
      <el-card style="margin-top:16px"><template #header>给付明细（每一行都说明依据）</template>
        <el-table :data="c.lines" size="small" data-test="claim-lines">
          <el-table-column label="计划" width="110"><template #default="s">{{ $fmt.planName[s.row.plan] || s.row.plan }}</template></el-table-column>
          <el-table-column label="住院" width="250"><template #default="s"><span v-if="idx.of(s.row)" data-test="line-stay">第{{ idx.no[s.row.setl_id] }}次 {{ idx.of(s.row).adm_date }} — {{ idx.of(s.row).dscg_date }}<br><small>{{ idx.of(s.row).hospital }} · {{ s.row.setl_id }}</small></span><span v-else>-</span></template></el-table-column>
          <el-table-column label="金额" width="120" align="right"><template #default="s">{{ money(s.row.amount) }}</template></el-table-column>
          <el-table-column label="结论" width="110"><template #default="s"><el-tag size="small" :type="s.row.amount !== '0.00' ? 'success' : 'info'">{{ $fmt.reasonText[s.row.reason] || s.row.reason }}</el-tag></template></el-table-column>
          <el-table-column label="计算说明"><template #default="s"><span class="explain">{{ $fmt.moneyIn(s.row.explain) }}</span></template></el-table-column>
        </el-table>
      </el-card>
      <el-card v-if="c.caps && c.caps.length" style="margin-top:16px"><template #header>保障额度（本期已用与剩余）</template>
        <el-table :data="c.caps" size="small" data-test="claim-caps">
          <el-table-column label="计划" width="120"><template #default="s">{{ $fmt.planName[s.row.plan] || s.row.plan_name }}</template></el-table-column>
          <el-table-column label="保障期间" width="220"><template #default="s">{{ s.row.start }} 至 {{ s.row.end }}</template></el-table-column>
          <el-table-column label="状态" width="90"><template #default="s"><el-tag size="small" :type="s.row.state === 'valid' ? 'success' : 'info'">{{ s.row.state === 'valid' ? '有效' : '已到期' }}</el-tag></template></el-table-column>
          <el-table-column label="限额" align="right"><template #default="s">{{ money(s.row.cap) }}</template></el-table-column>
          <el-table-column label="已用" align="right"><template #default="s">{{ money(s.row.used) }}</template></el-table-column>
          <el-table-column label="剩余" align="right"><template #default="s"><b data-test="cap-left">{{ money(s.row.left) }}</b></template></el-table-column>
        </el-table>
      </el-card>
      <el-card style="margin-top:16px"><template #header>材料清单与审核</template>
        <el-table :data="c.checklist" size="small" data-test="claim-checklist">
          <el-table-column label="材料" width="160"><template #default="s">{{ docName[s.row.kind] || s.row.kind }}{{ s.row.required ? '' : '（补充）' }}</template></el-table-column>
          <el-table-column label="状态" width="100"><template #default="s"><el-tag size="small" :type="s.row.received ? 'success' : 'warning'" :data-test="'doc-' + s.row.kind">{{ s.row.received ? '已收' : '缺' }}</el-tag></template></el-table-column>
          <el-table-column label="登记人" width="140"><template #default="s"><span data-test="doc-received-by">{{ s.row.received_by ? $fmt.actor(s.row.received_by) : (s.row.received ? '（早于逐项登记）' : '') }}</span></template></el-table-column>
          <el-table-column label="登记时间"><template #default="s">{{ s.row.received_at ? time(s.row.received_at) : '' }}</template></el-table-column>
          <el-table-column label="" width="130"><template #default="s">
            <el-button v-if="!s.row.received && may.docs(user) && c.status !== 'rejected' && c.status !== 'paid'" size="small" :disabled="busy" @click="act('doc', s.row.kind)" :data-test="'doc-receive-' + s.row.kind">登记收到</el-button>
          </template></el-table-column>
        </el-table>
        <div class="toolbar" style="margin-top:12px" v-if="may.review(user) && (c.status === 'adjudicated' || c.status === 'approved' || c.status === 'received' || c.status === 'closed')">
          <el-button v-if="c.status === 'adjudicated'" type="success" :disabled="busy" @click="act('approve')" data-test="approve">审核通过…</el-button>
          <el-input v-model="reason" placeholder="拒绝理由" style="max-width:300px" data-test="reject-reason" aria-label="拒绝理由" />
          <el-button type="danger" plain :disabled="busy" @click="act('reject')" data-test="reject">拒绝…</el-button>
        </div>
        <div v-if="reasonError" class="field-error" role="alert">{{ reasonError }}</div>
        <div v-if="c.status === 'rejected' && may.submit(user) && c.stays && c.stays.length" style="margin-top:12px">
          <el-button type="primary" plain :disabled="busy" @click="act('resubmit')" data-test="resubmit">补正后重新申请…</el-button>
          <small style="color:#888;margin-left:8px">对拒绝有异议（申诉）也由此重新申请，新申请注明原申请号，重新审核。</small>
        </div>
      </el-card>
    </template>
  </div>`,
};

/* Member pages: mobile first. The member picks a settled stay on file
 * (the feed's, not yet claimed) instead of typing a settlement number. */
const MobileView = {
  props: ["user"],
  setup(props) {
    const me = ref(null), claims = ref([]), error = ref(""), formError = ref(""), busy = ref(false);
    const stays = ref([]), covs = ref(null), picked = ref(""), manual = ref(false), form = reactive({ setl: "" });
    const idn = computed(() => (props.user.scope || "").replace("member:", ""));
    async function load() {
      try {
        me.value = await hzApi.get("/members/" + idn.value);
        const s = await hzApi.get("/members/" + idn.value + "/stays?unclaimed=1");
        stays.value = s.items; covs.value = s.coverages;
        if (stays.value.length === 1) picked.value = stays.value[0].setl_id;
        claims.value = (await hzApi.get("/claims?per_page=50&id_number=" + idn.value)).items;
      } catch (e) { error.value = errText(e); }
    }
    async function submit() {
      formError.value = "";
      const setl = manual.value ? form.setl.trim() : picked.value;
      if (!setl) { formError.value = manual.value ? "请填写出院证上的结算流水号" : "请选择要申请的住院记录"; return; }
      busy.value = true;
      try {
        const c = await hzApi.post("/claims", { id_number: idn.value, settlements: [setl], documents_complete: true });
        location.hash = "#/m/claims/" + c.claim_no;
      } catch (e) { formError.value = errText(e); } finally { busy.value = false; }
    }
    /* one line per plan: the coverage in force today if there is one (a
     * member covered now and renewed for next year is 保障中, not 未生效),
     * else the newest, and whether it is in force */
    const plans = computed(() => {
      const by = {};
      const better = (a, b) => (a.state === "valid") !== (b.state === "valid") ? a.state === "valid" : a.end > b.end;
      for (const c of covs.value || []) if (!by[c.plan] || better(c, by[c.plan])) by[c.plan] = c;
      return Object.values(by);
    });
    const stateText = { valid: "保障中", expired: "已到期", future: "未生效" };
    onMounted(load);
    return { me, claims, error, form, formError, submit, idn, stays, covs, picked, manual, plans, stateText, busy,
             sla: hzFmt.sla, money: hzFmt.money };
  },
  template: `
  <div class="mobile">
    <el-alert v-if="error" type="error" :title="error" show-icon />
    <template v-if="me">
      <el-card data-test="m-profile"><b>{{ me.name }}</b> · {{ me.unit_name || '个人会员' }}<br><small>{{ me.id_number }}</small>
        <div style="margin-top:8px"><hz-print :href="'/members/' + me.ref + '/certificate.pdf'" label="下载保障凭证" test="m-print-certificate" /></div></el-card>
      <mobile-notices />
      <el-card><template #header>我的保障</template>
        <div v-for="c in plans" :key="c.plan" class="cov-item" data-test="m-coverage">
          <span>{{ $fmt.planName[c.plan] || c.plan }} {{ c.shares }}份<br><small>{{ c.start }} 至 {{ c.end }}</small></span>
          <el-tag size="small" :type="c.state === 'valid' ? 'success' : 'info'" data-test="m-coverage-state">{{ stateText[c.state] || c.state }}</el-tag>
        </div>
        <div v-if="covs === null" style="color:#888" data-test="m-coverage-loading">加载中…</div>
        <div v-else-if="!plans.length" style="color:#888" data-test="m-coverage-none">暂无保障</div>
      </el-card>
      <el-card data-test="m-apply"><template #header>申请理赔</template>
        <template v-if="!manual">
          <div v-if="stays.length" style="margin-bottom:6px;color:#666;font-size:13px">医保中心已传来您以下住院结算记录，选择要申请的一次：</div>
          <el-radio-group v-model="picked" style="display:block">
            <div v-for="s in stays" :key="s.setl_id" class="m-stay" :class="{ picked: picked === s.setl_id }" @click="picked = s.setl_id" data-test="m-stay">
              <el-radio :value="s.setl_id"><b>{{ s.hospital }}</b></el-radio>
              <div class="m-stay-body">{{ s.adm_date }} 入院 — {{ s.dscg_date }} 出院（{{ s.days }} 天）<br>
                诊断 {{ s.main_diag_code }} · 个人自付 {{ money(s.psn_selfpay) }}</div>
            </div>
          </el-radio-group>
          <div v-if="!stays.length" data-test="m-no-stays" style="color:#666;font-size:13px">
            暂未收到您的住院结算记录（出院后医保中心一般数日内传来）。也可带身份证和出院证到所在单位工会或办事处办理。
          </div>
        </template>
        <template v-else>
          <el-input v-model="form.setl" placeholder="出院证上的医保结算流水号" data-test="m-setl" aria-label="结算流水号" />
        </template>
        <div v-if="formError" class="field-error" role="alert" data-test="m-error">{{ formError }}</div>
        <el-button type="danger" style="width:100%;margin-top:10px" :loading="busy" :disabled="!manual && !stays.length" @click="submit" data-test="m-submit">提交申请</el-button>
        <div style="margin-top:8px;text-align:right"><el-link type="info" @click="manual = !manual; formError = ''" data-test="m-manual">{{ manual ? '从住院记录中选择' : '列表中没有？按出院证上的结算号申请' }}</el-link></div>
      </el-card>
      <mobile-aid :id-number="idn" />
      <el-card><template #header>我的理赔</template>
        <div v-for="c in claims" :key="c.claim_no" class="cov-item" @click="location.hash = '#/m/claims/' + c.claim_no" data-test="m-claim">
          <span>{{ c.claim_no }}<br><el-tag size="small" :type="$fmt.statusType[c.status]">{{ $fmt.statusText[c.status] || c.status }}</el-tag></span><b>{{ money(c.total) }}</b>
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
    const idx = computed(() => (c.value ? hzStayIndex(c.value) : { stays: [], no: {}, of: () => null }));
    const steps = computed(() => (c.value ? hzClaimSteps(c.value) : { steps: [], active: 0 }));
    return { c, error, idx, steps, docName: hzDocName, sla: hzFmt.sla, money: hzFmt.money };
  },
  template: `
  <div class="mobile">
    <a href="#/m">‹ 返回</a>
    <el-alert v-if="error" type="error" :title="error" show-icon />
    <template v-if="c">
      <el-card data-test="m-claim-detail">
        <div class="mobile-head"><h2>{{ c.claim_no }}</h2><el-tag :type="$fmt.statusType[c.status]" data-test="m-claim-status">{{ $fmt.statusText[c.status] || c.status }}</el-tag></div>
        <hz-print :href="'/claims/' + c.claim_no + '/notice.pdf'" label="下载理赔通知书" test="m-print-notice" />
        <div>合计 <b style="font-size:22px;color:#c0392b" data-test="m-claim-total">{{ money(c.total) }}</b> · <span :class="sla(c).cls">{{ sla(c).text }}</span></div>
        <div v-if="c.reject_reason" style="margin-top:6px;color:#c0392b">未获批准：{{ c.reject_reason }}</div>
      </el-card>
      <el-card><template #header>办理进度</template>
        <el-steps direction="vertical" :active="steps.active" finish-status="success" :process-status="steps.error ? 'error' : 'process'" data-test="m-steps">
          <el-step v-for="s in steps.steps" :key="s.title" :title="s.title" :description="s.at || '—'" />
        </el-steps>
        <div v-if="c.status === 'received'" style="font-size:13px;color:#e67e22" data-test="m-missing">
          尚缺：{{ (c.checklist || []).filter(d => d.required && !d.received).map(d => docName[d.kind] || d.kind).join('、') }}。请交到所在单位工会或办事处。
        </div>
      </el-card>
      <el-card v-for="l in c.lines" :key="l.seq" data-test="m-line">
        <div class="cov-item"><b>{{ $fmt.planName[l.plan] || l.plan }}</b><b>{{ money(l.amount) }}</b></div>
        <div v-if="idx.of(l)" style="margin-top:6px;font-size:13px;color:#555" data-test="m-line-stay">
          第{{ idx.no[l.setl_id] }}次住院 {{ idx.of(l).adm_date }} — {{ idx.of(l).dscg_date }} · {{ idx.of(l).hospital }}</div>
        <div style="margin-top:6px">{{ $fmt.reasonText[l.reason] || l.reason }}</div>
        <div class="explain" style="margin-top:4px">{{ $fmt.moneyIn(l.explain) }}</div>
      </el-card>
      <el-card v-if="c.caps && c.caps.length"><template #header>我的保障额度</template>
        <div v-for="k in c.caps" :key="k.plan + k.component + k.period" class="cov-item" data-test="m-cap">
          <span>{{ $fmt.planName[k.plan] || k.plan_name }}<br><small>{{ k.start }} 至 {{ k.end }} · {{ k.state === 'valid' ? '保障中' : '已到期' }}</small></span>
          <span style="text-align:right">剩余 <b>{{ money(k.left) }}</b><br><small>已用 {{ money(k.used) }} / {{ money(k.cap) }}</small></span>
        </div>
      </el-card>
    </template>
  </div>`,
};
