#!/usr/bin/env python3
"""Regenerates jobs-service/SEEDED.md: finds each seeded/look-alike statement and records its line.

Run after editing any file of the example: python3 examples/gen-seeded.py
"""
import os, sys
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "jobs-service")
def ln(path, needle, nth=1):
    lines = open(os.path.join(root, path)).read().split("\n")
    hits = [i + 1 for i, l in enumerate(lines) if needle in l]
    if len(hits) < nth:
        sys.exit(f"not found: {path}: {needle}")
    return hits[nth - 1]
def fn(path, name):
    return ln(path, f"def {name}(")

S = []  # (loc, check, sev, function, why)
def seed(path, needle, check, sev, func, why, nth=1):
    S.append((f"{path}:{ln(path, needle, nth)}", check, sev, func, why))
L = []
def look(path, needle, checks, func, why, nth=1):
    L.append((f"{path}:{ln(path, needle, nth)}", checks, func, why))

p = "app/api/routes/uploads.py"
seed(p, 'with open(dest, "wb") as fh:', "blocking_io", "HIGH", "create_upload",
     "`open()` + write of the whole upload inside an `async def` route handler (`@router.post`); no offload")
seed(p, "data = Path(upload.storage_path).read_bytes()", "blocking_io", "HIGH", "download_upload",
     "`Path.read_bytes()` of an arbitrary-size file inside an async route handler")
p = "app/api/routes/users.py"
seed(p, "response = requests.get(", "blocking_io", "HIGH", "refresh_avatar",
     "`requests.get` (sync HTTP, no `timeout=`, so Rule 6 scores 0) inside an async route handler")
p = "app/tasks/export.py"
seed(p, 'with open(path, "w", newline="", encoding="utf-8") as fh:', "blocking_io",
     "MEDIUM → status `adr_override` `[Planned: ADR-0003]`", "run_nightly_export",
     "`open()` in an async background function (file under `tasks/`). ADR-0003 is Accepted and names "
     "`Applies to: app/tasks/export.py` and `Checks: blocking_io` explicitly, so Rule 1 turns it into an "
     "advisory (explicit match, not keyword overlap); not counted in the score")
p = "app/api/routes/jobs.py"
seed(p, "time.sleep(0.5)", "sync_sleep", "HIGH", "cancel_job",
     "`time.sleep(0.5)` inside an async route handler blocks the event loop for every request")
p = "app/tasks/worker.py"
seed(p, "time.sleep(settings.worker_poll_seconds)", "sync_sleep", "MEDIUM", "run_forever",
     "`time.sleep` in the worker's async poll loop (background: file under `tasks/`); stalls LISTEN/housekeeping coroutines")
p = "app/services/items.py"
seed(p, "session.add(", "missing_bulk_ops", "MEDIUM", "import_items",
     "`session.add(Item(...))` constructs and adds one new row per CSV row inside `for row in rows:` "
     f"(loop at line {ln(p, 'for row in rows:')}); `insert(Item).values([...])`/`add_all` exists")
p = "app/services/jobs.py"
seed(p, "await session.execute(", "n_update_delete_loop", "HIGH", "requeue_stale_jobs",
     f"`await session.execute(update(Job).where(Job.id == j.id)...)` once per row of `for j in stale:` "
     f"(line {ln(p, 'for j in stale:')}), `stale` being an unbounded `select(Job)` result; reached from the "
     "handler `admin.requeue_stale` and from the worker", nth=3)
seed(p, "response = await client.post(", "transaction_wide", "HIGH", "complete_job",
     f"awaited httpx `client.post` to a webhook inside `async with session.begin():` (line "
     f"{ln(p, 'async with session.begin():')}) that also holds `SELECT … FOR UPDATE` on the job row; "
     "no `timeout=` in the function, so Rule 6 scores 0")
p = "app/tasks/worker.py"
seed(p, "            await session.commit()", "missing_rollback", "MEDIUM", "fail_orphaned_jobs",
     f"`await session.commit()` on every pass of `while not stop.is_set():` (line "
     f"{ln(p, 'while not stop.is_set():', 2)}) inside `async with SessionLocal() as session`; the "
     "`except` logs and carries on without rollback, so after one failed commit (a deadlock, a "
     "dropped connection) every later pass raises PendingRollbackError until the worker restarts")
