/*
 * xrtime: execray bench's timer. Starts a program RUNS times and prints, per run, the wall-clock time from
 * just before posix_spawn() to just after wait4() returned it (CLOCK_MONOTONIC, nanoseconds), with the
 * child's user and system CPU time and exit status from wait4's rusage. Nothing else happens inside that
 * window: no JVM, no pipes (the child's stdin/stdout/stderr are /dev/null, or one file, opened once before
 * the first run), no allocation.
 *
 * posix_spawn rather than fork+exec: glibc implements it with clone(CLONE_VM|CLONE_VFORK), so the cost of
 * starting a child does not grow with the parent's memory; hyperfine's Rust std::process does the same.
 *
 * Each child is the leader of its own process group. A run that passes the timeout has its whole group
 * killed; after every run any process the child left behind in its group is killed too, and because
 * xrtime is a child subreaper, orphans that left the group (setsid daemons) are reparented here, killed and
 * reaped: when xrtime exits, nothing it started survives.
 *
 * Output, one line each:  run I WALL_NS UTIME_US STIME_US MAXRSS_KB exit|signal N
 *                         timeout I WALL_NS   spawn_error ERRNO   prepare_failed STATUS   stray N
 * Usage: xrtime [-m MIN] [-M MAX] [-b BUDGET_NS] [-t TIMEOUT_NS] [-p PREPARE_SH] [-P] [-o FILE] [-a ARGV0]
 *               [-e NAME=VALUE]... -- FILE [ARG...]
 *        -e sets a variable in the child's environment only: the loader's LD_DEBUG and LD_AUDIT must act on the
 *        program measured, not on xrtime itself (its own loader would otherwise report a run of its own).
 *        xrtime -T      prints "tsc_hz HZ": the time-stamp counter's rate (x86-64), 0 elsewhere
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
#endif

extern char **environ;

static volatile sig_atomic_t child_pgid;
static volatile sig_atomic_t timed_out;

static void on_alarm(int sig) {
    (void) sig;
    if (child_pgid > 0) {
        kill(-child_pgid, SIGKILL);
        timed_out = 1;
    }
}

static long long now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long) ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Kills and reaps every remaining child of this process (the subreaper's inheritance); returns how many. */
static int reap_strays(void) {
    int killed = 0;
    for (int round = 0; round < 100; round++) {
        char path[64];
        snprintf(path, sizeof path, "/proc/self/task/%d/children", (int) getpid());
        FILE *f = fopen(path, "r");
        int found = 0;
        if (f) {
            int pid;
            while (fscanf(f, "%d", &pid) == 1) {
                kill(pid, SIGKILL);
                found++;
            }
            fclose(f);
        }
        int st;
        while (waitpid(-1, &st, WNOHANG) > 0) {
        }
        if (!found) {
            break;
        }
        killed += found;
        /* the killed ones are reaped on the next round's waitpid; give them a moment */
        while (waitpid(-1, &st, 0) > 0) {
        }
    }
    return killed;
}

static int run_prepare(const char *cmd, int devnull) {
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, devnull, 0);
    posix_spawn_file_actions_adddup2(&fa, devnull, 1);
    char *argv[] = {"sh", "-c", (char *) cmd, NULL};
    pid_t pid;
    int rc = posix_spawn(&pid, "/bin/sh", &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) {
        return 127;
    }
    int st;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static void tsc(void) {
#if defined(__x86_64__) || defined(__i386__)
    double best = 0;
    for (int i = 0; i < 3; i++) {
        long long t0 = now_ns();
        unsigned long long c0 = __rdtsc();
        struct timespec d = {0, 20000000};
        nanosleep(&d, NULL);
        unsigned long long c1 = __rdtsc();
        long long t1 = now_ns();
        double hz = (double) (c1 - c0) * 1e9 / (double) (t1 - t0);
        best = best == 0 || hz < best ? hz : best;
    }
    printf("tsc_hz %.0f\n", best);
#else
    printf("tsc_hz 0\n");
#endif
}

