/* Unit tests for the JavaScript/TypeScript front end (src/lang/javascript*.c):
 * tree shape, callees, flags, loops and callbacks, TypeScript and JSX
 * syntax, regex vs division, ASI, templates, imports, ignores, recovery. */
#include "tap.h"
#include "model-query.h"

#include "lang/javascript.h"
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
	return javascript_parse(src, n);
}

/* Parses a NUL-terminated snippet. */
static struct model *parse(const char *s)
{
	return parse_n(s, strlen(s));
}


#define LINE(n) ((n) ? (int)(n)->line : -1)
#define CALLEE(n) ((n) && (n)->kind == NODE_CALL ? (n)->u.call->callee : NULL)

/* Functions, arrows, methods, generators; names and qualnames */
static void test_functions(void)
{
	struct model *m = parse(
		"async function load(id: string, opts = defaults()): Promise<User> {\n"
		"  return await db.users.findOne({ where: { id } })\n"
		"}\n"
		"function* gen() { yield* other(); }\n"
		"const handler = async (req, res) => res.json(await svc.list())\n"
		"const one = x => x + 1\n"
		"export const fn = function named() {}\n"
		"exports.main = async function () {}\n");
	const struct node *f = named(m, NODE_FUNC, "load"), *c;

	is_int(m->n_errors, 0, "no errors");
	ok(f && (f->flags & NF_ASYNC), "async function");
	is_int(LINE(f), 1, "function line");
	is_int(f ? f->end_line : 0, 3, "function end line");
	is_int(f ? f->u.func->n_params : 0, 2, "two params");
	is_str(f ? f->u.func->params[0].name : NULL, "id", "param name");
	is_str(f ? txt(m, f->u.func->params[0].annotation) : NULL, "string", "param type");
	is_str(f ? txt(m, f->u.func->params[1].def) : NULL, "defaults()", "param default");
	is_str(f ? txt(m, f->u.func->returns) : NULL, "Promise<User>", "return type");
	c = call(m, "defaults");
	ok(c && (c->flags & NF_HEADER) && c->parent == node_index(m, f), "default is header code");
	c = call(m, "db.users.findOne");
	ok(c && (c->flags & NF_AWAITED), "awaited call");
	is_int(KIND(parent(m, c)), NODE_RETURN, "inside return");
	ok(model_enclosing_func(m, c) == f, "enclosing function");
	f = named(m, NODE_FUNC, "gen");
	ok(FLAGS(f) & NF_GENERATOR, "function* is a generator");
	ok(FLAGS(nth(m, NODE_YIELD, 0)) & NF_YIELD_FROM, "yield* is NF_YIELD_FROM");
	f = named(m, NODE_FUNC, "handler");
	ok(f && (f->flags & NF_ASYNC) && !(f->flags & NF_LAMBDA), "async arrow named after its const is a function");
	is_int(KIND(parent(m, f)), NODE_ASSIGN, "arrow under its ASSIGN");
	c = call(m, "svc.list");
	ok(c && (c->flags & NF_AWAITED) && model_enclosing_func(m, c) == f, "expression body scanned");
	is_str(CALLEE(parent(m, c)), "res.json", "call inside call args");
	ok(named(m, NODE_FUNC, "one") && named(m, NODE_FUNC, "one")->u.func->n_params == 1,
	   "single-parameter arrow");
	ok(named(m, NODE_FUNC, "fn") != NULL, "function expression takes the const name");
	ok(named(m, NODE_FUNC, "main") && (named(m, NODE_FUNC, "main")->flags & NF_ASYNC),
	   "exports.main = async function: named main");
	model_free(m);
}

