/* Developer tool: parses source files with the front end chosen by their
 * extension and prints per-file error counts and totals, or with --dump
 * the model tree. For measuring and debugging front ends, including ones
 * not yet registered in src/lang/lang.c.
 *
 *   parse-files [--dump] [--errors] [--quiet] FILE...
 *   find repo -name '*.ts' | parse-files -        (paths on stdin)
 *
 * Exit status: 0 when every file parsed without errors, 1 otherwise,
 * 2 on usage or read problems. */
#include "lang/javascript.h"
#include "model.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct parser_for {
	const char *ext;
	struct model *(*parse)(char *src, size_t len);
};

/* Local table: the registry leaves JavaScript unwired until checks exist. */
static const struct parser_for parsers[] = {
	{ ".py", python_parse },
	{ ".js", javascript_parse }, { ".mjs", javascript_parse }, { ".cjs", javascript_parse },
	{ ".jsx", javascript_parse }, { ".ts", javascript_parse }, { ".mts", javascript_parse },
	{ ".cts", javascript_parse }, { ".tsx", javascript_parse },
};

static const char *const kind_names[NODE_KIND_COUNT] = {
	"MODULE", "CLASS", "FUNC", "LOOP", "WITH", "TRY", "EXCEPT", "FINALLY", "ELSE", "IF",
	"MATCH", "CASE", "CALL", "ASSIGN", "AUGASSIGN", "RETURN", "RAISE", "YIELD", "AWAIT",
	"IMPORT", "DEL", "STMT", "BREAK", "CONTINUE", "DEFER", "SPAWN"
};

static const char *const flag_names[32] = {
	"async", "awaited", "generator", "lambda", "header", "comprehension", "while",
	"small", "elif", "yield_from", "method", "annotated", "walrus", "star_except",
	"target_attr", "decorator", "catch_all", "js_callback"
};

struct totals {
	unsigned long files, lines, errors, bad_files, nodes;
	double ms;
};

static struct model *(*parser_of(const char *path))(char *, size_t)
{
	const char *dot = strrchr(path, '.');

	if (dot == NULL)
		return NULL;
	for (size_t i = 0; i < sizeof parsers / sizeof parsers[0]; i++)
		if (strcmp(dot, parsers[i].ext) == 0)
			return parsers[i].parse;
	return NULL;
}

/* Prints the tree, one node a line, indented by depth. */
static void dump(const struct model *m)
{
	for (uint32_t i = 1; i < m->n_nodes; i++) {
		const struct node *n = &m->nodes[i];
		int depth = 0;
		char buf[80];

		for (uint32_t k = n->parent; k != 0; k = m->nodes[k].parent)
			depth++;
		printf("%*s%s %u-%u", depth * 2, "", kind_names[n->kind], n->line, n->end_line);
		if (n->kind == NODE_CALL)
			printf(" %s", n->u.call->callee);
		else if (n->kind == NODE_FUNC)
			printf(" %s", n->u.func->qualname);
		else if (n->name)
			printf(" '%s'", n->name);
		if (n->kind == NODE_LOOP && n->u.loop)
			printf(" iter='%s'", span_copy(m, n->u.loop->iter, buf, sizeof buf));
		for (int b = 0; b < 32; b++)
			if (n->flags & (1u << b))
				printf(" %s", flag_names[b] ? flag_names[b] : "bit");
		putchar('\n');
	}
	for (uint32_t i = 0; i < m->n_imports; i++)
		printf("import %s -> %s (line %u)\n", m->imports[i].local, m->imports[i].target,
		       m->imports[i].line);
	for (uint32_t i = 0; i < m->n_ignores; i++)
		printf("ignore line %u [%s] %s\n", m->ignores[i].line, m->ignores[i].checks,
		       m->ignores[i].reason);
}

/* Parses one file; returns 0 ok, 1 errors, 2 unreadable. */
static int parse_one(const char *path, int do_dump, int show_errors, int quiet, struct totals *tot)
{
	struct model *(*parse)(char *, size_t) = parser_of(path);
	FILE *f;
	char *src;
	long size;
	struct model *m;
	struct timespec t0, t1;
	double ms;

	if (parse == NULL) {
		fprintf(stderr, "%s: no front end for this extension\n", path);
		return 2;
	}
	f = fopen(path, "rb");
	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		fprintf(stderr, "%s: cannot read\n", path);
		if (f)
			fclose(f);
		return 2;
	}
	src = xmalloc((size_t)size + 1);
	if (fread(src, 1, (size_t)size, f) != (size_t)size) {
		fprintf(stderr, "%s: short read\n", path);
		fclose(f);
		free(src);
		return 2;
	}
	fclose(f);
	src[size] = '\0';
	clock_gettime(CLOCK_MONOTONIC, &t0);
	m = parse(src, (size_t)size);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	tot->files++;
	tot->lines += m->n_lines;
	tot->errors += m->n_errors;
	tot->nodes += m->n_nodes;
	tot->ms += ms;
	if (m->n_errors)
		tot->bad_files++;
	if (!quiet || m->n_errors)
		printf("%s: %u lines, %u nodes, %u errors, %.2f ms\n", path, m->n_lines, m->n_nodes,
		       m->n_errors, ms);
	if (show_errors)
		for (uint32_t i = 0; i < m->n_errors; i++)
			printf("  %s:%u: %s\n", path, m->errors[i].line, m->errors[i].message);
	if (do_dump)
		dump(m);
	model_free(m);
	return 0;
}

int main(int argc, char **argv)
{
	int do_dump = 0, show_errors = 0, quiet = 0, rc = 0, from_stdin = 0, any = 0;
	struct totals tot = { 0, 0, 0, 0, 0, 0 };
	char line[4096];

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--dump") == 0)
			do_dump = 1;
		else if (strcmp(argv[i], "--errors") == 0)
			show_errors = 1;
		else if (strcmp(argv[i], "--quiet") == 0)
			quiet = 1;
		else if (strcmp(argv[i], "-") == 0)
			from_stdin = 1;
		else if (argv[i][0] == '-') {
			fprintf(stderr, "usage: %s [--dump] [--errors] [--quiet] FILE... | -\n", argv[0]);
			return 2;
		}
	}
	for (int i = 1; i < argc; i++) {
		if (argv[i][0] == '-')
			continue;
		any = 1;
		if (parse_one(argv[i], do_dump, show_errors, quiet, &tot) == 2)
			rc = 2;
	}
	if (from_stdin || !any) {
		while (fgets(line, sizeof line, stdin) != NULL) {
			line[strcspn(line, "\r\n")] = '\0';
			if (line[0] != '\0' && parse_one(line, do_dump, show_errors, quiet, &tot) == 2)
				rc = 2;
		}
	}
	printf("total: %lu files, %lu lines, %lu nodes, %lu errors in %lu files, %.1f ms\n",
	       tot.files, tot.lines, tot.nodes, tot.errors, tot.bad_files, tot.ms);
	if (rc == 0 && tot.errors > 0)
		rc = 1;
	return rc;
}
