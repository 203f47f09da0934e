#!/usr/bin/env python3
"""Over-approximating candidate finder for Node/TypeScript and Go services
(evaluation answer keys; never run on or derived from ppaudit).

usage: candidates_node_go.py ROOT PATH [PATH...]   (PATH = folder or file under ROOT)

Prints one line per candidate:  KIND <TAB> path:line <TAB> enclosing-func <TAB> flags <TAB> code
Every candidate must be read in context; nothing here is a verdict.

Method: each source file is sanitised (comments blanked, string contents blanked but
template-literal ${...} kept as code), brackets are matched, and regions are computed:
loops (for/while/do, .forEach/.map/.flatMap/.reduce/.filter/.some/.every/.find callbacks,
Promise.all(...), Go `for ... {`), transactions ($transaction(...), .transaction(...),
Go Begin..Commit / function end), functions (name, async).  Calls are then classified
by regex and reported with the regions that contain them.

Kinds
 JS/TS: LOOP_AWAIT LOOP_DB LOOP_WRAPPER LOOP_WRITE TX TX_NET TX_SLEEP TX_AWAIT SYNC_CALL
        FINDMANY (flags: select/include) POOL SLEEP CONCAT SELSTAR STREAM ACQUIRE SPREAD_LOOP
 Go:    LOOP_DB LOOP_WRAPPER LOOP_WRITE BEGIN (flags: rollback-deferred?) TX_NET TX_SLEEP
        QUERY (flags: rows-closed?) PREPARE (flags: closed?) RESP (flags: body-closed?)
        OPEN (flags: pool setters in file) HTTP_CLIENT (flags: timeout?) DEFAULT_HTTP
        SLEEP CONCAT SELSTAR GOROUTINE STREAM
 SQL:   SELSTAR NOTIFY TRIGGER
 Prisma schema: MODEL name scalar-column-count
"""
import os, re, sys

ROOT = sys.argv[1]
PATHS = sys.argv[2:] or ['.']
SKIP = re.compile(r'(^|/)(node_modules|vendor|dist|build|\.next|e2e|__tests__|tests?|testdata|'
                  r'fixtures|mocks?|generated|gen)(/|$)|\.(test|spec)\.[jt]sx?$|_test\.go$|\.d\.ts$|\.pb\.go$|\.pb\.gw\.go$')
JS_EXT = ('.ts', '.tsx', '.js', '.mjs', '.cjs', '.jsx')


def sanitize(text, go):
    """Return code with comments and string contents replaced by spaces (same offsets),
    and a parallel mask string where string characters are 'S'."""
    out = list(text)
    n = len(text)
    i = 0
    tstack = []  # template-literal nesting: brace depth at which a ${ opened
    brace = 0
    prev_sig = ''
    def blank(a, b):
        for k in range(a, b):
            if out[k] != '\n':
                out[k] = ' '
    while i < n:
        c = text[i]
        if c == '/' and i + 1 < n and text[i + 1] == '/':
            j = text.find('\n', i)
            j = n if j < 0 else j
            blank(i, j); i = j; continue
        if c == '/' and i + 1 < n and text[i + 1] == '*':
            j = text.find('*/', i + 2)
            j = n if j < 0 else j + 2
            blank(i, j); i = j; continue
        if c in '"\'' or (c == '`'):
            if go and c == '`':
                j = text.find('`', i + 1)
                j = n if j < 0 else j + 1
                blank(i + 1, j - 1); i = j; prev_sig = 'x'; continue
            if c == '`' and not go:
                # template literal, keep ${...} as code
                j = i + 1
                while j < n:
                    if text[j] == '\\':
                        j += 2; continue
                    if text[j] == '`':
                        break
                    if text[j] == '$' and j + 1 < n and text[j + 1] == '{':
                        break
                    j += 1
                blank(i + 1, j)
                if j < n and text[j] == '$':
                    tstack.append(brace)
                    brace += 1
                    i = j + 2
                    continue
                i = j + 1; prev_sig = 'x'; continue
            j = i + 1
            while j < n and text[j] != c and text[j] != '\n':
                if text[j] == '\\':
                    j += 1
                j += 1
            blank(i + 1, min(j, n)); i = j + 1; prev_sig = 'x'; continue
        if not go and c == '/' and prev_sig in ('', '(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', 'return'):
            # regex literal
            j = i + 1; incls = False
            while j < n and text[j] != '\n':
                if text[j] == '\\':
                    j += 2; continue
                if text[j] == '[': incls = True
                elif text[j] == ']': incls = False
                elif text[j] == '/' and not incls: break
                j += 1
            if j < n and text[j] == '/':
                blank(i + 1, j); i = j + 1; prev_sig = 'x'; continue
        if c == '{':
            brace += 1
        elif c == '}':
            if tstack and tstack[-1] == brace - 1:
                # end of ${...}: continue template literal
                tstack.pop(); brace -= 1
                j = i + 1
                while j < n:
                    if text[j] == '\\':
                        j += 2; continue
                    if text[j] == '`': break
                    if text[j] == '$' and j + 1 < n and text[j + 1] == '{': break
                    j += 1
                blank(i + 1, j)
                if j < n and text[j] == '$':
                    tstack.append(brace); brace += 1; i = j + 2; continue
                i = j + 1; prev_sig = 'x'; continue
            brace -= 1
        if not c.isspace():
            if c.isalnum() or c == '_':
                m = re.match(r'\w+', text[i:i + 40])
                w = m.group(0)
                prev_sig = 'return' if w == 'return' else 'x'
                i += len(w); continue
            prev_sig = c
        i += 1
    return ''.join(out)


