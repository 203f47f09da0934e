// The services receive their stores typed by these interfaces.
export interface IBadgeStore {
    getByRule(ruleId: string): Promise<{ id: number }[]>;
    lookup(name: string): Promise<{ id: number } | undefined>;
}

export interface IRuleStore {
    listForFlag(flag: string): Promise<{ id: string; owner: string }[]>;
}
