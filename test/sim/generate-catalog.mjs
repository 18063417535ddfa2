// A large, realistic scenario for the simulated agent (see README.md): thousands of updates of
// every kind, for benchmarks and for tests that need a catalog the size of a real machine's.
//
//   node test/sim/generate-catalog.mjs [count] [output-file]     (JSON on stdout without a file)
//
// The same count and seed always give the same catalog, so a benchmark or a failing test can be
// rerun against exactly the data it saw.
import { realpathSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Classification GUIDs are the same on every Windows machine; clients filter on them, so the
// catalog must use the real ones.
const CLASSIFICATIONS = {
  security: { id: '0fa1201d-4330-4fa8-8ae9-b877473b6441', name: 'Security Updates', order: 1 },
  critical: { id: 'e6cf1350-c01b-414d-a61f-263d14d133b4', name: 'Critical Updates', order: 2 },
  definition: { id: 'e0789628-ce08-4437-be74-2495b842f43b', name: 'Definition Updates', order: 3 },
  drivers: { id: 'ebfc1fc5-71a4-4f7b-9aca-3b9a503104a0', name: 'Drivers', order: 4 },
  updates: { id: 'cd5ffd1e-e932-4e3a-bf74-18bf0b1bbd83', name: 'Updates', order: 5 },
  featurePacks: { id: 'b54e7d24-7add-428f-8b75-90a396fa584f', name: 'Feature Packs', order: 6 },
};

// Fixed rather than drawn from the seed, so catalogs of different seeds share one category tree.
// Microsoft, Windows and Windows 10 match scenarios/basic.json.
const MICROSOFT = '56309036-4c77-4dd9-951a-99ee9c246a94';
const WINDOWS_FAMILY = '6964aab4-c5b5-43bd-a17d-ffb4346a8e1d';
const OFFICE_FAMILY = '477b856e-65c4-4473-b621-a8b230bb70d9';
const DEVELOPER_TOOLS_FAMILY = '5fd8a9f8-1f2e-4b3c-9d0a-6b7c8d9e0f1a';
const PRODUCTS = {
  windows10: { id: 'a3c2375d-0c8a-42f9-bce0-28333e198407', name: 'Windows 10', family: WINDOWS_FAMILY },
  windows11: { id: '72e7624a-5b00-45d2-b92f-e561c0a6a160', name: 'Windows 11', family: WINDOWS_FAMILY },
  server2022: { id: '71718f13-7324-4c0f-8f6e-0b7d9a2b3c4d', name: 'Microsoft Server operating system-21H2', family: WINDOWS_FAMILY },
  defender: { id: '8c3fcc84-7410-4a95-8b89-a166a0190486', name: 'Microsoft Defender Antivirus', family: WINDOWS_FAMILY },
  drivers: { id: '05eebf61-148b-43cf-80da-1c99ab0b8699', name: 'Windows 10 and later drivers', family: WINDOWS_FAMILY },
  office2016: { id: '25aed893-7c2d-4a31-ae22-28ff8ac150ed', name: 'Office 2016', family: OFFICE_FAMILY },
  office2019: { id: '2b496c37-f722-4e7b-8467-a7ad1e29e7c1', name: 'Office 2019', family: OFFICE_FAMILY },
  dotnet: { id: 'e5f3a6c4-2b1d-4c8e-9f0a-1b2c3d4e5f60', name: '.NET Framework', family: DEVELOPER_TOOLS_FAMILY },
};

const WINDOWS_SERVICE_ID = '9482f4b4-e343-43b6-b170-9a65bc822c77';
const MICROSOFT_UPDATE_SERVICE_ID = '7971f918-a847-4430-9279-4a52d1efe18d';


const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December'];
const MONTH_ABBREVIATIONS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

// The catalog spans the years a long-lived machine accumulates, oldest update first, so that a
// superseding update is always newer than the ones it replaces.
const CATALOG_START = Date.UTC(2019, 0, 8);
const CATALOG_END = Date.UTC(2026, 9, 14);
const DAY_MS = 86_400_000;
const MB = 1024 * 1024;

// mulberry32: tiny, fast and good enough for test data; Math.random cannot be seeded.
function createRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const integer = (min, max) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    integer,
    chance: (probability) => next() < probability,
    pick: (items) => items[Math.floor(next() * items.length)],
    weighted: (choices) => {
      const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
      let roll = next() * total;
      for (const [value, weight] of choices) {
        roll -= weight;
        if (roll < 0) return value;
      }
      return choices[choices.length - 1][0];
    },
    hex: (digits) => Array.from({ length: digits }, () => integer(0, 15).toString(16)).join(''),
  };
}

