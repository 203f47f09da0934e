#!/usr/bin/env python3
"""Over-approximating candidate finder, sixth batch (Node, plain JavaScript, Objection.js 2 +
Knex 0.21 over pg / mysql / mariadb / mssql / sqlite, Express + Apollo GraphQL resolvers,
global `WIKI.models.<model>` registry).  Imports candidates_node_go.py unchanged (same folder)
and swaps its Prisma call pattern for Objection/Knex ones.  Written for the evaluation
answer keys; never run on or derived from ppaudit.

usage: candidates_node6.py ROOT PATH [PATH...]
       output: KIND <TAB> path:line <TAB> enclosing-func <TAB> flags <TAB> code

DB calls (JS_DB) for this stack:
   WIKI.models.<m>.query(   <model>.query(   this.query(   .$query(   .$relatedQuery(
   WIKI.models.knex(...) / WIKI.models.knex.<anything>(   knex(  trx(   .raw(
   and one-hop model helpers WIKI.models.<m>.<helper>( (every static method of a model
   that is not query(); each must be followed into the model file)
Additional kinds
 - OBJ_GRAPH     withGraphFetched / withGraphJoined / eager / upsertGraph / insertGraph
 - OBJ_LIST      .query() chains with no .limit(/.page(/.first(/findById/.range( before ';'
                 (unbounded list candidates; flags: columns selected or ALL-COLUMNS)
 - RESOLVER_FLD  GraphQL type resolvers (objects named after a type with field functions
                 reaching the DB) - run once per parent of a list
 - TX_BODY       every Objection.transaction / knex.transaction region, with the awaits in it
 - SEQ_WRITES    function with >= 2 write calls (insert/patch/update/delete/upsert) and no
                 transaction region
Base kinds (LOOP_AWAIT LOOP_DB LOOP_WRITE LOOP_WRAPPER TX TX_NET TX_AWAIT SYNC_CALL POOL
SLEEP STREAM ACQUIRE CONCAT SPREAD_LOOP SELSTAR) keep their meaning.
"""
import os, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import candidates_node_go as base  # noqa: E402

base.SKIP = re.compile(base.SKIP.pattern + r'|(^|/)(migrations|migrations-sqlite|beta|locales|'
                       r'templates|views|themes)(/|$)|mhchem\.js$')
base.JS_DB = re.compile(
    r'\bWIKI\.models\.\w+\.(query|\w+)\s*\(|\bWIKI\.models\.knex\b(\.\w+)*\s*\(|'
    r'\b(this|[A-Z]\w*|\w+Model)\.query\s*\(|\.\$query\s*\(|\.\$relatedQuery\s*\(|'
    r'\b(knex|trx)\s*\(|\bknex\.(raw|schema|table|select|transaction)\b|'
    r'\.\$(relatedQuery|query)\b')
WRITE = re.compile(r'\.(insert|insertAndFetch|insertGraph|upsertGraph|patch|patchAndFetch\w*|update|'
                   r'updateAndFetch\w*|delete|deleteById|del|increment|decrement|relate|unrelate|'
                   r'truncate)\s*\(')
base.JS_WRITE = re.compile(WRITE.pattern + r'|\b(UPDATE|DELETE|INSERT)\b|\.(addVersion|createPage|'
                           r'updatePage|deletePage|movePage|reconnectLinks|rebuildTree|updateUser|'
                           r'createNewUser|updatePageLinks|savePage\w*|refreshToken|pageEvent)\s*\(')
base.JS_NET = re.compile(base.JS_NET.pattern + r'|\brequest\s*\(|\brequest\.\w+\s*\(|\bsearchEngine\b|'
                         r'\.emit\s*\(|\bWIKI\.mail\.send|\bgit\.|\bsftp\.|\bclient\.\w+\s*\(|'
                         r'\bstorage\.\w+\s*\(|\bsendMail', re.I)
base.JS_SLEEP = re.compile(base.JS_SLEEP.pattern + r'|\bPromise\.delay\s*\(|\bsetInterval\s*\(')
base.JS_SYNC = re.compile(r'\b(\w+Sync)\s*\(|\bfs\.(readFileSync|writeFileSync)\b|\bcrypto\.(pbkdf2Sync|'
                          r'scryptSync|randomBytes)\b|\bbcrypt\.(hashSync|compareSync)\b|\bJSON\.parse\s*\(|'
                          r'\bzlib\.\w+Sync\b')
base.JS_POOL = re.compile(base.JS_POOL.pattern + r'|\brequire\(\s*.knex.\s*\)\s*\(|\bpool\s*:|'
                          r'\bacquireConnectionTimeout\b|\bnew\s+\w*Client\s*\(')

_orig = base.scan_js


def scan_js(f, wr):
    _orig(f, wr)
    c = f.code
    for m in re.finditer(r'\.(withGraphFetched|withGraphJoined|eager|upsertGraph|insertGraph|'
                         r'joinRelated|leftJoinRelated)\s*\(', c):
        base.emit('OBJ_GRAPH', f, m.start(), ','.join(f.in_loop(m.start())))
    for m in re.finditer(r'(\bWIKI\.models\.\w+|\bthis|\b[A-Z]\w*)\.query\s*\(\s*(\w*)\s*\)', c):
        # chain until the end of the statement
        e = m.end()
        while e < len(c) and c[e] not in ';':
            if c[e] in '([{' and e in f.pairs:
                e = f.pairs[e] + 1; continue
            if c[e] in ')]}':
                break
            e += 1
        chain = c[m.start():e]
        if WRITE.search(chain) or re.search(r'\.(limit|page|first|findById|findOne|range|count\w*|'
                                             r'resultSize|min|max|sum)\s*\(', chain):
            continue
        txt = f.text[m.start():e]
        cols = 'columns' if re.search(r'\.(select|column|columns|distinct|pluck)\s*\(', chain) else 'ALL-COLUMNS'
        base.emit('OBJ_LIST', f, m.start(), cols + ' ' + re.sub(r'\s+', ' ', txt)[:140])
    for m in re.finditer(r'(?m)^\s{2}(\w+)\s*:\s*\{', c):
        name = m.group(1)
        if not name[0].isupper() or 'graph/resolvers' not in f.rel:
            continue
        p = m.end() - 1
        body = c[p:f.pairs.get(p, p)]
        if base.JS_DB.search(body):
            base.emit('RESOLVER_FLD', f, m.start(), 'type ' + name)
    for t in f.txs:
        body = c[t[0]:t[1]]
        for m in re.finditer(r'\bawait\s+([\w.$]+)', body):
            base.emit('TX_BODY', f, t[0] + m.start(), m.group(1))
    for (a, b, name, _) in f.funcs:
        if name.startswith('<'):
            continue
        body = c[a:b]
        ws = [a + m.start() for m in WRITE.finditer(body)]
        if len(ws) >= 2 and not any(t[0] <= a <= t[1] or a <= t[0] <= b for t in f.txs):
            base.emit('SEQ_WRITES', f, a, f'{len(ws)} writes at ' + ','.join(str(f.line(w)) for w in ws[:8]))


base.scan_js = scan_js

if __name__ == '__main__':
    base.main()
