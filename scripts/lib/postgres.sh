# Start a private, throwaway PostgreSQL cluster on its own port and export its
# URL in AETHEX_TEST_POSTGRES_URL. Sourced by scripts/test and scripts/bench-api;
# the cluster is stopped and deleted when the calling script exits.
start_private_postgres() {
  pg_bin=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")
  pg_port=${AETHEX_TEST_PG_PORT:-55432}
  pg_dir=$(mktemp -d /tmp/aethex-pg.XXXXXX)
  pg_user=$(id -un)
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$pg_dir"; pg_user=postgres; fi
  run_pg "'$pg_bin/initdb' -D '$pg_dir/data' -U aethex --auth=trust >'$pg_dir/initdb.log' 2>&1"
  run_pg "'$pg_bin/pg_ctl' -D '$pg_dir/data' -l '$pg_dir/pg.log' -w -o \"-p $pg_port -k '$pg_dir' -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off\" start >/dev/null"
  trap stop_private_postgres EXIT
  export AETHEX_TEST_POSTGRES_URL="postgres://aethex@127.0.0.1:$pg_port/postgres"
  echo "PostgreSQL ($pg_user) on port $pg_port"
}

run_pg() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }

stop_private_postgres() {
  run_pg "'$pg_bin/pg_ctl' -D '$pg_dir/data' -m immediate stop >/dev/null 2>&1" || true
  rm -rf "$pg_dir"
}

# Install Debian packages that are missing (as root, or through sudo).
apt_install() {
  [ $# -gt 0 ] || return 0
  echo "installing $*"
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else sudo apt-get update -qq; sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null; fi
}
