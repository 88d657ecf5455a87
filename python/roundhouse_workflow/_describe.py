"""A workflow's description read from its source without running it.

Registering a workflow (by API, CLI or folder) happens on the web host, which holds the platform's
secrets: the file is a team's code, so it is parsed, never executed there. The @workflow(...)
arguments must be plain data: literals, lists, dicts, names bound to such data at the file's top
level, and calls of lambdas defined there (the built-ins' `P = lambda t, d, desc, **kw: {...}`).
Top-level imports this machine cannot satisfy mark the workflow unavailable, as `requires` does."""

import ast
import importlib.util

from ._contract import TASKS, Workflow


class NotData(Exception):
    pass


def describe_source(source, filename="workflow.py"):
    tree = ast.parse(source, filename)
    top = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            top[node.targets[0].id] = node.value
    marked = [fn for fn in tree.body if isinstance(fn, ast.FunctionDef) for d in fn.decorator_list if _is_workflow(d)]
    if len(marked) != 1:
        raise SyntaxError(f"{filename}: mark exactly one top-level function with @workflow (found {len(marked)})")
    fn = marked[0]
    decorator = next(d for d in fn.decorator_list if _is_workflow(d))
    kwargs = {}
    if isinstance(decorator, ast.Call):
        if decorator.args:
            raise SyntaxError(f"{filename}:{decorator.lineno}: pass @workflow's arguments by name (tasks=, params=, requires=, description=)")
        evaluator = _Evaluator(top, filename)
        for kw in decorator.keywords:
            if kw.arg is None:
                raise SyntaxError(f"{filename}:{decorator.lineno}: @workflow(**...) cannot be read without running the file")
            kwargs[kw.arg] = evaluator.value(kw.value, {})
    unknown = set(kwargs) - {"tasks", "params", "description", "requires"}
    if unknown:
        raise SyntaxError(f"{filename}:{decorator.lineno}: @workflow has no argument(s) {', '.join(sorted(unknown))}")
    tasks = list(kwargs.get("tasks", TASKS))
    bad = [t for t in tasks if t not in TASKS]
    if bad:
        raise ValueError(f"unknown task(s) {bad}: a workflow supports some of {list(TASKS)}")
    description = kwargs.get("description") or (ast.get_docstring(fn) or "").strip()
    wf = Workflow(None, tasks, dict(kwargs.get("params") or {}), description, list(kwargs.get("requires") or []))
    out = wf.describe()
    imported = [name for name in _top_level_imports(tree) if name not in out["requires"] and name != "roundhouse_workflow"]
    out["missing"] = [m for m in out["requires"] + imported if not _importable(m)]
    out["requires"] = out["requires"] + [m for m in imported if m in out["missing"]]
    return out


def _is_workflow(node):
    target = node.func if isinstance(node, ast.Call) else node
    return (isinstance(target, ast.Name) and target.id == "workflow") or (isinstance(target, ast.Attribute) and target.attr == "workflow")


def _top_level_imports(tree):
    names = []
    for node in tree.body:
        if isinstance(node, ast.Import):
            names += [a.name.split(".")[0] for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module.split(".")[0])
    return list(dict.fromkeys(names))


def _importable(name):
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


class _Evaluator:
    """Plain data out of expressions; anything that would run code is refused."""

    CONSTANTS = {"True": True, "False": False, "None": None}

    def __init__(self, top, filename):
        self.top = top
        self.filename = filename
        self.depth = 0

    def refuse(self, node):
        raise SyntaxError(
            f"{self.filename}:{getattr(node, 'lineno', '?')}: @workflow's arguments must be plain data "
            f"(literals, lists, dicts, top-level names and lambdas); {ast.unparse(node)[:80]!r} cannot be read without running the file"
        )

    def value(self, node, scope):
        self.depth += 1
        try:
            if self.depth > 50:
                self.refuse(node)
            return self._value(node, scope)
        finally:
            self.depth -= 1

    def _value(self, node, scope):
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            return [self.value(e, scope) for e in node.elts]
        if isinstance(node, ast.Dict):
            out = {}
            for k, v in zip(node.keys, node.values):
                if k is None:
                    unpacked = self.value(v, scope)
                    if not isinstance(unpacked, dict):
                        self.refuse(v)
                    out.update(unpacked)
                else:
                    out[self.value(k, scope)] = self.value(v, scope)
            return out
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            v = self.value(node.operand, scope)
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                return -v if isinstance(node.op, ast.USub) else v
        if isinstance(node, ast.Name):
            if node.id in scope:
                return scope[node.id]
            if node.id in self.CONSTANTS:
                return self.CONSTANTS[node.id]
            if node.id in self.top and not isinstance(self.top[node.id], ast.Lambda):
                return self.value(self.top[node.id], {})
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and isinstance(self.top.get(node.func.id), ast.Lambda):
            return self.call(self.top[node.func.id], node, scope)
        self.refuse(node)

    def call(self, fn, node, scope):
        args = fn.args
        if args.vararg or args.posonlyargs or args.kwonlyargs or args.defaults:
            self.refuse(fn)
        names = [a.arg for a in args.args]
        given = [self.value(a, scope) for a in node.args]
        if len(given) > len(names):
            self.refuse(node)
        local = dict(zip(names, given))
        extra = {}
        for kw in node.keywords:
            v = self.value(kw.value, scope)
            if kw.arg is None:
                if not isinstance(v, dict):
                    self.refuse(kw.value)
                extra.update(v)
            elif kw.arg in names:
                local[kw.arg] = v
            else:
                extra[kw.arg] = v
        if set(names) - set(local):
            self.refuse(node)
        if args.kwarg:
            local[args.kwarg.arg] = extra
        elif extra:
            self.refuse(node)
        return self.value(fn.body, local)
