/* reader_tabari.c - PLACEHOLDER (being written). */
#include "reader_int.h"

static tc_status tabari_next(tc_reader *r, tc_doc **out)
{
    (void)r;
    (void)out;
    return TC_EOF;
}

const tc_reader_vt tc_reader_tabari_vt = {TC_FMT_TABARI, "tabari", NULL, tabari_next, NULL, NULL};
