/* libFuzzer target for the JavaScript/TypeScript front end; make check runs it through driver.c.
 *
 * Longer runs (clang, libFuzzer, ASan/UBSan): tests/fuzz/run-long.sh SECONDS javascript
 *
 * Besides crashes and sanitizer reports it checks the model invariants
 * every consumer relies on: tree links, line ranges, spans inside the
 * source, and that the walk and navigation helpers terminate. */
#include "lang/javascript.h"
#include "model.h"
#include "model-invariants.h"
#include "util/xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Parses the input and verifies the resulting model. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *src = xmalloc(size + 1);

	memcpy(src, data, size);
	src[size] = '\0';
	fuzz_model(javascript_parse(src, size), NULL);
	return 0;
}
