/* profile.h -- --seccomp-profile: the syscalls a program made, written as an OCI/Docker seccomp profile. */
#pragma once

#include <stdbool.h>

void profile_record(int nr);
/* Returns 0, or -1 after printing why. */
int profile_write(const char *path);
