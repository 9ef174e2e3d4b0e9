/* train.h - trainers behind `tacitus train`. argv[0] is "tagger"/"parser". */
#ifndef TC_CLI_TRAIN_H
#define TC_CLI_TRAIN_H
int cli_train_tagger(int argc, char **argv);
int cli_train_parser(int argc, char **argv);
int cli_train_splitter(int argc, char **argv); /* in cmd_split.c */
#endif
