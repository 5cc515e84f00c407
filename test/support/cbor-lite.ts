// A small strict CBOR decoder for the verifier. It does not use cbor-x, whose tag extensions
// (0, 24, 1004, ...) are process-global and may be re-registered by other code in the same process.

/** A tagged item, kept as is. `raw` is the exact encoding of the whole tagged item. */
export class Tagged {
  constructor(
    readonly tag: number,
    readonly value: unknown,
    readonly raw?: Uint8Array,
  ) {}
}

export function decodeCbor(input: Uint8Array): unknown {
  // A plain Uint8Array view, so that slices of a Node Buffer do not come out as Buffers.
  const bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 0;
  const need = (n: number) => {
    if (pos + n > bytes.length) throw new Error('CBOR: unexpected end of input');
  };
  const u8 = () => (need(1), bytes[pos++]!);

  const readArg = (info: number): number | bigint | null => {
    if (info < 24) return info;
    if (info === 24) return u8();
    if (info === 25) {
      need(2);
      const v = view.getUint16(pos);
      pos += 2;
      return v;
    }
    if (info === 26) {
      need(4);
      const v = view.getUint32(pos);
      pos += 4;
      return v;
    }
    if (info === 27) {
      need(8);
      const v = view.getBigUint64(pos);
      pos += 8;
      return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
    }
    if (info === 31) return null; // indefinite
    throw new Error(`CBOR: reserved additional info ${info}`);
  };
  const len = (info: number): number | null => {
    const n = readArg(info);
    if (typeof n === 'bigint') throw new Error('CBOR: length too large');
    return n;
  };
  const BREAK = Symbol('break');
  const val = (): unknown => {
    const v = item();
    if (v === BREAK) throw new Error('CBOR: unexpected break');
    return v;
  };

  const item = (): unknown => {
    const start = pos;
    const ib = u8();
    const major = ib >> 5;
    const info = ib & 0x1f;
    switch (major) {
      case 0: {
        const n = readArg(info);
        if (n === null) throw new Error('CBOR: indefinite integer');
        return n;
      }
      case 1: {
        const n = readArg(info);
        if (n === null) throw new Error('CBOR: indefinite integer');
        return typeof n === 'bigint' ? -1n - n : -1 - n;
      }
      case 2:
      case 3: {
        const n = len(info);
        let out: Uint8Array;
        if (n === null) {
          const parts: Uint8Array[] = [];
          for (;;) {
            if (bytes[pos] === 0xff) {
              pos++;
              break;
            }
            const chunk = val();
            if (major === 2 && chunk instanceof Uint8Array) parts.push(chunk);
            else if (major === 3 && typeof chunk === 'string') parts.push(new TextEncoder().encode(chunk));
            else throw new Error('CBOR: bad indefinite string chunk');
          }
          out = Uint8Array.from(parts.flatMap((p) => [...p]));
        } else {
          need(n);
          out = bytes.slice(pos, pos + n);
          pos += n;
        }
        return major === 2 ? out : new TextDecoder('utf-8', { fatal: true }).decode(out);
      }
      case 4: {
        const n = len(info);
        const arr: unknown[] = [];
        if (n === null) for (let v = item(); v !== BREAK; v = item()) arr.push(v);
        else for (let i = 0; i < n; i++) arr.push(val());
        return arr;
      }
      case 5: {
        const n = len(info);
        const map = new Map<unknown, unknown>();
        const put = (k: unknown) => {
          if (map.has(k)) throw new Error(`CBOR: duplicate map key ${String(k)}`);
          map.set(k, val());
        };
        if (n === null) for (let k = item(); k !== BREAK; k = item()) put(k);
        else for (let i = 0; i < n; i++) put(val());
        return map;
      }
      case 6: {
        const tag = readArg(info);
        if (tag === null || typeof tag === 'bigint') throw new Error('CBOR: bad tag');
        const value = val();
        return new Tagged(tag, value, bytes.slice(start, pos));
      }
      default: {
        if (info === 20) return false;
        if (info === 21) return true;
        if (info === 22) return null;
        if (info === 23) return undefined;
        if (info === 25) {
          need(2);
          const v = halfToFloat(view.getUint16(pos));
          pos += 2;
          return v;
        }
        if (info === 26) {
          need(4);
          const v = view.getFloat32(pos);
          pos += 4;
          return v;
        }
        if (info === 27) {
          need(8);
          const v = view.getFloat64(pos);
          pos += 8;
          return v;
        }
        if (info === 31) return BREAK;
        throw new Error(`CBOR: unsupported simple value ${info}`);
      }
    }
  };

  const value = val();
  if (pos !== bytes.length) throw new Error(`CBOR: ${bytes.length - pos} trailing bytes`);
  return value;
}

function halfToFloat(h: number): number {
  const exp = (h >> 10) & 0x1f;
  const mant = h & 0x3ff;
  const sign = h & 0x8000 ? -1 : 1;
  if (exp === 0) return sign * 2 ** -14 * (mant / 1024);
  if (exp === 31) return mant ? NaN : sign * Infinity;
  return sign * 2 ** (exp - 15) * (1 + mant / 1024);
}
