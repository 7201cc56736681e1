# The office's pages in a real browser (issue 16, tests/web/office.mjs):
# the organisation tree and units, a member's edit and bank card change,
# users, the audit chain, plan versions, enrolment and renewal with their
# confirmations, unmatched settlements, the overdue board, contributions,
# and the district cadre's view.
HZ_WEB_SCRIPT=office.mjs . "$(dirname "$0")/test_web.sh"
