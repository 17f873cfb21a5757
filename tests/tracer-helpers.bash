# tracer-helpers.bash -- for the tracer's bats files: our trace beside strace's, and our trace alone.
# Load after helpers.bash.

# LeakSanitizer cannot work under ptrace: a sanitizer build of a traced program runs without it.
NO_LEAK_CHECK=(env "ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0")

# compare_with_strace [--normalise FILTER] [COMPARE-STRACE OPTIONS...] -- COMMAND... -- run COMMAND under
# strace and under our tracer (scripts/compare-strace) and assert the two traces agree. A program that
# stopped early (a check that failed, a sanitizer report) would stop at the same place under both and the
# traces would agree, so each must also end with the program's exit 0.
# FILTER (a command or a function, stdin to stdout) goes over both raw traces before they are compared, for
# what differs from run to run that compare-strace does not take out (a pid inside a structure, an
# autobound name); the filtered traces stay in $BATS_TEST_TMPDIR/compare/strace.trace and tracer.trace.
compare_with_strace() {
	local keep="$BATS_TEST_TMPDIR/compare" side filter="" opts=()
	if [ "${1:-}" = --normalise ]; then
		filter="$2"
		shift 2
	fi
	rm -rf "$keep"
	run fresh_fds "${NO_LEAK_CHECK[@]}" "$ROOT/scripts/compare-strace" --keep "$keep" "$@"
	# a difference (1), not trouble (2), may be one the filter takes out: compare the filtered traces
	if [ -n "$filter" ] && [ "$status" -le 1 ]; then
		while [ $# -gt 0 ] && [ "$1" != -- ]; do
			opts+=("$1")
			shift
		done
		for side in strace tracer; do
			"$filter" <"$keep/$side.raw" >"$keep/$side.trace"
		done
		run "$ROOT/scripts/compare-strace" "${opts[@]}" --files "$keep/strace.trace" "$keep/tracer.trace"
	fi
	assert_success
	for side in strace tracer; do
		run tail -n 1 "$keep/$side.raw"
		assert_output --regexp '\+\+\+ exited with 0 \+\+\+$'
	done
}

# trace_ours NAME [TRACER OPTIONS...] -- COMMAND... -- run COMMAND under bin/tracer --no-explain; the trace
# is in $output (and $lines) for assert_line. Fails, showing the program's output, if it did not exit 0.
trace_ours() {
	local name="$1" status=0
	shift
	(fresh_fds "${NO_LEAK_CHECK[@]}" "$BIN/tracer" --no-explain -o "$BATS_TEST_TMPDIR/$name.trace" "$@") \
		>"$BATS_TEST_TMPDIR/$name.out" 2>&1 || status=$?
	if [ "$status" -ne 0 ]; then
		echo "the traced program exited $status under the tracer:" >&2
		cat "$BATS_TEST_TMPDIR/$name.out" >&2
		return 1
	fi
	run cat "$BATS_TEST_TMPDIR/$name.trace"
}
