// The simulator's type library, described once: the interfaces, their members in vtable order,
// the parameter types and the enumerations come from src/wua/wuapi_sdk.h (the
// header the addon and the simulator compile against), and the one thing the header cannot say,
// each member's dispatch ID and the interfaces the SDK hides, from dispatch-ids.json (the SDK's
// wuapi.idl: https://learn.microsoft.com/windows/win32/api/wuapi/). The two are checked against
// each other here: a member without an ID, or an ID without a member, stops the build.
//
// The output is a C++ table (typelib_table.inc) that the simulator compiles in; its
// DllRegisterServer writes the .tlb from it with ICreateTypeLib2 and registers it.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const DISPATCH_IDS = path.join(HERE, 'dispatch-ids.json');

/** The header's enums, interfaces (in declaration order) and the library's ID. */
export function parseSdkHeader(text) {
  const enums = [];
  for (const match of text.matchAll(/typedef enum (\w+) \{([^}]*)\} (\w+);/g)) {
    const values = [...match[2].matchAll(/(\w+) = (0x[0-9A-Fa-f]+|-?\d+),/g)].map(([, name, value]) => ({ name, value: Number(value) }));
    enums.push({ tag: match[1], name: match[3], values });
  }
  // A parameter may name an enum by its tag (`enum tagUpdateOperation*`): the library knows it by its typedef.
  const byTag = new Map(enums.map((e) => [e.tag, e.name]));
  const interfaces = [];
  const pattern = /MIDL_INTERFACE\("([0-9A-F-]+)"\)\s*\n(\w+) : public (\w+)\s*\{([\s\S]*?)\};/g;
  for (const [, iid, name, parent, body] of text.matchAll(pattern)) {
    const members = [];
    const declarations = body.replace(/\s*\n\s*/g, ' ').matchAll(/virtual HRESULT STDMETHODCALLTYPE (\w+)\(([^)]*)\) = 0;/g);
    for (const [, method, list] of declarations) {
      const params = list.trim() === '' ? [] : list.split(',').map((param) => {
        const parsed = /^\s*(?:enum )?(\w+)\s*((?:\*\s*)*)(\w+)\s*$/.exec(param);
        if (!parsed) throw new Error(`${name}::${method}: cannot read the parameter '${param}'`);
        return { type: byTag.get(parsed[1]) ?? parsed[1], pointers: (parsed[2].match(/\*/g) ?? []).length, name: parsed[3] };
      });
      const accessor = /^(get|put)_(.+)$/.exec(method);
      members.push({ method, kind: accessor ? accessor[1] : 'method', name: accessor ? accessor[2] : method, params });
    }
    // A declaration the pattern missed would shift every later vtable slot.
    const declared = (body.match(/\bvirtual\b/g) ?? []).length;
    if (declared !== members.length) throw new Error(`${name}: read ${members.length} of its ${declared} members`);
    interfaces.push({ iid, name, parent, members });
  }
  const library = /class DECLSPEC_UUID\("([0-9A-F-]+)"\) WUApiLib;/.exec(text)?.[1];
  if (!library) throw new Error('the header declares no WUApiLib library ID');
  return { enums, interfaces, libraryId: library };
}

/** The header's interfaces with each member's dispatch ID; throws on any mismatch between the two. */
export function describeTypeLibrary(headerText, dispatchIds) {
  const sdk = parseSdkHeader(headerText);
  const problems = [];
  for (const unused of Object.keys(dispatchIds).filter((name) => !sdk.interfaces.some((i) => i.name === name))) {
    problems.push(`${unused}: in dispatch-ids.json but not declared in the header`);
  }
  const interfaces = sdk.interfaces.map((declared) => {
    const entry = dispatchIds[declared.name];
    if (!entry) {
      problems.push(`${declared.name}: no entry in dispatch-ids.json`);
      return null;
    }
    const named = new Set(declared.members.map((m) => m.name));
    for (const name of Object.keys(entry.dispids).filter((n) => !named.has(n))) problems.push(`${declared.name}.${name}: no such member in the header`);
    for (const name of (entry.restricted ?? []).filter((n) => !named.has(n))) problems.push(`${declared.name}.${name}: restricted but not a member`);
    const members = declared.members.map((member) => {
      const id = entry.dispids[member.name];
      if (id === undefined) problems.push(`${declared.name}.${member.name}: no dispatch ID`);
      return { ...member, dispid: Number(id), restricted: (entry.restricted ?? []).includes(member.name) };
    });
    // The SDK declares every IDispatch-derived interface [dual, oleautomation, nonextensible];
    // the callbacks and IUpdateLockdown derive from IUnknown and are neither.
    let root = declared;
    while (root && root.parent !== 'IDispatch' && root.parent !== 'IUnknown') root = sdk.interfaces.find((i) => i.name === root.parent);
    return { ...declared, members, hidden: Boolean(entry.hidden), dual: root?.parent === 'IDispatch' };
  });
  if (problems.length) throw new Error(`the type library's tables disagree:\n  ${problems.join('\n  ')}`);
  return { ...sdk, interfaces };
}

const cString = (text) => `L"${text}"`;

function cTable(library) {
  const lines = ['// Generated by test/sim/typelib/generate.mjs from src/wua/wuapi_sdk.h and dispatch-ids.json. Do not edit.'];
  lines.push(`constexpr const wchar_t* kLibraryId = ${cString(library.libraryId)};`);
  for (const e of library.enums) {
    lines.push(`constexpr EnumValue kEnum_${e.name}[] = {${e.values.map((v) => `{${cString(v.name)}, ${v.value}}`).join(', ')}};`);
  }
  lines.push('constexpr EnumType kEnums[] = {');
  for (const e of library.enums) lines.push(`    {${cString(e.name)}, kEnum_${e.name}, ${e.values.length}},`);
  lines.push('};');
  for (const i of library.interfaces) {
    i.members.forEach((m, index) => {
      if (!m.params.length) return;
      lines.push(`constexpr Param kParams_${i.name}_${index}[] = {${m.params.map((p) => `{${cString(p.type)}, ${p.pointers}, ${cString(p.name)}}`).join(', ')}};`);
    });
    lines.push(`constexpr Member kMembers_${i.name}[] = {`);
    i.members.forEach((m, index) => {
      const params = m.params.length ? `kParams_${i.name}_${index}` : 'nullptr';
      lines.push(`    {${cString(m.name)}, MemberKind::k${m.kind[0].toUpperCase()}${m.kind.slice(1)}, static_cast<MEMBERID>(${m.dispid < 0 ? m.dispid : `0x${m.dispid.toString(16)}`}), ${m.restricted}, ${params}, ${m.params.length}},`);
    });
    lines.push('};');
  }
  lines.push('constexpr Interface kInterfaces[] = {');
  for (const i of library.interfaces) {
    lines.push(`    {${cString(i.name)}, ${cString(i.iid)}, ${cString(i.parent)}, ${i.dual}, ${i.hidden}, kMembers_${i.name}, ${i.members.length}},`);
  }
  lines.push('};');
  return `${lines.join('\n')}\n`;
}

/** Writes `outFile` (the C++ table) when its text changed, so that an unchanged table rebuilds nothing. */
export function generateTypeLibraryTable({ root, outFile }) {
  const header = readFileSync(path.join(root, 'src', 'wua', 'wuapi_sdk.h'), 'utf8');
  const text = cTable(describeTypeLibrary(header, JSON.parse(readFileSync(DISPATCH_IDS, 'utf8'))));
  if (existsSync(outFile) && readFileSync(outFile, 'utf8') === text) return outFile;
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, text);
  return outFile;
}
