import { LocalShelf } from "./local-shelf";

// not a database client: an in-process object with the same method names
export const shelf = new LocalShelf();
