# The claim page and the member's claim on a phone in a real browser (issue
# 16, tests/web/claimpage.mjs): two stays told apart, the checklist item by
# item, the cap left, the reviewer's confirm dialog, the member's stay picker
# and progress.
HZ_WEB_SCRIPT=claimpage.mjs . "$(dirname "$0")/test_web.sh"
