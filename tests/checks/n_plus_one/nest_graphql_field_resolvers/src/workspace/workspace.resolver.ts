import { Resolver, Query, ResolveField, Parent, Int } from '@nestjs/graphql';
import { PrismaService } from '../prisma/prisma.service';
import { Workspace } from './workspace.model';

// look-alike: Workspace is only ever returned one at a time (no `[Workspace]`
// anywhere), so its field resolvers run once per request.
@Resolver(() => Workspace)
export class WorkspaceResolver {
  constructor(private readonly prisma: PrismaService) {}

  @Query(() => Workspace)
  workspace() {
    return this.prisma.workspace.findFirst();
  }

  @ResolveField(() => Int)
  boardCount(@Parent() ws: Workspace) {
    return this.prisma.board.count({ where: { workspaceId: ws.id } });
  }
}
