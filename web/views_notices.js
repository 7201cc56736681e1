/* The member's messages on the phone (notices module): every notice the
 * office wrote to them, newest first, in Beijing time, a paid claim with its
 * line-by-line statement; and the SMS / WeChat switches (opt-out of all
 * kinds on a channel). */
const MobileNotices = {
  setup() {
    const { ref, onMounted } = Vue;
    const items = ref([]), total = ref(0), error = ref(""), open = ref(""), off = ref({}), busy = ref(false);
    const channels = [{ k: "sms", label: "短信通知" }, { k: "wechat", label: "微信通知" }];
    async function load() {
      try {
        const d = await hzApi.get("/me/notices?per_page=50");
        items.value = d.items; total.value = d.total;
        const p = await hzApi.get("/notice-prefs");
        off.value = Object.fromEntries(p.opted_out.filter((x) => x.kind === "*").map((x) => [x.channel, true]));
      } catch (e) { error.value = errText(e); }
    }
    async function toggle(ch, on) {
      busy.value = true;
      try {
        const p = await hzApi.post("/notice-prefs", { channel: ch, kind: "*", off: !on });
        off.value = Object.fromEntries(p.opted_out.filter((x) => x.kind === "*").map((x) => [x.channel, true]));
        ElMessage.success(on ? "已开启" : "已关闭");
      } catch (e) { error.value = errText(e); } finally { busy.value = false; }
    }
    onMounted(load);
    return { items, total, error, open, off, busy, channels, toggle, time: hzFmt.time };
  },
  template: `
  <el-card data-test="m-notices"><template #header>我的消息<small v-if="total" style="color:#888"> · 共 {{ total }} 条</small></template>
    <el-alert v-if="error" type="error" :title="error" show-icon />
    <div v-for="n in items" :key="n.no" class="notice-item" data-test="m-notice" @click="open = open === n.no ? '' : n.no">
      <div class="notice-head"><b :class="'notice-' + n.kind.replace('.', '-')">{{ n.title }}</b><small>{{ time(n.created_at) }}</small></div>
      <div class="notice-body" :class="{ clamp: open !== n.no }">{{ $fmt.moneyIn(n.body.split('\\n')[0]) }}</div>
      <div v-if="open === n.no && n.detail && n.detail.lines" class="notice-lines" data-test="m-notice-lines">
        <div v-for="(l, i) in n.detail.lines" :key="i" class="notice-line">
          <div>{{ i + 1 }}. {{ $fmt.planName[l.plan] || l.plan }} <b style="float:right">{{ $fmt.money(l.amount) }}</b></div>
          <small class="explain">{{ $fmt.moneyIn(l.formula) }}</small>
          <small v-if="l.cap" class="explain">年度限额 {{ $fmt.money(l.cap) }}，已用 {{ $fmt.money(l.cap_used) }}，剩余 <b>{{ $fmt.money(l.cap_left) }}</b></small>
        </div>
      </div>
    </div>
    <div v-if="!items.length && !error" style="color:#888">暂无消息</div>
    <div class="notice-prefs">
      <span v-for="c in channels" :key="c.k">{{ c.label }}
        <el-switch :model-value="!off[c.k]" :disabled="busy" @change="(v) => toggle(c.k, v)" :data-test="'m-pref-' + c.k" /></span>
    </div>
  </el-card>`,
};

const hzNoticeViews = { MobileNotices };
