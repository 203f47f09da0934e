// path: src/services/reviews/index.ts
// stack: express typeorm
// A review stores the handful of pipelines its author picked as a JSON
// array in one text column. Walking that decoded list reads a few rows,
// not a table: silent (index loop and for...of). A loop over the rows
// of a table read stays reported.
import { DataSource } from 'typeorm';
import { Review, Pipeline, Stage, Runner } from '../entities';

export async function staleness(db: DataSource, reviewId: string, owner: string) {
  const review = await db.getRepository(Review).findOneBy({ id: reviewId });
  if (!review) return [];
  const pipelineIds = review.pipelineIds ? JSON.parse(review.pipelineIds) : [];
  const stale = [];
  for (let i = 0; i < pipelineIds.length; i++) {
    const p = await db.getRepository(Pipeline).findOneBy({ id: pipelineIds[i], owner }); // silent: a list decoded from one column
    if (!p) stale.push(pipelineIds[i]);
  }
  const picked = JSON.parse(review.pipelineIds);
  for (const id of picked) {
    const p = await db.getRepository(Pipeline).findOneBy({ id }); // silent: a list decoded from one column
    if (p) stale.push(p.name);
  }
  return stale;
}

export async function allStages(db: DataSource, owner: string) {
  const stages = await db.getRepository(Stage).findBy({ owner });
  const names = [];
  for (const st of stages) {
    const r = await db.getRepository(Runner).findOneBy({ id: st.runnerId }); // expect: n_plus_one MEDIUM
    if (r) names.push(r.name);
  }
  return names;
}
