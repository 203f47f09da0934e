import type { Knex } from 'knex';
import type { IBadgeStore } from './types';

export class BadgeStore implements IBadgeStore {
    constructor(private db: Knex) {}

    // A read written as a select chain on the connection.
    async getByRule(ruleId: string): Promise<{ id: number }[]> {
        const rows = await this.db
            .select(this.columns())
            .from<{ id: number }>('badges')
            .join('rule_badges', 'rule_badges.badge_id', 'badges.id')
            .where('rule_badges.rule_id', '=', ruleId);
        return rows.map((r) => ({ id: r.id }));
    }

    // A read written as a chain on the table.
    async lookup(name: string): Promise<{ id: number } | undefined> {
        return this.db('badges').where({ name }).first();
    }

    columns(): string[] {
        return ['badges.id'];
    }
}
