/* Unit tests for the Go front end (src/lang/go*.c): tree shape, callees,
 * methods and receivers, closures, defer / go, loops, labels, switch /
 * type switch / select, generics, composite literals in headers, raw
 * strings and runes, imports, semicolons, ignores, error recovery. */
#include "tap.h"
#include "model-query.h"

#include "lang/go.h"
#include "model.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Parses a snippet (copied: the parser takes ownership). */
static struct model *parse(const char *s)
{
	size_t n = strlen(s);
	char *src = xmalloc(n + 1);

	memcpy(src, s, n + 1);
	return go_parse(src, n);
}


#define LINE(n) ((n) ? (int)(n)->line : -1)

static void test_methods_and_receivers(void)
{
	struct model *m = parse(
		"package repo\n"
		"\n"
		"func (s *Store[T]) Get(ctx context.Context, a, b int, rest ...string) (T, error) {\n"
		"\treturn s.get(ctx)\n"
		"}\n"
		"func (Store) Name() string { return \"s\" }\n"
		"func Top[K comparable, V any](m map[K]V) []K {\n"
		"\treturn nil\n"
		"}\n");
	const struct node *f = named(m, NODE_FUNC, "Get"), *g = named(m, NODE_FUNC, "Name");
	const struct node *t = named(m, NODE_FUNC, "Top");

	is_int(m->n_errors, 0, "methods: no errors");
	ok(f && (f->flags & NF_METHOD) && (f->flags & NF_GO_RECEIVER), "method flags");
	is_str(f ? f->u.func->qualname : NULL, "Store.Get", "pointer generic receiver normalised");
	is_int(f ? f->u.func->n_params : 0, 5, "receiver + 4 params");
	is_str(f ? f->u.func->params[0].name : NULL, "s", "receiver name");
	is_str(f ? txt(m, f->u.func->params[0].annotation) : NULL, "*Store[T]", "receiver type");
	is_str(f ? txt(m, f->u.func->params[2].annotation) : NULL, "int", "a shares b's type");
	is_str(f ? f->u.func->params[3].name : NULL, "b", "b");
	is_int(f ? f->u.func->params[4].star : 0, 1, "variadic");
	is_str(f ? txt(m, f->u.func->params[4].annotation) : NULL, "string", "variadic type without ...");
	is_str(f ? txt(m, f->u.func->returns) : NULL, "(T, error)", "results");
	is_int(LINE(f), 3, "func line");
	is_int(f ? (int)f->end_line : 0, 5, "func end line");
	is_int(f ? (int)f->u.func->body_line : 0, 4, "body line");
	is_str(g ? g->u.func->qualname : NULL, "Store.Name", "unnamed receiver");
	is_str(g ? g->u.func->params[0].name : NULL, "", "unnamed receiver has empty name");
	ok(t && !(t->flags & NF_METHOD), "generic function is not a method");
	is_int(t ? t->u.func->n_params : 0, 1, "type parameters are not params");
	ok(call(m, "s.get") && parent(m, call(m, "s.get"))->kind == NODE_RETURN, "call under return");
	model_free(m);
}

