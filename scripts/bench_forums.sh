#!/usr/bin/env bash
# Load benchmark of the forums with wrk against a release build, on SQLite or PostgreSQL.
#   scripts/bench_forums.sh sqlite|postgres [path/to/release/commonroom]
# Reads: the thread page (50 posts, signed in) and a category page (wrk -t2 -c32 -d20s).
# Writes: 16 concurrent writers posting replies through the filter (wrk -t16 -c16 -d20s).
set -euo pipefail
BACKEND=${1:-sqlite}
BIN=$(realpath "${2:-target/release/commonroom}")
PORT=${PORT:-18080}
BASE=http://127.0.0.1:$PORT
WORK=$(mktemp -d /tmp/forums-bench.XXXX)
PG_ADMIN=${PG_ADMIN:-postgres://postgres@127.0.0.1:5432/postgres}
DURATION=${DURATION:-20s}

if [ "$BACKEND" = postgres ]; then
  psql "$PG_ADMIN" -qc "DROP DATABASE IF EXISTS forums_bench" -c "CREATE DATABASE forums_bench" >/dev/null
  DB_URL=${PG_ADMIN%/*}/forums_bench
  SQL() { psql "$DB_URL" -qtAc "$1"; }
else
  DB_URL=$WORK/bench.db
  SQL() { sqlite3 "$DB_URL" "$1"; }
fi

cd "$WORK"
RUST_LOG=warn DATABASE_URL=$DB_URL COMMONROOM_BIND=127.0.0.1:$PORT COMMONROOM_BASE_URL=$BASE \
  COMMONROOM_FORUM_POSTS_PER_MINUTE=1000000 COMMONROOM_POOL_SIZE=${POOL:-16} \
  "$BIN" serve --demo > server.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.2; done

# Signs in with curl; prints "cookie-header<TAB>csrf-token".
signin() {
  local jar=$WORK/jar.$1
  local token
  token=$(curl -s -c "$jar" "$BASE/signin" | grep -o 'name="csrf_token" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"//')
  curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "email=$1" --data-urlencode "password=commonroom-demo" \
    --data-urlencode "next=/" --data-urlencode "csrf_token=$token" "$BASE/signin"
  local cookie
  cookie=$(awk '$6 ~ /^cr_/ {printf "%s=%s; ", $6, $7}' "$jar")
  printf '%s\t%s\n' "$cookie" "$token"
}

IFS=$'\t' read -r COOKIE TOKEN < <(signin ta@oakfield.example)
BEHAVIOUR=$(SQL "SELECT id FROM forum_categories WHERE name = 'Behaviour'")
curl -s -o /dev/null -H "Cookie: $COOKIE" --data-urlencode "title=Benchmark: visual timetables that last" \
  --data-urlencode "body=How do you stop **visual timetables** getting tatty? See [our guide](https://example.org/guide)." \
  --data-urlencode "csrf_token=$TOKEN" "$BASE/forums/c/$BEHAVIOUR/new"
THREAD=$(SQL "SELECT max(id) FROM forum_threads")
BODY_MD='We laminate ours and use **velcro dots**, then keep spares in a wallet. The children help put them up each morning, which also settles them. More ideas: [a guide](https://example.org/guide).'
BODY_HTML='<p>We laminate ours and use <strong>velcro dots</strong>, then keep spares in a wallet. The children help put them up each morning, which also settles them. More ideas: <a href="https://example.org/guide" rel="nofollow ugc noopener">a guide</a>.</p>'
SQL "INSERT INTO forum_posts (thread_id, author_id, is_first, anonymous, body_md, body_html, status, hold_reason, flag_count, created_at)
     SELECT $THREAD, id, FALSE, FALSE, '$BODY_MD', '$BODY_HTML', 'visible', '', 0, CURRENT_TIMESTAMP FROM users ORDER BY id LIMIT 49" >/dev/null
SQL "UPDATE forum_threads SET reply_count = 49 WHERE id = $THREAD" >/dev/null
curl -s -o /dev/null -H "Cookie: $COOKIE" "$BASE/forums/t/$THREAD"
POSTS=$(curl -s -H "Cookie: $COOKIE" "$BASE/forums/t/$THREAD" | grep -c ' id="post-')
echo "== $BACKEND: thread $THREAD shows $POSTS posts; category $BEHAVIOUR"

echo "== thread page (50 posts, signed in)"
wrk -t2 -c32 -d"$DURATION" --latency -H "Cookie: $COOKIE" "$BASE/forums/t/$THREAD"
echo "== category page"
wrk -t2 -c32 -d"$DURATION" --latency -H "Cookie: $COOKIE" "$BASE/forums/c/$BEHAVIOUR"

# 16 writers, each a different member with their own session and CSRF token.
{
  echo "creds = {"
  for email in $(SQL "SELECT email FROM users WHERE email LIKE '%@northshire-schools.example' ORDER BY id LIMIT 16"); do
    IFS=$'\t' read -r c t < <(signin "$email")
    printf '  { cookie = "%s", token = "%s" },\n' "$c" "$t"
  done
  echo "}"
  cat <<LUA
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("me", counter)
end
function init(args)
  n = 0
  cred = creds[me]
end
function request()
  n = n + 1
  local body = "body=Another+idea+number+" .. me .. "-" .. n .. "%3A+we+laminate+and+use+velcro.&csrf_token=" .. cred.token
  return wrk.format("POST", "/forums/t/$THREAD/reply",
    { ["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = cred.cookie }, body)
end
LUA
} > post.lua
BEFORE=$(SQL "SELECT count(*) FROM forum_posts")
echo "== posting replies: 16 concurrent writers (filter, notifications and email queue included)"
wrk -t16 -c16 -d"$DURATION" --latency -s post.lua "$BASE"
AFTER=$(SQL "SELECT count(*) FROM forum_posts")
echo "replies stored: $((AFTER - BEFORE))"
# The issue's posting target is at a fixed rate (200 posts/s from 16 writers), so that the
# p99 shows service time, not queueing at saturation: oha's -q holds the rate, and
# --latency-correction counts from when each request was due. (cargo install oha)
OHA=${OHA:-$(command -v oha || true)}
if [ -n "$OHA" ]; then
  echo "== posting replies at a fixed 200/s from 16 connections (oha)"
  BEFORE=$(SQL "SELECT count(*) FROM forum_posts")
  "$OHA" --no-tui -z "$DURATION" -q 200 -c 16 --latency-correction -m POST \
    -H "Cookie: $COOKIE" -T application/x-www-form-urlencoded \
    -d "body=Fixed-rate+reply%3A+we+laminate+and+use+velcro+dots.&csrf_token=$TOKEN" \
    "$BASE/forums/t/$THREAD/reply"
  AFTER=$(SQL "SELECT count(*) FROM forum_posts")
  echo "replies stored at the fixed rate: $((AFTER - BEFORE))"
fi
echo "'database is locked' in the server log: $(grep -ci 'locked' server.log || true)"
echo "errors in the server log: $(grep -ci 'error' server.log || true)"
