import assert from 'node:assert/strict';
import { join } from 'node:path';
import { repoRoot } from './reliability/support/root';
import { importCycles, importGraph } from './support/importGraph';

/**
 * No import cycle in src/, type-only imports included. On 0.1.0 ui/services.ts imported the
 * timeline's type, whose commands imported ui/services.ts: the timeline wrote into `Services`
 * after it was built. Wiring goes one way now (src/core.ts hands each part what it needs).
 */
describe('source layout', () => {
  it('has no import cycle in src/ (type-only imports count)', () => {
    const graph = importGraph(join(repoRoot(), 'src'));
    assert.ok(graph.size > 50, `only ${graph.size} files read from src/`);
    assert.ok((graph.get(join('ui', 'services.ts')) ?? []).length > 0, 'type-only imports are read');
    const cycles = importCycles(graph);
    assert.deepEqual(cycles.map((c) => c.join(' → ')), []);
  });

  it('finds a cycle, type-only or not, and shows the path round it', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts', 'd.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', []],
      ['e.ts', ['e.ts']],
    ]);
    assert.deepEqual(importCycles(graph).sort(), [['a.ts', 'b.ts', 'c.ts', 'a.ts'], ['e.ts', 'e.ts']]);
  });
});
