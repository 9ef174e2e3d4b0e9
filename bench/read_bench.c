/* read_bench.c - time the document readers alone: reads every input with
 * tc_reader (format by extension/content), touches each document's text, and
 * prints docs, decompressed MB and MB/s.  Built and run by bench/read.sh. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "io/reader.h"

static double now(clockid_t c)
{
    struct timespec ts;
    clock_gettime(c, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    int reps = 1;
    int first = 1;
    if (argc > 2 && argv[1][0] == '-' && argv[1][1] == 'n') {
        reps = atoi(argv[2]);
        first = 3;
    }
    tc_read_stats st = {0};
    unsigned long long textbytes = 0, check = 0;
    double t0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_PROCESS_CPUTIME_ID);
    for (int k = 0; k < reps; k++) {
        for (int i = first; i < argc; i++) {
            tc_reader *r = NULL;
            if (tc_reader_open(&r, argv[i], NULL, NULL, &st) != TC_OK) {
                fprintf(stderr, "cannot open %s\n", argv[i]);
                return 1;
            }
            tc_doc *d;
            while (tc_reader_next(r, &d) == TC_OK) {
                textbytes += d->text_len;
                if (d->text_len) check += (unsigned char)d->text[d->text_len / 2];
                tc_doc_free(&d);
            }
            tc_reader_close(&r);
        }
    }
    double dt = now(CLOCK_MONOTONIC) - t0, cpu = now(CLOCK_PROCESS_CPUTIME_ID) - c0;
    /* MB/s and docs/s per CPU second (one core); wall time printed too (shared machines) */
    printf("docs=%lu skipped=%lu empty=%lu input_mb=%.1f text_mb=%.1f cpu_s=%.3f wall_s=%.3f "
           "mb_per_cpu_s=%.1f docs_per_cpu_s=%.0f (check %llu)\n",
           st.docs, st.skipped, st.empty, (double)st.bytes / 1e6, (double)textbytes / 1e6, cpu, dt,
           (double)st.bytes / 1e6 / cpu, (double)st.docs / cpu, check % 10);
    return 0;
}
