/* Unit tests for the Python front end (src/lang/python*.c): tree shape,
 * names, callees, flags, lines, arguments, imports, ignores, errors. */
#include "tap.h"
#include "model-query.h"

#include "model.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Parses a test snippet (copied: the parser takes ownership). */
static struct model *parse_n(const char *s, size_t n)
{
	char *src = xmalloc(n + 1);

	memcpy(src, s, n);
	src[n] = '\0';
	return python_parse(src, n);
}

/* Parses a NUL-terminated snippet. */
static struct model *parse(const char *s)
{
	return parse_n(s, strlen(s));
}



/* Defs: async, params, defaults, decorators, lines */
static void test_functions(void)
{
	struct model *m = parse(
		"@router.get(\"/items/{id}\", response_model=Item)\n"
		"@cached\n"
		"async def get_item(id: int, /, db: Session = Depends(get_db), *args, k=1, **kw) -> Item:\n"
		"    return await db.get(Item, id)\n"
		"\n"
		"def plain(a, *, b): pass\n");
	const struct node *f = named(m, NODE_FUNC, "get_item"), *c;

	ok(f != NULL, "async def found");
	is_int(m->n_errors, 0, "no errors");
	ok(FLAGS(f) & NF_ASYNC, "NF_ASYNC");
	ok(!(FLAGS(f) & NF_GENERATOR), "not a generator");
	is_int(f->line, 3, "def line");
	is_int(f->end_line, 4, "def end line");
	is_int(f->u.func->body_line, 4, "body line");
	is_int(f->u.func->n_decorators, 2, "two decorators");
	is_str(txt(m, f->u.func->decorators[1]), "cached", "decorator text without @");
	is_int(f->u.func->n_params, 5, "params (/ skipped)");
	is_str(f->u.func->params[1].name, "db", "param name");
	is_str(txt(m, f->u.func->params[1].annotation), "Session", "annotation");
	is_str(txt(m, f->u.func->params[1].def), "Depends(get_db)", "default");
	is_int(f->u.func->params[2].star, 1, "*args");
	is_str(f->u.func->params[2].name, "args", "*args name");
	is_int(f->u.func->params[4].star, 2, "**kw");
	is_str(txt(m, f->u.func->returns), "Item", "return annotation");
	c = call(m, "router.get");
	ok(c && (c->flags & NF_DECORATOR) && c->parent == node_index(m, f), "decorator call is FUNC child");
	is_int(c ? c->line : 0, 1, "decorator call line");
	is_int(c ? c->u.call->n_args : 0, 2, "decorator args");
	is_str(c ? c->u.call->args[1].name : NULL, "response_model", "keyword arg");
	c = call(m, "Depends");
	ok(c && (c->flags & NF_HEADER) && c->parent == node_index(m, f), "default call in header");
	c = call(m, "db.get");
	ok(c && (c->flags & NF_AWAITED), "awaited call");
	is_int(KIND(parent(m, c)), NODE_RETURN, "call inside return");
	ok(model_enclosing_func(m, c) == f, "enclosing func");
	ok(model_enclosing_func(m, call(m, "Depends")) == NULL, "defaults run in outer scope");
	f = named(m, NODE_FUNC, "plain");
	is_int(f ? f->u.func->n_params : 9, 2, "bare * skipped");
	is_int(f ? f->u.func->body_line : 0, 6, "same-line body line");
	is_int(KIND(nth(m, NODE_STMT, 0)), NODE_STMT, "pass is a STMT");
	model_free(m);
}

