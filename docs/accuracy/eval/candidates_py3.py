#!/usr/bin/env python3
"""Over-approximating candidate finder, third Python batch (Django + Celery).
usage: candidates_py3.py ROOT SUBDIR [SUBDIR...] [--skip REGEX]
Runs candidates_py2.py unchanged (same arguments; all its kinds), then adds
Django/DRF/Channels kinds from a second AST pass:
  ATOMIC        transaction.atomic() block or decorator: span in lines, and every call
                inside it that looks like network / file / task-queue / subprocess work
                (printed as ATOMIC_IO lines under it)
  SELECT_LOCK   select_for_update( (lock held until the atomic block ends)
  SER_QUERY     DRF serializer method (get_* / to_representation / validate*) whose body
                queries or walks a relation manager (per row of a list response)
  EAGER         select_related / prefetch_related / only / defer / values( uses (to pair with lists)
  QS_LOOP_ATTR  for-loop over a queryset-looking iterable whose body reads x.<fk>.<attr>
                or x.<rel>.all()/count()/exists() (lazy loads per row)
  STREAM        StreamingHttpResponse / FileResponse / AsyncWebsocketConsumer / async consumers
  DBCONF        DATABASES / CONN_MAX_AGE / CONN_HEALTH_CHECKS / pool options in settings
  SIGNAL        @receiver / .connect( handlers (run per save/delete in loops elsewhere)
  ITER          .iterator( (server-side cursor / chunked reads)
"""
import ast, os, re, subprocess, sys
HERE=os.path.dirname(os.path.abspath(__file__))
args=sys.argv[1:]
sys.stdout.flush()
subprocess.run([sys.executable, os.path.join(HERE,'candidates_py2.py')]+args, check=False)
extra_skip=None
if '--skip' in args:
    i=args.index('--skip'); extra_skip=re.compile(args[i+1]); del args[i:i+2]
ROOT=args[0]; SUBS=args[1:]
SKIP=re.compile(r'(^|/)(tests?|migrations|alembic|node_modules|venv|\.venv|vendor|fixtures)(/|$)|(^|/)test_[^/]*\.py$|_test\.py$|conftest\.py$')
IO=re.compile(r'requests\.|httpx\.|urlopen|urllib|smtp|send_mail|EmailMessage|\.send\(|\.delay\(|apply_async|\.s\(|chord|group\(|subprocess|(^|[^.\w])open\(|shutil\.|os\.(rename|remove|unlink|replace|makedirs)|\.unlink\(|\.rename\(|\.write_|\.read_|\.mkdir\(|copy_file|move|index\.|classifier|llm|embed|parse\(|ocr|imap|IMAP|MailBox|fetch\(|login\(|barcode|pdf|thumbnail|convert')
QUERYISH=re.compile(r'\.objects\b|\.filter\(|\.exclude\(|\.get\(|\.count\(|\.exists\(|\.all\(|\.first\(|\.last\(|\.aggregate\(|\.annotate\(|_set\b|get_objects_for_user|get_users_with_perms|get_groups_with_perms|has_perm')
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
def calls_in(node):
    for x in ast.walk(node):
        if isinstance(x,ast.Call):
            try: yield x, ast.unparse(x.func)
            except Exception: pass
for rel,t in files():
    try: tree=ast.parse(t)
    except SyntaxError: continue
    lines=t.splitlines()
    parents={}
    for p in ast.walk(tree):
        for ch in ast.iter_child_nodes(p): parents[ch]=p
    def encl(n):
        while n in parents:
            n=parents[n]
            if isinstance(n,(ast.FunctionDef,ast.AsyncFunctionDef)): return n.name
        return '<module>'
    for n in ast.walk(tree):
        # transaction.atomic as with-item or decorator
        blocks=[]
        if isinstance(n,(ast.With,ast.AsyncWith)):
            if any(re.search(r'atomic',ast.unparse(i.context_expr)) for i in n.items): blocks.append(n)
        if isinstance(n,(ast.FunctionDef,ast.AsyncFunctionDef)):
            if any(re.search(r'atomic',ast.unparse(d)) for d in n.decorator_list): blocks.append(n)
        for b in blocks:
            span=b.end_lineno-b.lineno+1
            out('ATOMIC',rel,b.lineno,encl(b) if not isinstance(b,ast.FunctionDef) else b.name,lines,f'  [span {span}]')
            for c,name in calls_in(b):
                if IO.search(name+'('): out('ATOMIC_IO',rel,c.lineno,encl(c),lines)
        if isinstance(n,ast.Call):
            try: c=ast.unparse(n.func)
            except Exception: continue
            if c.endswith('select_for_update'): out('SELECT_LOCK',rel,n.lineno,encl(n),lines)
            if re.search(r'(select_related|prefetch_related|\.only|\.defer|\.values|\.values_list)$',c): out('EAGER',rel,n.lineno,encl(n),lines)
            if re.search(r'StreamingHttpResponse|FileResponse',c): out('STREAM',rel,n.lineno,encl(n),lines)
            if c.endswith('.iterator'): out('ITER',rel,n.lineno,encl(n),lines)
            if c.endswith('.connect') and n.args: out('SIGNAL',rel,n.lineno,encl(n),lines)
        if isinstance(n,ast.ClassDef):
            bases=' '.join(ast.unparse(b) for b in n.bases)
            if re.search(r'Consumer',bases): out('STREAM',rel,n.lineno,n.name,lines)
            if re.search(r'Serializer',bases+n.name):
                for m in n.body:
                    if isinstance(m,ast.FunctionDef) and re.match(r'(get_|to_representation|validate)',m.name):
                        body='\n'.join(lines[m.lineno-1:m.end_lineno])
                        if QUERYISH.search(body): out('SER_QUERY',rel,m.lineno,f'{n.name}.{m.name}',lines)
        if isinstance(n,(ast.FunctionDef,ast.AsyncFunctionDef)):
            if any(re.search(r'receiver',ast.unparse(d)) for d in n.decorator_list): out('SIGNAL',rel,n.lineno,n.name,lines)
        if isinstance(n,ast.For) and isinstance(n.target,ast.Name):
            it=ast.unparse(n.iter)
            if re.search(r'objects|filter|queryset|qs\b|\.all\(|docs|documents|_set',it):
                v=n.target.id
                for x in ast.walk(ast.Module(body=n.body,type_ignores=[])):
                    if isinstance(x,ast.Attribute) and isinstance(x.value,ast.Attribute) and isinstance(x.value.value,ast.Name) and x.value.value.id==v:
                        out('QS_LOOP_ATTR',rel,x.lineno,encl(x),lines); break
                    if isinstance(x,ast.Call) and isinstance(x.func,ast.Attribute) and x.func.attr in ('all','count','exists','filter') and isinstance(x.func.value,ast.Attribute) and isinstance(x.func.value.value,ast.Name) and x.func.value.value.id==v:
                        out('QS_LOOP_ATTR',rel,x.lineno,encl(x),lines); break
    if re.search(r'settings',rel):
        for i,l in enumerate(lines,1):
            if re.search(r'DATABASES|CONN_MAX_AGE|CONN_HEALTH|"pool"|pool|max_size|min_size',l): print(f"DBCONF\t{rel}:{i}\t-\t{l.strip()[:150]}")
