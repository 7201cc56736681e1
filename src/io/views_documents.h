/* JSON view of the documents module: what verifying a certificate's code
 * shows (conventions of io/views.h). */
#ifndef HZ_VIEWS_DOCUMENTS_H
#define HZ_VIEWS_DOCUMENTS_H

#include "io/documents.h"
#include "io/views.h"

/* {"valid":true,"code","name" (masked),"issued","coverages":[{"plan",
 * "plan_name","shares","start","end"}]}: no ID number, no bank card. */
json_t *hz_view_verification(const hz_doc_verification *v);

#endif
