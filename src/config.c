/* Project configuration: defaults and the .ppaudit.json loader (SPEC §9).
 *
 * The loader is strict on purpose: a misspelt key silently ignored is a
 * check silently left on, so unknown keys, wrong types and unknown check
 * ids are errors naming the file and the key. */
#include "config.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "util/fsutil.h"
#include "util/textpos.h"
#include "util/xalloc.h"

/* A .ppaudit.json larger than this is not a config file. */
#define CONFIG_MAX (4u * 1024 * 1024)

/* Fills cfg with the built-in defaults (nothing allocated). */
void config_defaults(struct config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->long_transaction_lines = 50;
	cfg->max_file_size = 1024 * 1024;
	cfg->jobs = 0;
}

/* Records "path: message" in err and returns -1. */
static int cfg_fail(char *err, size_t errlen, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int cfg_fail(char *err, size_t errlen, const char *path, const char *fmt, ...)
{
	char msg[384];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (err && errlen)
		snprintf(err, errlen, "%s: %s", path, msg);
	return -1;
}

/* Appends the strings of array v to *list; -1 when v is not an array of
 * strings. Check ids are validated when check_ids is set. */
static int take_strings(const cJSON *v, char ***list, size_t *n, int check_ids,
			const char *path, char *err, size_t errlen)
{
	const cJSON *e;

	if (!cJSON_IsArray(v))
		return cfg_fail(err, errlen, path, "\"%s\" must be an array of strings", v->string);
	cJSON_ArrayForEach(e, v) {
		if (!cJSON_IsString(e))
			return cfg_fail(err, errlen, path, "\"%s\" must be an array of strings",
					v->string);
	}
	cJSON_ArrayForEach(e, v) {
		if (check_ids && !checks_find(e->valuestring))
			return cfg_fail(err, errlen, path, "\"%s\": unknown check \"%s\"", v->string,
					e->valuestring);
	}
	cJSON_ArrayForEach(e, v) {
		*list = xrealloc(*list, (*n + 1) * sizeof **list);
		(*list)[(*n)++] = xstrdup(e->valuestring);
	}
	return 0;
}

/* "severity": {"check_id": "LEVEL", ...}; a later entry for the same
 * check replaces an earlier one. */
static int take_severities(const cJSON *v, struct config *cfg, const char *path, char *err,
			   size_t errlen)
{
	const cJSON *e;
	size_t i;

	if (!cJSON_IsObject(v))
		return cfg_fail(err, errlen, path,
				"\"severity\" must be an object of check ids to levels");
	cJSON_ArrayForEach(e, v) {
		enum severity sev;

		if (!checks_find(e->string))
			return cfg_fail(err, errlen, path, "\"severity\": unknown check \"%s\"", e->string);
		if (!cJSON_IsString(e) || severity_parse(e->valuestring, &sev) != 0)
			return cfg_fail(err, errlen, path,
					"\"severity\".\"%s\" must be one of \"critical\", \"high\", "
					"\"medium\", \"low\"", e->string);
		for (i = 0; i < cfg->n_overrides; i++)
			if (strcmp(cfg->overrides[i].check, e->string) == 0)
				break;
		if (i == cfg->n_overrides) {
			cfg->overrides = xrealloc(cfg->overrides, (i + 1) * sizeof *cfg->overrides);
			cfg->overrides[i].check = xstrdup(e->string);
			cfg->n_overrides++;
		}
		cfg->overrides[i].severity = sev;
	}
	return 0;
}

/* Reads a positive integer member of the thresholds object. */
static int take_positive(const cJSON *e, double max, double *out, const char *path, char *err,
			 size_t errlen)
{
	if (!cJSON_IsNumber(e) || e->valuedouble < 1 || e->valuedouble > max ||
	    e->valuedouble != (double)(long long)e->valuedouble)
		return cfg_fail(err, errlen, path, "\"thresholds\".\"%s\" must be a positive integer",
				e->string);
	*out = e->valuedouble;
	return 0;
}

/* "thresholds": {"long_transaction_lines": N, "max_file_size": BYTES} */
static int take_thresholds(const cJSON *v, struct config *cfg, const char *path, char *err,
			   size_t errlen)
{
	const cJSON *e;
	double num = 0;

	if (!cJSON_IsObject(v))
		return cfg_fail(err, errlen, path, "\"thresholds\" must be an object");
	cJSON_ArrayForEach(e, v) {
		if (strcmp(e->string, "long_transaction_lines") == 0) {
			if (take_positive(e, 1e6, &num, path, err, errlen))
				return -1;
			cfg->long_transaction_lines = (int)num;
		} else if (strcmp(e->string, "max_file_size") == 0) {
			if (take_positive(e, 1e12, &num, path, err, errlen))
				return -1;
			cfg->max_file_size = (size_t)num;
		} else {
			return cfg_fail(err, errlen, path, "unknown key \"thresholds\".\"%s\"", e->string);
		}
	}
	return 0;
}

/* Applies one top-level key. */
static int take_key(const cJSON *v, struct config *cfg, const char *path, char *err, size_t errlen)
{
	const char *k = v->string;

	if (strcmp(k, "exclude") == 0)
		return take_strings(v, &cfg->excludes, &cfg->n_excludes, 0, path, err, errlen);
	if (strcmp(k, "disable") == 0)
		return take_strings(v, &cfg->disabled_checks, &cfg->n_disabled_checks, 1, path, err,
				    errlen);
	if (strcmp(k, "severity") == 0)
		return take_severities(v, cfg, path, err, errlen);
	if (strcmp(k, "thresholds") == 0)
		return take_thresholds(v, cfg, path, err, errlen);
	if (strcmp(k, "blocking_calls") == 0)
		return take_strings(v, &cfg->extra_blocking_calls, &cfg->n_extra_blocking_calls, 0,
				    path, err, errlen);
	if (strcmp(k, "cpu_bound_calls") == 0)
		return take_strings(v, &cfg->extra_cpu_bound_calls, &cfg->n_extra_cpu_bound_calls, 0,
				    path, err, errlen);
	if (strcmp(k, "adr_dirs") == 0)
		return take_strings(v, &cfg->adr_dirs, &cfg->n_adr_dirs, 0, path, err, errlen);
	if (strcmp(k, "output_dir") == 0) {
		if (!cJSON_IsString(v) || !v->valuestring[0])
			return cfg_fail(err, errlen, path, "\"output_dir\" must be a non-empty string");
		free(cfg->output_dir);
		cfg->output_dir = xstrdup(v->valuestring);
		return 0;
	}
	return cfg_fail(err, errlen, path, "unknown key \"%s\"", k);
}

/* Loads path on top of cfg; see config.h. */
int config_load(struct config *cfg, const char *path, int optional, char *err, size_t errlen)
{
	const char *end = NULL;
	const cJSON *v;
	cJSON *root;
	char *text;
	size_t len;
	int rc = 0;

	if (err && errlen)
		err[0] = '\0';
	text = fs_read_file(path, CONFIG_MAX, &len);
	if (!text) {
		if (optional && errno == ENOENT)
			return 0;
		return cfg_fail(err, errlen, path, "%s", fs_strerror(errno));
	}
	root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
	if (!root) {
		if (end && end >= text && end <= text + len)
			rc = cfg_fail(err, errlen, path, "invalid JSON near line %d",
				      text_line_at(text, (size_t)(end - text)));
		else
			rc = cfg_fail(err, errlen, path, "invalid JSON");
		free(text);
		return rc;
	}
	if (text_trailing_at(text, len, end) < len) {
		rc = cfg_fail(err, errlen, path, "unexpected text after the JSON value near line %d",
			      text_line_at(text, text_trailing_at(text, len, end)));
		free(text);
		cJSON_Delete(root);
		return rc;
	}
	free(text);
	if (!cJSON_IsObject(root)) {
		cJSON_Delete(root);
		return cfg_fail(err, errlen, path, "must hold a JSON object");
	}
	cJSON_ArrayForEach(v, root) {
		if ((rc = take_key(v, cfg, path, err, errlen)) != 0)
			break;
	}
	cJSON_Delete(root);
	return rc;
}

/* True when the config disables check_id. */
int config_check_disabled(const struct config *cfg, const char *check_id)
{
	size_t i;

	if (!cfg || !check_id)
		return 0;
	for (i = 0; i < cfg->n_disabled_checks; i++)
		if (strcmp(cfg->disabled_checks[i], check_id) == 0)
			return 1;
	return 0;
}

/* Frees a string list. */
static void free_list(char **list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

/* Frees everything cfg owns and resets it to defaults. */
void config_free(struct config *cfg)
{
	size_t i;

	free_list(cfg->excludes, cfg->n_excludes);
	free_list(cfg->disabled_checks, cfg->n_disabled_checks);
	for (i = 0; i < cfg->n_overrides; i++)
		free(cfg->overrides[i].check);
	free(cfg->overrides);
	free_list(cfg->extra_blocking_calls, cfg->n_extra_blocking_calls);
	free_list(cfg->extra_cpu_bound_calls, cfg->n_extra_cpu_bound_calls);
	free_list(cfg->adr_dirs, cfg->n_adr_dirs);
	free(cfg->output_dir);
	config_defaults(cfg);
}