int main(int argc, char **argv) {
    long min_runs = 10, max_runs = 10;
    long long budget_ns = 0, timeout_ns = 0;
    const char *prepare = NULL, *out = NULL, *argv0 = NULL;
    int use_path = 0, opt;
    static char *extra_env[32];
    int n_extra = 0;
    while ((opt = getopt(argc, argv, "m:M:b:t:p:Po:a:Te:")) != -1) {
        switch (opt) {
        case 'm': min_runs = atol(optarg); break;
        case 'M': max_runs = atol(optarg); break;
        case 'b': budget_ns = atoll(optarg); break;
        case 't': timeout_ns = atoll(optarg); break;
        case 'p': prepare = optarg; break;
        case 'P': use_path = 1; break;
        case 'o': out = optarg; break;
        case 'a': argv0 = optarg; break;
        case 'T': tsc(); return 0;
        case 'e':
            if (n_extra >= 32 || strchr(optarg, '=') == NULL) {
                fprintf(stderr, "xrtime: -e takes NAME=VALUE, at most 32 times\n");
                return 2;
            }
            extra_env[n_extra++] = optarg;
            break;
        default: fprintf(stderr, "xrtime: bad option\n"); return 2;
        }
    }
    if (optind >= argc || min_runs < 1 || max_runs < min_runs) {
        fprintf(stderr, "xrtime: usage: xrtime [-m MIN] [-M MAX] [-b NS] [-t NS] [-p SH] [-P] [-o FILE] [-a ARGV0] -- FILE [ARG...]\n");
        return 2;
    }
    /* the child's environment: ours, with each -e variable replacing one of the same name or added */
    size_t n_env = 0;
    while (environ[n_env]) {
        n_env++;
    }
    char **child_env = calloc(n_env + (size_t) n_extra + 1, sizeof *child_env);
    if (child_env == NULL) {
        perror("xrtime: calloc");
        return 2;
    }
    size_t k = 0;
    for (size_t i = 0; i < n_env; i++) {
        int replaced = 0;
        for (int j = 0; j < n_extra; j++) {
            size_t len = (size_t) (strchr(extra_env[j], '=') - extra_env[j]) + 1;
            if (strncmp(environ[i], extra_env[j], len) == 0) {
                replaced = 1;
            }
        }
        if (!replaced) {
            child_env[k++] = environ[i];
        }
    }
    for (int j = 0; j < n_extra; j++) {
        child_env[k++] = extra_env[j];
    }
    char **cargv = &argv[optind];
    const char *file = cargv[0];
    if (argv0) {
        cargv[0] = (char *) argv0;
    }
    prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
    int devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
    int outfd = out ? open(out, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644) : devnull;
    if (devnull < 0 || outfd < 0) {
        perror("xrtime: open");
        return 2;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm; /* no SA_RESTART: the wait returns EINTR and is retried after the kill */
    sigaction(SIGALRM, &sa, NULL);

    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, devnull, 0);
    posix_spawn_file_actions_adddup2(&fa, outfd, 1);
    posix_spawn_file_actions_adddup2(&fa, outfd, 2);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attr, 0);

    long long spent = 0;
    for (long i = 0; i < max_runs; i++) {
        if (i >= min_runs && budget_ns > 0 && spent >= budget_ns) {
            break;
        }
        if (i >= min_runs && budget_ns <= 0) {
            break;
        }
        if (prepare) {
            int ps = run_prepare(prepare, devnull);
            if (ps != 0) {
                printf("prepare_failed %d\n", ps);
                fflush(stdout);
                return 1;
            }
        }
        struct itimerval it = {{0, 0}, {timeout_ns / 1000000000LL, (timeout_ns % 1000000000LL) / 1000}};
        timed_out = 0;
        child_pgid = 0;
        if (timeout_ns > 0) {
            setitimer(ITIMER_REAL, &it, NULL);
        }
        pid_t pid;
        struct rusage ru;
        int st = 0;
        long long t0 = now_ns();
        int rc = use_path ? posix_spawnp(&pid, file, &fa, &attr, cargv, child_env)
                          : posix_spawn(&pid, file, &fa, &attr, cargv, child_env);
        if (rc == 0) {
            child_pgid = pid;
            while (wait4(pid, &st, 0, &ru) < 0 && errno == EINTR) {
            }
        }
        long long t1 = now_ns();
        if (timeout_ns > 0) {
            struct itimerval off = {{0, 0}, {0, 0}};
            setitimer(ITIMER_REAL, &off, NULL);
        }
        child_pgid = 0;
        if (rc != 0) {
            printf("spawn_error %d\n", rc);
            fflush(stdout);
            return 1;
        }
        /* whatever the child left in its group goes now, then any orphan that left the group */
        kill(-pid, SIGKILL);
        int strays = reap_strays();
        if (timed_out) {
            printf("timeout %ld %lld\n", i, t1 - t0);
            if (strays) {
                printf("stray %d\n", strays);
            }
            fflush(stdout);
            return 1;
        }
        spent += t1 - t0;
        printf("run %ld %lld %lld %lld %ld %s %d\n", i, t1 - t0,
               (long long) ru.ru_utime.tv_sec * 1000000LL + ru.ru_utime.tv_usec,
               (long long) ru.ru_stime.tv_sec * 1000000LL + ru.ru_stime.tv_usec, ru.ru_maxrss,
               WIFEXITED(st) ? "exit" : "signal", WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st));
        if (strays) {
            printf("stray %d\n", strays);
        }
    }
    fflush(stdout);
    return 0;
}
