/* JSON form of a comparison of two runs (`ppaudit diff --format json`),
 * for scripts and CI gates. Keys keep a fixed order so two diffs of the
 * same runs are byte-equal. */
#include "report/export.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rundiff.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

/* A string made safe (valid UTF-8, no control characters), or null. */
static cJSON *clean_or_null(const char *s)
{
	char *c;
	cJSON *j;

	if (s == NULL)
		return cJSON_CreateNull();
	c = sanitize_dup(s, strlen(s));
	j = cJSON_CreateString(c);
	free(c);
	return j;
}

/* A score as a raw "X.X" number, like run.json. */
static cJSON *score(double v)
{
	char buf[16];

	snprintf(buf, sizeof buf, "%.1f", v);
	return cJSON_CreateRaw(buf);
}

/* {"run", "date", "overall_score", "scores": {...}, "open": N} of one
 * run; "run" is its label (the folder name: several runs share a date). */
static cJSON *run_summary(const struct run *r, const char *label)
{
	cJSON *o = cJSON_CreateObject(), *sc;
	struct scores s;
	int c;

	scores_compute(r->findings, r->n_findings, &s);
	cJSON_AddItemToObject(o, "run", clean_or_null(label ? label : r->date));
	cJSON_AddStringToObject(o, "date", r->date);
	cJSON_AddItemToObject(o, "head", clean_or_null(r->git.head));
	cJSON_AddItemToObject(o, "overall_score", score(s.overall));
	sc = cJSON_AddObjectToObject(o, "scores");
	for (c = 0; c < CAT_COUNT; c++)
		cJSON_AddItemToObject(sc, category_id((enum category)c), score(s.category[c]));
	cJSON_AddNumberToObject(o, "findings", (double)r->n_findings);
	cJSON_AddNumberToObject(o, "open", s.n_open);
	return o;
}

/* One finding of the diff. */
static cJSON *entry(const struct rundiff_entry *e)
{
	const struct finding *f = e->cur ? e->cur : e->old;
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "change", rundiff_kind_name(e->kind));
	cJSON_AddStringToObject(o, "id", f->id);
	cJSON_AddStringToObject(o, "fingerprint", f->fingerprint);
	cJSON_AddStringToObject(o, "category", category_id(f->category));
	cJSON_AddStringToObject(o, "check", f->check ? f->check->id : "");
	cJSON_AddStringToObject(o, "severity", severity_name(f->severity));
	cJSON_AddStringToObject(o, "status", status_name(f->status));
	cJSON_AddItemToObject(o, "file", clean_or_null(f->file));
	cJSON_AddNumberToObject(o, "line", f->line);
	cJSON_AddItemToObject(o, "function", clean_or_null(f->function));
	cJSON_AddItemToObject(o, "issue", clean_or_null(f->issue));
	if (e->kind == RUNDIFF_UNCHANGED) {
		cJSON_AddStringToObject(o, "previous_id", e->old->id);
		cJSON_AddStringToObject(o, "previous_severity", severity_name(e->old->severity));
		cJSON_AddStringToObject(o, "previous_status", status_name(e->old->status));
		cJSON_AddNumberToObject(o, "previous_line", e->old->line);
	}
	return o;
}

char *export_diff_json(const struct run *old, const char *old_label, const struct run *cur,
		       const char *cur_label, const struct rundiff *d)
{
	static const char *const keys[RUNDIFF_KIND_COUNT] = { "new", "fixed", "unchanged" };
	cJSON *root = cJSON_CreateObject(), *counts, *arr[RUNDIFF_KIND_COUNT];
	char *text, *out;
	size_t i;
	int k;

	cJSON_AddNumberToObject(root, "schema", 1);
	cJSON_AddItemToObject(root, "from", run_summary(old, old_label));
	cJSON_AddItemToObject(root, "to", run_summary(cur, cur_label));
	counts = cJSON_AddObjectToObject(root, "counts");
	for (k = 0; k < RUNDIFF_KIND_COUNT; k++)
		cJSON_AddNumberToObject(counts, keys[k], (double)d->count[k]);
	cJSON_AddNumberToObject(counts, "status_changed", (double)d->n_status_changed);
	cJSON_AddNumberToObject(counts, "severity_changed", (double)d->n_severity_changed);
	for (k = 0; k < RUNDIFF_KIND_COUNT; k++)
		arr[k] = cJSON_AddArrayToObject(root, keys[k]);
	for (i = 0; i < d->n; i++)
		cJSON_AddItemToArray(arr[d->items[i].kind], entry(&d->items[i]));
	text = cJSON_Print(root);
	cJSON_Delete(root);
	if (!text)
		fatal("out of memory serializing the diff");
	out = sanitize_json_text(text);
	cJSON_free(text);
	return out;
}
