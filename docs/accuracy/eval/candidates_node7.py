#!/usr/bin/env python3
"""Over-approximating candidate finder, seventh batch (Node/TypeScript, Drizzle ORM 0.45 over
better-sqlite3 (synchronous SQLite driver), tRPC 11 routers + model classes, Hono REST API,
queue workers (liteque / Restate plugin), Playwright crawler).  Imports candidates_node_go.py
unchanged (same folder) and swaps its Prisma call pattern for Drizzle ones.  Written for the
evaluation answer keys; never run on or derived from ppaudit.

usage: candidates_node7.py ROOT PATH [PATH...]
       output: KIND <TAB> path:line <TAB> enclosing-func <TAB> flags <TAB> code

DB calls (JS_DB) for this stack:
   <h>.select( selectDistinct( insert( update( delete( $count( transaction( run( all( get(
   <h>.query.<table>.findFirst( / findMany(     where <h> is db, tx, trx, txn, ctx.db,
   this.ctx.db, this.db, database; plus getBookmarkIdsFromMatcher-style helpers found by the
   base one-hop wrapper pass (every function whose body reaches JS_DB).
Additional kinds
 - DZ_LIST       query.<t>.findMany( / select().from( chains without .limit( / limit: before the
                 end of the statement (flags: columns: / ALL-COLUMNS, with: relations)
 - DZ_WITH       relational `with:` loads (nested relations per row)
 - TX_BODY       every .transaction( region with the awaits in it (flag: async callback;
                 better-sqlite3 transactions are synchronous)
 - SEQ_WRITES    function with >= 2 Drizzle write calls and no transaction region
 - ASYNC_FN_SYNC fs.*Sync / child_process *Sync / zlib *Sync / JSON.parse on files inside an
                 async function (base SYNC_CALL reports the rest)
 - QUEUE_LOOP    enqueue / trigger / triggerX calls inside loops
Base kinds (LOOP_AWAIT LOOP_DB LOOP_WRITE LOOP_WRAPPER TX TX_NET TX_AWAIT SYNC_CALL POOL SLEEP
STREAM ACQUIRE CONCAT SPREAD_LOOP SELSTAR FINDMANY) keep their meaning.
"""
import os, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import candidates_node_go as base  # noqa: E402

base.SKIP = re.compile(base.SKIP.pattern + r'|(^|/)(drizzle|scripts|benchmarks)(/|$)|drizzle\.config\.ts$')
H = r'\b(?:db|tx|trx|txn|database|ctx\.db|this\.ctx\.db|this\.db|opts\.db)'
base.JS_DB = re.compile(  # group 3 = method (the base script reads group(3) == 'findMany')
    r'\b(db|tx|trx|txn|database|ctx\.db|this\.ctx\.db|this\.db|opts\.db)\.(query\.\w+\.)?'
    r'(findFirst|findMany|select|selectDistinct|insert|update|delete|\$count|run|all|get|values|'
    r'transaction)\s*\(')
WRITE = re.compile(H + r'\.(insert|update|delete|run)\s*\(')
base.JS_WRITE = re.compile(r'\.(insert|update|delete)\s*\(|\b(UPDATE|DELETE|INSERT)\b')
base.JS_NET = re.compile(base.JS_NET.pattern + r'|\bfetchWithProxy\b|\bsearchClient\b|\bgetSearchClient\b|'
                         r'\.(enqueue|trigger)\s*\(|\bQueue\.\w+\(|\bsaveAsset\w*\s*\(|\bdeleteAsset\s*\(|'
                         r'\bsilentDeleteAsset\s*\(|\binferenceClient\b|\bsendEmail\w*\s*\(|\bsendMail', re.I)
base.JS_SYNC = re.compile(r'\b(\w+Sync)\s*\(|\bJSON\.parse\s*\(|\bbcrypt\.(hashSync|compareSync)\b')

_orig = base.scan_js


def stmt_end(f, p):
    c = f.code
    e = p
    while e < len(c) and c[e] != ';':
        if c[e] in '([{' and e in f.pairs:
            e = f.pairs[e] + 1; continue
        if c[e] in ')]}':
            break
        e += 1
    return e


def scan_js(f, wr):
    _orig(f, wr)
    c = f.code
    for m in re.finditer(H + r'\.query\.(\w+)\.findMany\s*\(|' + H + r'\.select(Distinct)?\s*\(', c):
        e = stmt_end(f, m.start())
        chain = c[m.start():e]
        if re.search(r'\.limit\s*\(|\blimit\s*:', chain):
            continue
        txt = re.sub(r'\s+', ' ', f.text[m.start():e])[:160]
        cols = 'columns' if re.search(r'\bcolumns\s*:|select(Distinct)?\s*\(\s*\{', chain) else 'ALL-COLUMNS'
        fl = cols + (',with' if re.search(r'\bwith\s*:', chain) else '') + ',' + ','.join(f.in_loop(m.start()))
        base.emit('DZ_LIST', f, m.start(), fl + ' ' + txt)
    for m in re.finditer(r'\bwith\s*:\s*\{', c):
        base.emit('DZ_WITH', f, m.start(), ','.join(f.in_loop(m.start())))
    for t in f.txs:
        body = c[t[0]:t[1]]
        is_async = bool(re.match(r'\(\s*async\b', body))
        base.emit('TX_BODY', f, t[0], 'async-callback' if is_async else 'sync-callback')
        for m in re.finditer(r'\bawait\s+([\w.$]+)', body):
            base.emit('TX_BODY', f, t[0] + m.start(), m.group(1))
    for (a, b, name, is_async) in f.funcs:
        if name.startswith('<'):
            continue
        body = c[a:b]
        ws = [a + m.start() for m in WRITE.finditer(body)]
        if len(ws) >= 2 and not any(t[0] <= a <= t[1] or a <= t[0] <= b for t in f.txs):
            base.emit('SEQ_WRITES', f, a, f'{len(ws)} writes at ' + ','.join(str(f.line(w)) for w in ws[:8]))
    for m in re.finditer(r'\b(\w+Sync)\s*\(', c):
        fn = f.enclosing_func(m.start())
        if fn and fn[3]:
            base.emit('ASYNC_FN_SYNC', f, m.start(), m.group(1))
    for m in re.finditer(r'\.(enqueue|trigger\w*)\s*\(|\btrigger\w+\s*\(', c):
        if f.in_loop(m.start()):
            base.emit('QUEUE_LOOP', f, m.start(), ','.join(f.in_loop(m.start())))


base.scan_js = scan_js

if __name__ == '__main__':
    base.main()
