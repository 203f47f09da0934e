/* parse-go: developer tool for the Go front end (src/lang/go*.c).
 *
 *   parse-go [--dump] [--errors] FILE...     (no FILE: paths from stdin, one a line)
 *
 * Parses every file, prints "path: N errors" for files with errors (and
 * each error with --errors), then totals: files, lines, errors, ms spent
 * parsing. --dump prints each model tree: kind, line-end_line, name or
 * callee, flags. Exit status 0 when every file parsed without errors,
 * 1 otherwise, 2 when a file could not be read. */
#include "lang/go.h"
#include "model.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const kind_names[NODE_KIND_COUNT] = {
	"MODULE", "CLASS", "FUNC", "LOOP", "WITH", "TRY", "EXCEPT", "FINALLY", "ELSE",
	"IF", "MATCH", "CASE", "CALL", "ASSIGN", "AUGASSIGN", "RETURN", "RAISE", "YIELD",
	"AWAIT", "IMPORT", "DEL", "STMT", "BREAK", "CONTINUE", "DEFER", "SPAWN"
};

static const struct { uint32_t bit; const char *name; } flag_names[] = {
	{ NF_LAMBDA, "lambda" }, { NF_HEADER, "header" }, { NF_WHILE, "while" },
	{ NF_SMALL_LITERAL, "small" }, { NF_ELIF, "elif" }, { NF_METHOD, "method" },
	{ NF_ANNOTATED, "annotated" }, { NF_TARGET_ATTR, "attr" },
	{ NF_GO_RECEIVER, "receiver" }, { NF_GO_FIELD, "field" }, { NF_GO_EMBEDDED, "embedded" },
	{ NF_GO_INTERFACE, "interface" }, { NF_GO_TYPESWITCH, "typeswitch" },
	{ NF_GO_SELECT, "select" }, { NF_GO_DEFINE, "define" },
};

static void dump_span(const struct model *m, const char *label, struct span s)
{
	char buf[80];

	if (s.len > 0)
		printf(" %s=\"%s\"", label, span_copy(m, s, buf, sizeof buf));
}

/* Prints the tree, indented by depth. */
static void dump(const struct model *m)
{
	for (uint32_t i = 1; i < m->n_nodes; i++) {
		const struct node *n = &m->nodes[i];
		int depth = 0;

		for (uint32_t k = n->parent; k != 0; k = m->nodes[k].parent)
			depth++;
		printf("%*s%s %u-%u", depth * 2, "", kind_names[n->kind], n->line, n->end_line);
		if (n->kind == NODE_CALL)
			printf(" %s", n->u.call->callee);
		else if (n->name)
			printf(" %s", n->name);
		if (n->kind == NODE_FUNC) {
			printf(" [%s]", n->u.func->qualname);
			for (uint32_t k = 0; k < n->u.func->n_params; k++) {
				char buf[60];
				printf(" %s:%s", n->u.func->params[k].name,
				       span_copy(m, n->u.func->params[k].annotation, buf, sizeof buf));
			}
		}
		if (n->kind == NODE_LOOP) {
			dump_span(m, "target", n->u.loop->target);
			dump_span(m, "iter", n->u.loop->iter);
		}
		dump_span(m, n->kind == NODE_LOOP ? "label" : "text", n->text);
		for (size_t k = 0; k < sizeof flag_names / sizeof flag_names[0]; k++)
			if (n->flags & flag_names[k].bit)
				printf(" +%s", flag_names[k].name);
		putchar('\n');
	}
	for (uint32_t i = 0; i < m->n_imports; i++)
		printf("import %s = %s (line %u)\n", m->imports[i].local, m->imports[i].target,
		       m->imports[i].line);
	for (uint32_t i = 0; i < m->n_ignores; i++)
		printf("ignore line %u [%s] %s\n", m->ignores[i].line, m->ignores[i].checks,
		       m->ignores[i].reason);
}

/* Reads a whole file into a NUL-terminated heap buffer. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, r;

	if (f == NULL)
		return NULL;
	do {
		if (cap - n < 65536)
			XGROW(buf, cap, n + 65536);
		r = fread(buf + n, 1, cap - n - 1, f);
		n += r;
	} while (r > 0);
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

struct totals {
	unsigned long files, lines, errors, bad_files, unreadable;
	double ms;
};

static void parse_one(const char *path, int do_dump, int show_errors, struct totals *t)
{
	size_t len;
	char *src = slurp(path, &len);
	struct timespec a, b;
	struct model *m;

	if (src == NULL) {
		fprintf(stderr, "%s: cannot read\n", path);
		t->unreadable++;
		return;
	}
	clock_gettime(CLOCK_MONOTONIC, &a);
	m = go_parse(src, len);
	clock_gettime(CLOCK_MONOTONIC, &b);
	t->ms += (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6;
	t->files++;
	t->lines += m->n_lines;
	t->errors += m->n_errors;
	if (m->n_errors > 0) {
		t->bad_files++;
		printf("%s: %u errors\n", path, m->n_errors);
		for (uint32_t i = 0; show_errors && i < m->n_errors; i++)
			printf("  %s:%u: %s\n", path, m->errors[i].line, m->errors[i].message);
	}
	if (do_dump) {
		printf("== %s\n", path);
		dump(m);
	}
	model_free(m);
}

int main(int argc, char **argv)
{
	struct totals t = { 0, 0, 0, 0, 0, 0.0 };
	int do_dump = 0, show_errors = 0, any = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--dump") == 0) {
			do_dump = 1;
		} else if (strcmp(argv[i], "--errors") == 0) {
			show_errors = 1;
		} else {
			parse_one(argv[i], do_dump, show_errors, &t);
			any = 1;
		}
	}
	if (!any) {
		char line[4096];
		while (fgets(line, sizeof line, stdin)) {
			line[strcspn(line, "\r\n")] = '\0';
			if (line[0])
				parse_one(line, do_dump, show_errors, &t);
		}
	}
	printf("files %lu, lines %lu, errors %lu (in %lu files), unreadable %lu, %.1f ms\n",
	       t.files, t.lines, t.errors, t.bad_files, t.unreadable, t.ms);
	return t.unreadable ? 2 : t.errors ? 1 : 0;
}
