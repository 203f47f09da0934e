first()
class A { f: import x; m() { inner() } }
