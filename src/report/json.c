/* JSON exports (run.json, context.json) and the writer that puts every
 * report of a run in place, all together or not at all. */
#include "report/report.h"

#include <cjson/cJSON.h>
#include <errno.h>
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

/* Stages every report of the run; see report.h. */
int report_stage_all(const struct run *r, const char *root_out, const char *run_dir,
		     struct fileset *fs, char *err, size_t errlen)
{
	char *docs;
	int c, rc;

	if (err && errlen)
		err[0] = '\0';
	if (make_dir(run_dir, err, errlen))
		return -1;
	for (c = 0; c < CAT_COUNT; c++)
		if (stage_one(fs, run_dir, report_worker_file((enum category)c),
			      report_worker_markdown(r, (enum category)c), err, errlen))
			return -1;
	if (stage_one(fs, run_dir, "run.json", report_json(r), err, errlen) ||
	    stage_one(fs, run_dir, "context.json", report_context_json(r), err, errlen))
		return -1;
	/* a partial run (--since) never replaces the consolidated report */
	if (r->partial)
		return 0;
	docs = fs_join(root_out, "docs/project");
	rc = make_dir(docs, err, errlen);
	if (rc == 0)
		rc = stage_one(fs, docs, "persistence_audit.md", report_markdown(r), err, errlen);
	free(docs);
	return rc;
}

/* Writes every report of the run; see report.h. */
int report_write_all(const struct run *r, const char *root_out, const char *run_dir,
		     unsigned formats, char *err, size_t errlen)
{
	struct fileset fs = FILESET_INIT;

	(void)formats; /* md and json always; sarif/html come later */
	if (report_stage_all(r, root_out, run_dir, &fs, err, errlen) != 0) {
		fileset_abort(&fs);
		return -1;
	}
	return fileset_commit(&fs, err, errlen);
}
