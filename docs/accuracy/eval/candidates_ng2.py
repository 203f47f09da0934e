#!/usr/bin/env python3
"""Over-approximating candidate finder, batch ng2 (Express + Knex/pg services and
chi + GORM services).  Extends candidates_node_go.py (imported from the same folder,
unchanged) with Knex, store/repository/service-layer and GORM patterns.
Written for the evaluation answer keys; never run on or derived from ppaudit.

usage: candidates_ng2.py ROOT PATH [PATH...]   (PATH = folder or file under ROOT)
       (same output format as candidates_node_go.py:
        KIND <TAB> path:line <TAB> enclosing-func <TAB> flags <TAB> code)

Additions
 JS/TS: every `this.db(...)`/`db(...)`/`trx(...)`/`this.db.raw|select|from|insert|...`
        and every call on a store (`this.xStore.m(`, `stores.xStore.m(`) counts as a DB call
        (so LOOP_DB / LOOP_WRITE cover them); `.transactional(`, `inTransaction(`,
        `.rollbackTransaction(` and `knex.transaction(` open TX regions;
        KNEX_SELECT (flags: cols / star / none) for each Knex query chain;
        EMIT_IN_TX for events emitted inside a TX; JSON_BIG for JSON.parse/stringify in async code.
 Go:    GORM calls (Find/First/Take/Last/Create/Save/Updates/Update/Delete/Count/Pluck/
        Raw/Rows/FirstOrCreate/Scan) count as DB calls; calls on `*.repository`,
        `*Service`, `*Repo`, `*.db` count as wrapper calls (LOOP_WRAPPER / LOOP_WRITE);
        `.Transaction(func` opens a TX region; GORM_OPEN (flags: pool setters in file);
        GORM_ROWS (flags: rows closed?); FIND_ALL (Find without Where/Limit in the chain).
"""
import os, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import candidates_node_go as base  # noqa: E402

# ---------- JS / TS (Knex + stores) ----------
# test doubles (fake-*.ts, fakes/) are not service code
base.SKIP = re.compile(base.SKIP.pattern + r'|(^|/)fakes?(/|$)|(^|/)fake-[^/]*$|(^|/)openapi/spec(/|$)')
KNEX = (r'|\b(?:this\.)?(?:db|knex|trx|tx)\s*\(\s*[\w\'"`$.]'
        r'|\b(?:this\.)?(?:db|knex|trx|tx)\.(?:raw|select|from|insert|update|delete|del|count|with|'
        r'first|where|distinct|union|queryBuilder)\s*\('
        r'|\b(?:this|stores|this\.stores|\w+Stores?)\.\w+Store\.\w+\s*\('
        r'|\bthis\.\w+ReadModel\.\w+\s*\(')
base.JS_DB = re.compile(base.JS_DB.pattern + KNEX)
base.JS_WRITE = re.compile(base.JS_WRITE.pattern +
                           r'|\.(insert|del|delete|upsert|merge|onConflict|increment|decrement|'
                           r'store|save|insertNew|bulkUpsert|batchInsert|setProjectsForUser|addUser|'
                           r'remove\w*|add\w*|set\w*|update\w*|delete\w*|create\w*|archive\w*|revive\w*|mark\w*)\s*\(')
base.JS_NET = re.compile(base.JS_NET.pattern +
                         r'|\bsendEmail|\bemailService\b|\bwebhook|\bslack|\bteams|\bdatadog|\bhttpClient|'
                         r'\.postMessage|\.request\s*\(|\bnodemailer|\bpostHog|\bexecuteRemote', re.I)
base.JS_POOL = re.compile(base.JS_POOL.pattern + r'|\bknex\s*\(\s*\{|\bpool\s*:')

_orig_regions = base.File.regions


def regions(self):
    _orig_regions(self)
    c = self.code
    if self.go:
        for m in re.finditer(r'\.Transaction\s*\(', c):
            p = m.end() - 1
            if p in self.pairs:
                self.txs.append((p, self.pairs[p], 'gorm.Transaction'))
    else:
        for m in re.finditer(r'(\.transactional|\binTransaction|\.rollbackTransaction|\.transaction)\s*\(', c):
            p = m.end() - 1
            if p in self.pairs and not any(t[0] == p for t in self.txs):
                self.txs.append((p, self.pairs[p], m.group(1)))


base.File.regions = regions

_orig_scan_js = base.scan_js


