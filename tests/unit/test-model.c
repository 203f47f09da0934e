/* Unit tests for the code model helpers (src/model.c): construction,
 * spans, lines, navigation, walking and import resolution. */
#include "tap.h"

#include "lang/lang.h"
#include "model.h"
#include "util/xalloc.h"

#include <string.h>

/* A model over a copy of s (the model takes ownership). */
static struct model *model_of(const char *s)
{
	return model_new(LANG_PYTHON, xstrdup(s), strlen(s));
}

/* Parses a snippet with the Python front end. */
static struct model *parse(const char *s)
{
	return python_parse(xstrdup(s), strlen(s));
}

/* Construction, lines, spans, errors, imports. */
static void test_construction(void)
{
	struct model *m = model_of("ab\ncd\r\nef\rg");
	uint32_t a, b, c;
	size_t len;
	const char *l;
	char buf[8];
	struct span s = { 3, 2 };

	is_int(m->n_lines, 4, "\\n, \\r\\n and \\r end lines");
	l = model_line(m, 2, &len);
	ok(l && len == 2 && memcmp(l, "cd", 2) == 0, "line 2 without CRLF");
	l = model_line(m, 3, &len);
	ok(l && len == 2 && memcmp(l, "ef", 2) == 0, "line 3 without CR");
	l = model_line(m, 4, &len);
	ok(l && len == 1 && *l == 'g', "last line without newline");
	ok(model_line(m, 5, &len) == NULL && len == 0, "out of range line");
	ok(model_line(m, 0, &len) == NULL, "line 0");

	is_int(m->n_nodes, 1, "module node");
	is_int(m->nodes[0].kind, NODE_MODULE, "node 0 is the module");
	a = model_add_node(m, 0, NODE_FUNC, 1, 0);
	b = model_add_node(m, a, NODE_CALL, 2, 4);
	c = model_add_node(m, a, NODE_RETURN, 3, 4);
	is_int(m->nodes[0].first_child, a, "first child");
	is_int(m->nodes[a].first_child, b, "nested first child");
	is_int(m->nodes[b].next_sibling, c, "sibling link");
	is_int(m->nodes[a].last_child, c, "last child");
	is_int(m->nodes[c].parent, a, "parent link");
	for (int i = 0; i < 1000; i++)
		model_add_node(m, c, NODE_STMT, 3, 0);
	is_int(m->n_nodes, 1004, "node array grows");
	is_int(m->nodes[b].kind, NODE_CALL, "nodes survive growth");

	ok(span_eq(m, s, "cd"), "span_eq");
	ok(!span_eq(m, s, "c"), "span_eq length");
	ok(span_starts(m, s, "c") && !span_starts(m, s, "cdx"), "span_starts");
	ok(span_has(m, (struct span){ 0, 9 }, "d\r\ne") && !span_has(m, s, "ef"), "span_has");
	is_str(span_copy(m, (struct span){ 0, 9 }, buf, 4), "ab\n", "span_copy truncates");

	for (int i = 0; i < 150; i++)
		model_add_error(m, (uint32_t)i + 1, "problem %d", i);
	ok(m->n_errors > 0 && m->n_errors <= 100, "errors capped");
	is_str(m->errors[1].message, "problem 1", "error message formatted");
	is_int(m->errors[1].line, 2, "error line");
	model_add_import(m, "np", 2, "numpy", 5, 1);
	is_str(m->imports[0].target, "numpy", "import copied");
	model_free(m);

	m = model_of("");
	is_int(m->n_lines, 1, "empty file has one line");
	model_free(m);
	m = model_of("x\n");
	is_int(m->n_lines, 1, "final newline adds no line");
	model_free(m);
	model_free(NULL);
}

