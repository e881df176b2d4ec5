#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh: the database and the media folder.
#
#   DATABASE_URL=postgres://... MEDIA_ROOT=/srv/media scripts/restore.sh DIR --yes
#
# The database named in DATABASE_URL must exist; its tables are dropped and replaced by the backup's
# (in one transaction: on any error nothing changes). MEDIA_ROOT is replaced by the backup's files;
# the previous folder is kept beside it as MEDIA_ROOT.before-restore-<timestamp> until you remove it.
# Stop the web containers first, and start them again afterwards. See docs/operations.md.
set -euo pipefail

usage() { echo "usage: DATABASE_URL=... MEDIA_ROOT=... $0 BACKUP_DIR --yes" >&2; exit 2; }
[ $# -ge 1 ] || usage
src="$1"
confirm="${2:-}"
: "${DATABASE_URL:?DATABASE_URL must be set to the database to restore into}"
: "${MEDIA_ROOT:?MEDIA_ROOT must be set to the media folder to restore into}"
case "$DATABASE_URL" in
  postgres://*|postgresql://*) ;;
  *) echo "restore.sh: DATABASE_URL must be a postgres:// address." >&2; exit 2 ;;
esac
for f in database.dump media.tar.gz SHA256SUMS; do
  [ -f "$src/$f" ] || { echo "restore.sh: $src/$f is missing: not a backup folder." >&2; exit 2; }
done
(cd "$src" && sha256sum --check --quiet SHA256SUMS) || { echo "restore.sh: checksums do not match: the backup is damaged." >&2; exit 1; }

if [ "$confirm" != "--yes" ]; then
  echo "This replaces every table in the database at ${DATABASE_URL%%\?*} and the folder $MEDIA_ROOT."
  echo "Run again with --yes as the last argument to go ahead."
  exit 3
fi

# Database: drop and recreate the backed-up objects in a single transaction.
pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction --exit-on-error \
  --dbname="$DATABASE_URL" "$src/database.dump"
# A restored database has no planner statistics until autovacuum gets to it; without them search's
# query plans can take seconds. Gather them now.
psql --quiet --dbname="$DATABASE_URL" --command="ANALYZE"

# Media: unpack beside the target, then swap folders, so a failure never leaves half a folder.
parent="$(dirname "$MEDIA_ROOT")"
mkdir -p "$parent"
staging="$(mktemp -d "$parent/.media-restore.XXXXXX")"
tar -C "$staging" -xzf "$src/media.tar.gz"
if [ -e "$MEDIA_ROOT" ]; then
  mv "$MEDIA_ROOT" "$MEDIA_ROOT.before-restore-$(date -u +%Y%m%dT%H%M%SZ)"
fi
mv "$staging" "$MEDIA_ROOT"
chmod 755 "$MEDIA_ROOT"

echo "Restored $src into the database and $MEDIA_ROOT." >&2
