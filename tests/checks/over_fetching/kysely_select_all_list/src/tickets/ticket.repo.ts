// Kysely repository of a helpdesk. Lists asked with `.selectAll()` ship
// every column of a wide table (ticket bodies, custom-field JSON, an
// agent's password hash) to a list screen that shows a handful of them.
import { Injectable } from '@nestjs/common';
import { Kysely, sql } from 'kysely';
import { DB } from '../db/db';
import { paginate } from './paginate';

@Injectable()
export class TicketRepo {
  constructor(private readonly db: Kysely<DB>) {}

  async openTicketsOfQueue(queueId: string) {
    return this.db
      .selectFrom('tickets')
      .selectAll() // expect: over_fetching MEDIUM
      .where('queueId', '=', queueId)
      .where('status', '=', 'open')
      .orderBy('createdAt', 'desc')
      .execute();
  }

  async agentsOfQueue(queueId: string) {
    const rows = await this.db
      .selectFrom('queueAgents')
      .innerJoin('agents', 'agents.id', 'queueAgents.agentId')
      .selectAll('agents') // expect: over_fetching LOW
      .where('queueAgents.queueId', '=', queueId)
      .execute();
    return rows;
  }

  async ticketsPage(workspaceId: string, cursor?: string) {
    const query = this.db
      .selectFrom('tickets')
      .selectAll('tickets') // expect: over_fetching MEDIUM
      .where('workspaceId', '=', workspaceId);
    return paginate(query, { perPage: 50, cursor });
  }

  // Look-alike: one row by its key.
  async findTicket(id: string) {
    return this.db
      .selectFrom('tickets')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
  }

  // Look-alike: the list names its columns.
  async ticketTitles(queueId: string) {
    return this.db
      .selectFrom('tickets')
      .select(['id', 'subject', 'status', 'updatedAt'])
      .where('queueId', '=', queueId)
      .execute();
  }

  // Look-alike: a narrow table (5 columns) in full.
  async macrosOfQueue(queueId: string) {
    return this.db.selectFrom('macros').selectAll().where('queueId', '=', queueId).execute();
  }

  // Look-alike: every column of a CTE that selects ids only.
  async ticketThread(rootId: string) {
    return this.db
      .withRecursive('thread', (qb) =>
        qb
          .selectFrom('tickets')
          .select(['id'])
          .where('id', '=', rootId),
      )
      .selectFrom('thread')
      .selectAll()
      .execute();
  }

  // Look-alike: every column of a subquery aliased `sub`.
  async recentPage(workspaceId: string) {
    const inner = this.db
      .selectFrom('tickets')
      .select(['id', 'subject'])
      .where('workspaceId', '=', workspaceId);
    return this.db.selectFrom(inner.as('sub')).selectAll('sub').execute();
  }

  // Look-alike: the whole rows are copied into new tickets here, not
  // returned: every column is needed.
  async cloneQueue(fromQueueId: string, toQueueId: string) {
    const rows = await this.db
      .selectFrom('tickets')
      .selectAll()
      .where('queueId', '=', fromQueueId)
      .execute();
    await this.db
      .insertInto('tickets')
      .values(rows.map((row) => ({ ...row, id: undefined, queueId: toQueueId })))
      .execute();
    return rows.length;
  }

  // Look-alike: the statement is compiled for a log, never run.
  debugListSql(queueId: string) {
    return this.db.selectFrom('tickets').selectAll().where('queueId', '=', queueId).compile();
  }

  // Look-alike: a raw count.
  async countOpen() {
    return sql<number>`select count(*) from tickets where status = 'open'`.execute(this.db);
  }
}
