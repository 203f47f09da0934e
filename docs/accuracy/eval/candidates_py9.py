#!/usr/bin/env python3
"""Over-approximating candidate finder, ninth Python batch (Django 4/5 + DRF + Celery,
PostgreSQL; per-request querysets serialized with many=True, Celery tasks fanned out per item).
usage: candidates_py9.py ROOT SUBDIR [SUBDIR...] [--skip REGEX]
Runs candidates_py3.py unchanged (which runs candidates_py2.py: all their kinds), then adds:
  TASK_LOOP9   a Celery .delay( / .apply_async( call inside a for/while loop or comprehension
               (one broker round trip per item; the task body then queries per item)
  MANY9        Serializer(<x>, many=True) call: the serializer class named, and whether that
               class (found anywhere under the SUBDIRs) has a SerializerMethodField getter or a
               nested serializer field (per-row work over a list); classes are matched by
               name only, so a name defined in several modules shows the last one found
  GETTER9      a SerializerMethodField getter (def get_<f>(self, obj)) whose body queries
               (.objects / .filter( / .all() / .count() / .exists() / _set / .values)
  SAVE_IN_LOOP9 .save( / .delete( / .objects.create( / .update( inside a for loop whose
               iterable is a queryset-looking expression or a request payload list
  ATOMIC_SPAN9 every transaction.atomic block with the Celery/HTTP/storage calls inside it
"""
import ast, os, re, subprocess, sys
HERE=os.path.dirname(os.path.abspath(__file__))
args=sys.argv[1:]
sys.stdout.flush()
subprocess.run([sys.executable, os.path.join(HERE,'candidates_py3.py')]+args, check=False)
sys.stdout.flush()
extra_skip=None
if '--skip' in args:
    i=args.index('--skip'); extra_skip=re.compile(args[i+1]); del args[i:i+2]
ROOT=args[0]; SUBS=args[1:]
SKIP=re.compile(r'(^|/)(tests?|migrations|alembic|node_modules|venv|\.venv|vendor|fixtures)(/|$)|(^|/)test_[^/]*\.py$|_test\.py$|conftest\.py$')
Q=re.compile(r'\.objects\b|all_objects|\.filter\(|\.exclude\(|\.all\(\)|\.count\(\)|\.exists\(\)|_set\b|\.values(_list)?\(|\.first\(\)|\.get\(')
IO=re.compile(r'\.delay\(|apply_async|requests\.|httpx|urlopen|s3|boto|storage|send_mail|EmailMultiAlternatives|open\(')
def files():
    for sub in SUBS:
        for dp,dn,fn in os.walk(os.path.join(ROOT,sub)):
            dn.sort()
            for f in sorted(fn):
                p=os.path.join(dp,f); rel=os.path.relpath(p,ROOT)
                if not f.endswith('.py') or SKIP.search(rel) or (extra_skip and extra_skip.search(rel)): continue
                yield rel, open(p,encoding='utf-8',errors='replace').read()
srcs={}; trees={}
for rel,s in files():
    try: trees[rel]=ast.parse(s); srcs[rel]=s.splitlines()
    except SyntaxError as e: print(f"PARSE_ERROR\t{rel}:{e.lineno}\t-\t{e.msg}")
def seg(rel,node): return ast.get_source_segment('\n'.join(srcs[rel]),node) or ''
def line(rel,n): return srcs[rel][n-1].strip()[:150]
# serializer classes: name -> (rel, has_method_field, has_nested)
sers={}
for rel,t in trees.items():
    for c in ast.walk(t):
        if isinstance(c,ast.ClassDef) and any('Serializer' in ast.unparse(b) for b in c.bases):
            body=seg(rel,c)
            sers[c.name]=(rel,c.lineno,'SerializerMethodField' in body, bool(re.search(r'=\s*\w+Serializer\(',body)))
            for f in c.body:
                if isinstance(f,ast.FunctionDef) and f.name.startswith('get_') and Q.search(seg(rel,f)):
                    print(f"GETTER9\t{rel}:{f.lineno}\t{c.name}.{f.name}\t{line(rel,f.lineno)}")
def enclosing(t):
    par={}
    for n in ast.walk(t):
        for ch in ast.iter_child_nodes(n): par[ch]=n
    return par
LOOPS=(ast.For,ast.While,ast.ListComp,ast.SetComp,ast.DictComp,ast.GeneratorExp,ast.AsyncFor)
for rel,t in trees.items():
    par=enclosing(t)
    def fn_of(n):
        while n in par:
            n=par[n]
            if isinstance(n,(ast.FunctionDef,ast.AsyncFunctionDef)): return n.name
        return '-'
    def in_loop(n):
        while n in par:
            n=par[n]
            if isinstance(n,LOOPS): return n
            if isinstance(n,(ast.FunctionDef,ast.AsyncFunctionDef,ast.ClassDef)): return None
        return None
    for n in ast.walk(t):
        if isinstance(n,ast.Call):
            s=ast.unparse(n.func)
            if s.endswith(('.delay','.apply_async')) and in_loop(n) is not None:
                print(f"TASK_LOOP9\t{rel}:{n.lineno}\t{fn_of(n)}\t{line(rel,n.lineno)}")
            if s.split('.')[-1].endswith('Serializer') and any(k.arg=='many' for k in n.keywords):
                name=s.split('.')[-1]; info=sers.get(name)
                tag='unknown' if not info else f"methodfield={info[2]} nested={info[3]} def={info[0]}:{info[1]}"
                print(f"MANY9\t{rel}:{n.lineno}\t{fn_of(n)}\t{name} {tag}")
            if re.search(r'\.(save|delete|update|create|get_or_create|update_or_create)$',s):
                lp=in_loop(n)
                if isinstance(lp,(ast.For,ast.AsyncFor)):
                    it=ast.unparse(lp.iter)
                    if Q.search(it) or re.search(r'request\.data|data\.get|_ids|ids\b',it) or isinstance(lp.iter,ast.Name):
                        print(f"SAVE_IN_LOOP9\t{rel}:{n.lineno}\t{fn_of(n)}\tfor .. in {it[:60]} -> {line(rel,n.lineno)}")
        if isinstance(n,ast.With) and any('atomic' in ast.unparse(i.context_expr) for i in n.items):
            end=getattr(n,'end_lineno',n.lineno)
            print(f"ATOMIC_SPAN9\t{rel}:{n.lineno}-{end}\t{fn_of(n)}\t{end-n.lineno+1} lines")
            for m in ast.walk(n):
                if isinstance(m,ast.Call) and IO.search(ast.unparse(m.func)):
                    print(f"ATOMIC_SPAN9_IO\t{rel}:{m.lineno}\t{fn_of(m)}\t{line(rel,m.lineno)}")
