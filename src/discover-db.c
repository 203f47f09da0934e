/* Database metadata from text: SQLAlchemy engine and session settings in
 * Python modules, and triggers / NOTIFY functions in SQL and migrations.
 *
 * Python text is first classified byte by byte (code, string, comment)
 * by a tiny lexer, so that a create_engine( in a comment is ignored and
 * SQL split over adjacent string literals ("...AFTER INSERT " "ON jobs")
 * reads as one statement. Offsets never move, so line numbers stay exact. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "discover.h"
#include "discover-int.h"
#include "util/hash.h"
#include "util/regex.h"
#include "util/xalloc.h"

enum { K_CODE = 'c', K_STR = 's', K_QUOTE = 'q', K_COMMENT = '#' };

/* One kind byte per text byte. Prefixes (f, r, b) stay code; the quotes
 * are K_QUOTE; escapes are kept inside K_STR. */
static char *py_kinds(const char *t, size_t n)
{
	char *k = xmalloc(n + 1);
	size_t i = 0;

	while (i < n) {
		char c = t[i];

		if (c == '#') {
			while (i < n && t[i] != '\n')
				k[i++] = K_COMMENT;
		} else if (c == '"' || c == '\'') {
			int triple = i + 2 < n && t[i + 1] == c && t[i + 2] == c;
			size_t ql = triple ? 3 : 1;

			memset(k + i, K_QUOTE, ql);
			i += ql;
			while (i < n) {
				if (t[i] == '\\' && i + 1 < n) {
					k[i] = k[i + 1] = K_STR;
					i += 2;
				} else if (t[i] == c && (!triple || (i + 2 < n && t[i + 1] == c &&
								  t[i + 2] == c))) {
					memset(k + i, K_QUOTE, ql);
					i += ql;
					break;
				} else if (t[i] == '\n' && !triple) {
					break;     /* unterminated: resync at the line end */
				} else {
					k[i++] = K_STR;
				}
			}
		} else {
			k[i++] = K_CODE;
		}
	}
	k[n] = '\0';
	return k;
}

/* Only the string contents of Python text, everything else blanked (newlines
 * kept); escapes become spaces so that \' still reads as a quote. */
static char *py_string_view(const char *t, size_t n)
{
	char *k = py_kinds(t, n), *v = xmalloc(n + 1);

	for (size_t i = 0; i < n; i++) {
		if (k[i] != K_STR) {
			v[i] = t[i] == '\n' ? '\n' : ' ';
		} else if (t[i] == '\\' && i + 1 < n) {
			char e = t[i + 1];

			v[i] = ' ';
			v[i + 1] = (e == 'n' || e == 't' || e == 'r') ? ' ' : e;
			i++;
		} else {
			v[i] = t[i];
		}
	}
	v[n] = '\0';
	free(k);
	return v;
}

/* ---- engine and session settings -------------------------------------- */

static int is_ident(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* Value of an int literal or a product/sum of them (60 * 30, 1_800);
 * ENGINE_VALUE_UNKNOWN for anything else (settings.POOL_SIZE). */
static int eval_int(const char *s, size_t n)
{
	long acc = 0, term = 1, num = -1;
	char op = '+';

	for (size_t i = 0; i <= n; i++) {
		char c = i < n ? s[i] : '\0';

		if (isdigit((unsigned char)c)) {
			num = (num < 0 ? 0 : num) * 10 + (c - '0');
			if (num > 1000000000)
				return ENGINE_VALUE_UNKNOWN;
		} else if (c == '_' && num >= 0) {
			continue;
		} else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			continue;
		} else if (c == '*' || c == '+' || c == '\0') {
			if (num < 0)
				return ENGINE_VALUE_UNKNOWN;
			term = op == '*' ? term * num : num;
			if (c != '*') {
				acc += term;
				term = 1;
			}
			op = c == '*' ? '*' : '+';
			num = -1;
		} else {
			return ENGINE_VALUE_UNKNOWN;
		}
	}
	return acc > 1000000000 ? ENGINE_VALUE_UNKNOWN : (int)acc;
}

/* True/False literal; an expression means the setting is wired to
 * configuration, which we count as set (TRI_TRUE) rather than unknown so
 * that the checks do not report it as missing. */
