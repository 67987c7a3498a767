// Errors the engine throws. Every one carries a position when it has one, formatted `line:col: reason`.

/** A syntax error. `message` is `line:col: reason`. */
export class RegoParseError extends Error {
  constructor(readonly reason: string, readonly line: number, readonly column: number) {
    super(`${line}:${column}: ${reason}`);
    this.name = 'RegoParseError';
  }
}

/** A compile error: unsafe variable, unknown function, recursion, refused built-in, redeclaration… */
export class RegoCompileError extends Error {
  /** The module (file) name, when the module had one. */
  module?: string;

  constructor(readonly reason: string, readonly line: number, readonly column: number, module?: string) {
    super(`${line}:${column}: ${reason}`);
    this.name = 'RegoCompileError';
    this.module = module;
  }
}

/** An evaluation error: conflicting rule outputs, a strict-mode built-in error, a type error in an operator. */
export class RegoEvalError extends Error {
  constructor(message: string, readonly line?: number, readonly column?: number) {
    super(line !== undefined ? `${line}:${column}: ${message}` : message);
    this.name = 'RegoEvalError';
  }
}

/** The evaluation budget (steps or wall-clock) was exhausted. */
export class RegoBudgetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegoBudgetError';
  }
}
