// Writes images/icon.png (128x128): a white magnifying glass over a Prometheus-orange rounded square,
// with a small sparkline inside the lens. Tiny PNG encoder (zlib from node), anti-aliased by 4x4 supersampling.
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const N = 128, S = 4;
const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
const chunk = (type, data) => { const len = Buffer.alloc(4); len.writeUInt32BE(data.length); const td = Buffer.concat([Buffer.from(type), data]); const c = Buffer.alloc(4); c.writeUInt32BE(crc(td)); return Buffer.concat([len, td, c]); };
const distSeg = (px, py, ax, ay, bx, by) => { const dx = bx - ax, dy = by - ay; const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy))); return Math.hypot(px - ax - t * dx, py - ay - t * dy); };
function sample(x, y) {
  // rounded square background
  const r = 22, m = 4; const qx = Math.max(m + r - x, 0, x - (N - m - r)), qy = Math.max(m + r - y, 0, y - (N - m - r));
  if (Math.hypot(qx, qy) > r) return [0, 0, 0, 0];
  const t = y / N; let col = [230 - 20 * t, 82 - 20 * t, 44 - 10 * t, 255];
  const white = [255, 255, 255, 255];
  const cx = 54, cy = 54, R = 30;
  const d = Math.hypot(x - cx, y - cy);
  if (Math.abs(d - R) < 7) return white;                                    // lens ring
  if (distSeg(x, y, cx + 25, cy + 25, 104, 104) < 9) return white;          // handle
  if (d < R - 7) {                                                           // lens: dark glass + sparkline
    col = [60, 30, 20, 255];
    const pts = [[30, 64], [42, 58], [50, 66], [60, 44], [68, 52], [78, 40]];
    for (let i = 0; i < pts.length - 1; i++) if (distSeg(x, y, ...pts[i], ...pts[i + 1]) < 3.2) return [255, 200, 120, 255];
  }
  return col;
}
const raw = Buffer.alloc(N * (N * 4 + 1));
for (let y = 0; y < N; y++) {
  raw[y * (N * 4 + 1)] = 0;
  for (let x = 0; x < N; x++) {
    const acc = [0, 0, 0, 0];
    for (let sy = 0; sy < S; sy++) for (let sx = 0; sx < S; sx++) { const c = sample(x + (sx + 0.5) / S, y + (sy + 0.5) / S); for (let i = 0; i < 3; i++) acc[i] += c[i] * c[3]; acc[3] += c[3]; }
    const o = y * (N * 4 + 1) + 1 + x * 4;
    const a = acc[3] / (S * S);
    for (let i = 0; i < 3; i++) raw[o + i] = acc[3] ? Math.round(acc[i] / acc[3]) : 0;
    raw[o + 3] = Math.round(a);
  }
}
const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(N, 0); ihdr.writeUInt32BE(N, 4); ihdr[8] = 8; ihdr[9] = 6;
const png = Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
writeFileSync(fileURLToPath(new URL('./icon.png', import.meta.url)), png);
console.log(`icon.png ${png.length} bytes`);
