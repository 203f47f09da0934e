/* SARIF 2.1.0 export (SPEC §6): one run, every check of every auditor as
 * a rule, one result per finding.
 *
 * Code-scanning hosts match results across uploads by partialFingerprints,
 * so each result carries ppaudit's own fingerprint (which survives edits
 * elsewhere in the file) and a primaryLocationLineHash built the way those
 * hosts expect (hash of the trimmed line + ":" + occurrence). Triage
 * decisions travel as suppressions with their justification, so a host
 * shows them as dismissed instead of re-raising them. Output depends only
 * on the run and the options: the same run exports to the same bytes. */
#include "autoconfig.h"
#include "report/export.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "embedded.h"
#include "util/fsutil.h"
#include "util/sanitize.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#define SARIF_SCHEMA_URI \
	"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

/* The highest severity each check can report (SPEC §3 tables): a rule's
 * default level is "error" when that is CRITICAL or HIGH. Checks not
 * listed (added later) default to "warning" until they are. */
static const struct {
	const char *id;
	enum severity top;
} check_top_severity[] = {
	{ "redundant_fetch", SEV_HIGH },
	{ "n_update_delete_loop", SEV_HIGH },
	{ "n_plus_one", SEV_HIGH },
	{ "unnecessary_resolve", SEV_MEDIUM },
	{ "over_fetching", SEV_MEDIUM },
	{ "missing_bulk_ops", SEV_MEDIUM },
	{ "wrong_caching_scope", SEV_HIGH },
	{ "missing_intermediate_commits", SEV_CRITICAL },
	{ "transaction_wide", SEV_HIGH },
	{ "transaction_narrow", SEV_HIGH },
	{ "missing_rollback", SEV_MEDIUM },
	{ "long_held_transaction", SEV_HIGH },
	{ "blocking_io", SEV_HIGH },
	{ "sync_sleep", SEV_HIGH },
	{ "cpu_bound", SEV_MEDIUM },
	{ "unnecessary_allocation", SEV_MEDIUM },
	{ "string_concat_loop", SEV_MEDIUM },
	{ "redundant_copy", SEV_MEDIUM },
	{ "resource_scope_mismatch", SEV_CRITICAL },
	{ "streaming_resource_holding", SEV_CRITICAL },
	{ "missing_cleanup", SEV_HIGH },
	{ "pool_configuration", SEV_HIGH },
	{ "error_path_leak", SEV_CRITICAL },
	{ "factory_vs_injection", SEV_CRITICAL },
};

/* SARIF level of a severity. */
static const char *sev_level(enum severity s)
{
	switch (s) {
	case SEV_CRITICAL:
	case SEV_HIGH:
		return "error";
	case SEV_MEDIUM:
		return "warning";
	default:
		return "note";
	}
}

/* Default level of a check's rule. */
static const char *rule_level(const char *id)
{
	size_t i;

	for (i = 0; i < sizeof check_top_severity / sizeof check_top_severity[0]; i++)
		if (strcmp(check_top_severity[i].id, id) == 0)
			return sev_level(check_top_severity[i].top);
	return "warning";
}

/* Text from a finding or a user, made safe (valid UTF-8, no control
 * characters) before it goes into the log. */
static cJSON *clean_string(const char *s)
{
	char *c = sanitize_dup(s ? s : "", s ? strlen(s) : 0);
	cJSON *j = cJSON_CreateString(c);

	free(c);
	return j;
}

/* Like clean_string, but keeps line breaks: for the doc pages in help. */
static cJSON *clean_multiline(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	const char *eol;
	cJSON *j;

	while (s && *s) {
		eol = strchr(s, '\n');
		sanitize_append(&sb, s, eol ? (size_t)(eol - s) : strlen(s));
		if (!eol)
			break;
		sb_addc(&sb, '\n');
		s = eol + 1;
	}
	j = cJSON_CreateString(sb_str(&sb));
	sb_release(&sb);
	return j;
}

/* {"text": s} */
static cJSON *message(const char *s)
{
	cJSON *m = cJSON_CreateObject();

	cJSON_AddItemToObject(m, "text", clean_string(s));
	return m;
}

