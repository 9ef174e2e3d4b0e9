/* cmd_validate.c - `tacitus validate` (not built yet: owned by its issue; removed from the
 * command table if still unbuilt at release). */
#include <stdio.h>

#include "cli.h"

static int run(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "tacitus validate: not available in this build\n");
    return CLI_USAGE;
}

const cli_command cli_cmd_validate = {
    "validate",
    "(not available yet)",
    "usage: tacitus validate ...\n",
    run,
};
