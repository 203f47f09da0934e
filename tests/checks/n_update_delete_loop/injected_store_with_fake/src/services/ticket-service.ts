import type { ITicketStore } from '../stores/ticket-store-type';
import type { IBoardReadModel } from './board-view';

declare const cookieStore: { getAll(): Promise<{ name: string }[]>; delete(name: string): Promise<void> };

export class TicketService {
    private ticketStore: ITicketStore;
    private boardReadModel: IBoardReadModel;

    constructor(stores: { ticketStore: ITicketStore }, boardReadModel: IBoardReadModel) {
        this.ticketStore = stores.ticketStore;
        this.boardReadModel = boardReadModel;
    }

    // One DELETE per open ticket of the queue, through the injected store.
    async purgeQueue(queueId: string): Promise<void> {
        const open = await this.ticketStore.listOpen(queueId);
        for (const ticket of open) {
            await this.ticketStore.dropTicket(ticket.id); // expect: n_update_delete_loop HIGH
        }
    }

    // Look-alike: a member named as a read model is no store by its name;
    // this one is the board's in-memory projection.
    async hideClosed(closed: { id: string }[]): Promise<void> {
        for (const ticket of closed) {
            await this.boardReadModel.dropTicket(ticket.id);
        }
    }

    // Look-alike: a global named like a store is no injected member.
    async forgetCookies(): Promise<void> {
        const cookies = await cookieStore.getAll();
        await Promise.all(cookies.map((c) => cookieStore.delete(c.name)));
    }
}
