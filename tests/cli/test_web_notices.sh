# The member's messages on a phone in a real browser (issue 18,
# tests/web/notices.mjs): the demo's notices, a paid claim's statement, the
# SMS switch.
HZ_WEB_SCRIPT=notices.mjs . "$(dirname "$0")/test_web.sh"
