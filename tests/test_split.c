/* test_split.c - sentence splitting and EWT-style tokenisation (src/nlp/split, tokenize).
 * All texts are written for these tests. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/doc.h"
#include "core/mem.h"
#include "nlp/split.h"
#include "nlp/tokenize.h"
#include "testutil.h"

/* Split text; check the invariants every result must satisfy (offsets, forms,
 * spans, MWT shape); return the document. */
static tc_doc *split_opts(const char *text, const tc_split_opts *o)
{
    tc_doc *d = tc_doc_new();
    cr_assert_not_null(d);
    cr_assert_eq(tc_doc_set_text(d, text, strlen(text)), TC_OK);
    tc_splitter *sp = NULL;
    cr_assert_eq(tc_split_new(&sp, o), TC_OK);
    cr_assert_eq(tc_split_doc(sp, d), TC_OK);
    tc_split_free(&sp);
    cr_assert_null(sp);
    uint32_t prev_end = 0;
    for (uint32_t i = 0; i < d->nsent; i++) {
        const tc_sentence *s = &d->sent[i];
        cr_assert(s->ntok > 0);
        cr_assert(s->start >= prev_end && s->start < s->end && s->end <= d->text_len);
        cr_assert_not_null(s->text);
        cr_assert_null(strchr(s->text, '\n'));
        if (i) cr_assert(s->para >= d->sent[i - 1].para);
        prev_end = s->end;
        for (uint32_t k = 0; k < s->ntok; k++) {
            const tc_token *w = &s->tok[k];
            cr_assert(w->start >= s->start && w->end <= s->end && w->start < w->end,
                      "sentence %u word %u span", i, k);
            cr_assert_eq(strlen(w->form), w->end - w->start);
            cr_assert(memcmp(w->form, d->text + w->start, w->end - w->start) == 0,
                      "form '%s' != text at %u", w->form, w->start);
            cr_assert_eq(w->head, -1);
            if (w->mwt_len) {
                cr_assert_eq(w->mwt_len, 2);
                cr_assert(k + 1 < s->ntok);
                const tc_token *w2 = &s->tok[k + 1];
                cr_assert_eq(w2->start, w->end);
                size_t n = strlen(w->mwt_form);
                cr_assert_eq(n, w2->end - w->start);
                cr_assert(memcmp(w->mwt_form, d->text + w->start, n) == 0);
            }
        }
    }
    return d;
}

static tc_doc *split(const char *text) { return split_opts(text, NULL); }

/* Sentences joined by " | ". */
static char *sents(const char *text)
{
    tc_doc *d = split(text);
    tc_buf b = TC_BUF_INIT;
    for (uint32_t i = 0; i < d->nsent; i++) {
        if (i) tc_buf_puts(&b, " | ");
        tc_buf_puts(&b, d->sent[i].text);
    }
    tc_doc_free(&d);
    char *r = tc_buf_take(&b);
    return r ? r : tc_strdup("");
}

/* Words of all sentences, space separated; MWTs as [surface:w1+w2]; "_" marks
 * SpaceAfter=No on a word that is not inside an MWT. */
static char *words(const char *text)
{
    tc_doc *d = split(text);
    tc_buf b = TC_BUF_INIT;
    for (uint32_t i = 0; i < d->nsent; i++) {
        const tc_sentence *s = &d->sent[i];
        for (uint32_t k = 0; k < s->ntok; k++) {
            const tc_token *w = &s->tok[k];
            if (b.len) tc_buf_putc(&b, ' ');
            if (w->mwt_len == 2) {
                tc_buf_printf(&b, "[%s:%s+%s]", w->mwt_form, w->form, s->tok[k + 1].form);
                k++;
            } else {
                tc_buf_puts(&b, w->form);
            }
        }
    }
    tc_doc_free(&d);
    char *r = tc_buf_take(&b);
    return r ? r : tc_strdup("");
}

#define SENTS(text, expect)                                                                   \
    do {                                                                                       \
        char *got_ = sents(text);                                                              \
        cr_expect_str_eq(got_, expect, "text: %s", text);                                      \
        tc_free(got_);                                                                         \
    } while (0)

#define WORDS(text, expect)                                                                   \
    do {                                                                                       \
        char *got_ = words(text);                                                              \
        cr_expect_str_eq(got_, expect, "text: %s", text);                                      \
        tc_free(got_);                                                                         \
    } while (0)

/* ---------------- sentence boundaries ---------------- */

Test(split, plain_stops)
{
    SENTS("The council met on Monday. It adjourned at noon! Was anyone surprised? Nobody was.",
          "The council met on Monday. | It adjourned at noon! | Was anyone surprised? | "
          "Nobody was.");
    SENTS("Rain fell all week", "Rain fell all week");
}

