/* Releasing a project. */
#include "project.h"
#include "index.h"

#include <stdlib.h>

void project_free(struct project *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->n_files; i++) {
		free(p->files[i].path);
		if (p->files[i].model != NULL)
			model_free(p->files[i].model);
	}
	free(p->files);
	for (i = 0; i < p->n_vendored_listed; i++)
		free(p->vendored_dirs[i]);
	free(p->vendored_dirs);
	p->vendored_dirs = NULL;
	for (i = 0; i < p->n_schema_paths; i++)
		free(p->schema_paths[i]);
	free(p->schema_paths);
	p->schema_paths = NULL;
	p->n_schema_paths = 0;
	for (i = 0; i < p->n_decl_paths; i++)
		free(p->decl_paths[i]);
	free(p->decl_paths);
	free(p->decl_langs);
	p->decl_paths = NULL;
	p->decl_langs = NULL;
	p->n_decl_paths = 0;
	p->n_vendored_listed = 0;
	if (p->index != NULL)
		index_free(p->index);
	if (p->ctx != NULL) {
		context_free(p->ctx);
		free(p->ctx);
	}
	free(p->root);
	p->files = NULL;
	p->n_files = 0;
}
