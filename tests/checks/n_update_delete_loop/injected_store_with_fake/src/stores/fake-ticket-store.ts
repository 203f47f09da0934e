import type { ITicketStore } from './ticket-store-type';

// In-memory stand-in used by the unit tests only.
export class FakeTicketStore implements ITicketStore {
    private rows: { id: string; queueId: string }[] = [];

    async listOpen(queueId: string): Promise<{ id: string }[]> {
        return this.rows.filter((r) => r.queueId === queueId);
    }

    async dropTicket(id: string): Promise<void> {
        this.rows = this.rows.filter((r) => r.id !== id);
    }
}
