#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only OR MIT
#
# sanitize.sh asan BUILDDIR: configure BUILDDIR (a second build of this
#	source) with -Db_sanitize=address,undefined -Db_lundef=false, build it
#	and run the unit and cli suites there with ASan (leak checks
#	on) and UBSan (halting on the first report).  The purity suite is
#	left out: instrumentation adds outside symbols on purpose.
# sanitize.sh valgrind BUILDDIR: in the existing build BUILDDIR, run the
#	unit suite under valgrind (meson test --wrapper), then the cli tests
#	with iommugroup-predict replaced by a wrapper that runs it under
#	valgrind.  "meson test --wrapper" wraps only a test's own executable;
#	the CLI tests are scripts that run the binary they are given as an
#	argument, so this reads the test list (meson introspect --tests) and
#	runs each cli test with the wrapper's path in place of the binary's.
#	VALGRIND_CLI_TESTS (default below) names the cli tests to run that
#	way; the per-fixture loops of the other cli tests cost minutes under
#	valgrind and add nothing the ASan run does not see.
# Both exit 0 with "no report", 1 on any sanitizer/valgrind report or
# failing test, 77 (skip) when the tool is missing.
set -u
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
mode=${1:?asan or valgrind}
bd=${2:?build directory}

case $mode in
asan)
	command -v meson >/dev/null || exit 77
	if [ ! -f "$bd/build.ninja" ]; then
		meson setup "$bd" "$src" -Db_sanitize=address,undefined \
			-Db_lundef=false -Dc_args=-fno-sanitize-recover=all \
			-Dhardening=false -Dbench=false >"$bd.setup.log" 2>&1 ||
			{ cat "$bd.setup.log"; exit 1; }
	fi
	ninja -C "$bd" >/dev/null || { ninja -C "$bd"; exit 1; }
	ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:verify_asan_link_order=0 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		meson test -C "$bd" --no-rebuild --print-errorlogs \
		--num-processes 2 --suite unit --suite cli
	rc=$?
	if grep -lE 'ERROR: (Address|Leak)Sanitizer|runtime error:' \
		"$bd/meson-logs/testlog.txt" >/dev/null 2>&1; then
		echo "sanitizer reports:"
		grep -E 'ERROR: (Address|Leak)Sanitizer|runtime error:' \
			"$bd/meson-logs/testlog.txt" | sort | uniq -c | head -20
		rc=1
	fi
	[ "$rc" -eq 0 ] && echo "asan+ubsan: no report"
	exit "$rc"
	;;
valgrind)
	command -v valgrind >/dev/null || { echo "no valgrind: skipped"; exit 77; }
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	vg="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --track-origins=no"
	rc=0
	# the unit suite: meson wraps each test executable (a separate log
	# base keeps the outer run's testlog)
	meson test -C "$bd" --no-rebuild --suite unit --logbase testlog-valgrind \
		--num-processes 2 --print-errorlogs --wrapper "$vg" || rc=1
	# the cli tests, with the binary wrapped
	real=$bd/cli/iommugroup-predict
	cat >"$tmp/iommugroup-predict" <<EOW
#!/bin/sh
exec $vg --log-file="$tmp/vg.%p" "$real" "\$@"
EOW
	chmod +x "$tmp/iommugroup-predict"
	meson introspect --tests "$bd" >"$tmp/tests.json" || exit 1
	python3 - "$tmp" "$real" "$vg" "${VALGRIND_CLI_TESTS:-cli-hostile cli-check-fixtures cli-which-umockdev cli-provider hostile-extra}" <<'PY' || rc=1
import json, os, subprocess, sys
tmp, real, vg, names = sys.argv[1], sys.argv[2], sys.argv[3].split(), sys.argv[4].split()
wrap = os.path.join(tmp, "iommugroup-predict")
tests = json.load(open(os.path.join(tmp, "tests.json")))
rc = 0
for t in tests:
    if t["name"] not in names or "cli" not in t["suite"][0]:
        continue
    bd = os.path.dirname(os.path.dirname(real))
    cwd = t.get("workdir") or bd  # meson runs tests in the build dir
    cmd = [wrap if os.path.realpath(os.path.join(cwd, c)) ==
           os.path.realpath(real) else c for c in t["cmd"]]
    if cmd[0].endswith("test-provider"):
        cmd = vg + cmd  # a C test program: wrap it directly
    env = dict(os.environ, **t.get("env", {}))
    r = subprocess.run(cmd, cwd=cwd, env=env,
                       capture_output=True, text=True)
    print("%-24s %s" % (t["name"], "ok" if r.returncode == 0 else
                          "FAIL (exit %d)" % r.returncode))
    if r.returncode:
        rc = 1
        print(r.stdout[-2000:], r.stderr[-2000:])
sys.exit(rc)
PY
	for f in "$tmp"/vg.*; do
		[ -s "$f" ] || continue
		echo "valgrind report ($f):"
		head -40 "$f"
		rc=1
	done
	[ "$rc" -eq 0 ] && echo "valgrind: no report"
	exit "$rc"
	;;
*)
	echo "usage: sanitize.sh asan|valgrind BUILDDIR" >&2
	exit 2
	;;
esac