/* Call chains and callee normalization */
static void test_calls(void)
{
	struct model *m = parse(
		"rows = session.query(User).filter(User.id == f(1)).first()\n"
		"self._db.execute(stmt)\n"
		"\", \".join(x)\n"
		"(a or b).close()\n"
		"items[0].save()\n"
		"foo()()\n"
		"x = obj.method().attr\n"
		"asyncio.to_thread(open(p).read)\n"
		"log(*args, **kwargs, key=v)\n"
		"call(\n"
		"    a,\n"
		"    b,\n"
		")\n"
		"(a + b).flush()\n"
		"(conn or self.store.db).fetch()\n");
	const struct node *c;

	is_int(m->n_errors, 0, "no errors");
	c = call(m, "session.query().filter().first");
	ok(c != NULL, "chain is one call");
	is_str(c ? c->u.call->name : NULL, "first", "last segment");
	is_int(c ? c->u.call->n_args : 9, 0, "args of the last call");
	ok(call(m, "session.query") == NULL, "no separate inner call");
	ok(call(m, "f") && call(m, "f")->parent == node_index(m, c), "call in inner args is child");
	ok(call(m, "self._db.execute") != NULL, "attribute callee");
	ok(call(m, "<str>.join") != NULL, "string receiver");
	ok(call(m, "b.close") != NULL, "fallback receiver named after its last operand");
	ok(call(m, "<expr>.flush") != NULL, "paren receiver");
	ok(call(m, "self.store.db.fetch") != NULL, "dotted fallback operand");
	ok(call(m, "items[].save") != NULL, "subscript collapsed");
	c = call(m, "foo()");
	ok(c != NULL, "foo()() callee");
	is_str(c ? c->u.call->name : NULL, "foo()", "foo()() name");
	ok(call(m, "obj.method") != NULL, "chain ending in attribute");
	c = call(m, "asyncio.to_thread");
	ok(c && call(m, "open") && call(m, "open")->parent == node_index(m, c), "open() child of to_thread");
	c = call(m, "log");
	is_int(c ? c->u.call->n_args : 0, 3, "star args");
	is_str(c ? c->u.call->args[0].name : NULL, "*", "* arg");
	is_str(c ? c->u.call->args[1].name : NULL, "**", "** arg");
	is_str(c ? txt(m, c->u.call->args[1].expr) : NULL, "kwargs", "** expr");
	is_str(c ? txt(m, c->u.call->args_text) : NULL, "*args, **kwargs, key=v", "args_text");
	c = call(m, "call");
	is_int(c ? c->line : 0, 10, "multi-line call line");
	is_int(c ? c->end_line : 0, 13, "call end line is the closing paren");
	is_int(c ? c->u.call->n_args : 0, 2, "trailing comma");
	is_int(c ? parent(m, c)->end_line : 0, 13, "statement end line");
	model_free(m);
}

/* Await on calls, AWAIT nodes, async for/with/comprehension */
static void test_await(void)
{
	struct model *m = parse(
		"async def h():\n"
		"    await asyncio.gather(f(), g())\n"
		"    await fut\n"
		"    x = (await session.execute(q)).scalars().all()\n"
		"    async for row in stream(): pass\n"
		"    async with lock: pass\n"
		"    r = [await k(v) async for v in src()]\n");
	const struct node *c, *l;

	ok(FLAGS(call(m, "asyncio.gather")) & NF_AWAITED, "gather awaited");
	ok(!(FLAGS(call(m, "f")) & NF_AWAITED), "inner f not awaited");
	ok(nth(m, NODE_AWAIT, 0) && nth(m, NODE_AWAIT, 0)->line == 3, "await fut -> AWAIT");
	ok(FLAGS(call(m, "session.execute")) & NF_AWAITED, "awaited inside parens");
	c = call(m, "<expr>.scalars().all");
	ok(c && !(c->flags & NF_AWAITED), "outer chain not awaited");
	ok(call(m, "session.execute") < c, "inner call comes first");
	l = nth(m, NODE_LOOP, 0);
	ok(FLAGS(l) & NF_ASYNC, "async for");
	ok(FLAGS(nth(m, NODE_WITH, 0)) & NF_ASYNC, "async with");
	l = nth(m, NODE_LOOP, 1);
	ok(l && (l->flags & NF_COMPREHENSION) && (l->flags & NF_ASYNC), "async comprehension");
	c = call(m, "k");
	ok(c && (c->flags & NF_AWAITED) && c->parent == node_index(m, l), "await in comprehension element");
	ok(call(m, "src") && call(m, "src")->parent != node_index(m, l), "first iterable outside the LOOP");
	ok(model_enclosing_loop(m, c) == l, "enclosing loop of element");
	ok(model_enclosing_loop(m, call(m, "stream")) == NULL, "for iterable is not inside its loop");
	model_free(m);
}