static enum tristate eval_bool(const char *s, size_t n)
{
	if (n == 5 && !strncmp(s, "False", 5))
		return TRI_FALSE;
	if ((n == 1 && *s == '0') || (n == 4 && !strncmp(s, "None", 4)))
		return TRI_FALSE;
	return TRI_TRUE;
}

/* A keyword argument: key and value spans, trimmed. */
struct kwarg {
	const char *key, *val;
	size_t kl, vl;
};

/* Bounds on the calls read in one setup file: a call's arguments end
 * within CALL_MAX_SPAN bytes of its '(' and at most DISC_MAX_CALLS calls
 * are read, so that a crafted file of many unclosed calls stays linear
 * (real setup modules make a handful of short ones). */
#define CALL_MAX_SPAN (64u << 10)
#define DISC_MAX_CALLS 1024

/* Splits the call whose '(' is at open into keyword arguments (positional
 * ones are skipped). Returns the count; *close receives the offset of the
 * matching ')' (or where the scan stopped: len, or CALL_MAX_SPAN on). */
static size_t call_kwargs(const char *t, const char *k, size_t len, size_t open,
			  struct kwarg *out, size_t max, size_t *close)
{
	size_t n = 0, start = open + 1, i;
	int depth = 0;

	for (i = open; i < len && i - open < CALL_MAX_SPAN; i++) {
		char c = t[i];
		int end_arg;

		if (k[i] != K_CODE)
			continue;
		if (c == '(' || c == '[' || c == '{') {
			depth++;
			continue;
		}
		end_arg = (c == ',' && depth == 1) || ((c == ')' || c == ']' || c == '}') && depth == 1);
		if (c == ')' || c == ']' || c == '}')
			depth--;
		if (!end_arg)
			continue;
		/* [start, i) is one argument. */
		{
			size_t a = start, b = i, e;

			while (a < b && isspace((unsigned char)t[a]))
				a++;
			while (b > a && isspace((unsigned char)t[b - 1]))
				b--;
			e = a;
			while (e < b && is_ident(t[e]))
				e++;
			if (e > a && n < max) {
				size_t eq = e;

				while (eq < b && isspace((unsigned char)t[eq]))
					eq++;
				if (eq < b && t[eq] == '=' && (eq + 1 >= b || t[eq + 1] != '=')) {
					size_t v = eq + 1;

					while (v < b && isspace((unsigned char)t[v]))
						v++;
					out[n].key = t + a;
					out[n].kl = e - a;
					out[n].val = t + v;
					out[n].vl = b - v;
					n++;
				}
			}
		}
		start = i + 1;
		if (depth == 0)
			break;
	}
	*close = i;
	return n;
}

/* True when t[i..len) starts with word. */
static int starts(const char *t, size_t len, size_t i, const char *word, size_t wl)
{
	return i + wl <= len && !memcmp(t + i, word, wl);
}

/* True when kwarg kw is named name. */
static int kw_is(const struct kwarg *kw, const char *name)
{
	return strlen(name) == kw->kl && !strncmp(kw->key, name, kw->kl);
}

/* Heap copy of a string literal value without its quotes, or NULL. */
static char *str_literal(const char *s, size_t n)
{
	if (n >= 2 && (s[0] == '"' || s[0] == '\'') && s[n - 1] == s[0])
		return xstrndup(s + 1, n - 2);
	return NULL;
}

/* Offset of the '(' after a needle at code position i, or 0 when the
 * occurrence is part of a longer name or not a call. */
static size_t call_open(const char *t, const char *k, size_t len, size_t i, size_t nl)
{
	size_t p = i + nl;

	if (k[i] != K_CODE || (i > 0 && is_ident(t[i - 1])))
		return 0;
	while (p < len && (t[p] == ' ' || t[p] == '\t'))
		p++;
	return p < len && t[p] == '(' && k[p] == K_CODE ? p : 0;
}

/* Sets a tristate once: the first explicit value wins. */
static void set_tri(enum tristate *dst, enum tristate v)
{
	if (*dst == TRI_UNKNOWN)
		*dst = v;
}

