// The machine the network tests play, at the API and at the command line alike: one update to
// download, one downloaded earlier, and a third-party update service to search by ID.
import { hresult } from '../sim/harness.js';

export const UPDATE = '7b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e';
export const DOWNLOADED = '8c3d4e5f-6a7b-4c8d-8e9f-1a2b3c4d5e6f';
export const OTHER_SERVICE = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
export const NAME_NOT_RESOLVED = Number(hresult('WU_E_PT_WINHTTP_NAME_NOT_RESOLVED'));

/** The scenario `name`, with `network` as the agent's network (agent.network). */
export function networkMachine(name: string, network: object): object {
  return {
    name,
    agent: {
      network,
      services: [{ id: OTHER_SERVICE, name: 'A third-party update service', canRegisterWithAu: false }],
    },
    updates: [
      { id: UPDATE, title: 'Needs downloading', kbArticleIds: ['5091001'], maxDownloadSize: 100 },
      { id: DOWNLOADED, title: 'Downloaded earlier', kbArticleIds: ['5091002'], state: { isDownloaded: true } },
    ],
  };
}