/* For/while/comprehensions, small literals */
static void test_loops(void)
{
	struct model *m = parse(
		"for x in [1, 2, 3]:\n"
		"    total += x\n"
		"for i in range(10): pass\n"
		"for i in range(1000): pass\n"
		"for k, v in d.items():\n"
		"    pass\n"
		"else:\n"
		"    done()\n"
		"while cond(x):\n"
		"    step()\n"
		"for a in 'x', 'y': pass\n"
		"for q in query.all(): pass\n"
		"s = {k: v for k, v in pairs if v}\n"
		"g = sum(x * 2 for x in nums)\n");
	const struct node *l;

	is_int(count(m, NODE_LOOP), 9, "loop count");
	l = nth(m, NODE_LOOP, 0);
	ok(FLAGS(l) & NF_SMALL_LITERAL, "literal list is small");
	is_str(txt(m, l->u.loop->iter), "[1, 2, 3]", "iter span");
	is_int(l->end_line, 2, "for end line");
	is_int(KIND(nth(m, NODE_AUGASSIGN, 0)), NODE_AUGASSIGN, "augassign");
	is_str(nth(m, NODE_AUGASSIGN, 0)->name, "+=", "augassign operator");
	is_str(txt(m, nth(m, NODE_AUGASSIGN, 0)->text), "total", "augassign target");
	ok(FLAGS(nth(m, NODE_LOOP, 1)) & NF_SMALL_LITERAL, "range(10) small");
	ok(!(FLAGS(nth(m, NODE_LOOP, 2)) & NF_SMALL_LITERAL), "range(1000) not small");
	l = nth(m, NODE_LOOP, 3);
	is_str(l->name, "k, v", "tuple target name");
	is_str(txt(m, l->u.loop->target), "k, v", "target span");
	ok(!(l->flags & NF_SMALL_LITERAL), "d.items() not small");
	ok(nth(m, NODE_ELSE, 0) && nth(m, NODE_ELSE, 0)->parent == 0, "for-else is a sibling");
	l = nth(m, NODE_LOOP, 4);
	ok(FLAGS(l) & NF_WHILE, "while");
	is_str(txt(m, l->value), "cond(x)", "while condition");
	ok(model_enclosing_loop(m, call(m, "cond")) == l, "while condition repeats");
	ok(FLAGS(nth(m, NODE_LOOP, 5)) & NF_SMALL_LITERAL, "bare tuple small");
	ok(!(FLAGS(nth(m, NODE_LOOP, 6)) & NF_SMALL_LITERAL), "query not small");
	l = nth(m, NODE_LOOP, 7);
	ok(FLAGS(l) & NF_COMPREHENSION, "dict comprehension");
	is_str(txt(m, l->u.loop->iter), "pairs", "comprehension iter stops at if");
	l = nth(m, NODE_LOOP, 8);
	ok(l && (l->flags & NF_COMPREHENSION) && parent(m, l)->kind == NODE_CALL, "genexp in call");
	model_free(m);
}

/* String prefixes, f-strings, triple quotes */
static void test_strings(void)
{
	struct model *m = parse(
		"s = f\"{x!r:>{width}} {f'{y}'}\"\n"
		"t = f\"{'a' + \"b\"}{d[\"k\"]:{w}.{p}f} {{literal}}\"\n"
		"doc = '''\n"
		"def fake():\n"
		"    ( [ \" ' \"\"\n"
		"'''\n"
		"r = rb'\\d+' + Rb\"x\" + br'y' + u'z' + fr'{a}' + t'{b}'\n"
		"n = f\"{f\"{f\"{deep}\"}\"}\"\n"
		"def real(): pass\n");

	is_int(m->n_errors, 0, "no errors");
	is_int(count(m, NODE_FUNC), 1, "def inside triple quotes ignored");
	is_int(named(m, NODE_FUNC, "real") ? named(m, NODE_FUNC, "real")->line : 0, 9, "lines after strings");
	is_str(txt(m, nth(m, NODE_ASSIGN, 0)->value), "f\"{x!r:>{width}} {f'{y}'}\"", "nested f-string one token");
	is_int(nth(m, NODE_ASSIGN, 2)->end_line, 6, "triple-quoted end line");
	is_int(count(m, NODE_ASSIGN), 5, "assignments");
	is_int(count(m, NODE_CALL), 0, "no calls from string contents");
	model_free(m);
}

/* Continuations, tabs, CRLF and CR */
static void test_lines(void)
{
	struct model *m = parse(
		"x = 1 + \\\n"
		"    2\n"
		"if a and \\\n"
		"   b:\n"
		"\tfoo()\n"
		"\tif c:\n"
		"\t\tbar()\n"
		"                baz()\n");
	const struct node *n;

	is_int(m->n_errors, 0, "no errors (tabs = 8 columns)");
	n = nth(m, NODE_ASSIGN, 0);
	is_int(n->end_line, 2, "backslash continuation");
	n = nth(m, NODE_IF, 0);
	is_int(n->line, 3, "if line");
	is_int(n->end_line, 8, "if end line");
	ok(parent(m, parent(m, call(m, "baz"))) == nth(m, NODE_IF, 1), "8 spaces == 1 tab level 2");
	is_int(call(m, "bar")->col, 2, "col in bytes");
	model_free(m);

	m = parse("def f():\r\n    a()\r\n\r\nb()\rc()\r");
	is_int(m->n_errors, 0, "CRLF / CR no errors");
	is_int(m->n_lines, 5, "CR lines counted");
	is_int(call(m, "a")->line, 2, "CRLF line");
	is_int(call(m, "c")->line, 5, "lone CR line");
	is_int(KIND(parent(m, parent(m, call(m, "b")))), NODE_MODULE, "dedent after CRLF");
	model_free(m);
}

