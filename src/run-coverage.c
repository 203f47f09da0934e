/* What a run did not audit: run.json's "run.coverage" both ways, and the
 * one-line text the summary and the reports show. */
#include "run-coverage.h"

#include <cjson/cJSON.h>

#include <ctype.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/xalloc.h"

void run_coverage_free(struct run_coverage *c)
{
	size_t i;

	for (i = 0; i < c->n_vendored; i++)
		free(c->vendored[i]);
	free(c->vendored);
	for (i = 0; i < c->n_not_audited; i++)
		free(c->not_audited[i].language);
	free(c->not_audited);
	for (i = 0; i < c->n_undescribed_layers; i++)
		free(c->undescribed_layers[i]);
	free(c->undescribed_layers);
	memset(c, 0, sizeof *c);
}

/* Appends "N one" or "N many" with a separator. */
static void add_count(struct strbuf *sb, size_t n, const char *one, const char *many)
{
	if (n == 0)
		return;
	if (sb->len > 0)
		sb_adds(sb, ", ");
	sb_addf(sb, "%zu %s", n, n == 1 ? one : many);
}

char *run_coverage_text(const struct run_coverage *c)
{
	struct strbuf sb = STRBUF_INIT, skipped = STRBUF_INIT;
	size_t i;

	for (i = 0; i < c->n_not_audited; i++) {
		if (sb.len == 0)
			sb_adds(&sb, "Not audited: ");
		else
			sb_adds(&sb, ", ");
		sb_addf(&sb, "%zu %s file%s", c->not_audited[i].files, c->not_audited[i].language,
			c->not_audited[i].files == 1 ? "" : "s");
	}
	if (sb.len > 0)
		sb_adds(&sb, " (no front end in this build).");
	for (i = 0; i < c->n_undescribed_layers; i++) {
		if (i == 0)
			sb_addf(&sb, "%sNot understood: the data layer%s ", sb.len > 0 ? " " : "",
				c->n_undescribed_layers == 1 ? "" : "s");
		else
			sb_adds(&sb, ", ");
		sb_adds(&sb, c->undescribed_layers[i]);
		if (i + 1 == c->n_undescribed_layers)
			sb_adds(&sb, c->n_undescribed_layers == 1 ?
				" (its queries, transactions and pools are not audited)." :
				" (their queries, transactions and pools are not audited).");
	}
	add_count(&skipped, c->vendored_folders, "vendored or generated folder", "vendored or generated folders");
	add_count(&skipped, c->browser_files, "browser file", "browser files");
	add_count(&skipped, c->unreadable_folders, "unreadable folder", "unreadable folders");
	add_count(&skipped, c->files_unreadable, "unreadable file", "unreadable files");
	add_count(&skipped, c->files_binary, "binary file", "binary files");
	add_count(&skipped, c->files_large, "file over the size cap", "files over the size cap");
	if (skipped.len > 0) {
		if (sb.len > 0)
			sb_addc(&sb, ' ');
		sb_addf(&sb, "Skipped: %s.", sb_str(&skipped));
	}
	/* parsed up to an error and audited that far: not skipped, not whole */
	if (c->files_parse_errors > 0) {
		if (sb.len > 0)
			sb_addc(&sb, ' ');
		sb_addf(&sb, "Audited in part: %zu %s.", c->files_parse_errors,
			c->files_parse_errors == 1 ? "file with a parse error" : "files with parse errors");
	}
	sb_release(&skipped);
	return sb_detach(&sb);
}

cJSON *run_coverage_to_json(const struct run_coverage *c)
{
	cJSON *o = cJSON_CreateObject(), *arr, *langs;
	size_t i;

	cJSON_AddNumberToObject(o, "files_unreadable", (double)c->files_unreadable);
	cJSON_AddNumberToObject(o, "files_binary", (double)c->files_binary);
	cJSON_AddNumberToObject(o, "files_over_size_cap", (double)c->files_large);
	cJSON_AddNumberToObject(o, "files_parse_errors", (double)c->files_parse_errors);
	cJSON_AddNumberToObject(o, "vendored_folders", (double)c->vendored_folders);
	cJSON_AddNumberToObject(o, "browser_files", (double)c->browser_files);
	arr = cJSON_AddArrayToObject(o, "vendored_folder_paths");
	for (i = 0; i < c->n_vendored; i++)
		cJSON_AddItemToArray(arr, cJSON_CreateString(c->vendored[i]));
	cJSON_AddNumberToObject(o, "unreadable_folders", (double)c->unreadable_folders);
	langs = cJSON_AddObjectToObject(o, "not_audited");
	for (i = 0; i < c->n_not_audited; i++)
		cJSON_AddNumberToObject(langs, c->not_audited[i].language, (double)c->not_audited[i].files);
	arr = cJSON_AddArrayToObject(o, "data_layers_not_described");
	for (i = 0; i < c->n_undescribed_layers; i++)
		cJSON_AddItemToArray(arr, cJSON_CreateString(c->undescribed_layers[i]));
	return o;
}

