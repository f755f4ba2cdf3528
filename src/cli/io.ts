/** What a command needs from the outside world; tests pass their own. */
export interface CliIo {
  root: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export type Command = (argv: string[], io: CliIo) => Promise<number>;
