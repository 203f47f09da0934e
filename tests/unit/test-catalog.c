/* Unit tests for the call catalogs: pattern shapes, merging of the
 * embedded catalogs and of .ppaudit.json extras, resolution of calls
 * through imports. */
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "project.h"   /* struct config (not "config.h": autoconf has one too) */
#include "model.h"
#include "semantic.h"
#include "tap.h"

/* Pattern shapes: exact, prefix, suffix, infix and plain globs. */
static void test_shapes(void)
{
	char *blocking[] = { "mylib.fetch_all", "legacy.*", "*.slow_call", "*.objects.*",
			     "vendor*client", "*.deep.name" };
	char *cpu[] = { "crunch.numbers" };
	struct config cfg;
	const struct catalog_list *l;
	char err[256] = "";

	memset(&cfg, 0, sizeof cfg);
	cfg.extra_blocking_calls = blocking;
	cfg.n_extra_blocking_calls = sizeof blocking / sizeof *blocking;
	cfg.extra_cpu_bound_calls = cpu;
	cfg.n_extra_cpu_bound_calls = 1;
	is_int(catalog_init(&cfg, err, sizeof err), 0, "catalog_init succeeds (%s)", err);

	l = catalog_get(LANG_PYTHON, "blocking");
	ok(catalog_match(l, "mylib.fetch_all"), "extra exact name merged into blocking");
	ok(!catalog_match(l, "mylib.fetch_all_later"), "exact does not match a longer name");
	ok(!catalog_match(l, "mylib"), "exact does not match a prefix of it");
	ok(catalog_match(l, "legacy.http.get"), "prefix x.* matches a deeper name");
	ok(!catalog_match(l, "legacy"), "prefix x.* needs something after the dot");
	ok(!catalog_match(l, "legacyx.get"), "prefix x.* respects the segment boundary");
	ok(catalog_match(l, "self.worker.slow_call"), "suffix *.x matches the last segment");
	ok(!catalog_match(l, "self.worker.slow_call_v2"), "suffix respects the segment end");
	ok(!catalog_match(l, "slow_call"), "suffix *.x needs a receiver");
	ok(catalog_match(l, "a.b.deep.name"), "dotted suffix *.x.y matches");
	ok(!catalog_match(l, "a.bdeep.name"), "dotted suffix respects the segment boundary");
	ok(catalog_match(l, "Job.objects.filter().update"), "infix *.x.* matches inside");
	ok(!catalog_match(l, "Job.objects"), "infix needs a following segment");
	ok(catalog_match(l, "vendor_http_client"), "other globs go through fnmatch");
	is_str(catalog_match_pattern(l, "legacy.http.get"), "legacy.*", "reported pattern: prefix");
	is_str(catalog_match_pattern(l, "x.slow_call"), "*.slow_call", "reported pattern: suffix");
	is_str(catalog_match_pattern(l, "Job.objects.all"), "*.objects.*", "reported pattern: infix");
	ok(catalog_match_pattern(l, "nothing.here") == NULL, "no match gives NULL");
	ok(catalog_match(l, "subprocess.run"), "embedded blocking names kept beside the extras");

	l = catalog_get(LANG_PYTHON, "cpu_bound");
	ok(catalog_match(l, "crunch.numbers"), "extra cpu-bound name merged into cpu_bound");
	ok(!catalog_match(catalog_get(LANG_PYTHON, "blocking"), "crunch.numbers"),
	   "cpu-bound extras stay out of blocking");
	catalog_free();
}

/* The embedded DB catalog: the lists the 651/652 auditors rely on. */
static void test_embedded(void)
{
	const struct catalog_list *l;
	char err[256] = "";

	is_int(catalog_init(NULL, err, sizeof err), 0, "catalog_init without config (%s)", err);
	l = catalog_get(LANG_PYTHON, "sql_update");
	ok(catalog_match(l, "sqlalchemy.update"), "sql_update: bare update()");
	ok(catalog_match(l, "sqlalchemy.update().where().values"), "sql_update: chained builder");
	ok(!catalog_match(l, "sqlalchemy.select().where"), "sql_update: select is not update");
	ok(catalog_match(catalog_get(LANG_PYTHON, "sql_insert"),
			 "sqlalchemy.dialects.postgresql.insert().values().on_conflict_do_nothing"),
	   "sql_insert: postgres upsert builder");
	ok(catalog_match(catalog_get(LANG_PYTHON, "db_commit"), "self.session.commit"),
	   "db_commit: method on an attribute");
	ok(catalog_match(catalog_get(LANG_PYTHON, "session_names"), "db_session"),
	   "session_names: *_session glob");
	ok(!catalog_match(catalog_get(LANG_PYTHON, "session_names"), "response"),
	   "session_names: unrelated name");
	ok(catalog_match(catalog_get(LANG_PYTHON, "tx_begin"), "django.db.transaction.atomic"),
	   "tx_begin: Django atomic");
	ok(catalog_match(catalog_get(LANG_PYTHON, "repo_write_methods"), "mark_failed"),
	   "repo_write_methods: mark_* glob");
	/* both embedded files are merged into one python catalog */
	ok(catalog_match(catalog_get(LANG_PYTHON, "sync_sleep"), "time.sleep"),
	   "python-calls.json lists are loaded too");
	l = catalog_get(LANG_PYTHON, "no_such_list");
	ok(l != NULL && !catalog_match(l, "anything"), "unknown list is empty, not NULL");
	ok(!catalog_match(catalog_get(LANG_NONE, "db_commit"), "session.commit"),
	   "other languages have no lists yet");
	catalog_free();
	catalog_free();
	ok(!catalog_match(catalog_get(LANG_PYTHON, "db_commit"), "session.commit"),
	   "after catalog_free the lists are gone (double free is safe)");
}

