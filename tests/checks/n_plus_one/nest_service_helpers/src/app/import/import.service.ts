// A Nest provider calling another provider's Prisma helper per row of a
// query result: the read is one helper away, found through the
// constructor's parameter property `private readonly tagService: TagService`.
import { Injectable } from '@nestjs/common';
import { TagService } from '../../services/tag/tag.service';

@Injectable()
export class ReportService {
  public constructor(private readonly tagService: TagService) {}

  public async parents(userId: string) {
    const tags = await this.tagService.getTagsForUser(userId);
    for (const tag of tags) {
      tag.parent = await this.tagService.getTag({ id: tag.parentId }); // expect: n_plus_one MEDIUM
    }
    return tags;
  }

  // The same read in a per-item callback: Promise.all runs them
  // concurrently, but it is still one query per row.
  public async parentsAtOnce(userId: string) {
    const tags = await this.tagService.getTagsForUser(userId);
    return Promise.all(
      tags.map(async (tag) => {
        return { ...tag, parent: await this.tagService.getTag({ id: tag.parentId }) }; // expect: n_plus_one MEDIUM
      })
    );
  }

  // Look-alikes: a loop over input (not a query result), the helper once.
  public async check(ids: string[]) {
    for (const id of ids) {
      if (!id) {
        return null;
      }
    }
    return this.tagService.getTag({ id: ids[0] });
  }
}
