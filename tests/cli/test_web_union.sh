# The union work pages in a real browser (issue 15, tests/web/union.mjs):
# activities with the walk's ranking and goods handed out after a
# confirmation, cases assigned, noted and closed with the amount recovered,
# a district cadre's lists, the member's phone page.
HZ_WEB_SCRIPT=union.mjs . "$(dirname "$0")/test_web.sh"
