/* train_parser.c - `tacitus train parser` (not built yet). */
#include <stdio.h>

#include "cli.h"
#include "train.h"

int cli_train_parser(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "tacitus train parser: not available in this build\n");
    return CLI_USAGE;
}
