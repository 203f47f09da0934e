from flask import abort


def first_or_404(loader, *args):
    found = loader(*args)
    if found is None:
        abort(404)
    return found


def load_or_404(loader_name, *args):
    return {"loader": loader_name, "args": args}
