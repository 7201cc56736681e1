/* The console shell: session, sidebar by role, hash routes. */
(function () {
  const { createApp, ref, reactive, computed, onMounted, provide } = Vue;
  /* The console's pages: each names the action it needs (me.actions, the
   * API's rule book) and the routes it owns, so the sidebar, the phone
   * drawer, the route guard and the walk test (tests/web/walk.mjs reads
   * window.hzMenus) all follow one list. A page added later with `roles`
   * instead of `can` works too. */
  const menus = [
    { path: "#/dashboard", label: "驾驶舱", can: "report.read", routes: ["dashboard"] },
    { path: "#/reports", label: "报表", can: "report.read", routes: ["reports"] },
    { path: "#/members", label: "会员", can: "member.read", routes: ["members", "member"] },
    { path: "#/units", label: "会员单位与花名册", can: "roster.import", routes: ["units"] },
    { path: "#/org", label: "组织与单位", roles: ["admin", "staff", "cadre", "unit"], routes: ["org"] },
    { path: "#/plans", label: "保障计划", roles: ["admin", "staff", "reviewer", "finance", "cadre", "unit"], routes: ["plans"] },
    { path: "#/enroll", label: "参保与续保", roles: ["admin", "staff", "unit"], routes: ["enroll"] },
    { path: "#/contributions", label: "缴费", roles: ["admin", "staff", "finance", "cadre"], routes: ["contributions"] },
    { path: "#/settlements", label: "医保结算数据", roles: ["admin", "staff"], routes: ["settlements"] },
    { path: "#/overdue", label: "超时预警", roles: ["admin", "staff", "reviewer", "finance", "cadre"], routes: ["overdue"] },
    { path: "#/claims", label: "理赔", can: "claim.read", routes: ["claims", "claim"] },
    { path: "#/payments", label: "支付", can: "payment.batch", routes: ["payments"] },
    { path: "#/recoveries", label: "应追回款项", can: "payment.batch", routes: ["recoveries"] },
    { path: "#/lm", label: "劳模医疗补助", can: "lm.read", routes: ["lm"] },
    { path: "#/relief", label: "救助帮扶", can: "relief.read", routes: ["relief", "program"] },
    { path: "#/joining", label: "入会与赠送", can: "joining.read", routes: ["joining"] },
    { path: "#/activities", label: "关爱活动", can: "care.read", routes: ["activities", "activity"] },
    { path: "#/cases", label: "服务与法律援助", can: "cases.read", routes: ["cases"] },
    { path: "#/whatif", label: "方案测算", can: "insight.simulate", routes: ["whatif"] },
    { path: "#/lookback", label: "回头望", can: "insight.lookback", routes: ["lookback"] },
    { path: "#/outbox", label: "通知发件箱", can: "notices.read", routes: ["outbox"] },
    { path: "#/users", label: "用户与安全", can: "user.admin", routes: ["users"] },
    { path: "#/audit", label: "审计校验", can: "audit.verify", routes: ["audit"] },
  ];
  window.hzMenus = menus;
  const allowed = (m, role) => m.can ? hzCan.any(...[].concat(m.can)) : (m.roles || []).includes(role);
  function parse(hash) {
    const p = (hash || "").replace(/^#/, "").split("?")[0].split("/").filter(Boolean);
    if (p[0] === "members" && p[1]) return { name: "member", id: decodeURIComponent(p[1]) };
    if (p[0] === "claims" && p[1]) return { name: "claim", no: decodeURIComponent(p[1]) };
    if (p[0] === "m" && p[1] === "claims" && p[2]) return { name: "mclaim", no: decodeURIComponent(p[2]) };
    if (p[0] === "relief" && p[1]) return { name: "program", code: decodeURIComponent(p[1]) };
    if (p[0] === "activities" && p[1]) return { name: "activity", code: decodeURIComponent(p[1]) };
    if (p[0] === "m" && p[1] === "union") return { name: "munion" };
    return { name: p[0] || "" };
  }
  const App = {
    components: { LoginView, MembersView, MemberView, UnitsView, ClaimsView, ClaimView, PaymentsView,
                  MobileView, MobileClaimView },
    setup() {
      const user = ref(null), ready = ref(false), route = reactive(parse(location.hash)), viewKey = ref(0);
      provide("user", user); /* the signed-in user, for pages that offer actions by role */
      window.addEventListener("hashchange", () => {
        Object.assign(route, { id: null, no: null, code: null }, parse(location.hash)); viewKey.value++;
        /* a menu item keeps focus (and its focus background) after its click: let it go, so only the lit item stands out */
        const f = document.activeElement;
        if (f && f.closest && f.closest(".el-menu")) f.blur();
      });
      const items = computed(() => user.value ? menus.filter(m => allowed(m, user.value.role)) : []);
      /* a typed route the role may not use: the guard page, the view is never mounted */
      const forbidden = computed(() => {
        if (!user.value) return false;
        const m = menus.find(x => (x.routes || [x.path.slice(2)]).includes(route.name));
        return !!m && !allowed(m, user.value.role);
      });
      const narrow = ref(window.matchMedia("(max-width: 760px)").matches), drawer = ref(false);
      window.matchMedia("(max-width: 760px)").addEventListener("change", (ev) => { narrow.value = ev.matches; });
      function go(path) { drawer.value = false; location.hash = path; }
      function home() {
        if (!user.value) return;
        if (user.value.role === "member") { if (!route.name.startsWith("m")) location.hash = "#/m"; return; }
        if (!route.name || route.name === "m") location.hash = items.value[0] ? items.value[0].path : "#/claims";
      }
      onMounted(async () => {
        try { const me = await hzApi.get("/me"); hzCan.set(me); user.value = me; } catch (e) { user.value = null; }
        ready.value = true;
        home();
      });
      /* the login answers who; /me adds what they may do (me.actions) */
      async function loggedIn(u) {
        try { const me = await hzApi.get("/me"); hzCan.set(me); user.value = me; } catch (e) { hzCan.set(null); user.value = u; }
        home(); viewKey.value++;
      }
      async function logout() {
        try { await hzApi.del("/session"); } catch (e) { /* already gone */ }
        hzApi.clear(); hzCan.set(null); user.value = null; location.hash = "";
      }
      /* the menu item of the page shown (a detail route lights its list's item); on the guard page none */
      const active = computed(() => {
        if (forbidden.value) return "";
        const m = menus.find(x => (x.routes || [x.path.slice(2)]).includes(route.name));
        return m ? m.path : "#/" + route.name;
      });
      return { user, ready, route, items, loggedIn, logout, viewKey, roleName: hzFmt.roleName, forbidden, narrow, drawer, go, active };
    },
    template: `
    <template v-if="ready">
      <LoginView v-if="!user" @done="loggedIn" />
      <template v-else-if="user.role === 'member'">
        <div class="mobile-head mobile"><h2>职工互助保障</h2><el-button size="small" @click="logout" data-test="logout">退出</el-button></div>
        <div v-if="route.name !== 'munion'" class="mobile" style="margin:0 auto 8px"><a href="#/m/union" data-test="m-union-link">我的活动、物资与诉求 ›</a></div>
        <el-result v-if="!['', 'm', 'mclaim', 'munion'].includes(route.name)" icon="warning" title="无权访问此页面" data-test="forbidden"
                   sub-title="会员请使用手机页面。"><template #extra><a href="#/m">返回我的页面</a></template></el-result>
        <MobileClaimView v-else-if="route.name === 'mclaim'" :no="route.no" :key="viewKey" />
        <MobileUnionView v-else-if="route.name === 'munion'" :user="user" :key="viewKey" />
        <MobileView v-else :user="user" :key="viewKey" />
      </template>
      <el-container v-else class="layout">
        <el-aside v-if="!narrow" width="210px" class="aside">
          <div class="brand">职工互助保障<small>西安办事处 · huzhu</small></div>
          <el-menu :default-active="active" background-color="#2c1a17" text-color="#e8d6d3" active-text-color="#ffffff">
            <el-menu-item v-for="m in items" :key="m.path" :index="m.path" @click="go(m.path)" :data-test="'nav-' + m.path.slice(2)">{{ m.label }}</el-menu-item>
          </el-menu>
        </el-aside>
        <el-drawer v-if="narrow" v-model="drawer" direction="ltr" size="240px" :with-header="false" class="nav-drawer">
          <div class="aside nav-body" data-test="menu-drawer">
            <div class="brand">职工互助保障<small>西安办事处 · huzhu</small></div>
            <el-menu :default-active="active" background-color="#2c1a17" text-color="#e8d6d3" active-text-color="#ffffff">
              <el-menu-item v-for="m in items" :key="m.path" :index="m.path" @click="go(m.path)" :data-test="'nav-' + m.path.slice(2)">{{ m.label }}</el-menu-item>
            </el-menu>
          </div>
        </el-drawer>
        <el-container>
          <el-header class="header">
            <span><el-button v-if="narrow" size="small" @click="drawer = true" data-test="menu-open" aria-label="菜单">☰ 菜单</el-button></span>
            <span class="who" data-test="who">{{ roleName[user.role] }}<template v-if="!narrow"> · {{ user.login }}</template>{{ user.scope_name ? ' · ' + user.scope_name : '' }}
              <el-button size="small" style="margin-left:12px" @click="logout" data-test="logout">退出</el-button></span>
          </el-header>
          <el-main :key="viewKey">
            <el-result v-if="forbidden" icon="warning" title="无权访问此页面" data-test="forbidden"
                       :sub-title="'您的角色（' + roleName[user.role] + '）不能使用此页面，请从菜单选择其他页面。'" />
            <DashboardView v-else-if="route.name === 'dashboard'" />
            <ReportsView v-else-if="route.name === 'reports'" />
            <MembersView v-else-if="route.name === 'members'" />
            <MemberView v-else-if="route.name === 'member'" :id="route.id" />
            <UnitsView v-else-if="route.name === 'units'" />
            <ClaimsView v-else-if="route.name === 'claims'" />
            <ClaimView v-else-if="route.name === 'claim'" :no="route.no" />
            <PaymentsView v-else-if="route.name === 'payments'" />
            <RecoveriesView v-else-if="route.name === 'recoveries'" />
            <UsersView v-else-if="route.name === 'users'" />
            <OrgView v-else-if="route.name === 'org'" />
            <PlansView v-else-if="route.name === 'plans'" />
            <EnrollView v-else-if="route.name === 'enroll'" />
            <ContributionsView v-else-if="route.name === 'contributions'" />
            <SettlementsView v-else-if="route.name === 'settlements'" />
            <OverdueView v-else-if="route.name === 'overdue'" />
            <AuditView v-else-if="route.name === 'audit'" />
            <ActivitiesView v-else-if="route.name === 'activities'" :user="user" />
            <ActivityView v-else-if="route.name === 'activity'" :user="user" :code="route.code" />
            <CasesView v-else-if="route.name === 'cases'" :user="user" />
            <JoiningView v-else-if="route.name === 'joining'" :user="user" />
            <LmView v-else-if="route.name === 'lm'" :user="user" />
            <ReliefView v-else-if="route.name === 'relief'" :user="user" />
            <ProgramView v-else-if="route.name === 'program'" :user="user" :code="route.code" />
            <WhatIfView v-else-if="route.name === 'whatif'" :user="user" />
            <LookbackView v-else-if="route.name === 'lookback'" :user="user" />
            <OutboxView v-else-if="route.name === 'outbox'" :user="user" />
            <el-empty v-else description="请选择左侧菜单" />
          </el-main>
        </el-container>
      </el-container>
    </template>`,
  };
  const app = createApp(App);
  app.component("CardChangePanel", CardChangePanel); /* on the member page (views_admin.js) */
  app.component("HzPrint", HzPrint); /* print buttons (views_docs.js) */
  app.component("HzFilePick", HzFilePick); /* styled file pickers (views_roles.js) */
  app.config.globalProperties.$fmt = hzFmt;
  app.config.globalProperties.$can = hzCan; /* v-if="$can('claim.review')" */
  app.config.globalProperties.location = window.location;
  for (const [name, view] of Object.entries(hzAidViews)) app.component(name, view);
  for (const [name, view] of Object.entries(hzJoiningViews)) app.component(name, view);
  for (const [name, view] of Object.entries(hzUnionViews)) app.component(name, view);
  for (const [name, view] of Object.entries(hzNoticeViews)) app.component(name, view);
  for (const [name, view] of Object.entries(hzInsightViews)) app.component(name, view); /* HzForecastCard too */
  for (const [name, view] of Object.entries(hzDashViews)) app.component(name, view);
  for (const [name, view] of Object.entries(hzOfficeViews)) app.component(name, view); /* views_office.js */
  for (const [name, view] of Object.entries(hzEnrolViews)) app.component(name, view); /* views_enrol.js */
  for (const [name, view] of Object.entries(hzOversightViews)) app.component(name, view); /* views_oversight.js */
  for (const [name, view] of Object.entries(hzRecoveryViews)) app.component(name, view); /* views_recoveries.js */
  for (const [name, view] of Object.entries(hzTrailViews)) app.component(name, view); /* views_trail.js */
  app.use(ElementPlus, { locale: ElementPlusLocaleZhCn });
  app.mount("#app");
})();