def match_brackets(code):
    pairs = {}
    st = []
    for i, c in enumerate(code):
        if c in '([{':
            st.append(i)
        elif c in ')]}':
            if st:
                pairs[st.pop()] = i
    return pairs


class File:
    def __init__(self, rel, text, go):
        self.rel, self.text, self.go = rel, text, go
        self.code = sanitize(text, go)
        self.pairs = match_brackets(self.code)
        self.nl = [m.start() for m in re.finditer('\n', text)]
        self.lines = text.split('\n')
        self.loops, self.txs, self.funcs = [], [], []
        self.regions()

    def line(self, pos):
        import bisect
        return bisect.bisect_left(self.nl, pos) + 1

    def src(self, pos):
        return self.lines[self.line(pos) - 1].strip()[:160]

    def block_after(self, pos):
        """position of the first '{' at/after pos and its match"""
        j = self.code.find('{', pos)
        if j < 0 or j not in self.pairs:
            return None
        return (j, self.pairs[j])

    def regions(self):
        c = self.code
        if self.go:
            for m in re.finditer(r'(?m)^\s*for\b', c):
                b = self.block_after(m.end())
                if b: self.loops.append((m.start(), b[1], 'for'))
            for m in re.finditer(r'\bfunc\b\s*(\([^)]*\)\s*)?(\w*)\s*\(', c):
                p = m.end() - 1
                if p not in self.pairs: continue
                b = self.block_after(self.pairs[p])
                if not b: continue
                # skip func types without body: the '{' must come before the next newline+func
                name = m.group(2) or '<closure>'
                self.funcs.append((b[0], b[1], name, False))
            for m in re.finditer(r'\.(Begin|BeginTx|Beginx|BeginTxx|MustBegin)\s*\(', c):
                f = self.enclosing_func(m.start())
                end = f[1] if f else len(c)
                cm = re.compile(r'\.Commit\s*\(').search(c, m.end(), end)
                self.txs.append((m.start(), cm.end() if cm else end, 'begin'))
        else:
            for m in re.finditer(r'\.(forEach|map|flatMap|reduce|filter|some|every|find|findIndex)\s*\(', c):
                p = m.end() - 1
                if p in self.pairs: self.loops.append((p, self.pairs[p], m.group(1)))
            for m in re.finditer(r'\bPromise\.(all|allSettled|race|any)\s*\(', c):
                p = m.end() - 1
                if p in self.pairs: self.loops.append((p, self.pairs[p], 'Promise.' + m.group(1)))
            for m in re.finditer(r'\b(for|while)\s*(await\s*)?\(', c):
                p = m.end() - 1
                if p not in self.pairs: continue
                h = self.pairs[p]
                k = h + 1
                while k < len(c) and c[k].isspace(): k += 1
                if k < len(c) and c[k] == '{' and k in self.pairs:
                    self.loops.append((m.start(), self.pairs[k], m.group(1)))
                elif k < len(c) and c[k] != ';':
                    e = c.find(';', k)
                    self.loops.append((m.start(), e if e > 0 else k, m.group(1)))
            for m in re.finditer(r'\bdo\s*\{', c):
                p = m.end() - 1
                if p in self.pairs: self.loops.append((m.start(), self.pairs[p], 'do'))
            for m in re.finditer(r'(\$transaction|\.transaction)\s*\(', c):
                p = m.end() - 1
                if p in self.pairs: self.txs.append((p, self.pairs[p], m.group(1)))
            # functions
            pats = [
                r'(async\s+)?function\s*\*?\s*(\w*)\s*(<[^>]*>)?\s*\(',
                r'(?:const|let|var)\s+(\w+)\s*(?::[^=]+)?=\s*(async\s+)?(?:\([^()]*(?:\([^()]*\)[^()]*)*\)|\w+)\s*(?::[^=]+?)?=>',
                r'(?m)^\s*(?:public\s+|private\s+|protected\s+|static\s+)*(async\s+)?(\w+)\s*\([^()]*(?:\([^()]*\)[^()]*)*\)\s*(?::\s*[^{;=]+)?\{',
                r'(async\s+)?(?:\([^()]*\)|\w+)\s*(?::\s*[\w<>\[\]|, ]+)?\s*=>\s*\{',
            ]
            seen = set()
            for k, pat in enumerate(pats):
                for m in re.finditer(pat, c):
                    if k == 0:
                        is_async, name = bool(m.group(1)), m.group(2) or '<fn>'
                        p = m.end() - 1
                        if p not in self.pairs: continue
                        b = self.block_after(self.pairs[p])
                    elif k == 1:
                        name, is_async = m.group(1), bool(m.group(2))
                        j = m.end()
                        while j < len(c) and c[j].isspace(): j += 1
                        if j < len(c) and c[j] == '{' and j in self.pairs:
                            b = (j, self.pairs[j])
                        else:
                            # expression-bodied arrow: until end of statement
                            e = j
                            depth = 0
                            while e < len(c):
                                if c[e] in '([{':
                                    if e in self.pairs: e = self.pairs[e] + 1; continue
                                if c[e] in ';\n' and depth == 0:
                                    # continue if the next line is a continuation
                                    break
                                e += 1
                            b = (j, e)
                    elif k == 2:
                        name, is_async = m.group(2), bool(m.group(1))
                        if name in ('if', 'for', 'while', 'switch', 'catch', 'function', 'return', 'with'):
                            continue
                        b = (m.end() - 1, self.pairs.get(m.end() - 1))
                        if b[1] is None: continue
                    else:
                        is_async, name = bool(m.group(1)), '<arrow>'
                        b = (m.end() - 1, self.pairs.get(m.end() - 1))
                        if b[1] is None: continue
                    if not b or b[0] in seen: continue
                    seen.add(b[0])
                    self.funcs.append((b[0], b[1], name, is_async))
        self.funcs.sort()

    def enclosing_func(self, pos):
        best = None
        for f in self.funcs:
            if f[0] <= pos <= f[1] and (best is None or f[0] >= best[0]):
                best = f
        return best

    def outer_named(self, pos):
        names = [f[2] for f in self.funcs if f[0] <= pos <= f[1] and not f[2].startswith('<')]
        return names[-1] if names else '<module>'

    def in_loop(self, pos):
        f = self.enclosing_func(pos)
        res = []
        for l in self.loops:
            if l[0] < pos <= l[1]:
                res.append(l[2])
        return res

    def in_tx(self, pos):
        return [t for t in self.txs if t[0] < pos <= t[1]]