/* {"text": s}, the line breaks s has kept (each line sanitized). */
static cJSON *message_lines(const char *s)
{
	cJSON *m = cJSON_CreateObject();

	cJSON_AddItemToObject(m, "text", clean_multiline(s));
	return m;
}

/* "n_update_delete_loop" -> "NUpdateDeleteLoop" */
static char *camel_case(const char *id)
{
	char *out = xmalloc(strlen(id) + 1), *o = out;
	int up = 1;

	for (; *id; id++) {
		if (*id == '_' || *id == '-') {
			up = 1;
			continue;
		}
		*o++ = up && *id >= 'a' && *id <= 'z' ? (char)(*id - 'a' + 'A') : *id;
		up = 0;
	}
	*o = '\0';
	return out;
}

/* 1 when a paragraph is the page's "Category: ... Severity: ..." line,
 * which says where the check sits rather than what it finds. */
static int is_meta_paragraph(const struct strbuf *sb)
{
	return sb->len >= 9 && strncmp(sb->buf, "Category:", 9) == 0;
}

/* Appends, folded to one line, the list that starts at p (after blank
 * lines): its items without their bullets ("- ", "* ", "1. "), up to the
 * first blank line, heading or code fence after it. A paragraph that ends
 * with a colon introduces such a list ("A transaction that stays open:"),
 * and cut there it says nothing. */
static void append_list(struct strbuf *sb, const char *p)
{
	const char *eol;
	int items = 0;

	while (*p) {
		size_t len, skip = 0;

		eol = strchr(p, '\n');
		len = eol ? (size_t)(eol - p) : strlen(p);
		while (len > 0 && (p[len - 1] == '\r' || p[len - 1] == ' '))
			len--;
		while (skip < len && p[skip] == ' ')
			skip++;
		if (skip == len) {
			if (items)
				break;      /* the blank line after the list */
		} else if (p[0] == '#' || strncmp(p + skip, "```", 3) == 0) {
			break;
		} else {
			const char *t = p + skip;
			size_t tl = len - skip;

			if (tl >= 2 && (t[0] == '-' || t[0] == '*') && t[1] == ' ') {
				t += 2;
				tl -= 2;
			} else if (tl >= 3 && t[0] >= '0' && t[0] <= '9' &&
				   (t[1] == '.' || (t[1] >= '0' && t[1] <= '9' && tl >= 4 && t[2] == '.'))) {
				size_t k = t[1] == '.' ? 2 : 3;

				t += k;
				tl -= k;
			} else if (items == 0) {
				break;      /* prose, not a list */
			}
			while (tl > 0 && *t == ' ')
				t++, tl--;
			sb_addc(sb, ' ');
			sb_add(sb, t, tl);
			items++;
		}
		if (!eol)
			break;
		p = eol + 1;
	}
}

/* The first prose paragraph of a doc page (headings, code fences and the
 * Category/Severity line skipped), folded to one line, with the list it
 * introduces when it ends with a colon; NULL if none. */
static char *first_paragraph(const char *doc)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p = doc, *eol;
	int in_fence = 0;

	while (*p) {
		size_t len;

		eol = strchr(p, '\n');
		len = eol ? (size_t)(eol - p) : strlen(p);
		while (len > 0 && (p[len - 1] == '\r' || p[len - 1] == ' '))
			len--;
		if (len >= 3 && strncmp(p, "```", 3) == 0) {
			in_fence = !in_fence;
			if (sb.len)
				break;
		} else if (!in_fence && len == 0) {
			if (sb.len && !is_meta_paragraph(&sb)) {
				if (sb.buf[sb.len - 1] == ':' && eol)
					append_list(&sb, eol + 1);
				break;
			}
			sb_reset(&sb);
		} else if (!in_fence && p[0] != '#') {
			if (sb.len)
				sb_addc(&sb, ' ');
			sb_add(&sb, p, len);
		}
		if (!eol)
			break;
		p = eol + 1;
	}
	if (sb.len == 0 || is_meta_paragraph(&sb)) {
		sb_release(&sb);
		return NULL;
	}
	return sb_detach(&sb);
}

