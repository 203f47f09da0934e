/* The front-end registry; see lang.h. */
#include "lang/lang.h"

#include <string.h>

#include "lang/go.h"
#include "lang/javascript.h"

static const char *const py_ext[] = { ".py", NULL };
static const char *const py_shebang[] = { "python", "python3", "pypy", "pypy3", NULL };
static const char *const py_receivers[] = { "self", "cls", NULL };
static const char *const py_offload[] = {
	"asyncio.to_thread", "run_in_executor", "anyio.to_thread.run_sync",
	"sync_to_async", "run_in_threadpool", NULL
};
static const char *const py_spawn[] = {
	"asyncio.create_task", "asyncio.ensure_future", "create_task", "add_task", NULL
};

static const char *const js_ext[] = {
	".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx", NULL
};
static const char *const js_shebang[] = { "node", "deno", "bun", "ts-node", NULL };
static const char *const js_assets[] = {
	"static", "public", "assets", "themes", "wwwroot", "vendor", NULL
};
static const char *const js_receivers[] = { "this", NULL };
/* worker_threads and child processes run off the event loop */
static const char *const js_offload[] = { "worker_threads.Worker", NULL };
static const char *const js_spawn[] = { "setImmediate", "setTimeout", "process.nextTick", NULL };
static const char *const go_spawn[] = { "go", NULL };
static const char *const go_ext[] = { ".go", NULL };
static const char *const java_ext[] = { ".java", NULL };
static const char *const kotlin_ext[] = { ".kt", ".kts", NULL };
static const char *const ruby_ext[] = { ".rb", NULL };
static const char *const ruby_shebang[] = { "ruby", NULL };
static const char *const php_ext[] = { ".php", NULL };
static const char *const cs_ext[] = { ".cs", NULL };
static const char *const rust_ext[] = { ".rs", NULL };
static const char *const scala_ext[] = { ".scala", NULL };
static const char *const elixir_ext[] = { ".ex", ".exs", NULL };
static const char *const none[] = { NULL };

/* The traits of a recognised-only language: its comment leader, no lists. */
#define TRAITS_NONE(leader) \
	{ .comment = (leader), .receivers = none, .offload_calls = none, .spawn_calls = none, \
	  .asset_dirs = none }

static const struct front_end front_ends[] = {
	{ LANG_PYTHON, "Python", "python", py_ext, py_shebang, python_parse,
	  { .comment = "#", .receivers = py_receivers, .offload_calls = py_offload,
	    .spawn_calls = py_spawn, .asset_dirs = none, .string_concat_quadratic = 1,
	    .sync_io_blocks = 1, .catch_word = "except", .throw_word = "raises" } },
	{ LANG_JAVASCRIPT, "JavaScript/TypeScript", "javascript", js_ext, js_shebang,
	  javascript_parse,
	  { .comment = "//", .receivers = js_receivers, .offload_calls = js_offload,
	    .spawn_calls = js_spawn, .asset_dirs = js_assets, .catch_word = "catch",
	    .throw_word = "throws", .one_event_loop = 1 } },
	/* Go has no event loop to block: nothing is offloaded */
	{ LANG_GO, "Go", "go", go_ext, none, go_parse,
	  { .comment = "//", .receivers = none, .offload_calls = none, .spawn_calls = go_spawn,
	    .asset_dirs = none, .string_concat_quadratic = 1, .errors_are_values = 1,
	    .module_manifest = "go.mod", .module_directive = "module" } },
	/* recognised, not audited yet: counted so they never pass as healthy */
	{ LANG_NONE, "Java", "java", java_ext, none, NULL, TRAITS_NONE("//") },
	{ LANG_NONE, "Kotlin", "kotlin", kotlin_ext, none, NULL, TRAITS_NONE("//") },
	{ LANG_NONE, "Ruby", "ruby", ruby_ext, ruby_shebang, NULL, TRAITS_NONE("#") },
	{ LANG_NONE, "PHP", "php", php_ext, none, NULL, TRAITS_NONE("//") },
	{ LANG_NONE, "C#", "csharp", cs_ext, none, NULL, TRAITS_NONE("//") },
	{ LANG_NONE, "Rust", "rust", rust_ext, none, NULL, TRAITS_NONE("//") },
	{ LANG_NONE, "Scala", "scala", scala_ext, none, NULL, TRAITS_NONE("//") },
	{ LANG_NONE, "Elixir", "elixir", elixir_ext, none, NULL, TRAITS_NONE("#") },
};
#define N_FRONT_ENDS (sizeof front_ends / sizeof front_ends[0])