/* Records one create_engine / create_async_engine call, on line line. */
static int engine_call(const char *t, const char *k, size_t len, int line, size_t open,
		       const char *relpath, struct db_config *db)
{
	struct kwarg kw[32];
	size_t close, n = call_kwargs(t, k, len, open, kw, 32, &close);
	struct engine_config *e;

	XGROW(db->engines, db->cap_engines, db->n_engines + 1);
	e = &db->engines[db->n_engines++];
	memset(e, 0, sizeof *e);
	e->file = xstrdup(relpath ? relpath : "");
	e->line = line;
	e->pool_size = e->max_overflow = e->pool_recycle = -1;
	e->pool_pre_ping = TRI_UNKNOWN;
	for (size_t i = 0; i < n; i++) {
		if (kw_is(&kw[i], "pool_size"))
			e->pool_size = eval_int(kw[i].val, kw[i].vl);
		else if (kw_is(&kw[i], "max_overflow"))
			e->max_overflow = eval_int(kw[i].val, kw[i].vl);
		else if (kw_is(&kw[i], "pool_recycle"))
			e->pool_recycle = eval_int(kw[i].val, kw[i].vl);
		else if (kw_is(&kw[i], "pool_pre_ping"))
			e->pool_pre_ping = eval_bool(kw[i].val, kw[i].vl);
		else if (kw_is(&kw[i], "poolclass"))
			e->null_pool = kw[i].vl >= 8 &&
				!strncmp(kw[i].val + kw[i].vl - 8, "NullPool", 8);
		else if (kw_is(&kw[i], "isolation_level") && !db->isolation_level)
			db->isolation_level = str_literal(kw[i].val, kw[i].vl);
	}
	return 1;
}

/* Session factory settings from sessionmaker-like calls. */
static int session_call(const char *t, const char *k, size_t len, size_t open,
			struct db_config *db)
{
	struct kwarg kw[32];
	size_t close, n = call_kwargs(t, k, len, open, kw, 32, &close);
	int found = 0;

	for (size_t i = 0; i < n; i++) {
		if (kw_is(&kw[i], "expire_on_commit"))
			set_tri(&db->expire_on_commit, eval_bool(kw[i].val, kw[i].vl)), found++;
		else if (kw_is(&kw[i], "autoflush"))
			set_tri(&db->autoflush, eval_bool(kw[i].val, kw[i].vl)), found++;
		else if (kw_is(&kw[i], "autocommit"))
			set_tri(&db->autocommit, eval_bool(kw[i].val, kw[i].vl)), found++;
	}
	return found;
}

/* One item of a dict display: a string-literal key and its value span. */
struct ditem {
	const char *key, *val;
	size_t kl, vl, at;     /* at: offset of the key */
};

/* Splits the dict display whose '{' is at open into items whose key is
 * a string literal (others are skipped). Returns the count; *close
 * receives the offset of the matching '}' (or len). */
static size_t dict_items(const char *t, const char *k, size_t len, size_t open,
			 struct ditem *out, size_t max, size_t *close)
{
	size_t n = 0, start = open + 1, i;
	int depth = 0;

	for (i = open; i < len; i++) {
		char c = t[i];
		int end_item;

		if (k[i] != K_CODE)
			continue;
		if (c == '(' || c == '[' || c == '{') {
			depth++;
			continue;
		}
		end_item = (c == ',' && depth == 1) || ((c == ')' || c == ']' || c == '}') && depth == 1);
		if (c == ')' || c == ']' || c == '}')
			depth--;
		if (end_item) {
			size_t a = start, e, v;

			while (a < i && (isspace((unsigned char)t[a]) || k[a] == K_COMMENT))
				a++;
			e = a + 1;
			while (e < i && k[e] != K_QUOTE)
				e++;
			if (a < i && k[a] == K_QUOTE && e < i && n < max) {
				size_t q = e;

				while (q < i && k[q] == K_QUOTE)
					q++;
				while (q < i && isspace((unsigned char)t[q]))
					q++;
				if (q < i && t[q] == ':' && k[q] == K_CODE) {
					size_t b = i;

					v = q + 1;
					while (v < b && isspace((unsigned char)t[v]))
						v++;
					while (b > v && isspace((unsigned char)t[b - 1]))
						b--;
					out[n].key = t + a + 1;
					out[n].kl = e - a - 1;
					out[n].val = t + v;
					out[n].vl = b - v;
					out[n].at = a;
					n++;
				}
			}
			start = i + 1;
		}
		if (depth == 0)
			break;
	}
	*close = i;
	return n;
}

