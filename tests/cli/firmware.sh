#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only OR MIT
#
# firmware.sh PREDICT FIXTURES_DIR: the firmware IOMMU tables, the kernel
# log's probe order and the root-bus order in the CLI.
#  - every fixture whose kernel log has "Adding to iommu group" lines agrees
#    with the kernel under --order-from-log too (and --check reports that
#    the predicted probe order agrees with the log);
#  - a log whose order was changed makes --check fail on the order;
#  - a DMAR or IVRS table that no longer covers a device makes --check see
#    the device without a group (so the tables are read and applied);
#  - several root buses and no "PCI host bridge" lines: exit 3, with a note;
#  - --order-from-log without such lines: exit 2.
. "$(dirname "$0")/lib.sh"
predict=$1
dir=$2
n=0
for t in "$dir"/*/; do
	t=${t%/}
	[ -d "$t/sys/bus/pci/devices" ] || continue
	grep -q ": Adding to iommu group " "$t/dmesg" 2>/dev/null || continue
	n=$((n + 1))
	if expect_rc 0 "$predict" --root "$t" --check --order-from-log &&
	   expect_in "$tmp/err" "probe order: the kernel log's" &&
	   expect_rc 0 "$predict" --root "$t" --check &&
	   expect_in "$tmp/out" "probe order: agrees with the kernel log"; then
		pass "order-from-log $(basename "$t")"
	fi
done
[ "$n" -gt 0 ] || fail "no fixture with a kernel log under $dir"

# the log's order changed: two PCI "Adding" lines swapped
cp -a "$dir/rp-acs-mix-6.12" "$tmp/swap"
awk '/pci 0000:00:02.0: Adding to iommu group/ { held = $0; next }
     { print }
     /pci 0000:00:03.0: Adding to iommu group/ && held { print held; held = "" }' \
	"$dir/rp-acs-mix-6.12/dmesg" > "$tmp/swap/dmesg"
if expect_rc 1 "$predict" --root "$tmp/swap" --check &&
   expect_in "$tmp/out" "probe order differs from the kernel log at device 2: the kernel probed 0000:00:03.0, the prediction 0000:00:02.0"; then
	pass "a changed log order is reported"
fi

# DMAR: the scope of 00:1f.3 now names 00:1e.3, which does not exist
cp -a "$dir/rp-acs-mix-6.12" "$tmp/dmar"
python3 - "$tmp/dmar/sys/firmware/acpi/tables/DMAR" <<'EOF'
import sys
p = sys.argv[1]
b = bytearray(open(p, "rb").read())
i = b.rindex(bytes([1, 8, 0, 0, 0, 0, 0x1f, 3]))
b[i + 6] = 0x1e
open(p, "wb").write(b)
EOF
if expect_rc 1 "$predict" --root "$tmp/dmar" --check &&
   expect_in "$tmp/out" "0000:00:1f.3: predicted no group, kernel group"; then
	pass "DMAR scopes decide coverage"
fi
# ... and --explain says why, in a tree without kernel groups
rm -r "$tmp/dmar/sys/kernel/iommu_groups"
find "$tmp/dmar/sys/devices" -name iommu_group -type l -exec rm {} +
if expect_rc 0 "$predict" --root "$tmp/dmar" --explain 00:1f.3 &&
   expect_in "$tmp/out" "no group: no IOMMU unit of the firmware's DMAR table covers it"; then
	pass "--explain names the DMAR table"
fi

# IVRS: the select entry of 00:03.0 (devid 0018) now names 00:02.7
cp -a "$dir/amd-rp-acs-mix-6.12" "$tmp/ivrs"
python3 - "$tmp/ivrs/sys/firmware/acpi/tables/IVRS" <<'EOF'
import sys
p = sys.argv[1]
b = bytearray(open(p, "rb").read())
i = b.index(bytes([2, 0x18, 0, 0]), 48)
b[i + 1] = 0x17
open(p, "wb").write(b)
EOF
if expect_rc 1 "$predict" --root "$tmp/ivrs" --check &&
   expect_in "$tmp/out" "0000:00:03.0: predicted no group, kernel group"; then
	pass "IVRS entries decide coverage"
fi

# two root buses, no host-bridge lines
cp -a "$dir/pxb-pcie-6.12" "$tmp/pxb"
grep -v "PCI host bridge to bus" "$dir/pxb-pcie-6.12/dmesg" > "$tmp/pxb/dmesg"
if expect_rc 3 "$predict" --root "$tmp/pxb" &&
   expect_in "$tmp/err" "2 root buses and no kernel log of the order"; then
	pass "root-bus order unknown: uncertain"
fi
# ... but the log's own probe order settles it
if expect_rc 0 "$predict" --root "$tmp/pxb" --check --order-from-log; then
	pass "root-bus order unknown, --order-from-log"
fi

# --order-from-log without the lines
cp -a "$dir/rp-acs-mix-6.12" "$tmp/nolog"
grep -v "Adding to iommu group" "$dir/rp-acs-mix-6.12/dmesg" > "$tmp/nolog/dmesg"
if expect_rc 2 "$predict" --root "$tmp/nolog" --order-from-log &&
   expect_in "$tmp/err" "no \"Adding to iommu group\" lines"; then
	pass "--order-from-log needs the log"
fi
finish
