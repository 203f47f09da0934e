// Another class with a `lookup` method that never reads the database.
export class OwnerCache {
    private names = new Map<string, { id: number }>();

    async lookup(name: string): Promise<{ id: number } | undefined> {
        return this.names.get(name);
    }
}
