// A repository method of the same name as the service's: it hands in no
// runner, so it says nothing about who rolls the service's runner back.
import { Request, Response } from 'express'
import { dataSource } from '../data-source'
import { Ledger } from '../entities'

export async function closeArchived(req: Request, res: Response) {
    const repo = dataSource.getRepository(Ledger)
    await repo.close({ id: req.params.id })
    res.status(204).end()
}
