# The walk (issue 16): every demo role through every page of its menu, the
# phone as staff and as a member (tests/web/walk.mjs), with screenshots.
HZ_WEB_SCRIPT=walk.mjs . "$(dirname "$0")/test_web.sh"
