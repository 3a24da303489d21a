#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only OR MIT
#
# compare.sh [BUILDDIR]: performance side by side, ratios of medians.
#  - core: the "ratio:" line of BUILDDIR/bench/iommugroup-bench (100k/10k);
#  - lspci: iommugroup-predict -r TREE against
#    lspci -nn -A linux-sysfs -O sysfs.path=TREE/sys/bus/pci on a generated
#    tree of 5,089 functions (gen-tree.py), goal <= 1.2;
#  - arch: the Arch wiki script on the same tree in a private mount
#    namespace (TREE/sys bind-mounted on /sys) against iommugroup-predict,
#    printed as arch/predict, goal >= 20.
# Peak memory (max RSS, /usr/bin/time) of each.  RUNS (default 5) runs of
# each command, ARCH_RUNS (default 1) of the Arch script (minutes).
# Last line: "ratios: core=R1 lspci=R2 arch=R3".
set -u
here=$(cd "$(dirname "$0")" && pwd)
bd=${1:-$here/../build}
P=$bd/cli/iommugroup-predict
runs=${RUNS:-5}
aruns=${ARCH_RUNS:-1}
tmp=$(mktemp -d "${TMPDIR:-/dev/shm}/igcmp.XXXXXX" 2>/dev/null || mktemp -d)
trap 'rm -rf "$tmp"' EXIT
T=$tmp/tree
python3 "$here/gen-tree.py" "$T" >"$tmp/n" || exit 1
echo "tree: $(cat "$tmp/n") functions in $T"

# median of the wall times (s) of RUNS runs of "$@"; max RSS (KiB) of the
# last run in $tmp/rss
median() {
	k=$1; shift
	i=0
	: >"$tmp/times"
	while [ "$i" -lt "$k" ]; do
		# wall time from the nanosecond clock (time(1) rounds to 10 ms);
		# peak memory from time(1)
		t0=$(date +%s%N)
		/usr/bin/time -f '%M' -o "$tmp/t1" "$@" >/dev/null 2>&1
		t1=$(date +%s%N)
		echo "$t0 $t1" | awk '{ printf "%.4f\n", ($2 - $1) / 1e9 }' >>"$tmp/times"
		cat "$tmp/t1" >"$tmp/rss"
		i=$((i + 1))
	done
	sort -n "$tmp/times" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

core=$("$bd/bench/iommugroup-bench" 1000 2>/dev/null | sed -n 's/^ratio: *//p')
echo "core: ratio ${core:-?} (100k/10k)"

tp=$(median "$runs" "$P" -r "$T"); mp=$(cat "$tmp/rss")
tl=$(median "$runs" lspci -nn -A linux-sysfs -O "sysfs.path=$T/sys/bus/pci"); ml=$(cat "$tmp/rss")
echo "iommugroup-predict: median ${tp}s, peak ${mp} KiB"
echo "lspci -nn:          median ${tl}s, peak ${ml} KiB"
lspci_r=$(awk -v a="$tp" -v b="$tl" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')

cat >"$tmp/arch.sh" <<'EOA'
shopt -s nullglob
for g in $(find /sys/kernel/iommu_groups/* -maxdepth 0 -type d | sort -V); do
	echo "IOMMU Group ${g##*/}:"
	for d in $g/devices/*; do
		echo -e "\t$(lspci -nns ${d##*/})"
	done
done
EOA
arch_r=skipped
if command -v unshare >/dev/null && [ "$(id -u)" -eq 0 ]; then
	cat >"$tmp/ns.sh" <<EON
mount --make-rprivate / && mount --bind "$T/sys" /sys && exec bash "$tmp/arch.sh"
EON
	ta=$(median "$aruns" unshare -m sh "$tmp/ns.sh"); ma=$(cat "$tmp/rss")
	lines=$(unshare -m sh "$tmp/ns.sh" 2>/dev/null | grep -c '^	')
	echo "Arch wiki script:   median ${ta}s, peak ${ma} KiB, $lines devices listed"
	arch_r=$(awk -v a="$ta" -v b="$tp" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')
else
	echo "Arch wiki script: skipped (needs root and unshare)"
fi
echo "goals: lspci <= 1.2 (predict/lspci), arch >= 20 (arch/predict)"
echo "ratios: core=${core:-?} lspci=$lspci_r arch=$arch_r"
