/* Whole-run fuzz target: the input becomes a small project that goes
 * through the complete pipeline in-process (discover, files, parse, index,
 * the four auditors, aggregate, reports, SARIF and HTML exports), as
 * `ppaudit run --format md,json,sarif,html` would run it.
 *
 * INPUT
 * The bytes before the first header line are app/main.py. A header is a
 * line starting with "#@":
 *   #@ NAME     the lines up to the next header are file NAME (relative;
 *               an entry with an empty, "." or ".." component is dropped)
 *   #@>D NAME   NAME is a symbolic link; digit D picks its target from a
 *               fixed table, all inside the scratch folder (see link_target)
 *   #@|NAME     NAME is a FIFO
 *   #@git       the project is a git repository (files untracked)
 *   #@git+      ... with every file added to its index
 *   #@out       reports go to a separate folder, as with --output-dir
 * Entries may name .ppaudit.json, requirements.txt, docs/adr/NAME.md,
 * docs/project/... (planted history) or .git/... (written after git init).
 *
 * SCRATCH FOLDER  $TMPDIR/fuzz-run.PID.XXXXXX, made once per process:
 *   p/  the project        o/  the --output-dir (#@out)
 *   x/  outside the tree: x/secret.py, reachable only through links
 *
 * INVARIANTS (abort, which libFuzzer records as a crash)
 *  - the run completes, or fails with a message; it is never cancelled;
 *  - nothing changes outside OUT/docs/project (OUT: p, p/<output_dir> or
 *    o): the tree, x/, the scratch folder; inside it, what was planted
 *    survives (earlier runs' folders included) except the consolidated
 *    reports and temps of killed runs (SPEC §2, §12);
 *  - no text of x/secret.py reaches run.json (links are never followed);
 *  - run.json loads back with run_load() with the same findings, each on a
 *    regular file of the tree;
 *  - every descriptor is closed again (ASan/LSan watch the memory).
 * The parse pool is held at 2 threads whatever .ppaudit.json says.
 * FUZZ_RUN_VERBOSE=1 prints each run's outcome on stderr. */
#include "catalog.h"
#include "config.h"
#include "git.h"
#include "history.h"
#include "pipeline.h"
#include "report/export.h"
#include "run.h"
#include "util/fsutil.h"
#include "util/xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <git2.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_DATE      "2026-01-15"
#define FUZZ_MAX_FILES 24

static char base[PATH_MAX];    /* the scratch folder */
static char secret[48];        /* marker only x/secret.py holds */

/* ---- scratch folder ------------------------------------------------------ */

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	return remove(path) != 0 && errno != ENOENT ? -1 : 0;
}

/* rm -rf without following links (FTW_PHYS). */
static void rm_tree(const char *path)
{
	struct stat st;

	if (lstat(path, &st) == 0)
		nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void cleanup(void)
{
	if (base[0])
		rm_tree(base);
}

static char *at_base(const char *rel)
{
	return xasprintf("%s/%s", base, rel);
}

static void write_file(const char *path, const void *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);

	if (fd < 0 || (len && write(fd, data, len) != (ssize_t)len) || close(fd) != 0)
		abort();
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;

	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 1099511628211ull;
	return h;
}

/* One-time setup; the secret's marker is unguessable by the fuzzer. */
static void setup(void)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(base, sizeof base, "%s/fuzz-run.%ld.XXXXXX", tmp && *tmp ? tmp : "/tmp",
		 (long)getpid());
	if (mkdtemp(base) == NULL)
		abort();
	snprintf(secret, sizeof secret, "fuzzsecret_%016llx",
		 (unsigned long long)fnv((uint64_t)time(NULL) ^ (uint64_t)getpid() << 32, base,
					 strlen(base)));
	atexit(cleanup);
	git_module_init();
	/* as main() does: libgit2 keeps the calling thread's last error
	 * message until shutdown, which LeakSanitizer reports at exit */
	atexit(git_module_shutdown);
}

