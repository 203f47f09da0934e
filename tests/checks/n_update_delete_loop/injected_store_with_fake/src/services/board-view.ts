// The board screen's projection of open tickets, kept in memory and
// rebuilt from events; it shares method names with the store.
export interface IBoardReadModel {
    dropTicket(id: string): Promise<void>;
}

export class BoardView implements IBoardReadModel {
    private open = new Map<string, { id: string }>();

    async dropTicket(id: string): Promise<void> {
        this.open.delete(id);
    }
}
