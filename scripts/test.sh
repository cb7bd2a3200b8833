#!/usr/bin/env bash
# Runs the whole Commonroom test suite against real services.
#
#   scripts/test.sh                 # everything: cargo test --locked -- --test-threads=4
#   scripts/test.sh --test web foo  # extra arguments go to `cargo test`
#
# - PostgreSQL: uses $COMMONROOM_TEST_PG_URL if set (an admin URL such as
#   postgres://postgres@127.0.0.1:5432/postgres from which tests CREATE DATABASE); otherwise
#   starts a throwaway cluster on a free loopback port and deletes it on exit.
# - Chromium: installs chromium + chromium-driver with apt-get if missing (needs root).
# - Environment knobs: COMMONROOM_TEST_THREADS (default 4); COMMONROOM_TEST_CMD, a shell
#   command run instead of cargo test (e.g. to check the harness itself).
set -euo pipefail

cd "$(dirname "$0")/.."

log() { printf '==> [test.sh] %s\n' "$*" >&2; }
die() { printf '==> [test.sh] ERROR: %s\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# cargo from rustup is often only in ~/.cargo/bin, which a bare CI shell may not have on PATH.
if ! command -v cargo >/dev/null 2>&1 && [ -x "${HOME:-/root}/.cargo/bin/cargo" ]; then
  export PATH="${HOME:-/root}/.cargo/bin:$PATH"
fi

apt_install() {
  if is_root; then
    log "apt-get install $*"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q </dev/null
    apt-get install -y -q "$@" </dev/null
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    log "sudo apt-get install $*"
    sudo -n env DEBIAN_FRONTEND=noninteractive apt-get update -q </dev/null
    sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" </dev/null
  else
    die "missing packages ($*) and not root: install them, e.g. apt-get install -y $*"
  fi
}

find_pg_bin() {
  local dir
  for dir in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

# ---- system packages ------------------------------------------------------------------------
missing=()
if [ -z "${COMMONROOM_TEST_PG_URL:-}" ] && ! find_pg_bin >/dev/null; then
  missing+=(postgresql)
fi
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  if [ -n "${COMMONROOM_TEST_CHROMEDRIVER:-}" ] && [ -x "${COMMONROOM_TEST_CHROMEDRIVER}" ] &&
    [ -x "${COMMONROOM_TEST_CHROMIUM:-/usr/bin/chromium}" ]; then
    : # the caller points at its own browser
  else
    missing+=(chromium chromium-driver)
  fi
fi
# diesel's postgres backend links against libpq.
if ! compgen -G '/usr/lib/*/libpq.so' >/dev/null && [ ! -e /usr/lib/libpq.so ]; then
  missing+=(libpq-dev)
fi
if [ "${#missing[@]}" -gt 0 ]; then
  apt_install "${missing[@]}"
fi

# ---- PostgreSQL -----------------------------------------------------------------------------
PG_TMP=""
PG_BIN=""
PG_USER=""

as_pg_user() {
  if is_root; then
    runuser -u "$PG_USER" -- "$@"
  else
    "$@"
  fi
}

# shellcheck disable=SC2317  # invoked from the EXIT trap
stop_postgres() {
  if [ -n "$PG_TMP" ] && [ -d "$PG_TMP" ]; then
    if [ -f "$PG_TMP/data/postmaster.pid" ]; then
      log "stopping the throwaway PostgreSQL cluster"
      as_pg_user "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
    fi
    rm -rf "$PG_TMP"
  fi
}

free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
    return
  fi
  local port
  for port in $(seq 25432 25532); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  die "no free port found in 25432-25532"
}

start_postgres() {
  PG_BIN="$(find_pg_bin)" || die "initdb/pg_ctl not found under /usr/lib/postgresql/*/bin"
  local base="${TMPDIR:-/tmp}"
  if is_root; then
    # The cluster runs as the postgres user, which must be able to reach the directory.
    base=/tmp
    if id postgres >/dev/null 2>&1; then PG_USER=postgres; else PG_USER=nobody; fi
  fi
  PG_TMP="$(mktemp -d "$base/commonroom-pg.XXXXXX")"
  trap stop_postgres EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  if is_root; then
    chown "$PG_USER" "$PG_TMP"
  fi

  local locale_opt=(--no-locale)
  if locale -a 2>/dev/null | grep -qix 'c.utf-\?8'; then
    locale_opt=(--locale=C.UTF-8)
  fi
  log "initdb ($PG_BIN) into $PG_TMP/data"
  if ! as_pg_user "$PG_BIN/initdb" -D "$PG_TMP/data" -U postgres -A trust -E UTF8 \
    "${locale_opt[@]}" --no-sync >"$PG_TMP/initdb.log" 2>&1; then
    cat "$PG_TMP/initdb.log" >&2
    die "initdb failed"
  fi

  local attempt port
  for attempt in 1 2 3; do
    port="$(free_port)"
    log "starting PostgreSQL on 127.0.0.1:$port (attempt $attempt)"
    if as_pg_user "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$PG_TMP \
          -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
          -c max_connections=300 -c shared_buffers=64MB" \
      start >/dev/null; then
      export COMMONROOM_TEST_PG_URL="postgres://postgres@127.0.0.1:$port/postgres"
      log "PostgreSQL ready: $COMMONROOM_TEST_PG_URL"
      return 0
    fi
    tail -n 20 "$PG_TMP/server.log" >&2 || true
  done
  die "could not start PostgreSQL (log above)"
}

if [ -n "${COMMONROOM_TEST_PG_URL:-}" ]; then
  log "using PostgreSQL from COMMONROOM_TEST_PG_URL"
else
  start_postgres
fi

# ---- Python icalendar (an independent parser for the .ics tests) ----------------------------
if ! python3 -c 'import icalendar' >/dev/null 2>&1; then
  log "pip install icalendar"
  python3 -m pip install --quiet icalendar || python3 -m pip install --quiet --break-system-packages icalendar
fi

# ---- Chromium -------------------------------------------------------------------------------
export COMMONROOM_TEST_CHROMEDRIVER="${COMMONROOM_TEST_CHROMEDRIVER:-/usr/bin/chromedriver}"
export COMMONROOM_TEST_CHROMIUM="${COMMONROOM_TEST_CHROMIUM:-/usr/bin/chromium}"
log "browser: $COMMONROOM_TEST_CHROMIUM via $COMMONROOM_TEST_CHROMEDRIVER"

# ---- OpenID Connect provider (npm's oidc-provider, for the sign-in tests) -------------------
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  apt_install nodejs npm
fi
if [ ! -d tests/oidc/node_modules/oidc-provider ]; then
  log "npm ci in tests/oidc (oidc-provider)"
  (cd tests/oidc && npm ci --no-audit --no-fund --loglevel=error </dev/null)
fi

# ---- tests ----------------------------------------------------------------------------------
threads="${COMMONROOM_TEST_THREADS:-4}"
if [ -n "${COMMONROOM_TEST_CMD:-}" ]; then
  cmd=(bash -c "$COMMONROOM_TEST_CMD")
else
  cmd=(cargo test --locked --no-fail-fast "$@")
  has_separator=false
  for arg in "$@"; do
    if [ "$arg" = "--" ]; then has_separator=true; fi
  done
  if $has_separator; then
    export RUST_TEST_THREADS="$threads"
  else
    cmd+=(-- "--test-threads=$threads")
  fi
fi

log "running: ${cmd[*]}"
started=$SECONDS
set +e
"${cmd[@]}"
status=$?
set -e
log "finished with status $status in $((SECONDS - started)) s"
exit "$status"