Test(split, titles_never_end_a_sentence)
{
    SENTS("Mr. Okafor met Gen. Vance and Sen. Holloway. Gov. Reyes and Lt. Marsh stayed away.",
          "Mr. Okafor met Gen. Vance and Sen. Holloway. | Gov. Reyes and Lt. Marsh stayed away.");
    SENTS("Dr. Lind spoke to Capt. Oduya at St. Brendan's Hospital.",
          "Dr. Lind spoke to Capt. Oduya at St. Brendan's Hospital.");
}

Test(split, company_and_country_abbreviations)
{
    SENTS("Halvorsen Corp. said profits rose. Brightwater Inc. declined to comment.",
          "Halvorsen Corp. said profits rose. | Brightwater Inc. declined to comment.");
    SENTS("The deal went to Marlow Inc. The rival bid failed.",
          "The deal went to Marlow Inc. | The rival bid failed.");
    SENTS("Troops from the U.S. Army arrived. They left the U.S. He stayed.",
          "Troops from the U.S. Army arrived. | They left the U.S. | He stayed.");
    SENTS("Talks resumed in the U.K. on Tuesday.", "Talks resumed in the U.K. on Tuesday.");
}

Test(split, numbers_months_and_times)
{
    SENTS("Resolution No. 12 passed on Feb. 3 by a wide margin.",
          "Resolution No. 12 passed on Feb. 3 by a wide margin.");
    SENTS("Voting opens at 7 a.m. and closes at 9 p.m. on Sunday.",
          "Voting opens at 7 a.m. and closes at 9 p.m. on Sunday.");
    SENTS("Polls closed at 8 p.m. The count began at once.",
          "Polls closed at 8 p.m. | The count began at once.");
    SENTS("Say no. Then leave.", "Say no. | Then leave.");
}

Test(split, initials)
{
    SENTS("The novel by H. G. Wainwright sold well. Critics disagreed.",
          "The novel by H. G. Wainwright sold well. | Critics disagreed.");
    SENTS("Former president Harold T. Briggs died.", "Former president Harold T. Briggs died.");
    SENTS("They asked my sister and I. We declined.", "They asked my sister and I. | We declined.");
}

Test(split, decimals_and_money)
{
    SENTS("The fund lost $2.75 billion in 2023. Shares fell 4.5 percent.",
          "The fund lost $2.75 billion in 2023. | Shares fell 4.5 percent.");
    SENTS("It cost $40.00. Nobody paid.", "It cost $40.00. | Nobody paid.");
    SENTS("Inflation hit 3.2%. Rates will rise.", "Inflation hit 3.2%. | Rates will rise.");
}

Test(split, ellipses)
{
    SENTS("He paused... then he went on.", "He paused... then he went on.");
    SENTS("We waited and waited.... The bus never came.",
          "We waited and waited.... | The bus never came.");
    SENTS("Well \xe2\x80\xa6 maybe not.", "Well \xe2\x80\xa6 maybe not.");
}

Test(split, quotes_and_brackets_after_the_stop)
{
    SENTS("\"We will not resign.\" The minister left the room.",
          "\"We will not resign.\" | The minister left the room.");
    SENTS("\"It is over,\" she said. \"Go home.\" They went.",
          "\"It is over,\" she said. | \"Go home.\" | They went.");
    SENTS("\xe2\x80\x9c" "Enough.\xe2\x80\x9d he muttered.",
          "\xe2\x80\x9c" "Enough.\xe2\x80\x9d he muttered.");
    SENTS("The mayor (who had resigned.) spoke anyway.",
          "The mayor (who had resigned.) spoke anyway.");
    SENTS("The vote failed. (The rules were changed later.) Protests followed.",
          "The vote failed. | (The rules were changed later.) | Protests followed.");
    SENTS("Is it legal?\" asked a reporter.", "Is it legal?\" asked a reporter.");
}

Test(split, exclamations)
{
    SENTS("Stop!! Nobody move.", "Stop!! | Nobody move.");
    SENTS("Really?! That much?", "Really?! | That much?");
    SENTS("She joined Jumpit! last spring.", "She joined Jumpit! last spring.");
}

Test(split, web_text_conventions)
{
    /* a short bracketed source after the stop belongs to the sentence */
    SENTS("The ceasefire held overnight. (Northern Courier) Officials were relieved.",
          "The ceasefire held overnight. (Northern Courier) | Officials were relieved.");
    /* lowercase starts after ? and after ! following a lowercase word */
    SENTS("where did they go? nobody knows.", "where did they go? | nobody knows.");
    SENTS("that was great! see you soon", "that was great! | see you soon");
    /* a closing formula ends its own sentence */
    SENTS("See you at the meeting. Kind regards, Tomas Berg",
          "See you at the meeting. | Kind regards, | Tomas Berg");
    /* a colon before a link does not */
    SENTS("The report is at: https://example.org/r.pdf today.",
          "The report is at: https://example.org/r.pdf today.");
    /* a link after a full stop starts a sentence */
    SENTS("Our shop is open again. https://example.org/shop has the hours.",
          "Our shop is open again. | https://example.org/shop has the hours.");
    /* "<<" is a bracket, not an emoticon that ends a sentence; "P.S." opens one */
    SENTS("Thank you. << File: notes.doc >> See you.",
          "Thank you. | << File: notes.doc >> See you.");
    SENTS("Bye for now. P.S. Bring the maps.", "Bye for now. | P.S. Bring the maps.");
    /* so does a bracket, whatever follows it */
    SENTS("The shop closed early. (nobody knew why.) It reopened later.",
          "The shop closed early. | (nobody knew why.) | It reopened later.");
}

