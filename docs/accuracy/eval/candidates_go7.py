#!/usr/bin/env python3
"""Over-approximating candidate finder, seventh Go batch (pgx v5 pools + squirrel
query builder behind storage interfaces, gRPC/grpc-gateway servers, e.g.
Permify/permify: internal/storage/postgres reached as w.database.WritePool /
r.database.ReadPool, engines calling dataReader/schemaReader per item).
Extends candidates_go6.py (imported unchanged, which imports candidates_go4.py,
candidates_go3.py and candidates_node_go.py). Written for the evaluation answer
keys; never run on or derived from ppaudit.

usage: candidates_go7.py ROOT PATH [PATH...]   (PATH = folder or file under ROOT)
       (same output format: KIND <TAB> path:line <TAB> enclosing-func <TAB> flags <TAB> code)

Additions (Go only)
 - DB receivers also `X.database.WritePool.M(`, `X.database.ReadPool.M(`, `X.pool.M(`,
   `pool.M(`, `conn.M(`, `batch/br.M(`, `X.dataReader.M(`, `X.schemaReader.M(`,
   `X.dataWriter.M(`, `X.tenantReader.M(`, `X.bundleReader.M(` (LOOP_WRAPPER / LOOP_WRITE);
 - PGX_POOL: pgxpool.New / NewWithConfig / ParseConfig / pgx.Connect, with the pool
   settings assigned in the file (MaxConns, MinConns, MaxConnLifetime,
   MaxConnIdleTime, HealthCheckPeriod, MaxConnLifetimeJitter);
 - PGX_TX: every BeginTx/Begin/BeginFunc on a pgx pool: `defer tx.Rollback` present
   or not, number of lines to Commit, and the non-tx calls made between them
   (network / sleep / other pool use: long_held_transaction, transaction_wide);
 - PGX_ROWS: `rows, err := X.Query(` with `defer rows.Close()` or not, and whether
   a return comes before the defer;
 - PGX_BATCH: SendBatch results (`br.Close()` deferred or not); CopyFrom;
 - SQ_SELECT: squirrel `Select(` builders: columns (`*` or list) and whether
   `.Limit(` is applied in the same statement (over_fetching / unbounded lists);
 - LOOP_EXEC: Exec/Query/QueryRow inside `for` loops anywhere (incl. `for rows.Next()`);
 - RETRY_SLEEP: time.Sleep / time.After inside loops that also call a pool (retries);
 - STDLIB_DB: stdlib.OpenDB / OpenDBFromPool (*sql.DB wrappers over a pgx pool), with
   whether `.Close()` of that variable appears in the function (missing_cleanup);
 - FANOUT: calls that recurse into the permission engines (invoke / Check / SubjectFilter /
   expand / lt / checkComputedUserSet / subjectFilterComputedUserSet / expandComputedUserSet)
   inside `for` loops: one sub-evaluation (and its queries) per tuple of a query result;
 - LOOP_HELPER is inherited (one-hop helpers that query, called in loops).
"""
import os, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import candidates_go6 as g6  # noqa: E402
base = g6.base

PGXRECV = r'(?:\w+\.)*(?:WritePool|ReadPool|pool|Pool|conn|br|batch|dataReader|schemaReader|dataWriter|schemaWriter|tenantReader|tenantWriter|bundleReader|bundleWriter)'
base.GO_DBRECV = re.compile(base.GO_DBRECV.pattern.replace(r'\b(', r'\b(' + PGXRECV + '|', 1))
base.GO_DB = re.compile(base.GO_DB.pattern.replace(r'\.(Query|', r'\.(SendBatch|CopyFrom|Query|', 1))

_prev = base.scan_go


