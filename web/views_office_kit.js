/* What the office's pages share (issue 16): error text, the caller's
 * role, a confirmation box, every row of a paginated list, org kinds and
 * payers in Chinese, and a dialog's footer. Loaded after views.js and
 * views_admin.js, before views_office.js, views_enrol.js and
 * views_oversight.js. */
const hzOfficeKit = (() => {
  const { computed, inject } = Vue;
  const { ElMessageBox } = ElementPlus;
  const err = (e) => (e && e.message ? e.message : String(e));
  const role = () => { const u = inject("user"); return computed(() => (u && u.value ? u.value.role : "")); };
  const OFFICE = ["admin", "staff"];
  const kindName = { federation: "总工会", district: "区县总工会", grassroots: "基层工会", joint: "联合工会" };
  const payerName = { unit: "单位缴费", self: "个人缴费" };
  async function confirmBox(message, title, ok) {
    try {
      await ElMessageBox.confirm(message, title, { confirmButtonText: ok || "确定", cancelButtonText: "取消", type: "warning" });
      return true;
    } catch (e) { return false; }
  }
  /* every row of a paginated list (at most 500 a page) */
  async function fetchAll(path) {
    const sep = path.includes("?") ? "&" : "?";
    let page = 1, items = [];
    for (;;) {
      const r = await hzApi.get(path + sep + "per_page=500&page=" + page);
      items = items.concat(r.items);
      if (items.length >= r.total || !r.items.length) return items;
      page++;
    }
  }

  /* A dialog's end: the server's refusal, 取消 and the action (data-test
   * TEST-error, TEST-save). */
  const DialogFooter = {
    props: ["error", "busy", "label", "test"],
    emits: ["cancel", "save"],
    template: `
    <div>
      <el-alert v-if="error" type="error" :title="error" show-icon :closable="false" :data-test="test + '-error'" style="margin-bottom:12px;text-align:left" />
      <el-button @click="$emit('cancel')">取消</el-button>
      <el-button type="primary" :loading="busy" @click="$emit('save')" :data-test="test + '-save'">{{ label || '保存' }}</el-button>
    </div>`,
  };

  return { err, role, OFFICE, kindName, payerName, confirmBox, fetchAll, DialogFooter };
})();
