#!/usr/bin/env python3
"""Over-approximating candidate finder, fourth batch (Node: Next.js app router + tRPC +
next-safe-action server actions + Prisma 7).  Runs candidates_node3.py (which itself
extends candidates_node_go.py; both imported unchanged from the same folder) and adds
kinds for this style.  Written for the evaluation answer keys; never run on or derived
from ppaudit.

usage: candidates_node4.py ROOT PATH [PATH...]   (PATH = folder or file under ROOT;
       a folder holding several *.prisma model files is also scanned as one schema)
       Same output format:  KIND <TAB> path:line <TAB> enclosing-func <TAB> flags <TAB> code

Additions (JS/TS)
 - LOOP_WRAPPER2  call, inside a loop / Promise.all / .map, of a function whose body calls
                  a one-hop DB wrapper (two-hop helpers: data.ts -> mutations.ts -> prisma)
 - LOOP_NET       network call (fetch, stripe.*, email client, posthog, S3, calendar API)
                  inside a loop
 - ENTRY          request entry points: route.ts GET/POST/..., tRPC .query/.mutation,
                  next-safe-action .action(, "use server" exports; flags: background when
                  the path is a cron/house-keeping/webhook route
 - AFTER          after(...) / waitUntil(...) deferred work (flags: db when it reaches Prisma)
 - TX_CALL        every call inside a $transaction body that is not tx.<model>.<op> (to be
                  classified network / file / CPU / other) and `prisma.` calls that bypass
                  the transaction client (flag: bypass)
 - SEQ_WRITES     function with >= 2 Prisma write calls outside any $transaction
                  (transaction_narrow candidates; flags: number of writes and their lines)
 - UNBOUNDED      findMany without `take` (flags: include when relations are included)
 - INCLUDE_LIST   relation lists loaded through include/select of a findMany/findFirst
                  (nested `{ select|include` inside the query argument) without take
 - SCHEMA_MODEL   per model of the merged *.prisma files: scalar columns (enums from all
                  files counted), so over_fetching can use > 10 / > 15 columns
"""
import os, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import candidates_node3 as n3  # noqa: E402
base = n3.base

NET = re.compile(r'\bfetch\s*\(|\bstripe\.\w+\.\w+\s*\(|\bgetEmailClient\b|\bemailClient\b|'
                 r'\bsendEmail\w*\s*\(|\bposthog\b|\bflushPostHog|\bs3Client\b|\bgetS3Client|'
                 r'\.send\s*\(|\bcalendarList\b|\bgoogle\.|\bthis\.client\.|\bfetchJson|'
                 r'\bvalidateLicense\w*\s*\(|\bcancelUserSubscriptions|\bdeleteStripeCustomer|'
                 r'\bdeletePostHogPerson|\brefreshAccessToken|\bkv\.\w+\s*\(|\bredis\.\w+\s*\(', re.I)
WRITE_CALL = re.compile(r'\b(prisma|tx)\.\w+\.(create|createMany|createManyAndReturn|update|updateMany|'
                        r'upsert|delete|deleteMany)\s*\(|\$executeRaw')

_orig_scan_js = base.scan_js
STATE = {}


