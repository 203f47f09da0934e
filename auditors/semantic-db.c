/* The semantic layer (semantic.h), persistence side: sessions, SQL
 * literals, transaction blocks, per-item loops, stack wording. */
#include "semantic.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "context.h"
#include "lang/lang.h"
#include "util/strbuf.h"

int sem_match_lower(enum lang lang, const char *list, const char *text)
{
	char small[256], *buf = small;
	size_t n = strlen(text);
	int hit;

	if (n >= sizeof small && (buf = malloc(n + 1)) == NULL)
		return 0;
	for (size_t i = 0; i <= n; i++)
		buf[i] = (char)tolower((unsigned char)text[i]);
	hit = catalog_match(catalog_get(lang, list), buf);
	if (buf != small)
		free(buf);
	return hit;
}

size_t sem_prefix_len(enum lang lang, const char *list, const char *s, int lower)
{
	char head[96];
	const char *pat, *t = s;
	size_t n = 0, i;

	if (lower) {
		for (i = 0; i + 1 < sizeof head && s[i]; i++)
			head[i] = (char)tolower((unsigned char)s[i]);
		head[i] = '\0';
		t = head;
	}
	if ((pat = catalog_match_pattern(catalog_get(lang, list), t)) == NULL)
		return 0;
	/* the literal before the first unescaped star */
	for (i = 0; pat[i] && pat[i] != '*'; i++, n++)
		if (pat[i] == '\\' && pat[i + 1] != '\0')
			i++;
	return pat[i] == '*' ? n : 0;
}

const char *sem_pattern_literal(const char *pat, char *buf, size_t size)
{
	size_t n = strlen(pat), o = 0;

	if (size == 0)
		return buf;
	/* the stars at either end */
	while (*pat == '*') {
		pat++;
		n--;
	}
	while (n > 0 && pat[n - 1] == '*' && (n < 2 || pat[n - 2] != '\\'))
		n--;
	for (size_t i = 0; i < n; i++) {
		if (pat[i] == '\\' && i + 1 < n)
			i++;
		else if (pat[i] == '*' || pat[i] == '?' || pat[i] == '[')
			o = size;   /* another wildcard: no one literal */
		if (o + 1 >= size) {
			buf[0] = '\0';
			return buf;
		}
		buf[o++] = pat[i];
	}
	buf[o] = '\0';
	return buf;
}

int sem_word_before(enum lang lang, const char *list, const char *text, const char *p)
{
	char word[32];
	const char *e = p, *b;

	while (e > text && e[-1] == ' ')
		e--;
	for (b = e; b > text && sem_ident_char(b[-1]); b--)
		;
	if (b == e || (size_t)(e - b) >= sizeof word)
		return 0;
	memcpy(word, b, (size_t)(e - b));
	word[e - b] = '\0';
	return catalog_match(catalog_get(lang, list), word);
}

const char *sem_receiver_name(const char *callee, char *buf, size_t size)
{
	const char *paren = strstr(callee, "(");
	size_t n = paren ? (size_t)(paren - callee) : strlen(callee);
	size_t end, start;

	/* in a chain the receiver is what the first call was made on */
	end = n;
	while (end > 0 && callee[end - 1] != '.')
		end--;
	if (end == 0) {
		buf[0] = '\0';
		return buf;
	}
	end--;                       /* drop the dot before the method */
	start = end;
	while (start > 0 && callee[start - 1] != '.')
		start--;
	/* memcpy, not snprintf: this runs for every call of every file */
	n = end - start < size ? end - start : size - 1;
	memcpy(buf, callee + start, n);
	buf[n] = '\0';
	return buf;
}

static int sem_is_session_name_uncached(enum lang lang, const char *name);

/* sem_is_session_name is asked about the same few receiver names at every
 * call of every file; a small per-thread memo keyed by the name's text
 * saves the pattern matching. Like the catalog's own memo it answers from
 * the catalog alone and checks its generation, so it is never stale and
 * never reset by hand. */
static _Thread_local struct {
	char name[48];
	enum lang lang;
	unsigned generation;
	int answer;
} sem_name_cache[256];

