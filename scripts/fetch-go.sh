#!/usr/bin/env bash
# Fetches Debian's golang-1.NN (-go and -src) packages for the per-version tests (DESIGN.md §9) into a
# cache folder, without touching the machine's apt sources: a private sources list, private lists and
# archives folders, `apt-get download`, then `dpkg -x`. Idempotent: a version already unpacked is kept.
#
#   scripts/fetch-go.sh [CACHE_DIR] [1.21 1.23 ...]
#
# Prints one line per version, "1.NN <dir>/usr/lib/go-1.NN/bin/go". The tests find the versions through
# GOPROXY_DESK_GO_VERSIONS / GOPROXY_DESK_GO_CACHE (tests/fixtures/go-versions.ts).
set -euo pipefail

CACHE="${1:-${GOPROXY_DESK_GO_CACHE:-$HOME/.cache/goproxy-desk-go}}"
shift || true
VERSIONS=("$@")
if [ "${#VERSIONS[@]}" -eq 0 ]; then VERSIONS=(1.21 1.23 1.24 1.25 1.27); fi

KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
APT_DIR="$CACHE/apt"
mkdir -p "$APT_DIR/lists/partial" "$APT_DIR/archives/partial" "$APT_DIR/debs"
SOURCES="$APT_DIR/sources.list"
cat >"$SOURCES" <<EOF
deb [signed-by=$KEYRING] http://deb.debian.org/debian bookworm-backports main
deb [signed-by=$KEYRING] http://deb.debian.org/debian trixie main
deb [signed-by=$KEYRING] http://deb.debian.org/debian trixie-backports main
deb [signed-by=$KEYRING] http://deb.debian.org/debian sid main
EOF

APT_OPTS=(-o "Dir::Etc::SourceList=$SOURCES" -o "Dir::Etc::SourceParts=/dev/null"
  -o "Dir::State::Lists=$APT_DIR/lists" -o "Dir::Cache::archives=$APT_DIR/archives"
  -o "Dir::Cache::pkgcache=$APT_DIR/pkgcache.bin" -o "Dir::Cache::srcpkgcache=$APT_DIR/srcpkgcache.bin"
  -o "APT::Default-Release=" -o "Debug::NoLocking=1")
# As root apt would hand the download to the _apt user, who cannot write a cache folder of ours.
if [ "$(id -u)" = "0" ]; then APT_OPTS+=(-o "APT::Sandbox::User=root"); fi

need_update=0
for v in "${VERSIONS[@]}"; do
  if [ ! -x "$CACHE/go$v/usr/lib/go-$v/bin/go" ]; then need_update=1; fi
done
if [ "$need_update" = 1 ]; then
  apt-get "${APT_OPTS[@]}" update -qq >&2
fi

for v in "${VERSIONS[@]}"; do
  dest="$CACHE/go$v"
  if [ ! -x "$dest/usr/lib/go-$v/bin/go" ] || [ ! -d "$dest/usr/share/go-$v/src/cmd/go/testdata/script" ]; then
    rm -rf "$dest.tmp" && mkdir -p "$dest.tmp"
    (
      cd "$APT_DIR/debs"
      rm -f golang-"$v"-go_*.deb golang-"$v"-src_*.deb
      # The newest version of each package across the four suites; "golang-1.NN-go:amd64" would pin
      # the architecture, which apt-get download picks from the machine anyway.
      apt-get "${APT_OPTS[@]}" download -qq "golang-$v-go" "golang-$v-src" >&2
    )
    for deb in "$APT_DIR/debs"/golang-"$v"-go_*.deb "$APT_DIR/debs"/golang-"$v"-src_*.deb; do
      dpkg -x "$deb" "$dest.tmp"
    done
    rm -rf "$dest" && mv "$dest.tmp" "$dest"
    rm -f "$APT_DIR/debs"/golang-"$v"-go_*.deb "$APT_DIR/debs"/golang-"$v"-src_*.deb
  fi
  echo "$v $dest/usr/lib/go-$v/bin/go"
done