/* Ancestors, enclosing func/loop, is_within, walk. */
static void test_navigation(void)
{
	struct model *m = parse(
		"class A:\n"
		"    def run(self, db=Depends(get_db)):\n"
		"        for x in load():\n"
		"            with lock:\n"
		"                save(x)\n"
		"            cb = lambda: post(x)\n"
		"        def inner():\n"
		"            return fetch()\n"
		"        return [f(y) for y in z]\n");
	const struct node *cls, *run = NULL, *loop = NULL, *save = NULL, *post = NULL, *fetch = NULL;
	const struct node *load = NULL, *dep = NULL, *inner = NULL, *f = NULL, *comp = NULL, *n;
	int visited = 0, visited_all = 0;

	for (uint32_t i = 0; i < m->n_nodes; i++) {
		n = &m->nodes[i];
		if (n->kind == NODE_FUNC && n->name && strcmp(n->name, "run") == 0)
			run = n;
		if (n->kind == NODE_FUNC && n->name && strcmp(n->name, "inner") == 0)
			inner = n;
		if (n->kind == NODE_LOOP && !(n->flags & NF_COMPREHENSION))
			loop = n;
		if (n->kind == NODE_LOOP && (n->flags & NF_COMPREHENSION))
			comp = n;
		if (n->kind != NODE_CALL)
			continue;
		if (strcmp(n->u.call->callee, "save") == 0)
			save = n;
		if (strcmp(n->u.call->callee, "post") == 0)
			post = n;
		if (strcmp(n->u.call->callee, "fetch") == 0)
			fetch = n;
		if (strcmp(n->u.call->callee, "load") == 0)
			load = n;
		if (strcmp(n->u.call->callee, "Depends") == 0)
			dep = n;
		if (strcmp(n->u.call->callee, "f") == 0)
			f = n;
	}
	cls = &m->nodes[m->nodes[0].first_child];
	ok(run && loop && save && post && fetch && load && dep && inner && f && comp, "nodes found");
	if (!(run && loop && save && post && fetch && load && dep && inner && f && comp))
		return;
	ok(model_ancestor(m, save, NODE_CLASS) == cls, "ancestor class");
	ok(model_ancestor(m, save, NODE_WITH) != NULL, "ancestor with");
	ok(model_ancestor(m, cls, NODE_CLASS) == NULL, "ancestor excludes self");
	ok(model_enclosing_func(m, save) == run, "enclosing func");
	ok(model_enclosing_func(m, run) == NULL, "method in class: no enclosing func");
	ok(model_enclosing_func(m, dep) == NULL, "default value runs outside the def");
	ok(model_enclosing_func(m, post) != run && (model_enclosing_func(m, post)->flags & NF_LAMBDA),
	   "lambda is a function");
	ok(model_enclosing_loop(m, save) == loop, "enclosing loop");
	ok(model_enclosing_loop(m, post) == NULL, "loop search stops at the lambda");
	ok(model_enclosing_loop(m, fetch) == NULL, "loop search stops at nested def");
	ok(model_enclosing_loop(m, load) == NULL, "for iterable runs once");
	ok(model_enclosing_loop(m, f) == comp, "comprehension counts");
	ok(model_is_within(m, save, run), "is_within");
	ok(model_is_within(m, save, cls), "is_within deep");
	ok(!model_is_within(m, run, save), "not within a descendant");
	ok(!model_is_within(m, run, run), "not within itself");
	ok(!model_is_within(m, fetch, loop), "not within a sibling subtree");

	for (n = NULL; (n = model_walk(m, run, n, 0));) {
		visited++;
		ok(n != fetch, "walk without into_funcs skips nested def body");
		if (n == inner)
			ok(1, "nested def itself is visited");
	}
	for (n = NULL; (n = model_walk(m, run, n, 1));)
		visited_all++;
	ok(visited_all > visited, "into_funcs visits more (%d > %d)", visited_all, visited);
	{
		/* source order: node indexes increase along a walk of the module */
		uint32_t last = 0;
		int in_order = 1, total = 0;
		for (n = NULL; (n = model_walk(m, &m->nodes[0], n, 1));) {
			in_order &= node_index(m, n) > last;
			last = node_index(m, n);
			total++;
		}
		ok(in_order, "walk is in source order");
		is_int(total, (int)m->n_nodes - 1, "walk visits every node once");
	}
	ok(model_walk(m, save, NULL, 1) == NULL, "walk of a leaf is empty");
	model_free(m);
}

/* Import resolution. */
static void test_resolve(void)
{
	struct model *m = parse(
		"import numpy as np\n"
		"from time import sleep\n"
		"import os.path\n"
		"from requests import get\n"
		"from httpx import get\n");
	char buf[64], small[8];

	is_str(model_resolve(m, "sleep", buf, sizeof buf), "time.sleep", "from import");
	is_str(model_resolve(m, "np.zeros", buf, sizeof buf), "numpy.zeros", "alias");
	is_str(model_resolve(m, "os.path.exists", buf, sizeof buf), "os.path.exists", "import a.b");
	is_str(model_resolve(m, "get", buf, sizeof buf), "httpx.get", "later import shadows");
	is_str(model_resolve(m, "sleepy", buf, sizeof buf), "sleepy", "prefix is not a match");
	is_str(model_resolve(m, "sleep().x", buf, sizeof buf), "time.sleep().x", "segment ends at (");
	is_str(model_resolve(m, "np.zeros", small, sizeof small), "numpy.z", "truncated to size - 1");
	model_free(m);
}

/* Comment cutting by the language's leader, outside string literals. */
static void test_cut_comment(void)
{
	char a[] = "x = f(y)  # y is the id";
	char b[] = "url = \"https://h/#frag\"  # note";
	char c[] = "const u = 'a//b'; // why";
	char d[] = "s = f\"#{n}\" + '\\'#'";
	char e[] = "rows = q.all()";

	lang_cut_comment(LANG_PYTHON, a);
	is_str(a, "x = f(y)  ", "python: the comment goes");
	lang_cut_comment(LANG_PYTHON, b);
	is_str(b, "url = \"https://h/#frag\"  ", "python: # in a string stays");
	lang_cut_comment(LANG_JAVASCRIPT, c);
	is_str(c, "const u = 'a//b'; ", "javascript: // outside the string only");
	lang_cut_comment(LANG_PYTHON, d);
	is_str(d, "s = f\"#{n}\" + '\\'#'", "python: escaped quote keeps the string open");
	lang_cut_comment(LANG_GO, e);
	is_str(e, "rows = q.all()", "no comment: unchanged");
}

int main(void)
{
	test_cut_comment();
	test_construction();
	test_navigation();
	test_resolve();
	return done_testing();
}
