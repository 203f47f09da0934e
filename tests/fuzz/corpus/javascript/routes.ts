import express, { Request, Response } from "express";
import { Pool } from "pg";
import { PrismaClient, type User } from "@prisma/client";

const pool = new Pool({ max: 20, idleTimeoutMillis: 30_000 });
const prisma = new PrismaClient();
export const router = express.Router();

interface Page<T extends object = User> {
  items: T[];
  next?: string | null;
}

router.get("/users/:id/orders", async (req: Request, res: Response): Promise<void> => {
  const { rows } = await pool.query<{ id: number }>("SELECT id FROM orders WHERE user_id = $1", [req.params.id]);
  for (const row of rows) {
    // one query per order
    const items = await prisma.item.findMany({ where: { orderId: row.id } });
    res.write(`${row.id}: ${items.length}\n`);
  }
  res.end();
});

export class OrderService<T> {
  #cache = new Map<string, T>();
  constructor(private readonly db: Pool) {}

  async total(ids: readonly number[]): Promise<number> {
    const client = await this.db.connect();
    try {
      let sum = 0;
      for (let i = 0; i < ids.length; i++) {
        const r = await client.query("SELECT amount FROM orders WHERE id = $1", [ids[i]]);
        sum += r.rows[0]?.amount ?? 0;
      }
      return sum satisfies number;
    } finally {
      client.release();
    }
  }
}

const re = /a\/b[/]+/giu, tpl = `a ${`nested ${1 + 2}`} b`;
export default (x: unknown): x is string => typeof x === "string" && re.test(x) && !!tpl;
