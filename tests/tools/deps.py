#!/usr/bin/env python3
"""deps.py - checks that dependencies between Lanyard's source files run one way.

Reads every .c and .h under firmware/, sync/ and ui/ (the library and the programs), with
comments and string literals taken out, and finds:

  - every #include "folder/file.h", resolved like the compiler does (-Ifirmware -Isync -Iui
    -Itests, then the including file's folder);
  - every function and variable a .c file defines without `static`, and every identifier that
    names one of them in another file (a call, or a function or table passed by address).

A module is a .c file with the header of the same name beside it (gate.c and gate.h). A header
of no .c of its name (gate_int.h, store.h) belongs to the one module that defines what it
declares; otherwise it is a node of its own (a header of types), and an internal header
(*_int.h) that declares things of several modules has an edge to each of them, so that two files
sharing internals both ways show as a circle. The module graph has an edge A -> B when a file of
A includes a header of B or names something B defines: including a header depends on its
module, even for its types only, so types that two layers share go into a header of types
(records.h, decision.h) or into the lower layer. Names inside a struct, union or enum body are
members, not uses.

Fails (exit 1, one line per problem) on:
  - a circle among modules (each printed with the include or the name behind every edge);
  - a file under firmware/ that includes a header of sync/ or ui/, or names something defined
    there, except firmware/kiosk/kiosk_main.c, the kiosk program that puts them together.

Usage: tests/tools/deps.py [--root DIR] [--graph]   (--graph prints every module edge)
       tests/tools/deps.py --self-test                (checks the checker on small made-up trees)
"""
import os
import re
import sys

INCLUDE_ROOTS = ("firmware", "sync", "ui", "tests")
SCANNED = ("firmware", "sync", "ui")
# The kiosk program's entry point links the firmware, the sync client and the screen together.
LAYER_EXCEPTIONS = {"firmware/kiosk/kiosk_main.c"}
LAYER_RULE = "firmware/ uses neither sync/ nor ui/"
KEYWORDS = {
    "if", "while", "for", "switch", "return", "sizeof", "_Alignof", "__attribute__",
    "_Static_assert", "static_assert", "defined", "__typeof__", "typeof",
}

TOKEN = re.compile(
    r"""(?P<comment>/\*.*?\*/|//[^\n]*)
      | (?P<string>"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')
      | (?P<pp>^[ \t]*\#(?:\\\n|[^\n])*)
      | (?P<ident>[A-Za-z_]\w*)
      | (?P<punct>[{}()\[\];=,.])
      | (?P<other>\S)""",
    re.S | re.M | re.X,
)
INCLUDE = re.compile(r'^[ \t]*#[ \t]*include[ \t]*"([^"]+)"', re.M)
IDENT = re.compile(r"[A-Za-z_]\w*$")
DEFINE = re.compile(r"^[ \t]*#[ \t]*define[ \t]+\w+(?:\([^)]*\))?(.*)", re.S)


class Source:
    def __init__(self, path, text):
        self.path = path
        self.includes = INCLUDE.findall(text)
        self.defined = set()  # symbols defined without static (a .c file)
        self.declared = set()  # functions and variables declared (a header)
        self.names = set()  # every identifier used outside a declaration of its own name
        self._scan(text)

    def _scan(self, text):
        toks = []
        for m in TOKEN.finditer(text):
            kind = m.lastgroup
            if kind in ("comment", "string"):
                continue
            if kind == "pp":
                d = DEFINE.match(m.group())
                if d:  # a macro's body names what its users will call
                    body = re.sub(r'"(?:\\.|[^"\\])*"', "", d.group(1))
                    self.names.update(re.findall(r"[A-Za-z_]\w*", body))
                continue
            t = m.group()
            prev = toks[-1][1] if toks else ""
            arrow = prev == ">" and len(toks) > 1 and toks[-2][1] == "-"
            if kind == "ident" and (prev in ("struct", "enum", "union", ".") or arrow):
                kind, t = "tag", "." + t  # a struct tag or a member: no function or variable
            toks.append((kind, t))
        depth = 0
        stmt = []  # the tokens of the top-level statement being read
        type_body = False  # inside the braces of a struct, union or enum: member names, no uses
        for kind, t in toks:
            if kind == "ident" and depth > 0 and not type_body:
                self.names.add(t)
            if depth == 0:
                if t == "{":
                    type_body = "=" not in stmt and "(" not in stmt and any(
                        k in stmt for k in ("struct", "union", "enum"))
                    if not type_body:
                        self._top_level(stmt, body=True)
                    depth = 1
                    if not type_body:
                        stmt = []
                elif t == ";":
                    self._top_level(stmt, body=False)
                    stmt = []
                else:
                    stmt.append(t)
            elif t == "{":
                depth += 1
            elif t == "}":
                depth -= 1
                if depth == 0:
                    if type_body:  # a struct's declarators follow: keep its specifiers
                        stmt = [x for x in stmt if x not in ("struct", "union", "enum")] + ["}"]
                    else:
                        stmt = []
                    type_body = False

    def _top_level(self, stmt, body):
        """A statement at file scope: a definition when a body follows, else a declaration. What
        it names besides what it declares is a use (a table's initializer, a parameter's type)."""
        stmt = [t for t in stmt if t != "}"]  # declarators after a struct body
        name = self._declares(stmt, body)
        self.names.update({t for t in stmt if IDENT.match(t)} - {name})
        if name is None:
            return
        static = "static" in stmt
        extern = "extern" in stmt
        if (body or "=" in stmt) and not extern:
            if not static and self.path.endswith(".c") and name != "main":
                self.defined.add(name)
        elif not static:
            self.declared.add(name)

    @staticmethod
    def _declares(stmt, body):
        """The function or variable a file-scope statement declares or defines, or None."""
        if not stmt or stmt[0] == "typedef":
            return None
        paren, i = 0, 0
        first_paren = eq = None
        while i < len(stmt):
            t = stmt[i]
            if t == "__attribute__":  # skip __attribute__((...))
                j, d = i + 1, 0
                while j < len(stmt):
                    d += stmt[j] == "("
                    d -= stmt[j] == ")"
                    j += 1
                    if d == 0:
                        break
                i = j
                continue
            if t == "(" and paren == 0 and first_paren is None and eq is None:
                first_paren = i
            if t == "=" and paren == 0 and eq is None:
                eq = i
            paren += t == "("
            paren -= t == ")"
            i += 1
        if first_paren is not None:
            name = stmt[first_paren - 1] if first_paren > 0 else ")"
        elif eq is not None:
            name = _before_brackets(stmt, eq - 1)
        elif not body and len(stmt) >= 2:
            name = _before_brackets(stmt, len(stmt) - 1)
        else:
            return None
        if name is None or not IDENT.match(name) or name in KEYWORDS:
            return None  # a function pointer, or something this reader does not follow
        return name