p = "app/db/session.py"
seed(p, "engine = create_async_engine(", "pool_configuration", "HIGH", "(module level)",
     "`create_async_engine(...)` for a web service without `pool_pre_ping` and without `pool_recycle` "
     "(pool_size=20, max_overflow=10 are set, so no unbounded-overflow finding)")
seed(p, "engine = create_async_engine(", "pool_configuration", "MEDIUM", "(module level)",
     "same engine, second problem of the SPEC row: no pool event listeners (`checkout` / `invalidate`) "
     "anywhere in the project, so pool exhaustion is invisible until requests time out")
p = "app/tasks/cleanup.py"
seed(p, "session = SessionLocal()", "missing_cleanup", "HIGH", "queue_depth",
     "`SessionLocal()` assigned and used but never closed (no `async with`, no `finally: close()`); "
     "called every 5 minutes by the worker, leaking a pooled connection each time")
p = "app/tasks/processing.py"
seed(p, "job.progress = index * 100 // total", "missing_intermediate_commits", "CRITICAL", "process_job",
     f"`job.progress`/`job.status_message` written and flushed (line {ln(p, 'await session.flush()')}) once per "
     f"item in `for index, item in enumerate(items...)` (line {ln(p, 'for index, item in enumerate(items, start=1):')}), "
     "single commit after the loop. Table `jobs` has trigger `jobs_notify` → `pg_notify('job_events')` "
     "(alembic/versions/0002_job_events.py), and real-time consumers exist (SSE `/jobs/{id}/events` and "
     "websocket `/ws/jobs` both `add_listener('job_events')` in app/api/routes/events.py), hence CRITICAL")
p = "app/api/routes/jobs.py"
seed(p, "owner = await session.get(User, job.owner_id)", "n_plus_one", "HIGH", "list_jobs_with_owners",
     f"awaited `session.get(User, job.owner_id)` per row of `for job in result.scalars():` (line "
     f"{ln(p, 'for job in result.scalars():')}) over a `select(Job)` result, in a route handler; exempt from downgrades")
p = "app/api/routes/events.py"
seed(p, "await session.refresh(job)", "streaming_resource_holding", "CRITICAL", "job_events (generator stream)",
     f"the `EventSourceResponse` generator `stream()` (line {ln(p, 'async def stream():')}) keeps using the request "
     "session (`Depends(get_session)` via SessionDep) for the life of the SSE stream; the session and its "
     "pooled connection stay checked out until the client disconnects")

look("app/services/audit.py", "await session.commit()", "missing_rollback", "record_audit",
     "commit inside `async with SessionLocal() as session` with no loop around it: on failure the "
     "block closes the session, which rolls the transaction back; nothing uses it afterwards")
p2 = "app/api/routes/uploads.py"
look(p2, "data = await asyncio.to_thread(Path(upload.storage_path).read_bytes)", "blocking_io", "preview_upload",
     "`Path.read_bytes` is passed (not called) to `asyncio.to_thread`: offloaded")
look(p2, 'with open(upload.storage_path, encoding="utf-8", newline="") as fh:', "blocking_io", "import_upload.read_rows",
     f"`open()` inside a nested *sync* `def read_rows()` that runs via `loop.run_in_executor(None, read_rows)` "
     f"(line {ln(p2, 'rows = await loop.run_in_executor(None, read_rows)')}); its own scope, not the async handler's")
p2 = "app/services/jobs.py"
look(p2, "await session.execute(insert(Item).values(chunk))", "missing_bulk_ops, n_update_delete_loop", "create_job",
     "one bulk `insert(Item).values(chunk)` per 500-row chunk (`for chunk in chunked(rows, ITEM_CHUNK)`): set-based")
look(p2, "session.add(job)", "missing_bulk_ops", "transition",
     "`session.add(job)` re-adds an object just loaded with `session.get`; not in a loop, not an INSERT", nth=2)
look(p2, "await session.commit()", "missing_rollback", "create_job",
     "commit inside `try: … except Exception: await session.rollback(); raise`", nth=1)
