// The bot keeps its settings in a JSON file next to it.
import fs from 'fs';

export function set(file: string, key: string, value: string) {
  const data = JSON.parse(fs.readFileSync(file, 'utf-8'));
  data[key] = value;
  fs.writeFileSync(file, JSON.stringify(data));
}