def _before_brackets(stmt, j):
    """The identifier at or before stmt[j], past any [..] (name[N] = ...)."""
    while j > 0 and stmt[j] == "]":
        while j > 0 and stmt[j] != "[":
            j -= 1
        j -= 1
    return stmt[j] if j >= 0 else None


def load(root):
    files = {}
    for top in SCANNED:
        for d, _, names in os.walk(os.path.join(root, top)):
            for n in names:
                if n.endswith((".c", ".h")):
                    p = os.path.relpath(os.path.join(d, n), root)
                    with open(os.path.join(root, p), encoding="utf-8", errors="replace") as f:
                        files[p] = Source(p, f.read())
    return files


def resolve(root, src, inc):
    for r in INCLUDE_ROOTS:
        p = os.path.join(r, inc)
        if os.path.isfile(os.path.join(root, p)):
            return os.path.normpath(p)
    p = os.path.normpath(os.path.join(os.path.dirname(src), inc))
    return p if os.path.isfile(os.path.join(root, p)) else None


SELF_TESTS = [
    # (what, {path: text}, problems expected: substrings, or [] for none)
    ("two files calling each other", {
        "sync/x/a.c": '#include "x/a.h"\n#include "x/b.h"\nvoid ly_a(void) { ly_b(); }\n',
        "sync/x/a.h": "void ly_a(void);\n",
        "sync/x/b.c": '#include "x/b.h"\n#include "x/a.h"\nvoid ly_b(void) { ly_a(); }\n',
        "sync/x/b.h": "void ly_b(void);\n",
    }, ["circle: sync/x/a.c -> sync/x/b.c -> sync/x/a.c"]),
    ("an internal header implemented on both sides", {
        "firmware/g/g.c": '#include "g/g_int.h"\nvoid ly_g(void) {}\nstatic int n;\n',
        "firmware/g/g.h": "void ly_g(void);\n",
        "firmware/g/rules.c": '#include "g/g_int.h"\nvoid ly_rules(void) {}\n',
        "firmware/g/g_int.h": '#include "g/g.h"\nvoid ly_rules(void);\n',
    }, ["circle:"]),
    ("firmware including sync", {
        "firmware/k/k.c": '#include "c/c.h"\nvoid ly_k(void) { ly_c(); }\n',
        "sync/c/c.c": '#include "c/c.h"\nvoid ly_c(void) {}\n',
        "sync/c/c.h": "void ly_c(void);\n",
    }, ['firmware/k/k.c includes "c/c.h"', "firmware/k/k.c names ly_c"]),
    ("one way: a types header, a table of implementations, statics of the same name", {
        "firmware/s/impl.h": "struct ly_ops { int (*next)(void); };\n"
                             "extern const struct ly_ops ly_one_ops;\n",
        "firmware/s/s.c": '#include "s/impl.h"\nint ly_s(void) { return ly_one_ops.next(); }\n'
                          "static int step(void) { return 0; }\n",
        "firmware/s/one.c": '#include "s/impl.h"\nstatic int step(void) { return 1; }\n'
                            "const struct ly_ops ly_one_ops = {step};\n"
                            "static const struct { int ly_s; } t[1] = {{0}};\n",
    }, []),
]


