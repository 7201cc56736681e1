# Joining online in a real browser (issue 15, tests/web/joining.mjs): a rider
# applies on the phone, 镇安's cadre approves and rejects, a 新城区 cadre sees
# none of it, staff set up a standing sponsorship.
HZ_WEB_SCRIPT=joining.mjs . "$(dirname "$0")/test_web.sh"