Test(split, lists)
{
    SENTS("1. Open the box 2. Remove the lid 3. Check the seal",
          "1. Open the box | 2. Remove the lid | 3. Check the seal");
    SENTS("1) Raise taxes. 2) Cut spending.", "1) Raise taxes. | 2) Cut spending.");
    SENTS("a. First point b. Second point", "a. First point | b. Second point");
    SENTS("\xe2\x80\xa2 Water supplies \xe2\x80\xa2 Power lines",
          "\xe2\x80\xa2 Water supplies | \xe2\x80\xa2 Power lines");
    SENTS("He scored 3 points in 2 games.", "He scored 3 points in 2 games.");
}

Test(split, emails_and_urls)
{
    SENTS("Write to press.office@example.org. Replies are slow.",
          "Write to press.office@example.org. | Replies are slow.");
    SENTS("See https://example.net/a/b.html. It has the text.",
          "See https://example.net/a/b.html. | It has the text.");
    WORDS("Visit www.example.com/news or mail j.doe@example.co.uk.",
          "Visit www.example.com/news or mail j.doe@example.co.uk .");
}

Test(split, headlines_and_paragraphs)
{
    tc_doc *d = split("Floods hit the north\n\nHeavy rain fell overnight. Roads closed.\n\n\n"
                      "Rescue teams arrived\nThey worked until dawn.");
    cr_assert_eq(d->nsent, 5);
    cr_expect_str_eq(d->sent[0].text, "Floods hit the north");
    cr_expect_eq(d->sent[0].para, 0);
    cr_expect_eq(d->sent[1].para, 1);
    cr_expect_eq(d->sent[2].para, 1);
    cr_expect_str_eq(d->sent[3].text, "Rescue teams arrived");
    cr_expect_eq(d->sent[3].para, 2);
    cr_expect_str_eq(d->sent[4].text, "They worked until dawn.");
    tc_doc_free(&d);
}

Test(split, single_newlines)
{
    /* short lines without punctuation: each its own sentence */
    SENTS("weather\nsports desk\nletters, opinion\n", "weather | sports desk | letters, opinion");
    /* a sentence broken by a newline before a lowercase word is joined */
    SENTS("The committee will\nmeet again in May.", "The committee will meet again in May.");
    /* hard-wrapped text (all lines about the same length): newlines are spaces,
     * indentation starts a paragraph */
    const char *wrapped =
        "The central bank raised its main interest rate by half a point\n"
        "on Thursday, saying that inflation in the Marovian economy was\n"
        "Still too high and that Finance Minister Ilse Varga agreed with\n"
        "the decision taken by the board after two days of meetings.\n"
        "    Analysts had expected a smaller increase of a quarter point\n"
        "and said the currency would probably strengthen next week.\n";
    tc_doc *d = split(wrapped);
    cr_assert_eq(d->nsent, 2);
    cr_expect_eq(d->sent[1].para, 1);
    cr_expect(strstr(d->sent[0].text, "was Still too high") != NULL);
    tc_doc_free(&d);
    tc_split_opts o = {0, TC_NL_ALWAYS, NULL};
    d = split_opts("The committee will\nmeet again.", &o);
    cr_expect_eq(d->nsent, 2);
    tc_doc_free(&d);
    o.newline = TC_NL_SPACE;
    d = split_opts("Headline here\nBody text follows.", &o);
    cr_expect_eq(d->nsent, 1);
    tc_doc_free(&d);
}

Test(split, missing_space_after_stop)
{
    SENTS("The vote passed.Opponents walked out.", "The vote passed. | Opponents walked out.");
    /* an opening quote glued to the stop belongs to the next sentence; a
     * closing one (a quote is open) to this one */
    SENTS("He agreed.\"We lost,\" he said. \"Never again.\"They left.",
          "He agreed. | \"We lost,\" he said. | \"Never again.\" | They left.");
    WORDS("Visit Example.com today.", "Visit Example.com today .");
}

/* ---------------- tokens ---------------- */

