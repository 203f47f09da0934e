/* Comparison of two runs by fingerprint: new / fixed / unchanged.
 *
 * Both runs' findings are sorted by fingerprint through index arrays and
 * merged, so the comparison is O(n log n) and leaves the runs untouched;
 * the entries are then laid out in each run's own (severity) order so a
 * listing reads like the reports. */
#include "rundiff.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

struct fp_ref {
	const struct finding *f;
	size_t idx;          /* position in its run */
};

/* Fingerprint, then position: equal fingerprints pair up in run order. */
static int fp_ref_cmp(const void *pa, const void *pb)
{
	const struct fp_ref *a = pa, *b = pb;
	int c = strcmp(a->f->fingerprint, b->f->fingerprint);

	if (c != 0)
		return c;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/* Index array of a run's findings, sorted by fingerprint. */
static struct fp_ref *sorted_refs(const struct run *r)
{
	struct fp_ref *v = xcalloc(r->n_findings + 1, sizeof *v);
	size_t i;

	for (i = 0; i < r->n_findings; i++) {
		v[i].f = &r->findings[i];
		v[i].idx = i;
	}
	xqsort(v, r->n_findings, sizeof *v, fp_ref_cmp);
	return v;
}

void rundiff_compute(const struct run *old, const struct run *cur, struct rundiff *out)
{
	struct fp_ref *a = sorted_refs(old), *b = sorted_refs(cur);
	/* partner[i]: index+1 of the matching finding in the other run, 0 none */
	size_t *old_partner = xcalloc(old->n_findings + 1, sizeof *old_partner);
	size_t *cur_partner = xcalloc(cur->n_findings + 1, sizeof *cur_partner);
	size_t i = 0, j = 0, k;

	memset(out, 0, sizeof *out);
	while (i < old->n_findings && j < cur->n_findings) {
		int c = strcmp(a[i].f->fingerprint, b[j].f->fingerprint);

		if (c == 0) {
			old_partner[a[i].idx] = b[j].idx + 1;
			cur_partner[b[j].idx] = a[i].idx + 1;
			i++;
			j++;
		} else if (c < 0) {
			i++;
		} else {
			j++;
		}
	}
	out->items = xcalloc(old->n_findings + cur->n_findings + 1, sizeof *out->items);
	for (k = 0; k < cur->n_findings; k++)
		if (cur_partner[k] == 0)
			out->items[out->n++] = (struct rundiff_entry){ RUNDIFF_NEW, NULL,
								       &cur->findings[k] };
	for (k = 0; k < old->n_findings; k++)
		if (old_partner[k] == 0)
			out->items[out->n++] = (struct rundiff_entry){ RUNDIFF_FIXED,
								       &old->findings[k], NULL };
	for (k = 0; k < cur->n_findings; k++) {
		const struct finding *o, *c;

		if (cur_partner[k] == 0)
			continue;
		o = &old->findings[cur_partner[k] - 1];
		c = &cur->findings[k];
		out->items[out->n++] = (struct rundiff_entry){ RUNDIFF_UNCHANGED, o, c };
		if (o->status != c->status)
			out->n_status_changed++;
		if (o->severity != c->severity)
			out->n_severity_changed++;
	}
	for (k = 0; k < out->n; k++)
		out->count[out->items[k].kind]++;
	free(old_partner);
	free(cur_partner);
	free(a);
	free(b);
}

const char *rundiff_kind_name(enum rundiff_kind k)
{
	static const char *const names[RUNDIFF_KIND_COUNT] = { "new", "fixed", "unchanged" };

	return (unsigned)k < RUNDIFF_KIND_COUNT ? names[k] : "?";
}

int rundiff_kind_of(const struct rundiff *d, const char *fingerprint)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->items[i].cur && strcmp(d->items[i].cur->fingerprint, fingerprint) == 0)
			return (int)d->items[i].kind;
	return -1;
}

size_t rundiff_new_at_or_above(const struct rundiff *d, enum severity min)
{
	size_t i, n = 0;

	for (i = 0; i < d->n; i++)
		if (d->items[i].kind == RUNDIFF_NEW && d->items[i].cur->status == ST_OPEN &&
		    d->items[i].cur->severity >= min)
			n++;
	return n;
}

void rundiff_free(struct rundiff *d)
{
	free(d->items);
	memset(d, 0, sizeof *d);
}
