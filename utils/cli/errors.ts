/** The CLI's input error, in a module of its own: the entry point needs it without loading the input layer. */

/** A file the CLI cannot use: printed as `renkei: FILE: reason`, exit status 2. */
export class CliInputError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}