Test(tokenize, clitics_are_multiword_tokens)
{
    WORDS("I don't know why they won't, can't or cannot go.",
          "I [don't:do+n't] know why they [won't:wo+n't] , [can't:ca+n't] or "
          "[cannot:can+not] go .");
    WORDS("She's sure we're gonna win, they'll say I'm wrong and you'd agree we've lost.",
          "[She's:She+'s] sure [we're:we+'re] [gonna:gon+na] win , [they'll:they+'ll] say "
          "[I'm:I+'m] wrong and [you'd:you+'d] agree [we've:we+'ve] lost .");
    WORDS("I wanna see the minister's plan and the ministers' plans.",
          "I [wanna:wan+na] see the [minister's:minister+'s] plan and the "
          "[ministers':ministers+'] plans .");
    WORDS("DON'T panic.", "[DON'T:DO+N'T] panic .");
}

Test(tokenize, curly_apostrophes)
{
    WORDS("The party\xe2\x80\x99s leader didn\xe2\x80\x99t resign.",
          "The [party\xe2\x80\x99s:party+\xe2\x80\x99s] leader "
          "[didn\xe2\x80\x99t:did+n\xe2\x80\x99t] resign .");
    WORDS("\xe2\x80\x98Never,\xe2\x80\x99 he said.",
          "\xe2\x80\x98 Never , \xe2\x80\x99 he said .");
}

Test(tokenize, hyphens_follow_ewt)
{
    WORDS("a long-term plan", "a long - term plan");
    WORDS("the well-known al-Rashid family", "the well - known al - Rashid family");
    WORDS("an e-mail to co-workers about non-profit pre-war re-election",
          "an e-mail to co-workers about non-profit pre-war re-election");
    WORDS("call 555-0142 or ext. 4-1234, a 15-year term, pages 5-10",
          "call 555-0142 or ext. 4-1234 , a 15 - year term , pages 5 - 10");
    WORDS("Wait -- what?", "Wait -- what ?");
    WORDS("left\xe2\x80\x94right", "left \xe2\x80\x94 right");
}

Test(tokenize, punctuation_numbers_symbols)
{
    WORDS("Costs rose to $1,250,000.50 (about 12%) last year; see p. 4.",
          "Costs rose to $ 1,250,000.50 ( about 12 % ) last year ; see p. 4 .");
    WORDS("\"Yes,\" said Mr. Obi: 'no.'", "\" Yes , \" said Mr. Obi : ' no . '");
    WORDS("Prices fell -3.5 points.", "Prices fell -3.5 points .");
    WORDS("He said :) and left", "He said :) and left");
    WORDS("the and/or rule", "the and / or rule");
}

Test(tokenize, abbreviation_period_kept_final_period_split)
{
    WORDS("Acme Corp. hired Ms. Li from the U.S. Navy.",
          "Acme Corp. hired Ms. Li from the U.S. Navy .");
    /* an abbreviation at the end of a sentence gives up its period (EWT) */
    WORDS("She moved to the U.S. Then she left.", "She moved to the U.S . Then she left .");
    WORDS("Bring pens, paper, etc.", "Bring pens , paper , etc .");
}

Test(tokenize, contractions_without_apostrophe_by_context)
{
    /* "its"/"your"/"lets" are split only before words a possessive cannot precede */
    WORDS("its a pity and its not over, but the firm cut its own costs.",
          "[its:it+s] a pity and [its:it+s] not over , but the firm cut its own costs .");
    WORDS("The club lost some of its so-called fans; in its kind of way.",
          "The club lost some of its so - called fans ; in its kind of way .");
    WORDS("if your going home, take your car. Lets go! She lets them in.",
          "if [your:you+r] going home , take your car . [Lets:Let+s] go ! She lets them in .");
    WORDS("theres hope, youre late and hes gone", "[theres:there+s] hope , [youre:you+re] late "
          "and [hes:he+s] gone");
    /* a backtick as apostrophe; decades keep their 's */
    WORDS("my uncle`s farm in the 80's", "my [uncle`s:uncle+`s] farm in the 80's");
}

Test(tokenize, numbers_with_units)
{
    WORDS("Doors open at 7:30PM, the 35mm print costs $65k for 24hrs.",
          "Doors open at 7:30 PM , the 35 mm print costs $ 65 k for 24 hrs .");
    /* ordinals, decades and product codes stay whole */
    WORDS("the 4th race, 1990s cars, its 3B line", "the 4th race , 1990s cars , its 3B line");
    WORDS("an A+ for 20+ years", "an A + for 20 + years");
}

Test(tokenize, web_symbols_quotes_and_addresses)
{
    WORDS("From: \"Ana Ruiz\"<ana.r@example.net> sent it",
          "From : \" Ana Ruiz \" < ana.r@example.net > sent it");
    WORDS("Thanks so much:) we loved it :-). See <>", "Thanks so much :) we loved it :-) . See < >");
    WORDS("<<Budget draft.xls>> and the .pdf", "<< Budget draft.xls >> and the .pdf");
    WORDS("He said ''never'' twice.", "He said '' never '' twice .");
    WORDS("\xe2\x80\x98\xe2\x80\x99Stop,\xe2\x80\x99\xe2\x80\x99 he said.",
          "\xe2\x80\x98\xe2\x80\x99 Stop , \xe2\x80\x99\xe2\x80\x99 he said .");
    WORDS("Where now...? Home.", "Where now ... ? Home .");
    WORDS("new x-rays", "new x - rays");
}

