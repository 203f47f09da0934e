# PEP 695, match, except*, f-strings (PEP 701), walrus, decorators, async
from __future__ import annotations
import asyncio, time
from typing import Generic

type Pair[T] = tuple[T, T]


class Box[T: (int, str)](Generic[T], metaclass=Meta):
    __tablename__ = "boxes"
    id: Mapped[int] = mapped_column(primary_key=True)

    @property
    def value[U](self, *args: U, key: str = "k", **kw) -> T | None:
        return (yield from self._items) if args else None


@app.get("/x/{id}", response_model=list[Box])
async def handler(id: int, session: AsyncSession = Depends(get_session)):
    match await session.get(Box, id):
        case Box(value=[1, *rest]) | {"k": _} if rest:
            pass
        case None:
            raise HTTPException(404)
    try:
        async with session.begin(), asyncio.timeout(3) as t:
            while (n := await session.scalar(select(func.count()))) > 0:
                await asyncio.to_thread(time.sleep, 1)
    except* (ValueError, KeyError) as eg:
        log(f"{eg!r:>{width}} {'nested' + f"{x:{y}}"} {{literal}}")
    except OSError, TimeoutError:
        pass
    finally:
        await session.close()
    lam = lambda *a, b=1, **k: [x async for x in a if x]
    return {**kw, "v": [*a], 'r': rb'\d+', "u": u"\N{BULLET}"}


def gen():
    global counter
    nonlocal_ok = 1
    for i, (a, b) in enumerate(zip(x, y), start=1):
        yield i; continue
    else:
        del x[0], y
    with (open("f") as f, open("g") as g,):
        f.write(b"""multi
line""" + g.read())
    assert isinstance(f, object), "msg"
    print(*range(10), sep="", end="\n", file=sys.stderr)
    x = 1 if a else 2 if b else 3
    y = not a and b or c
    z = a @ b ** -c // d % e << 1 >> 2 & 3 | 4 ^ ~5
    s = x[1:2, ::3, ...]
    return 0x_ff + 0o17 + 0b1 + 1_000.5e-3j
