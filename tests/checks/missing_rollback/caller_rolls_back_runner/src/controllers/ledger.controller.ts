import { Request, Response, NextFunction } from 'express'
import { QueryRunner } from 'typeorm'
import { dataSource } from '../data-source'
import { LedgerService } from '../services/ledger.service'

export class LedgerController {
    public async close(req: Request, res: Response, next: NextFunction) {
        let queryRunner: QueryRunner | undefined
        try {
            queryRunner = dataSource.createQueryRunner()
            await queryRunner.connect()
            const service = new LedgerService()
            await service.close(queryRunner, req.params.id)
            return res.status(204).end()
        } catch (error) {
            if (queryRunner && queryRunner.isTransactionActive) await queryRunner.rollbackTransaction()
            next(error)
        } finally {
            if (queryRunner && !queryRunner.isReleased) await queryRunner.release()
        }
    }

    public async reopen(req: Request, res: Response, next: NextFunction) {
        let queryRunner: QueryRunner | undefined
        try {
            queryRunner = dataSource.createQueryRunner()
            await queryRunner.connect()
            const service = new LedgerService()
            await service.reopen(queryRunner, req.params.id)
            return res.status(204).end()
        } catch (error) {
            next(error)
        } finally {
            if (queryRunner) await queryRunner.release()
        }
    }
}
