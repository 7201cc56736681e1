# The dashboard and the reports page in a real browser (issue 17,
# tests/web/dashboard.mjs): the figures shown equal the API's in each role's
# scope, a date range and an org change them, reports export as CSV and XLSX.
HZ_WEB_SCRIPT=dashboard.mjs . "$(dirname "$0")/test_web.sh"