/* Try/except/else/finally, if/elif/else, with items */
static void test_compound(void)
{
	struct model *m = parse(
		"try:\n"
		"    f()\n"
		"except ValueError as e:\n"
		"    g()\n"
		"except* OSError:\n"
		"    pass\n"
		"except A, B:\n"
		"    pass\n"
		"else:\n"
		"    h()\n"
		"finally:\n"
		"    session.close()\n"
		"if x: return y\n"
		"elif z: k(); j()\n"
		"else: pass\n"
		"try: f2()\n"
		"except: pass\n"
		"with (open(a) as fa, open(b) as fb):\n"
		"    pass\n"
		"with lock:\n"
		"    pass\n");
	const struct node *t = nth(m, NODE_TRY, 0), *e;

	is_int(m->n_errors, 0, "no errors");
	is_int(t->end_line, 12, "try end line covers finally");
	e = nth(m, NODE_EXCEPT, 0);
	ok(e->parent == node_index(m, t), "except is TRY child");
	is_str(txt(m, e->text), "ValueError", "except type");
	is_str(e->name, "e", "except as name");
	ok(FLAGS(nth(m, NODE_EXCEPT, 1)) & NF_STAR_EXCEPT, "except*");
	is_str(txt(m, nth(m, NODE_EXCEPT, 2)->text), "A, B", "except A, B");
	ok(nth(m, NODE_ELSE, 0)->parent == node_index(m, t), "try-else is TRY child");
	ok(nth(m, NODE_FINALLY, 0)->parent == node_index(m, t), "finally TRY child");
	ok(parent(m, parent(m, call(m, "session.close"))) == nth(m, NODE_FINALLY, 0), "finally body");
	e = nth(m, NODE_IF, 1);
	ok(FLAGS(e) & NF_ELIF, "elif flag");
	ok(e->parent == 0, "elif sibling");
	ok(parent(m, parent(m, call(m, "j"))) == e, "semicolon statements in elif body");
	is_int(KIND(nth(m, NODE_RETURN, 0)), NODE_RETURN, "return in same-line body");
	ok(parent(m, nth(m, NODE_RETURN, 0)) == nth(m, NODE_IF, 0), "return child of if");
	ok(nth(m, NODE_ELSE, 1)->parent == 0, "if-else sibling");
	ok(nth(m, NODE_TRY, 1) && nth(m, NODE_EXCEPT, 3)->parent == node_index(m, nth(m, NODE_TRY, 1)), "same-line try");
	e = nth(m, NODE_WITH, 0);
	is_int(e->n_items, 2, "parenthesized with items");
	is_str(txt(m, e->u.items[1].expr), "open(b)", "with item expr");
	is_str(e->u.items[1].name, "fb", "with item as");
	ok(FLAGS(call(m, "open")) & NF_HEADER, "with context call in header");
	is_int(nth(m, NODE_WITH, 1)->n_items, 1, "simple with");
	ok(nth(m, NODE_WITH, 1)->u.items[0].name == NULL, "no as name");
	model_free(m);
}

/* Soft keywords: match, case, type; PEP 695 */
static void test_match_and_soft(void)
{
	struct model *m = parse(
		"match = re.match(p, s)\n"
		"match.group(1)\n"
		"match command.split():\n"
		"    case [action, obj] if valid(obj):\n"
		"        go(action)\n"
		"    case {\"k\": v}:\n"
		"        pass\n"
		"    case _:\n"
		"        pass\n"
		"type = 3\n"
		"type X = int\n"
		"type Pair[T] = tuple[T, T]\n"
		"class Box[T](Generic[T]):\n"
		"    item: T\n"
		"def first[T](xs: list[T]) -> T:\n"
		"    return xs[0]\n"
		"case = 1\n");
	const struct node *n;

	is_int(m->n_errors, 0, "no errors");
	n = nth(m, NODE_ASSIGN, 0);
	is_str(n->name, "match", "match as a name");
	ok(call(m, "match.group") != NULL, "match as receiver");
	n = nth(m, NODE_MATCH, 0);
	ok(n != NULL, "match statement");
	is_str(txt(m, n->value), "command.split()", "match subject");
	is_int(count(m, NODE_CASE), 3, "three cases");
	ok(nth(m, NODE_CASE, 0)->parent == node_index(m, n), "case child of match");
	is_str(txt(m, nth(m, NODE_CASE, 0)->value), "valid(obj)", "case guard");
	is_str(txt(m, nth(m, NODE_CASE, 0)->text), "[action, obj]", "case pattern");
	is_int(n->end_line, 9, "match end line");
	is_str(nth(m, NODE_ASSIGN, 1)->name, "type", "type as a name");
	ok(named(m, NODE_STMT, "X") != NULL, "type alias");
	n = named(m, NODE_CLASS, "Box");
	is_str(txt(m, n->u.cls->bases), "Generic[T]", "class bases after type params");
	n = named(m, NODE_FUNC, "first");
	is_int(n->u.func->n_params, 1, "generic def params");
	is_str(txt(m, n->u.func->returns), "T", "generic def return");
	is_str(nth(m, NODE_ASSIGN, 3)->name, "case", "case as a name at module level");
	model_free(m);
}

