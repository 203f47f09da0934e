// Next.js pages router: the default export of a file under pages/api/.
import { pool } from '../../lib/db';

export default async function handler(req, res) {
  const { rows } = await pool.query('SELECT sku FROM items');
  for (const item of rows) {
    const s = await pool.query('SELECT qty FROM stock WHERE sku = $1', [item.sku]); // expect: n_plus_one HIGH
    item.qty = s.rows[0]?.qty ?? 0;
  }
  res.status(200).json(rows);
}
