/*
 * execray oracle harness: the program the exec path should end in. It writes what it was started
 * with to the file named by $XR_OUT, every field NUL-terminated: its identity, the path of the file
 * the kernel loaded (/proc/self/exe), AT_EXECFD and AT_FLAGS from the auxiliary vector, argc, then
 * argv. Used as the ELF at the end of a chain, as #! interpreter and as binfmt_misc interpreter.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

#ifndef XR_ID
#define XR_ID "report"
#endif

static void put(int fd, const char *s)
{
    size_t n = strlen(s) + 1;
    while (n > 0) {
        ssize_t w = write(fd, s, n);
        if (w <= 0)
            return;
        s += w;
        n -= (size_t)w;
    }
}

int main(int argc, char **argv)
{
    const char *out = getenv("XR_OUT");
    char buf[4096];
    if (out == NULL)
        return 3;
    int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return 4;
    put(fd, XR_ID);
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    buf[n < 0 ? 0 : n] = '\0';
    put(fd, buf);
    snprintf(buf, sizeof buf, "%lu", getauxval(AT_EXECFD));
    put(fd, buf);
    snprintf(buf, sizeof buf, "%lu", getauxval(AT_FLAGS));
    put(fd, buf);
    snprintf(buf, sizeof buf, "%d", argc);
    put(fd, buf);
    for (int i = 0; i < argc; i++)
        put(fd, argv[i]);
    close(fd);
    return 0;
}
