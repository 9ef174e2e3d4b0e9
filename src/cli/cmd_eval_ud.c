/* cmd_eval_ud.c - `tacitus eval-ud` (not built yet: owned by its issue; removed from the
 * command table if still unbuilt at release). */
#include <stdio.h>

#include "cli.h"

static int run(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "tacitus eval-ud: not available in this build\n");
    return CLI_USAGE;
}

const cli_command cli_cmd_eval_ud = {
    "eval-ud",
    "(not available yet)",
    "usage: tacitus eval-ud ...\n",
    run,
};