int sem_is_session_name(enum lang lang, const char *name)
{
	unsigned gen = catalog_generation_now();
	uint32_t h = 2166136261u;
	size_t n;
	const char *p;

	if (name == NULL || *name == '\0')
		return 0;
	for (p = name; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	n = (size_t)(p - name);
	if (n >= sizeof sem_name_cache[0].name)
		return sem_is_session_name_uncached(lang, name);
	h = (h ^ (uint32_t)lang) & 255;
	if (sem_name_cache[h].lang != lang || sem_name_cache[h].generation != gen ||
	    strcmp(sem_name_cache[h].name, name) != 0) {
		memcpy(sem_name_cache[h].name, name, n + 1);
		sem_name_cache[h].lang = lang;
		sem_name_cache[h].generation = gen;
		sem_name_cache[h].answer = sem_is_session_name_uncached(lang, name);
	}
	return sem_name_cache[h].answer;
}

static int sem_is_session_name_uncached(enum lang lang, const char *name)
{
	if (name == NULL || *name == '\0')
		return 0;
	/* a client class, the receiver of calls through a project module's
	 * instance of it (`import { db } from "./db"`: `PrismaClient.$transaction`) */
	if (catalog_match(catalog_get(lang, "typed_receivers"), name))
		return 1;
	if (!catalog_match(catalog_get(lang, "session_names"), name) &&
	    !catalog_match(catalog_get(lang, "connection_names"), name))
		return 0;
	/* `redis_connection`, `cache_conn`, `broker_connection`: connections,
	 * but to a cache or a broker, not to the database */
	return !sem_match_lower(lang, "sem_non_db_connection_words", name);
}

/* The catalog list of SQL statements that do what list does when sent
 * through a driver method (`client.query('COMMIT')`), or NULL. */
static const char *sem_sql_twin(const char *list)
{
	if (strcmp(list, "db_commit") == 0)
		return "db_commit_sql";
	if (strcmp(list, "db_rollback") == 0)
		return "db_rollback_sql";
	if (strcmp(list, "tx_begin") == 0)
		return "tx_begin_sql";
	return NULL;
}

/* True when c sends, through a sql_methods call on a session name, a
 * statement of the language's list twin ("COMMIT", "ROLLBACK", "BEGIN"). */
static int sem_sql_tx_call(const struct model *m, const struct node *c, const char *twin)
{
	const struct catalog_list *l = catalog_get(m->lang, twin);
	char callee[SEM_NAME_MAX], recv[SEM_NAME_MAX], sql[64];
	const char *name = c->u.call ? c->u.call->name : NULL;
	size_t n;

	if (name == NULL || c->u.call->n_args == 0 || c->u.call->args[0].name != NULL ||
	    strchr(c->u.call->callee, '(') != NULL ||
	    !catalog_match(catalog_get(m->lang, "sql_methods"), name))
		return 0;
	if (sem_sql_literal(span_ptr(m, c->u.call->args[0].expr), c->u.call->args[0].expr.len,
			    sql, sizeof sql) == NULL)
		return 0;
	sem_callee(m, c, callee, sizeof callee);
	if (!sem_is_session_name(m->lang, sem_receiver_name(callee, recv, sizeof recv)))
		return 0;
	/* "COMMIT", "commit;", "START TRANSACTION ISOLATION LEVEL ..." */
	for (n = 0; sql[n]; n++)
		sql[n] = (char)toupper((unsigned char)sql[n]);
	while (n > 0 && (sql[n - 1] == ';' || sql[n - 1] == ' '))
		sql[--n] = '\0';
	if (catalog_match(l, sql))
		return 1;
	/* the first word, or the first two ("START TRANSACTION") */
	n = strcspn(sql, " ");
	if (sql[n] == ' ') {
		size_t two = n + 1 + strcspn(sql + n + 1, " ");
		sql[two] = '\0';
		if (catalog_match(l, sql))
			return 1;
	}
	sql[n] = '\0';
	return catalog_match(l, sql);
}

int sem_call_is(const struct model *m, const struct node *c, const char *list)
{
	const char *twin;

	if (catalog_match_call(catalog_get(m->lang, list), m, c))
		return 1;
	return c->kind == NODE_CALL && (twin = sem_sql_twin(list)) != NULL &&
	       sem_sql_tx_call(m, c, twin);
}

int sem_session_call(const struct model *m, const struct node *c, const char *list)
{
	char callee[SEM_NAME_MAX], recv[SEM_NAME_MAX];

	if (!sem_call_is(m, c, list))
		return 0;
	sem_callee(m, c, callee, sizeof callee);
	return sem_is_session_name(m->lang, sem_receiver_name(callee, recv, sizeof recv));
}

/* A letter that may prefix a string literal (catalog sem_string_prefixes). */
static int sem_string_prefix(char c)
{
	char one[2] = { c, '\0' };

	return catalog_match(catalog_get(catalog_common_lang(), "sem_string_prefixes"), one);
}

/* Copies a Python string literal's contents (prefix and quotes dropped). */
const char *sem_sql_literal(const char *s, size_t n, char *buf, size_t size)
{
	size_t i = 0, j, q;

	while (i < n && (s[i] == '(' || isspace((unsigned char)s[i])))
		i++;
	/* string prefixes (r"", b''); a NUL byte counts as one, as it did
	 * when they were a strchr() set */
	while (i < n && (s[i] == '\0' || sem_string_prefix(s[i])) && i + 1 < n && s[i + 1] != '.')
		i++;
	/* JavaScript template literals and Go raw strings quote with ` */
	if (i >= n || (s[i] != '"' && s[i] != '\'' && s[i] != '`'))
		return NULL;
	for (q = i; q < n && s[q] == s[i] && q - i < 3; q++)
		;
	if (q - i == 2)              /* "" is an empty string */
		q = i + 1;
	for (j = 0; q < n && j + 1 < size; q++)
		buf[j++] = s[q] == '\n' ? ' ' : s[q];
	buf[j] = '\0';
	/* drop closing quotes and parentheses */
	while (j > 0 && strchr("\"'`) ", buf[j - 1]) != NULL)
		buf[--j] = '\0';
	return buf;
}

/* True when [s, s+n) is one string literal and nothing else: `"..."`
 * or a raw `...` string, with no concatenation after it. */
static int sem_whole_literal(const char *s, size_t n)
{
	size_t i = 0, k;
	char q;

	while (i < n && isspace((unsigned char)s[i]))
		i++;
	while (n > i && isspace((unsigned char)s[n - 1]))
		n--;
	if (n - i < 2 || (s[i] != '"' && s[i] != '\'' && s[i] != '`') || s[n - 1] != s[i])
		return 0;
	q = s[i];
	for (k = i + 1; k < n - 1; k++) {
		if (s[k] == '\\' && q != '`') {
			k++;
			continue;
		}
		if (s[k] == q)
			return 0;
	}
	return 1;
}

/* The SQL held by the plain name [s, s+n) at call c: `query = "UPDATE
 * ..."; db.Exec(query, params...)`. Every assignment of the name in c's
 * function before c must be a SQL literal of one verb (branches choosing
 * among UPDATEs agree); a name assigned anything else, or never, is NULL.
 * Only where the catalog says so (sem_sql_in_locals). */
static const char *sem_sql_named(const struct model *m, const struct node *c, const char *s,
				 size_t n, char *buf, size_t size)
{
	const struct node *fn = model_enclosing_func(m, c);
	char name[64], verb[16], first[16] = "", tmp[512];
	int seen = 0;

	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	/* per language (catalog word sem_sql_in_locals): where the query text
	 * is commonly a local handed to the driver */
	if (catalog_list_empty(catalog_get(m->lang, "sem_sql_in_locals")) || fn == NULL || n == 0 ||
	    n >= sizeof name || !(isalpha((unsigned char)s[0]) || s[0] == '_'))
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '_')
			return NULL;
	memcpy(name, s, n);
	name[n] = '\0';
	for (const struct node *x = NULL; (x = model_walk(m, fn, x, 0)) && budget_step(); ) {
		if (x->line >= c->line)
			break;
		if (x->kind != NODE_ASSIGN || x->name == NULL || strcmp(x->name, name) != 0 ||
		    (x->flags & NF_TARGET_ATTR))
			continue;
		if (x->value.len == 0)
			continue; /* `var query string` */
		/* one whole literal: `"INSERT INTO " + table + onConflict` is
		 * not known text (an upsert suffix may follow) */
		if (!sem_whole_literal(span_ptr(m, x->value), x->value.len))
			return NULL;
		if (sem_sql_literal(span_ptr(m, x->value), x->value.len, tmp, sizeof tmp) == NULL ||
		    sem_sql_verb(tmp, verb, sizeof verb)[0] == '\0' ||
		    (seen && strcmp(verb, first) != 0))
			return NULL;
		if (!seen)
			snprintf(first, sizeof first, "%s", verb);
		seen = 1;
		snprintf(buf, size, "%s", tmp);
	}
	return seen ? buf : NULL;
}

/* The SQL a statement builder of this file returns, for argument text
 * [s, s+n) that calls it: `text(insert_query(table, row))` where the
 * module-level `def insert_query(...)` returns `f"INSERT INTO {t} ..."`.
 * Every return of the builder must be a SQL literal of one verb (a
 * builder choosing between an INSERT and an UPDATE says neither); a
 * method, a name defined twice or a builder never returning text is
 * NULL. */