static void test_calls(void)
{
	struct model *m = parse(
		"package x\n"
		"func f() {\n"
		"\terr := db.QueryRowContext(ctx, q, args...).Scan(&n)\n"
		"\tx.(Querier).Query(q)\n"
		"\tout := Map[int, string](xs, conv)\n"
		"\thandlers[k](w)\n"
		"\tb := []byte(s)\n"
		"\tlog.Printf(\"%d\", len(rows))\n"
		"}\n");
	const struct node *c = call(m, "db.QueryRowContext().Scan"), *p;

	is_int(m->n_errors, 0, "calls: no errors");
	ok(c != NULL, "chained call is one node");
	is_int(c ? c->u.call->n_args : 0, 1, "args of the last call");
	is_str(c ? c->u.call->name : NULL, "Scan", "last segment");
	ok(call(m, "x.Query") != NULL, "type assertion left out of the callee");
	ok(call(m, "Map") != NULL, "type arguments left out of the callee");
	ok(call(m, "handlers[]") != NULL, "index kept as []");
	ok(call(m, "byte") == NULL && call(m, "[]byte") == NULL, "conversion to []byte is no call");
	p = call(m, "len");
	ok(p && parent(m, p) == call(m, "log.Printf"), "nested call is a child of the outer call");
	c = call(m, "db.QueryRowContext().Scan");
	ok(c && KIND(parent(m, c)) == NODE_ASSIGN && (parent(m, c)->flags & NF_GO_DEFINE), ":= is ASSIGN define");
	model_free(m);
	m = parse("package x\nfunc f() { db.Query(q, xs...) }\n");
	c = call(m, "db.Query");
	is_str(c && c->u.call->n_args == 2 ? c->u.call->args[1].name : NULL, "*", "spread arg named *");
	is_str(c && c->u.call->n_args == 2 ? txt(m, c->u.call->args[1].expr) : NULL, "xs", "spread expr");
	model_free(m);
}

static void test_closures_defer_go(void)
{
	struct model *m = parse(
		"package x\n"
		"func run() {\n"
		"\tdefer rows.Close()\n"
		"\tdefer func() {\n"
		"\t\tif r := recover(); r != nil {\n"
		"\t\t\tlog.Print(r)\n"
		"\t\t}\n"
		"\t}()\n"
		"\tgo s.worker(ctx)\n"
		"\tgo func(id int) { process(id) }(i)\n"
		"\tfn := func(x int) error { return save(x) }\n"
		"}\n");
	const struct node *d = nth(m, NODE_DEFER, 0), *d2 = nth(m, NODE_DEFER, 1), *c, *f;

	is_int(m->n_errors, 0, "defer/go: no errors");
	c = call(m, "rows.Close");
	ok(d && c && parent(m, c) == d, "defer's call is its child");
	c = d2 ? &m->nodes[d2->first_child] : NULL;
	ok(c && c->kind == NODE_CALL && strcmp(c->u.call->callee, "func") == 0, "deferred closure call");
	f = c ? &m->nodes[c->first_child] : NULL;
	ok(f && f->kind == NODE_FUNC && (f->flags & NF_LAMBDA), "closure FUNC under the call");
	is_str(f ? f->u.func->qualname : NULL, "run.func", "closure qualname");
	ok(call(m, "recover") && (call(m, "recover")->flags & NF_HEADER), "if init call in header");
	ok(model_enclosing_func(m, call(m, "log.Print")) == f, "closure body is its own scope");
	is_int(count(m, NODE_SPAWN), 2, "two go statements");
	ok(parent(m, call(m, "s.worker")) == nth(m, NODE_SPAWN, 0), "go's call is its child");
	c = call(m, "process");
	ok(c && model_ancestor(m, c, NODE_SPAWN) == nth(m, NODE_SPAWN, 1), "go closure body under SPAWN");
	f = nth(m, NODE_FUNC, 3);
	ok(f && (f->flags & NF_LAMBDA) && KIND(parent(m, f)) == NODE_ASSIGN, "func literal assigned");
	is_int(f ? f->u.func->n_params : 0, 1, "literal params");
	model_free(m);
}

