#ifndef ATTRIB_CLIBXML2_SHIM_H
#define ATTRIB_CLIBXML2_SHIM_H
/* libxml2's forgiving HTML parser for the HTML reader (Debian: libxml2-dev). */
#include <libxml/xmlversion.h>
/* Debian's libxml2 is built with ICU, and its encoding.h then includes the system ICU headers,
   which clash with the copy Foundation bundles. attrib never touches an encoding handler (the
   only structure whose fields depend on this, and which no other structure embeds by value), so
   the headers are read without ICU. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

static inline int attrib_html_options(void) {
    return HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET;
}
#endif
