// The project's database module exports an object holding the client and
// a few helpers; callers take the client out of it by destructuring.
import { PrismaClient } from '@prisma/client';

const client = new PrismaClient();

function transaction(work: any) {
  return client.$transaction(work);
}

export default { client, transaction };
