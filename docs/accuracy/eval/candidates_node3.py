#!/usr/bin/env python3
"""Over-approximating candidate finder, third batch (Node: NestJS + Prisma services,
GraphQL resolvers, fp-ts style services).  Extends candidates_node_go.py (imported from
the same folder, unchanged).  Written for the evaluation answer keys; never run on or
derived from ppaudit.

usage: candidates_node3.py ROOT PATH [PATH...]   (PATH = folder or file under ROOT)
       (same output format as candidates_node_go.py:
        KIND <TAB> path:line <TAB> enclosing-func <TAB> flags <TAB> code)

Additions (JS/TS)
 - `this.prisma.<helper>(tx, ...)` / `this.prisma.$queryRaw` count as DB calls (model calls
   `prisma.<model>.<op>(` / `tx.<model>.<op>(` already do); calls on injected services
   (`this.<x>Service.<m>(`) count as DB calls too, so LOOP_DB / LOOP_WRITE list them
   (each must then be followed one hop into the service).
 - RESOLVE_FIELD  every @ResolveField / @FieldResolver method (runs once per parent object
                  of a GraphQL list) with flags `db` when its body reaches the DB/service.
 - EMIT_IN_TX     pubsub.publish / mailer / posthog / fetch inside a $transaction region.
 - TX_KIND        every $transaction( / $transaction<T>( with flags `interactive` (callback) or
                  `array` and the number of source lines the transaction spans.
 - CRON           @Cron / @Interval / setInterval job entry points.
 - JSON_BIG       JSON.parse / JSON.stringify inside an async function (flags: loops).
 - FS             fs / fs.promises / readFile / writeFile / createReadStream calls.
 - SUBSCRIBE      GraphQL @Subscription resolvers and asyncIterator (streaming checks).
"""
import os, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import candidates_node_go as base  # noqa: E402

base.SKIP = re.compile(base.SKIP.pattern + r'|(^|/)(migrations|prisma/migrations)(/|$)')
NEST = (r'|\bprisma\.(?!\w+\.)\$?\w+\s*\('        # this.prisma.lockX(tx, ..), $queryRaw, ...
        r'|\bthis\.\w+(?:Service|Repository)\.\w+\s*\(')
base.JS_DB = re.compile(base.JS_DB.pattern + NEST)
base.JS_WRITE = re.compile(base.JS_WRITE.pattern +
                           r'|\.(create\w*|update\w*|delete\w*|remove\w*|add\w*|set\w*|move\w*|'
                           r'sort\w*|import\w*|revoke\w*|make\w*|change\w*|rename\w*|duplicate\w*|'
                           r'archive\w*|save\w*|store\w*|mark\w*|lock\w*)\s*\(')
base.JS_NET = re.compile(base.JS_NET.pattern +
                         r'|\bmailerService\b|\bsendEmail|\bsendUserInvitation|\bposthog|\bcapture\s*\(|'
                         r'\bhttpService\b|\bfirstValueFrom\b|\bpubsub\.publish|\bemailService', re.I)

_orig_regions = base.File.regions


def regions(self):
    _orig_regions(self)
    if self.go:
        return
    c = self.code
    # `$transaction<T>(async (tx) => ...)`: generic type arguments before the call
    for m in re.finditer(r'\$transaction\s*<', c):
        p = c.find('(', m.end())
        depth, k = 1, m.end()
        while k < len(c) and depth:
            depth += {'<': 1, '>': -1}.get(c[k], 0)
            k += 1
        p = c.find('(', k)
        if p in self.pairs and not any(t[0] == p for t in self.txs):
            self.txs.append((p, self.pairs[p], '$transaction<T>'))


base.File.regions = regions

_orig_scan_js = base.scan_js


def scan_js(f, wr):
    _orig_scan_js(f, wr)
    c, t = f.code, f.text
    for m in re.finditer(r'@(ResolveField|FieldResolver)\s*\(', t):
        # method body = first function starting after the decorator
        fn = next((x for x in f.funcs if x[0] > m.end()), None)
        flag = ''
        if fn:
            body = c[fn[0]:fn[1]]
            flag = 'db' if base.JS_DB.search(body) else 'no-db'
        base.emit('RESOLVE_FIELD', f, m.start(), flag)
    for m in re.finditer(r'@(Subscription)\s*\(|\basyncIterator\s*\(|\bsubscribe\s*\(', t):
        base.emit('SUBSCRIBE', f, m.start())
    for tx in f.txs:
        p = tx[0]
        arg = c[p + 1:p + 60].lstrip()
        kind = 'array' if arg.startswith('[') else 'interactive'
        base.emit('TX_KIND', f, p, kind + ',lines=%d' % (f.line(tx[1]) - f.line(p)))
    for tx in f.txs:
        body = c[tx[0]:tx[1]]
        for m in re.finditer(r'\b(pubsub\.publish|publish|sendEmail|mailerService\.\w+|posthog\w*|capture|fetch|axios)\s*\(', body):
            base.emit('EMIT_IN_TX', f, tx[0] + m.start())
    for m in re.finditer(r'@(Cron|Interval|Timeout)\s*\(|\bsetInterval\s*\(', t):
        base.emit('CRON', f, m.start())
    for m in re.finditer(r'JSON\.(parse|stringify)\s*\(', c):
        fn = f.enclosing_func(m.start())
        if fn and fn[3]:
            base.emit('JSON_BIG', f, m.start(), ','.join(f.in_loop(m.start())))
    for m in re.finditer(r'\bfs\.\w+\s*\(|\breadFile\w*\s*\(|\bwriteFile\w*\s*\(|\bexistsSync\s*\(', c):
        fn = f.enclosing_func(m.start())
        base.emit('FS', f, m.start(), 'async' if fn and fn[3] else 'sync')


base.scan_js = scan_js

if __name__ == '__main__':
    base.main()
