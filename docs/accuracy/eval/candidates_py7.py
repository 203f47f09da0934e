#!/usr/bin/env python3
"""Over-approximating candidate finder, seventh Python batch (FastAPI + async SQLAlchemy 2 ORM
through repository classes whose create/update/delete commit immediately; AsyncSession per
request via Depends; dramatiq actors running asyncio.Runner with their own engine/session).
usage: candidates_py7.py ROOT SUBDIR [SUBDIR...] [--skip REGEX]
Runs candidates_py2.py unchanged (all its kinds), then adds, from an AST pass:
  DBFUNC7       (count only, on stderr) functions whose body awaits a repository / session
                call (`*repository.<m>(`, `self.<x>_repository.<m>(`, `session.<m>(`,
                `self._execute_query/_execute_statement/paginate/list/get_one_or_none/...`)
                and, transitively (3 rounds), functions calling them
  LOOP_DB7      call to such a function, or to a repository/session method, inside
                for/while/comprehension (N+1, n_update_delete_loop, missing_bulk_ops)
  WRITES7       function with >= 2 repository create/update/delete/create_many/
                _execute_statement/session.commit calls (each commits: transaction_narrow)
  SESSION7      `async with <x>session...()` / get_main_session() / session_maker() /
                session.begin() block with its span, then SESSION7_IO for calls inside it that
                look like network / mail / task / file / sleep work
  HANDLER7      route function (decorated @router.<verb>/@app.<verb>) taking a repository,
                session or a dependency that carries one, with the lines of its first and last
                repository/session call and of every network-looking call (httpx, oauth client,
                email_provider, send_task, webhooks) -- resource_scope_mismatch / long
                transactions held across awaited network calls
  ASYNC_SYNC7   inside an async def (not a nested def): open( / Path read/write / shutil /
                os file ops / requests / smtplib / subprocess / time.sleep / hashlib / bcrypt /
                argon2 / password_helper.hash|verify / jwt/jwk encode-decode / json.load /
                jinja render / PIL / generate_key (blocking_io, sync_sleep, cpu_bound)
  STREAM7       StreamingResponse / EventSourceResponse / websocket routes / async generators
  ENGINE7       create_async_engine / create_engine / async_sessionmaker with keyword names
  LISTALL7      `.all()` / `.list(select(...))` without `.limit(` in the same statement chain
                (unbounded list reads)
  SPAWN7        asyncio.create_task / BackgroundTasks.add_task / send_task / .send( of actors
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
REPO=re.compile(r'(repository|_repo|repo)\.\w+\(|\bsession\.(execute|get|scalar|scalars|add|add_all|delete|commit|flush|refresh|merge)\(|self\.(_execute_query|_execute_statement|paginate|list|get_one_or_none|get_by_\w+|_count|create|update|delete|create_many)\(')
WRITE=re.compile(r'(repository|_repo|repo)\.(create|update|delete|create_many|delete_expired|\w*_execute_statement|bulk_\w+|set_\w+|add_\w+|remove_\w+)\(|\bsession\.commit\(|self\.(_execute_statement|create|update|delete|create_many)\(')
IO=re.compile(r'httpx|AsyncClient|client\.(get|post|put|delete|request|send|get_access_token|get_id_email|refresh_token|revoke_token|get_authorization_url)|oauth_client|get_oauth_provider_service|email_provider\.|send_email|send_task|\.send\(|trigger_webhooks|trigger_webhook|webhooks\.|posthog|requests\.|urlopen|smtplib|\.sleep\(|(^|[^.\w])open\(|Path\(|shutil\.|redis|render_template|TemplateResponse|\.render\(')
SYNC=re.compile(r'^(open|shutil\.\w+|os\.(remove|unlink|makedirs|mkdir|rename|replace|listdir|walk|rmdir|scandir)|requests\.\w+|smtplib\.\w+|subprocess\.\w+|time\.sleep|hashlib\.\w+|bcrypt\.\w+|\w*password_helper\.\w+|\w*(hash|verify)_password|argon2\.\w+|jwt\.(encode|decode)|\w*\.(read_text|read_bytes|write_text|write_bytes|unlink|mkdir)|json\.load|Image\.\w+|\w*jwk\.\w+|\w*(generate_jwk|generate_key|import_key)|\w+\.(render|render_template)|secrets\.\w+)$')
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
funcs={}
for rel,text,tree in FILES:
    lines=text.splitlines()
    for n in ast.walk(tree):
        if isinstance(n,(ast.FunctionDef,ast.AsyncFunctionDef)):
            seg='\n'.join(lines[n.lineno-1:n.end_lineno])
            calls={cname(c) for c in ast.walk(n) if isinstance(c,ast.Call)}
            funcs.setdefault(n.name,[]).append((seg,calls))
GENERIC={'get','update','insert','execute','delete','connect','create','set','add','remove','run','send','main','__init__','__call__','dict','json','copy','items','values','keys','append','pop','put','list','all','dispatch','model_validate','validate'}
DB={name for name,v in funcs.items() if any(REPO.search(seg) for seg,_ in v)}-GENERIC
for _ in range(3):
    DB|={name for name,v in funcs.items() if name not in GENERIC and any(calls & DB for _,calls in v)}
print(f"DBFUNC7 {len(DB)} functions", file=sys.stderr)
VERBS=('get','post','put','patch','delete','api_route','websocket')
class V(ast.NodeVisitor):
    def __init__(s,rel,text):
        s.rel=rel; s.lines=text.splitlines(); s.stack=[]; s.loop=0; s.async_=False
    def fn(s): return '.'.join(s.stack) or '<module>'
    def visit_FunctionDef(s,n):
        s.stack.append(n.name); ol=s.loop; s.loop=0
        oa=s.async_; s.async_=isinstance(n,ast.AsyncFunctionDef)
        decos=[ast.unparse(d) for d in n.decorator_list]
        seg='\n'.join(s.lines[n.lineno-1:n.end_lineno])
        if isinstance(n,ast.AsyncFunctionDef) and any(isinstance(x,(ast.Yield,ast.YieldFrom)) for x in ast.walk(n)):
            out('STREAM7',s.rel,n.lineno,s.fn(),s.lines,'  [async generator]')
        if any('websocket' in d for d in decos): out('STREAM7',s.rel,n.lineno,s.fn(),s.lines,'  [websocket route]')
        # writes that each commit
        wl=[c.lineno for c in ast.walk(n) if isinstance(c,ast.Call) and WRITE.search(ast.unparse(c.func)+'(')]
        if len(wl)>=2: out('WRITES7',s.rel,n.lineno,s.fn(),s.lines,f'  [{len(wl)} committing writes at {sorted(set(wl))}]')
        if any(re.search(r'\.(%s)\('%'|'.join(VERBS),d) for d in decos):
            params=ast.unparse(n.args)
            if re.search(r'[Rr]epository|session|Session|Depends',params):
                dbl=[c.lineno for c in ast.walk(n) if isinstance(c,ast.Call) and (REPO.search(ast.unparse(c.func)+'(') or cname(c) in DB)]
                iol=[c.lineno for c in ast.walk(n) if isinstance(c,ast.Call) and IO.search(ast.unparse(c.func)+'(')]
                out('HANDLER7',s.rel,n.lineno,s.fn(),s.lines,f'  [span {n.end_lineno-n.lineno+1} db {sorted(set(dbl))} io {sorted(set(iol))}]')
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
            if re.search(r'session|Session|begin\(|connect\(',t):
                out('SESSION7',s.rel,n.lineno,s.fn(),s.lines,f'  [span {n.end_lineno-n.lineno+1} lines]')
                for c in ast.walk(n):
                    if isinstance(c,ast.Call) and c.lineno!=n.lineno and IO.search(ast.unparse(c.func)+'('):
                        out('SESSION7_IO',s.rel,c.lineno,s.fn(),s.lines)
        s.generic_visit(n)
    visit_With=visit_AsyncWith
    def visit_Call(s,n):
        name=cname(n); t=ast.unparse(n.func)
        if s.async_ and SYNC.search(t): out('ASYNC_SYNC7',s.rel,n.lineno,s.fn(),s.lines,f'  [{t}]')
        if s.loop and (name in DB or REPO.search(t+'(')): out('LOOP_DB7',s.rel,n.lineno,s.fn(),s.lines,f'  [{name}]')
        if name in ('create_async_engine','create_engine','async_sessionmaker','sessionmaker'):
            out('ENGINE7',s.rel,n.lineno,s.fn(),s.lines,'  kw='+','.join(k.arg or '**' for k in n.keywords))
        if name=='list' and n.args and 'select(' in ast.unparse(n.args[0]) and '.limit(' not in ast.unparse(n.args[0]):
            out('LISTALL7',s.rel,n.lineno,s.fn(),s.lines)
        if name=='all' and not n.args and isinstance(n.func,ast.Attribute) and re.search(r'repository|repo',ast.unparse(n.func.value)):
            out('LISTALL7',s.rel,n.lineno,s.fn(),s.lines)
        if name in ('StreamingResponse','EventSourceResponse','FileResponse'):
            out('STREAM7',s.rel,n.lineno,s.fn(),s.lines)
        if name in ('create_task','add_task','run_in_executor','to_thread','gather','send_task') or (name=='send' and 'task' in t.lower()):
            out('SPAWN7',s.rel,n.lineno,s.fn(),s.lines)
        s.generic_visit(n)
for rel,text,tree in FILES:
    V(rel,text).visit(tree)
