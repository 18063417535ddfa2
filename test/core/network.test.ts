// Where a search goes: online or on the agent's local data, to which server; and that downloads
// go to the server the update was found on, since IUpdateDownloader has no server selection of
// its own. The simulator records each request and plays a machine without a network.
import { describe, expect, it } from 'vitest';

import { WindowsUpdateError } from '../../lib/index.js';
import { networkRequests, useScenario } from '../sim/harness.js';
import { DOWNLOADED, NAME_NOT_RESOLVED, networkMachine, OTHER_SERVICE, UPDATE } from './network-machine.js';
import { sessionsPerTest } from './sessions.js';


const sessions = sessionsPerTest({ clientApplicationId: 'network tests' });

/** An air-gapped machine: the agent holds its data, and no update server can be reached. */
function airGapped(network: object = { reachable: false }): object {
  return networkMachine('air-gapped', network);
}

describe('a search', () => {
  it('with online: false stays off the network and finds what the agent holds, where an online one fails', async () => {
    useScenario(airGapped());
    const session = sessions.open();
    const offline = await session.search('IsInstalled=0', { online: false });
    expect(offline.updates.map((update) => update.identity.updateId).sort()).toEqual([UPDATE, DOWNLOADED].sort());
    const error = await session.search('IsInstalled=0').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WindowsUpdateError);
    expect(error).toMatchObject({ code: 'WU_E_PT_WINHTTP_NAME_NOT_RESOLVED', hresult: NAME_NOT_RESOLVED, category: 'network' });
    expect(networkRequests()).toEqual([
      { call: 'search', online: false, serverSelection: 0, serviceId: '', updateId: '', proxy: null, hresult: 0 },
      { call: 'search', online: true, serverSelection: 0, serviceId: '', updateId: '', proxy: null, hresult: NAME_NOT_RESOLVED },
    ]);
  });

  it('fails with the HRESULT the scenario gives a network that cannot be reached', async () => {
    useScenario(airGapped({ reachable: false, hresult: '0x8024401C' }));
    await expect(sessions.open().search()).rejects.toMatchObject({ code: 'WU_E_PT_HTTP_STATUS_REQUEST_TIMEOUT', category: 'network' });
  });

  it('carries its server selection, and its service ID with others, to the agent', async () => {
    useScenario(airGapped({ reachable: true }));
    const session = sessions.open();
    await session.search('', { serverSelection: 'windowsUpdate' });
    await session.search('', { serverSelection: 'managedServer', online: false });
    await session.search('', { serverSelection: 'others', serviceId: OTHER_SERVICE, online: false });
    expect(networkRequests().map(({ online, serverSelection, serviceId }) => ({ online, serverSelection, serviceId }))).toEqual([
      { online: true, serverSelection: 2, serviceId: '' },
      { online: false, serverSelection: 1, serviceId: '' },
      { online: false, serverSelection: 3, serviceId: OTHER_SERVICE },
    ]);
  });
});

describe('downloads and installs after an offline search', () => {
  it('download from the server the update was found on; on an air-gapped machine the download fails, the install of a downloaded update does not', async () => {
    useScenario(airGapped());
    const session = sessions.open();
    const { updates } = await session.search('IsInstalled=0', { serverSelection: 'windowsUpdate', online: false });
    const toDownload = updates.filter((update) => update.identity.updateId === UPDATE);
    const error = await session.download(toDownload).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WindowsUpdateError);
    expect((error as WindowsUpdateError).result?.updates).toMatchObject([{ updateId: UPDATE, resultCode: 'failed', hresult: NAME_NOT_RESOLVED }]);
    expect(networkRequests().at(-1)).toEqual({
      call: 'download', online: true, serverSelection: 2, serviceId: '', updateId: UPDATE, proxy: null, hresult: NAME_NOT_RESOLVED,
    });
    const downloaded = updates.filter((update) => update.identity.updateId === DOWNLOADED);
    await expect(session.install(downloaded)).resolves.toMatchObject({ resultCode: 'succeeded' });
    // The install needed no network: nothing was asked of it after the failed download.
    expect(networkRequests().map((request) => request.call)).toEqual(['search', 'download']);
  });
});
