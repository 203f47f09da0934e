// The service is built with a store typed by this interface; the
// application passes the Knex store, the tests pass the in-memory fake.
export interface ITicketStore {
    listOpen(queueId: string): Promise<{ id: string }[]>;
    dropTicket(id: string): Promise<void>;
}
