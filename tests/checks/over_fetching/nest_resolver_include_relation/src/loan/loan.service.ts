import { Injectable } from '@nestjs/common';
import { PrismaService } from './prisma.service';

@Injectable()
export class LoanService {
  constructor(private readonly prisma: PrismaService) {}

  // reached from a GraphQL query: the borrower's whole row for one field
  async emailsOnShelf(shelfId: number) {
    const loans = await this.prisma.loan.findMany({ // expect: over_fetching LOW
      where: { shelfId },
      include: { member: true },
    });
    return loans.map((loan) => loan.member?.email);
  }

  // reached from a field resolver: the same shape
  async citiesOnShelf(shelfId: number) {
    const loans = await this.prisma.loan.findMany({ // expect: over_fetching LOW
      where: { shelfId },
      include: { member: true },
    });
    return loans.map((loan) => loan.member?.city);
  }

  // look-alike: only a nightly job runs this, not a request
  async nightlyNames(shelfId: number) {
    const loans = await this.prisma.loan.findMany({
      where: { shelfId },
      include: { member: true },
    });
    return loans.map((loan) => loan.member?.fullName);
  }
}
