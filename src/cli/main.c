/* main.c - `tacitus SUBCOMMAND`: dispatch only. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

extern const cli_command cli_cmd_clean;
extern const cli_command cli_cmd_split;
extern const cli_command cli_cmd_parse;
extern const cli_command cli_cmd_train;
extern const cli_command cli_cmd_eval_ud;
extern const cli_command cli_cmd_code;
extern const cli_command cli_cmd_validate;
extern const cli_command cli_cmd_dict;
extern const cli_command cli_cmd_ingest;
extern const cli_command cli_cmd_query;
extern const cli_command cli_cmd_export;
extern const cli_command cli_cmd_report;

static const cli_command *const commands[] = {
    &cli_cmd_clean,
    &cli_cmd_split,
    &cli_cmd_parse,
    &cli_cmd_train,
    &cli_cmd_eval_ud,
    &cli_cmd_code,
    &cli_cmd_validate,
    &cli_cmd_dict,
    &cli_cmd_ingest,
    &cli_cmd_query,
    &cli_cmd_export,
    &cli_cmd_report,
    NULL,
};

static void print_help(FILE *f)
{
    fprintf(f,
            "tacitus %s - political event data from raw news\n\n"
            "usage: tacitus [--version] [--help] COMMAND [OPTIONS] [FILE...|-]\n\n"
            "commands:\n",
            TC_VERSION);
    for (int i = 0; commands[i]; i++)
        fprintf(f, "  %-10s %s\n", commands[i]->name, commands[i]->summary);
    fprintf(f, "  %-10s %s\n", "help", "show the help of a command");
    fprintf(f, "\nInputs are files, directories (recursive) or - for stdin; .gz and .zst are\n"
               "read transparently.  Exit status: 0 ok, 1 bad input stopped the run, 2 usage.\n"
               "Run 'tacitus help COMMAND' for the options of a command.\n");
}

static const cli_command *find(const char *name)
{
    for (int i = 0; commands[i]; i++)
        if (strcmp(commands[i]->name, name) == 0) return commands[i];
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        print_help(stderr);
        return CLI_USAGE;
    }
    const char *a = argv[1];
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
        print_help(stdout);
        return CLI_OK;
    }
    if (!strcmp(a, "--version") || !strcmp(a, "-V") || !strcmp(a, "version")) {
        printf("tacitus %s\n", TC_VERSION);
        return CLI_OK;
    }
    if (!strcmp(a, "help")) {
        if (argc < 3) {
            print_help(stdout);
            return CLI_OK;
        }
        const cli_command *c = find(argv[2]);
        if (!c) {
            fprintf(stderr, "tacitus: unknown command '%s'\n", argv[2]);
            return CLI_USAGE;
        }
        cli_print_usage(c, stdout);
        return CLI_OK;
    }
    const cli_command *c = find(a);
    if (!c) {
        fprintf(stderr, "tacitus: unknown command '%s' (see 'tacitus --help')\n", a);
        return CLI_USAGE;
    }
    /* `tacitus train MODEL --help`: the model's trainer prints its own options */
    int own_help = !strcmp(c->name, "train") && argc > 2 && argv[2][0] != '-';
    for (int i = 2; i < argc && !own_help; i++) {
        if (!strcmp(argv[i], "--")) break;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            cli_print_usage(c, stdout);
            return CLI_OK;
        }
    }
    return c->run(argc - 1, argv + 1);
}
