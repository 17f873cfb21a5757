/* output.c -- turns finished pieces into trace lines: strace's text format (the leader with pid and
 * time, alignment of " = " at column 40, <unfinished ...> / <... name resumed> when tasks interleave),
 * or JSON lines. Everything the tracer prints about the tracee goes through here. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "output.h"
#include "tracer.h"

static FILE *out;
static bool to_file;           /* -o: strace then prefixes "PID  " instead of "[pid N] " */
static struct tcb *open_line;  /* whose syscall line is printed up to its entry part */
static size_t column;          /* characters on the current line so far */
static struct timespec last_ts; /* for -r */
static struct sb line;         /* scratch for one piece of output */

enum { ALIGN_COLUMN = 40 };

/* Batched output: a trace going to a file that nobody reads line by line goes out in large writes, at most
 * a tick or two (BATCH_TICK_US) after a line was made, instead of at every pause of the tracees (under load
 * nearly every stop, and each cost a write and a wait4 more). The tick is a timer that runs only while
 * lines wait in the buffer; its SIGALRM ends the tracer's wait, so a reader of the file still sees a
 * blocked accept4( as soon as a person would look. */
enum { BATCH_BUF = 1 << 16, BATCH_TICK_US = 20000 };
static bool batched;
static bool ticking;               /* the timer runs */
static volatile sig_atomic_t tick; /* it went off since output_tick last looked */

static void on_tick(int sig)
{
	(void)sig;
	tick = 1;
}

/* Installed when first needed, after session.c has started the program: the program must inherit the
 * tracer's own SIGALRM disposition and mask, not these. */
static bool tick_handler(void)
{
	static bool done;
	if (done)
		return true;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_tick; /* no SA_RESTART: the signal must end a wait4 that would block for long */
	sigemptyset(&sa.sa_mask);
	sigset_t alrm;
	sigemptyset(&alrm);
	sigaddset(&alrm, SIGALRM);
	if (sigaction(SIGALRM, &sa, NULL) != 0 || sigprocmask(SIG_UNBLOCK, &alrm, NULL) != 0)
		return false;
	return done = true;
}

static void set_ticks(bool on)
{
	long us = on ? BATCH_TICK_US : 0;
	struct itimerval it = { .it_interval = { 0, us }, .it_value = { 0, us } };
	if (on && !tick_handler()) {
		batched = false; /* no timer: flush at every pause, as for a terminal */
		return;
	}
	if (setitimer(ITIMER_REAL, &it, NULL) == 0)
		ticking = on;
	else if (on)
		batched = false;
}

void output_init(FILE *f, bool is_file)
{
	out = f;
	to_file = is_file;
	/* Only a regular file or a device such as /dev/null: a terminal wants each line as it happens, and a
	 * write to a pipe or a FIFO could be cut short by the timer's signal. */
	struct stat st;
	batched = is_file && fstat(fileno(f), &st) == 0 &&
		  (S_ISREG(st.st_mode) || (S_ISCHR(st.st_mode) && !isatty(fileno(f))));
	if (batched)
		setvbuf(out, NULL, _IOFBF, BATCH_BUF);
}

bool output_batched(void)
{
	return batched;
}

FILE *output_stream(void)
{
	return out;
}

static bool unflushed; /* something was written since the last flush */

bool output_pending(void)
{
	return unflushed;
}

static void emit(const char *s, size_t n)
{
	fwrite(s, 1, n, out);
	unflushed = true;
	if (batched && !ticking)
		set_ticks(true);
	for (size_t i = 0; i < n; i++)
		column = s[i] == '\n' ? 0 : column + 1;
}

static void emit_sb(struct sb *b)
{
	emit(sb_str(b), b->len);
	sb_reset(b);
}

void output_flush(void)
{
	fflush(out);
	unflushed = false;
}

void output_tick(void)
{
	if (!tick)
		return;
	tick = 0;
	if (unflushed)
		output_flush();
	else if (ticking)
		set_ticks(false); /* a whole tick with nothing new: none until the next line */
}

void output_end(void)
{
	if (ticking)
		set_ticks(false);
	batched = false; /* what little is still said (detaching) needs no timer: fclose writes it */
	tick = 0;
	output_flush();
}

