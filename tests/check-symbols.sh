#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only OR MIT
# The core library must not need any symbol from outside itself: no libc,
# no compiler runtime.  Usage: check-symbols.sh NM LIBRARY.a
set -e
nm=$1
lib=$2
[ -s "$lib" ] || { echo "no library at $lib"; exit 1; }
undef=$("$nm" -u "$lib" | awk 'NF == 2 { print $2 }' | sort -u)
def=$("$nm" --defined-only "$lib" | awk 'NF == 3 { print $3 }' | sort -u)
[ -n "$def" ] || { echo "no symbols defined in $lib"; exit 1; }
bad=0
set +e
for s in $undef; do
	if ! printf '%s\n' "$def" | grep -qx "$s"; then
		echo "core library needs an outside symbol: $s"
		bad=1
	fi
done
[ $bad -eq 0 ] && echo "core library is self-contained ($(printf '%s\n' "$def" | wc -l) symbols)"
exit $bad