/* True when dict item it has key name. */
static int key_is(const struct ditem *it, const char *name)
{
	return strlen(name) == it->kl && !strncmp(it->key, name, it->kl);
}

/* Records one Django DATABASES alias as an engine, as far as the literal
 * text proves: CONN_HEALTH_CHECKS is the pre-ping, CONN_MAX_AGE the
 * lifetime of a kept connection (0, Django's default, closes it at the
 * end of every request: no pooling, recorded as null_pool; None keeps it
 * without limit), OPTIONS "pool" (psycopg's pool) min_size/max_size the
 * pool size and overflow. An alias built by a call or a name is recorded
 * with its settings unknown. */
static int django_alias(const char *t, const char *k, size_t len, const struct ditem *al,
			const char *relpath, int age_elsewhere, struct db_config *db)
{
	struct engine_config *e;
	int has_age = 0, pooled = 0;

	XGROW(db->engines, db->cap_engines, db->n_engines + 1);
	e = &db->engines[db->n_engines++];
	memset(e, 0, sizeof *e);
	e->file = xstrdup(relpath ? relpath : "");
	e->line = disc_line_of(t, al->at);
	e->pool_size = e->max_overflow = e->pool_recycle = -1;
	e->pool_pre_ping = TRI_UNKNOWN;
	if (al->vl == 0 || al->val[0] != '{') {
		e->pool_size = e->max_overflow = e->pool_recycle = ENGINE_VALUE_UNKNOWN;
		return 1;
	}
	{
		struct ditem it[32];
		size_t close, n = dict_items(t, k, len, (size_t)(al->val - t), it, 32, &close);

		for (size_t i = 0; i < n; i++) {
			if (key_is(&it[i], "CONN_HEALTH_CHECKS")) {
				e->pool_pre_ping = eval_bool(it[i].val, it[i].vl);
			} else if (key_is(&it[i], "CONN_MAX_AGE")) {
				has_age = 1;
				if (it[i].vl == 4 && !strncmp(it[i].val, "None", 4))
					continue;
				e->pool_recycle = eval_int(it[i].val, it[i].vl);
			} else if (key_is(&it[i], "OPTIONS") && it[i].vl && it[i].val[0] == '{') {
				struct ditem o[32], pl[8];
				size_t oc, on = dict_items(t, k, len, (size_t)(it[i].val - t), o, 32, &oc);

				for (size_t j = 0; j < on; j++) {
					size_t pc, pn;
					int mn = -1, mx = -1;

					if (!key_is(&o[j], "pool"))
						continue;
					if (o[j].vl && o[j].val[0] != '{') {
						pooled = eval_bool(o[j].val, o[j].vl) == TRI_TRUE;
						continue;
					}
					pooled = 1;
					pn = dict_items(t, k, len, (size_t)(o[j].val - t), pl, 8, &pc);
					for (size_t q = 0; q < pn; q++) {
						if (key_is(&pl[q], "min_size"))
							mn = eval_int(pl[q].val, pl[q].vl);
						else if (key_is(&pl[q], "max_size"))
							mx = eval_int(pl[q].val, pl[q].vl);
					}
					e->pool_size = mn;
					if (mn >= 0 && mx >= 0)
						e->max_overflow = mx > mn ? mx - mn : 0;
					else if (mx != -1)
						e->max_overflow = ENGINE_VALUE_UNKNOWN;
				}
			}
		}
	}
	if (!pooled && ((has_age && e->pool_recycle == 0) || (!has_age && !age_elsewhere)))
		e->null_pool = 1;
	return 1;
}

/* DATABASES = {"default": {...}, ...} (a type annotation allowed) at
 * code position i; each alias is one engine. */
