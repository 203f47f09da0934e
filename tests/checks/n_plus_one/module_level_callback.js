// path: scripts/backfill.js
// stack: pg
// A per-item callback in a loop at module level (a one-off script): the
// loop has no enclosing function whose values could say where its items
// come from, so it is not followed. It once made the analysis walk a
// missing function (undefined behaviour under UBSan).
const { Pool } = require('pg');

const pool = new Pool();
const ids = process.argv.slice(2);

ids.forEach(async (id) => {
  await pool.query('SELECT name FROM users WHERE id = $1', [id]);
});

for (const id of ids) {
  [1].map(async () => pool.query('SELECT 1 FROM users WHERE id = $1', [id]));
}