/* Fresh p/ and x/ (x/secret.py: findings galore, should links be followed). */
static void fresh_scratch(void)
{
	static const char *const dirs[] = { "p", "o", "x" };
	char *path, *text;

	for (size_t i = 0; i < 3; i++) {
		path = at_base(dirs[i]);
		rm_tree(path);
		free(path);
	}
	path = at_base("p");
	if (mkdir(path, 0755) != 0)
		abort();
	free(path);
	path = at_base("x");
	if (mkdir(path, 0755) != 0)
		abort();
	free(path);
	path = at_base("x/secret.py");
	text = xasprintf("import time\n\nasync def %s(session, ids):\n    for i in ids:\n"
			 "        await session.get(User, i)\n        time.sleep(1)\n", secret);
	write_file(path, text, strlen(text));
	free(text);
	free(path);
}

/* ---- the input as a project ----------------------------------------------- */

struct entry {
	char kind;          /* 'f' file, 'l' link, 'p' FIFO */
	char target;        /* link: table digit */
	char *name;
	const uint8_t *data;
	size_t len;
};

struct spec {
	struct entry e[FUZZ_MAX_FILES];
	size_t n;
	int git, git_add, out;
};

/* Link targets: every one stays inside the scratch folder (".." from the
 * top of p/ is the scratch folder itself), except the harmless /dev/zero. */
static char *link_target(char d, const char *name)
{
	const char *slash = strrchr(name, '/');

	switch (d) {
	case '0': return xstrdup("..");
	case '2': return xstrdup("../x/secret.py");
	case '3': return at_base("x");
	case '4': return at_base("x/secret.py");
	case '5': return at_base("x/new.py");
	case '6': return xstrdup(".");
	case '7': return xstrdup("/dev/zero");
	case '8': return at_base("p");
	case '9': return xstrdup(slash ? slash + 1 : name); /* itself: a loop */
	default:  return xstrdup("../x");
	}
}

/* A copy of name when every component is a plain name, else NULL. */
static char *clean_name(const uint8_t *s, size_t n)
{
	char *name;

	if (n == 0 || n > 200 || memchr(s, '\0', n) != NULL || s[0] == '/')
		return NULL;
	name = xstrndup((const char *)s, n);
	for (char *c = name; *c;) {
		size_t k = strcspn(c, "/");

		if (k == 0 || (k == 1 && c[0] == '.') || (k == 2 && c[0] == '.' && c[1] == '.')) {
			free(name);
			return NULL;
		}
		c += k;
		if (*c == '/')
			c++;
		else
			break;
	}
	if (name[n - 1] == '/') {
		free(name);
		return NULL;
	}
	return name;
}

static void add_entry(struct spec *sp, char kind, char target, char *name,
		      const uint8_t *data, size_t len)
{
	if (name == NULL)
		return;
	if (sp->n == FUZZ_MAX_FILES) {
		free(name);
		return;
	}
	sp->e[sp->n++] = (struct entry){ kind, target, name, data, len };
}

/* Splits the input into entries at "#@" header lines. */
static void parse_input(const uint8_t *d, size_t size, struct spec *sp)
{
	size_t pos = 0;
	struct entry *cur;

	memset(sp, 0, sizeof *sp);
	add_entry(sp, 'f', 0, xstrdup("app/main.py"), d, 0);
	cur = &sp->e[0];
	while (pos < size) {
		const uint8_t *line = d + pos, *nl;
		size_t llen;

		nl = memchr(line, '\n', size - pos);
		llen = nl ? (size_t)(nl - line) : size - pos;
		if (llen >= 2 && line[0] == '#' && line[1] == '@') {
			if (cur)
				cur->len = (size_t)(line - cur->data);
			cur = NULL;
			if (llen == 5 && memcmp(line, "#@git", 5) == 0) {
				sp->git = 1;
			} else if (llen == 6 && memcmp(line, "#@git+", 6) == 0) {
				sp->git = sp->git_add = 1;
			} else if (llen == 5 && memcmp(line, "#@out", 5) == 0) {
				sp->out = 1;
			} else if (llen > 3 && line[2] == ' ') {
				size_t before = sp->n;
				add_entry(sp, 'f', 0, clean_name(line + 3, llen - 3), line + llen, 0);
				if (sp->n > before) {
					cur = &sp->e[sp->n - 1];
					cur->data = nl ? nl + 1 : d + size;
				}
			} else if (llen > 5 && line[2] == '>' && line[4] == ' ') {
				add_entry(sp, 'l', (char)line[3], clean_name(line + 5, llen - 5), NULL, 0);
			} else if (llen > 3 && line[2] == '|') {
				add_entry(sp, 'p', 0, clean_name(line + 3, llen - 3), NULL, 0);
			}
		}
		pos += llen + (nl != NULL);
	}
	if (cur)
		cur->len = (size_t)(d + size - cur->data);
}

