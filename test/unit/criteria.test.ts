// The criteria language: what the builder writes, and what the parser lets through to the agent.
import { describe, expect, it } from 'vitest';

import {
  ClassificationCategory, criteria, criteriaText, escapeCriteriaValue, INVALID_CRITERIA_CODE, validateCriteria,
  type Criteria, type CriteriaGroup,
} from '../../lib/criteria.js';
import { InvalidArgumentError } from '../../lib/errors.js';

const ID = '6b3b5c8e-1a2b-4c3d-9e8f-0a1b2c3d4e5f';
const ID_UPPER = ID.toUpperCase();
const SECURITY = ClassificationCategory.security;

/** The error `action` throws; fails the test when it does not throw an InvalidArgumentError. */
function thrown(action: () => unknown): InvalidArgumentError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    return error as InvalidArgumentError;
  }
  throw new Error('expected an InvalidArgumentError, but nothing was thrown');
}

describe('escapeCriteriaValue', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ["it's", "it[']s"],
    ['[x]', '[[]x[]]'],
    ["'[]'", "['][[][]][']"],
    ['[\']', "[[]['][]]"],
    ['a]]b', 'a[]][]]b'],
  ])('escapes %j as %j', (raw, escaped) => {
    expect(escapeCriteriaValue(raw)).toBe(escaped);
  });

  it('rejects a non-string', () => {
    expect(thrown(() => escapeCriteriaValue(42 as unknown as string)).argument).toBe('raw');
  });
});