function createGuidSource(random) {
  const issued = new Set();
  return () => {
    for (;;) {
      const hex = random.hex(32).split('');
      hex[12] = '4';  // version 4, like the GUIDs the update service issues
      hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
      const text = hex.join('');
      const guid = `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
      if (!issued.has(guid)) {
        issued.add(guid);
        return guid;
      }
    }
  };
}

function isoDate(milliseconds) {
  return new Date(milliseconds).toISOString().replace('.000Z', 'Z');
}

function isoDay(milliseconds) {
  return new Date(milliseconds).toISOString().slice(0, 10);
}

// Updates are released on Patch Tuesday (the second Tuesday of the month), as most real ones are.
function patchTuesday(year, month) {
  const firstDay = new Date(Date.UTC(year, month, 1)).getUTCDay();
  const firstTuesday = 1 + ((2 - firstDay + 7) % 7);
  return Date.UTC(year, month, firstTuesday + 7, 17, 0, 0);
}

// The loader accepts any length, but real descriptions run from one to a few sentences; keeping
// them in 100-300 characters gives list views and serialisers realistic text to carry.
function fitDescription(sentences, filler) {
  let text = sentences.join(' ');
  for (const sentence of filler) {
    if (text.length >= 100) break;
    text += ` ${sentence}`;
  }
  if (text.length <= 300) return text;
  const cut = text.lastIndexOf(' ', 296);
  return `${text.slice(0, cut).replace(/[,;:]$/, '')}...`;
}

const DESCRIPTION_FILLER = [
  'For a complete listing of the issues that are included in this update, see the associated Microsoft Knowledge Base article.',
  'After you install this item, you may have to restart your computer.',
];

const WINDOWS_TARGETS = [
  { product: PRODUCTS.windows10, name: 'Windows 10 Version 22H2', file: 'windows10.0', weight: 4 },
  { product: PRODUCTS.windows11, name: 'Windows 11 Version 23H2', file: 'windows11.0', weight: 3 },
  { product: PRODUCTS.windows11, name: 'Windows 11 Version 24H2', file: 'windows11.0', weight: 3 },
  { product: PRODUCTS.server2022, name: 'Microsoft server operating system version 21H2', file: 'windows10.0', weight: 1 },
];
const ARCHITECTURES = [['x64', 8], ['arm64', 1], ['x86', 1]];
const OFFICE_APPLICATIONS = ['Microsoft Office 2016', 'Microsoft Word 2016', 'Microsoft Excel 2016', 'Microsoft Outlook 2016',
  'Microsoft PowerPoint 2016', 'Microsoft Visio 2016', 'Microsoft Access 2016', 'Microsoft Office 2019', 'Microsoft Project 2016'];
const LANGUAGE_SETS = [[['en-US'], 6], [[], 3], [['en-US', 'de-DE', 'fr-FR', 'ja-JP', 'es-ES'], 1], [['de-DE'], 1]];
const LANGUAGE_PACKS = [['de-DE', 'German'], ['fr-FR', 'French'], ['ja-JP', 'Japanese'], ['es-ES', 'Spanish'],
  ['pt-BR', 'Portuguese (Brazil)'], ['zh-CN', 'Chinese (Simplified)']];

const DRIVER_MODELS = [
  { provider: 'Intel Corporation', manufacturer: 'Intel', class: 'Display', model: 'Intel(R) UHD Graphics 770', hardwareId: 'PCI\\VEN_8086&DEV_4680', major: 31 },
  { provider: 'Intel Corporation', manufacturer: 'Intel', class: 'Net', model: 'Intel(R) Wi-Fi 6E AX211 160MHz', hardwareId: 'PCI\\VEN_8086&DEV_51F0', major: 23 },
  { provider: 'Intel Corporation', manufacturer: 'Intel', class: 'System', model: 'Intel(R) Management Engine Interface #1', hardwareId: 'PCI\\VEN_8086&DEV_7AE8', major: 2406 },
  { provider: 'Intel Corporation', manufacturer: 'Intel Corporation', class: 'Bluetooth', model: 'Intel(R) Wireless Bluetooth(R)', hardwareId: 'USB\\VID_8087&PID_0033', major: 23 },
  { provider: 'Realtek Semiconductor Corp.', manufacturer: 'Realtek', class: 'MEDIA', model: 'Realtek High Definition Audio', hardwareId: 'HDAUDIO\\FUNC_01&VEN_10EC&DEV_0295', major: 6 },
  { provider: 'Realtek', manufacturer: 'Realtek', class: 'Net', model: 'Realtek PCIe GbE Family Controller', hardwareId: 'PCI\\VEN_10EC&DEV_8168', major: 10 },
  { provider: 'NVIDIA', manufacturer: 'NVIDIA', class: 'Display', model: 'NVIDIA GeForce RTX 4060 Laptop GPU', hardwareId: 'PCI\\VEN_10DE&DEV_28A0', major: 32 },
  { provider: 'Advanced Micro Devices, Inc.', manufacturer: 'Advanced Micro Devices, Inc.', class: 'Display', model: 'AMD Radeon(TM) Graphics', hardwareId: 'PCI\\VEN_1002&DEV_1681', major: 31 },
  { provider: 'Advanced Micro Devices, Inc', manufacturer: 'Advanced Micro Devices, Inc', class: 'System', model: 'AMD SMBus', hardwareId: 'PCI\\VEN_1022&DEV_790B', major: 5 },
  { provider: 'Synaptics Incorporated', manufacturer: 'Synaptics', class: 'HIDClass', model: 'Synaptics SMBus TouchPad', hardwareId: 'ACPI\\SYN1E57', major: 19 },
  { provider: 'LENOVO', manufacturer: 'LENOVO', class: 'Firmware', model: 'System Firmware 1.38', hardwareId: 'UEFI\\RES_{F1A9B2C3-D4E5-46F7-8A9B-0C1D2E3F4A5B}', major: 1 },
  { provider: 'Dell Inc.', manufacturer: 'Dell Inc.', class: 'Extension', model: 'Dell Optimizer Extension', hardwareId: 'ACPI\\DELQ0001', major: 4 },
];

const SEVERITIES = [['Critical', 3], ['Important', 6], ['Moderate', 1], ['Low', 0.3]];
const INSTALL_FAILURES = ['0x80070643', '0x800F0922', '0x8024200B', '0x80073712', '0x800F081F'];
const CLIENTS = ['UpdateOrchestrator', 'MoUpdateOrchestrator', 'Windows Defender', 'wusa', 'Update;ScanForUpdates'];

/**
 * A scenario object with `count` synthetic updates of every kind Windows Update offers, with
 * categories, supersedence, bundles, licenses, machine state and history; the same arguments
 * always give the same scenario.
 */
export function generateCatalog({ count = 10000, seed = 1 } = {}) {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
  const random = createRandom(seed);
  const newGuid = createGuidSource(random);
  // Fixed GUIDs must never be handed out again as update IDs.
  const reserved = [...Object.values(CLASSIFICATIONS).map((c) => c.id), ...Object.values(PRODUCTS).map((p) => p.id),
    MICROSOFT, WINDOWS_FAMILY, OFFICE_FAMILY, DEVELOPER_TOOLS_FAMILY];
  const guid = () => {
    let id;
    do id = newGuid(); while (reserved.includes(id));
    return id;
  };

  // KB numbers rise with time across the whole catalog, as Microsoft's do.
  let nextKb = 4480000;
  const kbStep = Math.max(1, Math.floor(600000 / Math.max(count, 1)));
  const newKb = () => {
    nextKb += random.integer(1, 2 * kbStep - 1);
    return nextKb;
  };

  // Per product and kind, the updates so far: the pool later ones supersede or bundle (a bundle gets
// children of its own, with the wrapped updates' payloads: giveBundlesChildren).
  const series = new Map();
  // Bundles stay one level deep, as the agent's are: a bundle never wraps another bundle.
  const bundleIds = new Set();
  const earlierInSeries = (key) => (series.get(key) ?? []).filter((id) => !bundleIds.has(id));
  const remember = (key, id) => series.set(key, [...earlierInSeries(key).slice(-3), id]);

  const updates = [];
  for (let index = 0; index < count; index++) {
    const released = CATALOG_START + Math.floor(((CATALOG_END - CATALOG_START) * index) / Math.max(count, 1));
    const releasedOn = new Date(released);
    const releaseDate = patchTuesday(releasedOn.getUTCFullYear(), releasedOn.getUTCMonth()) + random.integer(0, 20) * DAY_MS;
    const kind = random.weighted([['windowsCumulative', 18], ['dotnetCumulative', 9], ['defenderDefinition', 19],
      ['maliciousSoftwareRemoval', 3], ['servicingStack', 6], ['office', 22], ['featurePack', 5], ['platform', 8],
      ['driver', 10]]);
    const update = buildUpdate(kind, { random, guid, newKb, releaseDate, earlierInSeries, remember });
    if (update.bundledUpdates) bundleIds.add(update.id);
    updates.push(update);
  }

  applyMachineState(updates, random);
  const history = buildHistory(updates, random);
  const children = giveBundlesChildren(updates, seed, new Set(reserved));

  return {
    name: `generated-catalog-${count}-seed-${seed}`,
    description: `${count} synthetic updates (seed ${seed}) from test/sim/generate-catalog.mjs: every classification, drivers, supersedence, bundles, licenses, installed and hidden updates.`,
    agent: {
      productVersion: '10.0.22631.4890',
      oemHardwareSupportLink: 'https://support.lenovo.com',
      automaticUpdates: {
        notificationLevel: 4,
        lastSearchSuccessDate: isoDate(CATALOG_END + DAY_MS),
        lastInstallationSuccessDate: isoDate(CATALOG_END - 3 * DAY_MS),
      },
      services: [
        { id: WINDOWS_SERVICE_ID, name: 'Windows Update', isDefaultAuService: true, isRegisteredWithAu: true,
          serviceUrl: 'https://fe2cr.update.microsoft.com/v6/', issueDate: '2019-01-01T00:00:00Z' },
        { id: MICROSOFT_UPDATE_SERVICE_ID, name: 'Microsoft Update', isRegisteredWithAu: true,
          serviceUrl: 'https://fe2cr.update.microsoft.com/v6/', issueDate: '2019-01-01T00:00:00Z' },
      ],
      history,
    },
    categories: buildCategories(),
    updates: [...updates, ...children],
    // Explicitly instant: a catalog this size is for volume, not for timing.
    download: { durationMs: 0 },
    install: { durationMs: 0 },
    uninstall: { durationMs: 0 },
  };
}

function buildCategories() {
  const categories = [
    { id: MICROSOFT, name: 'Microsoft', type: 'Company', description: 'Microsoft Corporation' },
    { id: WINDOWS_FAMILY, name: 'Windows', type: 'ProductFamily', parent: MICROSOFT, description: 'Microsoft Windows operating systems' },
    { id: OFFICE_FAMILY, name: 'Office', type: 'ProductFamily', parent: MICROSOFT, description: 'Microsoft Office' },
    { id: DEVELOPER_TOOLS_FAMILY, name: 'Developer Tools, Runtimes, and Redistributables', type: 'ProductFamily', parent: MICROSOFT },
  ];
  for (const product of Object.values(PRODUCTS)) {
    categories.push({ id: product.id, name: product.name, type: 'Product', parent: product.family });
  }
  for (const classification of Object.values(CLASSIFICATIONS)) {
    categories.push({ id: classification.id, name: classification.name, type: 'UpdateClassification', order: classification.order });
  }
  return categories;
}

function cveIds(random, year, count) {
  const ids = new Set();
  while (ids.size < count) ids.add(`CVE-${year}-${random.integer(20000, 49999)}`);
  return [...ids];
}

function downloadUrl(area, releaseDate, fileName) {
  const date = new Date(releaseDate);
  const month = String(date.getUTCMonth() + 1).padStart(2, '0');
  return `http://download.windowsupdate.com/c/msdownload/update/${area}/${date.getUTCFullYear()}/${month}/${fileName}`;
}

function sizes(random, minimumMb, maximumMb) {
  const maxDownloadSize = random.integer(minimumMb * MB, maximumMb * MB);
  // Express (delta) content makes the smallest download a fraction of the full one.
  return random.chance(0.6)
    ? { maxDownloadSize, minDownloadSize: Math.floor(maxDownloadSize * random.integer(5, 60) / 100) }
    : { maxDownloadSize };
}

function buildUpdate(kind, context) {
  const { random, guid, newKb, releaseDate, earlierInSeries, remember } = context;
  const date = new Date(releaseDate);
  const year = date.getUTCFullYear();
  const yearMonth = `${year}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
  const monthName = `${MONTH_NAMES[date.getUTCMonth()]} ${year}`;
  const id = guid();
  const update = { id, revision: random.integer(1, 300), title: '' };
  let seriesKey = kind;
  let supersedeChance = 0.15;

  const securityFields = (classification, cveCount) => {
    if (classification !== CLASSIFICATIONS.security) return {};
    return {
      msrcSeverity: random.weighted(SEVERITIES),
      cveIds: cveIds(random, year, cveCount),
      securityBulletinIds: [`MS${String(year).slice(2)}-${MONTH_ABBREVIATIONS[date.getUTCMonth()]}`],
    };
  };

  switch (kind) {
    case 'windowsCumulative': {
      const target = random.weighted(WINDOWS_TARGETS.map((t) => [t, t.weight]));
      const architecture = random.weighted(ARCHITECTURES);
      const preview = random.chance(0.25);
      const kb = newKb();
      const classification = preview ? CLASSIFICATIONS.updates : CLASSIFICATIONS.security;
      seriesKey = `${kind}:${target.name}:${architecture}`;
      supersedeChance = 0.45;
      Object.assign(update, {
        title: `${yearMonth} Cumulative Update${preview ? ' Preview' : ''} for ${target.name} for ${architecture}-based Systems (KB${kb})`,
        description: fitDescription([
          preview
            ? `Install this preview to get the non-security fixes planned for next month's update of ${target.name}.`
            : `Install this update to resolve issues in ${target.name}, including the security fixes released in ${monthName}.`,
        ], DESCRIPTION_FILLER),
        kbArticleIds: [String(kb)],
        ...securityFields(classification, random.integer(2, 12)),
        categories: [target.product.id, classification.id],
        languages: random.weighted(LANGUAGE_SETS),
        moreInfoUrls: [`https://support.microsoft.com/help/${kb}`],
        supportUrl: 'https://support.microsoft.com/help/5005103',
        ...sizes(random, 250, 900),
        browseOnly: preview,
        recommendedHardDiskSpace: random.integer(2000, 9000),
        installationBehavior: { rebootBehavior: 'alwaysRequiresReboot', ...(random.chance(0.1) ? { requiresNetworkConnectivity: true } : {}) },
        downloadContents: [
          { url: downloadUrl('software/secu', releaseDate, `${target.file}-kb${kb}-${architecture}.msu`) },
          ...(random.chance(0.4) ? [{ url: downloadUrl('software/secu', releaseDate, `${target.file}-kb${kb}-${architecture}-express.psf`), isDeltaCompressedContent: true }] : []),
        ],
        isUninstallable: random.chance(0.7),
      });
      if (update.downloadContents.length > 1) update.deltaCompressedContentAvailable = true;
      // Since 2021 the monthly update carries the servicing stack update of its product.
      const stackUpdates = earlierInSeries(`servicingStack:${target.name}:${architecture}`);
      if (stackUpdates.length > 0 && random.chance(0.15)) update.bundledUpdates = [stackUpdates[stackUpdates.length - 1]];
      break;
    }
    case 'dotnetCumulative': {
      const target = random.weighted(WINDOWS_TARGETS.map((t) => [t, t.weight]));
      const kb = newKb();
      const classification = random.chance(0.6) ? CLASSIFICATIONS.security : CLASSIFICATIONS.updates;
      seriesKey = `${kind}:${target.name}`;
      supersedeChance = 0.35;
      Object.assign(update, {
        title: `${yearMonth} Cumulative Update for .NET Framework 3.5, 4.8 and 4.8.1 for ${target.name} for x64 (KB${kb})`,
        description: fitDescription([
          `This update contains the latest reliability, security and quality fixes for .NET Framework on ${target.name}.`,
        ], DESCRIPTION_FILLER),
        kbArticleIds: [String(kb)],
        ...securityFields(classification, random.integer(1, 3)),
        categories: [PRODUCTS.dotnet.id, target.product.id, classification.id],
        languages: ['en-US'],
        moreInfoUrls: [`https://support.microsoft.com/help/${kb}`],
        supportUrl: 'https://support.microsoft.com',
        ...sizes(random, 40, 120),
        installationBehavior: { rebootBehavior: random.pick(['canRequestReboot', 'alwaysRequiresReboot']) },
        downloadContents: [{ url: downloadUrl('software/secu', releaseDate, `windows-kb${kb}-x64-ndp481.msu`) }],
        isUninstallable: random.chance(0.5),
      });
      break;
    }
    case 'defenderDefinition': {
      const build = Math.floor((releaseDate - Date.UTC(2019, 0, 1)) / DAY_MS);
      supersedeChance = 0.3;
      Object.assign(update, {
        title: `Security Intelligence Update for Microsoft Defender Antivirus - KB2267602 (Version 1.${291 + Math.floor(build / 7)}.${random.integer(0, 999)}.0)`,
        description: fitDescription([
          'Install this update to revise the files that are used to detect viruses, spyware, and other potentially unwanted software.',
          'Once you have installed this item, it cannot be removed.',
        ], []),
        kbArticleIds: ['2267602'],
        categories: [PRODUCTS.defender.id, CLASSIFICATIONS.definition.id],
        moreInfoUrls: ['https://go.microsoft.com/fwlink/?linkid=2007160'],
        supportUrl: 'https://go.microsoft.com/fwlink/?LinkId=52661',
        ...sizes(random, 1, 120),
        autoSelection: 'alwaysAutoSelect',
        autoDownload: 'alwaysAutoDownload',
        downloadPriority: random.pick(['normal', 'high']),
        installationBehavior: { impact: 'minor', rebootBehavior: 'neverReboots' },
        downloadContents: [{ url: downloadUrl('software/defu', releaseDate, 'am_delta_patch.exe') }],
      });
      break;
    }
    case 'maliciousSoftwareRemoval': {
      const version = 68 + Math.floor((releaseDate - CATALOG_START) / (30.4 * DAY_MS));
      const architecture = random.pick(['x64', 'x86']);
      seriesKey = `${kind}:${architecture}`;
      supersedeChance = 0.6;
      Object.assign(update, {
        title: `Windows Malicious Software Removal Tool ${architecture} - v5.${version} (KB890830)`,
        description: fitDescription([
          'After the download, this tool runs one time to check your computer for infection by specific, prevalent malicious software and helps remove any infection it finds.',
          'If an infection is found, the tool will display a status report the next time that you start your computer.',
        ], []),
        kbArticleIds: ['890830'],
        categories: [PRODUCTS.windows10.id, PRODUCTS.windows11.id, CLASSIFICATIONS.critical.id],
        languages: random.weighted(LANGUAGE_SETS),
        moreInfoUrls: ['https://support.microsoft.com/help/890830'],
        supportUrl: 'https://support.microsoft.com/help/890830',
        ...sizes(random, 40, 80),
        installationBehavior: { rebootBehavior: 'canRequestReboot' },
        downloadContents: [{ url: downloadUrl('software/uprl', releaseDate, `windows-kb890830-${architecture}-v5.${version}.exe`) }],
      });
      break;
    }
    case 'servicingStack': {
      const target = random.weighted(WINDOWS_TARGETS.map((t) => [t, t.weight]));
      const architecture = random.weighted(ARCHITECTURES);
      const kb = newKb();
      const classification = random.chance(0.7) ? CLASSIFICATIONS.security : CLASSIFICATIONS.critical;
      seriesKey = `${kind}:${target.name}:${architecture}`;
      supersedeChance = 0.35;
      Object.assign(update, {
        title: `${yearMonth} Servicing Stack Update for ${target.name} for ${architecture}-based Systems (KB${kb})`,
        description: fitDescription([
          `This update makes quality improvements to the servicing stack, which is the component that installs Windows updates on ${target.name}.`,
        ], DESCRIPTION_FILLER),
        kbArticleIds: [String(kb)],
        ...securityFields(classification, random.integer(1, 2)),
        categories: [target.product.id, classification.id],
        moreInfoUrls: [`https://support.microsoft.com/help/${kb}`],
        supportUrl: 'https://support.microsoft.com',
        ...sizes(random, 10, 25),
        installationBehavior: { impact: 'requiresExclusiveHandling', rebootBehavior: 'neverReboots' },
        downloadContents: [{ url: downloadUrl('software/secu', releaseDate, `ssu-${target.file}-kb${kb}-${architecture}.msu`) }],
      });
      break;
    }
    case 'office': {
      const application = random.pick(OFFICE_APPLICATIONS);
      const bits = random.pick(['32-Bit', '64-Bit']);
      const kb = newKb();
      const classification = random.weighted([[CLASSIFICATIONS.security, 5], [CLASSIFICATIONS.critical, 1], [CLASSIFICATIONS.updates, 4]]);
      const isSecurity = classification === CLASSIFICATIONS.security;
      const product = application.endsWith('2019') ? PRODUCTS.office2019 : PRODUCTS.office2016;
      seriesKey = `${kind}:${application}:${bits}`;
      Object.assign(update, {
        title: `${isSecurity ? 'Security Update' : 'Update'} for ${application} (KB${kb}) ${bits} Edition`,
        description: fitDescription([isSecurity
          ? `A security vulnerability exists in ${application} that could allow arbitrary code to run when a maliciously modified file is opened. This update resolves that vulnerability.`
          : `Microsoft has released an update for ${application} ${bits} Edition. This update provides the latest fixes to ${application}.`,
        ], ['Additionally, this update contains stability and performance improvements.']),
        kbArticleIds: [String(kb)],
        ...securityFields(classification, random.integer(1, 6)),
        categories: [product.id, classification.id],
        languages: random.weighted(LANGUAGE_SETS),
        moreInfoUrls: [`https://support.microsoft.com/kb/${kb}`],
        supportUrl: 'https://support.microsoft.com',
        ...sizes(random, 2, 180),
        installationBehavior: {
          rebootBehavior: random.pick(['neverReboots', 'canRequestReboot']),
          ...(random.chance(0.05) ? { canRequestUserInput: true } : {}),
        },
        downloadContents: [{ url: downloadUrl('software/secu', releaseDate, `${application.split(' ').slice(1).join('').toLowerCase()}-kb${kb}-fullfile-${bits === '64-Bit' ? 'x64' : 'x86'}-glb.exe`) }],
        isUninstallable: random.chance(0.4),
      });
      // Office's roll-ups arrive as one update wrapping the application patches before it.
      const earlierPatches = earlierInSeries(seriesKey);
      if (application === 'Microsoft Office 2016' && earlierPatches.length > 0 && random.chance(0.1)) {
        update.bundledUpdates = earlierPatches.slice(-random.integer(1, 2));
      }
      break;
    }
    case 'featurePack': {
      const target = random.weighted(WINDOWS_TARGETS.map((t) => [t, t.weight]));
      const languagePack = random.chance(0.5) ? random.pick(LANGUAGE_PACKS) : null;
      const kb = newKb();
      seriesKey = `${kind}:${target.name}:${languagePack?.[0] ?? 'netfx'}`;
      supersedeChance = 0.1;
      Object.assign(update, {
        title: languagePack
          ? `${target.name} ${languagePack[1]} Language Pack (KB${kb})`
          : `Microsoft .NET Framework 4.8.1 for ${target.name} for x64 (KB${kb})`,
        description: fitDescription([languagePack
          ? `This language pack lets you display ${target.name} wizards, dialog boxes, menus, Help and Support topics in ${languagePack[1]}.`
          : `The Microsoft .NET Framework 4.8.1 is a highly compatible, in-place update of the .NET Framework 4 family for ${target.name}.`,
        ], DESCRIPTION_FILLER),
        kbArticleIds: [String(kb)],
        categories: [target.product.id, CLASSIFICATIONS.featurePacks.id],
        languages: languagePack ? [languagePack[0]] : ['en-US'],
        moreInfoUrls: [`https://support.microsoft.com/help/${kb}`],
        supportUrl: 'https://support.microsoft.com',
        ...sizes(random, 20, 300),
        deploymentAction: random.chance(0.2) ? 'optionalInstallation' : 'installation',
        autoSelection: 'neverAutoSelect',
        installationBehavior: { rebootBehavior: 'canRequestReboot', ...(random.chance(0.3) ? { requiresNetworkConnectivity: true } : {}) },
        downloadContents: [{ url: downloadUrl('software/updt', releaseDate, `${target.file}-kb${kb}-x64.cab`) }],
        isUninstallable: true,
        uninstallationBehavior: { rebootBehavior: 'alwaysRequiresReboot' },
        uninstallationNotes: 'This software update can be removed by selecting View installed updates in the Programs and Features Control Panel.',
        uninstallationSteps: ['Open Settings > Apps > Optional features', `Remove ${languagePack ? `the ${languagePack[1]} language pack` : '.NET Framework 4.8.1'}`],
      });
      if (random.chance(0.15)) {
        update.image = { altText: update.title, source: 'https://www.microsoft.com/favicon.ico', height: 32, width: 32 };
      }
      break;
    }
    case 'platform': {
      const defenderPlatform = random.chance(0.5);
      const kb = defenderPlatform ? 4052623 : 5007651;
      const version = `${defenderPlatform ? '4.18' : '1.0'}.${year - 2000}${String(date.getUTCMonth() + 1).padStart(2, '0')}0.${random.integer(1000, 9999)}`;
      seriesKey = `${kind}:${kb}`;
      supersedeChance = 0.4;
      Object.assign(update, {
        title: defenderPlatform
          ? `Update for Microsoft Defender Antivirus antimalware platform - KB${kb} (Version ${version})`
          : `Update for Windows Security platform - KB${kb} (Version ${version})`,
        description: fitDescription([
          `This package updates the ${defenderPlatform ? 'Microsoft Defender Antivirus antimalware platform' : 'Windows Security app'} components on your computer to version ${version}.`,
        ], DESCRIPTION_FILLER),
        kbArticleIds: [String(kb)],
        categories: [PRODUCTS.defender.id, CLASSIFICATIONS.updates.id],
        moreInfoUrls: [`https://support.microsoft.com/help/${kb}`],
        supportUrl: 'https://support.microsoft.com',
        ...sizes(random, 5, 30),
        installationBehavior: { impact: 'minor', rebootBehavior: 'neverReboots' },
        downloadContents: [{ url: downloadUrl('software/updt', releaseDate, `updateplatform-${version}.exe`) }],
      });
      break;
    }
    case 'driver': {
      const model = random.pick(DRIVER_MODELS);
      const version = `${model.major}.${random.integer(0, 120)}.${random.integer(100, 9999)}.${random.integer(0, 9999)}`;
      const driverDate = releaseDate - random.integer(10, 200) * DAY_MS;
      const subsystem = `SUBSYS_${random.hex(8).toUpperCase()}`;
      const hardwareId = model.hardwareId.startsWith('PCI\\') ? `${model.hardwareId}&${subsystem}` : model.hardwareId;
      seriesKey = `${kind}:${model.model}`;
      supersedeChance = 0.2;
      const entry = {
        class: model.class,
        hardwareId,
        manufacturer: model.manufacturer,
        model: model.model,
        provider: model.provider,
        verDate: isoDay(driverDate),
        ...(random.chance(0.05) ? { deviceProblemNumber: 28, deviceStatus: 0x01802400 } : {}),
      };
      Object.assign(update, {
        title: `${model.provider} - ${model.class} - ${version}`,
        description: fitDescription([
          `${model.provider} ${model.class} driver update for ${model.model}, version ${version}, released in ${monthName}.`,
          'Install it to keep the device working reliably with the latest version of Windows.',
        ], []),
        type: 'driver',
        categories: [PRODUCTS.drivers.id, CLASSIFICATIONS.drivers.id],
        moreInfoUrls: [],
        supportUrl: 'https://support.microsoft.com/select/?target=hub',
        ...sizes(random, 1, 700),
        browseOnly: random.chance(0.6),
        installationBehavior: { rebootBehavior: random.pick(['neverReboots', 'canRequestReboot', 'alwaysRequiresReboot']) },
        downloadContents: [{ url: downloadUrl('driver/drvs', releaseDate, `${random.hex(8)}-${random.hex(4)}_${random.hex(12)}.cab`) }],
        driver: random.chance(0.2)
          ? { ...entry, entries: [entry, { ...entry, hardwareId: `${model.hardwareId}&REV_${random.hex(2).toUpperCase()}` }] }
          : entry,
      });
      break;
    }
    default:
      throw new Error(`unknown update kind ${kind}`);
  }

  update.lastDeploymentChangeTime = isoDate(releaseDate);
  if (random.chance(0.08)) update.releaseNotes = `https://support.microsoft.com/help/${update.kbArticleIds?.[0] ?? '5005101'}#releasenotes`;
  if (random.chance(0.03) && update.type !== 'driver') {
    update.eulaText = `MICROSOFT SOFTWARE LICENSE TERMS\n\n${update.title}\n\nThese license terms are an agreement between Microsoft Corporation and you. Please read them. They apply to the software named above. BY USING THE SOFTWARE, YOU ACCEPT THESE TERMS.`;
  }
  const predecessors = earlierInSeries(seriesKey).filter((earlier) => !update.bundledUpdates?.includes(earlier));
  if (predecessors.length > 0 && random.chance(supersedeChance)) {
    update.supersededUpdateIds = predecessors.slice(-random.integer(1, 2));
  }
  remember(seriesKey, id);
  return update;
}

