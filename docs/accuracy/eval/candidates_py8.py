#!/usr/bin/env python3
"""Over-approximating candidate finder, eighth Python batch (Flask + plain SQLAlchemy over
SQLite: module-level scoped sessions, an ORM session per request kept in flask.g, lazy
relationships rendered by Jinja templates, WorkerThread background tasks).
usage: candidates_py8.py ROOT SUBDIR [SUBDIR...] [--skip REGEX] [--templates DIR ...]
Runs candidates_py2.py unchanged (all its kinds), then adds:
  TMPL8     in Jinja templates (every *.html/*.xml under the given --templates dirs, default
            ROOT/<SUBDIR>/templates and ROOT/<SUBDIR>/themes/*/templates): a `{% for X in ... %}`
            loop, and every access of a relationship attribute (authors, tags, series, data,
            languages, ratings, publishers, comments, identifiers, books, shelf, user) of the
            loop variable inside it, as x.rel, x.Books.rel, x[0].rel or x['Books']['rel'], (lazy loads per rendered row -> n_plus_one)
  RENDER8   python call of render_title_template / render_xml_template / render_template /
            jsonify / json.dumps passing a list-like value (entries=, books=, ...), i.e. the
            query results that templates or serializers walk
  COMMITFN8 functions with >= 2 commit calls (session.commit / session_commit / *.commit())
            -> transaction_narrow, one line per function with all the commit lines
  CONN8     engine.connect() / create_engine( / scoped_session( / sessionmaker( assignments
            and whether the function closes/disposes/removes them (missing_cleanup)
  THREAD8   WorkerThread.add / Thread( / threading / run( methods of tasks (background roots)
"""
import ast, os, re, subprocess, sys
HERE=os.path.dirname(os.path.abspath(__file__))
args=sys.argv[1:]
tdirs=[]
while '--templates' in args:
    i=args.index('--templates'); tdirs.append(args[i+1]); del args[i:i+2]
sys.stdout.flush()
subprocess.run([sys.executable, os.path.join(HERE,'candidates_py2.py')]+args, check=False)
sys.stdout.flush()
extra_skip=None
if '--skip' in args:
    i=args.index('--skip'); extra_skip=re.compile(args[i+1]); del args[i:i+2]
ROOT=args[0]; SUBS=args[1:]
SKIP=re.compile(r'(^|/)(tests?|migrations|alembic|node_modules|venv|\.venv|vendor|fixtures)(/|$)|(^|/)test_[^/]*\.py$|_test\.py$|conftest\.py$')
REL=r'(authors|tags|series|data|languages|ratings|publishers|comments|identifiers|books|shelf|user|ordered_authors)'
def pyfiles():
    for sub in SUBS:
        for dp,dn,fn in os.walk(os.path.join(ROOT,sub)):
            for f in sorted(fn):
                p=os.path.join(dp,f); rel=os.path.relpath(p,ROOT)
                if not f.endswith('.py') or SKIP.search(rel) or (extra_skip and extra_skip.search(rel)): continue
                yield p,rel
# templates
if not tdirs:
    for sub in SUBS:
        b=os.path.join(ROOT,sub)
        if os.path.isdir(os.path.join(b,'templates')): tdirs.append(os.path.join(b,'templates'))
        th=os.path.join(b,'themes')
        if os.path.isdir(th):
            for t in sorted(os.listdir(th)):
                if os.path.isdir(os.path.join(th,t,'templates')): tdirs.append(os.path.join(th,t,'templates'))
FOR=re.compile(r'{%-?\s*for\s+(\w+)(?:\s*,\s*\w+)?\s+in\s+([^%]+?)\s*-?%}')
END=re.compile(r'{%-?\s*endfor\s*-?%}')
for d in tdirs:
    for dp,dn,fn in os.walk(d):
        for f in sorted(fn):
            if not f.endswith(('.html','.xml','.txt')): continue
            p=os.path.join(dp,f); rel=os.path.relpath(p,ROOT)
            lines=open(p,encoding='utf-8',errors='replace').read().splitlines()
            stack=[]
            for no,l in enumerate(lines,1):
                for m in FOR.finditer(l):
                    stack.append((m.group(1),no,m.group(2)))
                    print(f"TMPL8\t{rel}:{no}\tfor {m.group(1)} in {m.group(2)}")
                for var,fno,it in stack:
                    for m in re.finditer(r'\b'+var+r"(?:\.Books|\[0\]|\['Books'\])?(?:\.|\[')"+REL+r'\b',l):
                        print(f"TMPL8\t{rel}:{no}\t  {m.group(0)} (loop of line {fno})")
                for _ in END.finditer(l):
                    if stack: stack.pop()
RENDERF=re.compile(r'(render_title_template|render_xml_template|render_template|jsonify|json\.dumps)$')
LISTKW=re.compile(r'^(entries|books|random|shelves|users|authors|series|tags|entry|pagination|result|results|content)$')
for p,rel in pyfiles():
    t=open(p,encoding='utf-8',errors='replace').read()
    try: tree=ast.parse(t)
    except SyntaxError: continue
    lines=t.splitlines()
    for fn in ast.walk(tree):
        if not isinstance(fn,(ast.FunctionDef,ast.AsyncFunctionDef)): continue
        commits=[]; conns=[]; closes=[]
        for n in ast.walk(fn):
            if isinstance(n,ast.Call):
                try: c=ast.unparse(n.func)
                except Exception: c=''
                if RENDERF.search(c) and (any(k.arg and LISTKW.match(k.arg) for k in n.keywords) or c.startswith('json')):
                    print(f"RENDER8\t{rel}:{n.lineno}\t{fn.name}\t{lines[n.lineno-1].strip()[:120]}")
                if re.search(r'(^|\.)commit$|session_commit$',c): commits.append(n.lineno)
                if re.search(r'(engine|_engine)\.connect$|(^|\.)create_engine$|(^|\.)scoped_session$|(^|\.)sessionmaker$|init_db_thread$|get_new_session_instance$',c): conns.append(n.lineno)
                if re.search(r'\.(close|dispose|remove)$',c): closes.append(n.lineno)
                if re.search(r'WorkerThread\.add$|(^|\.)Thread$|(^|\.)start_new_thread$',c):
                    print(f"THREAD8\t{rel}:{n.lineno}\t{fn.name}\t{lines[n.lineno-1].strip()[:120]}")
        if len(commits)>=2:
            print(f"COMMITFN8\t{rel}:{fn.lineno}\t{fn.name}\tcommits at {','.join(map(str,sorted(set(commits))))}")
        for c in conns:
            print(f"CONN8\t{rel}:{c}\t{fn.name}\t{lines[c-1].strip()[:100]}\tclose/dispose/remove in function: {','.join(map(str,closes)) or 'none'}")
        if fn.name=='run' and any(isinstance(b,ast.Name) and 'Task' in b.id or isinstance(b,ast.Attribute) for b in []): pass
