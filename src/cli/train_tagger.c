/* train_tagger.c - `tacitus train tagger` (not built yet). */
#include <stdio.h>

#include "cli.h"
#include "train.h"

int cli_train_tagger(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "tacitus train tagger: not available in this build\n");
    return CLI_USAGE;
}