static const char *sem_sql_builder(const struct model *m, const char *s, size_t n, char *buf,
				   size_t size)
{
	char name[64], verb[16], first[16] = "", tmp[512];
	const struct node *def = NULL, *root = model_node(m, 0);
	size_t i = 0;
	int seen = 0;

	while (i < n && isspace((unsigned char)s[i]))
		i++;
	s += i;
	n -= i;
	for (i = 0; i < n && (isalnum((unsigned char)s[i]) || s[i] == '_'); i++)
		;
	if (i == 0 || i >= sizeof name || i >= n || s[i] != '(' || isdigit((unsigned char)s[0]))
		return NULL;
	memcpy(name, s, i);
	name[i] = '\0';
	for (const struct node *x = root->first_child ? model_node(m, root->first_child) : NULL;
	     x != NULL; x = x->next_sibling ? model_node(m, x->next_sibling) : NULL)
		if (x->kind == NODE_FUNC && x->name != NULL && strcmp(x->name, name) == 0) {
			if (def != NULL)
				return NULL;
			def = x;
		}
	if (def == NULL)
		return NULL;
	for (const struct node *x = NULL; (x = model_walk(m, def, x, 0)) && budget_step(); ) {
		/* a nested def's (or comprehension's) returns are not the
		 * builder's */
		if (x->kind != NODE_RETURN || model_enclosing_func(m, x) != def)
			continue;
		const char *v = span_ptr(m, x->value);
		size_t vn = x->value.len;

		while (vn > 0 && isspace((unsigned char)*v))
			v++, vn--;
		/* f"INSERT INTO {table} ...": the prefix, then one literal */
		while (vn > 1 && sem_string_prefix(*v) && v[1] != '.')
			v++, vn--;
		if (vn == 0 || !sem_whole_literal(v, vn) ||
		    sem_sql_literal(span_ptr(m, x->value), x->value.len, tmp, sizeof tmp) == NULL)
			return NULL;
		sem_sql_verb(tmp, verb, sizeof verb);
		if (verb[0] == '\0' || (first[0] != '\0' && strcmp(first, verb) != 0))
			return NULL;
		if (!seen++) {
			snprintf(first, sizeof first, "%s", verb);
			snprintf(buf, size, "%s", tmp);
		}
	}
	return seen ? buf : NULL;
}

const char *sem_sql_arg(const struct model *m, const struct node *c, char *buf, size_t size)
{
	const struct call_info *ci = c->u.call;
	const struct node *k;

	if (ci == NULL || ci->n_args == 0 || ci->args[0].name != NULL)
		return NULL;
	if (sem_sql_literal(span_ptr(m, ci->args[0].expr), ci->args[0].expr.len, buf, size))
		return buf;
	if (sem_sql_named(m, c, span_ptr(m, ci->args[0].expr), ci->args[0].expr.len, buf, size))
		return buf;
	/* session.execute(text("UPDATE ...")) */
	for (k = c->first_child ? model_node(m, c->first_child) : NULL; k != NULL && budget_step();
	     k = k->next_sibling ? model_node(m, k->next_sibling) : NULL)
		if (k->kind == NODE_CALL && sem_call_is(m, k, "sql_text") && k->u.call->n_args > 0)
			return sem_sql_literal(span_ptr(m, k->u.call->args[0].expr),
					       k->u.call->args[0].expr.len, buf, size) != NULL ? buf :
			       /* text(insert_query(table, row)) */
			       sem_sql_builder(m, span_ptr(m, k->u.call->args[0].expr),
					       k->u.call->args[0].expr.len, buf, size);
	return NULL;
}

int sem_sql_prose(const struct model *m, const struct node *c, const char *sql, const char *verb)
{
	const struct catalog_list *clauses = catalog_get(m->lang, "sem_sql_verb_clauses");
	const struct call_info *ci = c->u.call;
	char pair[64], word[32];
	const char *p = sql;

	if (catalog_list_empty(clauses) || ci == NULL || ci->n_args == 0 || verb[0] == '\0' ||
	    !sem_whole_literal(span_ptr(m, ci->args[0].expr), ci->args[0].expr.len))
		return 0;
	if (!catalog_match(catalog_get(m->lang, "sem_sql_clause_verbs"), verb))
		return 0;
	while (*p != '\0') {
		size_t j = 0;

		while (*p != '\0' && !isalpha((unsigned char)*p))
			p++;
		while (isalpha((unsigned char)*p) && j + 1 < sizeof word)
			word[j++] = (char)toupper((unsigned char)*p++);
		while (isalpha((unsigned char)*p))
			p++;
		word[j] = '\0';
		if (j == 0)
			break;
		snprintf(pair, sizeof pair, "%s %s", verb, word);
		if (catalog_match(clauses, pair))
			return 0;
	}
	return 1;
}

const char *sem_sql_arg_at(const struct model *m, const struct node *c, uint32_t i, char *buf,
			   size_t size)
{
	const struct call_info *ci = c->u.call;

	if (ci == NULL || i >= ci->n_args || ci->args[i].name != NULL)
		return NULL;
	if (sem_sql_literal(span_ptr(m, ci->args[i].expr), ci->args[i].expr.len, buf, size))
		return buf;
	return sem_sql_named(m, c, span_ptr(m, ci->args[i].expr), ci->args[i].expr.len, buf, size);
}

const char *sem_sql_verb(const char *sql, char *buf, size_t size)
{
	size_t j = 0;

	for (;;) {
		while (isspace((unsigned char)*sql))
			sql++;
		if (sql[0] == '-' && sql[1] == '-') {
			while (*sql && *sql != '\n')
				sql++;
			continue;
		}
		break;
	}
	while (isalpha((unsigned char)*sql) && j + 1 < size)
		buf[j++] = (char)toupper((unsigned char)*sql++);
	buf[j] = '\0';
	/* a keyword ends at a blank: "update_message_ranks(...)" in a log
	 * line or "delete_source" as a metric name is not SQL; nor is a word
	 * that is the whole text: `rule.get("delete")` reads a dict key, and
	 * no statement these verbs start is one word */
	if (!isspace((unsigned char)*sql))
		buf[0] = '\0';
	return buf;
}

int sem_text_set_based(const char *text)
{
	return sem_match_lower(catalog_common_lang(), "sem_set_based_words", text);
}

const char *sem_node_text(const struct model *m, const struct node *n, char *buf, size_t size)
{
	size_t used = 0;
	uint32_t l;

	if (size == 0)
		return buf;
	/* stops when buf is full: a statement may span thousands of lines,
	 * and this is asked once per call inside it */
	for (l = n->line; l <= n->end_line && l <= m->n_lines && used + 1 < size; l++) {
		size_t len = 0, room = size - 1 - used;
		const char *t = model_line(m, l, &len);

		if (t != NULL) {
			if (len > room)
				len = room;
			memcpy(buf + used, t, len);
			used += len;
		}
		if (used + 1 < size)
			buf[used++] = '\n';
	}
	buf[used] = '\0';
	return buf;
}

/* True for characters that can continue a Python identifier. */
int sem_mentions(const char *text, const char *word)
{
	size_t n = strlen(word);
	const char *p;

	if (n == 0)
		return 0;
	for (p = strstr(text, word); p != NULL; p = strstr(p + 1, word))
		if ((p == text || !sem_ident_char(p[-1])) && !sem_ident_char(p[n]))
			return 1;
	return 0;
}

/* The call in a loop's header matching the catalog's row_cursor_advance
 * (`rows.Next()` of `for rows.Next() {...}`), or NULL. */
