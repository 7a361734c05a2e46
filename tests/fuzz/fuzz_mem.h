/* fuzz_mem.h: a bound on how much heap one input may make a parser use,
 * relative to its size, for the harnesses of tests/fuzz.
 *
 * -rss_limit_mb=256 only catches an input that blows past 256 MB, and the
 * fuzzer's inputs are at most 64 KiB: a parser that spends 400 bytes per
 * input byte (a roster of blank lines) or expands YAML aliases a thousand
 * times over stays far below that on them, yet reaches gigabytes on a
 * file of a few megabytes.  So the harness also watches the peak of the
 * live heap while the parser runs (ASan's allocator statistics, sampled
 * on every malloc) and fails the input when it exceeds
 * FUZZ_MEM_FLOOR + FUZZ_MEM_PER_BYTE * size: linear growth with a sane
 * constant passes, amplification does not. */
#ifndef AS_FUZZ_MEM_H
#define AS_FUZZ_MEM_H

#include <stdio.h>
#include <stdlib.h>
#include <sanitizer/allocator_interface.h>

#define FUZZ_MEM_FLOOR ((size_t)8 << 20)
#define FUZZ_MEM_PER_BYTE 128

static size_t fuzz_mem_base, fuzz_mem_peak;
static int fuzz_mem_on;

static void fuzz_mem_malloc_hook(const volatile void *p, size_t n)
{
    (void)p;
    (void)n;
    if (fuzz_mem_on) {
        size_t cur = __sanitizer_get_current_allocated_bytes();
        if (cur > fuzz_mem_peak)
            fuzz_mem_peak = cur;
    }
}

static void fuzz_mem_free_hook(const volatile void *p)
{
    (void)p;
}

/* fuzz_mem_begin: starts watching (before the parser runs). */
static inline void fuzz_mem_begin(void)
{
    static int installed;
    if (!installed) {
        __sanitizer_install_malloc_and_free_hooks(fuzz_mem_malloc_hook,
                                                  fuzz_mem_free_hook);
        installed = 1;
    }
    fuzz_mem_base = fuzz_mem_peak = __sanitizer_get_current_allocated_bytes();
    fuzz_mem_on = 1;
}

/* fuzz_mem_end: stops watching; aborts (a fuzzer finding) when what was
 * called since fuzz_mem_begin used more than the bound for an input of
 * size bytes. */
static inline void fuzz_mem_end(size_t size, const char *what)
{
    fuzz_mem_on = 0;
    size_t used = fuzz_mem_peak - fuzz_mem_base;
    if (used > FUZZ_MEM_FLOOR + FUZZ_MEM_PER_BYTE * size) {
        fprintf(stderr, "fuzz_mem: %s used %zu bytes of heap at its peak on %zu "
                        "bytes of input (more than %zu + %d per byte)\n",
                what, used, size, FUZZ_MEM_FLOOR, FUZZ_MEM_PER_BYTE);
        abort();
    }
}

#endif
