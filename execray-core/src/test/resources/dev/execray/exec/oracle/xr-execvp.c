/*
 * execray oracle harness: execvp(argv[1], argv + 1) with the PATH in the environment; if it
 * returns, print errno and exit 99. Built against glibc and against musl.
 */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    execvp(argv[1], argv + 1);
    printf("%d\n", errno);
    fflush(stdout);
    return 99;
}
