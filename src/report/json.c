/* JSON exports (run.json, context.json) and the writer that puts every
 * report of a run in place, all together or not at all. */
#include "report/report.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/fileset.h"
#include "util/fsutil.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

/* run.json text. */
char *report_json(const struct run *r)
{
	return run_to_json(r);
}

/* context.json text, newline-terminated. */
char *report_context_json(const struct run *r)
{
	cJSON *j = r->ctx ? context_to_json(r->ctx) : NULL;
	char *text, *out;

	if (!j)
		return xstrdup("{}\n");
	text = cJSON_Print(j);
	cJSON_Delete(j);
	if (!text)
		fatal("out of memory serializing context.json");
	out = sanitize_json_text(text);
	cJSON_free(text);
	return out;
}

/* Stages text (taking ownership) as dir/name; -1 with "path: reason" in err. */
static int stage_one(struct fileset *fs, const char *dir, const char *name, char *text,
		     char *err, size_t errlen)
{
	char *path = fs_join(dir, name);
	int rc = fileset_add(fs, path, text, strlen(text), err, errlen);

	free(path);
	free(text);
	return rc;
}

/* Creates dir (and parents); -1 with "dir: reason" in err. */
static int make_dir(const char *dir, char *err, size_t errlen)
{
	if (fs_mkdir_p(dir, 0777) != 0) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	return 0;
}

/* The texts of one run's reports, built on a few threads: each is a pure
 * function of the run. Slots 0..CAT_COUNT-1 are the auditors' reports. */
enum { TEXT_RUN_JSON = CAT_COUNT, TEXT_CONTEXT, TEXT_CONSOLIDATED, TEXT_COUNT };

struct report_texts {
	const struct run *r;
	atomic_int next;
	char *text[TEXT_COUNT];
};

static void *report_texts_worker(void *arg)
{
	struct report_texts *t = arg;
	int k;

	/* the slowest first: run.json, then the Markdown reports */
	static const int order[TEXT_COUNT] = { TEXT_RUN_JSON, TEXT_CONSOLIDATED, 0, 1, 2, 3,
					       TEXT_CONTEXT };
	_Static_assert(CAT_COUNT == 4, "the order lists every auditor report");
	while ((k = atomic_fetch_add(&t->next, 1)) < TEXT_COUNT) {
		int i = order[k];

		if (i < CAT_COUNT)
			t->text[i] = report_worker_markdown(t->r, (enum category)i);
		else if (i == TEXT_RUN_JSON)
			t->text[i] = report_json(t->r);
		else if (i == TEXT_CONTEXT)
			t->text[i] = report_context_json(t->r);
		else if (!t->r->partial)
			t->text[i] = report_markdown(t->r);
	}
	return NULL;
}

/* Stages every report of the run; see report.h. */
int report_stage_all(const struct run *r, const char *root_out, const char *run_dir,
		     struct fileset *fs, int jobs, char *err, size_t errlen)
{
	struct report_texts t = { .r = r };
	pthread_t th[TEXT_COUNT];
	char *docs = NULL;
	int c, rc = -1, started = 0;

	if (err && errlen)
		err[0] = '\0';
	if (make_dir(run_dir, err, errlen))
		return -1;
	atomic_init(&t.next, 0);
	for (c = 1; c < jobs && c < TEXT_COUNT; c++)
		if (pthread_create(&th[started], NULL, report_texts_worker, &t) == 0)
			started++;
	report_texts_worker(&t);
	for (c = 0; c < started; c++)
		pthread_join(th[c], NULL);
	/* staged in a fixed order; stage_one takes each text */
	for (c = 0; c < CAT_COUNT; c++) {
		char *text = t.text[c];

		t.text[c] = NULL;   /* stage_one frees it, staged or not */
		if (stage_one(fs, run_dir, report_worker_file((enum category)c), text, err, errlen))
			goto out;
	}
	rc = stage_one(fs, run_dir, "run.json", t.text[TEXT_RUN_JSON], err, errlen);
	t.text[TEXT_RUN_JSON] = NULL;
	if (rc == 0)
		rc = stage_one(fs, run_dir, "context.json", t.text[TEXT_CONTEXT], err, errlen);
	t.text[TEXT_CONTEXT] = NULL;
	/* a partial run (--since) never replaces the consolidated report */
	if (rc != 0 || r->partial)
		goto out;
	docs = fs_join(root_out, "docs/project");
	rc = make_dir(docs, err, errlen);
	if (rc == 0)
		rc = stage_one(fs, docs, "persistence_audit.md", t.text[TEXT_CONSOLIDATED], err,
			       errlen);
	t.text[TEXT_CONSOLIDATED] = NULL;
out:
	free(docs);
	for (c = 0; c < TEXT_COUNT; c++)
		free(t.text[c]);
	return rc;
}

/* Writes every report of the run; see report.h. */
int report_write_all(const struct run *r, const char *root_out, const char *run_dir,
		     unsigned formats, int jobs, char *err, size_t errlen)
{
	struct fileset fs = FILESET_INIT;

	(void)formats; /* md and json always; sarif/html come later */
	if (report_stage_all(r, root_out, run_dir, &fs, jobs, err, errlen) != 0) {
		fileset_abort(&fs);
		return -1;
	}
	return fileset_commit(&fs, err, errlen);
}
