#!/usr/bin/env bash
# promtool for the metrics test (`promtool check metrics` on /api/metrics), from Debian's
# `prometheus` package: the package is downloaded and unpacked into a folder of its own (no
# install, so no Prometheus server is set up or started on this machine). Optional: prints the
# folder to put on PATH, or nothing when promtool is already there or cannot be had (the test
# then checks the exposition format itself). Takes about 5 s where apt's lists are present.
set -uo pipefail

command -v promtool >/dev/null 2>&1 && exit 0
command -v apt-get >/dev/null 2>&1 && command -v dpkg-deb >/dev/null 2>&1 || exit 0
dir="${TMPDIR:-/tmp}/portal-promtool"
if [[ ! -x $dir/usr/bin/promtool ]]; then
  work=$(mktemp -d) || exit 0
  if ! (cd "$work" && timeout 90 apt-get download prometheus >/dev/null 2>&1); then
    # No package lists yet (a fresh machine): fetch them once, as root only.
    [[ $(id -u) -eq 0 ]] && timeout 120 apt-get update -qq >/dev/null 2>&1 && (cd "$work" && timeout 90 apt-get download prometheus >/dev/null 2>&1)
  fi
  deb=$(ls "$work"/prometheus_*.deb 2>/dev/null | head -1)
  [[ -n $deb ]] && mkdir -p "$dir" && dpkg-deb -x "$deb" "$dir" 2>/dev/null
  rm -rf "$work"
fi
[[ -x $dir/usr/bin/promtool ]] && echo "$dir/usr/bin"
exit 0
