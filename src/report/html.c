/* The HTML export: one self-contained page (SPEC §6) that someone without
 * ppaudit can open from a CI artifact or a mail attachment.
 *
 * Everything is inline (CSS, a few lines of JS, an SVG chart) and the page
 * references no URL at all, so it renders offline and leaks nothing when
 * opened. Every piece of text passes through html_text(), which sanitizes
 * (no control characters, valid UTF-8) and escapes, because issue texts
 * and evidence come from the audited code and reasons from users. Data the
 * filter needs rides in data-* attributes, never in script text, so no
 * finding can break out of the script context. A "#q=TEXT" fragment
 * pre-fills the filter, so a filtered view can be linked to. */
#include "autoconfig.h"
#include "report/export.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/fsutil.h"
#include "util/sanitize.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* Severity colours, indexed by enum severity (LOW first). */
static const char *const sev_colour[SEV_COUNT] = { "#6b8fb3", "#d9a21b", "#e0662b", "#b3202a" };

/* Appends s sanitized and HTML-escaped (safe in text and in quoted
 * attribute values). */
static void html_text(struct strbuf *sb, const char *s)
{
	struct strbuf clean = STRBUF_INIT;
	const char *p;

	if (s == NULL)
		return;
	sanitize_append(&clean, s, strlen(s));
	for (p = sb_str(&clean); *p; p++) {
		switch (*p) {
		case '&': sb_adds(sb, "&amp;"); break;
		case '<': sb_adds(sb, "&lt;"); break;
		case '>': sb_adds(sb, "&gt;"); break;
		case '"': sb_adds(sb, "&quot;"); break;
		case '\'': sb_adds(sb, "&#39;"); break;
		default: sb_addc(sb, *p); break;
		}
	}
	sb_release(&clean);
}


/* Appends one character of sanitized text, HTML-escaped. */
static void html_char(struct strbuf *sb, char c)
{
	switch (c) {
	case '&': sb_adds(sb, "&amp;"); break;
	case '<': sb_adds(sb, "&lt;"); break;
	case '>': sb_adds(sb, "&gt;"); break;
	case '"': sb_adds(sb, "&quot;"); break;
	case '\'': sb_adds(sb, "&#39;"); break;
	default: sb_addc(sb, c); break;
	}
}

/* Appends prose that may hold Markdown code spans (issue texts,
 * recommendations, reasons): sanitized and escaped like html_text, each
 * `span` as <code>span</code>; a backtick without its pair stays as it
 * is. */
static void html_prose(struct strbuf *sb, const char *s)
{
	struct strbuf clean = STRBUF_INIT;
	const char *p, *close;

	if (s == NULL)
		return;
	sanitize_append(&clean, s, strlen(s));
	for (p = sb_str(&clean); *p; p++) {
		if (*p == '`' && (close = strchr(p + 1, '`')) != NULL && close > p + 1) {
			sb_adds(sb, "<code>");
			for (p++; p < close; p++)
				html_char(sb, *p);
			sb_adds(sb, "</code>");
			continue;
		}
		html_char(sb, *p);
	}
	sb_release(&clean);
}

/* Appends a path, escaped, with a line-break opportunity after each '/'
 * and nowhere else (the CSS keeps the rest of a name together). */
static void html_path(struct strbuf *sb, const char *s)
{
	struct strbuf clean = STRBUF_INIT;
	const char *p;

	if (s == NULL)
		return;
	sanitize_append(&clean, s, strlen(s));
	for (p = sb_str(&clean); *p; p++) {
		html_char(sb, *p);
		if (*p == '/' && p[1])
			sb_adds(sb, "<wbr>");
	}
	sb_release(&clean);
}

/* Appends s lower-cased (ASCII), without backticks, and escaped, for the
 * filter's haystack. */