static void test_loops_and_labels(void)
{
	struct model *m = parse(
		"package x\n"
		"func f() {\n"
		"Outer:\n"
		"\tfor i, u := range users {\n"
		"\t\tfor j := 0; j < 10; j++ {\n"
		"\t\t\tif bad(u) { continue Outer }\n"
		"\t\t\tbreak\n"
		"\t\t}\n"
		"\t}\n"
		"\tfor ok() {\n\t}\n"
		"\tfor {\n\t\tbreak\n\t}\n"
		"\tfor range ch {\n\t}\n"
		"\tfor i := range 10 {\n\t\t_ = i\n\t}\n"
		"}\n");
	const struct node *l0 = nth(m, NODE_LOOP, 0), *l1 = nth(m, NODE_LOOP, 1);
	const struct node *l2 = nth(m, NODE_LOOP, 2), *l3 = nth(m, NODE_LOOP, 3);
	const struct node *l4 = nth(m, NODE_LOOP, 4), *l5 = nth(m, NODE_LOOP, 5);
	const struct node *c = nth(m, NODE_CONTINUE, 0), *b = nth(m, NODE_BREAK, 0);

	is_int(m->n_errors, 0, "loops: no errors");
	is_int(count(m, NODE_LOOP), 6, "six loops");
	is_str(l0 ? txt(m, l0->u.loop->target) : NULL, "i, u", "range target");
	is_str(l0 ? txt(m, l0->u.loop->iter) : NULL, "users", "range iter");
	is_str(l0 ? txt(m, l0->text) : NULL, "Outer", "label on the loop");
	is_int(LINE(l0), 4, "labeled loop line");
	is_str(l1 ? txt(m, l1->u.loop->target) : NULL, "j", "three-clause target");
	is_str(l1 ? txt(m, l1->u.loop->iter) : NULL, "j < 10", "three-clause condition");
	ok(l1 && (l1->flags & NF_SMALL_LITERAL) && !(l1->flags & NF_WHILE), "small bound, not while");
	ok(l2 && (l2->flags & NF_WHILE) && call(m, "ok") && (call(m, "ok")->flags & NF_HEADER),
	   "condition loop: while, header call");
	ok(l3 && (l3->flags & NF_WHILE) && l3->u.loop->iter.len == 0, "infinite loop");
	ok(l4 && l4->u.loop->target.len == 0 && span_eq(m, l4->u.loop->iter, "ch"), "for range ch");
	ok(l5 && (l5->flags & NF_SMALL_LITERAL), "range over small int");
	is_str(c ? c->name : NULL, "Outer", "continue label");
	ok(b && b->name == NULL && model_enclosing_loop(m, b) == l1, "plain break in the inner loop");
	model_free(m);
}

static void test_switch_select(void)
{
	struct model *m = parse(
		"package x\n"
		"func f() {\n"
		"\tswitch x := load(); x.Kind {\n"
		"\tcase A, B:\n"
		"\t\thandle(x)\n"
		"\t\tfallthrough\n"
		"\tdefault:\n"
		"\t}\n"
		"\tswitch v := e.(type) {\n"
		"\tcase *pq.Error:\n"
		"\t\tlog(v)\n"
		"\t}\n"
		"\tselect {\n"
		"\tcase msg := <-sub.Channel():\n"
		"\t\tsave(msg)\n"
		"\tcase <-time.After(d):\n"
		"\tdefault:\n"
		"\t}\n"
		"}\n");
	const struct node *s = nth(m, NODE_MATCH, 0), *ts = nth(m, NODE_MATCH, 1);
	const struct node *sel = nth(m, NODE_MATCH, 2), *c0 = nth(m, NODE_CASE, 0);
	const struct node *c1 = nth(m, NODE_CASE, 1);

	is_int(m->n_errors, 0, "switch: no errors");
	is_int(count(m, NODE_CASE), 6, "six clauses");
	is_str(s ? txt(m, s->value) : NULL, "x.Kind", "switch tag");
	ok(call(m, "load") && parent(m, call(m, "load")) == s && (call(m, "load")->flags & NF_HEADER),
	   "switch init call in header");
	ok(c0 && parent(m, c0) == s && span_eq(m, c0->text, "A, B"), "case expressions");
	ok(call(m, "handle") && model_ancestor(m, call(m, "handle"), NODE_CASE) == c0, "case body");
	is_str(c1 ? c1->name : NULL, "default", "default clause");
	ok(ts && (ts->flags & NF_GO_TYPESWITCH), "type switch flag");
	is_str(ts ? ts->name : NULL, "v", "type switch binding");
	ok(sel && (sel->flags & NF_GO_SELECT), "select flag");
	ok(call(m, "sub.Channel") && (call(m, "sub.Channel")->flags & NF_HEADER) &&
	   parent(m, call(m, "sub.Channel"))->kind == NODE_CASE, "comm clause call in the case header");
	ok(call(m, "save") && model_ancestor(m, call(m, "save"), NODE_MATCH) == sel, "select body");
	model_free(m);
}

