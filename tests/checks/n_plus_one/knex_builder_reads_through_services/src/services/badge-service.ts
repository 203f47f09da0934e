import type { IBadgeStore } from '../stores/types';

// Forwards to its store under the same method names.
export class BadgeService {
    private badgeStore: IBadgeStore;

    constructor(stores: { badgeStore: IBadgeStore }) {
        this.badgeStore = stores.badgeStore;
    }

    async getByRule(ruleId: string): Promise<{ id: number }[]> {
        return this.badgeStore.getByRule(ruleId);
    }

    async lookup(name: string): Promise<{ id: number } | undefined> {
        return this.badgeStore.lookup(name);
    }
}