Test(tokenize, brackets_and_quotes_inside_a_chunk)
{
    WORDS("Sign the form(s) at Hill Road(near the bank),Tuesday.",
          "Sign the form ( s ) at Hill Road ( near the bank ) , Tuesday .");
    WORDS("Call (555)123-4567 now", "Call ( 555 ) 123-4567 now");
    WORDS("it said \"free\"...but it was \"cheap\"-ish", "it said \" free \" ... but it was \" cheap \" - ish");
    WORDS("Get %20 off, ~Maya", "Get % 20 off , ~ Maya");
    /* "Inc.." keeps one period; "!." stays one token */
    WORDS("We paid Delmar Inc.. It was late!.", "We paid Delmar Inc. . It was late !.");
}

Test(tokenize, space_after)
{
    tc_doc *d = split("Hi, (you) don't.");
    cr_assert_eq(d->nsent, 1);
    const tc_sentence *s = &d->sent[0];
    /* Hi , ( you ) do n't . */
    cr_assert_eq(s->ntok, 8);
    int want[] = {0, 1, 0, 0, 1, 0, 0, 1};
    for (int i = 0; i < 8; i++)
        if (i != 5) cr_expect_eq(s->tok[i].space_after, want[i], "word %d (%s)", i, s->tok[i].form);
    tc_doc_free(&d);
}

Test(tokenize, scan_api)
{
    tc_tok_list l = {0};
    const char *t = "  Hello,\n\n  world";
    cr_assert_eq(tc_tok_scan(t, strlen(t), &l), TC_OK);
    cr_assert_eq(l.n, 3);
    cr_expect_eq(l.t[0].start, 2);
    cr_expect_eq(l.t[0].end, 7);
    cr_expect(l.t[0].flags & TC_TF_UPPER);
    cr_expect_eq(l.t[1].kind, TC_TK_PUNCT);
    cr_expect_eq(l.t[2].nl, 2);
    cr_expect(l.t[2].flags & TC_TF_SPACE);
    cr_expect(l.t[2].flags & TC_TF_LOWER);
    cr_assert_eq(tc_tok_scan("", 0, &l), TC_OK);
    cr_expect_eq(l.n, 0);
    tc_tok_list_free(&l);
    cr_expect_null(l.t);
    tc_tok_list_free(NULL);
}

/* ---------------- robustness ---------------- */

Test(split, empty_and_whitespace)
{
    tc_doc *d = split("");
    cr_expect_eq(d->nsent, 0);
    tc_doc_free(&d);
    d = split(" \n\t\r\n  \xc2\xa0 \n");
    cr_expect_eq(d->nsent, 0);
    tc_doc_free(&d);
    d = tc_doc_new();
    tc_splitter *sp = NULL;
    cr_assert_eq(tc_split_new(&sp, NULL), TC_OK);
    cr_expect_eq(tc_split_doc(sp, d), TC_OK); /* no text at all */
    cr_expect_eq(d->nsent, 0);
    tc_split_free(&sp);
    tc_split_free(&sp);
    tc_doc_free(&d);
}

Test(split, odd_and_invalid_unicode)
{
    /* invalid bytes, a lone continuation byte, truncated sequence, combining
     * marks, zero-width space, right-to-left text, emoji */
    const char *t = "Caf\xc3\xa9 \xff\xfe ok. \x80 Zo\xcc\x88" "e\xe2\x80\x8bwent. "
                    "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d. \xf0\x9f\x98\x80 Fin\xe2\x80";
    tc_doc *d = split(t);
    cr_expect(d->nsent >= 2);
    tc_doc_free(&d);
    /* every byte value, in a few shuffles, must not crash */
    char buf[600];
    for (int r = 0; r < 4; r++) {
        for (int i = 0; i < 599; i++) buf[i] = (char)(((i * (r * 2 + 1)) + r * 37) % 255 + 1);
        buf[599] = 0;
        d = split(buf);
        tc_doc_free(&d);
    }
}

