/** Start-up progress, one line per step: `[2/5] Starting PostgreSQL... done (1.4s)`. */
export class Progress {
  private index = 0;

  constructor(
    private readonly total: number,
    private readonly write: (line: string) => void = (line) => process.stdout.write(line),
  ) {}

  async step<T>(title: string, run: () => Promise<T> | T): Promise<T> {
    this.index++;
    const started = Date.now();
    this.write(`[${this.index}/${this.total}] ${title}...`);
    try {
      const result = await run();
      this.write(` done (${((Date.now() - started) / 1000).toFixed(1)}s)\n`);
      return result;
    } catch (error) {
      this.write(' failed\n');
      throw error;
    }
  }
}
