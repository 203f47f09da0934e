#!/bin/sh
# Vocabulary is data (HACKING): the checks in auditors/ (.c and .h) and the
# project index (src/index*.c) name no framework,
# driver, method or language keyword in C. A string literal there may be a
# catalog key (a list, word list or text of auditors/catalog/*.json, or a
# {placeholder} of a text), a
# check id, plain English of issue text (tests/vocabulary-allow.txt) or a
# format; code shown to the user between backticks comes from the catalog
# or from the audited source (`%s`), never from a C literal.
# Usage: check-vocabulary.sh [path-prefix]   (default: every auditor and index file)
src=${top_srcdir:-.}
exec python3 - "$src" "${1:-}" <<'PY'
import glob, json, os, re, sys
src, prefix = sys.argv[1], sys.argv[2]
keys = set()
for f in glob.glob(os.path.join(src, "auditors/catalog/*.json")):
    d = json.load(open(f))
    for sec in ("lists", "words", "texts"):
        keys.update(d.get(sec, {}).keys())
    # the {holes} of a text are named by the C that fills them (db_text)
    for t in d.get("texts", {}).values():
        keys.update(re.findall(r"\{([A-Za-z_][A-Za-z0-9_]*)\}", t))
allow = set()
af = os.path.join(src, "tests/vocabulary-allow.txt")
for line in open(af):
    line = line.split("#", 1)[0].strip()
    if line:
        allow.add(line)
checks = set(re.findall(r'\.id = "([a-z_]+)"', open(os.path.join(src, "src/checks.c")).read()))
# a code name: `save`, `.objects.`, `copy.copy()`, `list[`, `Depends(`, and
# a keyword or name followed by a space (`await `, `chan `, `INTO `)
name = re.compile(r"\.?[A-Za-z_][A-Za-z0-9_.]*(\(\)|[.(\[])?\.?|[A-Za-z_<][A-Za-z0-9_.<-]* ")
# a framework, ORM or driver named in prose ("a synchronous SQLAlchemy session")
framework = re.compile(r"\b(SQLAlchemy|Django|Flask|FastAPI|Starlette|Prisma|TypeORM|Sequelize|"
                       r"Knex|GORM|asyncpg|psycopg2?|Celery|pgx|sqlx|Mongoose|Drizzle|aiohttp|"
                       r"httpx|axios|Express|NestJS|Fastify|Koa)\b", re.I)
fmt = re.compile(r"%[-+ #0]*\*?[0-9]*(\.[0-9*]+)?(z|l|ll|h)?[sduxcf]")
bad = 0
for f in sorted(glob.glob(os.path.join(src, "auditors/**/*.[ch]"), recursive=True) +
               glob.glob(os.path.join(src, "src/index*.c"))):
    rel = os.path.relpath(f, src)
    if not rel.startswith(prefix):
        continue
    text = open(f).read()
    # comments out, line numbers kept
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    for no, line in enumerate(text.split("\n"), 1):
        if line.lstrip().startswith("#include"):
            continue
        for lit in re.findall(r'"((?:[^"\\]|\\.)*)"', line):
            why = None
            if name.fullmatch(lit) and lit not in keys and lit.strip() not in allow and lit not in checks:
                why = "name"
            elif framework.search(lit) and lit not in keys and lit not in allow:
                why = "framework"
            else:
                for code in re.findall(r"`([^`]*)`", lit):
                    if fmt.sub("", code).strip(" ()") and code not in allow:
                        why = "code"
                        break
            if why:
                print("%s:%d: %s literal \"%s\"" % (rel, no, why, lit))
                bad += 1
print("vocabulary: %d literal(s) in C that belong in a catalog" % bad, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