// A bundle is a container with no payload or installer of its own: its children carry them and
// the agent offers them through the bundle, not as results of their own (README.md, "Rules from
// Microsoft's documentation"). Each bundle gets children of its own: one with the payload the
// bundle was generated with, and one per update it wraps, with a copy of that update's payload.
// They come after the `count` updates and draw on a random source of their own, so a search
// returns exactly the updates it did before bundles had children.
function giveBundlesChildren(updates, seed, reserved) {
  const newGuid = createGuidSource(createRandom(seed ^ 0x5eed));
  const taken = new Set([...reserved, ...updates.map((u) => u.id)]);
  const guid = () => {
    let id;
    do id = newGuid(); while (taken.has(id));
    taken.add(id);
    return id;
  };
  const byId = new Map(updates.map((u) => [u.id, u]));
  // A servicing stack update that a cumulative update carries is part of one combined package,
  // which installs with the rest of it: only a standalone one needs a call of its own.
  const packaged = ({ impact, ...behavior }) => (impact === 'requiresExclusiveHandling' ? behavior : { impact, ...behavior });
  const children = [];
  for (const bundle of updates) {
    if (!bundle.bundledUpdates) continue;
    const sources = [bundle, ...bundle.bundledUpdates.map((id) => byId.get(id))];
    const { isInstalled, isDownloaded, ...ownState } = bundle.state ?? {};
    const parts = sources.map((source) => ({
      id: guid(),
      title: source.title,
      description: source.description,
      ...(source.kbArticleIds ? { kbArticleIds: source.kbArticleIds } : {}),
      categories: bundle.categories,
      maxDownloadSize: source.maxDownloadSize,
      ...(source.minDownloadSize !== undefined ? { minDownloadSize: source.minDownloadSize } : {}),
      ...(source.installationBehavior ? { installationBehavior: packaged(source.installationBehavior) } : {}),
      ...(source.downloadContents ? { downloadContents: source.downloadContents } : {}),
      ...(source.deltaCompressedContentAvailable ? { deltaCompressedContentAvailable: true } : {}),
      ...(source.isUninstallable ? { isUninstallable: true } : {}),
      lastDeploymentChangeTime: bundle.lastDeploymentChangeTime,
      ...(isInstalled || isDownloaded ? { state: { isInstalled: Boolean(isInstalled), isDownloaded: Boolean(isInstalled || isDownloaded) } } : {}),
    }));
    bundle.bundledUpdates = parts.map((part) => part.id);
    bundle.maxDownloadSize = parts.reduce((sum, part) => sum + part.maxDownloadSize, 0);
    bundle.minDownloadSize = parts.reduce((sum, part) => sum + (part.minDownloadSize ?? part.maxDownloadSize), 0);
    delete bundle.installationBehavior;
    delete bundle.uninstallationBehavior;
    delete bundle.downloadContents;
    delete bundle.deltaCompressedContentAvailable;
    if (Object.keys(ownState).length > 0) bundle.state = ownState;
    else delete bundle.state;
    children.push(...parts);
  }
  return children;
}

