#!/usr/bin/env python3
"""Over-approximating candidate finder, ninth batch (Node/TypeScript: Express 4 + TypeORM 0.3
(DataSource.getRepository(Entity).<op>, EntityManager, QueryRunner transactions,
createQueryBuilder), BullMQ queue workers).  Imports candidates_node_go.py unchanged (same
folder); written for the evaluation answer keys, never run on or derived from ppaudit.

usage: candidates_node9.py ROOT PATH [PATH...]
       output: KIND <TAB> path:line <TAB> enclosing-func <TAB> flags <TAB> code

Changes to the base script:
 - JS_DB also matches TypeORM calls: `getRepository(X).<op>(`, `<x>Repository.<op>(`,
   `<x>.manager.<op>(`, `queryRunner.manager.<op>(`, `createQueryBuilder(`, `.getMany(`,
   `.getOne(`, `.getRawMany(`, `.getCount(`, `.getManyAndCount(`, `.query(`.
 - JS_WRITE also matches save/insert/remove/softDelete/increment.
 - transactions: `.startTransaction(` ... `.commitTransaction(` spans and
   `.transaction(async (manager) => ...)` bodies.
 - wrappers: two extra hops (a function whose body calls `this.<name>(`, `<svc>.<name>(` or
   `<name>(` for a name already in the set is a wrapper too).
Additional kinds
 - TO_LIST    find/findBy/getMany/findAndCount without take/skip/limit/where-by-id (flags: select or NO-select)
 - SEQ_WRITES function with >= 2 TypeORM writes and no transaction span
 - TX_BODY    every transaction span and every await inside it
 - QR         createQueryRunner( with release() present/absent in a finally of the same function
 - ASYNC_FN_SYNC  *Sync( inside an async function
 - QUEUE_LOOP queue .add( / addBulk / publish inside loops
 - ENTITY     entity class with its @Column count (over_fetching threshold)
 - JSON_BIG   JSON.parse/JSON.stringify inside loops
Base kinds (LOOP_AWAIT LOOP_DB LOOP_WRITE LOOP_WRAPPER TX TX_NET TX_AWAIT SYNC_CALL POOL SLEEP
STREAM ACQUIRE CONCAT SPREAD_LOOP SELSTAR FINDMANY) keep their meaning.
"""
import os, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import candidates_node_go as base  # noqa: E402

TOPS = (r'(find|findBy|findOne|findOneBy|findOneOrFail|findOneByOrFail|findAndCount|findAndCountBy|count|countBy|'
        r'exist|exists|existsBy|save|insert|update|upsert|delete|remove|softDelete|increment|decrement|query|'
        r'createQueryBuilder|clear)')
base.JS_DB = re.compile(base.JS_DB.pattern +
                        r'|getRepository\s*\(\s*\w+\s*\)\s*\.\s*' + TOPS + r'\s*\(|\b\w*[Rr]epo(sitory)?\.' + TOPS +
                        r'\s*\(|\bmanager\.' + TOPS + r'\s*\(|\bcreateQueryBuilder\s*\(|\.(getMany|getOne|getRawMany|getRawOne|getCount|getManyAndCount|getExists)\s*\(')
base.JS_WRITE = re.compile(base.JS_WRITE.pattern + r'|\.(save|insert|remove|softDelete|increment|decrement|upsert|execute)\s*\(')
base.JS_NET = re.compile(base.JS_NET.pattern + r'|\bsendEmail\w*\s*\(|\bstripe\b|\.invoke\s*\(|\bemitter\b|\.add\s*\(\s*[\'"`]|\bsso\w*\(|\bcreateOrganization\b', re.I)
WRITE = re.compile(r'(getRepository\s*\(\s*\w+\s*\)|\b\w*[Rr]epo(sitory)?|manager)\s*\.\s*(save|insert|update|upsert|delete|remove|softDelete|increment)\s*\(')

_orig_wr = base.wrappers
_orig_scan = base.scan_js
_orig_regions = base.File.regions


def regions(self):
    _orig_regions(self)
    if self.go:
        return
    c = self.code
    for m in re.finditer(r'\.startTransaction\s*\(', c):
        fn = self.enclosing_func(m.start()) if self.funcs else None
        end = fn[1] if fn else len(c)
        cm = re.compile(r'\.(commitTransaction)\s*\(').search(c, m.end(), end)
        self.txs.append((m.start(), cm.end() if cm else end, 'queryRunner'))


def wrappers(files):
    names = _orig_wr(files)
    for _ in range(2):
        new = set()
        for f in files:
            for (a, b, name, _x) in f.funcs:
                if name.startswith('<') or name in names:
                    continue
                body = f.code[a:b]
                for m in re.finditer(r'(?:\bthis\.|\b\w+\.)?(\w+)\s*\(', body):
                    if m.group(1) in names and len(m.group(1)) > 4:
                        new.add(name); break
        names |= new
    return names


def scan_js(f, wr):
    _orig_scan(f, wr)
    c = f.code
    for m in re.finditer(r'(getRepository\s*\(\s*\w+\s*\)|\b\w*[Rr]epo(sitory)?|manager)\s*\.\s*(find|findBy|findAndCount|findAndCountBy)\s*\(|\.(getMany|getRawMany|getManyAndCount)\s*\(', c):
        q = c.find('(', m.end() - 1)
        e = f.pairs.get(q, q)
        arg = c[q:e]
        if m.group(4):
            fn = f.enclosing_func(m.start())
            arg = c[max(fn[0] if fn else 0, m.start() - 1500):m.start()]
            if re.search(r'\.(take|limit|skip|offset)\s*\(', arg):
                continue
        elif re.search(r'\b(take|skip)\s*:', arg):
            continue
        fl = ('select' if re.search(r'\bselect\s*[:(]', arg) else 'NO-select') + ',' + ','.join(f.in_loop(m.start()))
        base.emit('TO_LIST', f, m.start(), fl)
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
    for m in re.finditer(r'\bcreateQueryRunner\s*\(', c):
        fn = f.enclosing_func(m.start())
        body = c[fn[0]:fn[1]] if fn else c
        fl = 'finally-release' if re.search(r'finally\s*\{[^}]*\.release\s*\(', body) else 'NO-finally-release'
        base.emit('QR', f, m.start(), fl)
    for m in re.finditer(r'\b(\w+Sync)\s*\(', c):
        fn = f.enclosing_func(m.start())
        if fn and fn[3]:
            base.emit('ASYNC_FN_SYNC', f, m.start(), m.group(1))
    for m in re.finditer(r'\.(add|addBulk|publish)\s*\(', c):
        if f.in_loop(m.start()):
            base.emit('QUEUE_LOOP', f, m.start(), ','.join(f.in_loop(m.start())))
    for m in re.finditer(r'\bJSON\.(parse|stringify)\s*\(', c):
        if f.in_loop(m.start()):
            base.emit('JSON_BIG', f, m.start(), ','.join(f.in_loop(m.start())))
    if re.search(r'@Entity\s*\(', c):
        for m in re.finditer(r'export\s+class\s+(\w+)', c):
            n = len(re.findall(r'@(Column|PrimaryGeneratedColumn|PrimaryColumn|CreateDateColumn|UpdateDateColumn)\b', c))
            big = len(re.findall(r"type:\s*['\"](text|longtext|json|jsonb|simple-json)['\"]", c))
            base.emit('ENTITY', f, m.start(), f'{m.group(1)} columns={n} text/json={big}')


base.File.regions = regions
base.wrappers = wrappers
base.scan_js = scan_js

if __name__ == '__main__':
    base.main()
