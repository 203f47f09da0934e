/* Lookup in the embedded data table. */
#include "embedded.h"

#include <string.h>

const struct embedded_file *embedded_find(const char *name)
{
	const struct embedded_file *e;

	for (e = embedded_files; e->name != NULL; e++)
		if (strcmp(e->name, name) == 0)
			return e;
	return NULL;
}