def self_test():
    import tempfile
    failures = 0
    for what, tree, expected in SELF_TESTS:
        with tempfile.TemporaryDirectory() as d:
            for path, text in tree.items():
                os.makedirs(os.path.join(d, os.path.dirname(path)), exist_ok=True)
                with open(os.path.join(d, path), "w") as f:
                    f.write(text)
            problems = check(d)
        found = all(any(e in p for p in problems) for e in expected)
        ok = found and bool(problems) == bool(expected)
        failures += not ok
        print(f"{'ok' if ok else 'not ok'} - deps self-test: {what}"
              + ("" if ok else f": {problems}"))
    return 1 if failures else 0


def main(argv):
    if "--self-test" in argv:
        return self_test()
    root = argv[argv.index("--root") + 1] if "--root" in argv else "."
    problems, edges, summary = check(root, full=True)
    if "--graph" in argv:
        for (a, b), why in sorted(edges.items()):
            print(f"{a} -> {b}: {why}")
    for p in problems:
        print(p)
    print(summary)
    return 1 if problems else 0


def check(root, full=False):
    """Returns the problems of the tree at root (and, with full, the module edges and a summary)."""
    files = load(root)

    definer = {}  # symbol -> .c file
    for p, s in sorted(files.items()):
        for name in s.defined:
            definer.setdefault(name, p)

    # Modules: a .c file and the header of its name beside it.
    module = {}
    for p in files:
        if p.endswith(".c"):
            module[p] = p
    for p, s in files.items():
        if not p.endswith(".h"):
            continue
        twin = p[:-2] + ".c"
        if twin in files:
            module[p] = twin
            continue
        owners = {definer[n] for n in s.declared if n in definer}
        module[p] = owners.pop() if len(owners) == 1 else p

    edges = {}  # (from module, to module) -> why

    def edge(a, b, why):
        if a != b:
            edges.setdefault((a, b), why)

    problems = []
    for p, s in sorted(files.items()):
        m = module[p]
        lower = p.startswith("firmware/") and p not in LAYER_EXCEPTIONS
        for inc in s.includes:
            target = resolve(root, p, inc)
            if target is None or target not in files:
                continue
            edge(m, module[target], f'{p} includes "{inc}"')
            if lower and not target.startswith("firmware/"):
                problems.append(f'{p} includes "{inc}" ({target}): {LAYER_RULE}')
        for name in sorted(s.names):
            d = definer.get(name)
            if d is None or d == p:
                continue
            edge(m, module[d], f"{p} names {name} ({d})")
            if lower and not d.startswith("firmware/"):
                problems.append(f"{p} names {name}, defined in {d}: {LAYER_RULE}")
        if m == p and p.endswith("_int.h"):  # internals shared by several modules: each
            for name in sorted(s.declared):
                if name in definer:
                    edge(p, module[definer[name]], f"{p} declares {name} ({definer[name]})")

    succ = {}
    for (a, b) in edges:
        succ.setdefault(a, []).append(b)
    for a in succ:
        succ[a].sort()

    # Tarjan's strongly connected components, iteratively.
    index, low, on, stack, sccs = {}, {}, set(), [], []
    counter = [0]
    for start in sorted(set(module.values())):
        if start in index:
            continue
        work = [(start, 0)]
        while work:
            v, i = work.pop()
            if i == 0:
                index[v] = low[v] = counter[0]
                counter[0] += 1
                stack.append(v)
                on.add(v)
            nexts = succ.get(v, [])
            if i < len(nexts):
                work.append((v, i + 1))
                w = nexts[i]
                if w not in index:
                    work.append((w, 0))
                elif w in on:
                    low[v] = min(low[v], index[w])
                continue
            for w in nexts:
                if w in on:
                    low[v] = min(low[v], low[w])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                if len(comp) > 1:
                    sccs.append(sorted(comp))

    for comp in sccs:
        members = set(comp)
        # The shortest circle through the component's first module, by breadth-first search.
        first = comp[0]
        prev, queue, found = {first: None}, [first], None
        while queue and not found:
            nxt = []
            for v in queue:
                for w in succ.get(v, []):
                    if w not in members:
                        continue
                    if w == first:
                        found = v
                        break
                    if w not in prev:
                        prev[w] = v
                        nxt.append(w)
                if found:
                    break
            queue = nxt
        path = [found]
        while prev[path[-1]] is not None:
            path.append(prev[path[-1]])
        path.reverse()
        path.append(first)
        why = "; ".join(edges[(path[i], path[i + 1])] for i in range(len(path) - 1))
        problems.append(f"circle: {' -> '.join(path)} ({why})"
                        + (f"; {len(comp)} modules in all: {', '.join(comp)}"
                           if len(comp) > len(path) - 1 else ""))

    n_mod = len(set(module.values()))
    if problems:
        summary = (f"deps: {len(problems)} problems in {len(files)} files ({n_mod} modules, "
                   f"{len(edges)} edges)")
    else:
        summary = (f"deps: no circles in {len(files)} files ({n_mod} modules, {len(edges)} edges); "
                   f"{LAYER_RULE}")
    return (problems, edges, summary) if full else problems


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