/* A count field: absent is 0; anything but a whole non-negative number is
 * an error. */
static int take_count(const cJSON *o, const char *key, size_t *out, char *err, size_t errlen)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	*out = 0;
	if (v == NULL)
		return 0;
	if (!cJSON_IsNumber(v) || v->valuedouble < 0 || v->valuedouble > 1e15 ||
	    v->valuedouble != (double)(long long)v->valuedouble) {
		snprintf(err, errlen, "run.coverage: \"%s\" must be a whole number", key);
		return -1;
	}
	*out = (size_t)v->valuedouble;
	return 0;
}

/* A language or data-layer name as ppaudit writes them ("Go",
 * "JavaScript/TypeScript", "mikro-orm", "upper/db"): the text goes into the
 * scope line of terminals and reports unescaped, and an old run.json in the
 * tree is hostile input. */
static int plain_name(const char *s)
{
	size_t n = 0;

	for (; s[n] != '\0'; n++)
		if (!isalnum((unsigned char)s[n]) && strchr(" @/._+#-", s[n]) == NULL)
			return 0;
	return n > 0 && n <= 64;
}

int run_coverage_from_json(const cJSON *o, struct run_coverage *c, char *err, size_t errlen)
{
	const cJSON *arr, *v;

	memset(c, 0, sizeof *c);
	if (o == NULL || cJSON_IsNull(o))
		return 0;
	if (!cJSON_IsObject(o)) {
		snprintf(err, errlen, "run: \"coverage\" must be an object");
		return -1;
	}
	if (take_count(o, "files_unreadable", &c->files_unreadable, err, errlen) ||
	    take_count(o, "files_binary", &c->files_binary, err, errlen) ||
	    take_count(o, "files_over_size_cap", &c->files_large, err, errlen) ||
	    take_count(o, "files_parse_errors", &c->files_parse_errors, err, errlen) ||
	    take_count(o, "vendored_folders", &c->vendored_folders, err, errlen) ||
	    take_count(o, "browser_files", &c->browser_files, err, errlen) ||
	    take_count(o, "unreadable_folders", &c->unreadable_folders, err, errlen))
		goto fail;
	arr = cJSON_GetObjectItemCaseSensitive(o, "vendored_folder_paths");
	if (arr != NULL) {
		if (!cJSON_IsArray(arr))
			goto bad_paths;
		cJSON_ArrayForEach(v, arr) {
			if (!cJSON_IsString(v))
				goto bad_paths;
			if (c->n_vendored >= RUN_COVERAGE_LIST)
				break;
			c->vendored = xrealloc(c->vendored, (c->n_vendored + 1) * sizeof *c->vendored);
			c->vendored[c->n_vendored++] = xstrdup(v->valuestring);
		}
	}
	arr = cJSON_GetObjectItemCaseSensitive(o, "not_audited");
	if (arr != NULL) {
		if (!cJSON_IsObject(arr)) {
			snprintf(err, errlen, "run.coverage: \"not_audited\" must be an object");
			goto fail;
		}
		cJSON_ArrayForEach(v, arr) {
			size_t n;
			if (!plain_name(v->string)) {
				snprintf(err, errlen, "run.coverage: \"not_audited\" names must be plain language names");
				goto fail;
			}
			if (take_count(arr, v->string, &n, err, errlen))
				goto fail;
			if (c->n_not_audited >= RUN_COVERAGE_LIST)
				break;
			c->not_audited = xrealloc(c->not_audited, (c->n_not_audited + 1) * sizeof *c->not_audited);
			c->not_audited[c->n_not_audited].language = xstrdup(v->string);
			c->not_audited[c->n_not_audited++].files = n;
		}
	}
	/* absent in runs written before it was counted */
	arr = cJSON_GetObjectItemCaseSensitive(o, "data_layers_not_described");
	if (arr != NULL) {
		if (!cJSON_IsArray(arr)) {
			snprintf(err, errlen, "run.coverage: \"data_layers_not_described\" must be a list of strings");
			goto fail;
		}
		cJSON_ArrayForEach(v, arr) {
			if (!cJSON_IsString(v) || !plain_name(v->valuestring)) {
				snprintf(err, errlen, "run.coverage: \"data_layers_not_described\" must be a list of plain names");
				goto fail;
			}
			if (c->n_undescribed_layers >= RUN_COVERAGE_LIST)
				break;
			c->undescribed_layers = xrealloc(c->undescribed_layers,
							 (c->n_undescribed_layers + 1) * sizeof *c->undescribed_layers);
			c->undescribed_layers[c->n_undescribed_layers++] = xstrdup(v->valuestring);
		}
	}
	return 0;
bad_paths:
	snprintf(err, errlen, "run.coverage: \"vendored_folder_paths\" must be a list of strings");
fail:
	run_coverage_free(c);
	return -1;
}