def scan_go(f, wr):
    _prev(f, wr)
    c = f.code
    for m in re.finditer(r'\bpgxpool\.(New|NewWithConfig|ParseConfig|Connect|ConnectConfig)\s*\(|\bpgx\.(Connect|ConnectConfig)\s*\(', c):
        keys = sorted(set(re.findall(r'\b(MaxConns|MinConns|MaxConnLifetime|MaxConnIdleTime|HealthCheckPeriod|MaxConnLifetimeJitter|MinIdleConns)\b', c)))
        base.emit('PGX_POOL', f, m.start(), ','.join(keys) or 'NO-pool-settings')
    for m in re.finditer(r'(\w+)\s*,\s*\w+\s*:?=\s*[\w.()]*\.(BeginTx|Begin|BeginFunc)\s*\(', c):
        a, b = base.func_body(f, m.start())
        var = m.group(1)
        rest = c[m.end():b]
        dr = bool(re.search(r'defer\s+(func\s*\(\)\s*\{[^}]*)?' + re.escape(var) + r'\.Rollback', rest))
        cm = re.search(re.escape(var) + r'\.Commit\s*\(', rest)
        span = c[m.end():m.end() + cm.start()] if cm else rest
        n = span.count('\n')
        calls = sorted(set(x for x in re.findall(r'\b((?:\w+\.)+\w+)\s*\(', span)
                           if not x.startswith(var + '.') and not x.startswith(('fmt.', 'errors.', 'utils.', 'squirrel.', 'strings.', 'slog.', 'span.', 'tracer.'))))
        base.emit('PGX_TX', f, m.start(), '%s lines=%d calls=%s' % ('defer-rollback' if dr else 'NO-defer-rollback', n, ' '.join(calls)[:300]))
    for m in re.finditer(r'(\w+)\s*,\s*(\w+)\s*:?=\s*[\w.()]*\.(Query)\s*\(', c):
        ln = f.line(m.start())
        seg = '\n'.join(f.lines[ln:ln + 8])
        d = re.search(r'defer\s+' + re.escape(m.group(1)) + r'\.Close\(\)', seg)
        pre = seg[:d.start()] if d else seg
        base.emit('PGX_ROWS', f, m.start(), ('deferred' if d else 'NO-defer-close') + (',return-before' if d and 'return' in pre else ''))
    for m in re.finditer(r'(\w+)\s*:?=\s*[\w.()]*\.SendBatch\s*\(|\.CopyFrom\s*\(', c):
        a, b = base.func_body(f, m.start())
        fl = 'CopyFrom' if m.group(1) is None else (
            'close-deferred' if re.search(r'defer\s+' + re.escape(m.group(1)) + r'\.Close\(\)', c[m.end():b]) else
            ('closed' if m.group(1) + '.Close()' in c[m.end():b] else 'NOT-closed'))
        base.emit('PGX_BATCH', f, m.start(), fl)
    for m in re.finditer(r'\b(?:squirrel|sq|\w*[bB]uilder)\.Select\s*\(', c):
        p = m.end() - 1
        q = f.pairs.get(p, p)
        cols = re.sub(r'\s+', ' ', c[p + 1:q])[:80]
        # statement = until a blank line or ToSql
        e = c.find('ToSql', q)
        stmt = c[q:e if e > 0 else q + 1500][:1500]
        base.emit('SQ_SELECT', f, m.start(), 'cols=%s %s' % (cols, 'limit' if '.Limit(' in stmt else 'NO-limit'))
    for m in re.finditer(r'\.(Exec|Query|QueryRow|SendBatch)\s*\(', c):
        loops = f.in_loop(m.start())
        if loops:
            base.emit('LOOP_EXEC', f, m.start(), ','.join(loops))
    for m in re.finditer(r'(\w+)\s*:?=\s*stdlib\.(OpenDB\w*)\s*\(', c):
        a, b = base.func_body(f, m.start())
        base.emit('STDLIB_DB', f, m.start(), 'closed' if m.group(1) + '.Close()' in c[m.end():b] else 'NOT-closed')
    for m in re.finditer(r'\b(?:engine|c|bc|invoker)\.(?:\w+\.)?(invoke|Check|SubjectFilter|expand|lt|checkComputedUserSet|subjectFilterComputedUserSet|expandComputedUserSet|EntityFilter)\s*\(', c):
        loops = f.in_loop(m.start())
        if loops:
            base.emit('FANOUT', f, m.start(), m.group(1) + ' ' + ','.join(loops))
    for m in re.finditer(r'time\.Sleep\s*\(|<-\s*time\.After\s*\(', c):
        loops = f.in_loop(m.start())
        if loops:
            a, b = base.func_body(f, m.start())
            base.emit('RETRY_SLEEP', f, m.start(), 'pool-in-func' if re.search(r'Pool\.|pool\.', c[a:b]) else 'no-pool')


base.scan_go = scan_go
g6.g4.g3.scan_go = scan_go

if __name__ == '__main__':
    base.main()