describe('ClassificationCategory', () => {
  it('is frozen and holds eleven lower-case GUIDs', () => {
    expect(Object.isFrozen(ClassificationCategory)).toBe(true);
    const values = Object.values(ClassificationCategory);
    expect(values).toHaveLength(11);
    for (const guid of values) expect(guid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(new Set(values).size).toBe(11);
  });
});

// Inputs the builder accepts, with the exact string it must produce.
const BUILT: readonly (readonly [string, Criteria, string])[] = [
  ['empty group = the default', {}, 'IsInstalled=0 and IsHidden=0'],
  ['type software', { type: 'software' }, "Type='Software'"],
  ['type driver', { type: 'driver' }, "Type='Driver'"],
  ['type not driver', { type: { not: 'driver' } }, "Type!='Driver'"],
  ['deploymentAction installation', { deploymentAction: 'installation' }, "DeploymentAction='Installation'"],
  ['deploymentAction uninstallation', { deploymentAction: 'uninstallation' }, "DeploymentAction='Uninstallation'"],
  ['deploymentAction optionalInstallation', { deploymentAction: 'optionalInstallation' }, "DeploymentAction='OptionalInstallation'"],
  ['deploymentAction detection', { deploymentAction: 'detection' }, "DeploymentAction='Detection'"],
  ['deploymentAction any', { deploymentAction: 'any' }, 'DeploymentAction=*'],
  ['isAssigned', { isAssigned: true }, 'IsAssigned=1'],
  ['browseOnly', { browseOnly: false }, 'BrowseOnly=0'],
  ['autoSelectOnWebSites', { autoSelectOnWebSites: true }, 'AutoSelectOnWebSites=1'],
  ['isInstalled', { isInstalled: false }, 'IsInstalled=0'],
  ['isHidden', { isHidden: true }, 'IsHidden=1'],
  ['isPresent', { isPresent: true }, 'IsPresent=1'],
  ['rebootRequired', { rebootRequired: false }, 'RebootRequired=0'],
  ['updateId, lower-cased', { updateId: ID_UPPER }, `UpdateID='${ID}'`],
  ['updateId not', { updateId: { not: ID } }, `UpdateID!='${ID}'`],
  ['updateId with revisionNumber', { updateId: ID, revisionNumber: 201 }, `UpdateID='${ID}' and RevisionNumber=201`],
  ['categoryIds by GUID', { categoryIds: [ID_UPPER] }, `CategoryIDs contains '${ID}'`],
  ['categoryIds by name', { categoryIds: ['security'] }, `CategoryIDs contains '${SECURITY}'`],
  ['categoryIds several, duplicates dropped', { categoryIds: ['critical', ClassificationCategory.critical, 'drivers'] },
    `CategoryIDs contains '${ClassificationCategory.critical}' and CategoryIDs contains '${ClassificationCategory.drivers}'`],
  ['undefined properties are absent', { isHidden: undefined, isInstalled: false }, 'IsInstalled=0'],
  ['canonical order regardless of key order',
    { categoryIds: ['updates'], rebootRequired: true, updateId: ID, isHidden: false, type: 'software', deploymentAction: 'any', isAssigned: true },
    `Type='Software' and DeploymentAction=* and IsAssigned=1 and IsHidden=0 and RebootRequired=1 and UpdateID='${ID}' and CategoryIDs contains '${ClassificationCategory.updates}'`],
  ['a one-group array is that group', [{ isInstalled: false, type: 'driver' }], "Type='Driver' and IsInstalled=0"],
  ['an array is an OR of parenthesised groups', [{ isInstalled: false, type: 'software' }, { isInstalled: false, type: 'driver' }],
    "(Type='Software' and IsInstalled=0) or (Type='Driver' and IsInstalled=0)"],
  ['three groups', [{ isHidden: true }, { isInstalled: true }, { updateId: ID, revisionNumber: 1 }],
    `(IsHidden=1) or (IsInstalled=1) or (UpdateID='${ID}' and RevisionNumber=1)`],
];

describe('criteriaText over groups', () => {
  it.each(BUILT)('%s', (_name, input, expected) => {
    expect(criteriaText(input)).toBe(expected);
  });

  it.each(BUILT)('round trip: the output for %s passes validateCriteria', (_name, input) => {
    const text = criteriaText(input);
    expect(() => validateCriteria(text)).not.toThrow();
    expect(criteriaText(text)).toBe(text);
  });

  it('criteria() is the same builder, with no group meaning the default', () => {
    expect(criteria()).toBe('IsInstalled=0 and IsHidden=0');
    expect(criteria({ isInstalled: false, categoryIds: ['security'] })).toBe(`IsInstalled=0 and CategoryIDs contains '${SECURITY}'`);
    expect(criteria({ isHidden: true }, { isPresent: true })).toBe('(IsHidden=1) or (IsPresent=1)');
  });
});

describe('criteriaText rejects bad groups, naming the path', () => {
  it.each([
    ['an empty array', [], 'criteria', 'at least one group'],
    ['null', null, 'criteria', 'must be a string, a criteria group'],
    ['a number', 7, 'criteria', 'must be a string, a criteria group'],
    ['a non-object group', [{}, 'IsHidden=1'], 'criteria[1]', 'must be a criteria group'],
    ['an unknown key', { isInstaled: false }, 'criteria.isInstaled', 'is not a criteria property'],
    ['an unknown key in the second group', [{}, { hidden: true }], 'criteria[1].hidden', 'is not a criteria property'],
    ['a non-boolean flag', [{ isHidden: false }, { isHidden: 0 }], 'criteria[1].isHidden', 'must be a boolean'],
    ['a wrong type', { type: 'Software' }, 'criteria.type', "'software' or 'driver'"],
    ['a wrong negated type', { type: { not: 'printer' } }, 'criteria.type.not', "'software' or 'driver'"],
    ['an extra key beside not', { type: { not: 'driver', also: 1 } }, 'criteria.type.also', 'the only key is not'],
    ['an empty negation', { updateId: {} }, 'criteria.updateId.not', 'is missing'],
    ['a wrong deploymentAction', { deploymentAction: '*' }, 'criteria.deploymentAction', "'any'"],
    ['a malformed updateId', { updateId: '{' + ID + '}' }, 'criteria.updateId', 'must be a GUID'],
    ['a numeric updateId', { updateId: 5 }, 'criteria.updateId', 'must be a GUID string'],
    ['a malformed negated updateId', { updateId: { not: 'nope' } }, 'criteria.updateId.not', 'must be a GUID'],
    ['revisionNumber without updateId', { revisionNumber: 3 }, 'criteria.revisionNumber', 'needs updateId'],
    ['revisionNumber with a negated updateId', { updateId: { not: ID }, revisionNumber: 3 }, 'criteria.revisionNumber', 'needs updateId'],
    ['a fractional revisionNumber', { updateId: ID, revisionNumber: 1.5 }, 'criteria.revisionNumber', 'must be an integer'],
    ['a negative revisionNumber', { updateId: ID, revisionNumber: -1 }, 'criteria.revisionNumber', 'must be an integer'],
    ['a string revisionNumber', { updateId: ID, revisionNumber: '3' }, 'criteria.revisionNumber', 'must be a number'],
    ['categoryIds not an array', { categoryIds: SECURITY }, 'criteria.categoryIds', 'must be an array'],
    ['empty categoryIds', { categoryIds: [] }, 'criteria.categoryIds', 'must not be empty'],
    ['an unknown classification name', { categoryIds: ['security', 'Security'] }, 'criteria.categoryIds[1]', 'classification name'],
    ['a non-string category', { categoryIds: [1] }, 'criteria.categoryIds[0]', 'must be a GUID string'],
  ] as const)('%s', (_name, input, path, problem) => {
    const error = thrown(() => criteriaText(input as unknown as Criteria));
    expect(error.argument).toBe(path);
    expect(error.message).toContain(`${path} `);
    expect(error.message).toContain(problem);
  });
});

// Strings the agent accepts, written as people write them.
const VALID: readonly string[] = [
  '',
  '   ',
  'IsInstalled=0',
  'IsInstalled=0 and IsHidden=0',
  "isinstalled = 0 AND ishidden=0 AND type = 'software'",
  "Type='Software' or Type='Driver'",
  "Type != 'driver'",
  "(IsInstalled=0 and Type='Software') or (IsInstalled=0 and Type='Driver')",
  '((IsInstalled=0)) and (((IsHidden=1)))',
  '(IsInstalled=0 and IsHidden=0) and IsPresent=1',
  'DeploymentAction=*',
  "DeploymentAction='OptionalInstallation' and IsAssigned=1",
  "deploymentaction='uninstallation' and isinstalled=1",
  'BrowseOnly=1 and AutoSelectOnWebSites=0 and RebootRequired=1',
  `UpdateID='${ID}' and RevisionNumber=201`,
  `RevisionNumber=201 and UpdateID='${ID_UPPER}'`,
  `(UpdateID='${ID}' and RevisionNumber=1) or (UpdateID='${ID}' and RevisionNumber=2)`,
  `UpdateID!='${ID}'`,
  `CategoryIDs contains '${SECURITY}' and CategoryIDs CONTAINS '${ID_UPPER}'`,
  '\tIsInstalled=0\r\n or\tIsHidden=1 ',
  'IsHidden=-0',
];

describe('validateCriteria accepts the language', () => {
  it.each(VALID)('%j', (text) => {
    expect(() => validateCriteria(text)).not.toThrow();
    expect(criteriaText(text)).toBe(text);
  });
});

// Strings the agent rejects, with a piece of the message each must carry.
const INVALID: readonly (readonly [string, string])[] = [
  ['IsInstalled!=0', "'!=' is not allowed for IsInstalled at position 12 (allowed: =)"],
  ["Type contains 'Software'", "'contains' is not allowed for Type"],
  ['DeploymentAction!=*', "'!=' is not allowed for DeploymentAction"],
  [`CategoryIDs='${SECURITY}'`, "'=' is not allowed for CategoryIDs"],
  ['RevisionNumber!=1', "'!=' is not allowed for RevisionNumber"],
  ['IsInstaled=0', "unknown property 'IsInstaled' at position 1 (known: Type, DeploymentAction,"],
  ['Title=0', "unknown property 'Title'"],
  ["Type='Printer'", "Type must be 'Software' or 'Driver', got 'Printer' at position 6"],
  ['Type=1', "Type must be 'Software' or 'Driver'"],
  ["DeploymentAction='Any'", 'DeploymentAction must be'],
  ["DeploymentAction='*'", 'DeploymentAction must be'],
  ['IsHidden=2', 'IsHidden must be 0 or 1, got 2'],
  ["IsHidden='0'", 'IsHidden takes the integer 0 or 1, not the string'],
  ['IsHidden=*', "'*' is only allowed as the value of DeploymentAction"],
  ["UpdateID='not-a-guid'", "UpdateID must be a GUID (8-4-4-4-12 hex digits), got 'not-a-guid'"],
  [`UpdateID='{${ID}}'`, 'UpdateID must be a GUID'],
  ['UpdateID=12', 'UpdateID takes a quoted GUID'],
  [`UpdateID='${ID}' and RevisionNumber='1'`, 'RevisionNumber takes an integer'],
  ['IsInstalled=0 and (IsHidden=0 or IsHidden=1)', 'OR is only allowed at the top level at position 31'],
  ['(IsInstalled=0 or IsHidden=1)', 'OR is only allowed at the top level'],
  ['(IsInstalled=0', "unbalanced parentheses: '(' at position 1 is never closed"],
  ['((IsInstalled=0)', 'unbalanced parentheses'],
  ['IsInstalled=0)', "unbalanced parentheses: ')' has no matching '(' at position 14"],
  ['()', 'expected a property name'],
  ["Type='Software", 'unterminated string at position 6'],
  ["Type='Soft[']ware", 'unterminated string'],
  ["Type='So[x]ftware'", 'invalid escape in string'],
  ["Type='So]ftware'", "unescaped ']' in string"],
  ['IsInstalled=0 IsHidden=0', 'unexpected trailing text "IsHidden=0" at position 15 (expected \'and\', \'or\' or the end)'],
  ['IsInstalled=0 and', 'expected a property name but found the end of the criteria'],
  ['IsInstalled=0 or', 'expected a property name'],
  ['and IsInstalled=0', "found the keyword 'and'"],
  ['IsInstalled 0', 'expected an operator (=, != or contains) after IsInstalled'],
  ['IsInstalled=', 'expected a value for IsInstalled but found the end'],
  ['IsInstalled==0', "expected a value for IsInstalled but found '='"],
  ['IsInstalled<>0', 'unexpected character "<"'],
  ['IsInstalled!0', "expected '!=' but found a lone '!'"],
  [`RevisionNumber=1`, 'RevisionNumber needs UpdateID= in the same AND group at position 1'],
  [`UpdateID!='${ID}' and RevisionNumber=1`, 'RevisionNumber needs UpdateID='],
  [`(UpdateID='${ID}') or RevisionNumber=1`, 'RevisionNumber needs UpdateID='],
  [`UpdateID='${ID}' and RevisionNumber=99999999999`, 'out of range'],
  ['IsInstalled=0 and (IsHidden=0', "'(' at position 19 is never closed"],
  ['(IsInstalled=0 IsHidden=0)', "expected 'and', 'or' or ')'"],
  // Found by the differential test (test/stress/criteria.ts): the simulator refused these, as
  // [MS-UAMG] 2.2.1 puts whitespace around "and" and "or", and counts no Unicode space as whitespace.
  ['IsInstalled=0and IsHidden=0', "'and' must be preceded by whitespace at position 14"],
  ["Type='Software'or IsHidden=1", "'or' must be preceded by whitespace at position 16"],
  ['(IsInstalled=0)and (IsHidden=0)', "'and' must be preceded by whitespace"],
  ['IsInstalled=0 and(IsHidden=0)', "'and' must be followed by whitespace at position 18"],
  ['IsInstalled=0 or\u00a0IsHidden=1', 'unexpected character "\u00a0" at position 17'],
  ['IsInstalled=0\u00a0and IsHidden=0', 'unexpected character "\u00a0" at position 14'],
  ['\u3000IsInstalled=0', 'unexpected character "\u3000" at position 1'],
  ['IsInstalled=0\vand IsHidden=0', 'unexpected character "\\u000b" at position 14'],
];

describe('validateCriteria rejects what the agent rejects', () => {
  it.each(INVALID)('%j', (text, problem) => {
    const error = thrown(() => validateCriteria(text));
    expect(error.code).toBe(INVALID_CRITERIA_CODE);
    expect(error.code).toBe('ERR_WUA_INVALID_CRITERIA');
    expect(error.argument).toBe('criteria');
    expect(error.message).toContain(problem);
    expect(error.message).toMatch(/at position \d+/);
  });

  it.each(INVALID)('criteriaText passes the raw string %j through the same check', (text) => {
    expect(thrown(() => criteriaText(text)).code).toBe(INVALID_CRITERIA_CODE);
  });

  it('rejects a non-string with a type error', () => {
    expect(thrown(() => validateCriteria(undefined as unknown as string)).code).toBe('ERR_INVALID_ARG_TYPE');
  });
});

describe('escaped values survive the parser', () => {
  it.each(["it's", '[x]', "'[]'"])('a string holding %j lexes as one value', (raw) => {
    // Not a valid Type, so the parser reports the decoded value back in its message.
    const error = thrown(() => validateCriteria(`Type='${escapeCriteriaValue(raw)}'`));
    expect(error.message).toContain(`got '${escapeCriteriaValue(raw)}' at position 6`);
  });

  it('groups typed as CriteriaGroup compile with names and GUIDs mixed', () => {
    const group: CriteriaGroup = { categoryIds: ['security', ID] };
    expect(criteriaText(group)).toBe(`CategoryIDs contains '${SECURITY}' and CategoryIDs contains '${ID}'`);
  });
});
