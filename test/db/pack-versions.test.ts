/** The pack cache: each version read from the database once, shared, bounded, and not to be changed. */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPackVersions } from '../../server/packs/pack-versions.js';
import { useTestApp } from '../helpers/app.js';
import { importTestPack } from '../helpers/packs.js';

const context = useTestApp();

/** The app's database, counting the statements that read pack content. */
function countingDatabase() {
  const counter = { contentReads: 0 };
  const db = context.app.database.db.withPlugin({
    transformQuery(args) {
      if (args.node.kind === 'SelectQueryNode' && JSON.stringify(args.node).includes('"content"')) counter.contentReads += 1;
      return args.node;
    },
    transformResult: async (args) => args.result,
  });
  return { db, counter };
}

describe('pack versions in memory', () => {
  it('read a version once, however many ask for it at the same time, and hand out the same pack', async () => {
    const { packVersionId } = await importTestPack(context.app, '2.0.0');
    const { db, counter } = countingDatabase();
    const packs = createPackVersions(db);
    const [first, second] = await Promise.all([packs.find(packVersionId), packs.find(packVersionId)]);
    expect(first?.meta.version).toBe('2.0.0');
    expect(second).toBe(first);
    expect(await packs.find(packVersionId)).toBe(first);
    expect(counter.contentReads).toBe(1);
  });

  it('remember nothing for a version that does not exist', async () => {
    const { db, counter } = countingDatabase();
    const packs = createPackVersions(db);
    const unknown = randomUUID();
    expect(await packs.find(unknown)).toBeUndefined();
    expect(await packs.find(unknown)).toBeUndefined();
    expect(counter.contentReads).toBe(2);
  });

  it('keep only as many versions as they may, reading a forgotten one again', async () => {
    const [a, b] = [await importTestPack(context.app, '3.0.0'), await importTestPack(context.app, '3.1.0')];
    const { db, counter } = countingDatabase();
    const packs = createPackVersions(db, 1);
    await packs.find(a.packVersionId);
    await packs.find(b.packVersionId);
    expect((await packs.find(a.packVersionId))?.meta.version).toBe('3.0.0');
    expect(counter.contentReads).toBe(3);
  });

  it('hand out a pack that cannot be changed, since every request shares it', async () => {
    const { packVersionId } = await importTestPack(context.app, '4.0.0');
    const pack = await createPackVersions(context.app.database.db).find(packVersionId);
    expect(() => {
      pack!.scenarios[0]!.title = 'Changed for everyone';
    }).toThrow(TypeError);
    expect(Object.isFrozen(pack!.rubric.criteria[0])).toBe(true);
  });
});
