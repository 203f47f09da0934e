import type { Knex } from 'knex';
import type { IRuleStore } from '../stores/types';
import type { BadgeService } from './badge-service';
import type { OwnerCache } from './owner-cache';

export class RuleService {
    private ruleStore: IRuleStore;
    private badgeService: BadgeService;
    private ownerCache: OwnerCache;

    constructor(
        private db: Knex,
        stores: { ruleStore: IRuleStore },
        badgeService: BadgeService,
        ownerCache: OwnerCache,
    ) {
        this.ruleStore = stores.ruleStore;
        this.badgeService = badgeService;
        this.ownerCache = ownerCache;
    }

    // One badge query per rule the store returned, through the service.
    async rulesWithBadges(flag: string) {
        const rules = await this.ruleStore.listForFlag(flag);
        const out = [];
        for (const rule of rules) {
            const badges = (await this.badgeService.getByRule(rule.id)).map((b) => b.id); // expect: n_plus_one MEDIUM
            out.push({ id: rule.id, badges });
        }
        return out;
    }

    // One row per requested id, read on the table directly.
    async badgesByIds(ids: string[]) {
        const out = [];
        for (const id of ids) {
            out.push(await this.db('badges').where({ id }).first()); // expect: n_plus_one MEDIUM
        }
        return out;
    }

    // One lookup per rule through the service the member is named after
    // (`OwnerCache` has a `lookup` too, and reads nothing).
    async ownerBadges(flag: string) {
        const rules = await this.ruleStore.listForFlag(flag);
        const out = [];
        for (const rule of rules) {
            out.push(await this.badgeService.lookup(rule.owner)); // expect: n_plus_one MEDIUM
        }
        return out;
    }

    // Look-alike: the member is named after the in-memory cache class,
    // whose `lookup` reads nothing.
    async ownersOf(flag: string) {
        const rules = await this.ruleStore.listForFlag(flag);
        const out = [];
        for (const rule of rules) {
            out.push(await this.ownerCache.lookup(rule.owner));
        }
        return out;
    }

    // Look-alike: one pass per owner group of the rules, a handful of
    // keys.
    async badgesPerOwner(flag: string) {
        const rules = await this.ruleStore.listForFlag(flag);
        const byOwner: Record<string, string[]> = {};
        rules.forEach((r) => (byOwner[r.owner] = [...(byOwner[r.owner] ?? []), r.id]));
        return Promise.all(Object.keys(byOwner).map((owner) => this.badgeService.lookup(owner)));
    }

    // Look-alike: the rules are rejected above a configured cap first.
    async badgesCapped(flag: string, config: { ruleLimit: number }) {
        const rules = await this.ruleStore.listForFlag(flag);
        if (rules.length > config.ruleLimit) {
            throw new Error('too many rules');
        }
        return Promise.all(rules.map((rule) => this.badgeService.lookup(rule.owner)));
    }

    // Look-alike: a helper named for adding a row (its guard reads, its
    // builder insert is no read) is a per-item write, not a lookup.
    async badgeEveryRule(flag: string, badge: string) {
        const rules = await this.ruleStore.listForFlag(flag);
        return Promise.all(rules.map((rule) => this.addBadgeToRule(rule.id, badge)));
    }

    async addBadgeToRule(ruleId: string, badge: string): Promise<number> {
        const found = await this.db('badges').where({ name: badge }).first();
        await this.db('rule_badges').insert({ rule_id: ruleId, badge_id: found.id });
        return found.id;
    }

    // Look-alike: a chain passed as a subquery is built, not run per item.
    async rulesWithAnyBadge(flag: string) {
        return this.db('rules')
            .where({ flag_name: flag })
            .whereIn('id', this.db('rule_badges').select('rule_id'));
    }
}
