// Next.js app router: exported GET/POST of a route.ts are request handlers.
import { pool } from '../../../lib/db';

export async function GET(request: Request) {
  const { rows } = await pool.query('SELECT id, customer_id FROM orders WHERE open');
  for (const row of rows) {
    const c = await pool.query('SELECT name FROM customers WHERE id = $1', [row.customer_id]); // expect: n_plus_one HIGH
    row.customer = c.rows[0];
  }
  return Response.json(rows);
}

// not an HTTP verb: a helper the handler could call, never reached here
export async function preview(ids: number[]) {
  const { rows } = await pool.query('SELECT id FROM orders WHERE id = ANY($1)', [ids]);
  return rows;
}