/* One reportingDescriptor for a check. */
static cJSON *rule_object(const struct check_def *chk)
{
	cJSON *o = cJSON_CreateObject(), *cfg, *props, *tags, *help;
	char *name = camel_case(chk->id), *docname = xasprintf("docs/%s.md", chk->id);
	const struct embedded_file *doc = embedded_find(docname);
	char *para = doc ? first_paragraph(doc->data) : NULL;

	cJSON_AddStringToObject(o, "id", chk->id);
	cJSON_AddStringToObject(o, "name", name);
	cJSON_AddItemToObject(o, "shortDescription", message(chk->title));
	if (para == NULL)
		para = xasprintf("%s (%s).", chk->title, chk->principle ? chk->principle
					    : category_name(chk->category));
	cJSON_AddItemToObject(o, "fullDescription", message(para));
	help = cJSON_CreateObject();
	cJSON_AddItemToObject(help, "text", clean_multiline(doc ? doc->data : para));
	cJSON_AddItemToObject(help, "markdown", clean_multiline(doc ? doc->data : para));
	cJSON_AddItemToObject(o, "help", help);
	cfg = cJSON_AddObjectToObject(o, "defaultConfiguration");
	cJSON_AddStringToObject(cfg, "level", rule_level(chk->id));
	props = cJSON_AddObjectToObject(o, "properties");
	tags = cJSON_AddArrayToObject(props, "tags");
	cJSON_AddItemToArray(tags, cJSON_CreateString(category_id(chk->category)));
	if (chk->principle)
		cJSON_AddStringToObject(props, "principle", chk->principle);
	free(para);
	free(docname);
	free(name);
	return o;
}

/* Index of a check in the rules array (auditor order, then check order),
 * or -1 for a check that is not in the table. */
static int rule_index(const struct check_def *chk)
{
	size_t i;

	/* the rules array is check_defs in order */
	for (i = 0; i < CHECK_COUNT; i++)
		if (&check_defs[i] == chk || (chk && strcmp(check_defs[i].id, chk->id) == 0))
			return (int)i;
	return -1;
}

/* ---- line hashes ---- */

/* FNV-1a 64 over n bytes. */
static uint64_t fnv1a(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

void export_line_hash(const struct finding *f, char out[17])
{
	const char *s = "";
	size_t n;

	if (f->n_evidence > 0) {
		s = f->evidence[0];
		s += strspn(s, "0123456789");
		if (*s == ':')
			s++;
	} else if (f->anchor) {
		s = f->anchor;
	}
	s += strspn(s, " \t");
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	snprintf(out, 17, "%016llx", (unsigned long long)fnv1a(s, n));
}

struct line_key {
	size_t idx;
	const struct finding *f;
	char hash[17];
};

/* File, then line hash, then line, then run order: the findings of a
 * file with the same line text sit together, in the order in which a host
 * numbers their occurrences. */
static int line_key_cmp(const void *pa, const void *pb)
{
	const struct line_key *a = pa, *b = pb;
	int c = strcmp(a->f->file ? a->f->file : "", b->f->file ? b->f->file : "");

	if (c != 0)
		return c;
	if ((c = strcmp(a->hash, b->hash)) != 0)
		return c;
	if (a->f->line != b->f->line)
		return a->f->line < b->f->line ? -1 : 1;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/* "hash:occurrence" for every finding: the occurrence counts the
 * findings before it (by line, then run order) in the same file whose line
 * hashes to the same value. One sort, then one pass: n log n however many
 * findings share a file. Returns an array of n heap strings. */
static char **line_hashes(const struct run *r)
{
	struct line_key *k = xcalloc(r->n_findings + 1, sizeof *k);
	char **out = xcalloc(r->n_findings + 1, sizeof *out);
	unsigned occ = 0;
	size_t i;

	for (i = 0; i < r->n_findings; i++) {
		k[i].idx = i;
		k[i].f = &r->findings[i];
		export_line_hash(k[i].f, k[i].hash);
	}
	xqsort(k, r->n_findings, sizeof *k, line_key_cmp);
	for (i = 0; i < r->n_findings; i++) {
		if (i > 0 && strcmp(k[i].hash, k[i - 1].hash) == 0 &&
		    strcmp(k[i].f->file ? k[i].f->file : "", k[i - 1].f->file ? k[i - 1].f->file : "") == 0)
			occ++;
		else
			occ = 1;
		out[k[i].idx] = xasprintf("%s:%u", k[i].hash, occ);
	}
	free(k);
	return out;
}

/* ---- results ---- */

/* Appends s percent-encoded as a URI path: unreserved characters and '/'
 * pass, everything else (spaces, '#', '%', non-ASCII) becomes %XX. */
static void uri_path_append(struct strbuf *sb, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_' || c == '~' || c == '/' || c == '+' || c == '@' ||
		    c == '=' || c == ',' || c == ':') {
			sb_addc(sb, (char)c);
		} else {
			sb_addc(sb, '%');
			sb_addc(sb, hex[c >> 4]);
			sb_addc(sb, hex[c & 15]);
		}
	}
}

