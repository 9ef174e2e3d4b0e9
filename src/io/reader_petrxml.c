/* reader_petrxml.c - PLACEHOLDER (being written). */
#include "reader_int.h"

static tc_status petrxml_next(tc_reader *r, tc_doc **out)
{
    (void)r;
    (void)out;
    return TC_EOF;
}

const tc_reader_vt tc_reader_petrxml_vt = {TC_FMT_PETRXML, "petrarch-xml", NULL, petrxml_next, NULL, NULL};
