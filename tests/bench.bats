#!/usr/bin/env bats
# bench: `scripts/bench --quick --dry-run` prints the plan and checks the tools without any load, and says
# which tool is missing. (The benchmarks themselves are not tests: `make bench` runs them.)

load helpers

bench_tools_installed() {
	"$ROOT/scripts/install-deps" --bench --check >/dev/null 2>&1
}

@test "bench: a quick dry run lists every section's commands and says every tool is there" {
	bench_tools_installed || skip "the benchmark tools are not installed (scripts/install-deps --bench)"
	run "$ROOT/scripts/bench" --quick --dry-run
	assert_success
	assert_line --partial 'quick run, sections: scaling tracing nginx startup find'
	# every scaling stage gets -c (as many clients as it may have fds), so that fds are the only limit
	assert_line --regexp '/05-poll +-a 127\.0\.0\.1 -p 0 -b [0-9]+ -c [0-9]+ \+ .*/test-idle-clients -p PORT -n N'
	assert_line --regexp '/06-epoll +-a 127\.0\.0\.1 -p 0 -b [0-9]+ -c [0-9]+ \+ '
	assert_line --regexp '/07-http +-a 127\.0\.0\.1 -p 0 -b [0-9]+ -c [0-9]+ \+ '
	assert_line --regexp '^   strace -f -o /dev/null -- .*/07-http -a 127\.0\.0\.1 -p 0$'
	assert_line --regexp '^   .*/tracer -f --no-explain --seccomp-bpf -e trace=%net -o /dev/null -- .*/07-http'
	assert_line --regexp 'nginx -p TMP -c TMP/nginx\.conf'
	assert_line --regexp "hyperfine -N .*'strace -o /dev/null -- /bin/true'"
	assert_line --regexp '^   find /usr/include -type f$'
	assert_line 'bench: dry run: every tool is there'
}

@test "bench: a dry run writes no file" {
	bench_tools_installed || skip "the benchmark tools are not installed (scripts/install-deps --bench)"
	local out="$BATS_TEST_TMPDIR/out"
	mkdir "$out"
	run "$ROOT/scripts/bench" --quick --dry-run -o "$out"
	assert_success
	assert_line --partial "results would go to $out/benchmarks.md"
	run find "$out" -mindepth 1
	assert_success
	assert_output ''
}

@test "bench: a dry run names a missing tool and fails" {
	run env WRK=/nonexistent/wrk "$ROOT/scripts/bench" --quick --dry-run
	assert_failure
	assert_line --partial 'bench: missing: /nonexistent/wrk'
	assert_line --partial 'scripts/install-deps --bench'
}

@test "bench: an unknown section or option is refused with the usage" {
	run "$ROOT/scripts/bench" --only nosuch --dry-run
	assert_failure 2
	assert_line --partial 'unknown section: nosuch'
	run "$ROOT/scripts/bench" --bogus
	assert_failure 2
	assert_line --partial 'usage: scripts/bench'
}
