// path: src/routes/catalog.ts
// stack: express sequelize pg
// A project's own HTTP client has get* methods too; only the getters the
// ORM generates for an association are lazy loads.
import { Router } from 'express';
import { Album } from '../models';

class ChartsApi {
  constructor(private readonly base: string) {}

  public async getGenres(): Promise<{ id: number }[]> {
    const res = await fetch(`${this.base}/genres`);
    return res.json();
  }

  public async getTopAlbums(genre: number): Promise<string[]> {
    const res = await fetch(`${this.base}/top?genre=${genre}`);
    return res.json();
  }
}

const router = Router();

// Look-alike: one remote call per genre on the project's own client, no
// database work (a fan-out to another service, not a query per row).
router.get('/charts', async (req, res) => {
  const charts = new ChartsApi('https://charts.example');
  const genres = await charts.getGenres();
  const out: string[][] = [];
  await Promise.all(
    genres.map(async (g) => {
      const top = await charts.getTopAlbums(g.id);
      out.push(top);
    })
  );
  res.json(out);
});

// The association getter Sequelize generates, per row of findAll.
router.get('/albums', async (req, res) => {
  const albums = await Album.findAll();
  for (const album of albums) {
    album.dataValues.tracks = await album.getTracks(); // expect: n_plus_one HIGH
  }
  res.json(albums);
});

export default router;
