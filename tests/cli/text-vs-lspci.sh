#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only OR MIT
#
# text-vs-lspci.sh PREDICT [--hostile MAKE_TREES NAME,...] TREE|DIR...:
# the default text output must be
# byte-identical to what the Arch wiki script prints on the same tree:
#   for g in $(find /sys/kernel/iommu_groups/* -maxdepth 0 -type d | sort -V)
#     echo "IOMMU Group ${g##*/}:"; for d in $g/devices/*: echo -e "\t$(lspci -nns ${d##*/})"
# run here with lspci pointed at the tree.  Trees whose kernel groups hold a
# non-PCI device are skipped (the script prints a line for it, the predictor
# predicts PCI devices only).  Trees without kernel groups still have every
# device line compared with lspci.
. "$(dirname "$0")/lib.sh"
predict=$1; shift
shopt -s nullglob
export LC_ALL=C
trees=()
if [ "${1-}" = --hostile ]; then
	"$2" "$tmp/hostile" || fail "make-trees.sh"
	IFS=, read -ra names <<<"$3"
	for nm in "${names[@]}"; do trees+=("$tmp/hostile/$nm"); done
	shift 3
fi
for a in "$@"; do
	a=${a%/}
	if [ -d "$a/sys/bus/pci/devices" ]; then
		trees+=("$a")
	else
		for t in "$a"/*/; do trees+=("${t%/}"); done
	fi
done
n=0
for t in "${trees[@]}"; do
	[ -d "$t/sys/bus/pci/devices" ] || continue
	n=$((n + 1))
	name=$(basename "$t")
	lspci_t() { lspci -A linux-sysfs -O sysfs.path="$t/sys/bus/pci" "$@"; }
	"$predict" --root "$t" --iommu=intel >"$tmp/got" 2>"$tmp/err"
	rc=$?
	if [ $rc -ne 0 ] && [ $rc -ne 3 ]; then
		fail "$name: exit $rc"; cat "$tmp/err" >&2; continue
	fi
	gl=("$t"/sys/kernel/iommu_groups/*)
	groups=
	[ ${#gl[@]} -gt 0 ] &&
		groups=$(find "${gl[@]}" -maxdepth 0 -type d | sort -V)
	if [ -n "$groups" ]; then
		nonpci=
		for g in $groups; do
			for d in "$g"/devices/*; do
				[ -e "$t/sys/bus/pci/devices/${d##*/}" ] || nonpci=${d##*/}
			done
		done
		if [ -n "$nonpci" ]; then
			echo "skip: $name (kernel group member $nonpci is not PCI)"
			continue
		fi
		for g in $groups; do
			echo "IOMMU Group ${g##*/}:"
			for d in "$g"/devices/*; do
				echo -e "\t$(lspci_t -nns "${d##*/}")"
			done
		done >"$tmp/want"
		if cmp -s "$tmp/want" "$tmp/got"; then
			pass "$name: identical to the Arch wiki script"
		else
			fail "$name: differs from the Arch wiki script"
			diff "$tmp/want" "$tmp/got" | head -20 >&2
		fi
	fi
	# every device line, whatever the grouping
	grep -P '^\t' "$tmp/got" | cut -c2- | while IFS= read -r line; do
		addr=${line%% *}
		want=$(lspci_t -nns "$addr")
		[ "$want" = "$line" ] || echo "$addr: lspci '$want' vs '$line'"
	done >"$tmp/linediff"
	if [ -s "$tmp/linediff" ]; then
		fail "$name: device lines differ from lspci -nns"
		head "$tmp/linediff" >&2
	else
		pass "$name: device lines equal lspci -nns"
	fi
done
[ "$n" -gt 0 ] || fail "no tree given"
finish