/* Justification of a triaged finding: the rule and the reason. */
static char *justification(const struct finding *f)
{
	const char *reason = f->adv.reason && *f->adv.reason ? f->adv.reason : NULL;

	switch (f->adv.rule) {
	case ADV_ADR:
		return xasprintf("[Planned: %s]%s%s", f->adv.adr ? f->adv.adr : "ADR",
				 reason ? " " : "", reason ? reason : "");
	case ADV_EXECUTION_CONTEXT:
		return xasprintf("execution context (%d points)%s%s", f->adv.points,
				 reason ? ": " : "", reason ? reason : "");
	case ADV_INLINE:
		return xasprintf("inline ignore%s%s", reason ? ": " : "", reason ? reason : "");
	default:
		return xstrdup(reason ? reason : status_name(f->status));
	}
}

/* The suppressions array of a triaged finding. */
static cJSON *suppressions(const struct finding *f)
{
	cJSON *arr = cJSON_CreateArray(), *s = cJSON_CreateObject(), *props;
	char *just = justification(f);

	/* an inline `# ppaudit: ignore[...]` lives in the source itself */
	cJSON_AddStringToObject(s, "kind", f->adv.rule == ADV_INLINE ? "inSource" : "external");
	cJSON_AddStringToObject(s, "status", "accepted");
	cJSON_AddItemToObject(s, "justification", clean_string(just));
	props = cJSON_AddObjectToObject(s, "properties");
	cJSON_AddStringToObject(props, "status", status_name(f->status));
	cJSON_AddStringToObject(props, "rule", advisory_rule_name(f->adv.rule));
	if (f->adv.adr)
		cJSON_AddItemToObject(props, "adr", clean_string(f->adv.adr));
	if (f->adv.author)
		cJSON_AddItemToObject(props, "author", clean_string(f->adv.author));
	if (f->adv.time)
		cJSON_AddItemToObject(props, "time", clean_string(f->adv.time));
	cJSON_AddItemToArray(arr, s);
	free(just);
	return arr;
}

/* The location of a finding, relative to %SRCROOT%. */
static cJSON *locations(const struct finding *f)
{
	cJSON *arr = cJSON_CreateArray(), *loc = cJSON_CreateObject(), *phys, *art, *reg;
	struct strbuf uri = STRBUF_INIT;
	int start = f->line > 0 ? f->line : 1;
	int end = f->end_line >= start ? f->end_line : start;

	phys = cJSON_AddObjectToObject(loc, "physicalLocation");
	art = cJSON_AddObjectToObject(phys, "artifactLocation");
	uri_path_append(&uri, f->file ? f->file : "");
	cJSON_AddStringToObject(art, "uri", sb_str(&uri));
	cJSON_AddStringToObject(art, "uriBaseId", "%SRCROOT%");
	reg = cJSON_AddObjectToObject(phys, "region");
	cJSON_AddNumberToObject(reg, "startLine", start);
	cJSON_AddNumberToObject(reg, "endLine", end);
	if (f->function && *f->function) {
		cJSON *ll = cJSON_AddArrayToObject(loc, "logicalLocations"), *l = cJSON_CreateObject();

		cJSON_AddItemToObject(l, "fullyQualifiedName", clean_string(f->function));
		cJSON_AddStringToObject(l, "kind", "function");
		cJSON_AddItemToArray(ll, l);
	}
	cJSON_AddItemToArray(arr, loc);
	sb_release(&uri);
	return arr;
}