def scan_js(f, wr):
    _orig_scan_js(f, wr)
    c = f.code
    # Knex query chains: from the builder start to the end of the statement
    for m in re.finditer(r'\b(?:this\.)?(?:db|knex|trx|tx)\s*(?:\(\s*[\w\'"`$.]|\.(?:select|from)\s*\()', c):
        e = m.start()
        depth = 0
        while e < len(c):
            ch = c[e]
            if ch in '([{':
                if e in f.pairs:
                    e = f.pairs[e] + 1
                    continue
            if ch == ';' or ch in ')]}':
                break
            e += 1
        chain = f.text[m.start():e]
        sel = re.search(r'\.(select|first|columns|pluck|distinct)\s*\(([^)]*)\)', chain)
        if re.search(r'\.(insert|del|delete|update|increment|decrement)\s*\(', chain):
            continue
        if sel is None:
            fl = 'none'
        elif re.search(r"['\"]\*['\"]|\w\.\*", sel.group(2)) or (sel.group(1) in ('select', 'first') and not sel.group(2).strip()):
            fl = 'star'
        else:
            fl = 'cols'
        limit = 'limit' if re.search(r'\.(limit|first|paginate)\s*\(|\bLIMIT\b', chain) else 'no-limit'
        base.emit('KNEX_SELECT', f, m.start(), fl + ',' + limit)
    for t in f.txs:
        body = c[t[0]:t[1]]
        for m in re.finditer(r'\b(emit|storeEvent|storeEvents|eventService\.\w+|sendEmail|publish)\s*\(', body):
            base.emit('EMIT_IN_TX', f, t[0] + m.start())
    for m in re.finditer(r'JSON\.(parse|stringify)\s*\(', c):
        fn = f.enclosing_func(m.start())
        if fn and fn[3]:
            base.emit('JSON_BIG', f, m.start(), ','.join(f.in_loop(m.start())))


base.scan_js = scan_js

# ---------- Go (GORM + layered services) ----------
base.GO_DB = re.compile(base.GO_DB.pattern[:-len(r')\s*\(')] +
                        r'|Find|First|Take|Last|Create|CreateInBatches|Save|Updates|UpdateColumn|UpdateColumns|'
                        r'Delete|Count|Pluck|Raw|Rows|FirstOrCreate|FirstOrInit|Scan|Association)\s*\(')
base.GO_DBRECV = re.compile(r'\b((?:\w+\.)?(?:repository|[a-z]\w*Service|[a-z]\w*Srvc?|[a-z]\w*Repo|[a-z]\w*Repository|db|DB|tx))'
                            r'\.(\w+)\s*\(')

_orig_scan_go = base.scan_go


def scan_go(f, wr):
    _orig_scan_go(f, wr)
    c = f.code
    for m in re.finditer(r'\bgorm\.Open\s*\(', c):
        fl = ','.join(sorted(set(re.findall(r'Set(MaxOpenConns|MaxIdleConns|ConnMaxLifetime|ConnMaxIdleTime)', c)))) or 'NO-pool-setters'
        base.emit('GORM_OPEN', f, m.start(), fl)
    for m in re.finditer(r'(\w+)\s*,\s*\w+\s*:?=\s*[^\n]*\.Rows\s*\(\s*\)', c):
        a, b = base.func_body(f, m.start())
        var = m.group(1)
        rest = c[m.end():b]
        fl = 'closed-deferred' if re.search(r'defer\s+' + re.escape(var) + r'\.Close\(\)', rest) else \
             ('closed' if re.search(re.escape(var) + r'\.Close\(\)', rest) else 'NOT-closed')
        base.emit('GORM_ROWS', f, m.start(), fl)
    # statements ending in Find(...) : flag whether the chain restricts rows/columns
    for m in re.finditer(r'\.Find\s*\(', c):
        s = c.rfind('\n\t', 0, m.start())
        # walk back over chained lines ("\n\t\t.Where(")
        while s > 0 and re.match(r'\n\s*\.', c[s:s + 40]):
            s = c.rfind('\n', 0, s)
        chain = c[s:m.end()]
        fl = ('where' if re.search(r'\.(Where|Not|Or|Joins|Scopes)\s*\(', chain) else 'NO-where') + \
             (',limit' if re.search(r'\.(Limit|Offset)\s*\(', chain) else ',no-limit') + \
             (',select' if re.search(r'\.(Select|Omit|Pluck|Distinct)\s*\(', chain) else ',no-select')
        base.emit('FIND', f, m.start(), fl)
    for m in re.finditer(r'\bos\.ReadFile|\bio\.ReadAll\s*\(|json\.(Unmarshal|Marshal|NewDecoder)', c):
        loops = f.in_loop(m.start())
        if f.in_tx(m.start()):
            base.emit('TX_IO', f, m.start())


base.scan_go = scan_go

if __name__ == '__main__':
    base.main()
