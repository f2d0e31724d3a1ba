#!/usr/bin/env bash
# Start a throw-away PostgreSQL cluster on 127.0.0.1:54329 for the test suite (run as root).
set -euo pipefail
bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
base=/tmp/koers-pg
rm -rf "$base" && install -d -o postgres -g postgres "$base"
su postgres -c "$bindir/initdb -D $base/data -U postgres -A trust --no-sync -E UTF8" >/dev/null
su postgres -c "$bindir/pg_ctl -D $base/data -l $base/log -w -o '-h 127.0.0.1 -p 54329 -k $base -F' start" >/dev/null
psql -h 127.0.0.1 -p 54329 -U postgres -q -c "CREATE ROLE koers LOGIN CREATEDB PASSWORD 'koers'"
psql -h 127.0.0.1 -p 54329 -U postgres -q -c "CREATE DATABASE koers OWNER koers"
echo "PostgreSQL runs on 127.0.0.1:54329"