static const struct node *sem_cursor_advance(const struct model *m, const struct node *loop)
{
	const struct catalog_list *adv = catalog_get(m->lang, "row_cursor_advance");
	const struct node *k;

	if (loop->kind != NODE_LOOP || !(loop->flags & NF_WHILE))
		return NULL;
	for (k = loop->first_child ? model_node(m, loop->first_child) : NULL;
	     k != NULL && (k->flags & NF_HEADER);
	     k = k->next_sibling ? model_node(m, k->next_sibling) : NULL)
		if (k->kind == NODE_CALL && k->u.call != NULL && k->u.call->callee != NULL &&
		    strchr(k->u.call->callee, '(') == NULL && catalog_match_call(adv, m, k))
			return k;
	return NULL;
}

int sem_loop_cursor(const struct model *m, const struct node *loop)
{
	return sem_cursor_advance(m, loop) != NULL;
}

/* The variables a cursor loop fills per row: the root names of the
 * arguments of `rows.Scan(&id, &u.Name)` (catalog row_cursor_scan) on the
 * receiver the header advances, as "id u" into buf. */
static const char *sem_cursor_targets(const struct model *m, const struct node *loop,
				      char *buf, size_t size)
{
	const struct catalog_list *scan = catalog_get(m->lang, "row_cursor_scan");
	const struct node *adv = sem_cursor_advance(m, loop), *k;
	char recv[SEM_NAME_MAX], r2[SEM_NAME_MAX];
	size_t used = 0;

	buf[0] = '\0';
	if (adv == NULL)
		return buf;
	sem_receiver_name(adv->u.call->callee, recv, sizeof recv);
	for (k = NULL; (k = model_walk(m, loop, k, 0)) && budget_step(); ) {
		if (k->kind != NODE_CALL || k->u.call == NULL || k->u.call->callee == NULL ||
		    strchr(k->u.call->callee, '(') != NULL || !catalog_match_call(scan, m, k) ||
		    strcmp(sem_receiver_name(k->u.call->callee, r2, sizeof r2), recv) != 0)
			continue;
		for (uint32_t i = 0; i < k->u.call->n_args; i++) {
			const char *a = span_ptr(m, k->u.call->args[i].expr);
			size_t len = k->u.call->args[i].expr.len, n = 0;

			while (len > 0 && (*a == '&' || *a == '*' || *a == ' ')) {
				a++;
				len--;
			}
			while (n < len && sem_ident_char(a[n]))
				n++;
			if (n > 0 && used + n + 2 < size) {
				memcpy(buf + used, a, n);
				used += n;
				buf[used++] = ' ';
				buf[used] = '\0';
			}
		}
	}
	return buf;
}

/* True when text mentions one of the identifiers of names (a loop target
 * or the locals of a pattern), the catalog's noise words aside. */
static int sem_mentions_any(const struct model *m, const char *names, const char *text)
{
	char word[128];
	const char *p;

	for (p = names; *p; ) {
		size_t n = 0;

		while (*p && !sem_ident_char(*p))
			p++;
		while (sem_ident_char(p[n]) && n + 1 < sizeof word) {
			word[n] = p[n];
			n++;
		}
		word[n] = '\0';
		p += n;
		if (n > 0 && !catalog_match(catalog_get(m->lang, "sem_loop_target_noise"), word) &&
		    sem_mentions(text, word))
			return 1;
	}
	return 0;
}

/* The local names a destructuring pattern binds, blank-separated, into
 * buf: `{ a, b: c, ...rest }` -> "a c rest" (a key followed by `:` is no
 * local); `[x, y]` -> "x y". */
static const char *sem_pattern_locals(const char *pat, char *buf, size_t size)
{
	size_t used = 0;
	const char *p = pat;

	buf[0] = '\0';
	while (*p) {
		const char *q;
		size_t n = 0;

		if (!sem_ident_char(*p)) {
			p++;
			continue;
		}
		while (sem_ident_char(p[n]))
			n++;
		for (q = p + n; *q == ' '; q++)
			;
		if (*q != ':' && used + n + 2 < size) {
			memcpy(buf + used, p, n);
			used += n;
			buf[used++] = ' ';
			buf[used] = '\0';
		}
		p += n;
	}
	return buf;
}

/* True when key (the text between the brackets of an index) is the loop
 * item or a field path of it: `row.ID`, `row.Ref.ID`, or the bare value
 * name of `_, id` (the last of two names). A constant key, a call or a
 * key built from other words is not the item. */
static int sem_key_is_item(const struct model *m, const char *target, const char *key)
{
	const char *last = target, *p;
	size_t n, words = 0;

	for (n = 0; sem_ident_char(key[n]); n++)
		;
	if (n == 0 || n >= 128 || (key[n] != '\0' && key[n] != '.'))
		return 0;
	for (p = key + n; *p; p++)
		if (!sem_ident_char(*p) && *p != '.')
			return 0;
	for (p = target; *p; ) {
		size_t w = 0;

		while (*p && !sem_ident_char(*p))
			p++;
		while (sem_ident_char(p[w]))
			w++;
		if (w == 0)
			break;
		words++;
		if (w == n && strncmp(p, key, n) == 0) {
			char word[128];

			memcpy(word, p, n);
			word[n] = '\0';
			if (catalog_match(catalog_get(m->lang, "sem_loop_target_noise"), word))
				return 0;
			if (key[n] == '.')
				return 1;
			last = p;
		}
		p += w;
	}
	/* the bare name: only the value of a two-name target */
	return words == 2 && last != target && key[n] == '\0';
}