/* Classes: extends, decorators, methods, fields, #private, static, accessors */
static void test_classes(void)
{
	struct model *m = parse(
		"@Injectable()\n"
		"export class UserService extends Base<User> implements IService {\n"
		"  private readonly cache = new Map<string, User>();\n"
		"  #secret: string\n"
		"  static count = 0\n"
		"  constructor(@InjectRepository(User) private readonly repo: Repository<User>) {\n"
		"    super(repo)\n"
		"  }\n"
		"  @Get(':id')\n"
		"  async findOne(@Param('id') id: string): Promise<User> {\n"
		"    return this.repo.findOneBy({ id })\n"
		"  }\n"
		"  get size() { return this.cache.size }\n"
		"  *items() { yield 1 }\n"
		"  #hidden() {}\n"
		"  handle = async (x: number) => { await this.work(x) }\n"
		"  overload(a: string): void;\n"
		"  overload(a: any) {}\n"
		"  static { init() }\n"
		"}\n");
	const struct node *cls = named(m, NODE_CLASS, "UserService"), *f, *c;

	is_int(m->n_errors, 0, "no errors");
	ok(cls != NULL, "class found");
	is_str(cls ? txt(m, cls->u.cls->bases) : NULL, "Base<User>", "bases from extends");
	is_int(cls ? cls->u.cls->n_decorators : 0, 1, "class decorator");
	is_str(cls ? txt(m, cls->u.cls->decorators[0]) : NULL, "Injectable()", "decorator text");
	c = call(m, "Injectable");
	ok(c && (c->flags & NF_DECORATOR) && c->parent == node_index(m, cls), "decorator call under class");
	f = named(m, NODE_FUNC, "findOne");
	ok(f && (f->flags & NF_METHOD) && (f->flags & NF_ASYNC), "async method");
	is_str(f ? f->u.func->qualname : NULL, "UserService.findOne", "method qualname");
	is_int(LINE(f), 10, "method line (decorators before it)");
	is_int(f ? f->u.func->n_decorators : 0, 1, "method decorator");
	ok(call(m, "Param") && (call(m, "Param")->flags & NF_DECORATOR), "parameter decorator call");
	is_str(CALLEE(nth(m, NODE_CALL, 2)), "InjectRepository", "constructor param decorator");
	f = named(m, NODE_FUNC, "constructor");
	is_int(f ? f->u.func->n_params : 0, 1, "parameter property is a param");
	is_str(f ? f->u.func->params[0].name : NULL, "repo", "modifiers skipped");
	ok(named(m, NODE_ASSIGN, "cache") && named(m, NODE_ASSIGN, "cache")->parent == node_index(m, cls),
	   "field is an ASSIGN in the class body");
	ok(call(m, "Map") != NULL, "new Map<K, V>() is a call to Map");
	ok(FLAGS(named(m, NODE_ASSIGN, "#secret")) & NF_ANNOTATED, "#private typed field");
	ok(named(m, NODE_ASSIGN, "count") != NULL, "static field");
	ok(FLAGS(named(m, NODE_FUNC, "size")) & NF_METHOD, "getter is a method");
	ok(FLAGS(named(m, NODE_FUNC, "items")) & NF_GENERATOR, "generator method");
	ok(named(m, NODE_FUNC, "#hidden") != NULL, "#private method");
	f = named(m, NODE_FUNC, "handle");
	ok(f && (f->flags & NF_METHOD) && (f->flags & NF_ASYNC), "arrow field is an async method");
	is_str(f ? f->u.func->qualname : NULL, "UserService.handle", "arrow field qualname");
	ok(call(m, "this.work") && (call(m, "this.work")->flags & NF_AWAITED), "arrow field body");
	c = call(m, "init");
	ok(c && model_ancestor(m, c, NODE_CLASS) == cls, "static block parsed");
	{
		int n = 0;
		for (uint32_t i = 0; i < m->n_nodes; i++)
			n += m->nodes[i].kind == NODE_FUNC && strcmp(m->nodes[i].name, "overload") == 0;
		is_int(n, 1, "overload signature adds no node");
	}
	model_free(m);

	m = parse("class Q { 'quoted'() {} }\nconst h = ({ a = dflt(), b }: Props) => g(a)\n");
	ok(named(m, NODE_FUNC, "quoted") != NULL, "string-named method without quotes");
	ok(call(m, "dflt") && (call(m, "dflt")->flags & NF_HEADER) &&
	   call(m, "dflt")->parent == node_index(m, named(m, NODE_FUNC, "h")), "pattern default is header code");
	model_free(m);

	m = parse("const Mixed = class extends mixin(Base) { run() {} }\n");
	cls = nth(m, NODE_CLASS, 0);
	ok(cls && call(m, "mixin") && (call(m, "mixin")->flags & NF_HEADER), "class expression, extends call");
	is_str(named(m, NODE_FUNC, "run") ? named(m, NODE_FUNC, "run")->u.func->qualname : NULL,
	       "<class>.run", "anonymous class method");
	model_free(m);
}

/* Callee normalisation */
static void test_calls(void)
{
	struct model *m = parse(
		"this.repo.createQueryBuilder('u').where('u.id = :id', { id }).getOne()\n"
		"a?.b?.c(1)\n"
		"fn?.(x)\n"
		"obj!.method()\n"
		"items[0].save()\n"
		"const d = new Date().getTime()\n"
		"new Error('x')\n"
		"const r = repo.find<User>({ take: 10 })\n"
		"sql`SELECT 1`\n"
		"prisma.$queryRaw`SELECT * FROM t WHERE id = ${id}`\n"
		"'a,b'.split(',')\n"
		"super.save()\n"
		"import('m').then(load)\n"
		"foo(bar(baz()))\n");
	const struct node *c;

	is_int(m->n_errors, 0, "no errors");
	c = call(m, "this.repo.createQueryBuilder().where().getOne");
	ok(c != NULL, "a call on a call's result is one node");
	is_int(c ? c->u.call->n_args : 9, 0, "args of the last call");
	is_str(c ? c->u.call->name : NULL, "getOne", "name is the last segment");
	ok(call(m, "a.b.c") != NULL, "?. normalised to .");
	ok(call(m, "fn") != NULL, "optional call");
	ok(call(m, "obj.method") != NULL, "non-null ! dropped");
	ok(call(m, "items[].save") != NULL, "subscript as []");
	ok(call(m, "Date().getTime") != NULL, "new X().y() chain");
	ok(call(m, "Error") != NULL, "new X() is a call to X");
	c = call(m, "repo.find");
	ok(c && c->u.call->n_args == 1, "type arguments skipped");
	ok(call(m, "sql") != NULL, "tagged template is a call");
	ok(call(m, "prisma.$queryRaw") != NULL, "tagged template with $ name");
	ok(call(m, "<str>.split") != NULL, "string receiver");
	ok(call(m, "super.save") != NULL, "super call");
	ok(call(m, "import().then") != NULL, "dynamic import chain");
	c = call(m, "baz");
	is_str(CALLEE(parent(m, c)), "bar", "nested call is a child");
	is_str(CALLEE(parent(m, parent(m, c))), "foo", "two levels");
	model_free(m);
}

