/*
 * execray oracle harness: execve(argv[1], argv + 2, environ) and nothing else. If execve returns,
 * print its errno on stdout and exit 99, so the test sees exactly what the kernel said.
 */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv)
{
    if (argc < 3)
        return 2;
    execve(argv[1], argv + 2, environ);
    printf("%d\n", errno);
    fflush(stdout);
    return 99;
}
