// path: src/stores/board-store.ts
// stack: knex pg
import type { Knex } from 'knex';

export class BoardStore {
    constructor(private db: Knex) {}

    // Copies every card of a board in two set-based statements; the long
    // part is the in-memory row mapping, which holds nothing.
    async copyBoard(from: string, to: string): Promise<void> {
        await this.db.transaction(async (trx) => { // set-based: silent
            const cards = await trx('cards').select('*').where('board', from);
            const copies = cards.map((row) => ({
                board: to,
                    field0: row.field0 ?? null,
                    field1: row.field1 ?? null,
                    field2: row.field2 ?? null,
                    field3: row.field3 ?? null,
                    field4: row.field4 ?? null,
                    field5: row.field5 ?? null,
                    field6: row.field6 ?? null,
                    field7: row.field7 ?? null,
                    field8: row.field8 ?? null,
                    field9: row.field9 ?? null,
                    field10: row.field10 ?? null,
                    field11: row.field11 ?? null,
                    field12: row.field12 ?? null,
                    field13: row.field13 ?? null,
                    field14: row.field14 ?? null,
                    field15: row.field15 ?? null,
                    field16: row.field16 ?? null,
                    field17: row.field17 ?? null,
                    field18: row.field18 ?? null,
                    field19: row.field19 ?? null,
                    field20: row.field20 ?? null,
                    field21: row.field21 ?? null,
                    field22: row.field22 ?? null,
                    field23: row.field23 ?? null,
                    field24: row.field24 ?? null,
                    field25: row.field25 ?? null,
                    field26: row.field26 ?? null,
                    field27: row.field27 ?? null,
                    field28: row.field28 ?? null,
                    field29: row.field29 ?? null,
                    field30: row.field30 ?? null,
                    field31: row.field31 ?? null,
                    field32: row.field32 ?? null,
                    field33: row.field33 ?? null,
                    field34: row.field34 ?? null,
                    field35: row.field35 ?? null,
                    field36: row.field36 ?? null,
                    field37: row.field37 ?? null,
                    field38: row.field38 ?? null,
                    field39: row.field39 ?? null,
                    field40: row.field40 ?? null,
                    field41: row.field41 ?? null,
                    field42: row.field42 ?? null,
                    field43: row.field43 ?? null,
                    field44: row.field44 ?? null,
                    field45: row.field45 ?? null,
                    field46: row.field46 ?? null,
                    field47: row.field47 ?? null,
                    field48: row.field48 ?? null,
                    field49: row.field49 ?? null,
                    field50: row.field50 ?? null,
                    field51: row.field51 ?? null,
                    field52: row.field52 ?? null,
                    field53: row.field53 ?? null,
                    field54: row.field54 ?? null,
            }));
            await trx('cards').insert(copies);
        });
    }

    // The same length, but one UPDATE per card inside the transaction.
    async renumber(board: string): Promise<void> {
        await this.db.transaction(async (trx) => { // expect: long_held_transaction MEDIUM
            const cards = await trx('cards').select('*').where('board', board);
            const plan = cards.map((row) => ({
                id: row.id,
                    field0: row.field0 ?? null,
                    field1: row.field1 ?? null,
                    field2: row.field2 ?? null,
                    field3: row.field3 ?? null,
                    field4: row.field4 ?? null,
                    field5: row.field5 ?? null,
                    field6: row.field6 ?? null,
                    field7: row.field7 ?? null,
                    field8: row.field8 ?? null,
                    field9: row.field9 ?? null,
                    field10: row.field10 ?? null,
                    field11: row.field11 ?? null,
                    field12: row.field12 ?? null,
                    field13: row.field13 ?? null,
                    field14: row.field14 ?? null,
                    field15: row.field15 ?? null,
                    field16: row.field16 ?? null,
                    field17: row.field17 ?? null,
                    field18: row.field18 ?? null,
                    field19: row.field19 ?? null,
                    field20: row.field20 ?? null,
                    field21: row.field21 ?? null,
                    field22: row.field22 ?? null,
                    field23: row.field23 ?? null,
                    field24: row.field24 ?? null,
                    field25: row.field25 ?? null,
                    field26: row.field26 ?? null,
                    field27: row.field27 ?? null,
                    field28: row.field28 ?? null,
                    field29: row.field29 ?? null,
                    field30: row.field30 ?? null,
                    field31: row.field31 ?? null,
                    field32: row.field32 ?? null,
                    field33: row.field33 ?? null,
                    field34: row.field34 ?? null,
                    field35: row.field35 ?? null,
                    field36: row.field36 ?? null,
                    field37: row.field37 ?? null,
                    field38: row.field38 ?? null,
                    field39: row.field39 ?? null,
                    field40: row.field40 ?? null,
                    field41: row.field41 ?? null,
                    field42: row.field42 ?? null,
                    field43: row.field43 ?? null,
                    field44: row.field44 ?? null,
                    field45: row.field45 ?? null,
                    field46: row.field46 ?? null,
                    field47: row.field47 ?? null,
                    field48: row.field48 ?? null,
                    field49: row.field49 ?? null,
                    field50: row.field50 ?? null,
                    field51: row.field51 ?? null,
                    field52: row.field52 ?? null,
                    field53: row.field53 ?? null,
                    field54: row.field54 ?? null,
            }));
            for (const p of plan) {
                await trx('cards').update({ position: p.field0 }).where({ id: p.id }); // expect: n_update_delete_loop HIGH
            }
        });
    }
}