static int django_databases(const char *t, const char *k, size_t len, size_t i,
			    const char *relpath, int ages, struct db_config *db)
{
	size_t p = i + 9, close, n;
	struct ditem al[16];
	int found = 0;

	if (k[i] != K_CODE || (i > 0 && (is_ident(t[i - 1]) || t[i - 1] == '.')) ||
	    (p < len && is_ident(t[p])))
		return 0;
	/* only at the start of a line (an assignment, not a use) */
	for (size_t b = i; b > 0 && t[b - 1] != '\n'; b--)
		if (t[b - 1] != ' ' && t[b - 1] != '\t')
			return 0;
	while (p < len && (t[p] == ' ' || t[p] == '\t'))
		p++;
	if (p < len && t[p] == ':') /* annotation: up to the '=' on this line */
		while (p < len && t[p] != '=' && t[p] != '\n')
			p++;
	if (p + 1 >= len || t[p] != '=' || t[p + 1] == '=')
		return 0;
	p++;
	while (p < len && (t[p] == ' ' || t[p] == '\t'))
		p++;
	if (p >= len || t[p] != '{' || k[p] != K_CODE)
		return 0;
	n = dict_items(t, k, len, p, al, 16, &close);
	for (size_t q = p; q + 12 <= close; q++)
		if (starts(t, len, q, "CONN_MAX_AGE", 12))
			ages--;
	for (size_t a = 0; a < n; a++)
		found += django_alias(t, k, len, &al[a], relpath, ages > 0, db);
	return found;
}

/* See discover.h. */
int discover_engine_settings(const char *text, size_t len, const char *relpath,
			     struct db_config *db)
{
	static const char *const engines[] = { "create_engine", "create_async_engine" };
	static const char *const sessions[] = {
		"sessionmaker", "async_sessionmaker", "Session", "AsyncSession",
	};
	char *k = py_kinds(text, len);
	int found = 0, ages = 0, calls = 0, line = 1;
	size_t line_at = 0;

	/* CONN_MAX_AGE set outside the DATABASES display (a later
	 * DATABASES["default"]["CONN_MAX_AGE"] = ...) leaves it unknown */
	for (const char *q = text; (q = strstr(q, "CONN_MAX_AGE")); q++)
		ages++;
	for (size_t i = 0; i < len; i++) {
		size_t open;

		if (text[i] == 'D' && starts(text, len, i, "DATABASES", 9))
			found += django_databases(text, k, len, i, relpath, ages, db);

		if (k[i] != K_CODE || !(text[i] == 'c' || text[i] == 's' || text[i] == 'a' ||
					text[i] == 'S' || text[i] == 'A' || text[i] == 'i'))
			continue;
		for (size_t e = 0; e < 2; e++) {
			size_t nl = strlen(engines[e]);

			if (calls < DISC_MAX_CALLS && starts(text, len, i, engines[e], nl) &&
			    (open = call_open(text, k, len, i, nl))) {
				/* the line counted on from the previous call (from
				 * the start each time was quadratic) */
				for (; line_at < i; line_at++)
					line += text[line_at] == '\n';
				calls++;
				found += engine_call(text, k, len, line, open, relpath, db);
			}
		}
		for (size_t s = 0; s < 4; s++) {
			size_t nl = strlen(sessions[s]);

			if (calls < DISC_MAX_CALLS && starts(text, len, i, sessions[s], nl) &&
			    (open = call_open(text, k, len, i, nl)))
				calls++, found += session_call(text, k, len, open, db);
		}
		/* execution_options(isolation_level="...") and friends. */
		if (starts(text, len, i, "isolation_level", 15) && (i == 0 || !is_ident(text[i - 1])) &&
		    (i + 15 == len || !is_ident(text[i + 15])) && !db->isolation_level) {
			size_t p = i + 15;

			while (p < len && (text[p] == ' ' || text[p] == '\t'))
				p++;
			if (p + 1 < len && text[p] == '=' && text[p + 1] != '=') {
				size_t q = p + 1, e;

				while (q < len && (text[q] == ' ' || text[q] == '\t'))
					q++;
				e = q + 1;
				while (e < len && k[e] == K_STR)
					e++;
				if (q < len && k[q] == K_QUOTE && e < len && e > q + 1) {
					db->isolation_level = xstrndup(text + q + 1, e - q - 1);
					found++;
				}
			}
		}
	}
	free(k);
	return found;
}