/* One result object. baseline is NULL when no baseline was given. */
static cJSON *result_object(const struct finding *f, const char *line_hash,
			    const struct fp_index *baseline)
{
	cJSON *o = cJSON_CreateObject(), *fp, *props;
	struct strbuf msg = STRBUF_INIT;
	char effort[2] = { f->effort ? f->effort : 'M', '\0' };
	int ri = rule_index(f->check);

	cJSON_AddStringToObject(o, "ruleId", f->check ? f->check->id : "unknown");
	if (ri >= 0)
		cJSON_AddNumberToObject(o, "ruleIndex", ri);
	cJSON_AddStringToObject(o, "level", sev_level(f->severity));
	/* the issue, then the fix as its own paragraph: glued together they
	 * read as one run-on sentence */
	sb_adds(&msg, f->issue ? f->issue : "");
	if (f->recommendation && *f->recommendation) {
		if (msg.len)
			sb_adds(&msg, "\n\n");
		sb_adds(&msg, "Recommendation: ");
		sb_adds(&msg, f->recommendation);
	}
	cJSON_AddItemToObject(o, "message", message_lines(sb_str(&msg)));
	sb_release(&msg);
	cJSON_AddItemToObject(o, "locations", locations(f));
	fp = cJSON_AddObjectToObject(o, "partialFingerprints");
	cJSON_AddStringToObject(fp, "ppauditFingerprint/v1", f->fingerprint);
	cJSON_AddStringToObject(fp, "primaryLocationLineHash", line_hash);
	if (baseline != NULL)
		cJSON_AddStringToObject(o, "baselineState",
					fp_index_has(baseline, f->fingerprint) ? "unchanged" : "new");
	if (f->status != ST_OPEN)
		cJSON_AddItemToObject(o, "suppressions", suppressions(f));
	props = cJSON_AddObjectToObject(o, "properties");
	cJSON_AddStringToObject(props, "id", f->id);
	cJSON_AddStringToObject(props, "severity", severity_name(f->severity));
	if (f->original_severity != f->severity)
		cJSON_AddStringToObject(props, "originalSeverity", severity_name(f->original_severity));
	cJSON_AddStringToObject(props, "effort", effort);
	cJSON_AddStringToObject(props, "category", category_id(f->category));
	if (f->function)
		cJSON_AddItemToObject(props, "function", clean_string(f->function));
	else
		cJSON_AddNullToObject(props, "function");
	cJSON_AddStringToObject(props, "status", status_name(f->status));
	if (f->check && f->check->principle)
		cJSON_AddStringToObject(props, "principle", f->check->principle);
	return o;
}


/* The run-level property bag: date, scores, git. */
static cJSON *run_properties(const struct run *r)
{
	cJSON *p = cJSON_CreateObject(), *sc;
	struct scores s;
	char buf[16];
	int c;

	scores_compute(r->findings, r->n_findings, &s);
	cJSON_AddStringToObject(p, "date", r->date);
	snprintf(buf, sizeof buf, "%.1f", s.overall);
	cJSON_AddItemToObject(p, "overallScore", cJSON_CreateRaw(buf));
	sc = cJSON_AddObjectToObject(p, "scores");
	for (c = 0; c < CAT_COUNT; c++) {
		snprintf(buf, sizeof buf, "%.1f", s.category[c]);
		cJSON_AddItemToObject(sc, category_id((enum category)c), cJSON_CreateRaw(buf));
	}
	if (r->git.head)
		cJSON_AddStringToObject(p, "gitHead", r->git.head);
	if (r->git.branch)
		cJSON_AddStringToObject(p, "gitBranch", r->git.branch);
	return p;
}

