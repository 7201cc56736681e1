# The insight pages in a real browser (issue 18, tests/web/insight.mjs): the
# what-if (ZY 20% -> 30%, the same difference as the CLI's), publishing, the
# look-back followed to its action, the forecast card, the outbox with a
# failed notice sent again, and who sees which page.
. "$(dirname "$0")/lookback_seed.bash"
web_setup() {
  seed_lookback || return 1
  # two notices the sender gave up on, for the outbox's retry
  sql "UPDATE notice SET status = 'failed', attempts = 8, last_error = 'HTTP 502 Bad Gateway'
       WHERE id IN (SELECT id FROM notice ORDER BY id DESC LIMIT 2)" >/dev/null
  export HZ_DB="$DB" # the browser test runs the CLI's what-if on the same database
}
HZ_WEB_SCRIPT=insight.mjs . "$(dirname "$0")/test_web.sh"
