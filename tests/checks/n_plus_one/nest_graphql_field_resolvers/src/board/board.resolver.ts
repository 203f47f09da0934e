import { Resolver, Query, ResolveField, Parent, Args, Int } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { BoardService } from './board.service';
import { Board, Card, Member } from './board.model';

@Resolver(() => Board)
export class BoardResolver {
  constructor(
    private readonly boardService: BoardService,
    private readonly membersLoader: DataLoader<string, Member>,
  ) {}

  @Query(() => [Board], { description: 'Boards of a workspace' })
  boards(@Args('workspaceId') workspaceId: string) {
    return this.boardService.listBoards(workspaceId);
  }

  // one card query per board of `boards`
  @ResolveField(() => [Card])
  cards(@Parent() board: Board) {
    return this.boardService.cardsOf(board.id); // expect: n_plus_one HIGH
  }

  @ResolveField(() => Int)
  async archivedCount(@Parent() board: Board) {
    const n = await this.boardService.countArchived(board.id); // expect: n_plus_one HIGH
    return n;
  }

  // look-alike: batched through a DataLoader, one query per request
  @ResolveField(() => Member)
  owner(@Parent() board: Board) {
    return this.membersLoader.load(board.ownerId);
  }

  // look-alike: reads only the parent's own fields
  @ResolveField(() => String)
  slug(@Parent() board: Board) {
    return board.title.toLowerCase().replace(/\s+/g, '-');
  }
}