/* ---- triggers ----------------------------------------------------------- */

/* Copies an SQL identifier ("public"."jobs" -> jobs): quotes and the
 * schema are dropped so names compare with ORM __tablename__ values. */
static char *sql_ident(const char *s, size_t n)
{
	const char *dot = NULL;
	char *out, *w;

	for (size_t i = 0; i < n; i++)
		if (s[i] == '.')
			dot = s + i;
	if (dot) {
		n -= (size_t)(dot + 1 - s);
		s = dot + 1;
	}
	out = w = xmalloc(n + 1);
	for (size_t i = 0; i < n; i++)
		if (s[i] != '"')
			*w++ = s[i];
	*w = '\0';
	return out;
}

/* "INSERT OR UPDATE OF status" -> "INSERT OR UPDATE": the event keywords
 * only, upper case, in the order written. */
static char *sql_events(const char *s, size_t n)
{
	static const char *const kw[] = { "INSERT", "UPDATE", "DELETE", "TRUNCATE" };
	char *out = xmalloc(n + 1);
	size_t w = 0, i = 0;
	int in_of = 0;

	while (i < n) {
		size_t b = i, l;

		while (b < n && !isalpha((unsigned char)s[b]))
			b++;
		l = 0;
		while (b + l < n && is_ident(s[b + l]))
			l++;
		if (!l)
			break;
		if (l == 2 && !strncasecmp(s + b, "OR", 2)) {
			in_of = 0;
		} else if (l == 2 && !strncasecmp(s + b, "OF", 2)) {
			in_of = 1;
		} else if (!in_of) {
			for (size_t k = 0; k < 4; k++)
				if (strlen(kw[k]) == l && !strncasecmp(s + b, kw[k], l)) {
					if (w) {
						memcpy(out + w, " OR ", 4);
						w += 4;
					}
					memcpy(out + w, kw[k], l);
					w += l;
				}
		}
		i = b + l;
	}
	out[w] = '\0';
	return out;
}

/* The keyed hash of the lowercase name (function names match ignoring
 * case): a migrations folder chooses the names, and with a fixed hash
 * 20 000 names sharing one chain took seconds (util/hash.h). */
static size_t fn_hash(const char *name)
{
	return (size_t)hash_text_ci(name, strlen(name));
}

/* The slot holding name, or the free slot where it would go. A linear
 * scan per definition made 18k functions take a second (hostile input
 * chooses how many there are). */
static size_t *fn_slot(const struct notify_fns *fns, const char *name)
{
	size_t mask = fns->n_slots - 1, i = fn_hash(name) & mask;

	while (fns->slots[i] && strcasecmp(fns->items[fns->slots[i] - 1].name, name))
		i = (i + 1) & mask;
	return &fns->slots[i];
}

/* Doubles the index when it is half full. */
static void fn_index_grow(struct notify_fns *fns)
{
	if (fns->n_slots && (fns->n + 1) * 2 <= fns->n_slots)
		return;
	free(fns->slots);
	fns->n_slots = fns->n_slots ? fns->n_slots * 2 : 64;
	fns->slots = xcalloc(fns->n_slots, sizeof *fns->slots);
	for (size_t i = 0; i < fns->n; i++)
		*fn_slot(fns, fns->items[i].name) = i + 1;
}

/* Adds or updates a function in fns (later definitions replace earlier
 * ones, as CREATE OR REPLACE does). */
