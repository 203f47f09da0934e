import { Resolver, ResolveField, Parent } from '@nestjs/graphql';
import { PrismaService } from '../prisma/prisma.service';
import { Card, Member } from '../board/board.model';

// Card is returned as a list by the `cards` field of Board: its field
// resolvers run once per card of every board.
@Resolver(() => Card)
export class CardResolver {
  constructor(private readonly prisma: PrismaService) {}

  @ResolveField(() => Member, { nullable: true })
  assignee(@Parent() card: Card) {
    return this.prisma.member.findUnique({ where: { id: card.assigneeId } }); // expect: n_plus_one HIGH
  }
}
