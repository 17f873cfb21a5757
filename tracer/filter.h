/* filter.h -- which syscalls and signals the trace shows (-e trace=, -e signal=). */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/* Parse one -e argument ("trace=%net,accept4", "signal=none", or a bare list meaning trace=).
 * Returns 0, or -1 with a message in err. */
int filter_parse(const char *expr, char *err, size_t errlen);
bool filter_traced(int nr);
bool filter_signal_shown(int sig);
/* The syscall numbers the filter selects, for a seccomp pre-filter; returns their count. */
size_t filter_numbers(int *out, size_t max);
bool filter_is_everything(void);
/* -e trace= selects few enough syscalls for a pre-filter to save stops. */
bool filter_is_selective(void);
