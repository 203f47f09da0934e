import type { Knex } from 'knex';
import type { IRuleStore } from './types';

export class RuleStore implements IRuleStore {
    constructor(private db: Knex) {}

    async listForFlag(flag: string): Promise<{ id: string; owner: string }[]> {
        return this.db('rules').where({ flag_name: flag }).orderBy('sort_order');
    }
}
