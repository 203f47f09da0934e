import type { LabelService } from './label-service';

interface BoardImport {
    board: string;
    data: { labels: { name: string; color: string }[]; groups: { labels: { name: string; color: string }[] }[] };
}

export class ImportService {
    private labelService: LabelService;

    constructor(labelService: LabelService) {
        this.labelService = labelService;
    }

    // One guarded INSERT per label of the uploaded file.
    async importLabels(dto: BoardImport): Promise<void> {
        for (const label of dto.data.labels) {
            await this.labelService.createLabel(dto.board, label); // expect: missing_bulk_ops MEDIUM
        }
    }

    // One guarded INSERT per label of the uploaded file, each marking the board.
    async importMarked(dto: BoardImport): Promise<void> {
        for (const label of dto.data.labels) {
            await this.labelService.createMarkedLabel(dto.board, label); // expect: missing_bulk_ops MEDIUM
        }
    }

    // The same through a local taken from the upload, per nested group.
    async importGroups(dto: BoardImport): Promise<void> {
        const groups = dto.data.groups || [];
        for (const group of groups) {
            await Promise.all(
                group.labels.map((label) => this.labelService.createLabel(dto.board, label)), // expect: missing_bulk_ops MEDIUM
            );
        }
    }

    // Look-alike: a list the caller built (the missing defaults, a few).
    async addDefaults(board: string, defaults: { name: string; color: string }[]): Promise<void> {
        for (const label of defaults) {
            await this.labelService.createLabel(board, label);
        }
    }

    // Look-alike: what a helper computed from the upload (the labels the
    // board lacks), not the upload's own list.
    async importMissing(dto: BoardImport): Promise<void> {
        const missing = await this.missingLabels(dto);
        for (const label of missing) {
            await this.labelService.createLabel(dto.board, label);
        }
    }

    // Look-alike: a method of the bare parameter is not a field of it.
    async addSome(board: string, names: string[]): Promise<void> {
        for (const name of names.filter((n) => n.length > 0)) {
            await this.labelService.createLabel(board, { name, color: 'grey' });
        }
    }

    private async missingLabels(dto: BoardImport): Promise<{ name: string; color: string }[]> {
        return dto.data.labels.filter((l) => l.name !== 'default');
    }
}