look(p2, "await session.commit()", "missing_rollback", "transition", "same try/except-rollback pattern", nth=2)
look(p2, "await session.commit()", "missing_rollback", "requeue_stale_jobs",
     "same pattern (the loop above it is a seeded n_update_delete_loop; the commit itself is fine)", nth=3)
p2 = "app/services/items.py"
look(p2, "await session.execute(update(Item).where(Item.id.in_(batch)).values(processed=True))",
     "n_update_delete_loop", "mark_processed",
     "one `UPDATE … WHERE id IN (:batch)` per 1000-id batch: set-based statement per chunk (SPEC §11)")
p2 = "app/api/routes/events.py"
look(p2, "return EventSourceResponse(stream(), ping=15)", "streaming_resource_holding, factory_vs_injection, resource_scope_mismatch",
     "job_log", f"SSE endpoint that does all DB work and calls `await session.close()` (line "
     f"{ln(p2, 'await session.close()')}) before returning; the stream reads only Redis (`follow_log`)", nth=2)
look(p2, "conn = await asyncpg.connect(settings.listen_dsn)", "missing_cleanup", "jobs_socket",
     "raw asyncpg connection released in `finally: await conn.close()`; the websocket holds no ORM session")
p2 = "app/clients/redis_bus.py"
look(p2, 'name += ":" + part', "string_concat_loop", "channel_for",
     "`+=` over the small literal tuple `(\"v1\", tenant, \"log\")`: three iterations, not quadratic")
p2 = "app/api/routes/jobs.py"
look(p2, 'out.status_message = out.status_message or f"{len(job.items)} items"', "n_plus_one", "list_jobs",
     "`job.items` in a loop over a query result, but `Job.items` is `lazy=\"selectin\"` (app/models/job.py): "
     "already loaded with the page")
look(p2, "background.add_task(process_job, job.id)", "factory_vs_injection", "submit_job",
     "`BackgroundTasks.add_task` gets the job *id*; `process_job` opens its own `SessionLocal()`")
look("app/services/jobs.py", "job.progress = 100", "missing_intermediate_commits", "complete_job",
     "status, progress, result_path and status_message of one loaded row are set once and flushed as a "
     "single UPDATE at the end of `session.begin()`: one notification, nothing lost (the transaction_wide "
     "defect in this function is a different check)")
p2 = "app/tasks/processing.py"
look(p2, "job.progress = min(100, (start + REPRICE_BATCH) * 100 // total)", "missing_intermediate_commits",
     "process_reprice_job", "progress written once per batch and committed in the same iteration "
     "(try/except rollback), as ADR-0002 asks: listeners see every step")
p2 = "app/api/routes/users.py"
look(p2, "password_hash = await asyncio.to_thread(hash_password, body.password)", "cpu_bound", "register",
     "`hashlib.pbkdf2_hmac` lives in the sync `hash_password` and is run through `asyncio.to_thread`")
p2 = "app/db/deps.py"
look(p2, "yield session", "error_path_leak, missing_cleanup", "get_session",
     "generator dependency with `try/yield/except: rollback; raise/finally: close()`: cleanup guaranteed")
p2 = "tests/test_jobs.py"
look(p2, "time.sleep(0.25)", "sync_sleep", "test_submit_and_follow_job",
     "`time.sleep` in an async function, but the file is under `tests/`: excluded from findings (SPEC §1.3)")
p2 = "alembic/env.py"
look(p2, "poolclass=pool.NullPool,", "pool_configuration", "run_migrations_online",
     "`NullPool` for the one-shot migration process, not a long-running web service; and `alembic/` holds migrations")

out = []
w = out.append
w("# SEEDED.md — the defects planted in jobs-service, and the look-alikes")
w("")
w("This is the checklist for the example's golden test. Every line number is exact for the files")
w("as committed; regenerate this list if a seeded file changes (the numbers are computed by")
w("searching each file for the quoted statement, not typed by hand).")
w("")
w("Severity is the *expected final* severity after context validation (SPEC §4). \"Handler\" =")
w("an `async def` decorated with `@router.get/post/...` or `@router.websocket`; \"background\" =")
w("a file under `app/tasks/` or a `BackgroundTasks.add_task` target.")
w("")
w("## Seeded defects (must be reported)")
w("")
w("| # | location | check | expected severity | function | why |")
w("|---|---|---|---|---|---|")
for i, (loc, check, sev, f, why) in enumerate(S, 1):
    w(f"| S{i} | `{loc}` | `{check}` | {sev} | `{f}` | {why} |")