Test(split, no_punctuation_5mb_is_linear_and_capped)
{
    size_t n = 5u << 20;
    char *t = tc_malloc(n + 1);
    cr_assert_not_null(t);
    static const char *const w[] = {"alpha ", "beta ", "gamma ", "delta ", "epsilon "};
    size_t o = 0;
    for (int i = 0; o + 9 < n; i++) {
        size_t k = strlen(w[i % 5]);
        memcpy(t + o, w[i % 5], k);
        o += k;
    }
    t[o] = 0;
    tc_doc *d = tc_doc_new();
    cr_assert_eq(tc_doc_set_text(d, t, o), TC_OK);
    tc_splitter *sp = NULL;
    tc_split_opts opts = {100, TC_NL_AUTO, NULL};
    cr_assert_eq(tc_split_new(&sp, &opts), TC_OK);
    cr_assert_eq(tc_split_doc(sp, d), TC_OK);
    cr_expect(d->nsent > 1000);
    size_t words = 0;
    for (uint32_t i = 0; i < d->nsent; i++) {
        cr_assert(d->sent[i].ntok <= 100);
        words += d->sent[i].ntok;
    }
    cr_expect(words > 800000);
    /* a second document through the same splitter reuses its buffers */
    tc_doc *d2 = tc_doc_new();
    cr_assert_eq(tc_doc_set_text(d2, "One. Two.", 9), TC_OK);
    cr_assert_eq(tc_split_doc(sp, d2), TC_OK);
    cr_expect_eq(d2->nsent, 2);
    tc_doc_free(&d2);
    tc_split_free(&sp);
    tc_doc_free(&d);
    tc_free(t);
}

/* One 600 KB chunk of ".Xy" parts after a dotted start: was quadratic once
 * (every period rescanned the word for earlier periods). */
Test(split, long_dotted_chunk_is_linear)
{
    size_t reps = 200000;
    char *t = tc_malloc(4 + 3 * reps + 1);
    cr_assert_not_null(t);
    memcpy(t, "a.bc", 4);
    for (size_t i = 0; i < reps; i++) memcpy(t + 4 + 3 * i, ".Qz", 3);
    t[4 + 3 * reps] = 0;
    tc_doc *d = split(t);
    cr_expect(d->nsent >= 1);
    tc_doc_free(&d);
    tc_free(t);
}

Test(split, one_huge_token)
{
    size_t n = 200000;
    char *t = tc_malloc(n + 1);
    cr_assert_not_null(t);
    memset(t, 'x', n);
    t[n] = 0;
    tc_doc *d = split(t);
    cr_assert_eq(d->nsent, 1);
    cr_expect_eq(d->sent[0].ntok, 1);
    tc_doc_free(&d);
    tc_free(t);
}

/* ---------------- CLI ---------------- */

Test(split_cli, sentences_per_line)
{
    char *out = NULL, *err = NULL;
    int rc = tt_run("split --no-model -", "Gen. Amara spoke.  Nobody\n replied.\n\nNext item", &out, &err);
    cr_assert_eq(rc, 0, "stderr: %s", err ? err : "");
    cr_expect_str_eq(out, "Gen. Amara spoke.\nNobody replied.\nNext item\n");
    free(out);
    free(err);
}

Test(split_cli, conllu_output)
{
    char *out = NULL, *err = NULL;
    int rc = tt_run("split --no-model --conllu -", "They won't pay $5.\n\nFine!", &out, &err);
    cr_assert_eq(rc, 0, "stderr: %s", err ? err : "");
    const char *want = "# newdoc id = stdin\n"
                       "# newpar\n"
                       "# sent_id = stdin-1\n"
                       "# text = They won't pay $5.\n"
                       "1\tThey\t_\t_\t_\t_\t_\t_\t_\t_\n"
                       "2-3\twon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
                       "2\two\t_\t_\t_\t_\t_\t_\t_\t_\n"
                       "3\tn't\t_\t_\t_\t_\t_\t_\t_\t_\n"
                       "4\tpay\t_\t_\t_\t_\t_\t_\t_\t_\n"
                       "5\t$\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n"
                       "6\t5\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n"
                       "7\t.\t_\t_\t_\t_\t_\t_\t_\t_\n"
                       "\n"
                       "# newpar\n"
                       "# sent_id = stdin-2\n"
                       "# text = Fine!\n"
                       "1\tFine\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n"
                       "2\t!\t_\t_\t_\t_\t_\t_\t_\t_\n"
                       "\n";
    cr_expect_str_eq(out, want);
    free(out);
    free(err);
}

Test(split_cli, usage_errors_and_empty_input)
{
    char *out = NULL, *err = NULL;
    cr_expect_eq(tt_run("split --bogus -", "x", NULL, NULL), 2);
    cr_expect_eq(tt_run("split --newlines sideways -", "x", NULL, NULL), 2);
    int rc = tt_run("split -", "", &out, &err);
    cr_expect_eq(rc, 0);
    cr_expect_str_eq(out ? out : "", "");
    free(out);
    free(err);
}

/* ---------------- boundary classifier ---------------- */

