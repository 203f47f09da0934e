#!/usr/bin/env python3
"""Over-approximating candidate finder, eighth batch (Node/TypeScript: NestJS 11 + Prisma 6
through PrismaRepository<'model'> wrappers (`this._x.model.<table>.<op>(`), Temporal
workflows/activities (apps/orchestrator), ~40 social-provider HTTP clients).  Imports
candidates_node_go.py unchanged (same folder); written for the evaluation answer keys,
never run on or derived from ppaudit.

usage: candidates_node8.py ROOT PATH [PATH...]
       output: KIND <TAB> path:line <TAB> enclosing-func <TAB> flags <TAB> code

Changes to the base script:
 - JS_DB also matches `<h>.model.<table>.<prisma op>(` (the PrismaRepository pattern) and
   `this._prisma*.<table>.<op>(`, `$queryRaw`, `$executeRaw`.
 - wrappers: two extra hops (a function whose body calls `this._<x>.<name>(` or
   `this.<name>(` for a name already in the set is a wrapper too), so a service method
   calling a repository method in a loop is reported as LOOP_WRAPPER.
Additional kinds
 - PR_LIST     findMany( without take: (flags: select/include/NO-select, in-loop)
 - SEQ_WRITES  function with >= 2 Prisma writes and no $transaction region
 - ASYNC_FN_SYNC  *Sync( inside an async function
 - QUEUE_LOOP  workflow/queue starts (.start( / signalWithStart / emit( / .add( ) inside loops
 - TX_BODY     every $transaction region and the awaits in it
Base kinds (LOOP_AWAIT LOOP_DB LOOP_WRITE LOOP_WRAPPER TX TX_NET TX_AWAIT SYNC_CALL POOL SLEEP
STREAM ACQUIRE CONCAT SPREAD_LOOP SELSTAR FINDMANY MODEL) keep their meaning.
"""
import os, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import candidates_node_go as base  # noqa: E402

OPS = (r'(findUnique|findUniqueOrThrow|findFirst|findFirstOrThrow|findMany|count|aggregate|groupBy|'
       r'create|createMany|createManyAndReturn|update|updateMany|upsert|delete|deleteMany)')
base.JS_DB = re.compile(r'\b(prisma|tx|trx|db|client|prismaClient|\w*[Pp]risma\w*|model)(\.client)?\.\w+\.'
                        + OPS + r'\s*\(|\$(queryRaw|executeRaw)\w*')
base.JS_NET = re.compile(base.JS_NET.pattern + r'|\bthis\._?\w*[Ss]ervice\.\w*(post|upload|send|publish|fetch|refresh)\w*\s*\(|'
                         r'\bworkflow\.start\b|\bsignalWithStart\b|\.(getProvider|refreshToken)\s*\(|\bopenai\b|\bnewsletter', re.I)
WRITE = re.compile(r'\b(?:model|tx|prisma)\.\w+\.(create|createMany|update|updateMany|upsert|delete|deleteMany)\s*\(')

_orig_wr = base.wrappers
_orig_scan = base.scan_js


def wrappers(files):
    names = _orig_wr(files)
    for _ in range(2):
        new = set()
        for f in files:
            for (a, b, name, _x) in f.funcs:
                if name.startswith('<') or name in names:
                    continue
                body = f.code[a:b]
                for m in re.finditer(r'\bthis\.(?:_\w+\.)?(\w+)\s*\(', body):
                    if m.group(1) in names:
                        new.add(name); break
        names |= new
    return names


def scan_js(f, wr):
    _orig_scan(f, wr)
    c = f.code
    for m in re.finditer(r'\.findMany\s*\(', c):
        q = c.find('(', m.start())
        e = f.pairs.get(q, q)
        arg = c[q:e]
        if re.search(r'\btake\s*:', arg):
            continue
        fl = ('select' if re.search(r'\bselect\s*:', arg) else 'NO-select') + \
             (',include' if re.search(r'\binclude\s*:', arg) else '') + ',' + ','.join(f.in_loop(m.start()))
        base.emit('PR_LIST', f, m.start(), fl)
    for t in f.txs:
        base.emit('TX_BODY', f, t[0], t[2])
        body = c[t[0]:t[1]]
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
    for m in re.finditer(r'\.(start|signalWithStart|emit|add|startWorkflow)\s*\(', c):
        if f.in_loop(m.start()):
            base.emit('QUEUE_LOOP', f, m.start(), ','.join(f.in_loop(m.start())))


base.wrappers = wrappers
base.scan_js = scan_js

if __name__ == '__main__':
    base.main()