JS_DB = re.compile(r'\b(prisma|tx|trx|db|client|prismaClient|\w*[Pp]risma\w*)(\.client)?\.\w+\.(findUnique|findUniqueOrThrow|findFirst|findFirstOrThrow|findMany|count|aggregate|groupBy|create|createMany|createManyAndReturn|update|updateMany|upsert|delete|deleteMany)\s*\('
                   r'|\$(queryRaw|executeRaw|queryRawUnsafe|executeRawUnsafe)\b|\brawQuery\s*\(|\brunQuery\s*\(|\bclickhouse\.\w+\s*\(|\bknex\b|\.query\s*\(|\bredis\.\w+\s*\(|\bmeiliClient\b|\.index\([^)]*\)\.\w+\(')
JS_WRITE = re.compile(r'\.(create|createMany|update|updateMany|upsert|delete|deleteMany)\s*\(|\$executeRaw|\b(UPDATE|DELETE|INSERT)\b')
JS_NET = re.compile(r'\bfetch\s*\(|\baxios\b|\bgot\s*\(|https?\.(request|get)\s*\(|\bsendMail\b|\btransporter\.|\bsafeFetch\b|\bs3Client\b|\.send\s*\(|\bmeili|\bpuppeteer|\bchromium|\bplaywright|\bnewPage\s*\(|\bgoto\s*\(|\bOpenAI|\bgenerateText|\bollama', re.I)
JS_SYNC = re.compile(r'\b(\w+Sync)\s*\(')
JS_POOL = re.compile(r'new\s+PrismaClient\s*\(|new\s+Pool\s*\(|createPool\s*\(|new\s+Redis\s*\(|createClient\s*\(|new\s+Kafka\s*\(|new\s+S3Client\s*\(|new\s+MeiliSearch\s*\(|\bknex\s*\(\s*\{|new\s+PrismaPg\s*\(|new\s+Client\s*\(')
JS_SLEEP = re.compile(r'\bsleep\s*\(|setTimeout\s*\(|Atomics\.wait|Date\.now\(\)\s*[<>]')
JS_STREAM = re.compile(r'text/event-stream|new\s+ReadableStream|res\.write\s*\(|\.pipe\s*\(|WebSocket|createReadStream|createWriteStream')
JS_ACQ = re.compile(r'\$connect\s*\(|\$disconnect\s*\(|\.connect\s*\(\s*\)|\.release\s*\(|fs\.open\s*\(|fs\.promises\.open|\.launch\s*\(|newContext\s*\(|newPage\s*\(|\.close\s*\(')

