// A setup function whose one call keeps its promise in a static field
// and runs only while that field is unset: it runs once per process,
// like start-up code, however often the worker asks for it.
import { readFileSync } from "node:fs";

let rules: unknown = null;

function loadRules() {
  rules = JSON.parse(readFileSync("/etc/crawler/rules.json", "utf8"));
}

export async function initializeCrawler(): Promise<void> {
  loadRules();
  await Promise.resolve();
}

export class CrawlerWorker {
  private static initPromise: Promise<void> | null = null;

  private static ensureInitialized() {
    if (!CrawlerWorker.initPromise) {
      CrawlerWorker.initPromise = initializeCrawler();
    }
    return CrawlerWorker.initPromise;
  }

  async run(url: string) {
    await CrawlerWorker.ensureInitialized();
    return { url, rules };
  }
}

// Look-alike: memoised per key, so it runs once per page, not once.
const templates: Record<string, string> = {};

function loadTemplate(name: string) {
  return readFileSync(`/etc/crawler/${name}.html`, "utf8"); // expect: blocking_io MEDIUM
}

export async function render(name: string) {
  if (!templates[name]) {
    templates[name] = loadTemplate(name); // expect: blocking_io MEDIUM
  }
  return templates[name];
}
