/* Shared pieces for "each role sees only what it may do" (issue 16): a
 * styled file picker in place of the browser's "Choose File", and the
 * confirmation every irreversible action asks before it runs. Loaded after
 * views.js; the pages show a control only when hzCan(action) (web/api.js). */

/* A file picker (el-upload, nothing sent by itself): emits "pick" with the
 * File the user chose. The inner <input type=file> carries data-test and
 * aria-label, so tests and screen readers reach it as before. */
const HzFilePick = {
  props: { accept: String, test: String, label: { type: String, default: "选择文件" }, tip: String },
  emits: ["pick"],
  setup(props, { emit }) {
    const up = ref(null), root = ref(null), name = ref("");
    onMounted(() => {
      const input = root.value && root.value.querySelector("input[type=file]");
      if (input) { if (props.test) input.setAttribute("data-test", props.test); input.setAttribute("aria-label", props.label); }
    });
    function changed(f) {
      name.value = f && f.name ? f.name : "";
      emit("pick", f && f.raw ? f.raw : null);
      if (up.value) up.value.clearFiles(); /* the same file may be picked again */
    }
    return { up, root, name, changed };
  },
  template: `
  <span ref="root" class="hz-file-pick">
    <el-upload ref="up" :auto-upload="false" :show-file-list="false" :accept="accept" :on-change="changed" style="display:inline-block">
      <el-button>{{ label }}</el-button>
    </el-upload>
    <span class="hz-file-name">{{ name || tip || '未选择文件' }}</span>
  </span>`,
};

/* Asks before an irreversible action: title, what will happen (a line per
 * fact), the button's words. Resolves true only when the user confirmed. */
async function hzConfirm(title, lines, ok) {
  try {
    await ElMessageBox.confirm([].concat(lines).join("\n"), title, {
      confirmButtonText: ok || "确认", cancelButtonText: "取消", type: "warning",
      customClass: "hz-confirm", customStyle: { whiteSpace: "pre-line" },
    });
    return true;
  } catch (e) { return false; }
}

/* A decimal yuan string ("123.45") as integer fen, for sums on screen
 * (string arithmetic, never float). */
function hzFen(s) {
  const t = String(s || "0"), neg = t.startsWith("-"), [i, f = ""] = t.replace("-", "").split(".");
  const v = Number(i || 0) * 100 + Number((f + "00").slice(0, 2));
  return neg ? -v : v;
}
