const f = (a, {b = [1, 2}) => {
  return `unterminated ${a
}
class X extends { m() { /* open comment