char *export_sarif(const struct run *r, const struct sarif_opts *o)
{
	cJSON *root = cJSON_CreateObject(), *runs, *run, *tool, *driver, *rules, *results;
	struct fp_index base = { NULL, 0 };
	char **hashes = line_hashes(r), *text, *out;
	size_t i;

	cJSON_AddStringToObject(root, "$schema", SARIF_SCHEMA_URI);
	cJSON_AddStringToObject(root, "version", "2.1.0");
	runs = cJSON_AddArrayToObject(root, "runs");
	run = cJSON_CreateObject();
	cJSON_AddItemToArray(runs, run);

	tool = cJSON_AddObjectToObject(run, "tool");
	driver = cJSON_AddObjectToObject(tool, "driver");
	cJSON_AddStringToObject(driver, "name", "ppaudit");
	cJSON_AddStringToObject(driver, "version", r->tool_version ? r->tool_version : PACKAGE_VERSION);
	if (o && o->information_uri)
		cJSON_AddStringToObject(driver, "informationUri", o->information_uri);
	rules = cJSON_AddArrayToObject(driver, "rules");
	for (i = 0; i < CHECK_COUNT; i++)
		cJSON_AddItemToArray(rules, rule_object(&check_defs[i]));

	/* %SRCROOT% is described, not resolved: the absolute path of the
	 * machine that ran ppaudit means nothing to the host that reads the
	 * log, and says more about that machine than it should. Hosts resolve
	 * the relative locations against their checkout. */
	{
		cJSON *bases = cJSON_AddObjectToObject(run, "originalUriBaseIds");
		cJSON *src = cJSON_AddObjectToObject(bases, "%SRCROOT%");

		cJSON_AddItemToObject(src, "description",
				      message("The root of the audited project: locations are relative "
					      "to it"));
	}

	if (o && o->baseline)
		fp_index_build(&base, o->baseline);
	results = cJSON_AddArrayToObject(run, "results");
	for (i = 0; i < r->n_findings; i++) {
		const struct finding *f = &r->findings[i];

		if (o && o->drop_suppressed && f->status != ST_OPEN)
			continue;
		cJSON_AddItemToArray(results, result_object(f, hashes[i],
							    o && o->baseline ? &base : NULL));
	}
	cJSON_AddItemToObject(run, "properties", run_properties(r));

	for (i = 0; i < r->n_findings; i++)
		free(hashes[i]);
	free(hashes);
	fp_index_free(&base);
	text = cJSON_Print(root);
	cJSON_Delete(root);
	if (!text)
		fatal("out of memory serializing SARIF");
	out = sanitize_json_text(text);
	cJSON_free(text);
	return out;
}

int export_sarif_write(const struct run *r, const char *path, const struct sarif_opts *o,
		       char *err, size_t errlen)
{
	char *text = export_sarif(r, o);
	int rc = fs_write_atomic(path, text, strlen(text));

	if (rc != 0 && err && errlen)
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
	free(text);
	return rc;
}

int export_is_ours(const char *path)
{
	static const char *const signatures[] = {
		"\"name\": \"ppaudit\"", "\"name\":\t\"ppaudit\"", "\"name\":\"ppaudit\"",
		"<meta name=\"generator\" content=\"ppaudit",
		"## Persistence & Performance Audit Report",
		TSV_HEADER "\n",
	};
	char buf[4097];
	size_t n, i;
	/* through the file-system layer: a target under the output folder
	 * that is a planted link (or a FIFO) is not followed, and not ours */
	long got = fs_read_head(path, buf, sizeof buf - 1);

	if (got < 0)
		return errno == ENOENT ? -1 : 0;
	n = (size_t)got;
	buf[n] = '\0';
	/* a NUL inside the head makes it binary, and not ours */
	if (strlen(buf) != n)
		return 0;
	for (i = 0; i < sizeof signatures / sizeof signatures[0]; i++)
		if (strstr(buf, signatures[i]) != NULL)
			return 1;
	return 0;
}
