import fs from 'fs';
import express from 'express';
import { noteRoutes } from '../routes/notes.js';

// Reads the secret file named in the environment; only the start path calls it.
function readSettings(): { dbUrl: string } {
    const file = process.env.DB_URL_FILE;
    return { dbUrl: file ? fs.readFileSync(file, 'utf-8').trim() : '' };
}

// Builds the page shell once while the app is assembled.
async function loadShell(dir: string): Promise<string> {
    return fs.readFileSync(`${dir}/index.html`).toString();
}

// Started once, but re-reads the file every minute while the app serves.
async function watchSettings(file: string): Promise<void> {
    while (true) {
        const text = fs.readFileSync(file, 'utf-8'); // expect: blocking_io MEDIUM
        console.log(text.length);
        await new Promise((r) => setTimeout(r, 60000));
    }
}

export async function boot(): Promise<void> {
    const settings = readSettings();
    void watchSettings(settings.dbUrl);
    const shell = await loadShell(settings.dbUrl);
    const app = express();
    app.use('/notes', noteRoutes(shell));
    app.listen(3000);
}

// Called by a request handler (routes/notes.ts): on the request path.
export async function renderBanner(dir: string): Promise<string> {
    return fs.readFileSync(`${dir}/banner.html`).toString(); // expect: blocking_io HIGH
}