static void fn_record(struct notify_fns *fns, char *name, char *channel, int notifies)
{
	size_t *slot;

	for (char *p = name; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	fn_index_grow(fns);
	slot = fn_slot(fns, name);
	if (*slot) {
		struct notify_fn *f = &fns->items[*slot - 1];

		free(f->channel);
		free(name);
		f->channel = channel;
		f->notifies = notifies;
		return;
	}
	XGROW(fns->items, fns->cap, fns->n + 1);
	fns->items[fns->n].name = name;
	fns->items[fns->n].channel = channel;
	fns->items[fns->n].notifies = notifies;
	*slot = ++fns->n;
}

/* Compiled once per discovery (kept in struct notify_fns): compiling per
 * file made a folder of many small migrations cost seconds. */
struct sql_res {
	struct regex *trig, *exec, *func, *dollar, *notify_fn, *notify_lit, *notify_stmt;
};

/* Compiles the trigger patterns; a failure is a programming error. */
static void sql_res_init(struct sql_res *r)
{
	char err[200];
#define ID "(?:\"?\\w+\"?\\.)?\"?\\w+\"?"
#define EV "(?:INSERT|UPDATE|DELETE|TRUNCATE)(?:\\s+OF\\s+[\\w\\s,\"]+?)?"
	const char *pats[7] = {
		"\\bCREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:CONSTRAINT\\s+)?TRIGGER\\s+"
		"(?:IF\\s+NOT\\s+EXISTS\\s+)?(" ID ")\\s+(AFTER|BEFORE|INSTEAD\\s+OF)\\s+"
		"(" EV "(?:\\s+OR\\s+" EV ")*)\\s+ON\\s+(" ID ")",
		"\\G[^;]*?\\bEXECUTE\\s+(?:FUNCTION|PROCEDURE)\\s+(" ID ")\\s*\\(",
		"\\bCREATE\\s+(?:OR\\s+REPLACE\\s+)?FUNCTION\\s+(" ID ")\\s*\\(",
		"\\G[^;]*?\\$(\\w*)\\$",
		"\\bpg_notify\\s*\\(",
		"\\G\\s*'([^']*)'",
		"\\bNOTIFY\\s+(\"?\\w+\"?)\\s*[,;]",
	};
#undef ID
#undef EV
	struct regex **dst[7] = { &r->trig, &r->exec, &r->func, &r->dollar, &r->notify_fn,
				  &r->notify_lit, &r->notify_stmt };

	for (int i = 0; i < 7; i++) {
		*dst[i] = regex_compile(pats[i], REGEX_CASELESS, err, sizeof err);
		if (!*dst[i])
			fatal("internal trigger regex %d: %s", i, err);
	}
}

/* Frees the compiled patterns. */
static void sql_res_free(struct sql_res *r)
{
	regex_free(r->trig);
	regex_free(r->exec);
	regex_free(r->func);
	regex_free(r->dollar);
	regex_free(r->notify_fn);
	regex_free(r->notify_lit);
	regex_free(r->notify_stmt);
}

/* The function body: the dollar-quoted block after the signature, or, for
 * functions without one, the text up to the next statement end. */
static void fn_body(const struct sql_res *r, const char *s, size_t len, size_t from,
		    size_t *b, size_t *e)
{
	struct regex_match m;
	char tag[80];

	*b = from;
	*e = len;
	if (regex_match(r->dollar, s, len, from, &m) == 1 && (size_t)m.len[1] + 3 < sizeof tag) {
		size_t tl = (size_t)m.len[1] + 2;
		const char *close;

		snprintf(tag, sizeof tag, "$%.*s$", (int)m.len[1], s + m.off[1]);
		*b = (size_t)(m.off[0] + m.len[0]);
		close = memmem(s + *b, len - *b, tag, tl);
		*e = close ? (size_t)(close - s) : len;
		return;
	}
	for (size_t i = from; i < len; i++)
		if (s[i] == ';') {
			*e = i;
			return;
		}
}

/* Functions (with their NOTIFY channel) and triggers in s. */
static int scan_sql(const struct sql_res *r, const char *s, size_t len, const char *text,
		    const char *relpath, struct db_config *db, struct notify_fns *fns)
{
	struct regex_match m, x;
	size_t pos = 0, line_at = 0;
	int added = 0, line = 1;

	while (regex_match(r->func, s, len, pos, &m) == 1) {
		size_t b, e;
		char *channel = NULL;
		int notifies = 0;

		fn_body(r, s, len, (size_t)(m.off[0] + m.len[0]), &b, &e);
		if (regex_match(r->notify_fn, s, e, b, &x) == 1) {
			notifies = 1;
			if (regex_match(r->notify_lit, s, e, (size_t)(x.off[0] + x.len[0]), &x) == 1)
				channel = xstrndup(s + x.off[1], (size_t)x.len[1]);
		} else if (regex_match(r->notify_stmt, s, e, b, &x) == 1) {
			notifies = 1;
			channel = sql_ident(s + x.off[1], (size_t)x.len[1]);
		}
		fn_record(fns, sql_ident(s + m.off[1], (size_t)m.len[1]), channel, notifies);
		pos = e > (size_t)(m.off[0] + m.len[0]) ? e : (size_t)(m.off[0] + m.len[0]);
	}
	pos = 0;
	while (regex_match(r->trig, s, len, pos, &m) == 1) {
		struct trigger *t;
		size_t end = (size_t)(m.off[0] + m.len[0]);

		/* geometric growth: one realloc per trigger copied the whole
		 * array each time under allocators that never grow in place */
		XGROW(db->triggers, db->cap_triggers, db->n_triggers + 1);
		t = &db->triggers[db->n_triggers++];
		memset(t, 0, sizeof *t);
		t->name = sql_ident(s + m.off[1], (size_t)m.len[1]);
		t->event = sql_events(s + m.off[3], (size_t)m.len[3]);
		t->table = sql_ident(s + m.off[4], (size_t)m.len[4]);
		t->file = xstrdup(relpath ? relpath : "");
		/* triggers come in text order: count the lines from the last
		 * one (from the start each time, a file of many triggers was
		 * quadratic) */
		for (; line_at < (size_t)m.off[0]; line_at++)
			line += text[line_at] == '\n';
		t->line = line;
		/* MySQL triggers have an inline body and no function. */
		if (regex_match(r->exec, s, len, end, &x) == 1) {
			t->function = sql_ident(s + x.off[1], (size_t)x.len[1]);
			end = (size_t)(x.off[0] + x.len[0]);
		}
		added++;
		pos = end;
	}
	return added;
}

/* See discover-int.h. */
int disc_scan_triggers(const char *text, size_t len, const char *relpath, int is_python,
		       struct db_config *db, struct notify_fns *fns)
{
	char *view = is_python ? py_string_view(text, len) : NULL;
	int n;

	if (!fns->res) {
		fns->res = xcalloc(1, sizeof *fns->res);
		sql_res_init(fns->res);
	}
	n = scan_sql(fns->res, view ? view : text, len, text, relpath, db, fns);
	free(view);
	return n;
}

/* Looks a trigger's function up, ignoring case. */
void disc_resolve_triggers(struct db_config *db, const struct notify_fns *fns)
{
	for (size_t i = 0; i < db->n_triggers; i++) {
		struct trigger *t = &db->triggers[i];

		const struct notify_fn *f;
		size_t at;

		if (!t->function || !fns->n || !(at = *fn_slot(fns, t->function)))
			continue;
		f = &fns->items[at - 1];
		t->notifies = f->notifies;
		free(t->channel);
		t->channel = f->channel ? xstrdup(f->channel) : NULL;
	}
}

/* Frees the function list. */
void disc_fns_free(struct notify_fns *fns)
{
	for (size_t i = 0; i < fns->n; i++) {
		free(fns->items[i].name);
		free(fns->items[i].channel);
	}
	free(fns->items);
	free(fns->slots);
	if (fns->res) {
		sql_res_free(fns->res);
		free(fns->res);
	}
	memset(fns, 0, sizeof *fns);
}

/* qsort comparator: file, then line. */
static int cmp_trigger(const void *a, const void *b)
{
	const struct trigger *x = a, *y = b;
	int c = strcmp(x->file, y->file);

	return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* See discover-int.h. */
void disc_sort_triggers(struct db_config *db)
{
	if (db->n_triggers > 1)
		xqsort(db->triggers, db->n_triggers, sizeof *db->triggers, cmp_trigger);
}

/* See discover.h. */
int discover_sql_triggers(const char *text, size_t len, const char *relpath, int is_python,
			  struct db_config *db)
{
	struct notify_fns fns = { 0 };
	size_t first = db->n_triggers;
	int n = disc_scan_triggers(text, len, relpath, is_python, db, &fns);
	struct db_config part = *db;

	/* Resolve only the triggers this call added. */
	part.triggers = db->triggers + first;
	part.n_triggers = db->n_triggers - first;
	disc_resolve_triggers(&part, &fns);
	disc_fns_free(&fns);
	return n;
}