GO_DB = re.compile(r'\.(Query|QueryRow|QueryContext|QueryRowContext|Queryx|QueryRowx|QueryxContext|QueryRowxContext|Exec|ExecContext|MustExec|Get|GetContext|Select|SelectContext|NamedExec|NamedExecContext|NamedQuery)\s*\(')
GO_NET = re.compile(r'\bhttp\.(Get|Post|Head|PostForm)\s*\(|\.Do\s*\(|smtp\.|SendMail|\.Push\s*\(|messenger|webhook|\bfetch|httpgetter|\.Send\s*\(', re.I)
GO_DBRECV = re.compile(r'\b(s|store|Store|st|driver|d|db|tx|q|queries|core|app\.core|app\.queries|a\.core|h\.app\.core|app\.db|s\.Store|s\.store|s\.driver|s\.db)\.(\w+)\s*\(')


def wrappers(files):
    """functions/methods whose body makes a DB call (one hop)"""
    names = set()
    for f in files:
        for (a, b, name, _) in f.funcs:
            if name.startswith('<'): continue
            body = f.code[a:b]
            if (f.go and (GO_DB.search(body) or re.search(r'\.driver\.\w+\(|\.Store\.\w+\(|\.queries\.\w+|\bcore\.\w+\(', body))) or \
               (not f.go and JS_DB.search(body)):
                names.add(name)
    return names


def emit(kind, f, pos, flags=''):
    print(f"{kind}\t{f.rel}:{f.line(pos)}\t{f.outer_named(pos)}\t{flags}\t{f.src(pos)}")