static void html_lower(struct strbuf *sb, const char *s)
{
	char *low;
	size_t i, k;

	if (s == NULL)
		return;
	low = xstrdup(s);
	/* lower case, and without the Markdown backticks the page renders as
	 * <code>: a search for "time.sleep(1) blocks" finds what it shows */
	for (i = 0, k = 0; low[i]; i++)
		if (low[i] != '`')
			low[k++] = (char)tolower((unsigned char)low[i]);
	low[k] = '\0';
	html_text(sb, low);
	sb_addc(sb, ' ');
	free(low);
}

static const char page_css[] =
	":root{--fg:#1d232b;--bg:#fff;--muted:#5b6673;--line:#d8dee5;--card:#f4f6f8}\n"
	"@media (prefers-color-scheme:dark){:root{--fg:#e3e8ee;--bg:#14181d;--muted:#9aa6b2;"
	"--line:#2c343d;--card:#1c2229}}\n"
	"body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;color:var(--fg);"
	"background:var(--bg);margin:0 auto;max-width:1200px;padding:1.5em}\n"
	"h1{font-size:1.6em;margin:0 0 .2em}h2{margin-top:1.6em;border-bottom:1px solid var(--line)}\n"
	".meta{color:var(--muted);margin:0 0 1em}\n"
	".cards{display:flex;flex-wrap:wrap;gap:.8em}.card{background:var(--card);border-radius:6px;"
	"padding:.7em 1em;min-width:10em}.card .v{font-size:1.6em;font-weight:600}\n"
	".card.overall{border:2px solid var(--fg)}\n"
	"table{border-collapse:collapse;width:100%;margin:.6em 0}th,td{border-bottom:1px solid "
	"var(--line);padding:.35em .5em;text-align:left;vertical-align:top}\n"
	"th{font-size:.85em;color:var(--muted);text-transform:uppercase;letter-spacing:.03em}\n"
	/* a badge is one word: never broken, whatever the column's width */
	".sev{font-weight:700;font-size:.8em;padding:.1em .45em;border-radius:3px;color:#fff;"
	"white-space:nowrap;display:inline-block}\n"
	"td.sevcell{white-space:nowrap;overflow-wrap:normal}\n"
	".sev-CRITICAL{background:#b3202a}.sev-HIGH{background:#e0662b}.sev-MEDIUM{background:#d9a21b;"
	"color:#1d232b}.sev-LOW{background:#6b8fb3}\n"
	"code,pre{font:13px/1.4 ui-monospace,'DejaVu Sans Mono',monospace}pre{background:var(--card);"
	"padding:.5em;margin:.3em 0;overflow-x:auto;white-space:pre-wrap}\n"
	"td{overflow-wrap:anywhere}\n"
	/* paths break only at the <wbr> after each '/', never inside a name */
	".loc{max-width:16em;overflow-wrap:normal;word-break:keep-all}\n"
	".muted{color:var(--muted)}\n"
	".filters{position:sticky;top:0;background:var(--bg);padding:.6em 0;display:flex;gap:.6em;"
	"flex-wrap:wrap;align-items:center;border-bottom:1px solid var(--line)}\n"
	".filters input{flex:1;min-width:14em;padding:.4em;font:inherit}\n"
	".filters select{padding:.35em;font:inherit}\n"
	"svg text{fill:var(--fg);font:12px system-ui,sans-serif}\n"
	"details summary{cursor:pointer;color:var(--muted)}\n";

static const char page_js[] =
	"(function(){\n"
	"var q=document.getElementById('filter'),sv=document.getElementById('sev'),"
	"st=document.getElementById('status');\n"
	"function apply(){\n"
	" var t=q.value.toLowerCase().trim(),n=0,secs=document.querySelectorAll('section.findings');\n"
	" for(var s=0;s<secs.length;s++){\n"
	"  var rows=secs[s].querySelectorAll('tr.finding'),shown=0;\n"
	"  for(var i=0;i<rows.length;i++){var r=rows[i];\n"
	"   var ok=(!t||r.getAttribute('data-text').indexOf(t)>=0)&&"
	"(!sv.value||r.getAttribute('data-sev')===sv.value)&&"
	"(!st.value||r.getAttribute('data-status')===st.value);\n"
	"   r.hidden=!ok;if(ok)shown++;}\n"
	"  var c=secs[s].querySelector('.count');if(c)c.textContent=shown;n+=shown;}\n"
	" document.getElementById('shown').textContent=n;}\n"
	"if(location.hash.indexOf('#q=')===0)q.value=decodeURIComponent(location.hash.slice(3));\n"
	"q.addEventListener('input',apply);sv.addEventListener('change',apply);"
	"st.addEventListener('change',apply);apply();\n"
	"})();\n";