static void test_if_else_and_headers(void)
{
	struct model *m = parse(
		"package x\n"
		"func f() error {\n"
		"\tif err := db.Ping(); err != nil {\n"
		"\t\treturn err\n"
		"\t} else if x == (T{}) {\n"
		"\t} else {\n"
		"\t\tcleanup()\n"
		"\t}\n"
		"\tfor _, id := range []int64{1, 2, 3} {\n"
		"\t\tget(id)\n"
		"\t}\n"
		"\tif v, ok := m[key]; ok && v > map[string]int{\"a\": 1}[\"a\"] {\n"
		"\t}\n"
		"\tif f := func() bool { return check() }; f() {\n"
		"\t}\n"
		"\treturn nil\n"
		"}\n");
	const struct node *i0 = nth(m, NODE_IF, 0), *i1 = nth(m, NODE_IF, 1), *e = nth(m, NODE_ELSE, 0);
	const struct node *l = nth(m, NODE_LOOP, 0);

	is_int(m->n_errors, 0, "if: no errors");
	is_str(i0 ? txt(m, i0->value) : NULL, "err != nil", "condition without init");
	ok(call(m, "db.Ping") && parent(m, call(m, "db.Ping")) == i0, "init call under the IF");
	ok(i1 && (i1->flags & NF_ELIF) && i1->parent == i0->parent, "else if is an ELIF sibling");
	ok(e && e->parent == i0->parent && call(m, "cleanup") &&
	   model_ancestor(m, call(m, "cleanup"), NODE_ELSE) == e,
	   "else sibling with its block");
	is_int(LINE(e), 6, "else line");
	is_str(l ? txt(m, l->u.loop->iter) : NULL, "[]int64{1, 2, 3}", "composite literal in range");
	ok(call(m, "get") && parent(m, call(m, "get"))->parent == node_index(m, l), "range body");
	is_int(count(m, NODE_IF), 4, "four ifs");
	ok(call(m, "check") && KIND(model_enclosing_func(m, call(m, "check"))) == NODE_FUNC &&
	   (model_enclosing_func(m, call(m, "check"))->flags & NF_LAMBDA), "func literal in if init");
	is_int(count(m, NODE_RETURN), 3, "returns");
	model_free(m);
}