/* A common-*.json file is loaded into every language: its word lists and
 * texts answer the same through catalog_get() for each of them. */
static void test_common(void)
{
	static const enum lang langs[] = { LANG_PYTHON, LANG_JAVASCRIPT, LANG_GO };
	static const char *const names[] = { "python", "javascript", "go" };
	char err[256] = "";

	is_int(catalog_init(NULL, err, sizeof err), 0, "catalog_init (%s)", err);
	for (size_t i = 0; i < sizeof langs / sizeof langs[0]; i++) {
		const struct catalog_list *l = catalog_get(langs[i], "rp_readonly_methods");

		ok(!catalog_list_empty(l), "%s: common rp_readonly_methods is loaded", names[i]);
		ok(catalog_match(l, "keys") && catalog_match(l, "startswith"),
		   "%s: rp_readonly_methods holds keys and startswith", names[i]);
		ok(!catalog_match(l, "append"), "%s: append is not read-only", names[i]);
		ok(catalog_match(catalog_get(langs[i], "rp_http_clients"), "requests.get") &&
		   catalog_match(catalog_get(langs[i], "rp_http_clients"), "urllib3.request") &&
		   !catalog_match(catalog_get(langs[i], "rp_http_clients"), "requestsx.get"),
		   "%s: common prefix and glob patterns keep their meaning", names[i]);
		ok(catalog_text(langs[i], "blocking_io.file") != NULL,
		   "%s: common texts are loaded too", names[i]);
	}
	ok(catalog_list_empty(catalog_get(LANG_NONE, "rp_readonly_methods")),
	   "a language without a front end gets no common list");
	catalog_free();
}

/* Calls are matched on the callee resolved through the file's imports. */
static void test_match_call(void)
{
	static const char src[] =
		"from sqlalchemy import update as sa_update\n"
		"import time\n"
		"async def f(session, ids):\n"
		"    for i in ids:\n"
		"        await session.execute(sa_update(Job).where(Job.id == i))\n";
	char *copy = malloc(sizeof src);
	struct model *m;
	const struct node *n;
	int found = 0, matched = 0;
	char err[256];

	catalog_init(NULL, err, sizeof err);
	memcpy(copy, src, sizeof src);
	m = python_parse(copy, sizeof src - 1);
	for (n = NULL; (n = model_walk(m, model_node(m, 0), n, 1)); ) {
		if (n->kind != NODE_CALL || strncmp(n->u.call->callee, "sa_update", 9) != 0)
			continue;
		found = 1;
		matched = catalog_match_call(catalog_get(LANG_PYTHON, "sql_update"), m, n);
	}
	ok(found, "parser produced the sa_update(...) call");
	ok(matched, "aliased import resolves to sqlalchemy.update and matches");
	n = model_node(m, 0);
	ok(!catalog_match_call(catalog_get(LANG_PYTHON, "sql_update"), m, n),
	   "a non-call node never matches");
	model_free(m);
	catalog_free();
}

/* The literal of a "*x*" word, as qe_find and tc_find_word search for it. */
static void test_pattern_literal(void)
{
	char buf[32];

	ok(strcmp(sem_pattern_literal("*tuple\\[*", buf, sizeof buf), "tuple[") == 0,
	   "an escaped bracket is the bracket");
	ok(strcmp(sem_pattern_literal("*.objects.*", buf, sizeof buf), ".objects.") == 0,
	   "the stars at both ends go");
	ok(strcmp(sem_pattern_literal("len(*", buf, sizeof buf), "len(") == 0, "a prefix word");
	ok(sem_pattern_literal("*a*b*", buf, sizeof buf)[0] == '\0',
	   "another wildcard: no one literal");
	ok(sem_pattern_literal("*0123456789012345678901234567890123*", buf, sizeof buf)[0] ==
	   '\0', "too long for the buffer: nothing, not a cut literal");
}

int main(void)
{
	test_shapes();
	test_pattern_literal();
	test_embedded();
	test_common();
	test_match_call();
	return done_testing();
}
