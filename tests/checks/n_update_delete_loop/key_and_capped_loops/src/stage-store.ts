import type { Knex } from 'knex';

export interface IStageStore {
    setPosition(id: string, position: number): Promise<void>;
    dropLabel(stageId: string, labelId: number): Promise<void>;
    listLabelIds(stageId: string): Promise<number[]>;
    latestRevision(stage: string): Promise<number>;
    listDrafts(owner: string): Promise<{ id: string; createdAt: number }[]>;
    dropDraft(id: string): Promise<void>;
}

export class StageStore implements IStageStore {
    constructor(private db: Knex) {}

    async setPosition(id: string, position: number): Promise<void> {
        await this.db('stages').where({ id }).update({ position });
    }

    async dropLabel(stageId: string, labelId: number): Promise<void> {
        await this.db('stage_labels').where({ stage_id: stageId, label_id: labelId }).del();
    }

    async listLabelIds(stageId: string): Promise<number[]> {
        return this.db('stage_labels').where({ stage_id: stageId }).pluck('label_id');
    }

    async latestRevision(stage: string): Promise<number> {
        const row = await this.db('events').where({ stage }).max('id as id').first();
        return row?.id ?? 0;
    }

    async listDrafts(owner: string): Promise<{ id: string; createdAt: number }[]> {
        return this.db('drafts').where({ owner }).select('id', 'created_at as createdAt');
    }

    async dropDraft(id: string): Promise<void> {
        await this.db('drafts').where({ id }).del();
    }
}
