# SPDX-License-Identifier: GPL-2.0-only OR MIT
# shared helpers of the CLI tests (sourced)
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
pass() { echo "ok: $*"; }
# expect RC CMD...: run CMD, compare its exit status
expect_rc() {
	want=$1; shift
	"$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" -ne "$want" ]; then
		fail "exit $got, wanted $want: $*"
		sed 's/^/  stdout: /' "$tmp/out" | head -20 >&2
		sed 's/^/  stderr: /' "$tmp/err" | head -20 >&2
		return 1
	fi
	return 0
}
# expect_in FILE TEXT: FILE contains TEXT
expect_in() {
	if ! grep -qF -- "$2" "$1"; then
		fail "$(basename "$1") lacks '$2'"
		sed 's/^/  | /' "$1" | head -20 >&2
		return 1
	fi
	return 0
}
finish() {
	rm -rf "$tmp"
	if [ "$fails" -ne 0 ]; then
		echo "$fails failure(s)" >&2
		exit 1
	fi
	exit 0
}
tmp=$(mktemp -d)