const struct front_end *lang_for_path(const char *relpath)
{
	const char *base = strrchr(relpath, '/'), *dot;
	size_t i, k;

	base = base ? base + 1 : relpath;
	dot = strrchr(base, '.');
	if (dot == NULL || dot == base)
		return NULL;
	/* TypeScript declaration files describe types, not code */
	if (strlen(base) > 5 && strcmp(base + strlen(base) - 5, ".d.ts") == 0)
		return NULL;
	for (i = 0; i < N_FRONT_ENDS; i++)
		for (k = 0; front_ends[i].extensions[k] != NULL; k++)
			if (strcmp(dot, front_ends[i].extensions[k]) == 0)
				return &front_ends[i];
	return NULL;
}

const struct front_end *lang_for_shebang(const char *line, size_t len)
{
	const char *end = line + len, *s, *word;
	size_t i, k, n;

	if (len < 3 || line[0] != '#' || line[1] != '!')
		return NULL;
	/* the interpreter: the last path component of the first word, or
	 * the word after /usr/bin/env (its options skipped) */
	for (s = line + 2; s < end && (*s == ' ' || *s == '\t'); s++)
		;
	word = s;
	while (s < end && *s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
		s++;
	n = (size_t)(s - word);
	if (n >= 3 && memcmp(word + n - 3, "env", 3) == 0 && (n == 3 || word[n - 4] == '/')) {
		for (;;) {
			while (s < end && (*s == ' ' || *s == '\t'))
				s++;
			word = s;
			while (s < end && *s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
				s++;
			if (s == word || *word != '-')
				break;
		}
		n = (size_t)(s - word);
	} else {
		const char *slash = memrchr(word, '/', n);
		if (slash != NULL) {
			n -= (size_t)(slash + 1 - word);
			word = slash + 1;
		}
	}
	for (i = 0; i < N_FRONT_ENDS; i++)
		for (k = 0; front_ends[i].shebangs[k] != NULL; k++) {
			size_t sl = strlen(front_ends[i].shebangs[k]);
			/* "python3.12" is python too */
			if (n >= sl && memcmp(word, front_ends[i].shebangs[k], sl) == 0 &&
			    (n == sl || word[sl] == '.' || (word[sl] >= '0' && word[sl] <= '9')))
				return &front_ends[i];
		}
	return NULL;
}

const struct front_end *lang_get(enum lang id)
{
	size_t i;

	for (i = 0; i < N_FRONT_ENDS; i++)
		if (front_ends[i].id == id && front_ends[i].parse != NULL)
			return &front_ends[i];
	return NULL;
}

const struct front_end *lang_all(size_t *n)
{
	*n = N_FRONT_ENDS;
	return front_ends;
}

void lang_cut_comment(enum lang id, char *line)
{
	const struct front_end *fe = lang_get(id);
	const char *leader = fe != NULL ? fe->traits.comment : "#";
	size_t ll = strlen(leader);
	char quote = 0;

	for (char *p = line; *p; p++) {
		if (quote) {
			if (*p == '\\' && p[1])
				p++;
			else if (*p == quote)
				quote = 0;
		} else if (*p == '"' || *p == '\'' || *p == '`') {
			quote = *p;
		} else if (strncmp(p, leader, ll) == 0) {
			*p = '\0';
			return;
		}
	}
}
