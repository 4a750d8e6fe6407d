/*
 * execray oracle harness: resolve paths the way a chroot would, with openat2(RESOLVE_IN_ROOT).
 * argv[1] is the root directory; each line of stdin is a path; each line of output is
 * "dev:ino" of what it names (symlinks followed), or "E errno".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    char line[8192];
    if (argc < 2)
        return 2;
    int root = open(argv[1], O_PATH | O_DIRECTORY);
    if (root < 0)
        return 3;
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = '\0';
        struct open_how how = {.flags = O_PATH, .resolve = RESOLVE_IN_ROOT};
        int fd = (int)syscall(SYS_openat2, root, line, &how, sizeof how);
        if (fd < 0) {
            printf("E %d\n", errno);
        } else {
            struct stat st;
            fstat(fd, &st);
            printf("%lu:%lu\n", (unsigned long)st.st_dev, (unsigned long)st.st_ino);
            close(fd);
        }
        fflush(stdout);
    }
    return 0;
}