/* Score cards: the four categories and the overall score. */
static void score_cards(struct strbuf *sb, const struct scores *sc)
{
	int c;

	sb_adds(sb, "<div class=\"cards\" id=\"scores\">\n");
	for (c = 0; c < CAT_COUNT; c++) {
		const unsigned *n = sc->counts[c];

		sb_addf(sb, "<div class=\"card\" data-category=\"%s\"><div class=\"muted\">%s</div>"
			"<div class=\"v\">%.1f/10</div><div class=\"muted\">C:%u H:%u M:%u L:%u</div>"
			"</div>\n", category_id((enum category)c), category_name((enum category)c),
			sc->category[c], n[SEV_CRITICAL], n[SEV_HIGH], n[SEV_MEDIUM], n[SEV_LOW]);
	}
	sb_addf(sb, "<div class=\"card overall\"><div class=\"muted\">Overall</div>"
		"<div class=\"v\" id=\"overall\">%.1f/10</div><div class=\"muted\">%u open, "
		"%u advisory, %u false positive</div></div>\n</div>\n",
		sc->overall, sc->n_open, sc->n_advisory + sc->n_adr, sc->n_false_positive);
}

/* Inline SVG: one stacked bar per category, open findings by severity. */
static void severity_chart(struct strbuf *sb, const struct scores *sc)
{
	const int label_w = 190, bar_w = 560, row_h = 34, top = 34;
	unsigned max = 0;
	int c, s, height = top + CAT_COUNT * row_h + 10;

	for (c = 0; c < CAT_COUNT; c++) {
		unsigned t = 0;

		for (s = 0; s < SEV_COUNT; s++)
			t += sc->counts[c][s];
		if (t > max)
			max = t;
	}
	sb_addf(sb, "<svg id=\"chart\" role=\"img\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n"
		"<title>Open findings per category and severity</title>\n",
		label_w + bar_w + 60, height, label_w + bar_w + 60, height);
	/* legend, CRITICAL first */
	for (s = SEV_COUNT - 1; s >= 0; s--) {
		int x = label_w + (SEV_COUNT - 1 - s) * 110;

		sb_addf(sb, "<rect x=\"%d\" y=\"6\" width=\"12\" height=\"12\" fill=\"%s\"/>"
			"<text x=\"%d\" y=\"17\">%s</text>\n", x, sev_colour[s], x + 17,
			severity_title((enum severity)s));
	}
	for (c = 0; c < CAT_COUNT; c++) {
		int y = top + c * row_h, x = label_w;
		unsigned total = 0;

		sb_addf(sb, "<text x=\"0\" y=\"%d\">%s</text>\n", y + 17,
			category_name((enum category)c));
		for (s = SEV_COUNT - 1; s >= 0; s--) {
			unsigned n = sc->counts[c][s];
			int w = max ? (int)((double)n * bar_w / max + 0.5) : 0;

			total += n;
			if (n == 0)
				continue;
			if (w < 3)
				w = 3;
			sb_addf(sb, "<rect class=\"bar\" data-category=\"%s\" data-severity=\"%s\" "
				"data-count=\"%u\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"22\" fill=\"%s\">"
				"<title>%s, %s: %u</title></rect>\n",
				category_id((enum category)c), severity_name((enum severity)s), n, x, y + 2,
				w, sev_colour[s], category_name((enum category)c),
				severity_title((enum severity)s), n);
			x += w;
		}
		sb_addf(sb, "<text x=\"%d\" y=\"%d\">%u</text>\n", x + 6, y + 17, total);
	}
	sb_adds(sb, "</svg>\n");
}

