/* read_bench.c - time the document readers alone: reads every input with
 * tc_reader (format by extension/content), touches each document's text, and
 * prints docs, decompressed MB and MB/s.  Built and run by bench/read.sh. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "io/reader.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
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
    double t0 = now();
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
    double dt = now() - t0;
    printf("docs=%lu skipped=%lu empty=%lu input_mb=%.1f text_mb=%.1f seconds=%.3f "
           "mb_per_s=%.1f docs_per_s=%.0f (check %llu)\n",
           st.docs, st.skipped, st.empty, (double)st.bytes / 1e6, (double)textbytes / 1e6, dt,
           (double)st.bytes / 1e6 / dt, (double)st.docs / dt, check % 10);
    return 0;
}
