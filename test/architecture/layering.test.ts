import { cruise, type ICruiseResult } from 'dependency-cruiser';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The layering (issue 21): flows are pure (xstate and types only), the store sits at the bottom,
 * and the folders do not import each other in a circle at run time (type-only imports are erased
 * and do not count).
 */
let graph: ICruiseResult;

beforeAll(async () => {
  const result = await cruise(['src', 'flows'], {
    tsPreCompilationDeps: false,
    tsConfig: { fileName: 'tsconfig.json' },
  });
  graph = result.output as ICruiseResult;
}, 60_000);

const local = (path: string) => path.startsWith('src/') || path.startsWith('flows/');
/** A module's folder: `src/<folder>`, `src` for the top-level files, or `flows`. */
const folderOf = (path: string) =>
  path.startsWith('flows/') ? 'flows' : /^src\/[^/]+\//.test(path) ? path.split('/').slice(0, 2).join('/') : 'src';

function runtimeEdges(): Array<{ from: string; to: string }> {
  return graph.modules
    .filter((m) => local(m.source))
    .flatMap((m) => m.dependencies.filter((d) => local(d.resolved)).map((d) => ({ from: m.source, to: d.resolved })));
}

/** Strongly connected groups of folders with more than one member: each is a circle. */
function folderCycles(): string[][] {
  const next = new Map<string, Set<string>>();
  for (const { from, to } of runtimeEdges()) {
    const [a, b] = [folderOf(from), folderOf(to)];
    if (a !== b) next.set(a, (next.get(a) ?? new Set()).add(b));
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        group.push(w);
      } while (w !== v);
      if (group.length > 1) cycles.push(group.sort());
    }
  };
  for (const v of next.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

describe('layering', () => {
  it('flows import only xstate, each other, and types', () => {
    const offending = graph.modules
      .filter((m) => m.source.startsWith('flows/'))
      .flatMap((m) =>
        m.dependencies
          .filter((d) => !d.resolved.startsWith('flows/') && d.module !== 'xstate')
          .map((d) => `${m.source} -> ${d.resolved}`),
      );
    expect(offending).toEqual([]);
  });

  it('the store imports nothing above it at run time', () => {
    const above = runtimeEdges().filter(
      ({ from, to }) => from.startsWith('src/store/') && !to.startsWith('src/store/') && !to.startsWith('src/domain/'),
    );
    expect(above).toEqual([]);
  });

  it('no folders import each other in a circle at run time', () => {
    expect(folderCycles()).toEqual([]);
  });
});
