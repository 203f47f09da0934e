#!/usr/bin/env python3
"""Over-approximating candidate finder, fifth Python batch (FastAPI + a project DB wrapper
over SQLAlchemy AsyncEngine/AsyncConnection with raw SQL: db.fetchone/fetchall/fetch_page/
execute/insert/update, `async with db.connect()`, `db.reuse_conn(conn) if conn else
db.connect()`; background asyncio tasks; websockets).
usage: candidates_py5.py ROOT SUBDIR [SUBDIR...] [--skip REGEX]
Runs candidates_py2.py unchanged (all its kinds), then adds, from an AST pass:
  DBFUNC5       (count only, on stderr) functions whose body calls the wrapper
                (.fetchone/.fetchall/.fetch_page/.execute/.insert/.update on db/conn names,
                db.connect()/reuse_conn) and, transitively (3 rounds), functions calling them
  LOOP_DB5      call to such a function inside for/while/comprehension (incl. the list given to
                asyncio.gather) -- per-item query/write candidates (N+1, n_update_delete_loop,
                missing_bulk_ops)
  CONN5         `async with <x>.connect()` / reuse_conn( block: its span, followed by CONN5_IO
                lines for calls inside it that look like network / Lightning funding-source /
                websocket / sleep / file work (transaction or lock held across I/O)
  STREAM5       websocket routes, StreamingResponse / EventSourceResponse, async generators
                in views
  ENGINE5       create_async_engine / create_engine calls with the keyword names passed
  FETCHALL5     .fetchall( whose SQL literal (same call) has no LIMIT (unbounded list reads)
  ASYNC_SYNC5   inside an async def (not in a nested def): shutil.* / zipfile / tarfile / os.remove|
                unlink|makedirs|rename|listdir|walk / Path.read_*|write_*|unlink|mkdir|rmdir /
                open( / requests.* / webpush( / smtplib / subprocess / Image.* / hashlib /
                json.load( / time.sleep / download_url( / Popen / make_archive / zip_directory /
                file_hash / extract_archive / clean_extension_files / qrcode  (blocking_io / cpu_bound)
  SPAWN5        asyncio.create_task / create_permanent_task / BackgroundTasks.add_task /
                run_in_executor / to_thread (what runs outside the request)
"""
import ast, os, re, subprocess, sys
HERE=os.path.dirname(os.path.abspath(__file__))
args=sys.argv[1:]
sys.stdout.flush()
subprocess.run([sys.executable, os.path.join(HERE,'candidates_py2.py')]+args, check=False)
sys.stdout.flush()
extra_skip=None
if '--skip' in args:
    i=args.index('--skip'); extra_skip=re.compile(args[i+1]); del args[i:i+2]
ROOT=args[0]; SUBS=args[1:]
SKIP=re.compile(r'(^|/)(tests?|migrations|alembic|node_modules|venv|\.venv|vendor|fixtures)(/|$)|(^|/)test_[^/]*\.py$|_test\.py$|conftest\.py$')
WRAP=re.compile(r'\b(db|conn|core_db|self\.db|_db|\w+_db|connection)\)?\.(fetchone|fetchall|fetch_page|execute|insert|update|delete)\(|\.connect\(\)|reuse_conn\(')
IO=re.compile(r'funding_source\.|get_funding_source\(|httpx\.|AsyncClient|client\.(get|post|put|delete|request|stream)|requests\.|urlopen|websocket\.|\.send_(text|json|bytes)|send_|notify|fetch_|pay_invoice\(|create_invoice\(|get_invoice_status|get_payment_status|\.sleep\(|(^|[^.\w])open\(|shutil\.|zipfile|download|upload|grpc|stub\.|dispatch|invoice_listeners|\.put\(')
SYNC=re.compile(r'^(shutil\.\w+|zipfile\.\w+|tarfile\.\w+|os\.(remove|unlink|makedirs|mkdir|rename|replace|listdir|walk|rmdir|scandir)|os\.path\.(getsize|exists|isfile|isdir)|open|requests\.\w+|webpush|smtplib\.\w+|subprocess\.\w+|Image\.\w+|hashlib\.\w+|json\.load|time\.sleep|download_url|Popen|make_archive|zip_directory|file_hash|\w+\.extract_archive|\w+\.clean_extension_files|qrcode\.\w+|pyqrcode\.\w+|\w+\.(read_text|read_bytes|write_text|write_bytes|unlink|mkdir|rmdir|extractall|sendmail|starttls|login))$')
def src(lines,n): return lines[n-1].strip()[:150]
def files():
    for sub in SUBS:
        for dp,dn,fn in os.walk(os.path.join(ROOT,sub)):
            dn.sort()
            for f in sorted(fn):
                p=os.path.join(dp,f); rel=os.path.relpath(p,ROOT)
                if not f.endswith('.py') or SKIP.search(rel) or (extra_skip and extra_skip.search(rel)): continue
                yield rel, open(p,encoding='utf-8',errors='replace').read()