/* Assignment forms, class attributes, lambda, walrus */
static void test_assignments(void)
{
	struct model *m = parse(
		"class User(Base):\n"
		"    __tablename__ = 'users'\n"
		"    id: Mapped[int] = mapped_column(primary_key=True)\n"
		"    name: Mapped[str]\n"
		"    posts: Mapped[list[Post]] = relationship(back_populates='user', lazy='selectin')\n"
		"    def touch(self):\n"
		"        self.count += 1\n"
		"        self.items[k] = v\n"
		"        a = b = compute()\n"
		"        x, y = pair()\n"
		"        del self.cache[k]\n"
		"        f = lambda r: r.save()\n"
		"if (n := len(xs)) > 10:\n"
		"    pass\n");
	const struct node *n, *c = named(m, NODE_CLASS, "User");

	is_int(m->n_errors, 0, "no errors");
	is_str(txt(m, c->u.cls->bases), "Base", "bases");
	n = named(m, NODE_ASSIGN, "id");
	ok(FLAGS(n) & NF_ANNOTATED, "annotated");
	is_str(txt(m, n->value), "mapped_column(primary_key=True)", "annotated value");
	ok(call(m, "mapped_column")->parent == node_index(m, n), "call child of assign");
	n = named(m, NODE_ASSIGN, "name");
	ok((FLAGS(n) & NF_ANNOTATED) && n->value.len == 0, "bare annotation");
	ok(call(m, "relationship") && call(m, "relationship")->u.call->n_args == 2, "relationship args");
	n = named(m, NODE_FUNC, "touch");
	ok(FLAGS(n) & NF_METHOD, "method");
	is_str(n->u.func->qualname, "User.touch", "qualname");
	ok(FLAGS(nth(m, NODE_AUGASSIGN, 0)) & NF_TARGET_ATTR, "augassign attr target");
	n = named(m, NODE_ASSIGN, "self.items[k]");
	ok(FLAGS(n) & NF_TARGET_ATTR, "subscript target");
	n = named(m, NODE_ASSIGN, "a");
	ok(n && !(n->flags & NF_TARGET_ATTR), "chained assign: first target");
	is_str(n ? txt(m, n->value) : NULL, "compute()", "chained value");
	is_int(count(m, NODE_ASSIGN), 9, "one node per assignment (plus walrus, lambda)");
	ok(named(m, NODE_ASSIGN, "x, y") != NULL, "tuple target");
	is_int(KIND(nth(m, NODE_DEL, 0)), NODE_DEL, "del");
	n = nth(m, NODE_FUNC, 1);
	ok(n && (n->flags & NF_LAMBDA), "lambda FUNC");
	ok(call(m, "r.save") && model_enclosing_func(m, call(m, "r.save")) == n, "lambda body scope");
	n = nth(m, NODE_ASSIGN, 8);
	ok(FLAGS(n) & NF_WALRUS, "walrus");
	is_str(n->name, "n", "walrus name");
	ok(parent(m, n)->kind == NODE_IF, "walrus in if header");
	model_free(m);
}

/* Nested defs and generator detection */
static void test_nesting_and_yield(void)
{
	struct model *m = parse(
		"async def outer():\n"
		"    def inner():\n"
		"        yield 1\n"
		"    x = yield\n"
		"    y = [(yield z) for z in q]\n"
		"    return inner\n"
		"def gen():\n"
		"    yield from other()\n"
		"def notgen():\n"
		"    return lambda: (yield)\n");
	const struct node *o = named(m, NODE_FUNC, "outer"), *i = named(m, NODE_FUNC, "inner");

	ok(o && i && i->parent == node_index(m, o), "def inside async def is its own FUNC");
	ok(!(i->flags & NF_ASYNC), "inner not async");
	ok(i->flags & NF_GENERATOR, "inner generator");
	ok(o->flags & NF_GENERATOR, "x = yield makes outer a generator");
	is_str(i->u.func->qualname, "outer.inner", "nested qualname");
	ok(KIND(parent(m, nth(m, NODE_YIELD, 1))) == NODE_ASSIGN, "yield expression child of assign");
	ok(FLAGS(nth(m, NODE_YIELD, 3)) & NF_YIELD_FROM, "yield from");
	ok(named(m, NODE_FUNC, "gen")->flags & NF_GENERATOR, "gen generator");
	ok(!(named(m, NODE_FUNC, "notgen")->flags & NF_GENERATOR), "yield in lambda stays in lambda");
	is_int(o->end_line, 6, "outer end line");
	model_free(m);
}