/* Loops: for, for-of, for-in, for await, while, do-while, callbacks */
static void test_loops(void)
{
	struct model *m = parse(
		"for (let i = 0; i < n; i++) { step(i) }\n"
		"for (const user of await repo.find()) { await repo.save(user) }\n"
		"for (const k in obj) use(k)\n"
		"for await (const chunk of stream) handle(chunk)\n"
		"while (more()) next()\n"
		"do { pull() } while (hasMore())\n"
		"users.forEach(async (u) => { await u.reload() })\n"
		"const ids = rows.map(r => r.id).filter(function (id) { return check(id) })\n"
		"const total = xs.reduce((acc, x) => acc + price(x), 0)\n"
		"await Promise.all(items.map(async item => this.repo.save(item)))\n");
	const struct node *l, *c;

	is_int(m->n_errors, 0, "no errors");
	l = nth(m, NODE_LOOP, 0);
	ok(l && !(l->flags & NF_WHILE), "classic for");
	is_str(l ? txt(m, l->u.loop->target) : NULL, "i", "classic for target");
	is_str(l ? txt(m, l->u.loop->iter) : NULL, "i < n", "classic for condition");
	ok(model_enclosing_loop(m, call(m, "step")) == l, "body in the loop");
	l = nth(m, NODE_LOOP, 1);
	is_str(l ? l->name : NULL, "user", "for-of target without const");
	is_str(l ? txt(m, l->u.loop->iter) : NULL, "await repo.find()", "for-of iterable");
	c = call(m, "repo.find");
	ok(c && (c->flags & NF_HEADER) && (c->flags & NF_AWAITED), "iterable call is header, awaited");
	ok(model_enclosing_loop(m, c) == NULL, "iterable runs once");
	ok(model_enclosing_loop(m, call(m, "repo.save")) == l, "awaited save per item");
	l = nth(m, NODE_LOOP, 2);
	is_str(l ? l->name : NULL, "k", "for-in target");
	ok(model_enclosing_loop(m, call(m, "use")) == l, "unbraced body");
	l = nth(m, NODE_LOOP, 3);
	ok(FLAGS(l) & NF_ASYNC, "for await is NF_ASYNC");
	l = nth(m, NODE_LOOP, 4);
	ok((FLAGS(l) & NF_WHILE) && call(m, "more") && (call(m, "more")->flags & NF_HEADER), "while");
	ok(model_enclosing_loop(m, call(m, "more")) == l, "while condition runs per iteration");
	l = nth(m, NODE_LOOP, 5);
	ok((FLAGS(l) & NF_WHILE) && model_enclosing_loop(m, call(m, "pull")) == l, "do-while");
	ok(model_enclosing_loop(m, call(m, "hasMore")) == l, "do-while condition");

	l = nth(m, NODE_LOOP, 6);
	ok(FLAGS(l) & NF_JS_CALLBACK, "forEach callback is a callback loop");
	is_str(l ? txt(m, l->u.loop->iter) : NULL, "users", "iter is the receiver");
	is_str(l ? txt(m, l->u.loop->target) : NULL, "u", "target is the item parameter");
	is_str(CALLEE(parent(m, l)), "users.forEach", "loop is a child of the call");
	ok(l && l->first_child && m->nodes[l->first_child].kind == NODE_FUNC &&
	   (m->nodes[l->first_child].flags & NF_ASYNC), "loop wraps the async callback FUNC");
	ok(model_ancestor(m, call(m, "u.reload"), NODE_LOOP) == l, "callback body inside the loop");
	l = nth(m, NODE_LOOP, 7);
	is_str(l ? txt(m, l->u.loop->iter) : NULL, "rows", "map in a chain: receiver");
	l = nth(m, NODE_LOOP, 8);
	is_str(l ? txt(m, l->u.loop->iter) : NULL, "rows.map(r => r.id)", "filter after map: receiver");
	ok(model_ancestor(m, call(m, "check"), NODE_LOOP) == l, "function expression callback");
	l = nth(m, NODE_LOOP, 9);
	is_str(l ? txt(m, l->u.loop->target) : NULL, "x", "reduce: the item is the 2nd param");
	ok(model_ancestor(m, call(m, "price"), NODE_LOOP) == l, "reduce body");
	c = call(m, "Promise.all");
	ok(c && (c->flags & NF_AWAITED), "Promise.all awaited");
	l = nth(m, NODE_LOOP, 10);
	ok(l && (l->flags & NF_JS_CALLBACK) && model_ancestor(m, l, NODE_CALL) == call(m, "items.map") &&
	   model_ancestor(m, call(m, "items.map"), NODE_CALL) == c, "Promise.all(xs.map(async ...))");
	ok(model_ancestor(m, call(m, "this.repo.save"), NODE_LOOP) == l, "per-item save");
	model_free(m);

	m = parse("await pMap(users, async u => save(u), { concurrency: 4 })\n_.map(rows, r => fmt(r))\n");
	l = nth(m, NODE_LOOP, 0);
	ok(l && (l->flags & NF_JS_CALLBACK) && model_ancestor(m, call(m, "save"), NODE_LOOP) == l,
	   "pMap(xs, fn): callback loop");
	is_str(l ? txt(m, l->u.loop->iter) : NULL, "users", "iter is the first argument");
	is_str(txt(m, nth(m, NODE_LOOP, 1) ? nth(m, NODE_LOOP, 1)->u.loop->iter : (struct span){ 0, 0 }),
	       "rows", "lodash _.map");
	model_free(m);

	m = parse("list.map(formatItem)\nlist.forEach(x => x)\nconst nope = map(x => x)\n");
	is_int(count(m, NODE_LOOP), 1, "only function literals on a receiver become loops");
	model_free(m);

	m = parse("for (const t of ['a', 'b']) f(t)\n;[1, 2, 3].forEach(n => g(n))\nfor (const r of rows) h(r)\n"
		  "await using conn = await pool.connect()\n");
	ok(FLAGS(nth(m, NODE_LOOP, 0)) & NF_SMALL_LITERAL, "for-of over a small array literal");
	ok(FLAGS(nth(m, NODE_LOOP, 1)) & NF_SMALL_LITERAL, "callback over a small array literal");
	ok(!(FLAGS(nth(m, NODE_LOOP, 2)) & NF_SMALL_LITERAL), "not over a variable");
	ok(named(m, NODE_ASSIGN, "conn") && call(m, "pool.connect") &&
	   (call(m, "pool.connect")->flags & NF_AWAITED), "await using declaration");
	is_int(m->n_errors, 0, "no errors");
	model_free(m);
}