def scan_js(f, wr):
    _orig_scan_js(f, wr)
    c, t = f.code, f.text
    wr2 = STATE.get('wr2', set())
    if wr2:
        pat = re.compile(r'\b(' + '|'.join(sorted(map(re.escape, wr2))) + r')\s*\(')
        for m in pat.finditer(c):
            loops = f.in_loop(m.start())
            if loops and m.group(1) not in wr:
                base.emit('LOOP_WRAPPER2', f, m.start(), ','.join(loops))
    for m in NET.finditer(c):
        loops = f.in_loop(m.start())
        if loops:
            base.emit('LOOP_NET', f, m.start(), ','.join(loops))
    bg = 'background' if re.search(r'house-keeping|cron|webhook|jobs?/|tasks?/', f.rel) else ''
    if f.rel.endswith(('route.ts', 'route.tsx')):
        for m in re.finditer(r'export\s+(const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b', c):
            base.emit('ENTRY', f, m.start(), ('route,' + bg).strip(','))
    for m in re.finditer(r'\.(query|mutation|action|subscription)\s*\(', c):
        base.emit('ENTRY', f, m.start(), m.group(1))
    if '"use server"' in t:
        for m in re.finditer(r'export\s+(const|async\s+function)\s+(\w+)', c):
            base.emit('ENTRY', f, m.start(), 'server-action')
    for m in re.finditer(r'\b(after|waitUntil)\s*\(', c):
        p = c.find('(', m.start())
        q = f.pairs.get(p, p)
        body = c[p:q]
        db = bool(base.JS_DB.search(body)) or any(re.search(r'\b%s\s*\(' % re.escape(w), body) for w in wr)
        base.emit('AFTER', f, m.start(), 'db' if db else '')
    for tx in f.txs:
        a, b = tx[0], tx[1]
        body = c[a:b]
        for m in re.finditer(r'\b([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*\(', body):
            name = m.group(1)
            if re.match(r'^tx\.\w+\.\w+$', name) or name in ('if', 'for', 'while', 'switch', 'return',
                                                                'catch', 'function', 'async'):
                continue
            flag = 'bypass' if name.startswith('prisma.') else ('net' if NET.search(name + '(') else '')
            base.emit('TX_CALL', f, a + m.start(), flag)
    for fn in f.funcs:
        a, b, name, _ = fn
        body = c[a:b]
        writes = [a + m.start() for m in WRITE_CALL.finditer(body)
                  if not f.in_tx(a + m.start())]
        # only count writes whose innermost function is this one
        writes = [p for p in writes if f.enclosing_func(p) == fn]
        if len(writes) >= 2:
            base.emit('SEQ_WRITES', f, writes[0],
                      '%d writes @%s' % (len(writes), ','.join(str(f.line(p)) for p in writes)))
    for m in re.finditer(r'\b(prisma|tx)\.\w+\.(findMany|findFirst|findUnique|findUniqueOrThrow|findFirstOrThrow)\s*\(', c):
        p = c.find('(', m.start() + len(m.group(0)) - 1)
        q = f.pairs.get(p, p)
        arg = c[p:q]
        if m.group(2) == 'findMany' and not re.search(r'\btake\s*:', arg):
            base.emit('UNBOUNDED', f, m.start(), 'include' if 'include' in arg else '')
        for n in re.finditer(r'\b(\w+)\s*:\s*\{', arg):
            if n.group(1) in ('select', 'include', 'where', 'orderBy', 'data', '_count', 'some', 'every',
                              'none', 'is', 'isNot', 'in', 'not', 'AND', 'OR', 'NOT', 'cursor'):
                continue
            j = p + n.end() - 1
            k = f.pairs.get(j)
            inner = c[j:k] if k else ''
            if re.match(r'\{\s*(select|include|where|orderBy)\b', inner) and not re.search(r'\btake\s*:', inner):
                base.emit('INCLUDE_LIST', f, j, n.group(1))


base.scan_js = scan_js

_orig_main = base.main


def main():
    # pre-pass: one-hop wrappers, then two-hop wrappers
    files = []
    schema = []
    for p in base.walk():
        rel = os.path.relpath(p, base.ROOT)
        if base.SKIP.search(rel):
            continue
        if p.endswith('.prisma'):
            schema.append(open(p, encoding='utf-8', errors='replace').read())
            continue
        if p.endswith(base.JS_EXT):
            files.append(base.File(rel, open(p, encoding='utf-8', errors='replace').read(), False))
    wr = base.wrappers(files)
    wr2 = set()
    pat = re.compile(r'\b(' + '|'.join(sorted(map(re.escape, wr))) + r')\s*\(') if wr else None
    for f in files:
        for (a, b, name, _) in f.funcs:
            if name.startswith('<') or name in wr:
                continue
            if pat and pat.search(f.code[a:b]):
                wr2.add(name)
    for g in ('get', 'set', 'update', 'delete', 'create', 'find', 'map', 'filter', 'query', 'handler',
              'GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'default'):
        wr2.discard(g)
    STATE['wr2'] = wr2
    _orig_main()
    if schema:
        text = '\n'.join(schema)
        for m in re.finditer(r'(?m)^model\s+(\w+)\s*\{(.*?)^\}', text, re.S):
            cols = 0
            for l in m.group(2).split('\n'):
                l = l.strip()
                if not l or l.startswith('//') or l.startswith('@@'):
                    continue
                parts = l.split()
                if len(parts) < 2 or '@relation' in l or parts[1].endswith('[]'):
                    continue
                typ = parts[1].rstrip('?[]')
                if typ[0].isupper() and typ not in ('String', 'Int', 'BigInt', 'Float', 'Decimal',
                                                    'Boolean', 'DateTime', 'Json', 'Bytes', 'Unsupported'):
                    if not re.search(r'(?m)^enum\s+' + re.escape(typ) + r'\b', text):
                        continue
                cols += 1
            print(f"SCHEMA_MODEL\t(merged schema)\t{m.group(1)}\t{cols} scalar columns\t")


if __name__ == '__main__':
    main()