/* Opens the parent folder of name below p/, creating plain folders and
 * refusing links (the harness must not write outside either). */
static int open_parent(const char *name, const char **leaf)
{
	char *path = at_base("p"), *dup = xstrdup(name), *c = dup, *slash;
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	free(path);
	while (fd >= 0 && (slash = strchr(c, '/')) != NULL) {
		int next;

		*slash = '\0';
		mkdirat(fd, c, 0755);
		next = openat(fd, c, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		close(fd);
		fd = next;
		c = slash + 1;
	}
	*leaf = name + (c - dup);
	free(dup);
	return fd;
}

/* Creates one entry; a name that collides with an earlier one is dropped. */
static void make_entry(const struct entry *e)
{
	const char *leaf;
	int dfd = open_parent(e->name, &leaf), fd;

	if (dfd < 0)
		return;
	if (e->kind == 'f') {
		fd = openat(dfd, leaf, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
		if (fd >= 0) {
			if (e->len && write(fd, e->data, e->len) != (ssize_t)e->len)
				abort();
			close(fd);
		}
	} else if (e->kind == 'l') {
		char *t = link_target(e->target, e->name);
		symlinkat(t, dfd, leaf);
		free(t);
	} else {
		mkfifoat(dfd, leaf, 0644);
	}
	close(dfd);
}

/* Writes a file over one git init made (.git/config, .git/HEAD...). */
static void overwrite_entry(const struct entry *e)
{
	const char *leaf;
	int dfd = open_parent(e->name, &leaf), fd;

	if (dfd < 0)
		return;
	fd = openat(dfd, leaf, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd >= 0) {
		if (e->len && write(fd, e->data, e->len) != (ssize_t)e->len)
			abort();
		close(fd);
	}
	close(dfd);
}

static int is_git_entry(const struct entry *e)
{
	return strcmp(e->name, ".git") == 0 || strncmp(e->name, ".git/", 5) == 0;
}

static void build_project(const struct spec *sp)
{
	git_repository *repo = NULL;
	char *root = at_base("p");

	/* an empty app/main.py would take the name from a later entry */
	for (size_t i = sp->e[0].len ? 0 : 1; i < sp->n; i++)
		if (!(sp->git && is_git_entry(&sp->e[i])))
			make_entry(&sp->e[i]);
	if (sp->git && git_repository_init(&repo, root, 0) == 0) {
		git_index *idx = NULL;

		if (sp->git_add && git_repository_index(&idx, repo) == 0) {
			git_index_add_all(idx, NULL, 0, NULL, NULL);
			git_index_write(idx);
			git_index_free(idx);
		}
		git_repository_free(repo);
		for (size_t i = 0; i < sp->n; i++)
			if (sp->e[i].kind == 'f' && is_git_entry(&sp->e[i]))
				overwrite_entry(&sp->e[i]);
	}
	free(root);
}

/* ---- snapshots of the scratch folder ---------------------------------------- */

struct snap_entry {
	char *path;         /* relative to base */
	mode_t type;
	uint64_t hash;      /* content (files) or target (links) */
};

struct snap {
	struct snap_entry *e;
	size_t n, cap;
};

static uint64_t hash_file(const char *path)
{
	char buf[4096];
	uint64_t h = 14695981039346656037ull;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);

	if (fd < 0)
		return 0;
	while ((n = read(fd, buf, sizeof buf)) > 0)
		h = fnv(h, buf, (size_t)n);
	close(fd);
	return h;
}

static void snap_walk(struct snap *s, const char *abs, const char *rel)
{
	DIR *d = opendir(abs);
	struct dirent *de;

	if (d == NULL)
		abort();
	while ((de = readdir(d)) != NULL) {
		struct snap_entry *e;
		struct stat st;
		char *cabs, *crel;

		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		cabs = xasprintf("%s/%s", abs, de->d_name);
		crel = rel[0] ? xasprintf("%s/%s", rel, de->d_name) : xstrdup(de->d_name);
		if (lstat(cabs, &st) != 0)
			abort();
		XGROW(s->e, s->cap, s->n + 1);
		e = &s->e[s->n++];
		e->path = crel;
		e->type = st.st_mode & S_IFMT;
		e->hash = 0;
		if (S_ISREG(st.st_mode)) {
			e->hash = hash_file(cabs);
		} else if (S_ISLNK(st.st_mode)) {
			char t[PATH_MAX];
			ssize_t n = readlink(cabs, t, sizeof t);
			e->hash = fnv(1, t, n > 0 ? (size_t)n : 0);
		} else if (S_ISDIR(st.st_mode)) {
			snap_walk(s, cabs, crel);
		}
		free(cabs);
	}
	closedir(d);
}

static void snap_take(struct snap *s)
{
	memset(s, 0, sizeof *s);
	snap_walk(s, base, "");
}

static const struct snap_entry *snap_find(const struct snap *s, const char *path)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->e[i].path, path) == 0)
			return &s->e[i];
	return NULL;
}