/* The start of every line: who (when several tasks are traced) and when (-t/-tt/-ttt/-r). */
static void leader(struct sb *b, struct tcb *t, const struct timespec *wall, const struct timespec *mono)
{
	if (t && to_file && (opt.follow || tcb_count() > 1))
		sb_printf(b, "%-5d ", t->pid);
	else if (t && tcb_count() > 1)
		sb_printf(b, "[pid %5d] ", t->pid);

	if (opt.tflag) {
		struct timespec now;
		if (wall)
			now = *wall;
		else
			clock_gettime(CLOCK_REALTIME, &now);
		if (opt.tflag >= 3) {
			sb_printf(b, "%lld.%06ld ", (long long)now.tv_sec, now.tv_nsec / 1000);
		} else {
			struct tm tm;
			char hms[16];
			localtime_r(&now.tv_sec, &tm);
			strftime(hms, sizeof hms, "%H:%M:%S", &tm);
			if (opt.tflag == 2)
				sb_printf(b, "%s.%06ld ", hms, now.tv_nsec / 1000);
			else
				sb_printf(b, "%s ", hms);
		}
	}
	if (opt.rflag) {
		struct timespec now;
		if (mono)
			now = *mono;
		else
			clock_gettime(CLOCK_MONOTONIC, &now);
		if (last_ts.tv_sec == 0 && last_ts.tv_nsec == 0)
			last_ts = now;
		long long ns = (now.tv_sec - last_ts.tv_sec) * 1000000000LL + (now.tv_nsec - last_ts.tv_nsec);
		sb_printf(b, "%6lld.%06lld ", ns / 1000000000LL, (ns % 1000000000LL) / 1000);
		last_ts = now;
	}
}

/* Another task wants the line: the one printed so far ends as strace ends it. */
static void interrupt_open_line(void)
{
	if (!open_line)
		return;
	emit(" <unfinished ...>\n", 18);
	open_line = NULL;
}

void output_syscall_entry(struct tcb *t)
{
	if (opt.json || opt.cflag == 1)
		return;
	interrupt_open_line();
	leader(&line, t, &t->wall_entry, &t->t_entry);
	sb_printf(&line, "%s(", t->sys->name);
	sb_write(&line, sb_str(&t->entry_text), t->entry_text.len);
	emit_sb(&line);
	open_line = t;
}

static void format_rval(struct sb *b, struct tcb *t, bool unfinished)
{
	if (unfinished) {
		sb_puts(b, "?");
		return;
	}
	if (t->error) {
		const char *name = errno_name(t->err);
		/* Restart codes never reach the program: strace shows "?" as the value. */
		if (t->err >= 512 && t->err <= 530)
			sb_puts(b, "? ");
		else
			sb_puts(b, "-1 ");
		if (name)
			sb_printf(b, "%s (%s)", name, errno_text(t->err));
		else
			sb_printf(b, "E??? (errno %d)", t->err);
		return;
	}
	switch (t->rval_fmt) {
	case RVAL_HEX:
		sb_printf(b, "%#llx", (unsigned long long)t->rval);
		break;
	case RVAL_OCTAL:
		sb_printf(b, "%#03llo", (unsigned long long)t->rval); /* strace: umask() = 022, 000 */
		break;
	case RVAL_UDECIMAL:
		sb_printf(b, "%llu", (unsigned long long)t->rval);
		break;
	case RVAL_FD:
		print_fd(b, t, t->rval);
		break;
	case RVAL_NONE:
		sb_puts(b, "?");
		break;
	default:
		sb_printf(b, "%lld", (long long)t->rval);
	}
}

static void finish_text(struct tcb *t, bool unfinished)
{
	if (open_line != t) {
		interrupt_open_line();
		leader(&line, t, NULL, NULL);
		sb_printf(&line, "<... %s resumed>", t->sys->name);
		/* a task gone in the middle of a call that was cut short: strace says it never finished */
		if (unfinished)
			sb_puts(&line, " <unfinished ...>");
	}
	sb_write(&line, sb_str(&t->exit_text), t->exit_text.len);
	sb_putc(&line, ')');
	/* The whole rest of the line, note included, goes out in one piece: on an unbuffered stderr each
	 * piece is a write of its own. */
	const char *nl = memrchr(line.s, '\n', line.len);
	size_t col = nl ? line.len - (size_t)(nl + 1 - line.s) : column + line.len;
	for (; col < ALIGN_COLUMN - 1; col++)
		sb_putc(&line, ' ');
	sb_puts(&line, " = ");
	format_rval(&line, t, unfinished);
	if (t->aux[0] && !unfinished)
		sb_printf(&line, " %s", t->aux);
	if (opt.Tflag && !unfinished) {
		long long ns = (t->t_exit.tv_sec - t->t_entry.tv_sec) * 1000000000LL +
			       (t->t_exit.tv_nsec - t->t_entry.tv_nsec);
		sb_printf(&line, " <%lld.%06lld>", ns / 1000000000LL, (ns % 1000000000LL) / 1000);
	}
	sb_putc(&line, '\n');
	if (t->note.len && opt.explain) {
		/* On its own line, so the strace line above stays byte for byte strace's. */
		leader(&line, t, NULL, NULL);
		sb_printf(&line, "%s  # %s%s\n", opt.color ? "\033[2m" : "", sb_str(&t->note), opt.color ? "\033[0m" : "");
	}
	emit_sb(&line);
	open_line = NULL;
}

static void json_string(struct sb *b, const char *s, size_t n)
{
	sb_putc(b, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			sb_printf(b, "\\%c", c);
		else if (c < 0x20)
			sb_printf(b, "\\u%04x", c);
		else
			sb_putc(b, (char)c);
	}
	sb_putc(b, '"');
}

