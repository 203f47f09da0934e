import type { Knex } from 'knex';
import type { ITicketStore } from './ticket-store-type';

const TICKETS = 'tickets';

export class TicketStore implements ITicketStore {
    constructor(private db: Knex) {}

    async listOpen(queueId: string): Promise<{ id: string }[]> {
        return this.db(TICKETS).where({ queue_id: queueId, closed: false }).select('id');
    }

    async dropTicket(id: string): Promise<void> {
        await this.db(TICKETS).where({ id }).del();
    }
}
