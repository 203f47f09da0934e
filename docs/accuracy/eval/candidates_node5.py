#!/usr/bin/env python3
"""Over-approximating candidate finder, fifth batch (Node: NestJS 11 on Fastify + Kysely over
postgres.js, BullMQ processors, socket.io gateways, Hocuspocus collaboration server).
Extends candidates_node_go.py (imported from the same folder, unchanged).  Written for the
evaluation answer keys; never run on or derived from ppaudit.

usage: candidates_node5.py ROOT PATH [PATH...]   (PATH = folder or file under ROOT)
       same output format:  KIND <TAB> path:line <TAB> enclosing-func <TAB> flags <TAB> code

Additions (JS/TS)
 - Kysely builder calls count as DB calls: selectFrom / insertInto / updateTable / deleteFrom /
   .execute() / .executeTakeFirst*() / sql`...`.execute, and calls on injected repositories
   and services (this.<x>Repo.<m>(, this.<x>Service.<m>(, this.db.<m>(), so LOOP_DB /
   LOOP_WRITE / LOOP_WRAPPER list them (each must be followed one hop).
 - transactions: executeTx(db, cb, trx?) and db.transaction().execute(cb) spans become TX
   regions (the base script only sees the empty `transaction()` parens).
 - TX_KIND     every such transaction with the number of lines it spans.
 - TX_CALL     every awaited call inside a transaction body that does not go through the
               transaction handle (trx / tx) (classify: network, queue, file, CPU, or a
               repository call that omits trx and so runs outside the transaction: flag bypass).
 - SELECTALL   .selectAll() (SELECT *) and whether the same chain has .limit( / pagination.
 - UNBOUNDED   selectFrom chains ending in .execute() without .limit( / paginate.
 - QUEUE_ENTRY BullMQ @Processor classes / process() methods / @OnEvent listeners /
               @Cron / @Interval entry points (background scope).
 - GATEWAY     socket.io @SubscribeMessage / @WebSocketGateway handlers and Hocuspocus hooks
               (onStoreDocument / onLoadDocument / onChange / onDisconnect).
 - FS          fs / fs.promises / createReadStream / createWriteStream / *Sync calls.
 - JSON_BIG    JSON.parse / JSON.stringify and yjs/prosemirror conversions in async code.
 - CPU         bcrypt / argon2 / crypto.*Sync / sharp / zlib*Sync / archiver / jszip /
               TiptapTransformer / generateHTML / generateJSON / markdown conversion in
               async functions.
 - SEQ_WRITES  function with >= 2 repository/Kysely writes and no transaction around them.
"""
import os, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import candidates_node_go as base  # noqa: E402

base.SKIP = re.compile(base.SKIP.pattern + r'|(^|/)migrations(/|$)')
KY = (r'|\.(selectFrom|insertInto|updateTable|deleteFrom|mergeInto)\s*\('
      r'|\.(execute|executeTakeFirst|executeTakeFirstOrThrow|stream)\s*\(\s*\)'
      r'|\bthis\.\w+(?:Repo|Service|Repository)\.\w+\s*\('
      r'|\bthis\.db\.\w+\s*\(')
base.JS_DB = re.compile(base.JS_DB.pattern + KY)
base.JS_WRITE = re.compile(base.JS_WRITE.pattern +
                           r'|\.(insertInto|updateTable|deleteFrom)\s*\('
                           r'|(?:Repo|Service)\.(insert\w*|update\w*|delete\w*|remove\w*|add\w*|'
                           r'create\w*|set\w*|move\w*|restore\w*|mark\w*|upsert\w*|save\w*)\s*\(')
base.JS_NET = re.compile(base.JS_NET.pattern +
                         r'|\bmailService\b|\bsendEmail|\bstorageService\.\w+|\bqueue\.add|'
                         r'\b\w+Queue\.add\w*\s*\(|\bredis\w*\.\w+\s*\(|\bopenai|\bembed\w*\(|'
                         r'\bhttpService\b|\beventEmitter\.emit|\bwsService|\bserver\.to\(', re.I)
WRITE_CALL = re.compile(r'\.(insertInto|updateTable|deleteFrom)\s*\(|'
                        r'this\.\w+(?:Repo|Repository)\.(insert\w*|update\w*|delete\w*|remove\w*|'
                        r'add\w*|create\w*|restore\w*|upsert\w*|save\w*|mark\w*)\s*\(')

_orig_regions = base.File.regions


def regions(self):
    _orig_regions(self)
    if self.go:
        return
    c = self.code
    # replace the empty `.transaction()` region with the execute(...) callback span
    self.txs = [t for t in self.txs if t[1] - t[0] > 2]
    for m in re.finditer(r'\.transaction\s*\(\s*\)\s*(?:\.setIsolationLevel\([^)]*\)\s*)?\.execute\s*\(', c):
        p = m.end() - 1
        if p in self.pairs: self.txs.append((p, self.pairs[p], 'transaction().execute'))
    for m in re.finditer(r'\bexecuteTx\s*\(', c):
        p = m.end() - 1
        if p in self.pairs: self.txs.append((p, self.pairs[p], 'executeTx'))
    self.txs.sort()


base.File.regions = regions
_orig_scan_js = base.scan_js

