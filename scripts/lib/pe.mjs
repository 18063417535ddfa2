// A reader of what a Windows PE file (a DLL, an .exe, a .node addon) needs from the machine that
// loads it: its architecture, the DLLs its import table names, and its delay-loaded imports.
// Plain JS, so that the check runs wherever the tests do (Linux, Windows Node under Wine, Windows).
// Layout: Microsoft's "PE Format" (https://learn.microsoft.com/windows/win32/debug/pe-format).

/** IMAGE_FILE_MACHINE_* values, by the architecture names Node uses (process.arch). */
export const PE_MACHINES = { ia32: 0x14c, x64: 0x8664, arm64: 0xaa64 };

const IMPORT_DIRECTORY = 1;
const DELAY_IMPORT_DIRECTORY = 13;

function fail(message) { throw new Error(`not a PE file this reader understands: ${message}`); }

/**
 * The file's machine type, format and imports. `imports` is the import table; `delayImports`
 * the delay-load descriptors (ImgDelayDescr), from the data directory, or where a linker left
 * that directory empty (GNU ld with a dlltool delay library does), found by their DLL name among
 * `delayLoadedDlls`. Each import lists the DLL and its function names (`#n` for an ordinal).
 */
export function readPe(buffer, { delayLoadedDlls = [] } = {}) {
  if (buffer.length < 64 || buffer.toString('latin1', 0, 2) !== 'MZ') fail('no MZ header');
  const pe = buffer.readUInt32LE(0x3c);
  if (pe + 24 > buffer.length || buffer.toString('latin1', pe, pe + 4) !== 'PE\0\0') fail('no PE signature');
  const machine = buffer.readUInt16LE(pe + 4);
  const sectionCount = buffer.readUInt16LE(pe + 6);
  const optionalSize = buffer.readUInt16LE(pe + 20);
  const optional = pe + 24;
  const magic = buffer.readUInt16LE(optional);
  if (magic !== 0x10b && magic !== 0x20b) fail(`optional header magic 0x${magic.toString(16)}`);
  const pe32Plus = magic === 0x20b;
  const directories = optional + (pe32Plus ? 112 : 96);
  const directoryCount = buffer.readUInt32LE(optional + (pe32Plus ? 108 : 92));
  const directory = (index) => (index < directoryCount
    ? { rva: buffer.readUInt32LE(directories + index * 8), size: buffer.readUInt32LE(directories + index * 8 + 4) }
    : { rva: 0, size: 0 });

  const sections = [];
  for (let i = 0, at = optional + optionalSize; i < sectionCount; i++, at += 40) {
    sections.push({
      name: buffer.toString('latin1', at, at + 8).replace(/\0+$/, ''),
      virtualAddress: buffer.readUInt32LE(at + 12),
      virtualSize: buffer.readUInt32LE(at + 8),
      rawSize: buffer.readUInt32LE(at + 16),
      rawOffset: buffer.readUInt32LE(at + 20),
    });
  }
  const offsetOf = (rva) => {
    const section = sections.find((s) => rva >= s.virtualAddress && rva < s.virtualAddress + Math.max(s.virtualSize, s.rawSize));
    if (!section || rva - section.virtualAddress >= section.rawSize) fail(`RVA 0x${rva.toString(16)} is in no section's data`);
    return section.rawOffset + rva - section.virtualAddress;
  };
  const cString = (rva) => {
    const start = offsetOf(rva);
    const end = buffer.indexOf(0, start);
    if (end < 0) fail('an unterminated name');
    return buffer.toString('latin1', start, end);
  };
  // An import name table: thunks of the pointer's size, each a hint/name RVA or an ordinal.
  const names = (rva) => {
    const list = [];
    const width = pe32Plus ? 8 : 4;
    for (let at = offsetOf(rva); ; at += width) {
      const thunk = pe32Plus ? buffer.readBigUInt64LE(at) : BigInt(buffer.readUInt32LE(at));
      if (thunk === 0n) return list;
      const ordinalFlag = pe32Plus ? 1n << 63n : 1n << 31n;
      list.push(thunk & ordinalFlag ? `#${thunk & 0xffffn}` : cString(Number(thunk & 0x7fffffffn) + 2));
    }
  };

  const imports = [];
  const importTable = directory(IMPORT_DIRECTORY);
  if (importTable.rva) {
    for (let at = offsetOf(importTable.rva); ; at += 20) {
      const lookup = buffer.readUInt32LE(at);
      const nameRva = buffer.readUInt32LE(at + 12);
      const firstThunk = buffer.readUInt32LE(at + 16);
      if (!nameRva && !firstThunk) break;
      imports.push({ dll: cString(nameRva), functions: names(lookup || firstThunk) });
    }
  }

  // ImgDelayDescr: grAttrs, rvaDLLName, rvaHmod, rvaIAT, rvaINT, rvaBoundIAT, rvaUnloadIAT, dwTimeStamp.
  const delayDescriptor = (at) => ({ dll: cString(buffer.readUInt32LE(at + 4)), functions: names(buffer.readUInt32LE(at + 16)) });
  const delayImports = [];
  const delayTable = directory(DELAY_IMPORT_DIRECTORY);
  if (delayTable.rva) {
    for (let at = offsetOf(delayTable.rva); buffer.readUInt32LE(at + 4); at += 32) delayImports.push(delayDescriptor(at));
  } else {
    for (const dll of delayLoadedDlls) {
      for (const section of sections) {
        const data = buffer.subarray(section.rawOffset, section.rawOffset + section.rawSize);
        for (let found = data.indexOf(`${dll}\0`, 0, 'latin1'); found >= 0; found = data.indexOf(`${dll}\0`, found + 1, 'latin1')) {
          const nameRva = section.virtualAddress + found;
          for (const candidate of sections) {
            for (let at = candidate.rawOffset; at + 32 <= candidate.rawOffset + candidate.rawSize; at += 4) {
              // grAttrs 1 (dlattrRva: every field an RVA) before the name's RVA.
              if (buffer.readUInt32LE(at + 4) === nameRva && buffer.readUInt32LE(at) === 1) delayImports.push(delayDescriptor(at));
            }
          }
        }
      }
    }
  }
  const machineName = Object.keys(PE_MACHINES).find((arch) => PE_MACHINES[arch] === machine) ?? `0x${machine.toString(16)}`;
  return { machine, machineName, format: pe32Plus ? 'PE32+' : 'PE32', imports, delayImports };
}