// Installed, downloaded and hidden updates, mandatory ones and deadlines, as a managed machine has.
function applyMachineState(updates, random) {
  for (const update of updates) {
    const roll = random.next();
    if (roll < 0.01) {
      update.isMandatory = true;
    } else if (roll < 0.02) {
      update.deadline = isoDate(Date.parse(update.lastDeploymentChangeTime) + 14 * DAY_MS);
    }
    const cannotBeHidden = update.isMandatory || update.deadline !== undefined;
    const stateRoll = random.next();
    if (stateRoll < 0.06) {
      update.state = { isInstalled: true, ...(update.eulaText ? { eulaAccepted: true } : {}) };
    } else if (stateRoll < 0.10) {
      update.state = { isDownloaded: true };
    } else if (stateRoll < 0.12 && !cannotBeHidden) {
      update.state = { isHidden: true };
    } else if (stateRoll < 0.125 && update.eulaText) {
      update.state = { eulaAccepted: true };
    }
  }
}

// What the machine did before: an entry for each installed update and a few failed attempts.
function buildHistory(updates, random) {
  const history = [];
  for (const update of updates) {
    const installed = update.state?.isInstalled === true;
    if (!installed && !random.chance(0.01)) continue;
    const attemptedAt = Date.parse(update.lastDeploymentChangeTime) + random.integer(1, 10) * DAY_MS;
    history.push({
      operation: 'installation',
      resultCode: installed ? 'succeeded' : 'failed',
      ...(installed ? {} : { hresult: random.pick(INSTALL_FAILURES) }),
      date: isoDate(attemptedAt),
      updateId: update.id,
      revision: update.revision,
      title: update.title,
      description: update.description,
      clientApplicationId: random.pick(CLIENTS),
      supportUrl: update.supportUrl,
      serverSelection: 'windowsUpdate',
      serviceId: WINDOWS_SERVICE_ID,
      categories: update.categories,
    });
  }
  return history;
}

function runAsScript() {
  const [countArgument, outputFile] = process.argv.slice(2);
  const count = countArgument === undefined ? 10000 : Number(countArgument);
  if (!Number.isInteger(count) || count < 0) {
    console.error('usage: node test/sim/generate-catalog.mjs [count] [output-file]');
    process.exit(2);
  }
  // Compact: at 10,000 updates indentation alone would add megabytes nobody reads.
  const json = `${JSON.stringify(generateCatalog({ count }))}\n`;
  if (outputFile) writeFileSync(outputFile, json);
  else process.stdout.write(json);
}

const invokedDirectly = process.argv[1] !== undefined
  && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
if (invokedDirectly) runAsScript();
