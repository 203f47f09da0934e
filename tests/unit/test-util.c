/* Unit tests for src/util: strbuf, arena, fsutil (atomic writes, reads with
 * a cap, mkdir -p, join), fileset (all or nothing, rollback), lock
 * (exclusion, no-follow), sanitize (terminal and Markdown safety) and the
 * analysis work budgets. */
#include "tap.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/arena.h"
#include "util/fileset.h"
#include "util/budget.h"
#include "util/fsutil.h"
#include "util/lock.h"
#include "util/parallel.h"
#include "util/sanitize.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

static void test_strbuf(void)
{
	struct strbuf sb = STRBUF_INIT;
	char *s;
	int i;

	is_str(sb_str(&sb), "", "an empty strbuf reads as \"\"");
	sb_adds(&sb, "ab");
	sb_addc(&sb, 'c');
	sb_addf(&sb, "-%d-%s", 42, "x");
	is_str(sb.buf, "abc-42-x", "adds, addc and addf append in order");
	is_int(sb.len, 8, "length tracks the content");
	for (i = 0; i < 1000; i++)
		sb_addc(&sb, 'z');
	is_int(sb.len, 1008, "grows past its first capacity");
	ok(sb.buf[sb.len] == '\0', "stays NUL-terminated after growing");
	sb_reset(&sb);
	is_str(sb_str(&sb), "", "reset empties it");
	sb_adds(&sb, "kept");
	s = sb_detach(&sb);
	is_str(s, "kept", "detach hands over the string");
	ok(sb.buf == NULL && sb.len == 0, "and leaves the strbuf empty");
	free(s);
	s = sb_detach(&sb);
	is_str(s, "", "detach of an empty strbuf gives \"\", never NULL");
	free(s);
}

static void test_arena(void)
{
	struct arena a = { 0 };
	char *p[200];
	int i, zero = 1, aligned = 1, intact = 1;

	a.first_block = 1024;
	for (i = 0; i < 200; i++) {
		unsigned char *q = arena_alloc(&a, (size_t)(i % 37) + 1);
		size_t k;
		for (k = 0; k < (size_t)(i % 37) + 1; k++)
			zero &= q[k] == 0;
		aligned &= ((uintptr_t)q & 7) == 0;
		p[i] = arena_strdup(&a, "abcdefgh");
	}
	ok(zero, "arena memory comes zeroed");
	ok(aligned, "arena allocations are 8-aligned");
	for (i = 0; i < 200; i++)
		intact &= strcmp(p[i], "abcdefgh") == 0;
	ok(intact, "earlier allocations survive new blocks");
	{
		char *big = arena_alloc(&a, 300 * 1024);
		big[300 * 1024 - 1] = 'x';
		ok(big != NULL, "a request larger than a block gets its own block");
	}
	is_str(arena_strndup(&a, "hello world", 5), "hello", "strndup copies n bytes");
	{
		struct strbuf empty = STRBUF_INIT;  /* buf is NULL until the first add */
		is_str(arena_strndup(&a, empty.buf, empty.len), "", "strndup of an unused strbuf");
	}
	ok(a.used_total > 300 * 1024, "used_total counts every allocation");
	arena_release(&a);
	ok(a.head == NULL && a.used_total == 0, "release empties the arena");
}

