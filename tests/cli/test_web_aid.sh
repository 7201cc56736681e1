# The aid pages in a real browser, clicking as each role would (issue #13,
# tests/web/aid.mjs): the reviewer's LM approval moves the budget gauge, staff
# propose second-round relief and publish the 公示 list, a member applies for
# student aid on the phone, a district cadre sees only their district.
HZ_WEB_SCRIPT=aid.mjs . "$(dirname "$0")/test_web.sh"
