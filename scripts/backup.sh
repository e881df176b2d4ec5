#!/usr/bin/env bash
# Back up the portal: the PostgreSQL database (pg_dump custom format) and the media folder (uploads).
#
#   DATABASE_URL=postgres://user:pass@host:5432/lmc_portal MEDIA_ROOT=/srv/media scripts/backup.sh [DIR]
#
# Writes DIR (default: backups/<UTC timestamp>) containing database.dump, media.tar.gz and SHA256SUMS,
# and prints DIR on the last line. Safe while the site is running (pg_dump takes a consistent snapshot;
# take it when no one is uploading if media and database must match to the second).
# See docs/operations.md.
set -euo pipefail

: "${DATABASE_URL:?DATABASE_URL must be set to the portal database, e.g. postgres://user@host:5432/lmc_portal}"
: "${MEDIA_ROOT:?MEDIA_ROOT must be set to the folder holding uploaded documents}"
case "$DATABASE_URL" in
  postgres://*|postgresql://*) ;;
  *) echo "backup.sh: DATABASE_URL must be a postgres:// address (SQLite: copy the file instead)." >&2; exit 2 ;;
esac
[ -d "$MEDIA_ROOT" ] || { echo "backup.sh: MEDIA_ROOT $MEDIA_ROOT is not a folder." >&2; exit 2; }

umask 077  # backups hold editors' accounts and password hashes: readable by the owner only
dest="${1:-backups/$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$dest"

pg_dump --format=custom --compress=6 --no-owner --no-privileges \
  --dbname="$DATABASE_URL" --file="$dest/database.dump"
tar -C "$MEDIA_ROOT" -czf "$dest/media.tar.gz" .
(cd "$dest" && sha256sum database.dump media.tar.gz > SHA256SUMS)

echo "Backup written to $dest ($(du -sh "$dest" | cut -f1))." >&2
echo "$dest"
