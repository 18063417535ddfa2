// Scenarios with an update history, for the facade's and the command line's history tests, and
// the entries the product must give for them, worked out from the scenario itself.
import { describeHresult } from '../../lib/errors.js';
import type { CategoryRecord, HistoryEntry } from '../../lib/types.js';

export const CUMULATIVE = '1a2b3c4d-0001-4000-8000-000000000001';
export const DEFENDER = '1a2b3c4d-0002-4000-8000-000000000002';
export const DRIVER = '1a2b3c4d-0003-4000-8000-000000000003';
/** Updates a test installs while it reads the history. */
export const TO_INSTALL = ['1a2b3c4d-0010-4000-8000-000000000010', '1a2b3c4d-0011-4000-8000-000000000011'] as const;
export const WINDOWS_UPDATE_SERVICE = '9482f4b4-e343-43b6-b170-9a65bc822c77';
export const MICROSOFT_UPDATE_SERVICE = '7971f918-a847-4430-9279-4a52d1efe18d';

const MICROSOFT = '56309036-4c77-4dd9-951a-99ee9c246a94';
const WINDOWS_10 = 'a3c2375d-0c8a-42f9-bce0-28333e198407';
const SECURITY = '0fa1201d-4330-4fa8-8ae9-b877473b6441';

export const CATEGORIES = [
  { id: MICROSOFT, name: 'Microsoft', type: 'Company' },
  { id: WINDOWS_10, name: 'Windows 10', type: 'Product', parent: MICROSOFT, description: 'Windows 10 and later', order: 2 },
  { id: SECURITY, name: 'Security Updates', type: 'UpdateClassification', order: 1 },
];

/** A history entry as a scenario writes it (test/sim/README.md, `agent.history[]`). */
export interface ScenarioEntry {
  operation: 'installation' | 'uninstallation';
  resultCode?: HistoryEntry['resultCode'];
  hresult?: string;
  unmappedResultCode?: string;
  date: string;
  updateId: string;
  revision?: number;
  title: string;
  description?: string;
  clientApplicationId?: string;
  supportUrl?: string;
  serverSelection?: HistoryEntry['serverSelection'];
  serviceId?: string;
  uninstallationSteps?: string[];
  uninstallationNotes?: string;
  categories?: string[];
}

/** Four entries, oldest first as a scenario lists them; the last two have one date. */
export const ENTRIES: ScenarioEntry[] = [
  {
    operation: 'installation', resultCode: 'succeeded', date: '2026-08-12T10:00:00Z', updateId: CUMULATIVE, revision: 200,
    title: '2026-08 Cumulative Update for Windows 10 Version 22H2 for x64-based Systems (KB5063709)',
    description: 'Install this update to resolve issues in Windows.', clientApplicationId: 'UpdateOrchestrator',
    supportUrl: 'https://support.microsoft.com/help/5063709', serverSelection: 'windowsUpdate', serviceId: WINDOWS_UPDATE_SERVICE,
    uninstallationNotes: 'This software update can be removed.', uninstallationSteps: ['Open Settings', 'Remove the update'],
    categories: [WINDOWS_10, SECURITY],
  },
  {
    operation: 'installation', resultCode: 'failed', hresult: '0x80070643', unmappedResultCode: '0x80070652',
    date: '2026-09-10T18:00:00.250Z', updateId: DEFENDER, revision: 7,
    title: 'Security Intelligence Update for Microsoft Defender Antivirus - KB2267602 (Version 1.437.12.0)',
    description: 'Install this update to revise the files that are used to detect viruses.', clientApplicationId: 'Windows Defender',
    supportUrl: 'https://go.microsoft.com/fwlink/?LinkId=52661', serverSelection: 'others', serviceId: MICROSOFT_UPDATE_SERVICE,
    categories: [SECURITY],
  },
  {
    operation: 'uninstallation', resultCode: 'succeeded', date: '2026-09-10T18:00:00.250Z', updateId: CUMULATIVE, revision: 200,
    title: '2026-08 Cumulative Update for Windows 10 Version 22H2 for x64-based Systems (KB5063709)',
    description: 'Install this update to resolve issues in Windows.', clientApplicationId: 'wua',
    supportUrl: 'https://support.microsoft.com/help/5063709', serverSelection: 'windowsUpdate', serviceId: WINDOWS_UPDATE_SERVICE,
    categories: [WINDOWS_10, SECURITY],
  },
  {
    operation: 'installation', resultCode: 'succeededWithErrors', hresult: '0x00240003', date: '2026-10-14T09:30:00Z',
    updateId: DRIVER, title: 'Realtek Semiconductor Corp. - Net - 10.68.815.2023', clientApplicationId: 'wua',
  },
];

