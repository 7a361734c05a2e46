/* test_cli_util.h: running the real asamblea program in a test: its exit
 * status and everything it wrote to stdout and stderr (one copy for the
 * command-line tests). */
#ifndef AS_TEST_CLI_UTIL_H
#define AS_TEST_CLI_UTIL_H

#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* tc_read_into: path's bytes, NUL-terminated, at most size - 1 of them;
 * "" when it cannot be read. */
static inline void tc_read_into(const char *path, char *buf, size_t size)
{
    FILE *f = fopen(path, "rb");
    size_t n = f ? fread(buf, 1, size - 1, f) : 0;
    buf[n] = '\0';
    if (f)
        fclose(f);
}

/* tc_run: runs AS_BINARY with argv (argv[0] "asamblea", NULL-terminated)
 * without a display, its stdout and stderr going through files in dir;
 * fills out (outsize bytes) and err (errsize).  Returns the exit status,
 * or -1 if it did not exit normally (a crash). */
static inline int tc_run(const char *const *argv, const char *dir, char *out,
                         size_t outsize, char *err, size_t errsize)
{
    char op[256], ep[256];
    int status = 0;
    snprintf(op, sizeof op, "%s/stdout", dir);
    snprintf(ep, sizeof ep, "%s/stderr", dir);
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid == 0) {
        int o = open(op, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int e = open(ep, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        dup2(o, 1);
        dup2(e, 2);
        /* a kiosk that got past its options must not open a window */
        unsetenv("DISPLAY");
        unsetenv("WAYLAND_DISPLAY");
        execv(AS_BINARY, (char *const *)argv);
        _exit(127);
    }
    waitpid(pid, &status, 0);
    tc_read_into(op, out, outsize);
    tc_read_into(ep, err, errsize);
    unlink(op);
    unlink(ep);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* tc_spawn: runs AS_BINARY with args (NULL-terminated, at most 30, not
 * counting the program's name), its stdout into out_path and its stderr
 * into err_path (both truncated).  Returns the exit status, or -1 if it
 * could not start or did not exit normally (a crash). */
static inline int tc_spawn(const char *const *args, const char *out_path,
                           const char *err_path)
{
    extern char **environ;
    const char *argv[32] = {AS_BINARY};
    posix_spawn_file_actions_t fa;
    pid_t pid;
    int n = 1, status = 0;
    for (; args[n - 1] && n < 31; n++)
        argv[n] = args[n - 1];
    argv[n] = NULL;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&fa, 2, err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int rc = posix_spawn(&pid, AS_BINARY, &fa, NULL, (char *const *)argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0 || waitpid(pid, &status, 0) != pid)
        return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

#endif
