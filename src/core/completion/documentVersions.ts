// The latest version of each open document, so a suggestion computed for an older text is never
// shown. Bounded: a closed document is forgotten, and beyond `max` documents the one noted least
// recently is (a long session opens thousands of files).

export class DocumentVersions {
  private readonly versions = new Map<string, number>();

  constructor(private readonly max = 256) {}

  get size(): number { return this.versions.size; }

  note(filePath: string, version: number): void {
    this.versions.delete(filePath);
    this.versions.set(filePath, version);
    if (this.versions.size > this.max) this.versions.delete(this.versions.keys().next().value as string);
  }

  forget(filePath: string): void {
    this.versions.delete(filePath);
  }

  /** False when a newer version of the request's document has been noted. */
  isCurrent(request: { filePath: string; documentVersion: number }): boolean {
    const v = this.versions.get(request.filePath);
    return v === undefined || v === request.documentVersion;
  }
}