static void test_arena_intern(void)
{
	struct arena a = { 0 };
	const char *x = arena_intern(&a, "session.query", 7), *y, *z;
	int i, same = 1;

	is_str(x, "session", "intern copies n bytes");
	y = arena_intern(&a, "session.add", 7);
	z = arena_intern(&a, "sessions", 8);
	ok(x == y, "the same text gets the same copy");
	ok(z != x && strcmp(z, "sessions") == 0, "other text gets its own copy");
	ok(arena_intern(&a, "a\0b", 3) != arena_intern(&a, "a\0c", 3),
	   "text past an inner NUL still tells copies apart");
	/* an unused strbuf hands over NULL with length 0 (twice: the second
	 * compares against the first, which UBSan checks) */
	ok(arena_intern(&a, NULL, 0)[0] == '\0' && arena_intern(&a, NULL, 0)[0] == '\0',
	   "an empty name from a NULL buffer is interned as \"\"");
	/* past the table's first growth */
	for (i = 0; i < 500; i++) {
		char buf[16];
		snprintf(buf, sizeof buf, "n%d", i);
		(void)arena_intern(&a, buf, strlen(buf));
	}
	for (i = 0; i < 500 && same; i++) {
		char buf[16];
		const char *p;
		snprintf(buf, sizeof buf, "n%d", i);
		p = arena_intern(&a, buf, strlen(buf));
		same = p == arena_intern(&a, buf, strlen(buf)) && strcmp(p, buf) == 0;
	}
	ok(same, "copies stay shared as the table grows");
	arena_detach(&a);
	ok(a.strings == NULL && strcmp(x, "session") == 0, "detach drops the table, not the copies");
	arena_release(&a);
}

static void test_arena_pool(void)
{
	struct arena_pool *pool = arena_pool_new();
	struct arena a[3];
	char *s[3][300];
	int i, k, intact = 1, apart;

	memset(a, 0, sizeof a);
	/* filled one after another, as a parse worker fills its models */
	for (k = 0; k < 3; k++) {
		a[k].pool = pool;
		for (i = 0; i < 300; i++) {
			char buf[32];
			snprintf(buf, sizeof buf, "%d-%d", k, i);
			s[k][i] = arena_strdup(&a[k], buf);
			if (i == 150)
				(void)arena_alloc(&a[k], 40 * 1024);  /* a one-off block */
		}
		arena_detach(&a[k]);
	}
	ok(a[0].head == NULL && a[0].pool == NULL, "detach leaves the pool");
	apart = s[1][0] > s[0][299] && s[1][0] - s[0][299] < 64;
	ok(apart, "the next arena goes on in the same block");
	/* after detach an arena grows on its own, while the pool is gone */
	arena_pool_free(pool);
	is_str(arena_strdup(&a[1], "later"), "later", "a detached arena still allocates");
	for (k = 0; k < 3; k++)
		for (i = 0; i < 300; i++) {
			char buf[32];
			snprintf(buf, sizeof buf, "%d-%d", k, i);
			intact &= strcmp(s[k][i], buf) == 0;
		}
	ok(intact, "pooled strings survive the pool");
	/* released out of order: the shared blocks go with the last holder */
	arena_release(&a[1]);
	intact = 1;
	for (i = 0; i < 300; i++) {
		char buf[32];
		snprintf(buf, sizeof buf, "2-%d", i);
		intact &= strcmp(s[2][i], buf) == 0;
	}
	ok(intact, "releasing one arena leaves its neighbours intact");
	arena_release(&a[2]);
	arena_release(&a[0]);
	ok(a[0].pieces == NULL && a[0].used_total == 0, "release empties a pooled arena");
}

/* Names interned through a pool are shared by its arenas, and each
 * arena keeps the block of a name it was handed alive. */