def out(kind,rel,n,fn,lines,extra=''):
    print(f"{kind}\t{rel}:{n}\t{fn}\t{src(lines,n)}{extra}")
def cname(c):
    f=c.func
    if isinstance(f,ast.Name): return f.id
    if isinstance(f,ast.Attribute): return f.attr
    return ''
FILES=[]
for rel,text in files():
    try: FILES.append((rel,text,ast.parse(text)))
    except SyntaxError as e: print(f"PARSE_ERROR\t{rel}:{e.lineno}", file=sys.stderr)
funcs={}  # name -> list of (rel, node, text-segment)
for rel,text,tree in FILES:
    lines=text.splitlines()
    for n in ast.walk(tree):
        if isinstance(n,(ast.FunctionDef,ast.AsyncFunctionDef)):
            seg='\n'.join(lines[n.lineno-1:n.end_lineno])
            calls={cname(c) for c in ast.walk(n) if isinstance(c,ast.Call)}
            funcs.setdefault(n.name,[]).append((seg,calls))
DB={name for name,v in funcs.items() if any(WRAP.search(seg) for seg,_ in v)}
GENERIC={'get','update','insert','execute','fetchone','fetchall','delete','connect','create','set','add','remove','run','send','main','__init__','dict','json','copy','items','values','keys','append','pop','put'}
DB-=GENERIC
for _ in range(3):
    DB|={name for name,v in funcs.items() if name not in GENERIC and any(calls & DB for _,calls in v)}
print(f"DBFUNC5 {len(DB)} functions", file=sys.stderr)
class V(ast.NodeVisitor):
    def __init__(s,rel,text):
        s.rel=rel; s.lines=text.splitlines(); s.stack=[]; s.loop=0
    def fn(s): return '.'.join(s.stack) or '<module>'
    def visit_FunctionDef(s,n):
        s.stack.append(n.name); ol=s.loop; s.loop=0
        oa=getattr(s,'async_',False); s.async_=isinstance(n,ast.AsyncFunctionDef)
        if isinstance(n,ast.AsyncFunctionDef) and any(isinstance(x,(ast.Yield,ast.YieldFrom)) for x in ast.walk(n)) and '/views/' in s.rel:
            out('STREAM5',s.rel,n.lineno,s.fn(),s.lines,'  [async generator in views]')
        for d in n.decorator_list:
            if 'websocket' in ast.unparse(d): out('STREAM5',s.rel,n.lineno,s.fn(),s.lines,'  [websocket route]')
        s.generic_visit(n); s.stack.pop(); s.loop=ol; s.async_=oa
    visit_AsyncFunctionDef=visit_FunctionDef
    def visit_ClassDef(s,n):
        s.stack.append(n.name); s.generic_visit(n); s.stack.pop()
    def _loop(s,n):
        s.loop+=1; s.generic_visit(n); s.loop-=1
    visit_For=visit_AsyncFor=visit_While=visit_ListComp=visit_SetComp=visit_DictComp=visit_GeneratorExp=_loop
    def visit_AsyncWith(s,n):
        for it in n.items:
            t=ast.unparse(it.context_expr)
            if '.connect()' in t or 'reuse_conn(' in t:
                out('CONN5',s.rel,n.lineno,s.fn(),s.lines,f'  [span {n.end_lineno-n.lineno+1} lines]')
                for c in ast.walk(n):
                    if isinstance(c,ast.Call) and c.lineno!=n.lineno and IO.search(ast.unparse(c.func)+'('):
                        out('CONN5_IO',s.rel,c.lineno,s.fn(),s.lines)
        s.generic_visit(n)
    visit_With=visit_AsyncWith
    def visit_Call(s,n):
        name=cname(n); t=ast.unparse(n.func)
        if getattr(s,'async_',False) and SYNC.search(t): out('ASYNC_SYNC5',s.rel,n.lineno,s.fn(),s.lines,f'  [{t}]')
        if s.loop and name in DB: out('LOOP_DB5',s.rel,n.lineno,s.fn(),s.lines,f'  [{name}]')
        if name in ('create_async_engine','create_engine'):
            out('ENGINE5',s.rel,n.lineno,s.fn(),s.lines,'  kw='+','.join(k.arg or '**' for k in n.keywords))
        if name=='fetchall':
            lits=' '.join(a.value for a in ast.walk(n) if isinstance(a,ast.Constant) and isinstance(a.value,str))
            if 'LIMIT' not in lits.upper(): out('FETCHALL5',s.rel,n.lineno,s.fn(),s.lines)
        if name in ('StreamingResponse','EventSourceResponse','FileResponse'):
            out('STREAM5',s.rel,n.lineno,s.fn(),s.lines)
        if name in ('create_task','create_permanent_task','create_unique_task','add_task','run_in_executor','to_thread','gather'):
            out('SPAWN5',s.rel,n.lineno,s.fn(),s.lines)
        s.generic_visit(n)
for rel,text,tree in FILES:
    V(rel,text).visit(tree)
