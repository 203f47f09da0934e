import { Router } from 'express';
import { renderBanner } from '../lib/boot.js';

export function noteRoutes(shell: string): Router {
    const router = Router();
    router.get('/', async (req, res) => {
        const banner = await renderBanner(String(req.query.dir));
        res.send(shell + banner);
    });
    return router;
}