/* Import entries, resolution, ignore comments */
static void test_imports_ignores(void)
{
	char buf[128];
	struct model *m = parse(
		"import os.path\n"
		"import numpy as np\n"
		"from time import sleep\n"
		"from .models import (User,\n"
		"    Post as P)\n"
		"from . import deps\n"
		"x = 1  # ppaudit: ignore[blocking_io, sync_sleep] legacy path\n"
		"# ppaudit: ignore\n"
		"\n"
		"sleep(1)\n"
		"# ppaudit: ignored-not\n");

	is_int(m->n_imports, 6, "import entries");
	is_str(m->imports[0].local, "os", "import a.b binds a");
	is_str(m->imports[0].target, "os", "import a.b target a");
	is_str(m->imports[1].local, "np", "as name");
	is_str(m->imports[1].target, "numpy", "as target");
	is_str(m->imports[2].target, "time.sleep", "from import target");
	is_str(m->imports[3].target, ".models.User", "relative import");
	is_str(m->imports[4].local, "P", "from import as");
	is_int(m->imports[4].line, 4, "import line");
	is_str(m->imports[5].target, ".deps", "from . import");
	is_str(model_resolve(m, "sleep", buf, sizeof buf), "time.sleep", "resolve from import");
	is_str(model_resolve(m, "np.array", buf, sizeof buf), "numpy.array", "resolve alias");
	is_str(model_resolve(m, "os.path.join", buf, sizeof buf), "os.path.join", "resolve import a.b");
	is_str(model_resolve(m, "foo.bar", buf, sizeof buf), "foo.bar", "unresolved unchanged");
	is_int(count(m, NODE_IMPORT), 0, "no node for a module-level import");
	is_int(m->n_ignores, 2, "ignore comments");
	is_int(m->ignores[0].line, 7, "trailing ignore applies to its line");
	is_str(m->ignores[0].checks, "blocking_io,sync_sleep", "normalized ids");
	is_str(m->ignores[0].reason, "legacy path", "reason");
	is_int(m->ignores[1].line, 10, "stand-alone ignore applies to next code line");
	is_str(m->ignores[1].checks, "", "ignore all");
	model_free(m);
	m = parse("def f():\n    import json\n    return json\n"
		  "try:\n    import ujson as json\nexcept ImportError:\n    pass\n");
	is_int(count(m, NODE_IMPORT), 2, "an import in a block keeps its node");
	is_int(m->n_imports, 2, "and its import entry");
	model_free(m);
}

/* Recoverable errors and hostile bytes */
static void test_errors(void)
{
	struct model *m;
	const char unterminated[] = "x = 'abc\ndef ok():\n    pass\n";
	static const char bytes[] = "caf\xc3\xa9 = \xff\xfe(1)\ndef g\x80():\n    return b'\xff'\n";

	m = parse(unterminated);
	ok(m->n_errors >= 1 && m->errors[0].line == 1, "unterminated string: error with line");
	ok(named(m, NODE_FUNC, "ok") != NULL, "parsing continues");
	model_free(m);

	m = parse("def f():\n    s = \"\"\"never closed\n    x()\n");
	ok(m->n_errors >= 1 && m->errors[0].line == 2, "unterminated triple quote line");
	ok(named(m, NODE_FUNC, "f") != NULL, "def before it kept");
	model_free(m);

	m = parse("def f():\n    x = call(a,\n\ndef g():\n    pass\n");
	ok(m->n_errors >= 1 && m->errors[0].line == 2, "unclosed bracket line");
	ok(named(m, NODE_FUNC, "g") != NULL, "recovers at the next def");
	model_free(m);

	m = parse("x = [1, 2");
	ok(m->n_errors == 1, "bracket at EOF");
	ok(nth(m, NODE_ASSIGN, 0) != NULL, "statement kept");
	model_free(m);

	m = parse("def f(:\n  pass\n)\n) ]\nfoo(\n");
	ok(m->n_errors >= 1, "garbage reports errors");
	model_free(m);

	m = parse("if x:\n        a()\n    b()\nc()\n");
	ok(m->n_errors == 1, "inconsistent dedent reported");
	ok(parent(m, parent(m, call(m, "b"))) == nth(m, NODE_IF, 0), "stays in the block");
	ok(parent(m, parent(m, call(m, "c")))->kind == NODE_MODULE, "then dedents");
	model_free(m);

	m = parse_n(bytes, sizeof bytes - 1);
	ok(m->n_nodes > 1, "non-UTF-8 parses");
	ok(named(m, NODE_ASSIGN, "caf\xc3\xa9") != NULL, "UTF-8 identifier");
	ok(call(m, "\xff\xfe") != NULL, "bytes >= 0x80 are identifier chars");
	model_free(m);

	m = parse_n("a = 1\0\nb()", 10);
	ok(call(m, "b") != NULL, "NUL byte does not stop the lexer");
	model_free(m);

	m = parse("");
	is_int(m->n_nodes, 1, "empty file");
	is_int(m->n_errors, 0, "empty file no errors");
	model_free(m);

	m = parse("  x = 1\nif y:\nz = 2\n");
	ok(m->n_errors == 2, "unexpected indent + expected block");
	model_free(m);

	m = parse("x = 1\nelse:\n    pass\n= y\nin z\nwhile a: pass\nelse: pass\n");
	is_int(m->n_errors, 3, "else without if, stray '=' and 'in'");
	is_int(m->n_errors == 3 ? m->errors[0].line : 0, 2, "else line");
	is_int(m->n_errors == 3 ? m->errors[1].line : 0, 4, "stray '=' line");
	model_free(m);

	m = parse("@decorator\n");
	ok(m->n_errors == 1, "dangling decorator");
	model_free(m);
}