/* try/catch/finally, if/else if/else, switch, break/continue, labels */
static void test_compound(void)
{
	struct model *m = parse(
		"try {\n"
		"  await tx.commit()\n"
		"} catch (err: unknown) {\n"
		"  await tx.rollback()\n"
		"  throw new DbError(err)\n"
		"} finally {\n"
		"  release()\n"
		"}\n"
		"if (a) one()\n"
		"else if (b) { two() }\n"
		"else three()\n"
		"switch (kind) {\n"
		"  case 'a':\n"
		"  case 'b': handleAB(); break\n"
		"  default: other()\n"
		"}\n"
		"outer: for (const x of xs) { for (const y of ys) { if (y) continue outer; break } }\n"
		"try { x() } catch { y() }\n");
	const struct node *t = nth(m, NODE_TRY, 0), *e, *n;

	is_int(m->n_errors, 0, "no errors");
	e = nth(m, NODE_EXCEPT, 0);
	ok(e && e->parent == node_index(m, t), "catch is a child of try");
	ok(FLAGS(e) & NF_CATCH_ALL, "catch catches everything");
	is_str(e ? e->name : NULL, "err", "catch binding without type");
	ok(model_ancestor(m, call(m, "tx.rollback"), NODE_EXCEPT) == e, "catch body");
	is_int(KIND(parent(m, call(m, "DbError"))), NODE_RAISE, "throw is RAISE");
	n = nth(m, NODE_FINALLY, 0);
	ok(n && n->parent == node_index(m, t) && n->line == 6 && n->end_line == 8, "finally");
	is_int(t ? t->end_line : 0, 8, "try end line");
	n = nth(m, NODE_IF, 1);
	ok(FLAGS(n) & NF_ELIF, "else if is an IF with NF_ELIF");
	ok(n && n->parent == nth(m, NODE_IF, 0)->parent, "sibling of the IF");
	n = nth(m, NODE_ELSE, 0);
	ok(n && model_ancestor(m, call(m, "three"), NODE_ELSE) == n, "else block");
	n = nth(m, NODE_MATCH, 0);
	is_str(n ? txt(m, n->value) : NULL, "kind", "switch subject");
	is_int(count(m, NODE_CASE), 3, "three cases");
	ok(model_ancestor(m, call(m, "handleAB"), NODE_CASE) == nth(m, NODE_CASE, 1), "case body");
	ok(model_ancestor(m, call(m, "other"), NODE_CASE) == nth(m, NODE_CASE, 2), "default body");
	is_str(nth(m, NODE_CONTINUE, 0) ? nth(m, NODE_CONTINUE, 0)->name : NULL, "outer", "labelled continue");
	ok(nth(m, NODE_BREAK, 1) && nth(m, NODE_BREAK, 1)->name == NULL, "plain break");
	ok(FLAGS(nth(m, NODE_EXCEPT, 1)) & NF_CATCH_ALL, "catch without binding");
	model_free(m);
}