static void finish_json(struct tcb *t, bool unfinished)
{
	struct sb *b = &line;
	sb_printf(b, "{\"type\":\"syscall\",\"pid\":%d,\"name\":", t->pid);
	json_string(b, t->sys->name, strlen(t->sys->name));
	sb_printf(b, ",\"nr\":%d,\"args\":[", t->nr);
	int n = t->sys->nargs > 6 ? 6 : t->sys->nargs;
	for (int i = 0; i < n; i++)
		sb_printf(b, "%s%llu", i ? "," : "", (unsigned long long)t->args[i]);
	sb_puts(b, "],\"decoded\":");
	struct sb args = { 0 };
	sb_write(&args, sb_str(&t->entry_text), t->entry_text.len);
	sb_write(&args, sb_str(&t->exit_text), t->exit_text.len);
	json_string(b, sb_str(&args), args.len);
	sb_free(&args);
	if (unfinished) {
		sb_puts(b, ",\"ret\":null");
	} else {
		sb_printf(b, ",\"ret\":%lld", (long long)(t->error ? -1 : t->rval));
		if (t->error) {
			const char *name = errno_name(t->err);
			sb_puts(b, ",\"errno\":");
			json_string(b, name ? name : "E???", strlen(name ? name : "E???"));
		}
	}
	long long dur = (t->t_exit.tv_sec - t->t_entry.tv_sec) * 1000000000LL + (t->t_exit.tv_nsec - t->t_entry.tv_nsec);
	sb_printf(b, ",\"start\":%lld.%06ld,\"duration\":%.6f", (long long)t->wall_entry.tv_sec,
		  t->wall_entry.tv_nsec / 1000, unfinished ? 0.0 : dur / 1e9);
	if (t->note.len) {
		sb_puts(b, ",\"explain\":");
		json_string(b, sb_str(&t->note), t->note.len);
	}
	sb_puts(b, "}\n");
	emit_sb(b);
}

void output_syscall_exit(struct tcb *t, bool unfinished)
{
	if (opt.cflag == 1)
		return;
	if (opt.json)
		finish_json(t, unfinished);
	else
		finish_text(t, unfinished);
}

static void whole_line(struct tcb *t, const char *text, const char *json)
{
	interrupt_open_line();
	if (opt.json) {
		sb_printf(&line, "{%s,\"pid\":%d}\n", json, t->pid);
	} else {
		leader(&line, t, NULL, NULL);
		sb_puts(&line, text);
		sb_putc(&line, '\n');
	}
	emit_sb(&line);
}

void output_exit(struct tcb *t, int status)
{
	if (opt.cflag == 1)
		return;
	char text[96], json[96];
	if (WIFEXITED(status)) {
		snprintf(text, sizeof text, "+++ exited with %d +++", WEXITSTATUS(status));
		snprintf(json, sizeof json, "\"type\":\"exit\",\"status\":%d", WEXITSTATUS(status));
	} else {
		snprintf(text, sizeof text, "+++ killed by %s%s +++", signal_name(WTERMSIG(status)),
			 WCOREDUMP(status) ? " (core dumped)" : "");
		snprintf(json, sizeof json, "\"type\":\"killed\",\"signal\":\"%s\"", signal_name(WTERMSIG(status)));
	}
	whole_line(t, text, json);
}

void output_stopped(struct tcb *t, int sig)
{
	if (opt.cflag == 1)
		return;
	char text[64], json[80];
	snprintf(text, sizeof text, "--- stopped by %s ---", signal_name(sig));
	snprintf(json, sizeof json, "\"type\":\"stopped\",\"signal\":\"%s\"", signal_name(sig));
	whole_line(t, text, json);
}

void output_signal(struct tcb *t, const siginfo_t *si)
{
	if (opt.cflag == 1)
		return;
	struct sb body = { 0 };
	format_siginfo(&body, si);
	struct sb text = { 0 };
	sb_printf(&text, "--- %s %s ---", signal_name(si->si_signo), sb_str(&body));
	struct sb json = { 0 };
	sb_printf(&json, "\"type\":\"signal\",\"signal\":\"%s\",\"siginfo\":", signal_name(si->si_signo));
	json_string(&json, sb_str(&body), body.len);
	whole_line(t, sb_str(&text), sb_str(&json));
	sb_free(&body);
	sb_free(&text);
	sb_free(&json);
}

/* We let go of t (Ctrl-C after -p): its pending line ends as strace ends it. */
void output_detached(struct tcb *t)
{
	if (open_line == t) {
		emit(" <detached ...>\n", 17);
		open_line = NULL;
	}
}

/* A line that belongs to no syscall, e.g. "+++ superseded by execve in pid N +++". */
void output_note(struct tcb *t, const char *text)
{
	if (opt.cflag == 1 || opt.json)
		return;
	whole_line(t, text, "");
}
