/* The office's day (issue 16): the settlement feed with its unmatched
 * rows, the overdue board, the audit chain's verification, users and
 * roles. Loaded after views_office_kit.js. */
const hzOversightViews = (() => {
  const { ref, reactive, computed, onMounted } = Vue;
  const { ElMessage } = ElementPlus;
  const { err, role, confirmBox, fetchAll, DialogFooter } = hzOfficeKit;

  /* 医保结算数据: the feed, and what to do with rows matched to no member;
   * paged, filtered, sorted and exported on the server (HzTable). */
  const SettlementsView = {
    components: { HzTable },
    setup() {
      const tab = ref("unmatched"), list = ref(null), busy = ref(false);
      const filters = reactive({ status: "unmatched", hospital: "", range: null });
      function switchTab() { filters.status = tab.value === "all" ? "" : tab.value; }
      async function relink() {
        busy.value = true;
        try {
          const r = await hzApi.post("/settlements/relink");
          ElMessage.success(r.linked ? "已匹配 " + r.linked + " 条结算数据到新登记的会员" : "没有可匹配的结算数据（这些身份证号码仍未登记为会员）");
          if (list.value) list.value.reload();
        } catch (e) { ElMessage.error(err(e)); } finally { busy.value = false; }
      }
      return { tab, list, filters, busy, switchTab, relink };
    },
    template: `
    <div>
      <h1 class="page-title">医保结算数据</h1>
      <el-alert type="info" :closable="false" show-icon title="未匹配：结算数据中的身份证号码尚未登记为会员" style="margin-bottom:12px" data-test="st-help">
        <div>处理办法：① 核实此人是否为本市会员（常见原因：单位花名册漏报、身份证号码录错）；② 是会员的，在「组织与单位」中为其单位新增会员或重新导入花名册；
          ③ 登记后点「重新匹配」；④ 匹配后，可在理赔页用「免申即享」为在保期间的住院生成理赔。非会员的结算数据无需处理。</div>
      </el-alert>
      <el-card>
        <div class="toolbar">
          <el-radio-group v-model="tab" @change="switchTab" data-test="st-tab">
            <el-radio-button label="unmatched">未匹配会员</el-radio-button><el-radio-button label="matched">已匹配</el-radio-button><el-radio-button label="all">全部</el-radio-button>
          </el-radio-group>
          <el-button type="primary" :loading="busy" @click="relink" data-test="st-relink">重新匹配</el-button>
        </div>
        <hz-table ref="list" path="/settlements" name="st" search="结算编号、身份证号码或姓名" :filters="filters">
          <template #filters>
            <el-input v-model="filters.hospital" placeholder="医院名称或编码" clearable style="width:180px" data-test="st-hospital" />
            <el-date-picker v-model="filters.range" type="daterange" value-format="YYYY-MM-DD" range-separator="至"
                            start-placeholder="结算起" end-placeholder="结算止" style="width:240px" data-test="st-range" />
          </template>
          <el-table-column prop="setl_id" label="结算编号" width="150" sortable="custom" />
          <el-table-column prop="name" label="姓名 / 身份证号码" min-width="180" sortable="custom"><template #default="s">{{ s.row.psn_name }} <small>{{ s.row.certno }}</small></template></el-table-column>
          <el-table-column prop="hospital" label="医院" min-width="130" sortable="custom" />
          <el-table-column prop="adm_date" label="住院" width="190" sortable="custom"><template #default="s">{{ s.row.adm_date }} 至 {{ s.row.dscg_date || '-' }}</template></el-table-column>
          <el-table-column prop="settled_on" label="结算日期" width="115" sortable="custom" />
          <el-table-column prop="total" label="总费用" width="130" align="right" sortable="custom"><template #default="s">{{ $fmt.money(s.row.total) }}</template></el-table-column>
          <el-table-column label="状态" width="180" fixed="right"><template #default="s">
            <el-tag v-if="s.row.refunded" type="info">已退费</el-tag>
            <el-tag v-else-if="s.row.claim_no" type="success"><a :href="'#/claims/' + s.row.claim_no">理赔 {{ s.row.claim_no }}</a></el-tag>
            <el-tag v-else-if="s.row.matched" type="primary">已匹配会员</el-tag>
            <el-tag v-else-if="s.row.linkable" type="warning">已登记，可重新匹配</el-tag>
            <el-tag v-else type="danger">未匹配会员</el-tag>
          </template></el-table-column>
        </hz-table>
      </el-card>
    </div>`,
  };

  /* 超时预警: claims past the 7-day SLA (from complete documents), by age. */
  const OverdueView = {
    setup() {
      const rows = ref([]), error = ref(""), loaded = ref(false), band = ref("");
      const BANDS = [["8–14 天", 8, 14, "warning"], ["15–30 天", 15, 30, "danger"], ["30 天以上", 31, 1e9, "danger"]];
      const bandOf = (d) => BANDS.find(b => d >= b[1] && d <= b[2]) || null;
      onMounted(async () => {
        try { rows.value = (await hzApi.get("/reports/overdue?format=json")).items.filter(r => r.sla_days > 7).sort((a, b) => b.sla_days - a.sla_days); }
        catch (e) { error.value = err(e); } finally { loaded.value = true; }
      });
      const counts = computed(() => BANDS.map(b => {
        const list = rows.value.filter(r => r.sla_days >= b[1] && r.sla_days <= b[2]);
        let fen = 0n;
        for (const r of list) fen += BigInt(String(r.total).replace(".", ""));
        return { label: b[0], n: list.length, money: hzFmt.money(hzFmt.fenText(Number(fen))), type: b[3] };
      }));
      const shown = computed(() => rows.value.filter(r => !band.value || (bandOf(r.sla_days) || [])[0] === band.value));
      const bandType = (d) => (bandOf(d) || [0, 0, 0, "info"])[3];
      return { rows, error, loaded, counts, shown, band, bandType };
    },
    template: `
    <div>
      <h1 class="page-title">超时预警（材料齐全后超过 7 天未支付）</h1>
      <el-alert v-if="error" type="error" :title="error" show-icon />
      <el-row :gutter="16" class="stat-row" data-test="od-bands">
        <el-col :xs="24" :sm="8" v-for="c in counts" :key="c.label">
          <el-card shadow="hover" @click="band = band === c.label ? '' : c.label" style="cursor:pointer" :data-test="'od-band-' + c.n">
            <div class="stat-label">已用 {{ c.label }}</div>
            <div class="stat-value" :class="c.n ? 'red' : ''">{{ c.n }} 件</div>
            <div class="stat-label">涉及 {{ c.money }}</div>
          </el-card>
        </el-col>
      </el-row>
      <el-card><template #header>{{ band ? '已用 ' + band : '全部超时' }}：{{ shown.length }} 件（按已用天数，最久的在前）</template>
        <el-empty v-if="loaded && !rows.length" description="没有超时的理赔" data-test="od-empty" />
        <el-table v-else :data="shown" size="small" @row-click="c => location.hash = '#/claims/' + c.claim_no" data-test="od-table">
          <el-table-column prop="claim_no" label="理赔编号" width="180" />
          <el-table-column prop="name" label="姓名" width="100" />
          <el-table-column label="状态" width="100"><template #default="s"><el-tag :type="$fmt.statusType[s.row.status]">{{ $fmt.statusText[s.row.status] || s.row.status }}</el-tag></template></el-table-column>
          <el-table-column label="金额" width="140" align="right"><template #default="s">{{ $fmt.money(s.row.total) }}</template></el-table-column>
          <el-table-column label="材料齐全" width="180"><template #default="s">{{ $fmt.time(s.row.documents_complete_at) }}</template></el-table-column>
          <el-table-column label="已用天数" width="120"><template #default="s">
            <el-tag :type="bandType(s.row.sla_days)" effect="dark">{{ s.row.sla_days }} 天</el-tag></template></el-table-column>
        </el-table>
      </el-card>
    </div>`,
  };

  /* 审计校验: the keyed audit chain and the money checks, on demand. */
  const AuditView = {
    setup() {
      const result = ref(null), error = ref(""), busy = ref(false), checkpoint = ref(""), against = ref("");
      async function verify() {
        error.value = ""; result.value = null; busy.value = true;
        try {
          result.value = await hzApi.get("/audit/verify" + (against.value.trim() ? "?against=" + encodeURIComponent(against.value.trim()) : ""));
        } catch (e) { error.value = err(e); } finally { busy.value = false; }
      }
      async function takeCheckpoint() {
        try { checkpoint.value = (await hzApi.get("/audit/checkpoint")).checkpoint; } catch (e) { error.value = err(e); }
      }
      return { result, error, busy, verify, checkpoint, takeCheckpoint, against };
    },
    template: `
    <div>
      <h1 class="page-title">审计校验</h1>
      <el-card><template #header>校验资金账目与审计链（每条操作记录以密钥串联，任何改动、删除都会在此暴露）</template>
        <el-form label-width="120px" style="max-width:760px">
          <el-form-item label="对照检查点"><el-input v-model="against" placeholder="可选：粘贴此前保存的检查点，一并检查截断和改写" data-test="audit-against" /></el-form-item>
          <el-form-item>
            <el-button type="primary" :loading="busy" @click="verify" data-test="audit-verify">运行校验</el-button>
            <el-button @click="takeCheckpoint" data-test="audit-checkpoint">生成检查点</el-button>
          </el-form-item>
        </el-form>
        <el-alert v-if="error" type="error" :title="error" show-icon :closable="false" data-test="audit-error" />
        <el-alert v-if="result && result.ok" type="success" show-icon :closable="false" data-test="audit-ok"
                  :title="'校验通过：' + result.events + ' 条审计事件完整' + (result.checkpoint_ok ? '，与检查点一致' : '')" />
        <el-alert v-else-if="result" type="error" show-icon :closable="false" data-test="audit-broken"
                  :title="'校验未通过' + (result.broken_event ? '：第 ' + result.broken_event + ' 条事件' : '') + '（共 ' + result.events + ' 条）'"
                  :description="result.reason" />
        <div v-if="checkpoint" style="margin-top:12px" data-test="audit-checkpoint-text">
          <p style="margin:0 0 4px">请将检查点另行保存（纸质或其他系统），以后可用于核对：</p>
          <el-input :model-value="checkpoint" readonly type="textarea" :rows="2" />
        </div>
      </el-card>
      <audit-events-card />
    </div>`,
  };

  /* 用户与安全 (admin): accounts with role, scope and state; add, disable or
   * enable, reset a password, unlock; the two-person rule for card changes. */
  const UsersView = {
    components: { DialogFooter, HzTable },
    setup() {
      const list = ref(null), error = ref(""), twoPerson = ref(false), settingBusy = ref(false), orgs = ref([]), units = ref([]);
      /* the accounts are paged, filtered, sorted and exported on the server (HzTable) */
      const filters = reactive({ role: "", status: "", org: "" });
      async function load() {
        error.value = "";
        if (list.value) list.value.reload();
        try { twoPerson.value = (await hzApi.get("/settings/card_two_person")).value === "on"; } catch (e) { error.value = err(e); }
      }
      async function loadOrgs() {
        if (!orgs.value.length) [orgs.value, units.value] = await Promise.all([fetchAll("/orgs"), fetchAll("/units")]);
      }
      async function unlock(u) {
        try {
          await hzApi.post("/users/" + encodeURIComponent(u.login) + "/unlock");
          ElMessage.success("已解锁 " + u.login);
          await load();
        } catch (e) { ElMessage.error(err(e)); }
      }
      async function setDisabled(u, off) {
        if (off && !(await confirmBox("停用账户 " + u.login + "？其登录会话立即失效，之后无法登录，可随时重新启用。", "停用账户", "停用"))) return;
        try {
          await hzApi.post("/users/" + encodeURIComponent(u.login) + (off ? "/disable" : "/enable"));
          ElMessage.success((off ? "已停用 " : "已启用 ") + u.login);
          await load();
        } catch (e) { ElMessage.error(err(e)); }
      }
      const pw = reactive({ open: false, login: "", password: "", busy: false, error: "" });
      function resetPw(u) { Object.assign(pw, { open: true, login: u.login, password: "", error: "" }); }
      async function savePw() {
        pw.busy = true; pw.error = "";
        try {
          await hzApi.post("/users/" + encodeURIComponent(pw.login) + "/password", { password: pw.password });
          pw.open = false;
          ElMessage.success("已重置 " + pw.login + " 的密码，原有会话已失效");
          await load();
        } catch (e) { pw.error = err(e); } finally { pw.busy = false; }
      }
      const add = reactive({ open: false, login: "", role: "staff", scope: "", password: "", busy: false, error: "" });
      const scopeKind = computed(() => ({ cadre: "org", unit: "unit", member: "member" }[add.role] || ""));
      async function addUser() {
        Object.assign(add, { open: true, login: "", role: "staff", scope: "", password: "", error: "" });
        try { await loadOrgs(); } catch (e) { add.error = err(e); }
      }
      async function saveUser() {
        add.busy = true; add.error = "";
        try {
          const body = { login: add.login, role: add.role, password: add.password };
          if (scopeKind.value) body.scope = scopeKind.value + ":" + add.scope;
          await hzApi.post("/users", body);
          add.open = false;
          ElMessage.success("已新增用户 " + add.login + "（" + hzFmt.roleName[add.role] + "）");
          await load();
        } catch (e) { add.error = err(e); } finally { add.busy = false; }
      }
      async function setTwoPerson(v) {
        settingBusy.value = true;
        try {
          const r = await hzApi.put("/settings/card_two_person", { value: v ? "on" : "off" });
          twoPerson.value = r.value === "on";
          ElMessage.success(twoPerson.value ? "已开启：银行卡变更须由另一人确认" : "已关闭两人确认");
        } catch (e) { twoPerson.value = !v; ElMessage.error(err(e)); } finally { settingBusy.value = false; }
      }
      onMounted(() => { load(); loadOrgs().catch((e) => { error.value = err(e); }); });
      return { list, filters, error, twoPerson, settingBusy, unlock, setDisabled, pw, resetPw, savePw, add, scopeKind, addUser, saveUser,
               orgs, units, setTwoPerson, roleName: hzFmt.roleName };
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
      <el-card style="margin-top:16px"><template #header>
          <span>账户（连续登录失败达到上限的账户被锁定，须由管理员解锁）</span>
          <el-button type="primary" size="small" style="margin-left:12px" @click="addUser" data-test="user-add">新增用户</el-button>
        </template>
        <hz-table ref="list" path="/users" name="user" search="登录名或范围名称" :filters="filters">
          <template #filters>
            <el-select v-model="filters.role" placeholder="角色" clearable style="width:130px" data-test="user-role">
              <el-option v-for="(n, r) in roleName" :key="r" :label="n" :value="r" />
            </el-select>
            <el-select v-model="filters.status" placeholder="状态" clearable style="width:100px" data-test="user-status">
              <el-option label="启用" value="enabled" /><el-option label="停用" value="disabled" /><el-option label="锁定" value="locked" />
            </el-select>
            <el-select v-model="filters.org" placeholder="所属组织" clearable filterable style="width:170px" data-test="user-org">
              <el-option v-for="o in orgs" :key="o.code" :label="o.name" :value="o.code" />
            </el-select>
          </template>
          <el-table-column prop="login" label="登录名" width="130" sortable="custom" />
          <el-table-column prop="role" label="角色" width="100" sortable="custom"><template #default="s">{{ roleName[s.row.role] || s.row.role }}</template></el-table-column>
          <el-table-column label="范围" min-width="130"><template #default="s">{{ s.row.scope ? (s.row.scope_name || s.row.scope) : '全市（办事处）' }}</template></el-table-column>
          <el-table-column label="状态" width="150"><template #default="s">
            <el-tag v-if="s.row.locked" type="danger" :data-test="'locked-' + s.row.login">已锁定</el-tag>
            <el-tag v-else-if="s.row.disabled" type="info" :data-test="'disabled-' + s.row.login">已停用</el-tag>
            <el-tag v-else type="success">正常</el-tag>
            <small v-if="s.row.failed_logins" style="margin-left:6px;color:#888">失败 {{ s.row.failed_logins }} 次</small>
            <div v-if="s.row.locked" style="color:#888;font-size:12px">{{ $fmt.time(s.row.locked_at) }} 锁定</div>
          </template></el-table-column>
          <el-table-column prop="last_login" label="最近登录" width="160" sortable="custom"><template #default="s">{{ s.row.last_login_at ? $fmt.time(s.row.last_login_at) : '从未登录' }}</template></el-table-column>
          <el-table-column prop="created_at" label="创建时间" width="165" sortable="custom"><template #default="s">{{ $fmt.time(s.row.created_at) }}</template></el-table-column>
          <el-table-column label="操作" width="250" fixed="right"><template #default="s">
            <el-button v-if="s.row.locked || s.row.failed_logins" size="small" type="primary" @click="unlock(s.row)"
                       :data-test="'unlock-' + s.row.login">解锁</el-button>
            <el-button size="small" @click="resetPw(s.row)" :data-test="'reset-' + s.row.login">重置密码</el-button>
            <el-button v-if="!s.row.disabled" size="small" type="danger" plain @click="setDisabled(s.row, true)" :data-test="'disable-' + s.row.login">停用</el-button>
            <el-button v-else size="small" type="success" plain @click="setDisabled(s.row, false)" :data-test="'enable-' + s.row.login">启用</el-button>
          </template></el-table-column>
        </hz-table>
      </el-card>
      <el-dialog v-model="add.open" title="新增用户" width="520px">
        <el-form label-width="90px" data-test="user-form">
          <el-form-item label="登录名" required><el-input v-model="add.login" data-test="uf-login" /></el-form-item>
          <el-form-item label="角色" required>
            <el-select v-model="add.role" @change="add.scope = ''" style="width:100%" data-test="uf-role">
              <el-option v-for="(n, r) in roleName" :key="r" :label="n" :value="r" />
            </el-select>
          </el-form-item>
          <el-form-item v-if="scopeKind === 'org'" label="所属工会" required>
            <el-select v-model="add.scope" filterable style="width:100%" data-test="uf-scope-org">
              <el-option v-for="o in orgs" :key="o.code" :label="o.name" :value="o.code" />
            </el-select>
          </el-form-item>
          <el-form-item v-if="scopeKind === 'unit'" label="会员单位" required>
            <el-select v-model="add.scope" filterable style="width:100%" data-test="uf-scope-unit">
              <el-option v-for="u in units" :key="u.code" :label="u.name" :value="u.code" />
            </el-select>
          </el-form-item>
          <el-form-item v-if="scopeKind === 'member'" label="身份证号码" required><el-input v-model="add.scope" data-test="uf-scope-member" /></el-form-item>
          <el-form-item label="初始密码" required><el-input v-model="add.password" type="password" show-password data-test="uf-password" />
            <small style="color:#888">至少 8 位，不能是登录名或常见密码</small></el-form-item>
        </el-form>
        <template #footer>
          <dialog-footer :error="add.error" :busy="add.busy" label="新增" test="uf-user" @cancel="add.open = false" @save="saveUser" />
        </template>
      </el-dialog>
      <el-dialog v-model="pw.open" :title="'重置密码 · ' + pw.login" width="460px">
        <el-input v-model="pw.password" type="password" show-password placeholder="新密码（至少 8 位）" data-test="pw-new" />
        <p style="color:#888;font-size:12px">重置后该账户现有的登录会话立即失效，锁定同时解除。</p>
        <template #footer>
          <dialog-footer :error="pw.error" :busy="pw.busy" label="重置" test="pw" @cancel="pw.open = false" @save="savePw" />
        </template>
      </el-dialog>
    </div>`,
  };

  return { SettlementsView, OverdueView, AuditView, UsersView };
})();