FS = re.compile(r'\bfs\.\w+\s*\(|\bfs\.promises\.\w+|\bfsp?\.\w+\s*\(|\breadFile\w*\s*\(|\bwriteFile\w*\s*\(|'
                r'createReadStream|createWriteStream|\bmkdir\w*\s*\(|\brm\s*\(|\bunlink\w*\s*\(')
CPU = re.compile(r'\bbcrypt\.\w+|\bargon2\.\w+|\bcrypto\.\w+Sync|\bsharp\s*\(|\bzlib\.\w+Sync|'
                 r'\barchiver\s*\(|\bJSZip\b|\bzip\.generate\w*|TiptapTransformer\.\w+|\bgenerateHTML\s*\(|'
                 r'\bgenerateJSON\s*\(|\bhtmlToJson\w*\s*\(|\bjsonToHtml\s*\(|\bjsonToText\s*\(|'
                 r'\bmarkdownToHtml\w*\s*\(|\bturndown\w*|\bY\.encodeStateAsUpdate\w*|\bY\.applyUpdate\w*|'
                 r'\bprosemirrorJSONToYDoc\b|\byDocToProsemirrorJSON\b|\bparse5?\.\w+|\bcheerio\.load|'
                 r'\bhashPassword\s*\(|\bcomparePasswordHash\s*\(', re.I)


def emit(kind, f, pos, flags=''):
    base.emit(kind, f, pos, flags)


def scan_js(f, wr):
    _orig_scan_js(f, wr)
    c, t = f.code, f.text
    for (a, b, kind) in f.txs:
        emit('TX_KIND', f, a, f"{kind},{f.line(b) - f.line(a) + 1}lines")
        body = c[a:b]
        # name of the trx parameter
        mm = re.match(r'\(\s*(?:this\.db|db|this\.\w+|\w+)?\s*,?\s*async\s*\(\s*(\w+)', body) or \
            re.match(r'\(\s*async\s*\(\s*(\w+)', body) or re.search(r'\(\s*(\w+)\s*\)\s*=>', body[:200])
        tn = mm.group(1) if mm else 'trx'
        for m in re.finditer(r'\bawait\s+([\w.]+)\s*(\(|\.)', body):
            seg = t[a + m.start(): a + m.start() + 300]
            stmt = seg.split(';')[0]
            uses = re.search(r'\b' + re.escape(tn) + r'\b', stmt)
            fl = 'trx' if uses else ('bypass?' if re.search(r'Repo\.|Repository\.|this\.db\b', stmt) else 'other')
            if base.JS_NET.search(stmt): fl += ',net'
            emit('TX_CALL', f, a + m.start(), fl)
    for m in re.finditer(r'\.selectAll\s*\(\s*\)', c):
        e = c.find(';', m.end()); e = len(c) if e < 0 else e
        st = c.rfind(';', 0, m.start())
        chain = c[st:e]
        fl = 'limit' if re.search(r'\.limit\s*\(|paginat|executePaginat|\.executeTakeFirst', chain) else 'NO-limit'
        emit('SELECTALL', f, m.start(), fl)
    for m in re.finditer(r'\.selectFrom\s*\(', c):
        e = c.find(';', m.end()); e = len(c) if e < 0 else e
        chain = c[m.start():e]
        if re.search(r'\.execute\s*\(\s*\)', chain) and not re.search(r'\.limit\s*\(|paginat|executeTakeFirst|\.where\s*\(\s*\W*id\W*,\s*\W*=', chain):
            emit('UNBOUNDED', f, m.start(), 'count' if re.search(r'count\w*\(', chain) else '')
    for m in re.finditer(r'@(Processor|OnEvent|Cron|Interval|OnWorkerEvent|SubscribeMessage|WebSocketGateway)\b|'
                         r'\basync\s+process\s*\(|\b(onStoreDocument|onLoadDocument|onChange|onDisconnect|onConnect|onAuthenticate)\s*\(', c):
        emit('GATEWAY' if m.group(1) in ('SubscribeMessage', 'WebSocketGateway') or m.group(2) else 'QUEUE_ENTRY', f, m.start())
    for m in FS.finditer(c):
        fn = f.enclosing_func(m.start())
        emit('FS', f, m.start(), ('async' if fn and fn[3] else 'sync') + ',' + ','.join(f.in_loop(m.start())))
    for m in CPU.finditer(c):
        fn = f.enclosing_func(m.start())
        emit('CPU', f, m.start(), ('async' if fn and fn[3] else 'sync') + ',' + ','.join(f.in_loop(m.start())))
    for m in re.finditer(r'\bJSON\.(parse|stringify)\s*\(', c):
        fn = f.enclosing_func(m.start())
        if fn and fn[3]:
            emit('JSON_BIG', f, m.start(), ','.join(f.in_loop(m.start())))
    # SEQ_WRITES per named function
    for (a, b, name, _) in f.funcs:
        if name.startswith('<'): continue
        ws = [m.start() + a for m in WRITE_CALL.finditer(c[a:b])]
        ws = [p for p in ws if not f.in_tx(p)]
        if len(ws) >= 2:
            emit('SEQ_WRITES', f, a, f"{len(ws)}:" + ','.join(str(f.line(p)) for p in ws))


base.scan_js = scan_js

if __name__ == '__main__':
    base.main()