/* Cases found on the CPython standard library and by fuzzing. */
static void test_regressions(void)
{
	struct model *m = parse(
		"for func in lambda c: c.copy(), copy.copy:\n"
		"    use(func)\n"
		"a = fr'\\{{' + fr'\\{{{1+1}'\n"
		"match ...:\n"
		"    case _: pass\n"
		"with cm() as targets()[0]:\n"
		"    pass\n"
		"s = f\"{1+2 = # comment\n"
		"  }\"\n"
		"x = call(\n"
		"    # ppaudit: ignore[n_plus_one]\n"
		"    inner(),\n"
		")\n"
		"y = (\n");
	const struct node *l = nth(m, NODE_LOOP, 0);

	is_int(m->n_errors, 1, "only the unclosed bracket at EOF is an error");
	is_int(m->n_errors ? m->errors[0].line : 0, 14, "its line");
	ok(l && parent(m, parent(m, call(m, "use"))) == l, "lambda colon is not the header colon");
	is_str(l ? txt(m, l->u.loop->iter) : NULL, "lambda c: c.copy(), copy.copy", "iter with lambda");
	ok(nth(m, NODE_MATCH, 0) != NULL, "match ...:");
	ok(call(m, "targets") && (call(m, "targets")->flags & NF_HEADER), "calls in with target");
	is_int(nth(m, NODE_ASSIGN, 1)->end_line, 9, "comment inside f-string field");
	is_int(m->n_ignores, 1, "ignore inside brackets");
	is_int(m->ignores[0].line, 12, "applies to the next code line");
	is_int(nth(m, NODE_ASSIGN, 3)->end_line, 14, "EOF node ends on the last line");
	is_int(m->n_lines, 14, "line count");
	model_free(m);

	m = parse("print >>sys.stderr, 'x'\nexec 'code'\nprint 'a' % b\n");
	ok(m->n_nodes > 1, "Python 2 code does not crash");
	model_free(m);

	m = parse("\xef\xbb\xbfimport os\n");
	is_int(m->n_errors, 0, "BOM skipped");
	is_str(m->n_imports ? m->imports[0].local : NULL, "os", "import after BOM");
	model_free(m);
}

/* Rough speed on a synthetic 60k-line file (printed, not asserted) */
static void test_throughput(void)
{
	static const char chunk[] =
		"class Repo(Base):\n"
		"    id: Mapped[int] = mapped_column(primary_key=True)\n"
		"    async def list_items(self, db: Session = Depends(get_db)) -> list[Item]:\n"
		"        \"\"\"List items, with (brackets) and 'quotes'.\"\"\"\n"
		"        rows = (await db.execute(select(Item).where(Item.owner == self.id))).scalars().all()\n"
		"        for row in rows:\n"
		"            if row.price > 10 and f\"{row.name!r:>{width}}\":\n"
		"                total += sum(x * 2 for x in row.values if x)  # comment\n"
		"        return [r.to_dict() for r in rows]\n"
		"\n";
	struct strbuf sb = STRBUF_INIT;
	struct timespec t0, t1;
	struct model *m;
	size_t len;
	double secs;
	uint32_t lines;

	while (sb.len < 50000 * 60)
		sb_add(&sb, chunk, sizeof chunk - 1);
	len = sb.len;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	m = python_parse(sb_detach(&sb), len);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	lines = m->n_lines;
	is_int(m->n_errors, 0, "synthetic input parses cleanly");
	ok(lines >= 50000, "synthetic input has %u lines", lines);
	printf("# throughput: %.0f MB/s (%u lines, %.1f ms, %u nodes)\n",
	       (double)len / 1e6 / (secs > 0 ? secs : 1e-9), lines, secs * 1e3, m->n_nodes);
	model_free(m);
}

/* PEP 701: a replacement field of a one-line f-string may span lines; a
 * one-line f-string whose field never closes is still an error. */
