/* triage.json: the user's decisions, kept across runs by fingerprint.
 *
 * Decisions are kept sorted by fingerprint so lookups are a binary search
 * and the saved file has a stable order (small diffs when it is
 * committed). A corrupt file is reported and never overwritten: losing a
 * team's triage history to a parse error would be worse than stopping. */
#include "triage.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "git.h"
#include "util/fsutil.h"
#include "util/pathglob.h"
#include "util/sanitize.h"
#include "util/textpos.h"
#include "util/xalloc.h"

#define TRIAGE_MAX (64u * 1024 * 1024)

/* xstrdup that passes NULL through. */
static char *dup_opt(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* Frees a decision's strings. */
static void decision_clear(struct triage_decision *d)
{
	free(d->reason);
	free(d->adr);
	free(d->author);
	free(d->time);
	free(d->check);
	free(d->file);
	free(d->function);
	memset(d, 0, sizeof *d);
}

/* Deep copy. */
static void decision_copy(struct triage_decision *dst, const struct triage_decision *src)
{
	*dst = *src;
	dst->reason = dup_opt(src->reason);
	dst->adr = dup_opt(src->adr);
	dst->author = dup_opt(src->author);
	dst->time = dup_opt(src->time);
	dst->check = dup_opt(src->check);
	dst->file = dup_opt(src->file);
	dst->function = dup_opt(src->function);
}

/* Frees an event's strings. */
static void event_clear(struct triage_event *e)
{
	free(e->action);
	free(e->by);
	free(e->at);
	decision_clear(&e->d);
	decision_clear(&e->prev);
	memset(e, 0, sizeof *e);
}

/* Deep copy. */
static void event_copy(struct triage_event *dst, const struct triage_event *src)
{
	*dst = *src;
	dst->action = dup_opt(src->action);
	dst->by = dup_opt(src->by);
	dst->at = dup_opt(src->at);
	decision_copy(&dst->d, &src->d);
	decision_copy(&dst->prev, &src->prev);
}

/* Frees the triage and everything in it. */
void triage_free(struct triage *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->n; i++)
		decision_clear(&t->decisions[i]);
	free(t->decisions);
	for (i = 0; i < t->n_history; i++)
		event_clear(&t->history[i]);
	free(t->history);
	free(t->actor);
	free(t);
}

