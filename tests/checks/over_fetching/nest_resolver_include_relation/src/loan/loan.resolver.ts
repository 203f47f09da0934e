import { Args, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { LoanService } from './loan.service';

class Shelf {
  id: number;
}

@Resolver(() => Shelf)
export class ShelfResolver {
  constructor(private readonly loans: LoanService) {}

  @Query(() => [String])
  borrowerEmails(@Args('shelfId', { type: () => Int }) shelfId: number) {
    return this.loans.emailsOnShelf(shelfId);
  }

  @ResolveField(() => [String])
  borrowerCities(@Parent() shelf: Shelf) {
    return this.loans.citiesOnShelf(shelf.id);
  }
}
