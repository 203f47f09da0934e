def unterminated(:
    s = "no end
    t = '''never closed
class C(
    def m(self): return [1, 2
async def f():
	    mixed_indent = 1
  dedent_wrong = 2
x = f"{unclosed"
y = f"{a!z}"
@decorator
