/* main.c -- bin/tracer's command line: strace's option letters where strace has the feature, then hand
 * over to the session. The only place that exits. */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fdmodel.h"
#include "filter.h"
#include "output.h"
#include "prefilter.h"
#include "profile.h"
#include "session.h"
#include "tracer.h"

extern void summary_print(FILE *f) __attribute__((weak));

struct options opt = { .strsize = 32, .explain = true, .explain_level = 1 };

static void usage(FILE *f)
{
	fputs("usage: tracer [OPTIONS] -- COMMAND [ARGS...]\n"
	      "       tracer [OPTIONS] -p PID[,PID...]\n"
	      "Trace the system calls of COMMAND (or of running processes) and print them as strace does.\n"
	      "\n"
	      "  -f              follow forks, vforks and threads\n"
	      "  -o FILE         write the trace to FILE (the program's own output stays where it was)\n"
	      "  -e trace=LIST   only these syscalls: names, %net, %desc, %file, %process, %signal,\n"
	      "                  %memory, %ipc, %creds, %clock, %stat, /REGEX, all, none; !NAME removes\n"
	      "  -e signal=LIST  only these signals (none, all, SIGINT,...)\n"
	      "  -s N            show at most N bytes of each buffer (default 32)\n"
	      "  -x, -xx         non-printable strings (-x) or all strings (-xx) in hex\n"
	      "  -y, -yy         label fds with what they are: paths (-y), and socket endpoints (-yy)\n"
	      "  -c              count calls, errors and time per syscall, print a table at the end\n"
	      "  -C              like -c, and print the trace too\n"
	      "  -T              time spent in each call\n"
	      "  -t, -tt, -ttt   wall clock time of each call (seconds, microseconds, epoch)\n"
	      "  -r              time since the previous line\n"
	      "  -p PID[,PID]    attach to running processes; Ctrl-C detaches and leaves them running\n"
	      "  --json          one JSON object per line for each syscall, signal and exit\n"
	      "  --no-explain    print exactly strace's lines, without explanations\n"
	      "  --explain=full  explanations say why each step matters, too (default: brief)\n"
	      "  --color=WHEN    dim explanations: auto (on a terminal), always, never\n"
	      "  --seccomp-bpf   let the kernel stop the program only at the -e trace= syscalls (the default\n"
	      "                  with -f and -e trace= when starting a program); --no-seccomp-bpf: never\n"
	      "  --dump-filter   print that seccomp filter as libseccomp's pseudo-code, then exit\n"
	      "  --seccomp-profile FILE\n"
	      "                  write the syscalls the program made to FILE as an OCI/Docker seccomp\n"
	      "                  profile (merged with the names FILE already allows)\n"
	      "  -h, --help      this help\n"
	      "\n"
	      "The exit status is the traced program's (128+N when signal N killed it).\n"
	      "The manual is docs/tracer.md.\n",
	      f);
}

static int bad_usage(const char *fmt, const char *arg)
{
	fputs("tracer: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'tracer -h' for more information.\n", stderr);
	return 1;
}