/** The updates a scenario offers for the tests to install. */
export const UPDATES = TO_INSTALL.map((id, i) => ({
  id, title: `Update to install ${i + 1} (KB50700${i}1)`, kbArticleIds: [`50700${i}1`], isUninstallable: true, state: { isDownloaded: true },
}));

export function historyScenario(name: string, history: ScenarioEntry[] = ENTRIES, extra: Record<string, unknown> = {}): object {
  return { name, categories: CATEGORIES, updates: UPDATES, ...extra, agent: { history, ...(extra.agent as object | undefined) } };
}

/**
 * `count` entries a minute apart from 2020-01-01, oldest first, with the texts that repeat
 * across a real history (clients, services, descriptions, links).
 */
export function longHistory(count: number): ScenarioEntry[] {
  const clients = ['UpdateOrchestrator', 'Windows Defender', 'wua', 'MoUpdateOrchestrator'];
  return Array.from({ length: count }, (_, i): ScenarioEntry => ({
    operation: i % 11 === 0 ? 'uninstallation' : 'installation',
    resultCode: i % 7 === 0 ? 'failed' : 'succeeded',
    ...(i % 7 === 0 ? { hresult: '0x8024200B' } : {}),
    date: new Date(Date.UTC(2020, 0, 1) + i * 60_000).toISOString(),
    updateId: `2b000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    revision: 1 + (i % 3),
    title: `Update ${i} (KB${4500000 + i})`,
    description: `Description ${i % 5}`,
    clientApplicationId: clients[i % clients.length]!,
    supportUrl: `https://support.microsoft.com/help/${i % 9}`,
    serverSelection: 'windowsUpdate',
    serviceId: WINDOWS_UPDATE_SERVICE,
    categories: i % 2 ? [SECURITY] : [],
  }));
}

function hresultOf(text: string | undefined): number {
  return text === undefined ? 0 : Number.parseInt(text, 16) >>> 0;
}

function categoryRecord(id: string): CategoryRecord {
  const category = CATEGORIES.find((c) => c.id === id)!;
  return {
    categoryId: id, name: category.name, type: category.type, description: category.description ?? '',
    order: category.order ?? 0, parentId: category.parent ?? null,
  };
}

/** The entry the product must give for a scenario's entry: every field, from the scenario. */
export function expectedEntry(entry: ScenarioEntry): HistoryEntry {
  const hresult = hresultOf(entry.hresult);
  return {
    operation: entry.operation,
    resultCode: entry.resultCode ?? 'succeeded',
    hresult,
    unmappedResultCode: entry.unmappedResultCode === undefined ? hresult : hresultOf(entry.unmappedResultCode),
    date: new Date(entry.date),
    identity: { updateId: entry.updateId, revisionNumber: entry.revision ?? 1 },
    title: entry.title,
    description: entry.description ?? '',
    clientApplicationId: entry.clientApplicationId ?? '',
    serverSelection: entry.serverSelection ?? 'default',
    serviceId: entry.serviceId ?? '',
    supportUrl: entry.supportUrl ?? '',
    uninstallationNotes: entry.uninstallationNotes ?? '',
    uninstallationSteps: entry.uninstallationSteps ?? [],
    categories: (entry.categories ?? []).map(categoryRecord),
    code: describeHresult(hresult).name,
  };
}

/** A scenario's history as the agent gives it: newest first, the later-recorded first of equal dates. */
export function newestFirst(entries: ScenarioEntry[]): HistoryEntry[] {
  return entries.map((entry, i) => ({ entry, i }))
    .sort((a, b) => Date.parse(b.entry.date) - Date.parse(a.entry.date) || b.i - a.i)
    .map(({ entry }) => expectedEntry(entry));
}
