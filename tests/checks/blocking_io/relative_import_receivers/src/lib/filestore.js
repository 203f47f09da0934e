import fs from "node:fs";

// A JSON file as a store: every write rewrites the file synchronously.
class FileStore {
  constructor(path) {
    this.path = path;
  }
  set(key, value) {
    const data = JSON.parse(fs.readFileSync(this.path, "utf-8")); // expect: blocking_io HIGH
    data[key] = value;
    fs.writeFileSync(this.path, JSON.stringify(data)); // expect: blocking_io HIGH
  }
}

export default new FileStore("./prefs.json");
