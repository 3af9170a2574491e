# A throwaway PostgreSQL server on 127.0.0.1 for the tests (.ci/run) and the benchmark
# (scripts/bench.sh). Source it, then call start_postgres: it sets PG_URL, PG_BIN, PG_DATA
# and WORK (a temp folder with the data, socket and logs); stop_server "$PG_DATA" and
# rm -rf "$WORK" clean up. Needs PostgreSQL under /usr/lib/postgresql/*/bin.
#
# Settings the caller may set first: PG_FIRST_PORT (default 55432), TMP_BASE (default /tmp;
# not $TMPDIR, which the postgres user may not reach), PG_SUPERUSER (default kizuna).

PG_FIRST_PORT="${PG_FIRST_PORT:-55432}"
PG_SUPERUSER="${PG_SUPERUSER:-kizuna}"
TMP_BASE="${TMP_BASE:-/tmp}"
PG_BIN="${PG_BIN:-}"
PG_DATA="${PG_DATA:-}"
WORK="${WORK:-}"
PG_URL="${PG_URL:-}"

log() { printf '%s\n' "$*"; }

# Runs a command as the PostgreSQL system user when we are root (initdb and postgres
# refuse to run as root); from / so that user never needs access to our cwd.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && "$@")
  fi
}

stop_server() { # $1: data folder
  [ -n "$PG_BIN" ] && [ -f "$1/postmaster.pid" ] || return 0
  as_pg "$PG_BIN/pg_ctl" -D "$1" stop -m fast -w -t 30 >/dev/null 2>&1 ||
    as_pg "$PG_BIN/pg_ctl" -D "$1" stop -m immediate -w -t 30 >/dev/null 2>&1 || true
}

# Port is free when nothing accepts a connection on it.
port_in_use() { (: <>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Stops servers and removes temp dirs left behind by earlier runs that died without
# cleaning up (killed -9, machine reboot...). A dir whose owning script is still
# alive belongs to a concurrent run and is left alone.
reap_leftovers() {
  local dir owner
  for dir in "$TMP_BASE"/kizuna-ci-pg.*; do
    [ -d "$dir" ] || continue
    owner=$(cat "$dir/owner.pid" 2>/dev/null || true)
    if [ -n "$owner" ] && kill -0 "$owner" 2>/dev/null; then continue; fi
    log "Removing leftover $dir from an earlier run"
    stop_server "$dir/data"
    rm -rf "$dir"
  done
}

# Sets PG_URL on success; returns non-zero (after saying why) on failure.
start_postgres() {
  # Highest installed major version, e.g. /usr/lib/postgresql/15/bin.
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
    log "No PostgreSQL found under /usr/lib/postgresql/*/bin"
    return 1
  fi
  log "Using $PG_BIN"

  if [ "$(id -u)" -eq 0 ] && ! id -u postgres >/dev/null 2>&1; then
    # The Debian package creates this user; make one if PostgreSQL came some other way.
    useradd --system --user-group --home-dir /var/lib/postgresql --shell /usr/sbin/nologin postgres
  fi

  reap_leftovers

  local port=$PG_FIRST_PORT
  while port_in_use "$port"; do
    log "Port $port is in use; trying the next one"
    port=$((port + 1))
    if [ "$port" -ge $((PG_FIRST_PORT + 50)) ]; then
      log "No free port in $PG_FIRST_PORT..$port"
      return 1
    fi
  done

  WORK=$(mktemp -d "$TMP_BASE/kizuna-ci-pg.XXXXXX")
  echo $$ >"$WORK/owner.pid"
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$WORK"; fi
  PG_DATA="$WORK/data"

  # Collation C with a UTF-8 ctype, as PGlite has, so both engines sort and
  # case-fold alike. Trust auth: only reachable on loopback and a private socket dir.
  if ! as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U "$PG_SUPERUSER" --auth=trust \
      --encoding=UTF8 --locale=C.UTF-8 --lc-collate=C >"$WORK/initdb.log" 2>&1; then
    cat "$WORK/initdb.log"
    return 1
  fi
  # The socket goes in our temp dir: the Debian default /var/run/postgresql may not
  # exist (or belong to the packaged cluster). Durability is pointless for a
  # throwaway server and turning it off makes the many CREATE/DROP DATABASEs quicker.
  cat >>"$PG_DATA/postgresql.conf" <<EOF

# --- added by scripts/postgres.sh ---
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$WORK'
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
  if ! as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$WORK/server.log" -w -t 60 start >/dev/null; then
    log "PostgreSQL failed to start:"
    tail -n 30 "$WORK/server.log" 2>/dev/null || true
    return 1
  fi
  PG_URL="postgres://$PG_SUPERUSER@127.0.0.1:$port/postgres"
  if ! "$PG_BIN/psql" "$PG_URL" -Atqc 'select version()'; then
    log "PostgreSQL started but does not accept connections at $PG_URL"
    return 1
  fi
  log "Listening: $PG_URL"
}

