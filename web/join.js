/* The public membership application (入会): no login, phone first. The
 * server validates everything; this page only says which field it named. */
(function () {
  const form = document.getElementById("form"), banner = document.getElementById("banner");
  const fields = ["name", "id_number", "phone", "occupation", "org"];
  const el = (id) => document.getElementById(id);
  function clear() {
    banner.hidden = true;
    for (const e of document.querySelectorAll(".err")) e.textContent = "";
    for (const f of fields) el(f).classList.remove("bad");
  }
  /* a message "field: 中文 (english)" shown under its field, in Chinese */
  function show(msg) {
    const m = /^([a-z_]+): (.*)$/.exec(msg || "");
    const text = (m ? m[2] : msg || "").replace(/\s*\([^()]*\)\s*$/, "");
    if (m && fields.includes(m[1])) {
      form.querySelector(`.err[data-for=${m[1]}]`).textContent = text;
      el(m[1]).classList.add("bad");
      el(m[1]).focus();
    } else {
      banner.textContent = text || "提交失败，请稍后再试";
      banner.hidden = false;
      window.scrollTo(0, 0);
    }
  }
  async function loadOrgs() {
    const sel = el("org");
    try {
      const r = await fetch("/api/v1/applications/orgs");
      const d = await r.json();
      sel.innerHTML = "";
      sel.add(new Option(d.items.length ? "请选择" : "暂无可申请的联合工会", ""));
      for (const o of d.items) sel.add(new Option(o.name, o.code));
      if (d.items.length === 1) sel.value = d.items[0].code;
    } catch (e) {
      sel.innerHTML = "";
      sel.add(new Option("加载失败，请刷新", ""));
    }
  }
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clear();
    if (!el("consent").checked) {
      form.querySelector(".err[data-for=consent]").textContent = "请先勾选同意";
      return;
    }
    const body = {};
    for (const f of fields) body[f] = el(f).value.trim();
    el("submit").disabled = true;
    try {
      const r = await fetch("/api/v1/applications", {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
        credentials: "omit",
      });
      const d = await r.json().catch(() => ({}));
      if (r.status === 201) {
        el("no").textContent = d.no;
        form.hidden = true;
        el("done").hidden = false;
        window.scrollTo(0, 0);
      } else {
        show(d.error && d.error.message);
      }
    } catch (e) {
      show("网络错误，请稍后再试");
    } finally {
      el("submit").disabled = false;
    }
  });
  loadOrgs();
})();
