/*
 * execray oracle harness: a real chroot with a working directory. argv[1] is the root directory (needs root, for
 * chroot(2)). Each line of stdin is "CWD<TAB>PATH": the process chdir()s to CWD inside the chroot (for a relative
 * PATH), then opens PATH with O_PATH. Each line of output is "dev:ino" of what PATH names (symlinks followed), or
 * "E errno" of whichever step failed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    char line[16384];
    if (argc < 2)
        return 2;
    if (chroot(argv[1]) != 0) {
        fprintf(stderr, "chroot: %s\n", strerror(errno));
        return 3;
    }
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = '\0';
        char *tab = strchr(line, '\t');
        if (!tab) {
            printf("E %d\n", EINVAL);
            fflush(stdout);
            continue;
        }
        *tab = '\0';
        const char *cwd = line, *path = tab + 1;
        if (chdir("/") != 0 || (path[0] != '/' && chdir(cwd) != 0)) {
            printf("E %d\n", errno);
        } else {
            int fd = open(path, O_PATH);
            if (fd < 0) {
                printf("E %d\n", errno);
            } else {
                struct stat st;
                fstat(fd, &st);
                printf("%lu:%lu\n", (unsigned long)st.st_dev, (unsigned long)st.st_ino);
                close(fd);
            }
        }
        fflush(stdout);
    }
    return 0;
}