def scan_js(f, wr):
    c = f.code
    for m in re.finditer(r'\bawait\b', c):
        loops = f.in_loop(m.start())
        if loops:
            emit('LOOP_AWAIT', f, m.start(), ','.join(loops))
    for m in JS_DB.finditer(c):
        p = m.start()
        loops = f.in_loop(p)
        if loops:
            emit('LOOP_DB', f, p, ','.join(loops))
            if JS_WRITE.search(f.text[p:p + 80]):
                emit('LOOP_WRITE', f, p, ','.join(loops))
        if m.group(3) == 'findMany':
            q = c.find('(', p)
            e = f.pairs.get(q, q)
            arg = c[q:e]
            fl = ('select' if re.search(r'\bselect\s*:', arg) else 'NO-select') + \
                 (',include' if re.search(r'\binclude\s*:', arg) else '')
            emit('FINDMANY', f, p, fl)
    if wr:
        for m in re.finditer(r'\b(\w+)\s*\(', c):
            if m.group(1) in wr and f.in_loop(m.start()) and not JS_DB.match(c, m.start()):
                emit('LOOP_WRAPPER', f, m.start(), ','.join(f.in_loop(m.start())))
    for t in f.txs:
        emit('TX', f, t[0], t[2])
        body = c[t[0]:t[1]]
        for m in JS_NET.finditer(body):
            emit('TX_NET', f, t[0] + m.start())
        for m in JS_SLEEP.finditer(body):
            emit('TX_SLEEP', f, t[0] + m.start())
        for m in re.finditer(r'\bawait\s+(?!tx\b|prisma\b|trx\b)(\w+)', body):
            emit('TX_AWAIT', f, t[0] + m.start(), m.group(1))
    for m in JS_SYNC.finditer(c):
        fn = f.enclosing_func(m.start())
        emit('SYNC_CALL', f, m.start(), 'async' if fn and fn[3] else 'sync')
    for m in JS_POOL.finditer(c):
        emit('POOL', f, m.start())
    for m in JS_SLEEP.finditer(c):
        emit('SLEEP', f, m.start(), ','.join(f.in_loop(m.start())))
    for m in JS_STREAM.finditer(f.text):
        emit('STREAM', f, m.start())
    for m in JS_ACQ.finditer(c):
        emit('ACQUIRE', f, m.start())
    for m in re.finditer(r'(\w[\w.\[\]]*)\s*\+=', c):
        loops = f.in_loop(m.start())
        if loops:
            emit('CONCAT', f, m.start(), ','.join(loops))
    for m in re.finditer(r'\.\.\.\w', c):
        if f.in_loop(m.start()):
            emit('SPREAD_LOOP', f, m.start())
    for m in re.finditer(r'(?i)select\s+(distinct\s+)?\*|select\s+[^;`]*\b\w+\.\*', f.text):
        emit('SELSTAR', f, m.start())


def func_body(f, pos):
    fn = f.enclosing_func(pos)
    return (fn[0], fn[1]) if fn else (0, len(f.code))


