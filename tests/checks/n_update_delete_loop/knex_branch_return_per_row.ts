// path: src/stores/audit-store.ts
// stack: knex pg
import type { Knex } from 'knex';

const ENTRIES = 'audit_entries';

export class AuditStore {
    constructor(private db: Knex) {}

    // A `return` inside the per-row callback ends that row only: each
    // matching row still gets its own UPDATE.
    async backfillActors(batch: number): Promise<number> {
        const rows = await this.db(ENTRIES).whereNull('actor_id').limit(batch).select('*');
        const pending = rows.map(async (row) => {
            if (row.actor_email) {
                return this.db(ENTRIES) // expect: n_update_delete_loop HIGH
                    .update({ actor_id: row.actor_email })
                    .where({ id: row.id });
            }
            return Promise.resolve();
        });
        await Promise.all(pending);
        return rows.length;
    }

    // Look-alike: the `return` leaves the method, so the UPDATE runs at
    // most once (the first row that matches).
    async claimFirst(batch: number): Promise<string | null> {
        const rows = await this.db(ENTRIES).whereNull('claimed_by').limit(batch).select('*');
        for (const row of rows) {
            if (row.ready) {
                await this.db(ENTRIES).update({ claimed_by: 'worker' }).where({ id: row.id });
                return row.id;
            }
        }
        return null;
    }
}
