#!/usr/bin/env bash
# Unpacks Redis 8.0 and Valkey 8.1 from Debian 13 (trixie) packages into a private folder, with trixie's own loader
# and libraries (they need a newer glibc than Debian 12 has). Nothing is installed system-wide. Idempotent; the
# folder is reused across runs. Usage: provision-trixie.sh DIR
set -euo pipefail
d="$1"
mkdir -p "$d"
exec 9>"$d/.lock"
flock 9
if [[ -x "$d/root/usr/bin/redis-check-rdb" && -x "$d/root/usr/bin/valkey-check-rdb" ]]; then
  exit 0
fi
mkdir -p "$d/lists/partial" "$d/cache/archives/partial" "$d/debs"
echo "deb http://deb.debian.org/debian trixie main" > "$d/sources.list"
o=(-o "Dir::Etc::SourceList=$d/sources.list" -o Dir::Etc::SourceParts=/dev/null -o "Dir::State::Lists=$d/lists"
   -o "Dir::Cache=$d/cache" -o APT::Sandbox::User=root -qq)
apt-get "${o[@]}" update
cd "$d/debs"
apt-get "${o[@]}" download redis-tools valkey-tools libc6 libstdc++6 libgcc-s1 libssl3t64 libsystemd0 liblzf1 \
  libjemalloc2 libatomic1 libcap2 libgcrypt20 liblz4-1 liblzma5 libzstd1 libgpg-error0
rm -rf "$d/root.tmp"
for f in "$d"/debs/*.deb; do dpkg -x "$f" "$d/root.tmp"; done
rm -rf "$d/root"
mv "$d/root.tmp" "$d/root"
