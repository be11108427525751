#!/bin/sh
# Build templates/icc/newsprint-tr002-tac240.icc: a coldset newsprint CMYK output
# profile (TAC 240 %, K max 95 %, heavy GCR) from the ANSI CGATS/SNAP TR 002-2007
# characterization data shipped in Debian's icc-profiles-free (print.md §3).
#
#   apt-get install argyll icc-profiles-free   # Debian 12: argyll 2.3.1, icc-profiles-free 2.0.1
#   sh templates/icc/build_icc.sh [OUT.icc]
#
# Reproducible bytes: colprof output differs between runs only in the header's
# creation date (bytes 24-35); we overwrite it with a fixed date (FIXED_DATE
# below).  Argyll writes ICC v2.2 profiles whose profile ID (bytes 84-99) is all
# zero; if a future colprof sets it, we recompute it (MD5 over the profile with
# flags, rendering intent and ID zeroed, ICC.1:2010 §7.2.18).
#
# Licence condition of the TR 002 data: profiles derived from it may be
# distributed freely if TR 002 is named as the source -- hence -D and -C.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-"$here/newsprint-tr002-tac240.icc"}
# 2026-01-01 00:00:00 as ICC dateTimeNumber: year month day hour minute second (uint16 BE)
FIXED_DATE='\007\352\000\001\000\001\000\000\000\000\000\000'

command -v colprof >/dev/null || { echo "colprof missing: apt-get install argyll" >&2; exit 1; }
ti3=$(dpkg -L icc-profiles-free 2>/dev/null | grep '/TR002\.ti3$' || true)
[ -n "$ti3" ] || ti3=/usr/share/color/icc/TR002.ti3
[ -f "$ti3" ] || { echo "TR002.ti3 missing: apt-get install icc-profiles-free" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$ti3" "$work/TR002.ti3"
(cd "$work" && colprof -qm -kr -l240 -L95 \
    -D "Newsprint coldset TAC240 (based on CGATS TR 002)" \
    -C "Derived from ANSI CGATS/SNAP TR 002-2007 characterization data" \
    -O newsprint.icc TR002)

icc="$work/newsprint.icc"
printf "$FIXED_DATE" | dd of="$icc" bs=1 seek=24 conv=notrunc status=none

# Profile ID (bytes 84-99): recompute only if colprof set one.
id=$(dd if="$icc" bs=1 skip=84 count=16 status=none | od -An -tx1 | tr -d ' \n')
if [ "$id" != "00000000000000000000000000000000" ]; then
    cp "$icc" "$work/z.icc"
    printf '\000\000\000\000' | dd of="$work/z.icc" bs=1 seek=44 conv=notrunc status=none
    printf '\000\000\000\000' | dd of="$work/z.icc" bs=1 seek=64 conv=notrunc status=none
    head -c 16 /dev/zero | dd of="$work/z.icc" bs=1 seek=84 conv=notrunc status=none
    md5=$(md5sum "$work/z.icc" | cut -c1-32)
    # dash's printf has no \x escapes: write each byte as octal
    for byte in $(echo "$md5" | sed 's/../& /g'); do
        printf "\\$(printf %03o "0x$byte")"
    done | dd of="$icc" bs=1 seek=84 conv=notrunc status=none
fi

mv "$icc" "$out"
echo "wrote $out"
sha256sum "$out"