static void test_pep701_multiline_field(void)
{
	struct model *m = parse("def total(x, y):\n"
				"    return f\"sum: {\n"
				"        x +\n"
				"        y\n"
				"    } units\"\n"
				"\n"
				"def after():\n"
				"    time.sleep(1)\n");
	const struct node *f = named(m, NODE_FUNC, "after");

	is_int(m->n_errors, 0, "multi-line field in a one-line f-string parses (3.12)");
	ok(f != NULL && f->line == 7, "lines after it keep their numbers");
	ok(call(m, "time.sleep") != NULL && call(m, "time.sleep")->line == 8,
	   "the call after it is found on its line");
	model_free(m);
	m = parse("x = f\"{value\n"
		  "y = compute(x)\n");
	ok(m->n_errors >= 1 && m->errors[0].line == 1, "a field that never closes is an error on its line");
	ok(call(m, "compute") != NULL && call(m, "compute")->line == 2,
	   "and the next line still parses");
	model_free(m);
}

/* break / continue are nodes of their own (no text probes in checks), and
 * a with statement's item count saturates instead of wrapping. */
static void test_jumps_and_items(void)
{
	struct model *m = parse("for x in xs:\n"
				"    if x:\n"
				"        break\n"
				"    continue\n"
				"while True:\n"
				"    break  # done\n");
	struct strbuf sb = STRBUF_INIT;
	const struct node *b;

	is_int(count(m, NODE_BREAK), 2, "two break nodes");
	is_int(count(m, NODE_CONTINUE), 1, "one continue node");
	b = nth(m, NODE_BREAK, 0);
	ok(b != NULL && b->line == 3 && model_node(m, b->parent)->kind == NODE_IF,
	   "break sits in its if, on its line");
	is_int(count(m, NODE_STMT), 0, "no jump is left as a plain statement");
	model_free(m);

	sb_adds(&sb, "with ");
	for (int i = 0; i < 300; i++)
		sb_addf(&sb, "%sopen('f%d') as f%d", i ? ", " : "", i, i);
	sb_adds(&sb, ":\n    pass\n");
	m = parse(sb_str(&sb));
	b = nth(m, NODE_WITH, 0);
	ok(b != NULL && b->n_items == 255 && m->n_errors == 1,
	   "300 with-items: 255 kept, the excess reported");
	model_free(m);
	sb_release(&sb);
}

/* except clauses carry their types; catch-alls are flagged by the front end. */
static void test_except_types(void)
{
	struct model *m = parse("try:\n    f()\n"
				"except (db.IntegrityError, ValueError) as e:\n    pass\n"
				"except Exception:\n    pass\n"
				"except:\n    pass\n"
				"except* builtins.BaseException:\n    pass\n"
				"except KeyError, TypeError:\n    pass\n");
	const struct node *e0 = nth(m, NODE_EXCEPT, 0), *e1 = nth(m, NODE_EXCEPT, 1);
	const struct node *e2 = nth(m, NODE_EXCEPT, 2), *e3 = nth(m, NODE_EXCEPT, 3);
	const struct node *e4 = nth(m, NODE_EXCEPT, 4);

	ok(e0 && e0->u.exc && e0->u.exc->n_types == 2 &&
	   strcmp(e0->u.exc->types[0], "db.IntegrityError") == 0 &&
	   strcmp(e0->u.exc->types[1], "ValueError") == 0 && strcmp(e0->name, "e") == 0,
	   "a tuple of types, dotted names kept, the as-name apart");
	ok(e0 && !(e0->flags & NF_CATCH_ALL) && model_except_names_suffix(e0, "Error") &&
	   !model_except_names_suffix(e0, "Exception"), "specific types are not a catch-all");
	ok(e1 && (e1->flags & NF_CATCH_ALL), "except Exception catches all");
	ok(e2 && (e2->flags & NF_CATCH_ALL) && e2->u.exc == NULL, "a bare except catches all");
	ok(e3 && (e3->flags & NF_CATCH_ALL) && (e3->flags & NF_STAR_EXCEPT),
	   "except* with a dotted BaseException catches all");
	ok(e4 && e4->u.exc && e4->u.exc->n_types == 2, "PEP 758 unparenthesised types");
	model_free(m);
}

/* `global` / `nonlocal` declare names of an outer scope. */
static void test_outer_names(void)
{
	struct model *m = parse("def setup():\n    global _client, _pool\n    _client = make()\n");
	const struct node *g = nth(m, NODE_STMT, 0);

	ok(g != NULL && (g->flags & NF_OUTER_NAMES), "global: a STMT with NF_OUTER_NAMES");
	ok(g != NULL && span_eq(m, g->value, "_client, _pool"), "global: value holds the names");
	model_free(m);
}

int main(void)
{
	test_outer_names();
	test_except_types();
	test_jumps_and_items();
	test_pep701_multiline_field();
	test_functions();
	test_calls();
	test_await();
	test_loops();
	test_strings();
	test_lines();
	test_compound();
	test_match_and_soft();
	test_assignments();
	test_nesting_and_yield();
	test_imports_ignores();
	test_errors();
	test_regressions();
	test_throughput();
	return done_testing();
}
