/* cmd_train.c - `tacitus train tagger|parser`: dispatch to the trainers. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "train.h"

static int run(int argc, char **argv);

const cli_command cli_cmd_train = {
    "train",
    "train the tagger/lemmatizer or the dependency parser from CoNLL-U",
    "usage: tacitus train tagger --train X.conllu --dev Y.conllu -o FILE [options]\n"
    "       tacitus train parser --train X.conllu --dev Y.conllu -o FILE [options]\n"
    "       tacitus train splitter --train X.conllu -o FILE [--epochs N]\n"
    "Run 'tacitus train tagger --help' or 'tacitus train parser --help' for options.\n",
    run,
};

static int run(int argc, char **argv)
{
    if (argc < 2) return cli_usage_error(&cli_cmd_train, "which model: tagger or parser?");
    if (!strcmp(argv[1], "tagger")) return cli_train_tagger(argc - 1, argv + 1);
    if (!strcmp(argv[1], "parser")) return cli_train_parser(argc - 1, argv + 1);
    if (!strcmp(argv[1], "splitter")) return cli_train_splitter(argc - 1, argv + 1);
    return cli_usage_error(&cli_cmd_train, "unknown model '%s' (tagger or parser)", argv[1]);
}