/* A training text where sentences have no final punctuation: "... Oslo Then ...". */
static char *toy_corpus(uint32_t **ends, size_t *nends, size_t *len)
{
    tc_buf b = TC_BUF_INIT;
    size_t cap = 400, n = 0;
    uint32_t *e = tc_calloc(cap, sizeof *e);
    cr_assert_not_null(e);
    for (int i = 0; i < 150; i++) {
        if (i) tc_buf_puts(&b, "\n\n");
        tc_buf_puts(&b, i % 2 ? "the crew went to Oslo" : "our guests walked to Rome");
        e[n++] = (uint32_t)b.len;
        tc_buf_puts(&b, i % 3 ? " Then they slept." : " Then we ate, The soup was cold.");
        if (i % 3 == 0) {
            e[n++] = (uint32_t)(b.len - strlen(" The soup was cold."));
        }
        e[n++] = (uint32_t)b.len;
    }
    *ends = e;
    *nends = n;
    *len = b.len;
    return tc_buf_take(&b);
}

Test(split_model, train_save_load_and_use)
{
    uint32_t *ends = NULL;
    size_t nends = 0, len = 0;
    char *text = toy_corpus(&ends, &nends, &len);
    tc_split_model *m = NULL;
    tc_split_train_opts to = {5, 12};
    cr_assert_eq(tc_split_train(text, len, ends, nends, &to, &m, NULL), TC_OK);
    cr_assert_not_null(m);
    char *path = tt_tmpfile(".bin", "", 0);
    cr_assert_eq(tc_split_model_save(m, path, NULL), TC_OK);
    tc_split_model_free(&m);
    cr_assert_null(m);
    cr_assert_eq(tc_split_model_load(&m, path, NULL), TC_OK);

    const char *t = "the crew went to Oslo Then they slept.";
    tc_split_opts o = {0, TC_NL_AUTO, m};
    tc_doc *d = split_opts(t, &o);
    cr_expect_eq(d->nsent, 2);
    if (d->nsent == 2) cr_expect_str_eq(d->sent[1].text, "Then they slept.");
    tc_doc_free(&d);
    /* rules alone keep it as one sentence */
    d = split(t);
    cr_expect_eq(d->nsent, 1);
    tc_doc_free(&d);
    /* the model only adds boundaries: rule decisions stay */
    d = split_opts("Mr. Lowe went home. He slept.", &o);
    cr_expect_eq(d->nsent, 2);
    tc_doc_free(&d);

    /* damaged files */
    size_t flen = 0;
    char *bytes = tt_slurp(path, &flen);
    cr_assert(bytes && flen > 28);
    tc_split_model *m2 = NULL;
    tt_diaglog log = {0};
    tc_diag dg = tt_diag(&log);
    char *p2 = tt_tmpfile(".bin", bytes, flen - 5);
    cr_expect_eq(tc_split_model_load(&m2, p2, &dg), TC_ETRUNC);
    cr_expect_null(m2);
    bytes[8] = 9; /* version */
    char *p3 = tt_tmpfile(".bin", bytes, flen);
    cr_expect_eq(tc_split_model_load(&m2, p3, &dg), TC_EVERSION);
    char *p4 = tt_tmpfile(".bin", "not a model at all, really", 26);
    cr_expect_eq(tc_split_model_load(&m2, p4, &dg), TC_EFORMAT);
    cr_expect_eq(tc_split_model_load(&m2, "/nonexistent/splitter.bin", &dg), TC_EIO);
    cr_expect(log.nerr >= 4);
    tt_diaglog_free(&log);
    remove(path);
    remove(p2);
    remove(p3);
    remove(p4);
    free(path);
    free(p2);
    free(p3);
    free(p4);
    free(bytes);
    tc_split_model_free(&m);
    tc_free(text);
    tc_free(ends);
}

/* The rules leave a lone dash after a stop ("now. -- Liz") and "I" after an
 * ellipsis to the classifier: a model trained on such boundaries splits there. */
Test(split_model, dash_and_ellipsis_gaps_are_left_to_the_model)
{
    tc_buf b = TC_BUF_INIT;
    uint32_t e[400];
    size_t n = 0;
    for (int i = 0; i < 100; i++) {
        if (i) tc_buf_puts(&b, "\n\n");
        tc_buf_puts(&b, i % 2 ? "That is all for now." : "We waited for hours ...");
        e[n++] = (uint32_t)b.len;
        tc_buf_puts(&b, i % 2 ? " -- Liz" : " I left.");
        e[n++] = (uint32_t)b.len;
    }
    char *text = tc_buf_take(&b);
    tc_split_model *m = NULL;
    tc_split_train_opts to = {5, 12};
    cr_assert_eq(tc_split_train(text, strlen(text), e, n, &to, &m, NULL), TC_OK);
    tc_split_opts o = {0, TC_NL_AUTO, m};
    const char *t[] = {"That is all for now. -- Liz", "We waited for hours ... I left."};
    for (int k = 0; k < 2; k++) {
        tc_doc *d = split_opts(t[k], &o);
        cr_expect_eq(d->nsent, 2, "%s", t[k]);
        tc_doc_free(&d);
        d = split(t[k]); /* rules alone: one sentence */
        cr_expect_eq(d->nsent, 1, "%s", t[k]);
        tc_doc_free(&d);
    }
    tc_split_model_free(&m);
    tc_free(text);
}