/* Assignments and imports */
static void test_assign_import(void)
{
	struct model *m = parse(
		"import express from 'express'\n"
		"import { Repository, In as InOp } from \"typeorm\"\n"
		"import * as fs from 'node:fs'\n"
		"import type { User } from './user'\n"
		"import { type Foo, bar } from './mixed'\n"
		"import './side-effect'\n"
		"import db = require('./db')\n"
		"const knex = require('knex')\n"
		"const { Pool, Client: PgClient } = require('pg')\n"
		"const get = require('lodash').get\n"
		"let x = 1, y: number = f(), z\n"
		"this.count = 0\n"
		"total += price\n"
		"a.b[c] = d\n"
		";[p, q] = [q, p]\n");
	const struct node *n;
	char buf[64];

	is_int(m->n_errors, 0, "no errors");
	is_int(count(m, NODE_IMPORT), 7, "import statements");
	is_int(m->n_imports, 10, "import bindings (type-only skipped)");
	is_str(m->imports[0].local, "express", "default import");
	is_str(m->imports[0].target, "express", "default import target");
	is_str(m->imports[2].local, "InOp", "renamed import");
	is_str(m->imports[2].target, "typeorm.In", "renamed import target");
	is_str(m->imports[3].target, "node:fs", "namespace import");
	is_str(m->imports[4].local, "bar", "type member skipped");
	is_str(m->imports[5].target, "./db", "import = require");
	is_str(m->imports[6].local, "knex", "require");
	is_str(m->imports[8].local, "PgClient", "destructured require, renamed");
	is_str(m->imports[8].target, "pg.Client", "destructured require target");
	is_str(m->imports[9].target, "lodash.get", "require().member");
	is_str(model_resolve(m, "PgClient.connect", buf, sizeof buf), "pg.Client.connect", "resolves");
	n = named(m, NODE_ASSIGN, "y");
	ok(n && (n->flags & NF_ANNOTATED) && call(m, "f") && call(m, "f")->parent == node_index(m, n),
	   "typed declarator with a call");
	ok(named(m, NODE_ASSIGN, "x") && named(m, NODE_ASSIGN, "z"), "each declarator is an ASSIGN");
	ok(FLAGS(named(m, NODE_ASSIGN, "this.count")) & NF_TARGET_ATTR, "this.x = is NF_TARGET_ATTR");
	n = nth(m, NODE_AUGASSIGN, 0);
	is_str(n ? n->name : NULL, "+=", "augassign operator");
	ok(FLAGS(named(m, NODE_ASSIGN, "a.b[c]")) & NF_TARGET_ATTR, "subscript target");
	ok(named(m, NODE_ASSIGN, "[p, q]") && !(named(m, NODE_ASSIGN, "[p, q]")->flags & NF_TARGET_ATTR),
	   "destructuring target");
	model_free(m);
}

/* The first segment of a callee through a destructuring of a plain dotted
 * value: in the call's function or one around it, the nearest before the
 * call; never a sibling function's. */
static const char *resolved_at(const struct model *m, int nth_call)
{
	const struct node *c = nth(m, NODE_CALL, nth_call);

	return c && c->u.call->resolved ? c->u.call->resolved : "";
}

static void test_destructured_callee(void)
{
	struct model *m = parse(
		"function a() { const { client } = prisma; client.user.create() }\n"
		"function b() { const { client } = cache; }\n"
		"function c() { const { client: db } = this.prisma; db.x.update() }\n"
		"const { client } = top\n"
		"function d() { client.y.find() }\n"
		"function e() { const { client } = inner; function g() { client.z.go() } }\n"
		"function h() { const { client } = one; const { client } = two; client.q() }\n"
		"function k() { client.w()\n"
		"  const { client } = late }\n");
	struct strbuf sb = STRBUF_INIT;
	size_t len;

	model_resolve_calls(m);
	is_str(resolved_at(m, 0), "prisma.client.user.create", "destructured in the same function");
	is_str(resolved_at(m, 1), "this.prisma.client.x.update", "renamed binding");
	is_str(resolved_at(m, 2), "top.client.y.find", "module-level binding, not a sibling's");
	is_str(resolved_at(m, 3), "inner.client.z.go", "binding of an enclosing function");
	is_str(resolved_at(m, 4), "two.client.q", "the nearest binding before the call");
	is_str(resolved_at(m, 5), "top.client.w", "a binding after the call is not used");
	model_free(m);

	/* thousands of bindings of one name in other functions before the
	 * calls: each call still resolves through the module's */
	sb_add(&sb, "const { client } = top\n", 23);
	for (int i = 0; i < 3000; i++)
		sb_add(&sb, "function f() { const { client } = other }\n", 42);
	for (int i = 0; i < 3000; i++)
		sb_add(&sb, "client.x()\n", 11);
	len = sb.len;
	m = javascript_parse(sb_detach(&sb), len);
	model_resolve_calls(m);
	is_str(resolved_at(m, 0), "top.client.x", "first call past 3000 sibling bindings");
	is_str(resolved_at(m, 2999), "top.client.x", "last call past 3000 sibling bindings");
	model_free(m);
}

