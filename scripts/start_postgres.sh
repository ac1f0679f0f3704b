#!/usr/bin/env bash
# Start a PostgreSQL server on loopback for rasd's tests and CI, and print the URL to use.
#
#   export RASD_TEST_POSTGRES_URL="$(bash scripts/start_postgres.sh)"
#
# Idempotent: installs Debian's `postgresql` package only when no server binaries are
# there, creates a private cluster (its own data folder and port, apart from any system
# cluster) on first use, and returns at once when the server already answers.
# Settings (environment): RASD_PG_PORT (54329), RASD_PG_DATA (/var/tmp/rasd-postgres).
# Everything but the URL goes to stderr.
set -euo pipefail

PORT="${RASD_PG_PORT:-54329}"
DATA="${RASD_PG_DATA:-/var/tmp/rasd-postgres}"
ROLE=rasd
PASSWORD=rasd
DB=rasd_test
URL="postgresql://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DB"

bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

if [ -z "$(bindir)" ]; then
    echo "start_postgres: installing postgresql (apt-get)" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends postgresql >&2
fi
BIN="$(bindir)"

# Fast path: the server is up and the test database answers.
if "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" \
    && PGPASSWORD="$PASSWORD" "$BIN/psql" -qtA -h 127.0.0.1 -p "$PORT" -U "$ROLE" -d "$DB" -c 'SELECT 1' >/dev/null 2>&1; then
    echo "$URL"
    exit 0
fi

# PostgreSQL refuses to run as root: as root, run it as the `postgres` system user.
if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    as_owner() { runuser -u postgres -- "$@"; }
    OWNER=postgres
else
    as_owner() { "$@"; }
    OWNER="$(id -un)"
fi

if [ ! -s "$DATA/PG_VERSION" ]; then
    echo "start_postgres: creating a cluster in $DATA" >&2
    mkdir -p "$DATA"
    chown "$OWNER" "$DATA"
    chmod 700 "$DATA"
    pwfile="$(mktemp)"
    echo "$PASSWORD" >"$pwfile"
    chown "$OWNER" "$pwfile"
    as_owner "$BIN/initdb" -D "$DATA" -U "$ROLE" --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 \
        --auth-local=trust --auth-host=scram-sha-256 >&2
    rm -f "$pwfile"
fi

if ! "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
    # A killed server leaves its lock files behind, and where PID 1 does not reap children its
    # process stays a zombie that PostgreSQL takes for a live server: drop the files when so.
    for lock in "$DATA/postmaster.pid" "$DATA/.s.PGSQL.$PORT.lock"; do
        pid="$(head -n 1 "$lock" 2>/dev/null || true)"
        [ -n "$pid" ] || continue
        state="$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null || true)"
        if [ -z "$state" ] || [ "$state" = Z ]; then
            echo "start_postgres: removing $lock, left by server $pid that is gone" >&2
            rm -f "$lock" "${lock%.lock}"
        fi
    done
    as_owner "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DATA" start >&2 \
        || { tail -n 20 "$DATA/server.log" >&2; exit 1; }
fi

if ! as_owner "$BIN/psql" -qtA -h "$DATA" -p "$PORT" -U "$ROLE" -d postgres \
        -c "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
    as_owner "$BIN/createdb" -h "$DATA" -p "$PORT" -U "$ROLE" "$DB" >&2
fi
echo "$URL"