static void test_structs_and_assign(void)
{
	struct model *m = parse(
		"package x\n"
		"type (\n"
		"\tRepo struct {\n"
		"\t\tdb    *sql.DB\n"
		"\t\tA, B  int `json:\"a\"`\n"
		"\t\tsync.Mutex\n"
		"\t\t*Base\n"
		"\t\tcb    func(x int) error\n"
		"\t}\n"
		"\tID int64\n"
		"\tStore interface { Get() error }\n"
		"\tSet[T comparable] map[T]struct{}\n"
		")\n"
		"var pool, other = newPool(), 2\n"
		"const N = 10\n"
		"func f(r *Repo) {\n"
		"\tr.n = 1\n"
		"\tm[k] = v\n"
		"\ts += \"x\"\n"
		"\ti++\n"
		"\ta, b = b, a\n"
		"\tch <- v\n"
		"}\n");
	const struct node *c = named(m, NODE_CLASS, "Repo"), *f, *a;

	is_int(m->n_errors, 0, "structs: no errors");
	ok(c != NULL, "struct is a CLASS");
	f = named(m, NODE_ASSIGN, "db");
	ok(f && parent(m, f) == c && (f->flags & NF_GO_FIELD) && (f->flags & NF_ANNOTATED), "field node");
	is_str(f ? txt(m, f->text) : NULL, "*sql.DB", "field type text");
	f = named(m, NODE_ASSIGN, "B");
	is_str(f ? txt(m, f->text) : NULL, "int", "grouped field type, tag left out");
	f = named(m, NODE_ASSIGN, "Mutex");
	ok(f && (f->flags & NF_GO_EMBEDDED) && span_eq(m, f->text, "sync.Mutex"), "embedded field");
	ok(named(m, NODE_ASSIGN, "Base") && (named(m, NODE_ASSIGN, "Base")->flags & NF_GO_EMBEDDED),
	   "embedded pointer field");
	f = named(m, NODE_ASSIGN, "cb");
	is_str(f ? txt(m, f->text) : NULL, "func(x int) error", "func-typed field");
	ok(named(m, NODE_CLASS, "Store") && (named(m, NODE_CLASS, "Store")->flags & NF_GO_INTERFACE),
	   "interface CLASS");
	ok(named(m, NODE_STMT, "ID") && named(m, NODE_STMT, "Set"), "other types are STMT");
	a = named(m, NODE_ASSIGN, "pool, other");
	ok(a && (a->flags & NF_GO_DEFINE) && call(m, "newPool") && parent(m, call(m, "newPool")) == a,
	   "var spec");
	ok(named(m, NODE_ASSIGN, "N") != NULL, "const spec");
	a = named(m, NODE_ASSIGN, "r.n");
	ok(a && (a->flags & NF_TARGET_ATTR) && !(a->flags & NF_GO_DEFINE), "field assignment");
	ok(named(m, NODE_ASSIGN, "m[k]") && (named(m, NODE_ASSIGN, "m[k]")->flags & NF_TARGET_ATTR),
	   "element assignment");
	a = named(m, NODE_AUGASSIGN, "+=");
	ok(a && span_eq(m, a->text, "s") && span_eq(m, a->value, "\"x\""), "+= augassign");
	ok(named(m, NODE_AUGASSIGN, "++") != NULL, "++ augassign");
	ok(named(m, NODE_ASSIGN, "a, b") != NULL, "tuple assignment");
	is_int(count(m, NODE_STMT), 3, "send is a STMT (plus two type STMTs)");
	model_free(m);
}

static void test_lexical(void)
{
	struct model *m = parse(
		"package x\n"
		"\n"
		"import (\n"
		"\t\"context\"\n"
		"\tpg \"github.com/jackc/pgx/v5\"\n"
		"\t_ \"github.com/lib/pq\"\n"
		"\t. \"fmt\"\n"
		"\t\"gopkg.in/yaml.v3\"\n"
		"\t\"github.com/redis/go-redis/v9\"\n"
		")\n"
		"import \"database/sql\"\n"
		"\n"
		"const q = `SELECT *\n"
		"FROM t -- } { ( \"\n"
		"WHERE id = $1`\n"
		"var r = '}'; var s = \"{ \\\" }\" /* a\n"
		"comment */\n"
		"// ppaudit: ignore[n_plus_one] batched by the caller\n"
		"func f() { run(q) } // ppaudit: ignore\n");
	const struct node *f = named(m, NODE_FUNC, "f");

	is_int(m->n_errors, 0, "lexical: no errors");
	is_int(m->n_imports, 7, "seven imports");
	if (m->n_imports == 7) {
		is_str(m->imports[0].local, "context", "plain import");
		is_str(m->imports[1].local, "pg", "alias");
		is_str(m->imports[1].target, "github.com/jackc/pgx/v5", "alias target");
		is_str(m->imports[2].local, "_", "blank import");
		is_str(m->imports[3].local, ".", "dot import");
		is_str(m->imports[4].local, "yaml", "gopkg.in suffix");
		is_str(m->imports[5].local, "redis", "major version and go- prefix");
		is_str(m->imports[6].target, "database/sql", "single import");
		is_int(m->imports[6].line, 11, "import line");
	}
	ok(named(m, NODE_ASSIGN, "q") && named(m, NODE_ASSIGN, "q")->end_line == 15,
	   "raw string spans lines");
	ok(named(m, NODE_ASSIGN, "r") && named(m, NODE_ASSIGN, "s"), "rune and string with braces");
	is_int(LINE(f), 19, "lines counted through raw strings and comments");
	is_int(m->n_ignores, 2, "two ignores");
	if (m->n_ignores == 2) {
		is_int(m->ignores[0].line, 19, "stand-alone ignore applies to the next line");
		is_str(m->ignores[0].checks, "n_plus_one", "ignore checks");
		is_str(m->ignores[0].reason, "batched by the caller", "ignore reason");
		is_str(m->ignores[1].checks, "", "bare ignore: all checks");
	}
	model_free(m);
}

