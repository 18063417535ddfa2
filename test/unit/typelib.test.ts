// The simulator's type library table, in plain Node: the SDK header (src/wua/wuapi_sdk.h) and the
// dispatch IDs (test/sim/typelib/dispatch-ids.json) describe the same members, and a member that
// one of them lacks stops the build rather than leaving a script without it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

interface Member { name: string; kind: 'get' | 'put' | 'method'; dispid: number; restricted: boolean; params: { type: string; pointers: number; name: string }[] }
interface Interface { name: string; iid: string; parent: string; dual: boolean; hidden: boolean; members: Member[] }
interface Generator {
  DISPATCH_IDS: string;
  describeTypeLibrary(header: string, ids: unknown): { interfaces: Interface[]; enums: { name: string }[]; libraryId: string };
}

const root = path.resolve(__dirname, '..', '..');
const header = readFileSync(path.join(root, 'src', 'wua', 'wuapi_sdk.h'), 'utf8');
let generator: Generator;
let ids: Record<string, { dispids: Record<string, string> }>;

beforeAll(async () => {
  generator = await import(pathToFileURL(path.join(root, 'test', 'sim', 'typelib', 'generate.mjs')).href) as Generator;
  ids = JSON.parse(readFileSync(generator.DISPATCH_IDS, 'utf8'));
});

describe('the type library table', () => {
  it('has every interface of the SDK header, each member with its dispatch ID', () => {
    const library = generator.describeTypeLibrary(header, ids);
    expect(library.libraryId).toBe('B596CC9F-56E5-419E-A622-E01BB457431E'); // WUApiLib
    expect(library.interfaces).toHaveLength(78);
    expect(library.enums.map((e) => e.name)).toContain('UpdateOperation');
    for (const i of library.interfaces) for (const m of i.members) expect(Number.isInteger(m.dispid), `${i.name}.${m.name}`).toBe(true);
    const byName = new Map(library.interfaces.map((i) => [i.name, i]));
    // Collections: Item is the default member and _NewEnum the enumerator (DISPID_VALUE, DISPID_NEWENUM).
    expect(byName.get('IUpdateCollection')?.members.filter((m) => m.name === 'Item').map((m) => m.dispid)).toEqual([0, 0]);
    expect(byName.get('IUpdateCollection')?.members.find((m) => m.name === '_NewEnum')?.dispid).toBe(-4);
    // The SDK numbers members in its own order, not the vtable's: IUpdate's KBArticleIDs comes after AcceptEula.
    const update = byName.get('IUpdate')!;
    expect(update.members.find((m) => m.name === 'KBArticleIDs')?.dispid).toBe(0x60020028);
    expect(update.members.find((m) => m.name === 'AcceptEula')?.dispid).toBe(0x60020027);
    // Dual, except the callbacks and IUpdateLockdown, which derive from IUnknown.
    expect(library.interfaces.filter((i) => !i.dual).map((i) => i.name).sort()).toEqual([
      'IDownloadCompletedCallback', 'IDownloadProgressChangedCallback', 'IInstallationCompletedCallback',
      'IInstallationProgressChangedCallback', 'ISearchCompletedCallback', 'IUpdateLockdown',
    ]);
    expect(byName.get('IUpdateInstaller')?.members.filter((m) => m.restricted).map((m) => m.name)).toEqual(['ParentHwnd', 'ParentHwnd']);
    // An enum named by its tag in the header is the typedef in the library.
    expect(byName.get('IUpdateHistoryEntry')?.members.find((m) => m.name === 'Operation')?.params[0]?.type).toBe('UpdateOperation');
  });

  it('stops on a member the header has and the table does not, and on one the table has and the header does not', () => {
    const withoutTitle = structuredClone(ids);
    delete withoutTitle.IUpdate!.dispids.Title;
    expect(() => generator.describeTypeLibrary(header, withoutTitle)).toThrow('IUpdate.Title: no dispatch ID');
    const withExtra = structuredClone(ids);
    withExtra.IUpdate!.dispids.Titel = '0x60020099';
    expect(() => generator.describeTypeLibrary(header, withExtra)).toThrow('IUpdate.Titel: no such member in the header');
    const withoutInterface = structuredClone(ids);
    delete withoutInterface.IUpdate5;
    expect(() => generator.describeTypeLibrary(header, withoutInterface)).toThrow('IUpdate5: no entry in dispatch-ids.json');
  });
});
