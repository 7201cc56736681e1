/* The print buttons of the documents module (issue 17): a link to the PDF
 * the API renders for the caller's role and scope (理赔通知书, 保障凭证);
 * the browser downloads it with the session cookie. */
const HzPrint = {
  props: { href: String, label: String, test: String },
  template: `<a class="el-button el-button--primary el-button--small is-plain hz-print" :href="'/api/v1' + href" download :data-test="test" style="text-decoration:none">{{ label }}</a>`,
};
