#!/usr/bin/env bash
# A throwaway PostgreSQL on 127.0.0.1:${PGPORT:-5433} for the tests (trust auth, fsync off, no systemd), installed from
# Debian's packages when missing. Prints the connection string the tests read from TANDEM_TEST_POSTGRES.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
  apt-get update -q >/dev/null
  apt-get install -y -q postgresql >/dev/null
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PGDATA=${PGDATA:-/tmp/tandem-ci-pgdata}; PGPORT=${PGPORT:-5433}
if [ -f "$PGDATA/postmaster.pid" ]; then runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -m fast stop >/dev/null 2>&1 || true; fi
rm -rf "$PGDATA"; install -d -o postgres -g postgres -m 700 "$PGDATA"
runuser -u postgres -- "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 >/dev/null
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PGPORT -c unix_socket_directories=$PGDATA -c fsync=off -c max_connections=200" start >/dev/null
echo "Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres"