static void test_arena_pool_intern(void)
{
	struct arena_pool *pool = arena_pool_new();
	struct arena a[3];
	const char *x[3], *y, *long_name;
	char big[400];
	int i, intact = 1;

	memset(a, 0, sizeof a);
	memset(big, 'n', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	for (i = 0; i < 3; i++) {
		a[i].pool = pool;
		/* filler, so that the arenas' own pieces lie in other blocks */
		for (int k = 0; k < 400; k++)
			(void)arena_alloc(&a[i], 200);
		x[i] = arena_intern(&a[i], "session.execute", 15);
		arena_detach(&a[i]);
	}
	ok(x[0] == x[1] && x[1] == x[2], "a pool's arenas share an interned name");
	a[0].pool = pool;
	long_name = arena_intern(&a[0], big, strlen(big));
	a[1].pool = pool;
	ok(arena_intern(&a[1], big, strlen(big)) != long_name,
	   "a long text is interned per arena, not in the pool");
	arena_detach(&a[0]);
	arena_detach(&a[1]);
	/* the name lies in a[0]'s first block: a[1] and a[2] hold it */
	arena_pool_free(pool);
	arena_release(&a[0]);
	arena_release(&a[1]);
	intact = strcmp(x[2], "session.execute") == 0;
	ok(intact, "a shared name outlives the arena that copied it and the pool");
	y = arena_intern(&a[2], "session.execute", 15);
	ok(y != x[2] && strcmp(y, x[2]) == 0, "after detach an arena interns on its own");
	arena_release(&a[2]);
}

static void test_fsutil(void)
{
	char dir[] = "/tmp/ppaudit-test-util.XXXXXX";
	char *path, *sub, *buf, *tmpname;
	size_t len = 0;

	if (mkdtemp(dir) == NULL) {
		ok(0, "mkdtemp");
		return;
	}
	path = fs_join(dir, "report.md");
	is_int(fs_write_atomic(path, "first\n", 6), 0, "atomic write creates a file");
	buf = fs_read_file(path, 0, &len);
	is_str(buf, "first\n", "and the content reads back");
	is_int(len, 6, "with its length");
	free(buf);
	is_int(fs_write_atomic(path, "second version\n", 15), 0, "atomic write replaces a file");
	buf = fs_read_file(path, 0, &len);
	is_str(buf, "second version\n", "the new content replaces the old whole");
	free(buf);
	tmpname = xasprintf("%s.tmp.%ld", path, (long)getpid());
	ok(access(tmpname, F_OK) != 0, "no temporary file is left behind");
	free(tmpname);
	errno = 0;
	buf = fs_read_file(path, 4, &len);
	ok(buf == NULL && errno == EFBIG, "reading past the size cap fails with EFBIG");
	errno = 0;
	ok(fs_read_file("/nonexistent/ppaudit", 0, &len) == NULL && errno == ENOENT,
	   "a missing file fails with ENOENT");
	ok(fs_write_atomic("/nonexistent/dir/x.md", "x", 1) != 0, "atomic write into a missing folder fails");
	sub = fs_join(dir, "a/b/c");
	is_int(fs_mkdir_p(sub, 0755), 0, "mkdir -p creates nested folders");
	is_int(fs_mkdir_p(sub, 0755), 0, "and accepts existing ones");
	ok(fs_is_dir(sub) && !fs_is_file(sub), "is_dir / is_file tell them apart");
	free(sub);
	sub = fs_join(path, "below");
	ok(fs_mkdir_p(sub, 0755) != 0, "mkdir -p below a file fails");
	free(sub);
	sub = fs_join(".", "x");
	is_str(sub, "x", "join drops a leading \".\"");
	free(sub);
	sub = fs_join("a/", "b");
	is_str(sub, "a/b", "join does not double the separator");
	free(sub);
	sub = fs_join("a", "/abs");
	is_str(sub, "/abs", "join keeps an absolute second part");
	free(sub);
	unlink(path);
	free(path);
	path = xasprintf("rm -rf '%s'", dir);
	ok(system(path) == 0, "clean up");
	free(path);
}

/* Counts the hidden temp/backup files a fileset may leave in dir. */
static int leftovers(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] == '.' && strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

/* Reads path as a string, "(none)" when missing. */
static char *content(const char *path)
{
	char *s = fs_read_file(path, 0, NULL);

	return s != NULL ? s : xstrdup("(none)");
}

static void test_fileset(void)
{
	char dir[] = "/tmp/ppaudit-test-fileset.XXXXXX";
	struct fileset fs = FILESET_INIT;
	char err[512], *a, *b, *c, *s;

	if (mkdtemp(dir) == NULL) {
		ok(0, "mkdtemp");
		return;
	}
	a = fs_join(dir, "a.md");
	b = fs_join(dir, "b.md");
	c = fs_join(dir, "c.md");
	fs_write_atomic(a, "old a", 5);
	fs_write_atomic(b, "old b", 5);
	ok(fileset_add(&fs, a, "new a", 5, err, sizeof err) == 0 &&
	   fileset_add(&fs, b, "new b", 5, err, sizeof err) == 0 &&
	   fileset_add(&fs, c, "new c", 5, err, sizeof err) == 0, "three files staged");
	s = content(a);
	is_str(s, "old a", "staging changes nothing visible");
	free(s);
	ok(fileset_commit(&fs, err, sizeof err) == 0, "commit (%s)", err);
	s = content(c);
	is_str(s, "new c", "commit puts a new file in place");
	free(s);
	s = content(a);
	is_str(s, "new a", "and replaces the old ones");
	free(s);
	is_int(leftovers(dir), 0, "no temp or backup file is left");

	/* a folder where a file goes, found while staging */
	unlink(c);
	mkdir(c, 0755);
	ok(fileset_add(&fs, a, "newer a", 7, err, sizeof err) == 0 &&
	   fileset_add(&fs, c, "newer c", 7, err, sizeof err) != 0 && strstr(err, c) != NULL,
	   "staging over a folder fails naming it: %s", err);
	fileset_abort(&fs);
	s = content(a);
	is_str(s, "new a", "abort leaves the old file");
	free(s);
	is_int(leftovers(dir), 0, "abort removes the temps");

	/* the third rename fails (its temp vanished): the files already
	 * replaced get their old content back */
	rmdir(c);
	fs_write_atomic(c, "new c", 5);
	ok(fileset_add(&fs, a, "newer a", 7, err, sizeof err) == 0 &&
	   fileset_add(&fs, b, "newer b", 7, err, sizeof err) == 0 &&
	   fileset_add(&fs, c, "newer c", 7, err, sizeof err) == 0, "staged again");
	unlink(fs.e[2].tmp);
	ok(fileset_commit(&fs, err, sizeof err) != 0 && strstr(err, c) != NULL,
	   "a rename failing midway fails the commit naming the file: %s", err);
	s = content(a);
	is_str(s, "new a", "the first file has its old content back");
	free(s);
	s = content(b);
	is_str(s, "new b", "so has the second");
	free(s);
	s = content(c);
	is_str(s, "new c", "the third is untouched");
	free(s);
	is_int(leftovers(dir), 0, "no temp or backup file is left");

	/* the folder staged into is swapped for a link before the commit:
	 * every step stays in the folder that was staged, none goes through
	 * the link (before, the renames, links and undo went by name) */
	{
		char *sub = fs_join(dir, "sub"), *real = fs_join(dir, "sub.real");
		char *outside = fs_join(dir, "outside"), *x = fs_join(dir, "sub/x.md");
		char *y = fs_join(dir, "sub/y.md"), *ox = fs_join(dir, "outside/x.md");
		char *rx = fs_join(dir, "sub.real/x.md"), *ry = fs_join(dir, "sub.real/y.md");

		mkdir(sub, 0755);
		mkdir(outside, 0755);
		fs_write_atomic(x, "old x", 5);
		fs_write_atomic(ox, "outside x", 9);
		ok(fileset_add(&fs, x, "new x", 5, err, sizeof err) == 0 &&
		   fileset_add(&fs, y, "new y", 5, err, sizeof err) == 0, "two files staged in sub/");
		ok(rename(sub, real) == 0 && symlink(outside, sub) == 0, "then sub/ is swapped for a link");
		ok(fileset_commit(&fs, err, sizeof err) == 0, "the commit completes (%s)", err);
		s = content(rx);
		is_str(s, "new x", "in the folder that was staged");
		free(s);
		s = content(ry);
		is_str(s, "new y", "both files");
		free(s);
		s = content(ox);
		is_str(s, "outside x", "the link's target is untouched");
		free(s);
		is_int(leftovers(outside), 0, "and holds no temp or backup file");
		is_int(leftovers(real), 0, "nor does the staged folder");
		free(sub);
		free(real);
		free(outside);
		free(x);
		free(y);
		free(ox);
		free(rx);
		free(ry);
	}

	free(a);
	free(b);
	free(c);
	s = xasprintf("rm -rf '%s'", dir);
	ok(system(s) == 0, "clean up");
	free(s);
}

static void test_lock(void)
{
	char dir[] = "/tmp/ppaudit-test-lock.XXXXXX";
	char err[512], *path, *link_path, *s;
	int fd, fd2;

	if (mkdtemp(dir) == NULL) {
		ok(0, "mkdtemp");
		return;
	}
	path = fs_join(dir, ".lock");
	fd = lock_acquire(path, NULL, NULL, err, sizeof err);
	ok(fd >= 0 && fs_is_file(path), "the lock file is created and locked%s%s", fd < 0 ? ": " : "", fd < 0 ? err : "");
	/* another open file description: excluded even in this process */
	fd2 = open(path, O_RDONLY | O_CLOEXEC);
	ok(fd2 >= 0 && flock(fd2, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK,
	   "a second descriptor cannot take it");
	lock_release(fd);
	ok(fd2 >= 0 && flock(fd2, LOCK_EX | LOCK_NB) == 0, "released, it can");
	close(fd2);
	fd = lock_acquire(path, NULL, NULL, err, sizeof err);
	ok(fd >= 0, "an existing lock file is reused");
	lock_release(fd);
	lock_release(-1);

	link_path = fs_join(dir, "planted");
	s = fs_join(dir, "victim");
	fs_write_atomic(s, "keep", 4);
	ok(symlink(s, link_path) == 0, "a symlink planted as the lock");
	ok(lock_acquire(link_path, NULL, NULL, err, sizeof err) < 0 && strstr(err, link_path) != NULL,
	   "is refused (no-follow): %s", err);
	free(s);
	free(link_path);
	s = fs_join(dir, "sub");
	mkdir(s, 0755);
	ok(lock_acquire(s, NULL, NULL, err, sizeof err) < 0, "a folder is refused: %s", err);
	free(s);
	free(path);

	/* a folder of the output made by the run, then swapped for a link out
	 * of it before the lock is taken: nothing is created outside */
	{
		char *out = fs_join(dir, "out"), *audit = fs_join(dir, "out/docs/.audit");
		char *outside = fs_join(dir, "outside"), *lock = fs_join(dir, "out/docs/.audit/.lock");
		char *stray = fs_join(dir, "outside/.lock");

		mkdir(out, 0755);
		mkdir(outside, 0755);
		ok(fs_set_output_root(out) == 0 && fs_mkdir_p(audit, 0755) == 0, "the output folders are made");
		rmdir(audit);
		ok(symlink(outside, audit) == 0, "then .audit is swapped for a link out of the output");
		ok(lock_acquire(lock, NULL, NULL, err, sizeof err) < 0 && strstr(err, "symbolic link") != NULL,
		   "the lock is refused, naming the link: %s", err);
		ok(access(stray, F_OK) != 0, "and no lock file is created through it");
		fs_set_output_root(NULL);
		free(out);
		free(audit);
		free(outside);
		free(lock);
		free(stray);
	}
	s = xasprintf("rm -rf '%s'", dir);
	ok(system(s) == 0, "clean up");
	free(s);
}

static char *sanitized(const char *s)
{
	return sanitize_dup(s, strlen(s));
}

static void test_sanitize(void)
{
	struct strbuf sb = STRBUF_INIT;
	char *s;

	s = sanitized("plain text, ok");
	is_str(s, "plain text, ok", "plain ASCII passes unchanged");
	free(s);
	s = sanitized("red \033[31mtext\033[0m");
	ok(strchr(s, '\033') == NULL, "ESC never passes");
	is_str(s, "red ?[31mtext?[0m", "control bytes become '?'");
	free(s);
	s = sanitized("title \033]0;pwned\007 bell");
	ok(strchr(s, '\007') == NULL && strchr(s, '\033') == NULL, "OSC title sequences are defused");
	free(s);
	s = sanitized("a\tb");
	is_str(s, "a b", "tab becomes a space");
	free(s);
	s = sanitized("caf\xc3\xa9 \xe2\x9c\x93");
	is_str(s, "caf\xc3\xa9 \xe2\x9c\x93", "valid UTF-8 passes");
	free(s);
	s = sanitized("bad \xff\xfe byte");
	is_str(s, "bad ?? byte", "invalid UTF-8 bytes become '?'");
	free(s);
	s = sanitized("c1 \xc2\x9b" "31m");
	ok(strstr(s, "\xc2\x9b") == NULL, "C1 CSI (U+009B) is not passed");
	free(s);
	s = sanitized("del\x7f");
	is_str(s, "del?", "DEL becomes '?'");
	free(s);
	s = sanitized("overlong \xc0\xaf");
	ok(strstr(s, "\xc0") == NULL, "overlong encodings are rejected");
	free(s);
	sanitize_md_cell(&sb, "a | b\nc\r\033d");
	is_str(sb.buf, "a \\| b c ?d", "Markdown cells escape '|' and fold newlines");
	sb_release(&sb);
	is_int(utf8_seq_len((const unsigned char *)"\xe2\x9c\x93", 3), 3, "utf8_seq_len of a 3-byte char");
	is_int(utf8_seq_len((const unsigned char *)"\xe2\x9c", 2), 0, "a truncated sequence is invalid");
	is_int(utf8_seq_len((const unsigned char *)"\xc2\x9b", 2), 0, "utf8_seq_len refuses C1");
	is_int(utf8_valid_len((const unsigned char *)"\xc2\x9b", 2), 2, "utf8_valid_len accepts C1");
	is_int(utf8_seq_len((const unsigned char *)"\xe2\x80\xae", 3), 0,
	       "utf8_seq_len refuses a bidi override (U+202E)");
	is_int(utf8_seq_len((const unsigned char *)"\xe2\x81\xa6", 3), 0,
	       "utf8_seq_len refuses a bidi isolate (U+2066)");
	is_int(utf8_seq_len((const unsigned char *)"\xe2\x80\x94", 3), 3, "an em dash passes");
	s = sanitized("a\xe2\x80\xaetxt.exe");
	is_str(s, "a???txt.exe", "a bidi override never reaches the terminal");
	free(s);
	sanitize_md_cell(&sb, "x\xe2\x81\xa7y");
	is_str(sb.buf, "x???y", "nor a Markdown cell");
	sb_release(&sb);
	s = sanitize_json_text("{\"f\":\"a\xe2\x80\xae" "b \xe2\x80\x94\"}");
	is_str(s, "{\"f\":\"a\\u202eb \xe2\x80\x94\"}\n", "JSON escapes a bidi control, keeps an em dash");
	free(s);
	ok(utf8_valid("caf\xc3\xa9 \xc2\x9b") && !utf8_valid("bad \xff") && !utf8_valid("\xed\xa0\x80"),
	   "utf8_valid: C1 yes, stray byte and surrogate no");
}

/* Markdown: no raw HTML, no cell break, readable text left alone. */
static void test_sanitize_md(void)
{
	struct strbuf sb = STRBUF_INIT;

	sanitize_md_cell(&sb, "app/<script>alert(1)</script>.py");
	is_str(sb_str(&sb), "app/&lt;script&gt;alert(1)&lt;/script&gt;.py", "'<' and '>' become entities");
	sb_reset(&sb);
	sanitize_md_cell(&sb, "<img src=x onerror=alert(1)> & &lt;");
	is_str(sb_str(&sb), "&lt;img src=x onerror=alert(1)&gt; &amp; &amp;lt;",
	       "'&' too, so an entity in the text stays text");
	sb_reset(&sb);
	sanitize_md_cell(&sb, "a\\|b c\\<d");
	is_str(sb_str(&sb), "a\\\\\\|b c\\\\&lt;d", "a backslash cannot undo the '|' or '<' escape");
	sb_reset(&sb);
	sanitize_md_cell(&sb, "`\"\\n\".join(parts)` in a_b*c");
	is_str(sb_str(&sb), "`\"\\n\".join(parts)` in a_b*c", "code, backslash-n and _ * left readable");
	sb_release(&sb);
}

/* TSV: one line per record, decodable back to the bytes. */
static void test_sanitize_tsv(void)
{
	struct strbuf sb = STRBUF_INIT;

	sanitize_tsv_field(&sb, "a\tb\nc\rd\\e");
	is_str(sb_str(&sb), "a\\tb\\nc\\rd\\\\e", "tab, newline, CR and backslash as \\t \\n \\r \\\\");
	sb_reset(&sb);
	sanitize_tsv_field(&sb, "x\033]0;t\007\x7f \xff\xfe \xc2\x9b caf\xc3\xa9");
	is_str(sb_str(&sb), "x\\x1b]0;t\\x07\\x7f \\xff\\xfe \\xc2\\x9b caf\xc3\xa9",
	       "controls, DEL, C1 and invalid bytes as \\xHH; UTF-8 passes");
	sb_release(&sb);
}

/* JSON: printed text made valid UTF-8 without changing valid content. */
static void test_sanitize_json(void)
{
	char *s = sanitize_json_text("{\"f\": \"a\xff\xc3\xa9\xc2\x9b\x7f\\u001b\"}");

	is_str(s, "{\"f\": \"a\xef\xbf\xbd\xc3\xa9\\u009b\\u007f\\u001b\"}\n",
	       "invalid byte -> U+FFFD, C1 and DEL -> \\u00XX, the rest kept, newline added");
	ok(utf8_valid(s), "the result is valid UTF-8");
	free(s);
}

/* Percent-encoding of names that are not UTF-8: exact round trip. */
static void test_pct(void)
{
	static const char *const names[] = {
		"app/plain.py", "app/bad\xff\xfe.py", "100% \033]0;x\007\n\t.py", "caf\xc3\xa9 %41",
	};
	struct strbuf sb = STRBUF_INIT;
	size_t i;
	char *back;

	pct_encode(&sb, "app/bad\xff 100%.py");
	is_str(sb_str(&sb), "app/bad%FF 100%25.py", "bytes >= 0x80 and '%%' encoded");
	sb_release(&sb);
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		pct_encode(&sb, names[i]);
		ok(utf8_valid(sb_str(&sb)) && strchr(sb_str(&sb), '\033') == NULL,
		   "encoded name %zu is printable ASCII", i);
		back = pct_decode(sb_str(&sb));
		is_str(back, names[i], "name %zu decodes to the same bytes", i);
		free(back);
		sb_release(&sb);
	}
	ok(pct_decode("a%4") == NULL && pct_decode("a%zz") == NULL && pct_decode("a%00b") == NULL,
	   "malformed escapes and NUL are refused");
}

/* term_printf: one line, arguments defused, the final newline kept. */
static void test_term_printf(void)
{
	char buf[256] = "";
	FILE *fp = tmpfile();
	size_t n;

	if (!ok(fp != NULL, "tmpfile"))
		return;
	term_printf(fp, "ppaudit: warning: %s: %d\n", "app/\033[2Jx\ny\xff.py", 3);
	rewind(fp);
	n = fread(buf, 1, sizeof buf - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	is_str(buf, "ppaudit: warning: app/?[2Jx?y?.py: 3\n", "ESC, newline and bad bytes defused");
}

/* Recurses until the budget says stop; returns the depth reached. */
static unsigned recurse(unsigned d)
{
	unsigned r;

	if (!budget_enter())
		return d;
	r = recurse(d + 1);
	budget_leave();
	return r;
}

static void test_budget(void)
{
	struct budget b = { 0 };
	atomic_int cancel = 0;
	unsigned i, steps = 0;

	ok(budget_step() && budget_enter() && !budget_stopped(), "no active budget: nothing is limited");
	budget_leave();

	b.left = 5000;
	b.max_depth = 8;
	budget_active = &b;
	while (budget_step() && steps < 100000)
		steps++;
	is_int(steps, 5000, "exactly the steps allowed, then stop");
	is_int(b.stop, BUDGET_STEPS, "stopped for steps");
	ok(budget_stopped() && !budget_step() && !budget_enter(), "and stays stopped");
	is_str(budget_stop_reason(b.stop), "work budget exhausted", "reason text");

	b.left = 1u << 20;
	b.stop = BUDGET_RUNNING;
	b.depth = 0;
	is_int(recurse(0), 8, "recursion stops at max_depth");
	is_int(b.stop, BUDGET_DEPTH, "stopped for depth");
	is_int(b.depth, 0, "every level left again");

	b.stop = BUDGET_RUNNING;
	b.cancel = &cancel;
	ok(budget_charge(100), "a charge within the budget");
	cancel = 1;
	for (i = 0; i < BUDGET_POLL + 1 && budget_step(); i++)
		;
	ok(i <= BUDGET_POLL, "cancellation seen within BUDGET_POLL steps (%u)", i);
	is_int(b.stop, BUDGET_CANCELLED, "stopped for cancellation");

	b.stop = BUDGET_RUNNING;
	b.cancel = NULL;
	b.left = 10;
	ok(!budget_charge(11) && b.stop == BUDGET_STEPS, "a charge past the budget stops it");
	{
		struct budget *saved = budget_suspend();

		ok(budget_step() && budget_active == NULL, "suspended: nothing is limited");
		budget_resume(saved);
		ok(budget_active == &b && !budget_step(), "resumed: stopped again");
	}
	budget_active = NULL;
	ok(budget_nlogn(1) == 1 && budget_nlogn(1024) == 1024 * 11 && budget_nlogn(0) == 0,
	   "n log2 n scale");
}

/* Counts visits per index; each range writes only its own slots. */
static void count_visits(void *ctx, size_t from, size_t to)
{
	unsigned char *seen = ctx;

	for (size_t i = from; i < to; i++)
		seen[i]++;
}

static void test_parallel(void)
{
	enum { N = 10007 };
	static unsigned char seen[N];
	static const int jobs[] = { 1, 2, 4, 100 };
	static const size_t chunks[] = { 1, 7, 256, N + 5 };

	for (size_t a = 0; a < sizeof jobs / sizeof jobs[0]; a++)
		for (size_t c = 0; c < sizeof chunks / sizeof chunks[0]; c++) {
			size_t once = 0;

			memset(seen, 0, sizeof seen);
			parallel_for(N, jobs[a], chunks[c], count_visits, seen);
			for (size_t i = 0; i < N; i++)
				once += seen[i] == 1;
			ok(once == N, "parallel_for, %d jobs, chunks of %zu: every index once",
			   jobs[a], chunks[c]);
		}
	memset(seen, 0, sizeof seen);
	parallel_for(0, 2, 8, count_visits, seen);
	ok(seen[0] == 0, "parallel_for over nothing calls nothing");
}

int main(void)
{
	test_strbuf();
	test_arena();
	test_arena_pool();
	test_arena_pool_intern();
	test_arena_intern();
	test_fsutil();
	test_fileset();
	test_lock();
	test_sanitize();
	test_sanitize_md();
	test_sanitize_tsv();
	test_sanitize_json();
	test_pct();
	test_term_printf();
	test_budget();
	test_parallel();
	return done_testing();
}
