#ifndef ATTRIB_CCMARKGFM_SHIM_H
#define ATTRIB_CCMARKGFM_SHIM_H
/* cmark-gfm (CommonMark with GitHub's extensions) for the Markdown reader; the core extensions
   give tables. Debian: libcmark-gfm-dev and libcmark-gfm-extensions-dev. */
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#endif
