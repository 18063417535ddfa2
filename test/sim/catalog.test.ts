// A 10,000-update catalog from the generator, searched and read in full through the production
// path. The time is printed, not asserted: these machines are shared (npm run bench measures).
import { afterAll, describe, expect, it } from 'vitest';

import { UpdateSession } from '../../lib/index.js';
// @ts-expect-error: a plain ES module without type declarations
import { generateCatalog } from './generate-catalog.mjs';
import { useScenario } from './harness.js';

interface GeneratedCatalog {
  updates: { id: string; type?: string; bundledUpdates?: string[]; state?: { isInstalled?: boolean } }[];
}

const session = new UpdateSession({ clientApplicationId: 'catalog test' });
afterAll(() => session.close());

describe('a 10,000-update catalog', () => {
  it('is searched and read in full, every field of every update', async () => {
    const catalog = (generateCatalog as (options: { count: number; seed: number }) => GeneratedCatalog)({ count: 10_000, seed: 3 });
    useScenario({ ...catalog, name: 'ten thousand' });
    const started = performance.now();
    const result = await session.search('IsInstalled=0 and DeploymentAction=* or IsInstalled=1 and DeploymentAction=*',
      { includePotentiallySupersededUpdates: true });
    const elapsed = performance.now() - started;
    console.log(`searched and read 10,000 updates with all fields in ${elapsed.toFixed(0)} ms`);
    // The bundles' children come after the 10,000 and are offered through their bundles only.
    const children = new Set(catalog.updates.flatMap((u) => u.bundledUpdates ?? []));
    const offered = catalog.updates.filter((u) => !children.has(u.id));
    expect(offered).toHaveLength(10_000);
    expect(result.updates).toHaveLength(10_000);
    expect(new Set(result.updates.map((u) => u.identity.updateId))).toEqual(new Set(offered.map((u) => u.id)));
    const drivers = result.updates.filter((u) => u.type === 'driver');
    expect(drivers.length).toBe(offered.filter((u) => u.type === 'driver').length);
    expect(drivers.every((u) => u.driver !== null && u.driver.entries.length > 0)).toBe(true);
    // A bundle is installed when its children are, and the generator installs them together.
    const installed = (u: GeneratedCatalog['updates'][number]) => u.bundledUpdates
      ? u.bundledUpdates.every((id) => catalog.updates.find((c) => c.id === id)?.state?.isInstalled) : u.state?.isInstalled;
    expect(result.updates.filter((u) => u.isInstalled).length).toBe(offered.filter(installed).length);
    const bundles = result.updates.filter((u) => u.bundledUpdates.length > 0);
    expect(bundles.length).toBeGreaterThan(0);
    expect(bundles.every((u) => u.downloadContents.length === 0 && u.bundledUpdates.every((c) => c.downloadContents.length > 0))).toBe(true);
    for (const update of result.updates) {
      expect(update.title.length).toBeGreaterThan(0);
      expect(update.categories.every((c) => typeof c.name === 'string' && c.name.length > 0)).toBe(true);
    }
    // Records are plain data: the whole result survives JSON.
    expect(JSON.parse(JSON.stringify(result.updates)).length).toBe(10_000);
  });
});
