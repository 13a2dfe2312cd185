// Structural equality for the values the channel must carry: -0 and NaN by Object.is,
// typed arrays by type, offset, length and bytes, cycles by position. Returns the path of
// the first difference, or '' when equal. Like structured clone, a null-prototype object
// equals a plain one with the same keys. Runs in pages and workers alike.
export function difference(a, b, path = '$', seen = new Map()) {
  if (Object.is(a, b)) return '';
  const ta = tag(a);
  if (ta !== tag(b)) return `${path}: ${ta} vs ${tag(b)}`;
  if (typeof a !== 'object' || a === null) return `${path}: ${show(a)} vs ${show(b)}`;
  if (seen.has(a)) return seen.get(a) === b ? '' : `${path}: cycle points elsewhere`;
  seen.set(a, b);
  switch (ta) {
    case 'Date':
      return Object.is(a.getTime(), b.getTime()) ? '' : `${path}: ${a.toISOString()} vs ${b}`;
    case 'RegExp':
      return a.source === b.source && a.flags === b.flags ? '' : `${path}: ${a} vs ${b}`;
    case 'Error':
      if (
        a.name !== b.name ||
        a.message !== b.message ||
        a.constructor.name !== b.constructor.name
      ) {
        return `${path}: ${a.constructor.name}(${a.name}: ${a.message}) vs ${b.constructor.name}(${b.name}: ${b.message})`;
      }
      return '';
    case 'ArrayBuffer':
      return bytesDiffer(new Uint8Array(a), new Uint8Array(b)) ? `${path}: bytes differ` : '';
    case 'Map': {
      if (a.size !== b.size) return `${path}: size ${a.size} vs ${b.size}`;
      const ea = [...a],
        eb = [...b];
      for (let i = 0; i < ea.length; i++) {
        const d =
          difference(ea[i][0], eb[i][0], `${path}.key[${i}]`, seen) ||
          difference(ea[i][1], eb[i][1], `${path}.get(${show(ea[i][0])})`, seen);
        if (d) return d;
      }
      return '';
    }
    case 'Set': {
      const ea = [...a],
        eb = [...b];
      return difference(ea, eb, `${path}.values`, seen);
    }
  }
  if (ArrayBuffer.isView(a)) {
    if (a.byteOffset !== b.byteOffset || a.byteLength !== b.byteLength) {
      return `${path}: view ${a.byteOffset}+${a.byteLength} vs ${b.byteOffset}+${b.byteLength}`;
    }
    return difference(a.buffer, b.buffer, `${path}.buffer`, seen);
  }
  const ka = Object.keys(a),
    kb = Object.keys(b);
  if (ka.join() !== kb.join()) return `${path}: keys [${ka}] vs [${kb}]`;
  for (const k of ka) {
    const d = difference(a[k], b[k], `${path}.${k}`, seen);
    if (d) return d;
  }
  return '';
}

const tag = (v) => (v instanceof Error ? 'Error' : Object.prototype.toString.call(v).slice(8, -1));
const show = (v) =>
  typeof v === 'bigint' ? `${v}n` : typeof v === 'string' ? JSON.stringify(v) : String(v);
const bytesDiffer = (x, y) => x.length !== y.length || x.some((v, i) => v !== y[i]);
