import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';

export interface Problem {
  /** The data file (relative to the working directory) or the database the problem is in. */
  file: string;
  line?: number;
  severity: 'error' | 'warning';
  message: string;
}

/** One line per problem, as `wuye check` and `wuye start` print it: file:line: severity: message. */
export const formatProblem = (p: Problem) => `${p.file}${p.line ? `:${p.line}` : ''}: ${p.severity}: ${p.message}`;

/**
 * A data file read for checking: its YAML with line numbers kept, so every problem can point at
 * the line to fix (the loaders elsewhere only need the values).
 */
export class YamlSource {
  readonly shown: string;
  readonly doc: Document | undefined;
  readonly problems: Problem[] = [];
  private readonly lines = new LineCounter();

  constructor(readonly file: string) {
    this.shown = path.relative(process.cwd(), file) || file;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      this.problems.push({
        file: this.shown,
        severity: 'error',
        message: `cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      });
      return;
    }
    const doc = parseDocument(text, { lineCounter: this.lines, uniqueKeys: true });
    for (const e of doc.errors)
      this.problems.push({
        file: this.shown,
        line: e.linePos?.[0].line,
        severity: 'error',
        message: e.message.split('\n')[0]!,
      });
    if (doc.errors.length === 0) this.doc = doc;
  }

  value(): unknown {
    return this.doc?.toJS();
  }

  /** The line of the value at `at` (keys of maps, indexes of lists), or of its nearest parent that exists. */
  lineOf(at: ReadonlyArray<PropertyKey>): number | undefined {
    if (!this.doc) return undefined;
    for (let depth = at.length; depth >= 0; depth--) {
      const node = this.doc.getIn(at.slice(0, depth) as unknown[], true);
      if (isNode(node) && node.range) return this.lines.linePos(node.range[0]).line;
    }
    return undefined;
  }

  problem(at: ReadonlyArray<PropertyKey>, message: string, severity: Problem['severity'] = 'error'): Problem {
    return { file: this.shown, line: this.lineOf(at), severity, message };
  }

  /** Parses with the loader's own schema; each issue becomes a problem at its line. */
  parse<T>(schema: z.ZodType<T>): T | undefined {
    if (!this.doc) return undefined;
    const result = schema.safeParse(this.value());
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      this.problems.push(this.problem(issue.path, `${where}${issue.message}`));
    }
    return undefined;
  }
}
