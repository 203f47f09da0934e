// Per-row writes one provider away: the deletes and renames happen in
// ProfileService, reached through the constructor's parameter property.
import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../services/prisma/prisma.service';
import { ProfileService } from '../../services/profile/profile.service';

@Injectable()
export class CleanupService {
  public constructor(
    private readonly prismaService: PrismaService,
    private readonly profileService: ProfileService
  ) {}

  public async purgeOrphans(userId: string) {
    const orphans = await this.prismaService.assetProfile.findMany({ where: { userId, orders: { none: {} } } });
    for (const orphan of orphans) {
      await this.profileService.removeProfile(orphan.id); // expect: n_update_delete_loop HIGH
    }
  }

  public async normaliseNames(userId: string) {
    const profiles = await this.prismaService.assetProfile.findMany({ where: { userId } });
    await Promise.all(
      profiles.map(async ({ id, name }) => {
        await this.profileService.renameProfile(id, name.trim()); // expect: n_update_delete_loop HIGH
      })
    );
  }

  // Look-alikes: the list helper once; a write per pass that does not
  // depend on the item (the same row each time); the per-row helper once.
  public async purgeAll(userId: string) {
    const orphans = await this.prismaService.assetProfile.findMany({ where: { userId } });
    await this.profileService.removeProfiles(orphans.map(({ id }) => id));
    for (const orphan of orphans) {
      await this.profileService.touchOwner(userId);
    }
    return this.profileService.removeProfile(orphans[0].id);
  }
}