/* TypeScript-only syntax: no nodes, no errors, code around it intact */
static void test_typescript(void)
{
	struct model *m = parse(
		"type Id = string | number\n"
		"type Fn<T> = (x: T) => Promise<T>\n"
		"interface Repo<T> { find(id: Id): Promise<T>; save(x: T): void }\n"
		"declare module 'express' { interface Request { user?: User } }\n"
		"declare const VERSION: string\n"
		"enum Color { Red = 'r', Green = 'g' }\n"
		"const enum Dir { Up, Down }\n"
		"namespace Util { export function helper() { return work() } }\n"
		"abstract class Shape { abstract area(): number; describe() { return this.area() } }\n"
		"function pick<T, K extends keyof T>(o: T, ...keys: K[]): Pick<T, K> { return select(o) }\n"
		"function over(a: string): string\n"
		"function over(a: any) { return a }\n"
		"const cfg = { port: 3000 } satisfies Config\n"
		"const n = (value as unknown as number) + 1\n"
		"const u = <User>raw\n"
		"const g = <T,>(x: T): T => ident(x)\n"
		"let h: Array<Map<string, number>> = []\n"
		"function isUser(x: unknown): x is User { return check(x) }\n"
		"export type { Id }\n"
		"export * from './other'\n"
		"const arr = list!.filter(Boolean) as Item[]\n"
		"after()\n");
	const struct node *f;

	is_int(m->n_errors, 0, "no errors");
	if (m->n_errors)
		printf("# first error: line %u: %s\n", m->errors[0].line, m->errors[0].message);
	is_str(named(m, NODE_STMT, "Color") ? "enum" : NULL, "enum", "enum is a named STMT");
	ok(named(m, NODE_STMT, "Dir") != NULL, "const enum");
	f = named(m, NODE_FUNC, "helper");
	ok(f && call(m, "work") && model_enclosing_func(m, call(m, "work")) == f, "namespace body parsed");
	ok(named(m, NODE_FUNC, "area") == NULL, "abstract method adds no node");
	ok(named(m, NODE_FUNC, "describe") != NULL, "concrete method of abstract class");
	f = named(m, NODE_FUNC, "pick");
	is_int(f ? f->u.func->n_params : 0, 2, "generic function params");
	ok(f && f->u.func->params[1].star == 1, "rest param");
	ok(call(m, "select") != NULL, "generic function body");
	{
		int n = 0;
		for (uint32_t i = 0; i < m->n_nodes; i++)
			n += m->nodes[i].kind == NODE_FUNC && strcmp(m->nodes[i].name, "over") == 0;
		is_int(n, 1, "function overload signature adds no node");
	}
	ok(named(m, NODE_ASSIGN, "cfg") != NULL, "satisfies");
	ok(named(m, NODE_FUNC, "g") && call(m, "ident"), "generic arrow <T,>");
	ok(named(m, NODE_ASSIGN, "h") != NULL, "nested generic type annotation");
	ok(call(m, "check") != NULL, "type predicate return type");
	ok(call(m, "list.filter") != NULL, "non-null then as");
	ok(call(m, "after") && call(m, "after")->line == 22, "code after all of it");
	is_int(count(m, NODE_FUNC), 6, "functions: helper, describe, pick, over, g, isUser");
	model_free(m);
}

/* Braces inside type arguments of a header (redash, unleash, memos): the
 * body is the first '{' outside them, and an object type of any length is
 * still type arguments; `typeof import("mod").x` is a type (linkwarden). */
static void test_type_arguments_with_braces(void)
{
	struct strbuf sb = STRBUF_INIT;
	struct model *m;

	sb_adds(&sb,
		"export interface Route<P = {}, C extends Ctx = Ctx, R = any> extends Base<C, R> {\n"
		"  path: string;\n"
		"}\n"
		"export class JobStore implements Store<Job, { name: string; bucket: Date }> {\n"
		"  load() { return fetchJobs() }\n"
		"}\n"
		"class Repo extends Base<{ id: number }> implements Q<{ a: 1 }> { save() { return persist() } }\n"
		"let prisma: typeof import(\"@app/prisma\").prisma;\n"
		"let importer: typeof import(\"./importer\").default;\n"
		"export const Service: Gen<{\n");
	for (int i = 0; i < 200; i++)
		sb_addf(&sb, "  m%d: { input: typeof Req%d; output: typeof Res%d },\n", i, i, i);
	sb_adds(&sb, "}> = make(file, 0)\nafter()\n");
	m = parse_n(sb_str(&sb), sb.len);
	is_int(m->n_errors, 0, "no errors");
	if (m->n_errors)
		printf("# first error: line %u: %s\n", m->errors[0].line, m->errors[0].message);
	ok(named(m, NODE_CLASS, "JobStore") != NULL, "class implementing an object type argument");
	ok(named(m, NODE_FUNC, "load") && call(m, "fetchJobs"), "its body parsed");
	ok(named(m, NODE_FUNC, "save") && call(m, "persist"), "braces in extends and implements");
	ok(named(m, NODE_ASSIGN, "Service") && call(m, "make"), "a 200-member object type argument");
	ok(named(m, NODE_ASSIGN, "importer") && !call(m, "import"), "typeof import(...) annotation");
	ok(call(m, "after") != NULL, "code after all of it");
	model_free(m);
	/* fuzz-javascript (timeout): `import` not followed by '(' in a type
	 * took the match of a plain token and stepped back to token 1 */
	m = parse("first()\nclass A { f: import x; m() { inner() } }\n");
	is_int(m->n_errors, 0, "import without (...) in a type: no errors");
	ok(named(m, NODE_FUNC, "m") && call(m, "inner"), "the member after it parsed");
	is_int(count(m, NODE_CLASS), 1, "one class, nothing parsed twice");
	model_free(m);
	sb_release(&sb);
}