static void test_semicolons(void)
{
	struct model *m = parse(
		"package x\n"
		"func f() {\n"
		"\tx := a +\n"
		"\t\tb\n"
		"\tcall(\n"
		"\t\tone,\n"
		"\t\ttwo,\n"
		"\t)\n"
		"\ty := T{\n"
		"\t\tA: 1,\n"
		"\t}; z := 2\n"
		"\treturn\n"
		"}\n");
	const struct node *c = call(m, "call");

	is_int(m->n_errors, 0, "semicolons: no errors");
	ok(named(m, NODE_ASSIGN, "x") && span_eq(m, named(m, NODE_ASSIGN, "x")->value, "a +\n\t\tb"),
	   "no semicolon after an operator");
	ok(c && c->line == 5 && c->end_line == 8, "call spans its lines");
	is_int(c ? c->u.call->n_args : 0, 2, "trailing comma");
	ok(named(m, NODE_ASSIGN, "y") && named(m, NODE_ASSIGN, "z"), "explicit ; after a brace");
	ok(nth(m, NODE_RETURN, 0) && nth(m, NODE_RETURN, 0)->value.len == 0, "bare return");
	model_free(m);
}

static void test_errors(void)
{
	struct model *m = parse(
		"package x\n"
		"func a() { one() }\n"
		"func b() {\n"
		"\tx := ) ] garbage here @@ $$\n"
		"\tif { }\n"
		"\ttwo()\n"
		"}\n"
		"this is not go\n"
		"func c() { three() }\n");

	ok(m->n_errors >= 3, "garbage reported (%u errors)", m->n_errors);
	ok(call(m, "one") && call(m, "two") && call(m, "three"), "the rest still parsed");
	ok(named(m, NODE_FUNC, "c") != NULL, "function after garbage");
	model_free(m);
	m = parse("package x\nfunc f() {\n\tif x {\n\t\ty()\n");
	ok(m->n_errors >= 1 && call(m, "y"), "unclosed braces: error, body kept");
	model_free(m);
	m = parse("package x\nvar s = \"unterminated\nfunc g() { h() }\n");
	ok(m->n_errors >= 1 && call(m, "h"), "unterminated string: error, next line parsed");
	model_free(m);
	m = parse("package x\nfunc f() { a b c }\n");
	ok(m->n_errors >= 1, "adjacent names are an error");
	model_free(m);
	m = parse("package x\nfunc f(t garbage here *testing.T) {}\n"
		  "type S struct {\n\tA garbage here int\n}\n");
	is_int(m->n_errors, 2, "malformed parameter and field types");
	model_free(m);
	m = parse("package x\nfunc f() {\nL:\n\tswitch v := x.(type) {\n\tcase int:\n\t\tbreak L\n\t}\n}\n");
	ok(m->n_errors == 0 && nth(m, NODE_MATCH, 0) && strcmp(nth(m, NODE_MATCH, 0)->name, "v") == 0,
	   "labeled type switch keeps its binding as name");
	is_str(nth(m, NODE_BREAK, 0) ? nth(m, NODE_BREAK, 0)->name : NULL, "L", "break label");
	model_free(m);
	m = parse("");
	ok(m->n_errors == 0 && m->n_nodes == 1, "empty file");
	model_free(m);
}

