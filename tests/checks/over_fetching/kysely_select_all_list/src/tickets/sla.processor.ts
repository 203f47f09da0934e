// A queue worker, not a request: the rows it loads whole feed an SLA
// sweep that runs off the request path (no list endpoint).
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { Kysely } from 'kysely';
import { DB } from '../db/db';

@Processor('sla')
export class SlaProcessor extends WorkerHost {
  constructor(private readonly db: Kysely<DB>) {
    super();
  }

  async process(job: Job<{ queueId: string }>) {
    const late = await this.lateTickets(job.data.queueId);
    return late.length;
  }

  // Look-alike: every column, but for a job.
  async lateTickets(queueId: string) {
    return this.db
      .selectFrom('tickets')
      .selectAll()
      .where('queueId', '=', queueId)
      .where('slaDueAt', '<', new Date())
      .execute();
  }
}