/* JSX, regex vs division, templates, ASI */
static void test_lexical(void)
{
	struct model *m = parse(
		"export default function Page({ items }) {\n"
		"  const rows = items.filter(i => i.ok)\n"
		"  return (\n"
		"    <ul className=\"list\" onClick={() => go('/x')}>\n"
		"      {rows.map(r => <li key={r.id}>{r.name} it's</li>)}\n"
		"      <></>\n"
		"    </ul>\n"
		"  )\n"
		"}\n"
		"const re = /[/]+\\/(a|b)/gi.test(path)\n"
		"const q = total / count / 2\n"
		"if (x) /re/.exec(s)\n"
		"const t = `a ${b ? `nested ${c(`deep`)}` : '}'} z`\n"
		"const u = t.length\n"
		"const w = x\n"
		"++y\n"
		"let v = a\n"
		"(b || c).run()\n"
		"return_\n");
	const struct node *n;

	is_int(m->n_errors, 0, "no errors");
	if (m->n_errors)
		printf("# first error: line %u: %s\n", m->errors[0].line, m->errors[0].message);
	n = named(m, NODE_FUNC, "Page");
	ok(n && n->end_line == 9, "component function ends after the JSX");
	ok(nth(m, NODE_RETURN, 0) && nth(m, NODE_RETURN, 0)->end_line >= 7, "JSX return spans lines");
	ok(call(m, "<expr>.test") != NULL, "regex literal receiver");
	n = named(m, NODE_ASSIGN, "q");
	ok(n && count(m, NODE_CALL) >= 1 && txt(m, n->value) && strcmp(txt(m, n->value), "total / count / 2") == 0,
	   "division stays division");
	ok(call(m, "<expr>.exec") != NULL, "regex after if (...)");
	ok(named(m, NODE_ASSIGN, "u") && named(m, NODE_ASSIGN, "u")->line == 14, "template nesting closes");
	ok(named(m, NODE_ASSIGN, "w") && nth(m, NODE_STMT, 0), "ASI before ++");
	ok(call(m, "a().run") != NULL, "no ASI before ( (as the language says)");
	model_free(m);

	m = parse("const sql = `SELECT ${cols.map(c => quote(c)).join()}\n FROM t` + where(x)\n"
		  "const page = <List items={rows.filter(r => visible(r))}>{rows.map(r => <Row r={r} key={key(r)} />)}</List>\n"
		  "const tagged = db.sql`SELECT * FROM t WHERE id = ${id(1)}${other()}`\n"
		  "next()\n");
	is_int(m->n_errors, 0, "no errors");
	ok(call(m, "cols.map().join") && call(m, "quote") &&
	   model_ancestor(m, call(m, "quote"), NODE_LOOP) != NULL, "calls in template substitutions");
	ok(call(m, "where") && named(m, NODE_ASSIGN, "sql") &&
	   call(m, "where")->parent == node_index(m, named(m, NODE_ASSIGN, "sql")), "after a multi-line template");
	ok(call(m, "visible") && call(m, "key") && model_ancestor(m, call(m, "key"), NODE_LOOP) != NULL,
	   "calls in JSX expression containers, nested JSX");
	ok(call(m, "id") && parent(m, call(m, "id")) == call(m, "db.sql"), "tagged template args are children");
	ok(call(m, "other") && call(m, "id") && !model_is_within(m, call(m, "other"), call(m, "id")),
	   "adjacent substitutions stay apart");
	ok(call(m, "next") && call(m, "next")->line == 5, "next statement intact");
	model_free(m);

	m = parse("const a = b\nconst c = d\nfoo()\n[1, 2].forEach(n => n)\n");
	ok(named(m, NODE_ASSIGN, "a") && named(m, NODE_ASSIGN, "c"), "ASI between declarations");
	ok(call(m, "foo()[].forEach") != NULL, "`[` continues the previous line");
	model_free(m);

	m = parse("function f() {\n  return\n  compute()\n}\n");
	ok(nth(m, NODE_RETURN, 0) && nth(m, NODE_RETURN, 0)->value.len == 0, "return then newline ends");
	ok(call(m, "compute") && call(m, "compute")->line == 3, "next line is its own statement");
	model_free(m);
}