/* Deep nesting must not exhaust the stack; long files stay fast. */
static void test_hostile(void)
{
	size_t n = 200000, k = 0;
	char *s = xmalloc(n + 64);
	struct model *m;
	clock_t t0;

	k += (size_t)snprintf(s, 64, "package x\nfunc f() {\n");
	while (k < n / 2)
		s[k++] = '(';
	while (k < n)
		s[k++] = '{';
	s[k] = '\0';
	m = go_parse(s, k);
	ok(m->n_errors > 0, "deep nesting: errors, no crash");
	model_free(m);

	s = xmalloc(64 * 20000 + 64);
	k = (size_t)snprintf(s, 64, "package x\nfunc f() {\n");
	for (int i = 0; i < 20000; i++)
		k += (size_t)snprintf(s + k, 64, "\tif x := a.b(c[i]); x {\n\t\td(x)\n\t}\n");
	k += (size_t)snprintf(s + k, 64, "}\n");
	t0 = clock();
	m = go_parse(s, k);
	ok(m->n_errors == 0 && count(m, NODE_IF) == 20000, "20000 ifs parsed");
	ok((double)(clock() - t0) / CLOCKS_PER_SEC < 2.0, "in under 2 s");
	model_free(m);

	/* a long else-if chain (no recursion per link), brace-less headers
	 * and colon-less cases (no rescanning to the end of the block) */
	s = xmalloc(48 * 30000 + 64);
	k = (size_t)snprintf(s, 64, "package x\nfunc f() {\n\tif a {\n\t}");
	for (int i = 0; i < 30000; i++)
		k += (size_t)snprintf(s + k, 48, " else if b%d {\n\t}", i);
	k += (size_t)snprintf(s + k, 64, "\n}\n");
	m = go_parse(s, k);
	ok(m->n_errors == 0 && count(m, NODE_IF) == 30001, "30000 else ifs");
	model_free(m);
	s = xmalloc(16 * 60000 + 64);
	k = (size_t)snprintf(s, 64, "package x\nfunc f() {\n\tswitch {\n");
	for (int i = 0; i < 30000; i++)
		k += (size_t)snprintf(s + k, 16, "if x; ");
	for (int i = 0; i < 30000; i++)
		k += (size_t)snprintf(s + k, 16, "case x\n");
	k += (size_t)snprintf(s + k, 64, "}\n}\n");
	t0 = clock();
	m = go_parse(s, k);
	ok(m->n_errors > 0 && (double)(clock() - t0) / CLOCKS_PER_SEC < 2.0,
	   "malformed headers and cases: errors, still fast");
	model_free(m);
}

/* Fuzz finding (fuzz-go, 2026-12-07): an error raised at the end-of-file
 * token of a file ending in a newline was recorded one line past the
 * last; errors are on a line of the file. */
static void test_error_at_end_of_file(void)
{
	struct model *m = parse("package p\nfunc f(a int, `b)\n");
	uint32_t bad = 0;

	ok(m->n_errors > 0, "an unterminated parameter list is an error");
	for (uint32_t i = 0; i < m->n_errors; i++)
		bad += m->errors[i].line == 0 || m->errors[i].line > m->n_lines;
	is_int(bad, 0, "every error is on a line of the file");
	model_free(m);
}

int main(void)
{
	test_methods_and_receivers();
	test_error_at_end_of_file();
	test_calls();
	test_closures_defer_go();
	test_loops_and_labels();
	test_switch_select();
	test_if_else_and_headers();
	test_structs_and_assign();
	test_lexical();
	test_semicolons();
	test_errors();
	test_hostile();
	return done_testing();
}