static void snap_free(struct snap *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->e[i].path);
	free(s->e);
}

/* 1 when path is prefix itself or below it. */
static int under(const char *path, const char *prefix)
{
	size_t n = strlen(prefix);

	return strncmp(path, prefix, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

/* What the run may create or replace, relative to the scratch folder;
 * all NULL when no run started (then nothing may change). */
struct allowed {
	char *docs;         /* OUT/docs/project: new entries only here ... */
	char *mine[3];      /* ... replaced ones only here: the consolidated reports */
	char *temps[3];     /* and temps of killed runs directly in these folders */
};

/* 1 when path is a folder on the way to OUT/docs/project. */
static int on_the_way(const struct allowed *a, const char *path)
{
	size_t n = strlen(path);

	return a->docs && strncmp(a->docs, path, n) == 0 && a->docs[n] == '/';
}

static int replaced_by_run(const struct allowed *a, const char *path)
{
	if (a->docs == NULL)
		return 0;
	for (size_t i = 0; i < 3; i++)
		if (under(path, a->mine[i]))
			return 1;
	/* fs_clean_stale_temps removes ".ppaudit-tmp-PID-..." of dead PIDs */
	for (size_t i = 0; i < 3; i++) {
		size_t n = strlen(a->temps[i]);

		if (under(path, a->temps[i]) && (strncmp(path + n, "/.ppaudit-tmp-", 14) == 0 ||
						 strncmp(path + n, "/.ppaudit-old-", 14) == 0))
			return 1;
	}
	return 0;
}

static void snap_check(const struct snap *pre, const struct snap *post, const struct allowed *a)
{
	for (size_t i = 0; i < pre->n; i++) {
		const struct snap_entry *e = &pre->e[i], *f = snap_find(post, e->path);

		if (replaced_by_run(a, e->path))
			continue;
		if (f == NULL || f->type != e->type || f->hash != e->hash) {
			fprintf(stderr, "fuzz-run: %s %s by the run\n", e->path,
				f ? "changed" : "deleted");
			abort();
		}
	}
	for (size_t i = 0; i < post->n; i++) {
		const struct snap_entry *e = &post->e[i];

		if (snap_find(pre, e->path) == NULL && !(a->docs && under(e->path, a->docs)) &&
		    !(e->type == S_IFDIR && on_the_way(a, e->path))) {
			fprintf(stderr, "fuzz-run: %s created outside the output folder\n", e->path);
			abort();
		}
	}
}

/* ---- the run -------------------------------------------------------------- */

static int count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	int n = 0;

	if (d == NULL)
		return -1;
	while (readdir(d) != NULL)
		n++;
	closedir(d);
	return n;
}

/* OUT relative to the scratch folder, "." and empty components dropped. */
static char *out_rel(const char *out)
{
	size_t bl = strlen(base);
	char *dup, *tok, *save = NULL;
	char *res = xstrdup("");

	if (strncmp(out, base, bl) != 0 || out[bl] != '/')
		abort(); /* history_confine put the output elsewhere */
	dup = xstrdup(out + bl + 1);
	for (tok = strtok_r(dup, "/", &save); tok; tok = strtok_r(NULL, "/", &save)) {
		char *next;

		if (strcmp(tok, ".") == 0)
			continue;
		if (strcmp(tok, "..") == 0)
			abort();
		next = res[0] ? xasprintf("%s/%s", res, tok) : xstrdup(tok);
		free(res);
		res = next;
	}
	free(dup);
	return res;
}

static void check_message(const char *err)
{
	if (err == NULL || err[0] == '\0')
		abort();
}

/* Checks a completed run: reports in place, run.json loads back, findings
 * on regular files of the tree, nothing from x/secret.py. */
static void check_run(const struct run *r, const char *root, const char *run_dir,
		      const char *out)
{
	char err[600], *path, *text, *md;
	struct run *back;
	size_t len;

	path = xasprintf("%s/run.json", run_dir);
	back = run_load(path, err, sizeof err);
	if (back == NULL) {
		fprintf(stderr, "fuzz-run: %s\n", err);
		abort();
	}
	text = fs_read_file(path, 0, &len);
	if (text == NULL || strstr(text, secret) != NULL)
		abort();
	free(text);
	free(path);
	if (back->n_findings != r->n_findings)
		abort();
	for (size_t i = 0; i < r->n_findings; i++) {
		const struct finding *f = &r->findings[i];
		struct stat st;
		char *abs;

		if (strcmp(f->fingerprint, back->findings[i].fingerprint) != 0 ||
		    f->severity != back->findings[i].severity || f->status != back->findings[i].status)
			abort();
		if (f->file == NULL || !fs_rel_is_safe(f->file))
			abort();
		abs = xasprintf("%s/%s", root, f->file);
		if (lstat(abs, &st) != 0 || !S_ISREG(st.st_mode)) {
			fprintf(stderr, "fuzz-run: finding on %s, not a regular file of the tree\n",
				f->file);
			abort();
		}
		free(abs);
	}
	run_free(back);
	md = xasprintf("%s/docs/project/persistence_audit.md", out);
	if (!fs_is_file(md))
		abort();
	free(md);
}

/* The SARIF / HTML exports and the TSV listing, as `run --format` does. */
static void exports(const struct run *r, const char *out, const char *run_dir)
{
	struct sarif_opts so = { 0 };
	char err[600], *path, *tsv;

	for (int k = 0; k < 2; k++) {
		path = k ? xasprintf("%s/persistence_audit.sarif", run_dir)
			 : xasprintf("%s/docs/project/persistence_audit.sarif", out);
		if (export_sarif_write(r, path, &so, err, sizeof err) != 0)
			check_message(err);
		free(path);
		path = k ? xasprintf("%s/persistence_audit.html", run_dir)
			 : xasprintf("%s/docs/project/persistence_audit.html", out);
		if (export_html_write(r, path, err, sizeof err) != 0)
			check_message(err);
		free(path);
	}
	tsv = export_tsv(r, NULL);
	free(tsv);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pipeline_opts o = { 0 };
	struct allowed a = { 0 };
	struct snap pre, post;
	struct spec sp;
	struct config cfg;
	struct pipeline *pl;
	struct run *r = NULL;
	char err[700], *root, *cli_out = NULL, *out = NULL, *cfgpath, *rel;
	enum pipeline_status st;
	int fds;

	if (!base[0])
		setup();
	fresh_scratch();
	parse_input(data, size, &sp);
	build_project(&sp);
	root = at_base("p");
	if (sp.out)
		cli_out = at_base("o");
	snap_take(&pre);
	fds = count_fds();

	/* as cmd_run: the project's .ppaudit.json, the confinement, the catalog */
	config_defaults(&cfg);
	cfgpath = xasprintf("%s/.ppaudit.json", root);
	if (fs_set_tree_root(root) != 0)
		abort();
	if (config_load(&cfg, cfgpath, 1, err, sizeof err) != 0) {
		if (getenv("FUZZ_RUN_VERBOSE"))
			fprintf(stderr, "fuzz-run: %s\n", err);
		check_message(err);
		goto done;
	}
	out = history_confine(root, cli_out, cfg.output_dir, 1, err, sizeof err);
	if (out == NULL) {
		if (getenv("FUZZ_RUN_VERBOSE"))
			fprintf(stderr, "fuzz-run: %s\n", err);
		check_message(err);
		goto done;
	}
	if (catalog_init(&cfg, err, sizeof err) != 0)
		abort(); /* the embedded catalog always loads */
	o.root = root;
	o.output_dir = out;
	o.formats = FORMAT_MD | FORMAT_JSON | FORMAT_SARIF | FORMAT_HTML;
	o.jobs = 2;
	o.cfg = &cfg;
	o.date = FUZZ_DATE;
	o.write_reports = 1;
	pl = pipeline_start(&o);
	st = pipeline_join(pl, &r, err, sizeof err);
	{
		size_t nw;
		char *const *w = pipeline_warnings(pl, &nw);
		for (size_t i = 0; i < nw; i++)
			check_message(w[i]);
	}
	if (getenv("FUZZ_RUN_VERBOSE"))
		fprintf(stderr, "fuzz-run: %s, %zu finding(s)%s%s\n",
			st == PIPELINE_OK ? "done" : "failed", r ? r->n_findings : 0,
			st == PIPELINE_OK ? "" : ": ", st == PIPELINE_OK ? "" : err);
	if (st == PIPELINE_CANCELLED)
		abort();
	if (st == PIPELINE_OK) {
		check_run(r, root, pipeline_run_dir(pl), out);
		exports(r, out, pipeline_run_dir(pl));
		run_free(r);
	} else {
		check_message(err);
	}
	pipeline_free(pl);
	catalog_free();
done:
	config_free(&cfg);
	free(cfgpath);
	fs_set_tree_root(NULL);
	fs_set_output_root(NULL);
	if (count_fds() != fds) {
		fprintf(stderr, "fuzz-run: %d descriptor(s) left open\n", count_fds() - fds);
		abort();
	}

	/* what the run may have written: OUT/docs/project and the folders to it */
	if (out != NULL) {
		rel = out_rel(out);
		a.docs = xasprintf("%s%sdocs/project", rel, rel[0] ? "/" : "");
		a.mine[0] = xasprintf("%s/persistence_audit.md", a.docs);
		a.mine[1] = xasprintf("%s/persistence_audit.sarif", a.docs);
		a.mine[2] = xasprintf("%s/persistence_audit.html", a.docs);
		a.temps[0] = xstrdup(a.docs);
		a.temps[1] = xasprintf("%s/.audit/ln-650", a.docs);
		a.temps[2] = xasprintf("%s/.audit/ln-650/partial", a.docs);
		free(rel);
	}
	snap_take(&post);
	snap_check(&pre, &post, &a);
	for (size_t i = 0; i < post.n; i++)
		if (!under(post.e[i].path, "p") && !under(post.e[i].path, "x") &&
		    !under(post.e[i].path, "o"))
			abort();
	snap_free(&pre);
	snap_free(&post);
	for (size_t i = 0; i < 3; i++) {
		free(a.mine[i]);
		free(a.temps[i]);
	}
	free(a.docs);
	free(out);
	free(cli_out);
	free(root);
	for (size_t i = 0; i < sp.n; i++)
		free(sp.e[i].name);
	return 0;
}