def scan_go(f, wr):
    c = f.code
    for m in GO_DB.finditer(c):
        loops = f.in_loop(m.start())
        if loops:
            emit('LOOP_DB', f, m.start(), ','.join(loops))
            if re.search(r'\.(Exec|ExecContext|MustExec|NamedExec)', m.group(0)):
                emit('LOOP_WRITE', f, m.start())
    for m in GO_DBRECV.finditer(c):
        loops = f.in_loop(m.start())
        if loops and not GO_DB.match(c, m.start() + len(m.group(1))):
            fl = ','.join(loops)
            emit('LOOP_WRAPPER', f, m.start(), fl)
            if re.match(r'(Update|Delete|Create|Insert|Upsert|Set|Add|Remove|Mark|Upd|Del)', m.group(2)):
                emit('LOOP_WRITE', f, m.start(), fl)
    if wr:
        for m in re.finditer(r'\.(\w+)\s*\(', c):
            if m.group(1) in wr and f.in_loop(m.start()) and not GO_DB.match(c, m.start()) \
                    and not GO_DBRECV.search(c[max(0, m.start() - 30):m.end()]):
                emit('LOOP_WRAPPER', f, m.start(), 'wrapper:' + m.group(1))
    for m in re.finditer(r'\.(Begin|BeginTx|Beginx|BeginTxx|MustBegin)\s*\(', c):
        a, b = func_body(f, m.start())
        rest = c[m.end():b]
        fl = 'defer-rollback' if re.search(r'defer\s+(func\s*\(\)\s*\{[^}]*)?\w*\.?Rollback', rest) else 'NO-defer-rollback'
        emit('BEGIN', f, m.start(), fl)
    for t in f.txs:
        body = c[t[0]:t[1]]
        for m in GO_NET.finditer(body):
            emit('TX_NET', f, t[0] + m.start())
        for m in re.finditer(r'time\.Sleep|<-\s*time\.After', body):
            emit('TX_SLEEP', f, t[0] + m.start())
    for m in re.finditer(r'(\w+)\s*,\s*\w+\s*:?=\s*[\w.\[\]()]*\.(Query|QueryContext|Queryx|QueryxContext|NamedQuery|NamedQueryContext)\s*\(', c):
        a, b = func_body(f, m.start())
        var = m.group(1)
        rest = c[m.end():b]
        fl = 'closed-deferred' if re.search(r'defer\s+' + re.escape(var) + r'\.Close\(\)', rest) else \
             ('closed' if re.search(re.escape(var) + r'\.Close\(\)', rest) else 'NOT-closed')
        emit('QUERY', f, m.start(), fl)
    for m in re.finditer(r'(\w+)\s*,\s*\w+\s*:?=\s*[\w.\[\]()]*\.(Prepare|PrepareContext|Preparex|PreparexContext|PrepareNamed|PrepareNamedContext)\s*\(', c):
        a, b = func_body(f, m.start())
        var = m.group(1)
        rest = c[m.end():b]
        fl = 'closed' if re.search(re.escape(var) + r'\.Close\(\)', rest) else 'NOT-closed-in-func'
        emit('PREPARE', f, m.start(), fl)
    for m in re.finditer(r'(\w+)\s*,\s*\w+\s*:?=\s*[\w.\[\]()]*\.(Do|Get|Post|Head|PostForm|RoundTrip)\s*\(', c):
        a, b = func_body(f, m.start())
        var = m.group(1)
        if var in ('_',): continue
        rest = c[m.end():b]
        if not re.search(re.escape(var) + r'\.(Body|StatusCode|Header)', rest): continue
        fl = 'body-close-deferred' if re.search(r'defer\s+' + re.escape(var) + r'\.Body\.Close\(\)', rest) else \
             ('body-closed' if re.search(re.escape(var) + r'\.Body\.Close\(\)', rest) else 'NOT-body-closed')
        emit('RESP', f, m.start(), fl)
    for m in re.finditer(r'\b(sql|sqlx)\.(Open|Connect|MustConnect|MustOpen|OpenDB|NewDb)\s*\(|pgxpool\.\w+\s*\(|pgx\.Connect\s*\(', c):
        fl = ','.join(sorted(set(re.findall(r'Set(MaxOpenConns|MaxIdleConns|ConnMaxLifetime|ConnMaxIdleTime)', c)))) or 'NO-pool-setters'
        emit('OPEN', f, m.start(), fl)
    for m in re.finditer(r'&?http\.Client\s*\{', c):
        p = m.end() - 1
        body = c[p:f.pairs.get(p, p)]
        emit('HTTP_CLIENT', f, m.start(), 'timeout' if 'Timeout' in body else 'NO-timeout')
    for m in re.finditer(r'http\.DefaultClient|\bhttp\.(Get|Post|Head|PostForm)\s*\(', c):
        emit('DEFAULT_HTTP', f, m.start())
    for m in re.finditer(r'time\.Sleep\s*\(', c):
        emit('SLEEP', f, m.start(), ','.join(f.in_loop(m.start())))
    for m in re.finditer(r'(\w[\w.\[\]]*)\s*\+=', c):
        loops = f.in_loop(m.start())
        if loops:
            emit('CONCAT', f, m.start(), ','.join(loops))
    for m in re.finditer(r'(?m)^\s*go\s+', c):
        emit('GOROUTINE', f, m.end())
    for m in re.finditer(r'http\.Flusher|\.Flush\(\)|text/event-stream|websocket\.|Upgrade\(', f.text):
        emit('STREAM', f, m.start())
    for m in re.finditer(r'(?i)select\s+(distinct\s+)?\*|select\s+[^;`"]*?\b\w+\.\*', f.text):
        emit('SELSTAR', f, m.start())
    for m in re.finditer(r'\bos\.(Open|Create|OpenFile)\s*\(', c):
        a, b = func_body(f, m.start())
        emit('FILE_OPEN', f, m.start(), 'close-in-func' if '.Close()' in c[m.end():b] else 'NO-close-in-func')


