/* triage.json: the user's decisions, kept across runs by fingerprint.
 *
 * Decisions are kept sorted by fingerprint so lookups are a binary search
 * and the saved file has a stable order (small diffs when it is
 * committed). A corrupt file is reported and never overwritten: losing a
 * team's triage history to a parse error would be worse than stopping. */
#include "triage.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/fsutil.h"
#include "util/sanitize.h"
#include "util/textpos.h"
#include "util/xalloc.h"

#define TRIAGE_MAX (64u * 1024 * 1024)

/* xstrdup that passes NULL through. */
static char *dup_opt(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* Frees a decision's strings. */
static void decision_clear(struct triage_decision *d)
{
	free(d->reason);
	free(d->adr);
	free(d->author);
	free(d->time);
	free(d->check);
	free(d->file);
	free(d->function);
	memset(d, 0, sizeof *d);
}

/* Deep copy. */
static void decision_copy(struct triage_decision *dst, const struct triage_decision *src)
{
	*dst = *src;
	dst->reason = dup_opt(src->reason);
	dst->adr = dup_opt(src->adr);
	dst->author = dup_opt(src->author);
	dst->time = dup_opt(src->time);
	dst->check = dup_opt(src->check);
	dst->file = dup_opt(src->file);
	dst->function = dup_opt(src->function);
}

/* Frees the triage and everything in it. */
void triage_free(struct triage *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->n; i++)
		decision_clear(&t->decisions[i]);
	free(t->decisions);
	for (i = 0; i < t->n_history; i++) {
		free(t->history[i].action);
		decision_clear(&t->history[i].d);
	}
	free(t->history);
	free(t);
}

