#ifndef ATTRIB_CPCRE2_SHIM_H
#define ATTRIB_CPCRE2_SHIM_H
/* PCRE2 picks its code-unit width by macro; Swift cannot see through the macro-generated
   names, so fix the width to 8 (UTF-8) and re-export the _8 functions under plain names. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

static inline uint32_t attrib_pcre2_error_nomatch(void) { return (uint32_t)PCRE2_ERROR_NOMATCH; }
static inline size_t attrib_pcre2_unset(void) { return PCRE2_UNSET; }
static inline size_t attrib_pcre2_zero_terminated(void) { return PCRE2_ZERO_TERMINATED; }
#endif
