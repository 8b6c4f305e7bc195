#ifndef ASSAY_CCMARK_SHIM_H
#define ASSAY_CCMARK_SHIM_H
#include <cmark.h>
#endif