/* ignore comments, errors and recovery, hostile nesting */
static void test_recovery(void)
{
	struct model *m = parse(
		"// ppaudit: ignore[n_plus_one] loaded once at boot\n"
		"for (const x of xs) await load(x)\n"
		"save(y) // ppaudit: ignore\n"
		"function a() { one() }\n"
		"let = ) ] garbage @@ ((\n"
		"function b() { two() }\n");
	const struct node *f;
	struct strbuf sb = STRBUF_INIT;

	is_int(m->n_ignores, 2, "two ignore comments");
	is_int(m->ignores[0].line, 2, "stand-alone ignore applies to the next line");
	is_str(m->ignores[0].checks, "n_plus_one", "checks list");
	is_str(m->ignores[0].reason, "loaded once at boot", "reason");
	is_int(m->ignores[1].line, 3, "trailing ignore applies to its line");
	ok(m->n_errors > 0, "garbage is reported");
	ok(m->n_errors > 0 && m->errors[0].line == 5, "on its line");
	ok(named(m, NODE_FUNC, "a") && call(m, "one"), "code before the garbage");
	f = named(m, NODE_FUNC, "b");
	ok(f == NULL || f->line == 6, "code after the garbage keeps its line");
	model_free(m);

	m = parse("const s = 'unterminated\nconst t = `open ${\nnext()\n");
	ok(m->n_errors >= 2, "unterminated string and template reported");
	model_free(m);

	m = parse("class { x( }\nfunction ok() { fine() }\n");
	ok(m->n_errors > 0, "broken class reported");
	model_free(m);

	/* fuzz-javascript: `new` before type arguments and no constructor
	 * built its callee from an empty buffer (memcpy from NULL) */
	m = parse("x = new<M>()\nnew<T>\nafter()\n");
	ok(call(m, "after") != NULL, "new<T> without a constructor: code after it");
	model_free(m);

	for (int i = 0; i < 100000; i++)
		sb_adds(&sb, "f(() => { [`${");
	m = parse_n(sb.buf, sb.len);
	ok(m->n_errors > 0, "deep nesting stops with an error, no crash");
	model_free(m);
	sb_reset(&sb);
	for (int i = 0; i < 20000; i++)
		sb_adds(&sb, "if (a) ");
	sb_adds(&sb, "x()\n");
	m = parse_n(sb.buf, sb.len);
	ok(m->n_errors > 0 && m->n_errors < 10, "deep statement nesting bounded");
	model_free(m);
	sb_reset(&sb);
	for (int i = 0; i < 3000; i++)
		sb_adds(&sb, "const x = <T>y; a < b; <div>\n");
	m = parse_n(sb.buf, sb.len);
	ok(m->n_nodes > 1, "many failed JSX attempts stay cheap");
	model_free(m);
	sb_reset(&sb);

	for (int i = 0; i < 200000; i++)
		sb_adds(&sb, "new ");
	sb_adds(&sb, "X()\n");
	for (int i = 0; i < 30000; i++)
		sb_adds(&sb, "<a b={<c>{");
	m = parse_n(sb.buf, sb.len);
	ok(call(m, "X") != NULL, "a long run of `new` is no recursion");
	model_free(m);
	sb_reset(&sb);

	m = parse("\xef\xbb\xbf#!/usr/bin/env node\nrun()\n");
	ok(call(m, "run") != NULL, "BOM and hashbang");
	model_free(m);
	m = parse_n("a(\0b)\xff\n", 7);
	ok(m->n_nodes >= 1, "NUL and high bytes");
	model_free(m);
	sb_release(&sb);
}

/* Rough speed on a synthetic file (printed, not asserted) */
static void test_throughput(void)
{
	static const char chunk[] =
		"export class Repo extends Base<Item> {\n"
		"  async listItems(db: Db = inject(Db)): Promise<Item[]> {\n"
		"    const rows = await db.select().from(items).where(eq(items.owner, this.id))\n"
		"    for (const row of rows) {\n"
		"      if (row.price > 10 && `${row.name}`.length > 0) total += row.values.reduce((a, x) => a + x, 0) // c\n"
		"    }\n"
		"    return rows.map(r => ({ ...r, ok: /x+/.test(r.name) }))\n"
		"  }\n"
		"}\n";
	struct strbuf sb = STRBUF_INIT;
	struct timespec t0, t1;
	struct model *m;
	size_t len;
	double secs;

	while (sb.len < 50000 * 60)
		sb_add(&sb, chunk, sizeof chunk - 1);
	len = sb.len;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	m = javascript_parse(sb_detach(&sb), len);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	is_int(m->n_errors, 0, "synthetic input parses cleanly");
	printf("# throughput: %.0f MB/s (%u lines, %.1f ms, %u nodes)\n",
	       (double)len / 1e6 / (secs > 0 ? secs : 1e-9), m->n_lines, secs * 1e3, m->n_nodes);
	model_free(m);
}

int main(void)
{
	test_functions();
	test_classes();
	test_calls();
	test_loops();
	test_compound();
	test_assign_import();
	test_destructured_callee();
	test_typescript();
	test_type_arguments_with_braces();
	test_lexical();
	test_recovery();
	test_throughput();
	return done_testing();
}
