import type { Knex } from 'knex';

export interface ILabelStore {
    hasLabel(board: string, name: string): Promise<boolean>;
    save(row: object): Promise<void>;
    touchBoards(boards: string[]): Promise<void>;
}

export class LabelStore implements ILabelStore {
    constructor(private db: Knex) {}

    async hasLabel(board: string, name: string): Promise<boolean> {
        const res = await this.db.raw('SELECT 1 FROM labels WHERE board = ? AND name = ?', [
            board,
            name,
        ]);
        return res.rows.length > 0;
    }

    async save(row: object): Promise<void> {
        await this.db('labels').insert(row);
    }

    // Marks the boards changed, all in one statement.
    async touchBoards(boards: string[]): Promise<void> {
        await this.db('boards').whereIn('id', boards).update({ touched_at: new Date() });
    }
}
