// path: src/stores/ticket-store.ts
// stack: knex pg
import type { Knex } from 'knex';

const TICKETS = 'tickets';

export class TicketStore {
    constructor(private db: Knex) {}

    // A batch of rows, then one UPDATE per row: the builder chain ends in
    // `.where(...)`, the statement is the `.update(...)` link before it.
    async assignOwners(batch: number): Promise<number> {
        const rows = await this.db(TICKETS).whereNull('owner_id').limit(batch).select('*');
        const updates = rows.map((row) => {
            return this.db(TICKETS) // expect: n_update_delete_loop HIGH
                .update({ owner_id: row.reporter_id })
                .where({ id: row.id });
        });
        await Promise.all(updates);
        return rows.length;
    }

    // Look-alike: one set-based UPDATE per status bucket (`whereIn`).
    async touch(byStatus: Record<string, number[]>): Promise<void> {
        const now = new Date();
        for (const status of Object.keys(byStatus)) {
            await this.db(TICKETS)
                .update({ touched_at: now })
                .where('status', status)
                .whereIn('id', byStatus[status]);
        }
    }

    // Look-alike: one UPDATE, no loop.
    async close(id: number): Promise<void> {
        await this.db(TICKETS).update({ closed: true }).where({ id });
    }
}
