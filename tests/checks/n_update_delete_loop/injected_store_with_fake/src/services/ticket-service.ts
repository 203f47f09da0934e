import type { ITicketStore } from '../stores/ticket-store-type';

declare const cookieStore: { getAll(): Promise<{ name: string }[]>; delete(name: string): Promise<void> };

export class TicketService {
    private ticketStore: ITicketStore;

    constructor(stores: { ticketStore: ITicketStore }) {
        this.ticketStore = stores.ticketStore;
    }

    // One DELETE per open ticket of the queue, through the injected store.
    async purgeQueue(queueId: string): Promise<void> {
        const open = await this.ticketStore.listOpen(queueId);
        for (const ticket of open) {
            await this.ticketStore.dropTicket(ticket.id); // expect: n_update_delete_loop HIGH
        }
    }

    // Look-alike: a global named like a store is no injected member.
    async forgetCookies(): Promise<void> {
        const cookies = await cookieStore.getAll();
        await Promise.all(cookies.map((c) => cookieStore.delete(c.name)));
    }
}