w("")
w("Two sites fit two spec rows each; ppaudit reports each defect once, by the first check:")
w("the httpx call inside `session.begin()` in `complete_job` is `transaction_wide` (not also")
w("`long_held_transaction`, see `ppaudit explain long_held_transaction`), and the SSE generator")
w("holding the request session is `streaming_resource_holding` (not also `factory_vs_injection`).")
w("The golden test `examples/jobs-service/expected-all.tsv` lists exactly these rows.")
w("")
w("Expected totals, one finding per row above:")
from collections import Counter
c = Counter()
for _, check, sev, _, _ in S:
    c[sev.split()[0]] += 1
w("")
w("| severity | count |")
w("|---|---|")
for k in ("CRITICAL", "HIGH", "MEDIUM"):
    w(f"| {k} | {c[k]} |")
w("")
w("(The MEDIUM count includes the ADR-0003 advisory, which is reported in *Advisory Findings* and")
w("not scored.)")
w("")
w("## Look-alikes (must stay silent)")
w("")
w("| # | location | check(s) that must not fire | function | why it is fine |")
w("|---|---|---|---|---|")
for i, (loc, checks, f, why) in enumerate(L, 1):
    w(f"| L{i} | `{loc}` | {checks} | `{f}` | {why} |")
w("")
w("## Context the checks rely on")
w("")
w(f"- Trigger: `alembic/versions/0002_job_events.py:{ln('alembic/versions/0002_job_events.py', 'CREATE TRIGGER jobs_notify')}` — "
  f"`jobs_notify AFTER INSERT OR UPDATE ON jobs`, function `notify_job_events()` with "
  f"`pg_notify('job_events', …)` at line {ln('alembic/versions/0002_job_events.py', 'PERFORM pg_notify(')}.")
w(f"- LISTEN consumers: `app/api/routes/events.py:{ln('app/api/routes/events.py', 'await listener.add_listener(CHANNEL, on_notify)')}` (SSE) and "
  f"`app/api/routes/events.py:{ln('app/api/routes/events.py', 'await conn.add_listener(CHANNEL, on_notify)')}` (websocket).")
w(f"- Engine: `app/db/session.py:{ln('app/db/session.py', 'engine = create_async_engine(')}`; session factory "
  f"`async_sessionmaker(..., expire_on_commit=False, autoflush=False)` at line {ln('app/db/session.py', 'SessionLocal = async_sessionmaker(')}.")
w("- Stack: PostgreSQL 16 (`docker-compose.yml`, `postgres:16`), SQLAlchemy 2.0 asyncio + asyncpg, FastAPI, "
  "sse-starlette, httpx, requests, Redis, Alembic (`requirements.txt`, `pyproject.toml`, `docs/project/tech_stack.md`).")
w("- ADRs: `docs/adr/0001-async-sqlalchemy-and-asyncpg.md` (ADR-0001, Accepted), "
  "`docs/adr/0002-job-progress-via-pg-notify.md` (ADR-0002, Accepted), "
  "`docs/adr/0003-nightly-export-blocking-file-io.md` (ADR-0003, Accepted; `Applies to: app/tasks/export.py`, `Checks: blocking_io`). "
  "ADR-0002 is about progress commits, so by keyword overlap it could look related to S" 
  + str([i for i, s in enumerate(S, 1) if s[1] == 'missing_intermediate_commits'][0]) +
  "; it must NOT downgrade that finding: it names no path or check, it prescribes the opposite of what the code does, "
  "and CRITICAL findings are outside Rule 1 (HIGH/MEDIUM only).")
w("- Models stay at ≤ 10 columns each, so `over_fetching` is not expected anywhere.")
w("")
open(os.path.join(root, "SEEDED.md"), "w").write("\n".join(out))
print(f"wrote {len(S)} seeded rows, {len(L)} look-alikes")