/* One finding as a table row; the row's data-* attributes feed the filter. */
static void finding_row(struct strbuf *sb, const struct finding *f)
{
	size_t i;

	/* the id comes from run.json, which may have been edited */
	sb_adds(sb, "<tr class=\"finding\" id=\"");
	html_text(sb, f->id);
	sb_addf(sb, "\" data-sev=\"%s\" data-status=\"%s\" data-text=\"",
		severity_name(f->severity), status_name(f->status));
	html_lower(sb, f->id);
	html_lower(sb, f->check ? f->check->id : NULL);
	html_lower(sb, f->file);
	html_lower(sb, f->function);
	html_lower(sb, f->issue);
	html_lower(sb, f->recommendation);
	html_lower(sb, f->adv.reason);
	sb_addf(sb, "\">\n<td class=\"sevcell\"><span class=\"sev sev-%s\">%s</span>",
		severity_name(f->severity), severity_name(f->severity));
	if (f->original_severity != f->severity)
		sb_addf(sb, "<br><span class=\"muted\">was %s</span>",
			severity_name(f->original_severity));
	sb_adds(sb, "</td>\n<td class=\"loc\"><code>");
	html_path(sb, f->file);
	sb_addf(sb, ":%d</code>", f->line);
	if (f->function) {
		sb_adds(sb, "<br><span class=\"muted\">");
		html_text(sb, f->function);
		sb_adds(sb, "</span>");
	}
	sb_adds(sb, "</td>\n<td><code>");
	html_text(sb, f->check ? f->check->id : "");
	sb_adds(sb, "</code> ");
	html_prose(sb, f->issue);
	if (f->n_evidence) {
		sb_adds(sb, "<details><summary>evidence</summary><pre class=\"evidence\">");
		for (i = 0; i < f->n_evidence; i++) {
			html_text(sb, f->evidence[i]);
			sb_addc(sb, '\n');
		}
		sb_adds(sb, "</pre></details>");
	}
	sb_adds(sb, "</td>\n<td>");
	html_prose(sb, f->recommendation);
	sb_addf(sb, "</td>\n<td>%c</td>\n<td>%s", f->effort ? f->effort : 'M',
		status_name(f->status));
	if (f->status != ST_OPEN && f->adv.reason) {
		sb_adds(sb, "<br><span class=\"muted\">");
		html_prose(sb, f->adv.reason);
		sb_adds(sb, "</span>");
	} else if (f->status == ST_OPEN && f->suggest.adr) {
		/* a keyword-only ADR match: shown as a suggestion, not applied */
		sb_adds(sb, "<br><span class=\"muted suggestion\">suggested: ");
		html_prose(sb, f->suggest.reason ? f->suggest.reason : f->suggest.adr);
		sb_adds(sb, "</span>");
	}
	sb_adds(sb, "</td></tr>\n");
}

/* Severity desc, then run order (findings_sort order), via an index array
 * so renders need no global state. */
struct row_ref {
	int sev;
	size_t idx;
};

