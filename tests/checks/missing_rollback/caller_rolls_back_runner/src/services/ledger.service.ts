// A service that runs its transaction on a QueryRunner its caller creates
// and hands in. Whether a failed commit is rolled back is the caller's
// business: the caller that owns the runner decides.
import { QueryRunner } from 'typeorm'
import { Ledger, Entry } from '../entities'

export class LedgerService {
    // every caller rolls the runner back in its catch: silent
    public async close(queryRunner: QueryRunner, ledgerId: string): Promise<void> {
        await queryRunner.startTransaction()
        await queryRunner.manager.delete(Entry, { ledgerId })
        await queryRunner.manager.update(Ledger, { id: ledgerId }, { closed: true })
        await queryRunner.commitTransaction()
    }

    // the only caller catches but never rolls back: the runner goes back
    // to its owner inside an aborted transaction
    public async reopen(queryRunner: QueryRunner, ledgerId: string): Promise<void> {
        await queryRunner.startTransaction()
        await queryRunner.manager.update(Ledger, { id: ledgerId }, { closed: false })
        await queryRunner.manager.insert(Entry, { ledgerId, kind: 'reopen' })
        await queryRunner.commitTransaction() // expect: missing_rollback MEDIUM
    }
}