int sem_mentions_loop_target(const struct model *m, const struct node *loop, const char *text)
{
	char target[256], val[128], locals[256];
	const struct node *k;

	if (loop->u.loop == NULL)
		return 0;
	if (loop->u.loop->target.len == 0)
		sem_cursor_targets(m, loop, target, sizeof target);
	else
		span_copy(m, loop->u.loop->target, target, sizeof target);
	if (sem_mentions_any(m, target, text))
		return 1;
	/* the names the body destructures from the item, `const { key,
	 * value } = row;` (or `row.attrs`): the item under other names */
	for (k = loop->first_child ? model_node(m, loop->first_child) : NULL; k != NULL;
	     k = k->next_sibling ? model_node(m, k->next_sibling) : NULL) {
		size_t n;

		if (k->kind != NODE_ASSIGN || k->name == NULL ||
		    (k->name[0] != '{' && k->name[0] != '[') || k->value.len == 0 ||
		    k->value.len >= sizeof val)
			continue;
		span_copy(m, k->value, val, sizeof val);
		for (n = 0; sem_ident_char(val[n]); n++)
			;
		if (n == 0 || (val[n] != '\0' && val[n] != '.'))
			continue;
		val[n] = '\0';
		if (sem_mentions(target, val) &&
		    !catalog_match(catalog_get(m->lang, "sem_loop_target_noise"), val) &&
		    sem_mentions_any(m, sem_pattern_locals(k->name, locals, sizeof locals), text))
			return 1;
	}
	/* the item taken by index, `postID := postIDs[i]` in `for i := range
	 * postIDs`: the local is the item. The indexed name must be what the
	 * loop ranges over (a counter loop `i < n` proves nothing about the
	 * rows) */
	for (k = loop->first_child ? model_node(m, loop->first_child) : NULL; k != NULL;
	     k = k->next_sibling ? model_node(m, k->next_sibling) : NULL) {
		char idx[128], iter[128];
		size_t n, t;

		if (loop->u.loop->iter.len == 0 || loop->u.loop->iter.len >= sizeof iter)
			break;
		span_copy(m, loop->u.loop->iter, iter, sizeof iter);
		if (k->kind != NODE_ASSIGN || k->name == NULL || !sem_ident_char(k->name[0]) ||
		    k->value.len == 0 || k->value.len >= sizeof val)
			continue;
		span_copy(m, k->value, val, sizeof val);
		/* through a pointer to the list: `p := (*posts)[i]` in `for i
		 * := range *posts` */
		if (val[0] == '(' && val[1] == '*') {
			for (n = 2; sem_ident_char(val[n]) || val[n] == '.'; n++)
				;
			if (n == 2 || val[n] != ')')
				continue;
			memmove(val + 1, val + 2, n - 2);
			memmove(val + n - 1, val + n + 1, strlen(val + n + 1) + 1);
			val[0] = '*';
			n -= 1;
		} else {
			for (n = 0; sem_ident_char(val[n]) || val[n] == '.'; n++)
				;
		}
		if (n == 0 || val[n] != '[')
			continue;
		t = strlen(val + n + 1);
		if (t < 2 || val[n + t] != ']' || t - 1 >= sizeof idx)
			continue;
		memcpy(idx, val + n + 1, t - 1);
		idx[t - 1] = '\0';
		/* a lookup keyed by the item or a field of it, `u :=
		 * byID[row.ID]` (or `byID[id]` in `for _, id := range ids`):
		 * the local is that row's record. A bare key must be the
		 * item itself, never the position of a two-name target */
		if ((strlen(iter) != n || strncmp(val, iter, n) != 0) &&
		    sem_key_is_item(m, target, idx) && sem_mentions_any(m, k->name, text))
			return 1;
		if (strlen(iter) != n || strncmp(val, iter, n) != 0)
			continue;
		if (strcmp(idx, target) == 0 && sem_mentions_any(m, k->name, text))
			return 1;
	}
	/* an inner loop over the item itself (`for _, cell := range row`,
	 * `for v in row`): its values are the item's parts */
	for (k = NULL; (k = model_walk(m, loop, k, 0)) != NULL; ) {
		char inner[128];
		size_t n;

		if (k->kind != NODE_LOOP || k->u.loop == NULL || k->u.loop->target.len == 0 ||
		    k->u.loop->iter.len == 0 || k->u.loop->iter.len >= sizeof val ||
		    k->u.loop->target.len >= sizeof inner)
			continue;
		span_copy(m, k->u.loop->iter, val, sizeof val);
		for (n = 0; sem_ident_char(val[n]); n++)
			;
		if (n == 0 || val[n] != '\0')
			continue;
		span_copy(m, k->u.loop->target, inner, sizeof inner);
		if (sem_mentions_any(m, target, val) && sem_mentions_any(m, inner, text))
			return 1;
	}
	return 0;
}

int sem_loop_items_are_mappings(const struct model *m, const struct node *loop)
{
	char target[128], want[140];
	size_t tl;

	if (loop->u.loop == NULL || loop->u.loop->target.len == 0)
		return 0;
	span_copy(m, loop->u.loop->target, target, sizeof target);
	for (size_t i = 0; target[i]; i++)
		if (!sem_ident_char(target[i]))
			return 0;
	tl = (size_t)snprintf(want, sizeof want, "%s.", target);
	for (const struct node *k = NULL; (k = model_walk(m, loop, k, 0)) != NULL && budget_step(); )
		if (k->kind == NODE_CALL && k->u.call != NULL && k->u.call->callee != NULL &&
		    strncmp(k->u.call->callee, want, tl) == 0 &&
		    catalog_match(catalog_get(m->lang, "sem_mapping_item_reads"),
				  k->u.call->callee + tl))
			return 1;
	return 0;
}

int sem_loop_not_per_row(const struct model *m, const struct node *loop)
{
	char target[256] = "", iter[512] = "", step[256] = "";

	if (loop->u.loop != NULL) {
		span_copy(m, loop->u.loop->target, target, sizeof target);
		span_copy(m, loop->u.loop->iter, iter, sizeof iter);
		span_copy(m, loop->u.loop->step, step, sizeof step);
	}
	/* `for (let i = 0; i < n; i += PAGE_SIZE)`: one pass per page or
	 * chunk, not per row: a step by anything but 1, or a chunk word */
	if (step[0] != '\0') {
		const char *plus = strstr(step, "+=");

		if (plus != NULL) {
			for (plus += 2; *plus == ' '; plus++)
				;
			if (strcmp(plus, "1") != 0 && *plus != '\0')
				return 1;
		}
		if (sem_match_lower(m->lang, "sem_chunk_words", step))
			return 1;
	}
	if (sem_match_lower(m->lang, "sem_retry_words", target))
		return 1;
	/* `for _ in range(3)` repeats a fixed number of times, not per row */
	if (catalog_match(catalog_get(m->lang, "sem_repeat_targets"), target) &&
	    catalog_match(catalog_get(m->lang, "sem_repeat_iterables"), iter) &&
	    (loop->flags & NF_SMALL_LITERAL))
		return 1;
	if (sem_match_lower(m->lang, "sem_chunk_words", target) ||
	    sem_match_lower(m->lang, "sem_chunk_words", iter))
		return 1;
	/* `for _, admin := range app.Conf().AdminUsers`, `range
	 * dao.GetAllAdmins()`: entries of the service's configuration file
	 * or its administrator accounts, a handful an operator sets up, not
	 * rows that grow with the data (catalog sem_operator_sized_iterables) */
	if (iter[0] != '\0' &&
	    catalog_match(catalog_get(m->lang, "sem_operator_sized_iterables"), iter))
		return 1;
	/* `for k, v in request.form.items()`: the fields of one submitted
	 * form (or of the JSON object a handler read from its body, `req =
	 * request.get_json()` .. `req.items()`), bounded by the form, not
	 * rows that grow with the data */
	if (iter[0] != '\0') {
		const struct node *fn = model_enclosing_func(m, loop), *a;
		char base[256], *dot;

		snprintf(base, sizeof base, "%s", iter);
		if ((dot = strrchr(base, '.')) != NULL &&
		    catalog_match(catalog_get(m->lang, "sem_form_field_views"), dot + 1))
			*dot = '\0';
		/* ... unless the body is an array of objects: `for data in
		 * request.data:` reading each item as a mapping */
		if (catalog_match(catalog_get(m->lang, "sem_form_mappings"), base) &&
		    ((dot != NULL && *dot == '\0') || !sem_loop_items_are_mappings(m, loop)))
			return 1;
		if (dot != NULL && *dot == '\0' && fn != NULL &&
		    (a = sem_assignment(m, fn, base, loop->line)) != NULL) {
			char val[256];

			span_copy(m, a->value, val, sizeof val);
			if (sem_prefix_len(m->lang, "sem_request_body_reads", val, 0) > 0)
				return 1;
		}
	}
	/* `prisma.$transaction(rows.map((r) => prisma.x.update(...)))`: the
	 * callback builds the statements of one batch transaction, sent
	 * together (the batching the recommendations ask for) */
	if ((loop->flags & NF_JS_CALLBACK) && loop->parent) {
		const struct node *mapc = &m->nodes[loop->parent], *tx;

		if (mapc->kind == NODE_CALL && mapc->parent &&
		    (tx = &m->nodes[mapc->parent])->kind == NODE_CALL &&
		    catalog_match_call(catalog_get(m->lang, "tx_begin"), m, tx))
			return 1;
		/* the same through a variable: `const ops = rows.map(...);`
		 * then `prisma.$transaction(ops)` in the same function */
		if (mapc->kind == NODE_CALL && mapc->parent &&
		    (tx = &m->nodes[mapc->parent])->kind == NODE_ASSIGN && tx->name != NULL &&
		    !(tx->flags & NF_TARGET_ATTR) && mapc->u.call != NULL &&
		    tx->value.len > strlen(mapc->u.call->callee) &&
		    strncmp(span_ptr(m, tx->value), mapc->u.call->callee,
			    strlen(mapc->u.call->callee)) == 0) {
			const struct node *fn = model_enclosing_func(m, tx), *k;

			for (k = NULL; fn != NULL && (k = model_walk(m, fn, k, 0)); ) {
				if (k->kind != NODE_CALL || k->line <= tx->end_line || k->u.call == NULL ||
				    !catalog_match_call(catalog_get(m->lang, "tx_begin"), m, k))
					continue;
				for (uint32_t i = 0; i < k->u.call->n_args; i++)
					if (span_eq(m, k->u.call->args[i].expr, tx->name))
						return 1;
			}
		}
	}
	/* a consumer of a channel parameter (`for id := range jobs` with
	 * `jobs <-chan int64`) handles one message at a time */
	{
		const struct node *fn = model_enclosing_func(m, loop);
		char ann[64];

		for (uint32_t k = 0; iter[0] && fn && fn->u.func && k < fn->u.func->n_params; k++) {
			const struct param *pa = &fn->u.func->params[k];

			if (pa->name == NULL || strcmp(pa->name, iter) != 0)
				continue;
			span_copy(m, pa->annotation, ann, sizeof ann);
			return sem_prefix_len(m->lang, "sem_channel_types", ann, 0) > 0;
		}
	}
	return 0;
}

