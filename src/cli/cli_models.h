/* cli_models.h - where the CLI finds trained model files. */
#ifndef TC_CLI_MODELS_H
#define TC_CLI_MODELS_H

#include <stddef.h>

/* Path of model `name` ("tagger.bin"): $TACITUS_MODELS/name, then models/name
 * beside the binary's parent folder (bin/../models), then ./models/name.
 * Returns buf (filled) or NULL when none exists. argv[0] of main is used to
 * locate the binary (via /proc/self/exe first). */
const char *cli_find_model(const char *name, char *buf, size_t n, char **argv);

#endif