static int row_ref_cmp(const void *pa, const void *pb)
{
	const struct row_ref *a = pa, *b = pb;

	if (a->sev != b->sev)
		return a->sev > b->sev ? -1 : 1;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/* The findings of one category, CRITICAL first. */
static void category_section(struct strbuf *sb, const struct run *r, enum category c)
{
	struct row_ref *v = xcalloc(r->n_findings + 1, sizeof *v);
	size_t n = 0, i;

	for (i = 0; i < r->n_findings; i++) {
		if (r->findings[i].category != c)
			continue;
		v[n].sev = (int)r->findings[i].severity;
		v[n++].idx = i;
	}
	xqsort(v, n, sizeof *v, row_ref_cmp);
	sb_addf(sb, "<section class=\"findings\" id=\"cat-%s\">\n<h2>%d. %s "
		"<span class=\"muted\">(<span class=\"count\">%zu</span>)</span></h2>\n",
		category_id(c), (int)c + 1, category_name(c), n);
	if (n == 0) {
		sb_adds(sb, "<p class=\"muted\">No findings.</p>\n</section>\n");
		free(v);
		return;
	}
	sb_adds(sb, "<table>\n<thead><tr><th>Severity</th><th>Location</th><th>Issue</th>"
		    "<th>Recommendation</th><th>Effort</th><th>Status</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < n; i++)
		finding_row(sb, &r->findings[v[i].idx]);
	sb_adds(sb, "</tbody>\n</table>\n</section>\n");
	free(v);
}

/* The rule that made a finding an advisory, in words. */
static void advisory_rule(struct strbuf *sb, const struct finding *f)
{
	switch (f->adv.rule) {
	case ADV_ADR:
		sb_adds(sb, "[Planned: ");
		html_text(sb, f->adv.adr ? f->adv.adr : "ADR");
		sb_adds(sb, "]");
		break;
	case ADV_EXECUTION_CONTEXT:
		sb_addf(sb, "execution context (%d points)", f->adv.points);
		break;
	case ADV_INLINE:
		sb_adds(sb, "inline ignore");
		break;
	case ADV_MANUAL:
		sb_adds(sb, "manual");
		break;
	default:
		sb_adds(sb, status_name(f->status));
		break;
	}
	if (f->status == ST_FALSE_POSITIVE)
		sb_adds(sb, " &middot; false positive");
	if (f->adv.author) {
		sb_adds(sb, "<br><span class=\"muted\">by ");
		html_text(sb, f->adv.author);
		if (f->adv.time) {
			sb_adds(sb, ", ");
			html_text(sb, f->adv.time);
		}
		sb_adds(sb, "</span>");
	}
}

/* Advisories, ADR overrides and false positives with their rule, reason
 * and evidence; excluded from the scores. */
static void advisory_section(struct strbuf *sb, const struct run *r)
{
	size_t i, n = 0, k;

	for (i = 0; i < r->n_findings; i++)
		if (r->findings[i].status != ST_OPEN)
			n++;
	sb_addf(sb, "<section id=\"advisories\">\n<h2>Advisory findings "
		"<span class=\"muted\">(%zu)</span></h2>\n", n);
	if (n == 0) {
		sb_adds(sb, "<p class=\"muted\">None.</p>\n</section>\n");
		return;
	}
	sb_adds(sb, "<p class=\"muted\">Excluded from the scores.</p>\n<table>\n<thead><tr>"
		    "<th>Original severity</th><th>Location</th><th>Issue</th><th>Rule</th>"
		    "<th>Reason and evidence</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < r->n_findings; i++) {
		const struct finding *f = &r->findings[i];

		if (f->status == ST_OPEN)
			continue;
		/* the id comes from run.json, which may have been edited */
		sb_adds(sb, "<tr class=\"advisory\" data-finding=\"");
		html_text(sb, f->id);
		sb_addf(sb, "\"><td class=\"sevcell\"><span class=\"sev sev-%s\">"
			"%s</span></td><td class=\"loc\"><code>",
			severity_name(f->original_severity), severity_name(f->original_severity));
		html_path(sb, f->file);
		sb_addf(sb, ":%d</code></td><td><code>", f->line);
		html_text(sb, f->check ? f->check->id : "");
		sb_adds(sb, "</code> ");
		html_prose(sb, f->issue);
		sb_adds(sb, "</td><td>");
		advisory_rule(sb, f);
		sb_adds(sb, "</td><td>");
		html_prose(sb, f->adv.reason);
		if (f->n_evidence) {
			sb_adds(sb, "<pre class=\"evidence\">");
			for (k = 0; k < f->n_evidence; k++) {
				html_text(sb, f->evidence[k]);
				sb_addc(sb, '\n');
			}
			sb_adds(sb, "</pre>");
		}
		sb_adds(sb, "</td></tr>\n");
	}
	sb_adds(sb, "</tbody>\n</table>\n</section>\n");
}

/* The severity summary table. */
static void severity_table(struct strbuf *sb, const struct scores *sc)
{
	int s;

	sb_adds(sb, "<table id=\"severity-summary\" style=\"width:auto\">\n<thead><tr><th>Severity</th>"
		    "<th>Open</th></tr></thead>\n<tbody>\n");
	for (s = SEV_COUNT - 1; s >= 0; s--)
		sb_addf(sb, "<tr><td><span class=\"sev sev-%s\">%s</span></td><td>%u</td></tr>\n",
			severity_name((enum severity)s), severity_title((enum severity)s),
			sc->totals[s]);
	sb_adds(sb, "</tbody>\n</table>\n");
}

char *export_html(const struct run *r)
{
	struct strbuf sb = STRBUF_INIT;
	struct scores sc;
	int c, s;

	scores_compute(r->findings, r->n_findings, &sc);
	sb_adds(&sb, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
	sb_adds(&sb, "<meta name=\"generator\" content=\"ppaudit ");
	html_text(&sb, r->tool_version ? r->tool_version : PACKAGE_VERSION);
	sb_adds(&sb, "\">\n<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n");
	sb_addf(&sb, "<title>Persistence &amp; Performance Audit - %s</title>\n", r->date);
	sb_addf(&sb, "<style>\n%s</style>\n</head>\n<body>\n", page_css);

	sb_addf(&sb, "<header>\n<h1>Persistence &amp; Performance Audit Report - %s</h1>\n"
		"<p class=\"meta\">", r->date);
	/* the project's name: "." (a run started inside it) says nothing */
	html_text(&sb, r->project ? r->project : r->root ? r->root : ".");
	if (r->git.head) {
		sb_adds(&sb, " &middot; git ");
		html_text(&sb, r->git.branch ? r->git.branch : "");
		sb_addf(&sb, " <code>%.12s</code>%s", r->git.head, r->git.dirty ? " (dirty)" : "");
	}
	sb_addf(&sb, " &middot; %zu files, %zu lines &middot; ppaudit ", r->files_scanned,
		r->lines_scanned);
	html_text(&sb, r->tool_version ? r->tool_version : PACKAGE_VERSION);
	sb_adds(&sb, "</p>\n</header>\n<main>\n<h2>Compliance score</h2>\n");
	score_cards(&sb, &sc);
	sb_adds(&sb, "<h2>Open findings by category and severity</h2>\n");
	severity_chart(&sb, &sc);
	severity_table(&sb, &sc);

	sb_addf(&sb, "<h2>Findings</h2>\n<div class=\"filters\">\n"
		"<input id=\"filter\" type=\"search\" placeholder=\"Filter: path, check, function, text\" "
		"aria-label=\"Filter findings\">\n<select id=\"sev\" aria-label=\"Severity\">"
		"<option value=\"\">all severities</option>");
	for (s = SEV_COUNT - 1; s >= 0; s--)
		sb_addf(&sb, "<option value=\"%s\">%s</option>", severity_name((enum severity)s),
			severity_title((enum severity)s));
	sb_adds(&sb, "</select>\n<select id=\"status\" aria-label=\"Status\">"
		     "<option value=\"\">all statuses</option>");
	for (s = 0; s < ST_COUNT; s++)
		sb_addf(&sb, "<option value=\"%s\">%s</option>", status_name((enum finding_status)s),
			status_name((enum finding_status)s));
	sb_addf(&sb, "</select>\n<span class=\"muted\"><span id=\"shown\">%zu</span> of %zu shown"
		"</span>\n</div>\n", r->n_findings, r->n_findings);
	for (c = 0; c < CAT_COUNT; c++)
		category_section(&sb, r, (enum category)c);
	advisory_section(&sb, r);
	sb_addf(&sb, "</main>\n<script>\n%s</script>\n</body>\n</html>\n", page_js);
	return sb_detach(&sb);
}

int export_html_write(const struct run *r, const char *path, char *err, size_t errlen)
{
	char *text = export_html(r);
	int rc = fs_write_atomic(path, text, strlen(text));

	if (rc != 0 && err && errlen)
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
	free(text);
	return rc;
}
