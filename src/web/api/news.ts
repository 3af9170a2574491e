export function registerNewsApi(_api: unknown, _db: unknown): void {}
