#!/usr/bin/env bash
# Stop the cluster that postgres-start.sh started.
bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
su postgres -c "$bindir/pg_ctl -D /tmp/koers-pg/data -m fast -w stop" >/dev/null 2>&1 || true