static int parse_pids(char *list, pid_t *pids, int max)
{
	int n = 0;
	char *save = NULL;
	for (char *p = strtok_r(list, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
		char *end;
		long v = strtol(p, &end, 10);
		if (*end || v <= 0 || v > 4194304 || n == max)
			return -1;
		pids[n++] = (pid_t)v;
	}
	return n;
}

enum { OPT_JSON = 256, OPT_NO_EXPLAIN, OPT_EXPLAIN, OPT_COLOR, OPT_SECCOMP, OPT_NO_SECCOMP, OPT_DUMP_FILTER,
       OPT_PROFILE };

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, OPT_JSON },
		{ "no-explain", no_argument, NULL, OPT_NO_EXPLAIN },
		{ "explain", required_argument, NULL, OPT_EXPLAIN },
		{ "color", required_argument, NULL, OPT_COLOR },
		{ "seccomp-bpf", no_argument, NULL, OPT_SECCOMP },
		{ "no-seccomp-bpf", no_argument, NULL, OPT_NO_SECCOMP },
		{ "dump-filter", no_argument, NULL, OPT_DUMP_FILTER },
		{ "seccomp-profile", required_argument, NULL, OPT_PROFILE },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *outfile = NULL;
	enum { MAX_PIDS = 64 };
	pid_t pids[MAX_PIDS];
	int npids = 0;
	char err[512];
	int c, color = -1;
	int seccomp = -1; /* -1: decide from the other options */
	bool dump_filter = false;
	const char *profile = NULL;

	syscalls_init();
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+fo:e:s:xyctCtTrp:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f': opt.follow = true; break;
		case 'o': outfile = optarg; break;
		case 'e':
			if (filter_parse(optarg, err, sizeof err) < 0)
				return bad_usage("%s", err);
			break;
		case 's': {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (*end || end == optarg || v < 0 || v > 1 << 20)
				return bad_usage("invalid -s argument: '%s'", optarg);
			opt.strsize = (int)v;
			break;
		}
		case 'x': if (opt.xflag < 2) opt.xflag++; break;
		case 'y': if (opt.yflag < 2) opt.yflag++; break;
		case 'c': opt.cflag = 1; break;
		case 'C': opt.cflag = 2; break;
		case 't': if (opt.tflag < 3) opt.tflag++; break;
		case 'T': opt.Tflag = true; break;
		case 'r': opt.rflag = true; break;
		case 'p': {
			char *copy = strdup(optarg);
			int n = parse_pids(copy, pids + npids, MAX_PIDS - npids);
			free(copy);
			if (n < 0)
				return bad_usage("invalid process id: '%s'", optarg);
			npids += n;
			break;
		}
		case 'h': usage(stdout); return 0;
		case OPT_JSON: opt.json = true; break;
		case OPT_NO_EXPLAIN: opt.explain = false; break;
		case OPT_EXPLAIN:
			if (strcmp(optarg, "brief") == 0)
				opt.explain_level = 1;
			else if (strcmp(optarg, "full") == 0)
				opt.explain_level = 2;
			else
				return bad_usage("--explain takes brief or full, not '%s'", optarg);
			opt.explain = true;
			break;
		case OPT_SECCOMP: seccomp = 1; break;
		case OPT_NO_SECCOMP: seccomp = 0; break;
		case OPT_DUMP_FILTER: dump_filter = true; break;
		case OPT_PROFILE: profile = optarg; break;
		case OPT_COLOR:
			if (strcmp(optarg, "auto") == 0)
				color = -1;
			else if (strcmp(optarg, "always") == 0)
				color = 1;
			else if (strcmp(optarg, "never") == 0)
				color = 0;
			else
				return bad_usage("--color takes auto, always or never, not '%s'", optarg);
			break;
		case '?':
		default:
			if (optopt && optopt < 256)
				snprintf(err, sizeof err, "%c", optopt);
			else
				snprintf(err, sizeof err, "%s", argv[optind - 1]);
			return bad_usage(strchr("oesp", optopt) && optopt ? "option requires an argument -- '%s'"
									  : "invalid option -- '%s'", err);
		}
	}
	char **command = argv + optind;
	if (dump_filter) {
		if (prefilter_build() < 0 || prefilter_dump(stdout) < 0)
			return 1;
		return 0;
	}
	if (npids == 0 && !*command)
		return bad_usage("%s", "must have PROG [ARGS] or -p PID");
	if (npids && *command)
		return bad_usage("%s", "give either a command or -p PID, not both");

	FILE *out = stderr;
	if (outfile) {
		out = fopen(outfile, "we"); /* "e": the tracee must not inherit it, or its fds would shift by one */
		if (!out) {
			fprintf(stderr, "tracer: Can't fopen '%s': %s\n", outfile, strerror(errno));
			return 1;
		}
	}
	opt.color = color == 1 || (color == -1 && isatty(fileno(out)));
	output_init(out, outfile != NULL);

	if (npids && seccomp == 1)
		fprintf(stderr, "tracer: --seccomp-bpf cannot be used with -p (the filter must be installed "
				"before the program starts); tracing without it\n");
	if (profile && seccomp == 1)
		fprintf(stderr, "tracer: --seccomp-profile needs to see every syscall; tracing without "
				"--seccomp-bpf\n");
	/* Without -f, children would inherit a filter with nobody to answer its stops (their traced calls
	 * would fail with ENOSYS): strace ignores --seccomp-bpf there too. */
	if (seccomp == 1 && !opt.follow)
		fprintf(stderr, "tracer: --seccomp-bpf has no effect without -f\n");
	/* The pre-filter changes nothing in the output, only the cost: on by default where it helps, that is
	 * when -e trace= leaves out most syscalls. */
	bool use_seccomp = *command && !profile && opt.follow &&
			   (seccomp == 1 || (seccomp == -1 && filter_is_selective()));
	if (use_seccomp) {
		if (prefilter_build() < 0)
			return 1;
		session_use_seccomp(true);
	}
	fm_trust(opt.follow && !use_seccomp);
	session_record_profile(profile != NULL);
	if (*command) {
		if (session_start(command) < 0)
			return 1;
	} else {
		for (int i = 0; i < npids; i++)
			if (session_attach(pids[i]) < 0)
				return 1;
	}
	int status = session_run();
	if (opt.cflag && summary_print)
		summary_print(out);
	if (profile && profile_write(profile) < 0)
		status = status ? status : 1;
	if (out != stderr && fclose(out) != 0) {
		fprintf(stderr, "tracer: write '%s': %s\n", outfile, strerror(errno));
		return 1;
	}
	return status;
}
