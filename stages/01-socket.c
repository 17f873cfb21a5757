/* 01-socket.c -- socket() asks the kernel for a TCP endpoint and gets back a file descriptor: a small number. */
#include "common.h"

#include <stdio.h>
#include <unistd.h>

/* The kernel creates a socket and gives us the lowest free fd: 3, after stdin, stdout and stderr. */
static int open_socket(int family)
{
	int fd = socket(family, SOCK_STREAM, 0);
	if (fd == -1)
		die("socket");
	printf("socket(%s, SOCK_STREAM, 0) = fd %d\n", family_name(family), fd);
	return fd;
}

/* An fd is an index into the process's table of open files; /proc shows what each one is. */
static void show_fd(int fd)
{
	char path[64], target[256];
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	ssize_t n = readlink(path, target, sizeof target - 1);
	if (n == -1)
		die("readlink");
	target[n] = '\0';
	printf("%s -> %s\n", path, target);
}

int main(int argc, char **argv)
{
	struct options o;
	parse_options(argc, argv, "a", &o);

	int fd = open_socket(o.family);
	show_fd(fd);

	if (close(fd) == -1)
		die("close");
	printf("close(%d) = 0\n", fd);
	return 0;
}