/* Index of fp in the sorted decisions, or where it would go (*found 0). */
static size_t find_slot(const struct triage *t, const char *fp, int *found)
{
	size_t lo = 0, hi = t->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(t->decisions[mid].fingerprint, fp);

		if (c == 0) {
			*found = 1;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = 0;
	return lo;
}

/* The decision for a fingerprint, or NULL. */
const struct triage_decision *triage_get(const struct triage *t, const char *fingerprint)
{
	int found;
	size_t i;

	if (!t || !fingerprint)
		return NULL;
	i = find_slot(t, fingerprint, &found);
	return found ? &t->decisions[i] : NULL;
}

/* Inserts or replaces (taking ownership of d's strings). */
static void put_decision(struct triage *t, struct triage_decision *d)
{
	int found;
	size_t i = find_slot(t, d->fingerprint, &found);

	if (found) {
		decision_clear(&t->decisions[i]);
	} else {
		XGROW(t->decisions, t->cap, t->n + 1);
		memmove(&t->decisions[i + 1], &t->decisions[i], (t->n - i) * sizeof *t->decisions);
		t->n++;
	}
	t->decisions[i] = *d;
}

/* Removes the decision for fp, if any. */
static void drop_decision(struct triage *t, const char *fp)
{
	int found;
	size_t i = find_slot(t, fp, &found);

	if (!found)
		return;
	decision_clear(&t->decisions[i]);
	memmove(&t->decisions[i], &t->decisions[i + 1], (t->n - i - 1) * sizeof *t->decisions);
	t->n--;
}

/* Appends a history event (copying d). */
static void push_history(struct triage *t, const char *action, const struct triage_decision *d)
{
	struct triage_event *e;

	XGROW(t->history, t->cap_history, t->n_history + 1);
	e = &t->history[t->n_history++];
	e->action = xstrdup(action);
	decision_copy(&e->d, d);
}

/* Records a decision (or a reopen) for f; see triage.h. */
int triage_record(struct triage *t, const struct finding *f, enum finding_status st,
		  const char *reason, const char *adr, const char *author, const char *time_iso)
{
	struct triage_decision d;

	if ((unsigned)st >= ST_COUNT || !f->fingerprint[0])
		return -1;
	memset(&d, 0, sizeof d);
	memcpy(d.fingerprint, f->fingerprint, sizeof d.fingerprint);
	d.status = st;
	d.reason = dup_opt(reason);
	d.adr = dup_opt(adr);
	d.author = dup_opt(author);
	d.time = dup_opt(time_iso);
	d.check = dup_opt(f->check ? f->check->id : NULL);
	d.file = dup_opt(f->file);
	d.function = dup_opt(f->function);
	push_history(t, st == ST_OPEN ? "reopen" : status_name(st), &d);
	if (st == ST_OPEN) {
		drop_decision(t, d.fingerprint);
		decision_clear(&d);
	} else {
		put_decision(t, &d);
	}
	return 0;
}

/* Replays src's later history onto dst; see triage.h. */
void triage_replay(struct triage *dst, const struct triage *src, size_t from)
{
	size_t i;

	for (i = from; i < src->n_history; i++) {
		const struct triage_event *e = &src->history[i];
		struct triage_decision d;

		push_history(dst, e->action, &e->d);
		if (strcmp(e->action, "reopen") == 0 || e->d.status == ST_OPEN) {
			drop_decision(dst, e->d.fingerprint);
			continue;
		}
		decision_copy(&d, &e->d);
		put_decision(dst, &d);
	}
}

/* Whether f carries a decision someone recorded by hand (the validator's
 * ADR matches have neither author nor time). */
static int is_manual(const struct finding *f)
{
	return f->status != ST_OPEN &&
	       (f->adv.rule == ADV_MANUAL ||
		(f->adv.rule == ADV_ADR && (f->adv.author != NULL || f->adv.time != NULL)));
}

/* Applies t and reopens the decisions it no longer has; see triage.h. */
int triage_sync(const struct triage *t, struct finding *items, size_t n)
{
	size_t i;
	int changed = triage_apply(t, items, n);

	for (i = 0; i < n; i++) {
		struct finding *f = &items[i];

		if (!is_manual(f) || triage_get(t, f->fingerprint) != NULL)
			continue;
		free(f->adv.reason);
		free(f->adv.adr);
		free(f->adv.author);
		free(f->adv.time);
		memset(&f->adv, 0, sizeof f->adv);
		f->status = ST_OPEN;
		changed++;
	}
	return changed;
}

/* Applies the decisions to the findings; see triage.h. */
int triage_apply(const struct triage *t, struct finding *items, size_t n)
{
	size_t i;
	int applied = 0;

	for (i = 0; t && i < n; i++) {
		struct finding *f = &items[i];
		const struct triage_decision *d = triage_get(t, f->fingerprint);

		if (!d)
			continue;
		free(f->adv.reason);
		free(f->adv.adr);
		free(f->adv.author);
		free(f->adv.time);
		f->status = d->status;
		f->adv.rule = d->status == ST_ADR_OVERRIDE ? ADV_ADR : ADV_MANUAL;
		f->adv.reason = dup_opt(d->reason);
		f->adv.adr = dup_opt(d->adr);
		f->adv.author = dup_opt(d->author);
		f->adv.time = dup_opt(d->time);
		f->adv.points = 0;
		applied++;
	}
	return applied;
}

/* ---- the file ---- */

/* Records "path: message" in err; returns NULL for the callers' tails. */
static void *tri_fail(char *err, size_t errlen, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void *tri_fail(char *err, size_t errlen, const char *path, const char *fmt, ...)
{
	char msg[384];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (err && errlen)
		snprintf(err, errlen, "%s: %s", path, msg);
	return NULL;
}

/* Optional string member: 0 ok (NULL when absent or null), -1 wrong type. */
static int opt_str(const cJSON *o, const char *key, char **out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	*out = NULL;
	if (!v || cJSON_IsNull(v))
		return 0;
	if (!cJSON_IsString(v))
		return -1;
	*out = xstrdup(v->valuestring);
	return 0;
}

/* Reads the fields shared by decisions and history entries. */
static const char *read_fields(const cJSON *o, struct triage_decision *d, int need_status)
{
	static const char *const keys[] = { "reason", "adr", "author", "time", "check", "file",
					    "function" };
	char **slots[] = { &d->reason, &d->adr, &d->author, &d->time, &d->check, &d->file,
			   &d->function };
	const cJSON *st = cJSON_GetObjectItemCaseSensitive(o, "status");
	size_t i;

	if (!cJSON_IsObject(o))
		return "must be an object";
	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (opt_str(o, keys[i], slots[i]))
			return keys[i];
	if (need_status) {
		if (!cJSON_IsString(st) || status_parse(st->valuestring, &d->status) ||
		    d->status == ST_OPEN)
			return "status";
	} else if (cJSON_IsString(st)) {
		status_parse(st->valuestring, &d->status);
	}
	return NULL;
}

/* A decision's place while sorting the ones read from a file. */
struct fp_order {
	const char *fp;
	size_t idx;                   /* position in the file */
};

/* Fingerprint order, file order among equal fingerprints. */
static int fp_order_cmp(const void *a, const void *b)
{
	const struct fp_order *x = a, *y = b;
	int c = strcmp(x->fp, y->fp);

	if (c != 0)
		return c;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Sorts the decisions appended in file order and keeps only the last of
 * each fingerprint (what inserting them one at a time did), in
 * O(n log n): inserting a file written in reverse order one at a time
 * took quadratic time, minutes for a few megabytes. */
static void sort_loaded(struct triage *t)
{
	struct triage_decision *out;
	struct fp_order *ord;
	size_t i, n = 0;

	if (t->n < 2)
		return;
	ord = xmalloc(t->n * sizeof *ord);
	for (i = 0; i < t->n; i++) {
		ord[i].fp = t->decisions[i].fingerprint;
		ord[i].idx = i;
	}
	xqsort(ord, t->n, sizeof *ord, fp_order_cmp);
	out = xmalloc(t->n * sizeof *out);
	for (i = 0; i < t->n; i++) {
		struct triage_decision *d = &t->decisions[ord[i].idx];

		if (i + 1 < t->n && strcmp(ord[i].fp, ord[i + 1].fp) == 0)
			decision_clear(d);  /* a later entry replaces it */
		else
			out[n++] = *d;
	}
	free(ord);
	free(t->decisions);
	t->decisions = out;
	t->cap = t->n;
	t->n = n;
}

/* True for 16 lowercase hex digits. */
static int is_fp(const char *s)
{
	return s && strlen(s) == 16 && strspn(s, "0123456789abcdef") == 16;
}

/* Fills t from the parsed document; NULL on success, else the reason. */
static struct triage *triage_from_json(const cJSON *root, const char *path, char *err, size_t errlen)
{
	struct triage *t = xcalloc(1, sizeof *t);
	const cJSON *v, *e;
	const char *bad;

	v = cJSON_GetObjectItemCaseSensitive(root, "schema");
	if (!cJSON_IsNumber(v) || v->valuedouble != 1) {
		triage_free(t);
		return tri_fail(err, errlen, path, "\"schema\" must be 1");
	}
	v = cJSON_GetObjectItemCaseSensitive(root, "decisions");
	if (v && !cJSON_IsObject(v)) {
		triage_free(t);
		return tri_fail(err, errlen, path, "\"decisions\" must be an object");
	}
	cJSON_ArrayForEach(e, v) {
		struct triage_decision d;

		memset(&d, 0, sizeof d);
		if (!is_fp(e->string)) {
			triage_free(t);
			return tri_fail(err, errlen, path, "decision key \"%.40s\" is not a fingerprint",
					e->string);
		}
		memcpy(d.fingerprint, e->string, 17);
		if ((bad = read_fields(e, &d, 1)) != NULL) {
			decision_clear(&d);
			triage_free(t);
			return tri_fail(err, errlen, path, "decision %s: bad \"%s\"", e->string, bad);
		}
		XGROW(t->decisions, t->cap, t->n + 1);
		t->decisions[t->n++] = d;
	}
	sort_loaded(t);
	v = cJSON_GetObjectItemCaseSensitive(root, "history");
	if (v && !cJSON_IsArray(v)) {
		triage_free(t);
		return tri_fail(err, errlen, path, "\"history\" must be an array");
	}
	cJSON_ArrayForEach(e, v) {
		const cJSON *a = cJSON_GetObjectItemCaseSensitive(e, "action");
		const cJSON *fp = cJSON_GetObjectItemCaseSensitive(e, "fingerprint");
		struct triage_decision d;

		memset(&d, 0, sizeof d);
		bad = read_fields(e, &d, 0);
		if (!bad && !cJSON_IsString(a))
			bad = "action";
		if (!bad && !(cJSON_IsString(fp) && is_fp(fp->valuestring)))
			bad = "fingerprint";
		if (bad) {
			decision_clear(&d);
			triage_free(t);
			return tri_fail(err, errlen, path, "history entry: bad \"%s\"", bad);
		}
		memcpy(d.fingerprint, fp->valuestring, 17);
		push_history(t, a->valuestring, &d);
		decision_clear(&d);
	}
	return t;
}

/* Loads triage.json; see triage.h. */
struct triage *triage_load(const char *path, char *err, size_t errlen)
{
	const char *end = NULL;
	struct triage *t;
	cJSON *root;
	char *text;
	size_t len;

	if (err && errlen)
		err[0] = '\0';
	text = fs_read_file(path, TRIAGE_MAX, &len);
	if (!text) {
		if (errno == ENOENT)
			return xcalloc(1, sizeof(struct triage));
		return tri_fail(err, errlen, path, "%s", strerror(errno));
	}
	root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
	if (!root) {
		int line = end && end >= text && end <= text + len ? text_line_at(text, (size_t)(end - text)) : 0;

		free(text);
		if (line)
			return tri_fail(err, errlen, path, "invalid JSON near line %d (file left untouched)",
					line);
		return tri_fail(err, errlen, path, "invalid JSON (file left untouched)");
	}
	if (text_trailing_at(text, len, end) < len) {
		int line = text_line_at(text, text_trailing_at(text, len, end));

		free(text);
		cJSON_Delete(root);
		return tri_fail(err, errlen, path,
				"unexpected text after the JSON value near line %d (file left untouched)",
				line);
	}
	free(text);
	t = cJSON_IsObject(root) ? triage_from_json(root, path, err, errlen)
				 : tri_fail(err, errlen, path, "not a JSON object");
	cJSON_Delete(root);
	return t;
}

/* Adds the shared fields of d to o. */
static void add_fields(cJSON *o, const struct triage_decision *d, int with_status)
{
	if (with_status)
		cJSON_AddStringToObject(o, "status", status_name(d->status));
	cJSON_AddItemToObject(o, "reason", d->reason ? cJSON_CreateString(d->reason) : cJSON_CreateNull());
	cJSON_AddItemToObject(o, "adr", d->adr ? cJSON_CreateString(d->adr) : cJSON_CreateNull());
	cJSON_AddItemToObject(o, "author", d->author ? cJSON_CreateString(d->author) : cJSON_CreateNull());
	cJSON_AddItemToObject(o, "time", d->time ? cJSON_CreateString(d->time) : cJSON_CreateNull());
	cJSON_AddItemToObject(o, "check", d->check ? cJSON_CreateString(d->check) : cJSON_CreateNull());
	cJSON_AddItemToObject(o, "file", d->file ? cJSON_CreateString(d->file) : cJSON_CreateNull());
	cJSON_AddItemToObject(o, "function",
			      d->function ? cJSON_CreateString(d->function) : cJSON_CreateNull());
}

/* Writes triage.json atomically; see triage.h. */
int triage_save(const struct triage *t, const char *path, char *err, size_t errlen)
{
	cJSON *root = cJSON_CreateObject(), *dec, *hist;
	char *text, *dir, *slash;
	size_t i;
	int rc = 0;

	cJSON_AddNumberToObject(root, "schema", 1);
	dec = cJSON_AddObjectToObject(root, "decisions");
	for (i = 0; i < t->n; i++) {
		cJSON *o = cJSON_CreateObject();

		add_fields(o, &t->decisions[i], 1);
		cJSON_AddItemToObject(dec, t->decisions[i].fingerprint, o);
	}
	hist = cJSON_AddArrayToObject(root, "history");
	for (i = 0; i < t->n_history; i++) {
		cJSON *o = cJSON_CreateObject();

		cJSON_AddStringToObject(o, "action", t->history[i].action);
		cJSON_AddStringToObject(o, "fingerprint", t->history[i].d.fingerprint);
		add_fields(o, &t->history[i].d, 1);
		cJSON_AddItemToArray(hist, o);
	}
	text = cJSON_Print(root);
	cJSON_Delete(root);
	if (!text)
		fatal("out of memory serializing triage.json");
	dir = xstrdup(path);
	slash = strrchr(dir, '/');
	if (slash && slash != dir) {
		*slash = '\0';
		if (fs_mkdir_p(dir, 0777) != 0) {
			tri_fail(err, errlen, dir, "%s", strerror(errno));
			rc = -1;
		}
	}
	free(dir);
	if (rc == 0) {
		char *body = sanitize_json_text(text);

		if (fs_write_atomic(path, body, strlen(body)) != 0) {
			tri_fail(err, errlen, path, "%s", strerror(errno));
			rc = -1;
		}
		free(body);
	}
	cJSON_free(text);
	return rc;
}
