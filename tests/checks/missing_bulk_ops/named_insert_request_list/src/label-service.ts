import type { ILabelStore } from './label-store';

export class LabelService {
    constructor(private labelStore: ILabelStore) {}

    // Checks for a duplicate, then stores the label through a store the
    // index only knows by its interface.
    async createLabel(board: string, label: { name: string; color: string }): Promise<void> {
        if (await this.labelStore.hasLabel(board, label.name)) {
            throw new Error('duplicate label');
        }
        await this.labelStore.save({ board, ...label });
    }

    // The same, marking the board changed as well: a set-based write the
    // summaries see, of no per-row kind.
    async createMarkedLabel(board: string, label: { name: string; color: string }): Promise<void> {
        if (await this.labelStore.hasLabel(board, label.name)) {
            throw new Error('duplicate label');
        }
        await this.labelStore.save({ board, ...label });
        await this.labelStore.touchBoards([board]);
    }
}