def scan_sql(rel, text):
    for i, l in enumerate(text.split('\n'), 1):
        if re.search(r'(?i)select\s+(distinct\s+)?\*|\b\w+\.\*', l) and not l.strip().startswith('--'):
            print(f"SELSTAR\t{rel}:{i}\t-\t\t{l.strip()[:160]}")
        if re.search(r'(?i)pg_notify|\bNOTIFY\b', l):
            print(f"NOTIFY\t{rel}:{i}\t-\t\t{l.strip()[:160]}")
        if re.search(r'(?i)create\s+(or\s+replace\s+)?trigger', l):
            print(f"TRIGGER\t{rel}:{i}\t-\t\t{l.strip()[:160]}")


def scan_prisma(rel, text):
    for m in re.finditer(r'(?m)^model\s+(\w+)\s*\{(.*?)^\}', text, re.S):
        cols = 0
        for l in m.group(2).split('\n'):
            l = l.strip()
            if not l or l.startswith('//') or l.startswith('@@'): continue
            parts = l.split()
            if len(parts) < 2: continue
            typ = parts[1].rstrip('?[]')
            if '@relation' in l or parts[1].endswith('[]'):
                continue
            if typ[0].isupper() and typ not in ('String', 'Int', 'BigInt', 'Float', 'Decimal', 'Boolean',
                                                'DateTime', 'Json', 'Bytes', 'Unsupported'):
                # enum or relation without @relation (back-relation); count enums only
                if not re.search(r'(?m)^enum\s+' + re.escape(typ) + r'\b', text):
                    continue
            cols += 1
        print(f"MODEL\t{rel}:{text[:m.start()].count(chr(10)) + 1}\t{m.group(1)}\t{cols} scalar columns")


def walk():
    out = []
    for p in PATHS:
        full = os.path.join(ROOT, p)
        if os.path.isfile(full):
            out.append(full); continue
        for dp, dn, fn in os.walk(full):
            dn[:] = sorted(d for d in dn if d not in ('node_modules', '.git', '.next'))
            for x in sorted(fn):
                out.append(os.path.join(dp, x))
    return out


def main():
    files = []
    for p in walk():
        rel = os.path.relpath(p, ROOT)
        if SKIP.search(rel):
            continue
        try:
            text = open(p, encoding='utf-8', errors='replace').read()
        except OSError:
            continue
        if p.endswith('.sql'):
            scan_sql(rel, text); continue
        if p.endswith('.prisma'):
            scan_prisma(rel, text); continue
        if p.endswith('.go'):
            files.append(File(rel, text, True))
        elif p.endswith(JS_EXT):
            files.append(File(rel, text, False))
    wrj = wrappers([f for f in files if not f.go])
    wrg = wrappers([f for f in files if f.go])
    # generic names that would flood the output
    for g in ('get', 'set', 'update', 'delete', 'create', 'find', 'map', 'filter', 'query', 'Get', 'Set', 'String', 'Close', 'Error', 'New', 'handler', 'GET', 'POST', 'PUT', 'DELETE', 'PATCH'):
        wrj.discard(g); wrg.discard(g)
    for f in files:
        (scan_go if f.go else scan_js)(f, wrg if f.go else wrj)


if __name__ == '__main__':
    main()
