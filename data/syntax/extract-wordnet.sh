#!/bin/sh
# Re-extracts the WordNet 3.0 morphological exception lists from the Debian package
# `wordnet-base` into data/syntax/wordnet/. Run from the repository root:
#   sh data/syntax/extract-wordnet.sh
# Needs apt-get and dpkg-deb (no root: the .deb is downloaded and unpacked locally).
set -eu
out="$(cd "$(dirname "$0")" && pwd)/wordnet"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
apt-get download wordnet-base
dpkg-deb -x wordnet-base_*.deb x
mkdir -p "$out"
for f in adj adv noun verb; do
  cp "x/usr/share/wordnet/$f.exc" "$out/$f.exc"
done
cp x/usr/share/doc/wordnet-base/copyright "$out/LICENSE"
dpkg-deb -f wordnet-base_*.deb Package Version
