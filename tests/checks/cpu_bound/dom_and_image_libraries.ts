// path: src/lib/pageTools.ts
// stack: express jsdom jimp himalaya
// Pure-JavaScript DOM building, HTML parsing and image decoding run on
// the event loop, even behind a promise (Jimp decodes in JavaScript).
import { JSDOM } from "jsdom";
import Jimp from "jimp";
import { parse } from "himalaya";

export async function extractTitle(html: string) {
  const dom = new JSDOM(html); // expect: cpu_bound MEDIUM
  return dom.window.document.title;
}

export async function thumbnail(upload: Buffer) {
  const image = await Jimp.read(upload); // expect: cpu_bound MEDIUM
  return image.getBufferAsync(Jimp.MIME_JPEG);
}

export async function bookmarkTree(exported: string) {
  return parse(exported); // expect: cpu_bound MEDIUM
}

// Look-alike: a synchronous helper that no handler or job calls (a
// build step) does not run on a serving event loop.
export function titleOfFile(html: string) {
  const dom = new JSDOM(html);
  return dom.window.document.title;
}