/* True when a begin()/transaction() receiver plausibly is a database
 * object rather than, say, a tracing span. */
static int sem_db_receiver(enum lang lang, const char *recv)
{
	return sem_is_session_name(lang, recv) ||
	       sem_match_lower(lang, "sem_db_receiver_words", recv);
}

int sem_is_tx_with(const struct model *m, const struct node *w)
{
	const struct node *k;
	char callee[SEM_NAME_MAX], recv[SEM_NAME_MAX];

	if (w->kind != NODE_WITH)
		return 0;
	for (k = w->first_child ? model_node(m, w->first_child) : NULL;
	     k != NULL && budget_step() && (k->flags & NF_HEADER);
	     k = k->next_sibling ? model_node(m, k->next_sibling) : NULL) {
		if (k->kind != NODE_CALL)
			continue;
		/* a project's own wrapper around atomic(), such as
		 * `with traced_atomic_transaction():`, keeps the word */
		if (k->u.call && k->u.call->name &&
		    catalog_match(catalog_get(m->lang, "sem_atomic_words"), k->u.call->name) &&
		    strchr(k->u.call->callee, '(') == NULL)
			return 1;
		if (!sem_call_is(m, k, "tx_begin"))
			continue;
		sem_callee(m, k, callee, sizeof callee);
		if (catalog_match(catalog_get(m->lang, "sem_atomic_words"), callee) ||
		    sem_db_receiver(m->lang, sem_receiver_name(callee, recv, sizeof recv)))
			return 1;
	}
	return 0;
}

