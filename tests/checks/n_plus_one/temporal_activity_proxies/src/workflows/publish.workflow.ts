// A workflow engine's activity proxy: the workflow loops below dispatch
// activities (durable, queued, retried by the worker), so they draw
// nothing; the activity's own per-item query and a directly called helper
// in an ordinary module still do.
import { proxyActivities, sleep } from '@temporalio/workflow';
import type { PublishActivity } from '../activities/publish.activity';

// Workflow code: every call below is a durable dispatch of an activity
// (scheduled on a task queue, run by a worker with its own retries); the
// workflow itself never reaches the database.
const { loadBatch, publishArticle } = proxyActivities<PublishActivity>({
  startToCloseTimeout: '5 minutes',
});

const onQueue = (taskQueue: string) =>
  proxyActivities<PublishActivity>({ startToCloseTimeout: '5 minutes', taskQueue });

export async function publishBatchWorkflow(batchId: string) {
  const articles = await loadBatch(batchId);
  for (const a of articles) {
    await publishArticle(a.id);
    await sleep('1 second');
  }
}

export async function authorsWorkflow(batchId: string, taskQueue: string) {
  const { fetchAuthor } = onQueue(taskQueue);
  const articles = await loadBatch(batchId);
  const authors = [];
  for (const a of articles) {
    authors.push(await fetchAuthor(a.authorId));
  }
  return authors;
}
