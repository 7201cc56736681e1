/* The console shell: session, sidebar by role, hash routes. */
(function () {
  const { createApp, ref, reactive, computed, onMounted, provide } = Vue;
  const menus = [
    { path: "#/dashboard", label: "驾驶舱", roles: ["admin", "staff", "reviewer", "finance", "cadre"] },
    { path: "#/reports", label: "报表", roles: ["admin", "staff", "reviewer", "finance", "cadre"] },
    { path: "#/members", label: "会员", roles: ["admin", "staff", "reviewer", "finance", "cadre", "unit"] },
    { path: "#/units", label: "会员单位与花名册", roles: ["admin", "staff", "unit"] },
    { path: "#/claims", label: "理赔", roles: ["admin", "staff", "reviewer", "finance", "cadre", "unit"] },
    { path: "#/payments", label: "支付", roles: ["admin", "finance"] },
    { path: "#/lm", label: "劳模医疗补助", roles: ["admin", "staff", "reviewer", "finance", "cadre"] },
    { path: "#/relief", label: "救助帮扶", roles: ["admin", "staff", "reviewer", "finance", "cadre"] },
    { path: "#/joining", label: "入会与赠送", roles: ["admin", "staff", "reviewer", "finance", "cadre"] },
    { path: "#/activities", label: "关爱活动", roles: ["admin", "staff", "reviewer", "finance", "cadre", "unit"] },
    { path: "#/cases", label: "服务与法律援助", roles: ["admin", "staff", "reviewer", "finance", "cadre", "unit"] },
    { path: "#/whatif", label: "方案测算", roles: ["admin", "staff", "reviewer", "finance"] },
    { path: "#/lookback", label: "回头望", roles: ["admin", "staff", "reviewer", "cadre"] },
    { path: "#/outbox", label: "通知发件箱", roles: ["admin", "staff", "reviewer", "finance", "cadre"] },
    { path: "#/users", label: "用户与安全", roles: ["admin"] },
  ];
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
                  MobileView, MobileClaimView, UsersView },
    setup() {
      const user = ref(null), ready = ref(false), route = reactive(parse(location.hash)), viewKey = ref(0);
      provide("user", user); /* the signed-in user, for pages that offer actions by role */
      window.addEventListener("hashchange", () => { Object.assign(route, { id: null, no: null, code: null }, parse(location.hash)); viewKey.value++; });
      const items = computed(() => user.value ? menus.filter(m => m.roles.includes(user.value.role)) : []);
      function home() {
        if (!user.value) return;
        if (user.value.role === "member") { if (!route.name.startsWith("m")) location.hash = "#/m"; return; }
        if (!route.name || route.name === "m") location.hash = items.value[0] ? items.value[0].path : "#/claims";
      }
      onMounted(async () => {
        try { user.value = await hzApi.get("/me"); } catch (e) { user.value = null; }
        ready.value = true;
        home();
      });
      function loggedIn(u) { user.value = u; home(); viewKey.value++; }
      async function logout() {
        try { await hzApi.del("/session"); } catch (e) { /* already gone */ }
        hzApi.clear(); user.value = null; location.hash = "";
      }
      return { user, ready, route, items, loggedIn, logout, viewKey, roleName: hzFmt.roleName };
    },
    template: `
    <template v-if="ready">
      <LoginView v-if="!user" @done="loggedIn" />
      <template v-else-if="user.role === 'member'">
        <div class="mobile-head mobile"><h2>职工互助保障</h2><el-button size="small" @click="logout" data-test="logout">退出</el-button></div>
        <div v-if="route.name !== 'munion'" class="mobile" style="margin:0 auto 8px"><a href="#/m/union" data-test="m-union-link">我的活动、物资与诉求 ›</a></div>
        <MobileClaimView v-if="route.name === 'mclaim'" :no="route.no" :key="viewKey" />
        <MobileUnionView v-else-if="route.name === 'munion'" :user="user" :key="viewKey" />
        <MobileView v-else :user="user" :key="viewKey" />
      </template>
      <el-container v-else class="layout">
        <el-aside width="210px" class="aside">
          <div class="brand">职工互助保障<small>西安办事处 · huzhu</small></div>
          <el-menu :default-active="'#/' + ({ member: 'members', claim: 'claims', program: 'relief', activity: 'activities' }[route.name] || route.name)"
                   background-color="#2c1a17" text-color="#e8d6d3" active-text-color="#ffffff">
            <el-menu-item v-for="m in items" :key="m.path" :index="m.path" @click="location.hash = m.path" :data-test="'nav-' + m.path.slice(2)">{{ m.label }}</el-menu-item>
          </el-menu>
        </el-aside>
        <el-container>
          <el-header class="header">
            <span></span>
            <span class="who">{{ user.login }} · {{ roleName[user.role] }}{{ user.scope ? ' · ' + user.scope : '' }}
              <el-button size="small" style="margin-left:12px" @click="logout" data-test="logout">退出</el-button></span>
          </el-header>
          <el-main :key="viewKey">
            <DashboardView v-if="route.name === 'dashboard'" />
            <ReportsView v-else-if="route.name === 'reports'" />
            <MembersView v-else-if="route.name === 'members'" />
            <MemberView v-else-if="route.name === 'member'" :id="route.id" />
            <UnitsView v-else-if="route.name === 'units'" />
            <ClaimsView v-else-if="route.name === 'claims'" />
            <ClaimView v-else-if="route.name === 'claim'" :no="route.no" />
            <PaymentsView v-else-if="route.name === 'payments'" />
            <UsersView v-else-if="route.name === 'users'" />
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
  app.config.globalProperties.$fmt = hzFmt;
  app.config.globalProperties.location = window.location;
  for (const [name, view] of Object.entries(hzAidViews)) app.component(name, view);
  for (const [name, view] of Object.entries(hzJoiningViews)) app.component(name, view);
  for (const [name, view] of Object.entries(hzUnionViews)) app.component(name, view);
  for (const [name, view] of Object.entries(hzNoticeViews)) app.component(name, view);
  for (const [name, view] of Object.entries(hzInsightViews)) app.component(name, view); /* HzForecastCard too */
  for (const [name, view] of Object.entries(hzDashViews)) app.component(name, view);
  app.use(ElementPlus, { locale: ElementPlusLocaleZhCn });
  app.mount("#app");
})();
