import type { IStageStore } from './stage-store';

export class StageService {
    private stageStore: IStageStore;
    private revisions = new Map<string, number>();

    constructor(stores: { stageStore: IStageStore }, private config: { labelLimit: number }) {
        this.stageStore = stores.stageStore;
    }

    // One UPDATE per stage id of the request body.
    async reorder(body: { order: { id: string; position: number }[] }): Promise<void> {
        await Promise.all(
            body.order.map((o) => this.stageStore.setPosition(o.id, o.position)), // expect: n_update_delete_loop HIGH
        );
    }

    // Look-alike: one pass per key of a small settings object.
    async reorderByName(positions: Record<string, number>): Promise<void> {
        await Promise.all(
            Object.keys(positions).map((name) => this.stageStore.setPosition(name, positions[name])),
        );
    }

    // Look-alike: the keys of an in-memory map of the few stages, one
    // revision read each (the helper is named for an update of the map).
    async refreshAll(): Promise<void> {
        const known = [...this.revisions.keys()];
        await Promise.all(known.map((stage) => this.updateRevision(stage)));
    }

    async updateRevision(stage: string): Promise<number> {
        const latest = await this.stageStore.latestRevision(stage);
        this.revisions.set(stage, latest);
        return latest;
    }

    // Look-alike: the list is capped by configuration before it is handed on.
    async setLabels(stageId: string, labelIds: number[]): Promise<void> {
        if (labelIds.length > this.config.labelLimit) {
            throw new Error('too many labels');
        }
        await this.dropLabels(stageId, labelIds);
    }

    private async dropLabels(stageId: string, labelIds: number[]): Promise<void> {
        await Promise.all(labelIds.map((id) => this.stageStore.dropLabel(stageId, id)));
    }

    // The same parameter name as the capped list above, but its one
    // caller hands on every label the stage has, uncapped: one DELETE per
    // label.
    async clearStage(stageId: string): Promise<void> {
        const labelIds = await this.stageStore.listLabelIds(stageId);
        await this.purgeLabels(stageId, labelIds);
    }

    private async purgeLabels(stageId: string, labelIds: number[]): Promise<void> {
        await Promise.all(labelIds.map((id) => this.stageStore.dropLabel(stageId, id))); // expect: n_update_delete_loop HIGH
    }

    // Look-alike: only the drafts beyond the allowed number, trimmed each
    // time one is saved (normally none or one).
    async trimDrafts(owner: string, maxDrafts: number): Promise<void> {
        const drafts = await this.stageStore.listDrafts(owner);
        const newestFirst = drafts.sort((a, b) => b.createdAt - a.createdAt);
        const excess = newestFirst.slice(maxDrafts);
        await Promise.all(excess.map((d) => this.stageStore.dropDraft(d.id)));
    }

    // One DELETE per draft of the owner.
    async dropAllDrafts(owner: string): Promise<void> {
        const drafts = await this.stageStore.listDrafts(owner);
        await Promise.all(drafts.map((d) => this.stageStore.dropDraft(d.id))); // expect: n_update_delete_loop HIGH
    }
}