/* Index of fp in the sorted decisions, or where it would go (*found 0). */
static size_t find_slot(const struct triage *t, const char *fp, int *found)
{
	size_t lo = 0, hi = t->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(t->decisions[mid].fingerprint, fp);

		if (c == 0) {
			*found = 1;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = 0;
	return lo;
}

/* The decision for a fingerprint, or NULL. */
const struct triage_decision *triage_get(const struct triage *t, const char *fingerprint)
{
	int found;
	size_t i;

	if (!t || !fingerprint)
		return NULL;
	i = find_slot(t, fingerprint, &found);
	return found ? &t->decisions[i] : NULL;
}

/* Inserts or replaces (taking ownership of d's strings). */
static void put_decision(struct triage *t, struct triage_decision *d)
{
	int found;
	size_t i = find_slot(t, d->fingerprint, &found);

	if (found) {
		decision_clear(&t->decisions[i]);
	} else {
		XGROW(t->decisions, t->cap, t->n + 1);
		memmove(&t->decisions[i + 1], &t->decisions[i], (t->n - i) * sizeof *t->decisions);
		t->n++;
	}
	t->decisions[i] = *d;
}

/* Removes the decision for fp, if any. */
static void drop_decision(struct triage *t, const char *fp)
{
	int found;
	size_t i = find_slot(t, fp, &found);

	if (!found)
		return;
	decision_clear(&t->decisions[i]);
	memmove(&t->decisions[i], &t->decisions[i + 1], (t->n - i - 1) * sizeof *t->decisions);
	t->n--;
}

/* ---- who and when ---- */

/* True for "YYYY-MM-DDTHH:MM:SSZ". */
static int is_iso_utc(const char *s)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	size_t i;

	if (!s || strlen(s) != sizeof shape - 1)
		return 0;
	for (i = 0; shape[i]; i++)
		if (shape[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != shape[i])
			return 0;
	return 1;
}

void triage_now(char out[32])
{
	const char *fixed = getenv("PPAUDIT_TIME");
	time_t now = time(NULL);
	struct tm tm;

	/* tests pin the clock so that triage.json and reports compare */
	if (is_iso_utc(fixed)) {
		snprintf(out, 32, "%s", fixed);
		return;
	}
	gmtime_r(&now, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

char *triage_actor(const char *root)
{
	char *name = git_user_name(root), *email = git_user_email(root), *who;
	const char *user = getenv("USER");

	if (name && *name && email && *email)
		who = xasprintf("%s <%s>", name, email);
	else if (name && *name)
		who = xstrdup(name);
	else if (email && *email)
		who = xstrdup(email);
	else
		who = user && *user ? xstrdup(user) : NULL;
	free(name);
	free(email);
	return who;
}

void triage_set_actor(struct triage *t, const char *who)
{
	free(t->actor);
	t->actor = dup_opt(who);
}

long triage_begin_step(struct triage *t)
{
	t->step = ++t->max_step;
	return t->step;
}

void triage_end_step(struct triage *t)
{
	t->step = 0;
}

/* Who does an action: the actor, else the login ($USER). Never the
 * decision's author: an undo or a redo restores someone's decision but
 * is done by whoever is at the keyboard now. */
static const char *actor_of(const struct triage *t)
{
	const char *user = getenv("USER");

	if (t->actor)
		return t->actor;
	return user && *user ? user : "unknown";
}

int triage_reason_check(const char *reason, char *msg, size_t msglen)
{
	const unsigned char *p;
	size_t chars = 0;

	if (reason == NULL) {
		snprintf(msg, msglen, "a reason is required: say why, e.g. \"startup code, runs once\"");
		return -1;
	}
	if (strlen(reason) > TRIAGE_REASON_MAX) {
		snprintf(msg, msglen, "the reason is longer than %d bytes: link a document instead",
			 TRIAGE_REASON_MAX);
		return -1;
	}
	for (p = (const unsigned char *)reason; *p; p++) {
		if (*p < 0x20 || *p == 0x7f) {
			if (*p == ' ' || *p == '\t')
				continue;
			snprintf(msg, msglen, "the reason holds a control character (a newline or an "
				 "escape): write it on one line");
			return -1;
		}
		/* count characters, not bytes: skip UTF-8 continuation bytes */
		if (*p != ' ' && (*p & 0xc0) != 0x80)
			chars++;
	}
	if (chars < TRIAGE_REASON_MIN) {
		snprintf(msg, msglen, "a reason needs at least %d characters: say why, e.g. "
			 "\"startup code, runs once\" (got \"%.20s\")", TRIAGE_REASON_MIN, reason);
		return -1;
	}
	return 0;
}

/* ---- recording ---- */

/* Appends a history event for d (copied), stamped now by the actor, with
 * what was in force before it. */
static struct triage_event *push_event(struct triage *t, const char *action,
				       const struct triage_decision *d, int in_force,
				       const char *by, const char *at)
{
	const struct triage_decision *before = triage_get(t, d->fingerprint);
	struct triage_event *e;

	XGROW(t->history, t->cap_history, t->n_history + 1);
	e = &t->history[t->n_history++];
	memset(e, 0, sizeof *e);
	e->action = xstrdup(action);
	decision_copy(&e->d, d);
	e->by = xstrdup(by);
	e->at = xstrdup(at);
	e->in_force = in_force;
	e->step = t->step ? t->step : ++t->max_step;
	e->prev_known = 1;
	if (before) {
		e->had_prev = 1;
		decision_copy(&e->prev, before);
	}
	return e;
}

/* Whether an automatic rule (not a person) silenced f: an ADR the
 * validator matched, the execution context, an inline ignore. */
static int auto_silenced(const struct finding *f)
{
	if (f->status == ST_OPEN)
		return 0;
	return f->adv.rule == ADV_EXECUTION_CONTEXT || f->adv.rule == ADV_INLINE ||
	       (f->adv.rule == ADV_ADR && f->adv.author == NULL && f->adv.time == NULL);
}

/* Records a decision (or a reopen) for f; see triage.h. */
int triage_record(struct triage *t, const struct finding *f, enum finding_status st,
		  const char *reason, const char *adr, const char *author, const char *time_iso)
{
	struct triage_decision d;
	char now[32], msg[160];
	const char *by;
	int keep;

	if ((unsigned)st >= ST_COUNT || !f->fingerprint[0])
		return -1;
	if ((st == ST_ADVISORY || st == ST_FALSE_POSITIVE) &&
	    triage_reason_check(reason, msg, sizeof msg) != 0)
		return -1;
	keep = st != ST_OPEN || author != NULL || auto_silenced(f);
	triage_now(now);
	by = actor_of(t);
	memset(&d, 0, sizeof d);
	memcpy(d.fingerprint, f->fingerprint, sizeof d.fingerprint);
	d.status = st;
	d.reason = dup_opt(reason);
	d.adr = dup_opt(adr);
	d.author = xstrdup(author ? author : by);
	d.time = xstrdup(time_iso ? time_iso : now);
	d.check = dup_opt(f->check ? f->check->id : NULL);
	d.file = dup_opt(f->file);
	d.function = dup_opt(f->function);
	push_event(t, !keep ? "withdraw" : st == ST_OPEN ? "reopen" : status_name(st), &d, keep, by,
		   now);
	if (keep) {
		put_decision(t, &d);
	} else {
		drop_decision(t, d.fingerprint);
		decision_clear(&d);
	}
	return 0;
}

/* Whether f matches the bulk filter; see triage.h. */
int triage_filter_match(const struct triage_filter *flt, const struct finding *f)
{
	if (flt->check && (!f->check || strcmp(f->check->id, flt->check) != 0))
		return 0;
	if (flt->severity >= 0 && (int)f->severity != flt->severity)
		return 0;
	if (flt->status >= 0 && (int)f->status != flt->status)
		return 0;
	if (flt->path && (!f->file || !path_covers(flt->path, f->file)))
		return 0;
	return 1;
}

/* Records a decision for every match, as one step; see triage.h. */
int triage_record_many(struct triage *t, const struct finding *items, size_t n,
		       const struct triage_filter *flt, enum finding_status st, const char *reason,
		       const char *adr, const char *author, const char *time_iso)
{
	long saved = t->step;
	char msg[160];
	size_t i;
	int count = 0;

	if ((st == ST_ADVISORY || st == ST_FALSE_POSITIVE) &&
	    triage_reason_check(reason, msg, sizeof msg) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (!triage_filter_match(flt, &items[i]) || items[i].status == st)
			continue;
		if (count == 0)
			triage_begin_step(t);
		if (triage_record(t, &items[i], st, reason, adr, author, time_iso) == 0)
			count++;
	}
	t->step = saved;
	return count;
}

/* Withdraws f's decision; see triage.h. */
int triage_withdraw(struct triage *t, const struct finding *f)
{
	struct triage_decision d;
	char now[32];

	if (!f->fingerprint[0])
		return -1;
	triage_now(now);
	memset(&d, 0, sizeof d);
	memcpy(d.fingerprint, f->fingerprint, sizeof d.fingerprint);
	d.status = ST_OPEN;
	d.check = dup_opt(f->check ? f->check->id : NULL);
	d.file = dup_opt(f->file);
	d.function = dup_opt(f->function);
	push_event(t, "withdraw", &d, 0, actor_of(t), now);
	drop_decision(t, d.fingerprint);
	decision_clear(&d);
	return 0;
}

/* Whether step s was undone by an "undo" entry. */
static int step_undone(const struct triage *t, long s)
{
	size_t i;

	for (i = 0; i < t->n_history; i++)
		if (t->history[i].undoes == s && strcmp(t->history[i].action, "undo") == 0)
			return 1;
	return 0;
}

/* Undoes the latest step; see triage.h. */
int triage_undo(struct triage *t)
{
	long target = 0, saved_step = t->step;
	size_t i, n_before = t->n_history, first = n_before;
	char now[32];
	int count = 0;

	for (i = n_before; i-- > 0;) {
		const struct triage_event *e = &t->history[i];

		if (strcmp(e->action, "undo") == 0)
			continue;
		if (e->step == 0 || !e->prev_known)
			return -1;
		if (!step_undone(t, e->step)) {
			target = e->step;
			break;
		}
	}
	if (target == 0)
		return 0;
	/* the step's entries, latest first */
	for (i = n_before; i-- > 0;)
		if (t->history[i].step == target && strcmp(t->history[i].action, "undo") != 0) {
			if (!t->history[i].prev_known)
				return -1;
			first = i;
		}
	triage_now(now);
	triage_begin_step(t);
	for (i = n_before; i-- > first;) {
		struct triage_event e;
		struct triage_event *u;
		struct triage_decision d;

		if (t->history[i].step != target || strcmp(t->history[i].action, "undo") == 0)
			continue;
		/* copy: pushing may move the history */
		event_copy(&e, &t->history[i]);
		if (e.had_prev) {
			decision_copy(&d, &e.prev);
		} else {
			memset(&d, 0, sizeof d);
			memcpy(d.fingerprint, e.d.fingerprint, sizeof d.fingerprint);
			d.status = ST_OPEN;
			d.check = dup_opt(e.d.check);
			d.file = dup_opt(e.d.file);
			d.function = dup_opt(e.d.function);
		}
		u = push_event(t, "undo", &d, e.had_prev, actor_of(t), now);
		u->undoes = target;
		if (e.had_prev) {
			put_decision(t, &d);
		} else {
			drop_decision(t, d.fingerprint);
			decision_clear(&d);
		}
		event_clear(&e);
		count++;
	}
	t->step = saved_step;
	return count;
}

/* Records a front end's undo; see triage.h. */
int triage_record_undo(struct triage *t, const struct finding *f, enum finding_status st,
		       const char *reason, const char *adr, const char *author,
		       const char *time_iso, long undoes)
{
	size_t n = t->n_history;
	struct triage_event *e;

	if (triage_record(t, f, st, reason, adr, author, time_iso) != 0)
		return -1;
	if (t->n_history > n) {
		e = &t->history[t->n_history - 1];
		free(e->action);
		e->action = xstrdup("undo");
		e->undoes = undoes;
	}
	return 0;
}

long triage_last_step(const struct triage *t)
{
	return t->n_history ? t->history[t->n_history - 1].step : 0;
}

void triage_step_map_release(struct triage_step_map *m)
{
	free(m->pairs);
	memset(m, 0, sizeof *m);
}

/* The pair of m naming step from, or NULL. */
static const struct triage_step_pair *step_pair(const struct triage_step_map *m, long from)
{
	size_t k;

	for (k = m->n; k-- > 0;)
		if (m->pairs[k].from == from)
			return &m->pairs[k];
	return NULL;
}

/* Replays src's later history onto dst; see triage.h. Another writer
 * may have used the same step numbers meanwhile: src's new steps get
 * numbers after dst's own, undo references to them follow. */
void triage_replay(struct triage *dst, const struct triage *src, size_t from,
		   struct triage_step_map *map)
{
	struct triage_step_map local = { NULL, 0, 0 };
	struct triage_step_map *m = map ? map : &local;
	const struct triage_step_pair *p;
	size_t i;

	for (i = from; i < src->n_history; i++) {
		const struct triage_event *e = &src->history[i];
		struct triage_event *c;
		struct triage_decision d;

		XGROW(dst->history, dst->cap_history, dst->n_history + 1);
		c = &dst->history[dst->n_history++];
		event_copy(c, e);
		if (c->step > 0) {
			p = step_pair(m, e->step);
			if (p == NULL) {
				XGROW(m->pairs, m->cap, m->n + 1);
				m->pairs[m->n].from = e->step;
				m->pairs[m->n].to = ++dst->max_step;
				p = &m->pairs[m->n++];
			}
			c->step = p->to;
		}
		if (c->undoes > 0 && (p = step_pair(m, e->undoes)) != NULL)
			c->undoes = p->to;
		if (!e->in_force) {
			drop_decision(dst, e->d.fingerprint);
			continue;
		}
		decision_copy(&d, &e->d);
		put_decision(dst, &d);
	}
	triage_step_map_release(&local);
}

/* Whether f carries a decision someone recorded by hand (the validator's
 * ADR matches have neither author nor time); an open finding does when
 * it was reopened by hand. */
static int is_manual(const struct finding *f)
{
	if (f->status == ST_OPEN)
		return f->adv.rule == ADV_MANUAL;
	return f->adv.rule == ADV_MANUAL ||
	       (f->adv.rule == ADV_ADR && (f->adv.author != NULL || f->adv.time != NULL));
}

/* Applies t and reopens the decisions it no longer has; see triage.h. */
int triage_sync(const struct triage *t, struct finding *items, size_t n)
{
	size_t i;
	int changed = triage_apply(t, items, n);

	for (i = 0; i < n; i++) {
		struct finding *f = &items[i];

		if (!is_manual(f) || triage_get(t, f->fingerprint) != NULL)
			continue;
		free(f->adv.reason);
		free(f->adv.adr);
		free(f->adv.author);
		free(f->adv.time);
		memset(&f->adv, 0, sizeof f->adv);
		f->status = ST_OPEN;
		changed++;
	}
	return changed;
}

/* Applies the decisions to the findings; see triage.h. */
int triage_apply(const struct triage *t, struct finding *items, size_t n)
{
	size_t i;
	int applied = 0;

	for (i = 0; t && i < n; i++) {
		struct finding *f = &items[i];
		const struct triage_decision *d = triage_get(t, f->fingerprint);

		if (!d)
			continue;
		/* a reopen undoes what the execution context lowered too */
		if (d->status == ST_OPEN && f->adv.rule == ADV_EXECUTION_CONTEXT)
			f->severity = f->original_severity;
		free(f->adv.reason);
		free(f->adv.adr);
		free(f->adv.author);
		free(f->adv.time);
		f->status = d->status;
		f->adv.rule = d->status == ST_ADR_OVERRIDE ? ADV_ADR : ADV_MANUAL;
		f->adv.reason = dup_opt(d->reason);
		f->adv.adr = dup_opt(d->adr);
		f->adv.author = dup_opt(d->author);
		f->adv.time = dup_opt(d->time);
		f->adv.points = 0;
		applied++;
	}
	return applied;
}

/* ---- the file ---- */

/* Records "path: message" in err; returns NULL for the callers' tails. */
static void *tri_fail(char *err, size_t errlen, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void *tri_fail(char *err, size_t errlen, const char *path, const char *fmt, ...)
{
	char msg[384];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (err && errlen)
		snprintf(err, errlen, "%s: %s", path, msg);
	return NULL;
}

/* Optional string member: 0 ok (NULL when absent or null), -1 wrong type. */
static int opt_str(const cJSON *o, const char *key, char **out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	*out = NULL;
	if (!v || cJSON_IsNull(v))
		return 0;
	if (!cJSON_IsString(v))
		return -1;
	*out = xstrdup(v->valuestring);
	return 0;
}

/* Reads the fields shared by decisions and history entries. */
static const char *read_fields(const cJSON *o, struct triage_decision *d, int need_status)
{
	static const char *const keys[] = { "reason", "adr", "author", "time", "check", "file",
					    "function" };
	char **slots[] = { &d->reason, &d->adr, &d->author, &d->time, &d->check, &d->file,
			   &d->function };
	const cJSON *st = cJSON_GetObjectItemCaseSensitive(o, "status");
	size_t i;

	if (!cJSON_IsObject(o))
		return "must be an object";
	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (opt_str(o, keys[i], slots[i]))
			return keys[i];
	if (need_status) {
		if (!cJSON_IsString(st) || status_parse(st->valuestring, &d->status))
			return "status";
	} else if (cJSON_IsString(st)) {
		status_parse(st->valuestring, &d->status);
	}
	return NULL;
}

/* True for 16 lowercase hex digits. */
static int is_fp(const char *s)
{
	return s && strlen(s) == 16 && strspn(s, "0123456789abcdef") == 16;
}

/* Optional whole number member in 0..2^53: 0 ok (0 when absent), -1 bad. */
static int opt_count(const cJSON *o, const char *key, long *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	*out = 0;
	if (!v || cJSON_IsNull(v))
		return 0;
	/* checked before converting: a hand-edited 1e300 must be an error,
	 * not undefined behaviour */
	if (!cJSON_IsNumber(v) || !(v->valuedouble >= 0 && v->valuedouble <= 9007199254740992.0) ||
	    v->valuedouble != (double)(long)v->valuedouble)
		return -1;
	*out = (long)v->valuedouble;
	return 0;
}

/* One history entry; NULL on success, else the bad member. An entry
 * written before "step", "in_force" and "previous" existed loads with
 * step 0 and prev_known 0 (it cannot be undone). */
static const char *read_event(const cJSON *o, struct triage_event *ev)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(o, "action");
	const cJSON *fp = cJSON_GetObjectItemCaseSensitive(o, "fingerprint");
	const cJSON *inf = cJSON_GetObjectItemCaseSensitive(o, "in_force");
	const cJSON *prev = cJSON_GetObjectItemCaseSensitive(o, "previous");
	char *by_dec = NULL, *at_dec = NULL;
	const char *bad;

	memset(ev, 0, sizeof *ev);
	if ((bad = read_fields(o, &ev->d, 0)) != NULL)
		return bad;
	if (!cJSON_IsString(a))
		return "action";
	ev->action = xstrdup(a->valuestring);
	if (!(cJSON_IsString(fp) && is_fp(fp->valuestring)))
		return "fingerprint";
	memcpy(ev->d.fingerprint, fp->valuestring, 17);
	/* "author"/"time" are who did the action and when; the decision's
	 * own differ after an undo or a redo */
	ev->by = dup_opt(ev->d.author);
	ev->at = dup_opt(ev->d.time);
	if (opt_str(o, "decided_by", &by_dec))
		return "decided_by";
	if (by_dec) {
		free(ev->d.author);
		ev->d.author = by_dec;
	}
	if (opt_str(o, "decided_at", &at_dec))
		return "decided_at";
	if (at_dec) {
		free(ev->d.time);
		ev->d.time = at_dec;
	}
	if (opt_count(o, "step", &ev->step))
		return "step";
	if (opt_count(o, "undoes", &ev->undoes))
		return "undoes";
	if (inf && !cJSON_IsBool(inf))
		return "in_force";
	ev->in_force = inf ? cJSON_IsTrue(inf)
			   : strcmp(ev->action, "reopen") != 0 && strcmp(ev->action, "withdraw") != 0;
	if (prev) {
		ev->prev_known = 1;
		if (!cJSON_IsNull(prev)) {
			if (read_fields(prev, &ev->prev, 1) != NULL)
				return "previous";
			memcpy(ev->prev.fingerprint, ev->d.fingerprint, 17);
			/* where the finding is: the entry's own */
			if (!ev->prev.check)
				ev->prev.check = dup_opt(ev->d.check);
			if (!ev->prev.file)
				ev->prev.file = dup_opt(ev->d.file);
			if (!ev->prev.function)
				ev->prev.function = dup_opt(ev->d.function);
			ev->had_prev = 1;
		}
	}
	return NULL;
}

/* A decision's place while sorting the ones read from a file. */
struct fp_order {
	const char *fp;
	size_t idx;                   /* position in the file */
};

/* Fingerprint order, file order among equal fingerprints. */
static int fp_order_cmp(const void *a, const void *b)
{
	const struct fp_order *x = a, *y = b;
	int c = strcmp(x->fp, y->fp);

	if (c != 0)
		return c;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Sorts the decisions appended in file order and keeps only the last of
 * each fingerprint (what inserting them one at a time did), in
 * O(n log n): inserting a file written in reverse order one at a time
 * took quadratic time, minutes for a few megabytes. */
static void sort_loaded(struct triage *t)
{
	struct triage_decision *out;
	struct fp_order *ord;
	size_t i, n = 0;

	if (t->n < 2)
		return;
	ord = xmalloc(t->n * sizeof *ord);
	for (i = 0; i < t->n; i++) {
		ord[i].fp = t->decisions[i].fingerprint;
		ord[i].idx = i;
	}
	xqsort(ord, t->n, sizeof *ord, fp_order_cmp);
	out = xmalloc(t->n * sizeof *out);
	for (i = 0; i < t->n; i++) {
		struct triage_decision *d = &t->decisions[ord[i].idx];

		if (i + 1 < t->n && strcmp(ord[i].fp, ord[i + 1].fp) == 0)
			decision_clear(d);  /* a later entry replaces it */
		else
			out[n++] = *d;
	}
	free(ord);
	free(t->decisions);
	t->decisions = out;
	t->cap = t->n;
	t->n = n;
}

/* Fills t from the parsed document; NULL on success, else the reason. */
static struct triage *triage_from_json(const cJSON *root, const char *path, char *err, size_t errlen)
{
	struct triage *t = xcalloc(1, sizeof *t);
	const cJSON *v, *e;
	const char *bad;

	v = cJSON_GetObjectItemCaseSensitive(root, "schema");
	if (!cJSON_IsNumber(v) || v->valuedouble != 1) {
		triage_free(t);
		return tri_fail(err, errlen, path, "\"schema\" must be 1");
	}
	v = cJSON_GetObjectItemCaseSensitive(root, "decisions");
	if (v && !cJSON_IsObject(v)) {
		triage_free(t);
		return tri_fail(err, errlen, path, "\"decisions\" must be an object");
	}
	cJSON_ArrayForEach(e, v) {
		struct triage_decision d;

		memset(&d, 0, sizeof d);
		if (!is_fp(e->string)) {
			triage_free(t);
			return tri_fail(err, errlen, path, "decision key \"%.40s\" is not a fingerprint",
					e->string);
		}
		memcpy(d.fingerprint, e->string, 17);
		if ((bad = read_fields(e, &d, 1)) != NULL) {
			decision_clear(&d);
			triage_free(t);
			return tri_fail(err, errlen, path, "decision %s: bad \"%s\"", e->string, bad);
		}
		XGROW(t->decisions, t->cap, t->n + 1);
		t->decisions[t->n++] = d;
	}
	sort_loaded(t);
	v = cJSON_GetObjectItemCaseSensitive(root, "history");
	if (v && !cJSON_IsArray(v)) {
		triage_free(t);
		return tri_fail(err, errlen, path, "\"history\" must be an array");
	}
	cJSON_ArrayForEach(e, v) {
		struct triage_event ev;

		bad = read_event(e, &ev);
		if (bad) {
			event_clear(&ev);
			triage_free(t);
			return tri_fail(err, errlen, path, "history entry: bad \"%s\"", bad);
		}
		XGROW(t->history, t->cap_history, t->n_history + 1);
		t->history[t->n_history++] = ev;
		if (ev.step > t->max_step)
			t->max_step = ev.step;
	}
	return t;
}

/* Loads triage.json; see triage.h. */
struct triage *triage_load(const char *path, char *err, size_t errlen)
{
	const char *end = NULL;
	struct triage *t;
	cJSON *root;
	char *text;
	size_t len;

	if (err && errlen)
		err[0] = '\0';
	text = fs_read_file(path, TRIAGE_MAX, &len);
	if (!text) {
		if (errno == ENOENT)
			return xcalloc(1, sizeof(struct triage));
		return tri_fail(err, errlen, path, "%s", fs_strerror(errno));
	}
	root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
	if (!root) {
		int line = end && end >= text && end <= text + len ? text_line_at(text, (size_t)(end - text)) : 0;

		free(text);
		if (line)
			return tri_fail(err, errlen, path, "invalid JSON near line %d (file left untouched)",
					line);
		return tri_fail(err, errlen, path, "invalid JSON (file left untouched)");
	}
	if (text_trailing_at(text, len, end) < len) {
		int line = text_line_at(text, text_trailing_at(text, len, end));

		free(text);
		cJSON_Delete(root);
		return tri_fail(err, errlen, path,
				"unexpected text after the JSON value near line %d (file left untouched)",
				line);
	}
	free(text);
	t = cJSON_IsObject(root) ? triage_from_json(root, path, err, errlen)
				 : tri_fail(err, errlen, path, "not a JSON object");
	cJSON_Delete(root);
	return t;
}

/* Adds the shared fields of d to o. */
static void add_fields(cJSON *o, const struct triage_decision *d, int with_status)
{
	if (with_status)
		cJSON_AddStringToObject(o, "status", status_name(d->status));
	cJSON_AddItemToObject(o, "reason", d->reason ? cJSON_CreateString(d->reason) : cJSON_CreateNull());
	cJSON_AddItemToObject(o, "adr", d->adr ? cJSON_CreateString(d->adr) : cJSON_CreateNull());
	cJSON_AddItemToObject(o, "author", d->author ? cJSON_CreateString(d->author) : cJSON_CreateNull());
	cJSON_AddItemToObject(o, "time", d->time ? cJSON_CreateString(d->time) : cJSON_CreateNull());
	cJSON_AddItemToObject(o, "check", d->check ? cJSON_CreateString(d->check) : cJSON_CreateNull());
	cJSON_AddItemToObject(o, "file", d->file ? cJSON_CreateString(d->file) : cJSON_CreateNull());
	cJSON_AddItemToObject(o, "function",
			      d->function ? cJSON_CreateString(d->function) : cJSON_CreateNull());
}

/* Whether two optional strings differ. */
static int str_differs(const char *a, const char *b)
{
	return (a == NULL) != (b == NULL) || (a && strcmp(a, b) != 0);
}

/* One history entry: the decision's fields with "author"/"time" those of
 * the action, the decision's own beside them when they differ. */
static cJSON *event_to_json(const struct triage_event *e)
{
	cJSON *o = cJSON_CreateObject();
	struct triage_decision d = e->d;

	d.author = e->by;
	d.time = e->at;
	cJSON_AddStringToObject(o, "action", e->action);
	cJSON_AddStringToObject(o, "fingerprint", e->d.fingerprint);
	add_fields(o, &d, 1);
	if (str_differs(d.author, e->d.author))
		cJSON_AddItemToObject(o, "decided_by",
				      e->d.author ? cJSON_CreateString(e->d.author) : cJSON_CreateNull());
	if (str_differs(d.time, e->d.time))
		cJSON_AddItemToObject(o, "decided_at",
				      e->d.time ? cJSON_CreateString(e->d.time) : cJSON_CreateNull());
	if (e->step > 0)
		cJSON_AddNumberToObject(o, "step", (double)e->step);
	if (e->undoes > 0)
		cJSON_AddNumberToObject(o, "undoes", (double)e->undoes);
	if (e->step > 0 || e->prev_known) {
		cJSON_AddBoolToObject(o, "in_force", e->in_force);
	}
	if (e->prev_known) {
		if (e->had_prev) {
			cJSON *p = cJSON_CreateObject();

			cJSON_AddStringToObject(p, "status", status_name(e->prev.status));
			cJSON_AddItemToObject(p, "reason", e->prev.reason ? cJSON_CreateString(e->prev.reason)
								   : cJSON_CreateNull());
			cJSON_AddItemToObject(p, "adr", e->prev.adr ? cJSON_CreateString(e->prev.adr)
							     : cJSON_CreateNull());
			cJSON_AddItemToObject(p, "author", e->prev.author ? cJSON_CreateString(e->prev.author)
								   : cJSON_CreateNull());
			cJSON_AddItemToObject(p, "time", e->prev.time ? cJSON_CreateString(e->prev.time)
								 : cJSON_CreateNull());
			cJSON_AddItemToObject(o, "previous", p);
		} else {
			cJSON_AddNullToObject(o, "previous");
		}
	}
	return o;
}

/* Writes triage.json atomically; see triage.h. */
int triage_save(const struct triage *t, const char *path, char *err, size_t errlen)
{
	cJSON *root = cJSON_CreateObject(), *dec, *hist;
	char *text, *dir, *slash;
	size_t i;
	int rc = 0;

	cJSON_AddNumberToObject(root, "schema", 1);
	dec = cJSON_AddObjectToObject(root, "decisions");
	for (i = 0; i < t->n; i++) {
		cJSON *o = cJSON_CreateObject();

		add_fields(o, &t->decisions[i], 1);
		cJSON_AddItemToObject(dec, t->decisions[i].fingerprint, o);
	}
	hist = cJSON_AddArrayToObject(root, "history");
	for (i = 0; i < t->n_history; i++)
		cJSON_AddItemToArray(hist, event_to_json(&t->history[i]));
	text = cJSON_Print(root);
	cJSON_Delete(root);
	if (!text)
		fatal("out of memory serializing triage.json");
	dir = xstrdup(path);
	slash = strrchr(dir, '/');
	if (slash && slash != dir) {
		*slash = '\0';
		if (fs_mkdir_p(dir, 0777) != 0) {
			tri_fail(err, errlen, dir, "%s", strerror(errno));
			rc = -1;
		}
	}
	free(dir);
	if (rc == 0) {
		char *body = sanitize_json_text(text);

		if (fs_write_atomic(path, body, strlen(body)) != 0) {
			tri_fail(err, errlen, path, "%s", strerror(errno));
			rc = -1;
		}
		free(body);
	}
	cJSON_free(text);
	return rc;
}
