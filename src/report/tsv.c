/* The TSV listing (`run --format tsv`, `export --format tsv`): a header
 * line (TSV_HEADER), then one record per line for grep, cut and CI
 * scripts: location, check, severity, status (the four columns scripts
 * have always cut), id, fingerprint (the finding's id in every run) and
 * the message. File names and messages may hold tabs, newlines or escape
 * sequences, so every field goes through sanitize_tsv_field: a record is
 * always one line of seven fields, safe on a terminal, and decodable back
 * to the exact bytes. */
#include "report/export.h"

#include <stdlib.h>
#include <string.h>

#include "util/sanitize.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* File, line, check: the order a reader scans a listing in. */
static int tsv_cmp(const void *a, const void *b)
{
	const struct finding *x = *(const struct finding *const *)a;
	const struct finding *y = *(const struct finding *const *)b;
	int c = strcmp(x->file ? x->file : "", y->file ? y->file : "");

	if (c != 0)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return strcmp(x->check ? x->check->id : "", y->check ? y->check->id : "");
}

char *export_tsv(const struct run *r, const struct fp_index *hide)
{
	const struct finding **v = xcalloc(r->n_findings + 1, sizeof *v);
	struct strbuf sb = STRBUF_INIT;
	size_t i, n = 0;

	for (i = 0; i < r->n_findings; i++)
		if (hide == NULL || !fp_index_has(hide, r->findings[i].fingerprint))
			v[n++] = &r->findings[i];
	xqsort(v, n, sizeof *v, tsv_cmp);
	sb_adds(&sb, TSV_HEADER "\n");
	for (i = 0; i < n; i++) {
		sanitize_tsv_field(&sb, v[i]->file ? v[i]->file : "");
		sb_addf(&sb, ":%d\t", v[i]->line);
		sanitize_tsv_field(&sb, v[i]->check ? v[i]->check->id : "");
		sb_addf(&sb, "\t%s\t%s\t", severity_name(v[i]->severity), status_name(v[i]->status));
		/* the id comes from run.json, which may have been edited */
		sanitize_tsv_field(&sb, v[i]->id);
		sb_addf(&sb, "\t%s\t", v[i]->fingerprint);
		sanitize_tsv_field(&sb, v[i]->issue ? v[i]->issue : "");
		sb_addc(&sb, '\n');
	}
	free(v);
	return sb_detach(&sb);
}