Test(split_model, train_rejects_bad_input)
{
    tc_split_model *m = NULL;
    uint32_t e = 1;
    cr_expect_eq(tc_split_train("x", 1, &e, 1, NULL, &m, NULL), TC_EINVAL);
    cr_expect_null(m);
    tc_split_train_opts to = {1, 40};
    cr_expect_eq(tc_split_train("a b. c d.", 9, &e, 1, &to, &m, NULL), TC_EINVAL);
}

Test(split_cli, train_splitter_command)
{
    uint32_t *ends = NULL;
    size_t nends = 0, len = 0;
    char *text = toy_corpus(&ends, &nends, &len);
    /* the same corpus as CoNLL-U: one token line per sentence is enough here */
    tc_buf b = TC_BUF_INIT;
    size_t start = 0;
    for (size_t i = 0; i < nends; i++) {
        while (start < len && (text[start] == ' ' || text[start] == '\n')) start++;
        int newpar = i == 0 || (start >= 2 && text[start - 1] == '\n');
        tc_buf_printf(&b, "%s# text = %.*s\n1\tx\t_\t_\t_\t_\t0\troot\t_\t_\n\n",
                      newpar ? "# newpar\n" : "", (int)(ends[i] - start), text + start);
        start = ends[i];
    }
    char *conllu = tt_tmpfile(".conllu", b.data, b.len);
    char *model = tt_tmpfile(".bin", "", 0);
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "train splitter --train %s -o %s --epochs 3", conllu, model);
    char *err = NULL;
    int rc = tt_run(cmd, NULL, NULL, &err);
    cr_expect_eq(rc, 0, "stderr: %s", err ? err : "");
    free(err);
    char *out = NULL;
    snprintf(cmd, sizeof cmd, "split --model %s -", model);
    rc = tt_run(cmd, "our guests walked to Rome Then we ate.", &out, NULL);
    cr_expect_eq(rc, 0);
    cr_expect_str_eq(out, "our guests walked to Rome\nThen we ate.\n");
    free(out);
    cr_expect_eq(tt_run("split --model /nonexistent.bin -", "x", NULL, NULL), 1);
    cr_expect_eq(tt_run("train splitter --train", NULL, NULL, NULL), 2);
    remove(conllu);
    remove(model);
    free(conllu);
    free(model);
    tc_buf_free(&b);
    tc_free(text);
    tc_free(ends);
}

/* ---------------- fuzz corpus replay ---------------- */

int tc_fuzz_split(const uint8_t *data, size_t size);

Test(fuzz_replay, split) { cr_assert_gt(tt_replay_dir("fuzz/corpus/split", tc_fuzz_split), 0); }

/* The CoNLL-U we write reads back with the CoNLL-U reader: same words, same
 * multi-word tokens, same SpaceAfter, same sentence texts. */
#include "nlp/conllu.h"

Test(split, conllu_round_trip)
{
    tc_doc *d = split("The envoy didn't sign.  She's \"unhappy,\" aides said (twice).\n\n"
                      "Talks resume Monday in Geneva");
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cr_assert_not_null(f);
    cr_assert_eq(tc_split_write_conllu(d, f), TC_OK);
    fclose(f);
    tc_doc *r = NULL;
    cr_assert_eq(tc_conllu_parse(buf, len, "roundtrip", &r, NULL), TC_OK, "%s", buf);
    cr_assert_eq(r->nsent, d->nsent);
    for (uint32_t i = 0; i < d->nsent; i++) {
        const tc_sentence *a = &d->sent[i], *b = &r->sent[i];
        cr_expect_str_eq(b->text, a->text);
        cr_expect_eq(b->para != r->sent[0].para, a->para != d->sent[0].para);
        cr_assert_eq(b->ntok, a->ntok);
        for (uint32_t k = 0; k < a->ntok; k++) {
            cr_expect_str_eq(b->tok[k].form, a->tok[k].form);
            cr_expect_eq(b->tok[k].mwt_len, a->tok[k].mwt_len);
            if (a->tok[k].mwt_len) cr_expect_str_eq(b->tok[k].mwt_form, a->tok[k].mwt_form);
            int last_of_mwt = k > 0 && a->tok[k - 1].mwt_len == 2;
            if (!a->tok[k].mwt_len && (last_of_mwt || k + 1 < a->ntok))
                cr_expect_eq(b->tok[k].space_after, a->tok[k].space_after, "word %u", k);
        }
    }
    tc_doc_free(&r);
    tc_doc_free(&d);
    free(buf);
}