int sem_func_is_tx(const struct model *m, const struct node *f)
{
	char text[SEM_NAME_MAX], resolved[SEM_NAME_MAX];
	uint32_t i;

	if (f->kind != NODE_FUNC || f->u.func == NULL)
		return 0;
	/* the callback of a managed transaction: `prisma.$transaction(async
	 * (tx) => ...)`, `sequelize.transaction(async (t) => ...)` */
	if (f->parent != 0 && m->nodes[f->parent].kind == NODE_CALL &&
	    sem_call_is(m, &m->nodes[f->parent], "tx_begin")) {
		char recv[SEM_NAME_MAX];

		sem_callee(m, &m->nodes[f->parent], text, sizeof text);
		if (sem_db_receiver(m->lang, sem_receiver_name(text, recv, sizeof recv)))
			return 1;
	}
	/* the callback run by a transaction builder: `db.transaction()
	 * .execute(async (trx) => ...)` (catalog tx_begin_runs names the
	 * running link), and the callback a helper handed a session gives a
	 * transaction handle (`inTransaction(this.db, async (trx) => ...)`,
	 * catalog tx_callback_params) */
	if (f->parent != 0 && m->nodes[f->parent].kind == NODE_CALL &&
	    m->nodes[f->parent].u.call != NULL && m->nodes[f->parent].u.call->callee != NULL) {
		const struct call_info *pc = m->nodes[f->parent].u.call;
		const char *callee = pc->callee, *open = strstr(callee, "().");
		char recv[SEM_NAME_MAX], arg[SEM_NAME_MAX];

		if (open != NULL && strchr(open + 3, '(') == NULL &&
		    catalog_match(catalog_get(m->lang, "tx_begin_runs"), open + 3) &&
		    (size_t)(open - callee) < sizeof text) {
			memcpy(text, callee, (size_t)(open - callee));
			text[open - callee] = '\0';
			model_resolve(m, text, resolved, sizeof resolved);
			if (catalog_match(catalog_get(m->lang, "tx_begin"), resolved) &&
			    sem_db_receiver(m->lang, sem_receiver_name(text, recv, sizeof recv)))
				return 1;
		}
		if (f->u.func->n_params >= 1 && f->u.func->params[0].name != NULL &&
		    catalog_match(catalog_get(m->lang, "tx_callback_params"), f->u.func->params[0].name) &&
		    strchr(callee, '(') == NULL)
			for (i = 0; i < pc->n_args; i++) {
				const char *a;

				span_copy(m, pc->args[i].expr, arg, sizeof arg);
				a = strrchr(arg, '.') ? strrchr(arg, '.') + 1 : arg;
				if (pc->args[i].name == NULL && a[0] != '\0' &&
				    strspn(arg, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$.") == strlen(arg) &&
				    sem_is_session_name(m->lang, a))
					return 1;
			}
	}
	/* the callback handed to the first call of a chain, before the
	 * last call's arguments: `prisma.$transaction(async () => ...)
	 * .catch(...)` */
	if (f->parent != 0 && m->nodes[f->parent].kind == NODE_CALL &&
	    m->nodes[f->parent].u.call != NULL && f->line >= 1 && f->line <= m->n_lines &&
	    m->line_off[f->line - 1] + f->col < m->nodes[f->parent].u.call->args_text.off) {
		const char *callee = m->nodes[f->parent].u.call->callee;
		size_t head = strcspn(callee, "(");
		char recv[SEM_NAME_MAX];

		if (callee[head] == '(' && head < sizeof text) {
			memcpy(text, callee, head);
			text[head] = '\0';
			model_resolve(m, text, resolved, sizeof resolved);
			if (catalog_match(catalog_get(m->lang, "tx_begin"), resolved) &&
			    sem_db_receiver(m->lang, sem_receiver_name(text, recv, sizeof recv)))
				return 1;
		}
	}
	for (i = 0; i < f->u.func->n_decorators; i++) {
		char *paren;

		span_copy(m, f->u.func->decorators[i], text, sizeof text);
		if ((paren = strchr(text, '(')) != NULL)
			*paren = '\0';
		model_resolve(m, text, resolved, sizeof resolved);
		if (catalog_match(catalog_get(m->lang, "tx_decorators"), resolved))
			return 1;
	}
	return 0;
}

const struct node *sem_tx_block(const struct model *m, const struct node *n)
{
	const struct node *prev = n;

	while (node_index(m, n) != 0) {
		n = model_node(m, n->parent);
		if (n->kind == NODE_FUNC)
			return sem_func_is_tx(m, n) ? n : NULL;
		if (n->kind == NODE_WITH && !(prev->flags & NF_HEADER) && sem_is_tx_with(m, n))
			return n;
		prev = n;
	}
	return NULL;
}

const struct node *sem_find_call(const struct model *m, const struct node *root, const char *list)
{
	const struct node *c;

	for (c = NULL; (c = model_walk(m, root, c, 0)); )
		if (c->kind == NODE_CALL && sem_call_is(m, c, list))
			return c;
	return NULL;
}

int sem_contains_call(const struct model *m, const struct node *root, const char *list)
{
	return sem_find_call(m, root, list) != NULL;
}

enum severity sem_role_severity(const struct audit_input *in, size_t fi, const struct node *n,
				enum severity hi, enum severity lo)
{
	unsigned role = index_role_at(in->proj, (uint32_t)fi, n);

	if (role & (ROLE_HANDLER | ROLE_HANDLER_PATH | ROLE_STREAMING | ROLE_WEBSOCKET))
		return hi;
	return lo;
}

const char *sem_func_desc(const struct audit_input *in, size_t fi, const struct node *n,
			  char *buf, size_t size)
{
	const struct model *m = in->proj->files[fi].model;
	const struct node *f = n->kind == NODE_FUNC ? n : model_enclosing_func(m, n);
	unsigned role;
	const char *what;

	if (f == NULL) {
		snprintf(buf, size, "module-level code");
		return buf;
	}
	role = index_role_at(in->proj, (uint32_t)fi, f);
	if (role & (ROLE_STREAMING | ROLE_WEBSOCKET))
		what = "streaming handler";
	else if (role & ROLE_HANDLER)
		what = "handler";
	else if (role & ROLE_BACKGROUND)
		what = "background task";
	else if (role & ROLE_DEPENDENCY)
		what = "dependency";
	else
		what = "function";
	/* an anonymous function (a Go `func(tx *sqlx.Tx) error {...}`
	 * handed to a transaction helper, an arrow callback) has no name of
	 * its own: the function that holds it names the place */
	if (f->flags & NF_LAMBDA) {
		const struct node *outer = f;

		while (outer != NULL && (outer->flags & NF_LAMBDA))
			outer = model_enclosing_func(m, outer);
		if (outer != NULL && outer->name != NULL) {
			snprintf(buf, size, "a closure in %s `%s`", what, outer->name);
			return buf;
		}
	}
	snprintf(buf, size, "%s%s `%s`",
		 (f->flags & NF_ASYNC) ? sem_text_or_empty(m, "sem.async_prefix") : "", what,
		 f->name ? f->name : "?");
	return buf;
}

enum sem_db_stack sem_db_stack(const struct project *p)
{
	const struct tech_stack *s = auditor_stack(p);
	enum lang lang = catalog_common_lang();

	if (s == NULL)
		return SEM_SA_ASYNC;
	if (s->orm != NULL && catalog_match(catalog_get(lang, "sem_stack_django_orms"), s->orm))
		return SEM_DJANGO;
	if (s->orm == NULL && s->driver != NULL) {
		if (catalog_match(catalog_get(lang, "sem_stack_asyncpg_drivers"), s->driver))
			return SEM_ASYNCPG;
		if (catalog_match(catalog_get(lang, "sem_stack_psycopg_drivers"), s->driver))
			return SEM_PSYCOPG;
	}
	return s->is_async ? SEM_SA_ASYNC : SEM_SA_SYNC;
}

const char *sem_loop_iter(const struct model *m, const struct node *loop, char *buf, size_t size)
{
	buf[0] = '\0';
	if (loop->u.loop != NULL)
		span_copy(m, loop->u.loop->iter, buf, size);
	return buf;
}

void sem_add_line(struct finding *f, const struct model *m, uint32_t line)
{
	size_t len = 0;
	const char *t = model_line(m, line, &len);

	if (t == NULL)
		return;
	while (len > 0 && (*t == ' ' || *t == '\t')) {
		t++;
		len--;
	}
	finding_add_evidence(f, (int)line, t, len);
}

const char *sem_call_source(const struct model *m, const struct node *c, char *buf, size_t size)
{
	size_t len = 0, i, j = 0;
	const char *t = model_line(m, c->line, &len);
	int depth = 0;
	size_t cap = size < 84 ? size : 84;

	buf[0] = '\0';
	if (t == NULL || c->col >= len)
		return buf;
	for (i = c->col; i < len && j + 4 < cap; i++) {
		buf[j++] = t[i];
		if (t[i] == '(' || t[i] == '[' || t[i] == '{') {
			depth++;
		} else if (t[i] == ')' || t[i] == ']' || t[i] == '}') {
			/* a chain goes on: update(Job).where(...) */
			if (--depth == 0 && (i + 1 >= len || t[i + 1] != '.'))
				break;
		}
	}
	if ((depth != 0 || (i < len && t[i] == '.')) && j + 4 <= cap) {
		/* the call goes on past this line or past the limit */
		memcpy(buf + j, "...", 3);
		j += 3;
	}
	buf[j] = '\0';
	return buf;
}

const char *sem_header_text(const struct model *m, const struct node *n, char *buf, size_t size)
{
	size_t len = 0;
	const char *t = model_line(m, n->line, &len);

	buf[0] = '\0';
	if (t == NULL)
		return buf;
	while (len > 0 && (*t == ' ' || *t == '\t')) {
		t++;
		len--;
	}
	while (len > 0 && (t[len - 1] == ' ' || t[len - 1] == '\r'))
		len--;
	if (len > 0 && t[len - 1] == ':')
		len--;
	/* a brace-delimited header (`for rows.Next() {`) */
	else if (len > 1 && t[len - 1] == '{' && t[len - 2] == ' ')
		len -= 2;
	if (len > 90) {
		snprintf(buf, size, "%.*s...", 87, t);
		return buf;
	}
	snprintf(buf, size, "%.*s", (int)len, t);
	return buf;
}

const char *sem_chain_head_args(const struct model *m, const struct node *c, char *buf,
				size_t size)
{
	size_t len = 0, i, start;
	const char *t = model_line(m, c->line, &len);
	int depth = 0;

	buf[0] = '\0';
	if (t == NULL || c->col >= len)
		return buf;
	for (i = c->col; i < len && t[i] != '('; i++)
		;
	start = ++i;
	for (; i < len; i++) {
		if (t[i] == '(' || t[i] == '[' || t[i] == '{') {
			depth++;
		} else if (t[i] == ')' || t[i] == ']' || t[i] == '}') {
			if (depth-- == 0)
				break;
		}
	}
	if (i >= len)
		return buf;
	snprintf(buf, size, "%.*s", (int)(i - start), t + start);
	return buf;
}

/* Appends to buf the value bound to parameter name in the argument text
 * args: `name=value` or `"name": value`; the whole args when not found. */
static void sem_bound_value(const char *args, const char *name, size_t nlen, char *buf,
			    size_t size)
{
	const char *p;
	size_t used = strlen(buf);

	for (p = strstr(args, name); p != NULL; p = strstr(p + 1, name)) {
		const char *v = p + nlen;
		int depth = 0;
		size_t n = 0;

		if (p > args && (isalnum((unsigned char)p[-1]) || p[-1] == '_'))
			continue;
		while (*v == '"' || *v == '\'' || *v == ' ')
			v++;
		if (*v != ':' && *v != '=')
			continue;
		v++;
		while (v[n] && !(depth == 0 && (v[n] == ',' || v[n] == '}' || v[n] == ')'))) {
			depth += strchr("([{", v[n]) != NULL;
			depth -= strchr(")]}", v[n]) != NULL;
			n++;
		}
		snprintf(buf + used, size - used, " %.*s", (int)n, v);
		return;
	}
	snprintf(buf + used, size - used, " %s", args);
}

int sem_sql_row_text(const struct model *m, const struct node *c, char *buf, size_t size)
{
	const struct call_info *ci = c->u.call;
	char sql[1024], args[1024] = "";
	const char *w, *p;
	uint32_t i;

	if (sem_sql_arg(m, c, sql, sizeof sql) == NULL)
		return 0;
	buf[0] = '\0';
	if ((w = strcasestr(sql, " where ")) == NULL)
		return 1;                   /* every row: the same set each time */
	for (i = 1; i < ci->n_args; i++) {
		size_t used = strlen(args);

		snprintf(args + used, sizeof args - used, "%s%s",
			 ci->args[i].name ? ci->args[i].name : "", ci->args[i].name ? "=" : "");
		used = strlen(args);
		span_copy(m, ci->args[i].expr, args + used, sizeof args - used);
		used = strlen(args);
		snprintf(args + used, sizeof args - used, ", ");
	}
	for (p = w; *p; p++) {
		size_t n = 0;

		if (p[0] == '$' && isdigit((unsigned char)p[1])) {
			unsigned long k = strtoul(p + 1, NULL, 10);
			size_t used = strlen(buf);

			if (k < ci->n_args && used + 1 < size) {
				buf[used++] = ' ';
				span_copy(m, ci->args[k].expr, buf + used, size - used);
			}
		} else if ((p[0] == ':' && p[-1] != ':' && (isalpha((unsigned char)p[1]) || p[1] == '_')) ||
			   (p[0] == '%' && p[1] == '(')) {
			const char *s = p + (p[0] == '%' ? 2 : 1);

			while (isalnum((unsigned char)s[n]) || s[n] == '_')
				n++;
			sem_bound_value(args, s, n, buf, size);
		} else if (p[0] == '%' && p[1] == 's') {
			size_t used = strlen(buf);

			snprintf(buf + used, size - used, " %s", args);
		}
	}
	return 1;
}

/* True when block b (an except, an if branch) ends by leaving the loop or
 * the function: its last statement is a raise, return or break. */
static int sem_block_leaves(const struct model *m, const struct node *b)
{
	const struct node *k, *last = NULL;

	for (k = b->first_child ? model_node(m, b->first_child) : NULL; k != NULL;
	     k = k->next_sibling ? model_node(m, k->next_sibling) : NULL)
		if (!(k->flags & NF_HEADER))
			last = k;
	return last != NULL &&
	       (last->kind == NODE_RAISE || last->kind == NODE_RETURN || last->kind == NODE_BREAK);
}

/* True when block b ends in a `return` of a function literal run per
 * item inside the loop (`rows.map(async (row) => { if (...) { return
 * db(t).update(...) } ... })`): the return ends that item's callback,
 * the next item still runs it. */
static int sem_item_return(const struct model *m, const struct node *b, const struct node *loop)
{
	const struct node *k, *last = NULL, *fn;

	for (k = b->first_child ? model_node(m, b->first_child) : NULL; k != NULL;
	     k = k->next_sibling ? model_node(m, k->next_sibling) : NULL)
		if (!(k->flags & NF_HEADER))
			last = k;
	if (last == NULL || last->kind != NODE_RETURN)
		return 0;
	fn = model_enclosing_func(m, b);
	return fn != NULL && (fn->flags & NF_LAMBDA) && fn != loop && model_is_within(m, fn, loop);
}

int sem_runs_once_in_loop(const struct model *m, const struct node *c, const struct node *loop)
{
	const struct node *x = c;

	while (x != NULL && x != loop && x->parent != 0) {
		/* a call in the condition (Go's `if _, err := db.Exec(...); err
		 * != nil { return err }`) runs every time; only the body is once */
		int in_header = (x->flags & NF_HEADER) != 0;

		x = model_node(m, x->parent);
		if (x == loop)
			break;
		if ((x->kind == NODE_EXCEPT || x->kind == NODE_IF || x->kind == NODE_ELSE) &&
		    !in_header && sem_block_leaves(m, x) && !sem_item_return(m, x, loop))
			return 1;
		if (x->kind == NODE_FUNC)
			return 0;
	}
	return 0;
}

/* Checks ask from inside one file, call after call: the last answer of
 * this thread is almost always the right one. */
static _Thread_local struct {
	const struct project *p;
	const struct model *m;
	size_t fi;
} sem_file_cache;

size_t sem_file_of(const struct project *p, const struct model *m)
{
	if (sem_file_cache.p == p && sem_file_cache.m == m && sem_file_cache.fi < p->n_files &&
	    p->files[sem_file_cache.fi].model == m)
		return sem_file_cache.fi;
	for (size_t i = 0; i < p->n_files; i++)
		if (p->files[i].model == m) {
			sem_file_cache.p = p;
			sem_file_cache.m = m;
			sem_file_cache.fi = i;
			return i;
		}
	return SIZE_MAX;
}
