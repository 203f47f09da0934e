/* Context validation (SPEC §4): ADR / planned overrides, the execution
 * context rule, and inline ignore comments.
 *
 * Every decision must be explainable in the report, so each rule writes
 * what it saw into the finding's advisory reason: the ADR and the path or
 * check it names, or the execution-context points with their evidence.
 * Matching depends only on the findings, the ADR list order and the
 * source, so it is deterministic. */
#include "validate.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "model.h"
#include "validate-private.h"
#include "util/fsutil.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* "Small data": files under this many bytes. */
#define SMALL_FILE_BYTES (100 * 1024)
/* How far from the finding a timeout still counts as "nearby". */
#define NEAR_LINES 30

/* ---- helpers ---- */

/* The source file of path in proj (files are sorted by path), or NULL. */
static const struct source_file *project_file(const struct project *proj, const char *path)
{
	size_t lo = 0, hi;

	if (!proj || !path)
		return NULL;
	hi = proj->n_files;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(proj->files[mid].path, path);

		if (c == 0)
			return &proj->files[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Sets a heap string field, freeing the old value. */
void validate_set_str(char **dst, char *val)
{
	free(*dst);
	*dst = val;
}

/* ---- rule 6: execution context ---- */

/* Checks rule 6 applies to. */
static int rule6_applies(const char *id)
{
	static const char *const ids[] = {
		"blocking_io", "redundant_fetch", "transaction_wide", "cpu_bound",
		"resource_scope_mismatch", "streaming_resource_holding",
	};
	size_t i;

	for (i = 0; id && i < sizeof ids / sizeof ids[0]; i++)
		if (strcmp(ids[i], id) == 0)
			return 1;
	return 0;
}

/* SPEC §4 exemptions: never downgraded. */
static int exempt(const struct finding *f)
{
	const char *id = f->check ? f->check->id : "";

	return strcmp(id, "n_plus_one") == 0 || strcmp(id, "n_update_delete_loop") == 0 ||
	       (strcmp(id, "missing_rollback") == 0 && f->original_severity == SEV_CRITICAL);
}

/* True when the last qualname segment is an init-style function: one of
 * the keywords as a prefix or as a whole '_'-separated word. Dunder
 * methods (__init__) are constructors, not start-up code. */
static int init_function(const char *qualname)
{
	static const char *const kw[] = { "init", "setup", "bootstrap", "migrate", "startup", "lifespan" };
	const char *name;
	char low[128];
	size_t i, k, n;

	if (!qualname)
		return 0;
	name = strrchr(qualname, '.');
	name = name ? name + 1 : qualname;
	if (name[0] == '_' && name[1] == '_')
		return 0;
	while (*name == '_')
		name++;
	for (n = 0; name[n] && n < sizeof low - 1; n++)
		low[n] = (char)tolower((unsigned char)name[n]);
	low[n] = '\0';
	for (k = 0; k < sizeof kw / sizeof kw[0]; k++) {
		size_t kl = strlen(kw[k]);

		if (strncmp(low, kw[k], kl) == 0)
			return 1;
		for (i = 0; i + kl <= n; i++)
			if ((i == 0 || low[i - 1] == '_') && strncmp(low + i, kw[k], kl) == 0 &&
			    (low[i + kl] == '\0' || low[i + kl] == '_'))
				return 1;
	}
	return 0;
}

/* The tasks/, jobs/ or cron/ directory the file is under, or NULL. */
static const char *background_dir(const char *file)
{
	static const char *const dirs[] = { "tasks", "jobs", "cron" };
	const char *seg = file;

	while (seg && *seg) {
		const char *slash = strchr(seg, '/');
		size_t k, len;

		if (!slash)
			break; /* the file name itself does not count */
		len = (size_t)(slash - seg);
		for (k = 0; k < sizeof dirs / sizeof dirs[0]; k++)
			if (strlen(dirs[k]) == len && strncmp(seg, dirs[k], len) == 0)
				return dirs[k];
		seg = slash + 1;
	}
	return NULL;
}

static const char *const timeout_marks[] = {
	"timeout=", "asyncio.wait_for", "asyncio.timeout(", "anyio.fail_after",
	"anyio.move_on_after", "context.WithTimeout",
};

/* The first timeout marker in text[0..len), or NULL. */
static const char *timeout_in(const char *text, size_t len)
{
	size_t k;

	for (k = 0; k < sizeof timeout_marks / sizeof timeout_marks[0]; k++) {
		size_t ml = strlen(timeout_marks[k]), i;

		for (i = 0; i + ml <= len; i++)
			if (memcmp(text + i, timeout_marks[k], ml) == 0)
				return timeout_marks[k];
	}
	return NULL;
}

/* What rule 6 asks of one file, gathered once: its FUNC nodes and its
 * small-literal loops in node order, and each line's timeout marker.
 * Asked per finding, the whole-model scans and the line scans were
 * quadratic: thousands of findings on one megabyte line of a minified
 * file took minutes. */
struct file_facts {
	int ready;
	const struct node **funcs, **loops;
	uint32_t n_funcs, n_loops;
	signed char *mark;   /* per line: 0 not scanned, -1 none, else 1 + marker */
};

static void facts_fill(struct file_facts *ff, const struct model *m)
{
	uint32_t i;

	ff->ready = 1;
	ff->mark = xcalloc((size_t)m->n_lines + 1, 1);
	for (i = 1; i < m->n_nodes; i++) {
		const struct node *nd = &m->nodes[i];

		if (nd->kind == NODE_FUNC) {
			ff->funcs = xrealloc(ff->funcs, (ff->n_funcs + 1) * sizeof *ff->funcs);
			ff->funcs[ff->n_funcs++] = nd;
		} else if (nd->kind == NODE_LOOP && (nd->flags & NF_SMALL_LITERAL)) {
			ff->loops = xrealloc(ff->loops, (ff->n_loops + 1) * sizeof *ff->loops);
			ff->loops[ff->n_loops++] = nd;
		}
	}
}

static void facts_free(struct file_facts *ff)
{
	free(ff->funcs);
	free(ff->loops);
	free(ff->mark);
}

/* The timeout marker on line ln of m (1-based, in range), or NULL. */
static const char *line_timeout(struct file_facts *ff, const struct model *m, uint32_t ln)
{
	if (ff->mark[ln] == 0) {
		size_t len;
		const char *text = model_line(m, ln, &len), *mark = text ? timeout_in(text, len) : NULL;
		size_t k = 0;

		while (mark && timeout_marks[k] != mark)
			k++;
		ff->mark[ln] = mark ? (signed char)(k + 1) : -1;
	}
	return ff->mark[ln] > 0 ? timeout_marks[ff->mark[ln] - 1] : NULL;
}

/* The innermost FUNC node spanning line, or NULL. */
static const struct node *func_at(const struct file_facts *ff, uint32_t line)
{
	const struct node *best = NULL;
	uint32_t i;

	for (i = 0; i < ff->n_funcs; i++) {
		const struct node *nd = ff->funcs[i];

		if (nd->line <= line && nd->end_line >= line && (!best || nd->line >= best->line))
			best = nd;
	}
	return best;
}

/* The innermost small-literal loop spanning line inside fn (or the
 * module when fn is NULL), or NULL. */
static const struct node *small_loop_at(const struct file_facts *ff, const struct model *m,
					const struct node *fn, uint32_t line)
{
	const struct node *best = NULL;
	uint32_t i;

	for (i = 0; i < ff->n_loops; i++) {
		const struct node *nd = ff->loops[i];

		if (nd->line > line || nd->end_line < line)
			continue;
		if (fn && !model_is_within(m, nd, fn))
			continue;
		if (!best || nd->line >= best->line)
			best = nd;
	}
	return best;
}

/* A quoted relative path in an evidence line naming a small existing file
 * under root; fills desc. Absolute paths and '..' are never followed. */
static int small_file_in(const char *root, const char *ev, struct strbuf *desc)
{
	const char *p = ev;

	while ((p = strpbrk(p, "\"'")) != NULL) {
		char q = *p, rel[512];
		const char *end = strchr(p + 1, q);
		long long size;
		size_t len;
		char *full;

		if (!end)
			break;
		len = (size_t)(end - p - 1);
		p = end + 1;
		if (len == 0 || len >= sizeof rel)
			continue;
		memcpy(rel, end - len, len);
		rel[len] = '\0';
		if (rel[0] == '/' || strstr(rel, "..") || !strchr(rel, '.') || strpbrk(rel, " \t*?{}$%"))
			continue;
		full = xasprintf("%s/%s", root, rel);
		if ((size = fs_file_size(full)) >= 0 && size < SMALL_FILE_BYTES) {
			sb_addf(desc, "small file %s (%lld bytes)", rel, size);
			free(full);
			return 1;
		}
		free(full);
	}
	return 0;
}

/* Adds one point and its evidence (heap, taken) to the reason. */
static void add_point(struct strbuf *why, int *points, char *text)
{
	if (why->len)
		sb_adds(why, "; ");
	sb_adds(why, text);
	free(text);
	(*points)++;
}

/* Rule 6: scores the finding's execution context; see SPEC §4. facts:
 * one per file of proj, filled on first use. */
static void apply_context_rule(struct finding *f, const struct context *ctx,
			       const struct project *proj, struct file_facts *facts)
{
	const struct source_file *sf = project_file(proj, f->file);
	const struct model *m = sf ? sf->model : NULL;
	struct file_facts *ff = m ? &facts[sf - proj->files] : NULL;
	const struct node *fn;
	const char *root = proj && proj->root ? proj->root : ctx ? ctx->codebase_root : NULL;
	struct strbuf why = STRBUF_INIT;
	const char *dir, *mark = NULL;
	int points = 0;
	long mark_line = 0;
	size_t i;

	if (ff && !ff->ready)
		facts_fill(ff, m);
	fn = ff ? func_at(ff, (uint32_t)f->line) : NULL;
	if (init_function(f->function))
		add_point(&why, &points, xasprintf("init function %s", f->function));
	if ((dir = background_dir(f->file)) != NULL)
		add_point(&why, &points, xasprintf("%s/ path", dir));

	if (m) {
		long from = f->line - NEAR_LINES, to = f->end_line + NEAR_LINES, ln;

		if (fn) {
			from = from < (long)fn->line ? (long)fn->line : from;
			to = to > (long)fn->end_line ? (long)fn->end_line : to;
		}
		for (ln = from < 1 ? 1 : from; ln <= to && ln <= (long)m->n_lines && !mark; ln++)
			if ((mark = line_timeout(ff, m, (uint32_t)ln)) != NULL)
				mark_line = ln;
	} else {
		for (i = 0; i < f->n_evidence && !mark; i++) {
			mark = timeout_in(f->evidence[i], strlen(f->evidence[i]));
			mark_line = mark ? atol(f->evidence[i]) : 0;
		}
	}
	if (mark)
		add_point(&why, &points, xasprintf("timeout nearby (%s at line %ld)", mark, mark_line));

	{
		struct strbuf small = STRBUF_INIT;
		const struct node *loop = m ? small_loop_at(ff, m, fn, (uint32_t)f->line) : NULL;

		if (loop)
			add_point(&why, &points,
				  xasprintf("small literal iterable (line %ld)", (long)loop->line));
		else if (root) {
			for (i = 0; i < f->n_evidence; i++)
				if (small_file_in(root, f->evidence[i], &small)) {
					add_point(&why, &points, xstrdup(sb_str(&small)));
					break;
				}
		}
		sb_release(&small);
	}

	if (points == 0) {
		sb_release(&why);
		return;
	}
	f->adv.rule = ADV_EXECUTION_CONTEXT;
	f->adv.points = points;
	validate_set_str(&f->adv.reason, sb_detach(&why));
	if (points >= 3) {
		f->status = ST_ADVISORY;
	} else if (f->severity > SEV_LOW) {
		f->severity = (enum severity)(f->severity - 1);
	}
}

/* Applies rules 1 and 6; see validate.h. */
void validate_findings(struct finding *items, size_t n, const struct context *ctx,
		       const struct project *proj)
{
	struct file_facts *facts = proj && proj->n_files ? xcalloc(proj->n_files, sizeof *facts) : NULL;
	size_t i;

	for (i = 0; i < n; i++) {
		struct finding *f = &items[i];

		if (f->status != ST_OPEN || (f->severity != SEV_HIGH && f->severity != SEV_MEDIUM))
			continue;
		if (validate_adr_rule(f, ctx))
			continue;
		if (exempt(f) || !f->check || !rule6_applies(f->check->id))
			continue;
		apply_context_rule(f, ctx, proj, facts);
	}
	for (i = 0; facts && i < proj->n_files; i++)
		facts_free(&facts[i]);
	free(facts);
}

/* ---- inline ignores ---- */

/* True when the comma-separated list names id ("" names every check). */
static int list_names(const char *list, const char *id)
{
	const char *p = list;

	if (!list || !*list)
		return 1;
	while (*p) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		while (len && (*p == ' ' || *p == '\t')) {
			p++;
			len--;
		}
		while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
			len--;
		if (id && len == strlen(id) && strncmp(p, id, len) == 0)
			return 1;
		if (!end)
			break;
		p = end + 1;
	}
	return 0;
}

/* Honours `# ppaudit: ignore[...]` comments; see validate.h. */
void validate_inline_ignores(struct finding *items, size_t n, const struct project *proj)
{
	size_t i;
	uint32_t k;

	for (i = 0; proj && i < n; i++) {
		struct finding *f = &items[i];
		const struct source_file *sf = project_file(proj, f->file);
		const struct model *m = sf ? sf->model : NULL;

		if (!m || f->status == ST_FALSE_POSITIVE)
			continue;
		for (k = 0; k < m->n_ignores; k++) {
			const struct ignore_comment *ic = &m->ignores[k];

			if ((int)ic->line != f->line || !list_names(ic->checks, f->check ? f->check->id : NULL))
				continue;
			f->status = ST_FALSE_POSITIVE;
			f->adv.rule = ADV_INLINE;
			f->adv.points = 0;
			validate_set_str(&f->adv.reason, xstrdup(ic->reason && ic->reason[0] ? ic->reason
										     : "inline ignore"));
			break;
		}
	}
}
