# Issue 12 in the console, clicking as each role would (tests/web/security.mjs):
# card changes held until a second person confirms, the admin's users page,
# lockout and unlock. Lockout after 3 failures, so the test stays short.
HZ_WEB_SCRIPT=security.mjs HUZHU_LOCK_AFTER=3 . "$(dirname "$0")/test_web.sh"
