/* cmd_clean.c - `tacitus clean` (PLACEHOLDER: prints the text as read; replaced by its issue). */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static int run(int argc, char **argv);

const cli_command cli_cmd_clean = {
    "clean",
    "PLACEHOLDER clean",
    "usage: tacitus clean [FILE...|-]\n",
    run,
};

static int print_doc(tc_doc *d, void *ud, int *keep)
{
    (void)ud;
    (void)keep;
    fwrite(d->text, 1, d->text_len, stdout);
    return 0;
}

static int run(int argc, char **argv)
{
    tc_read_opts opts = {0};
    tc_diag diag = cli_diag();
    tc_read_stats st = {0};
    int rc = cli_for_each_doc(argc - 1, argv + 1, &opts, &diag, &st, print_doc, NULL);
    cli_print_summary("clean", &st, NULL);
    return rc;
}
