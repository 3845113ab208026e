// Draws the app icons (a navy tile with five rising bars in the stage colours) and
// writes them as PNG and SVG into public/icons. Run: node scripts/make-icons.mjs
// No image library: shapes are rasterized here with 4×4 supersampling and encoded
// with node:zlib, so the icons are reproducible from this file alone.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icons');
mkdirSync(out, { recursive: true });

const BG = [0x24, 0x32, 0x4a];
const BARS = ['#ced4da', '#fab005', '#fd7e14', '#4c6ef5', '#40c057'].map((h) => [
  Number.parseInt(h.slice(1, 3), 16),
  Number.parseInt(h.slice(3, 5), 16),
  Number.parseInt(h.slice(5, 7), 16),
]);

/** Shapes in a 0..1 square: the tile (rounded unless full-bleed) and five bars. */
function shapes(maskable) {
  const inset = maskable ? 0.2 : 0.16; // maskable content stays inside the 80% safe zone
  const span = 1 - 2 * inset;
  const gap = span * 0.06;
  const w = (span - 4 * gap) / 5;
  const bars = BARS.map((color, i) => {
    const h = span * (0.3 + 0.175 * i);
    const x = inset + i * (w + gap);
    return { x, y: 1 - inset - h, w, h, r: w * 0.28, color };
  });
  return { tile: { x: 0, y: 0, w: 1, h: 1, r: maskable ? 0 : 0.22, color: BG }, bars };
}

function inRoundRect(px, py, s) {
  if (px < s.x || px > s.x + s.w || py < s.y || py > s.y + s.h) return false;
  const cx = Math.min(Math.max(px, s.x + s.r), s.x + s.w - s.r);
  const cy = Math.min(Math.max(py, s.y + s.r), s.y + s.h - s.r);
  return (px - cx) ** 2 + (py - cy) ** 2 <= s.r ** 2;
}

function render(size, maskable) {
  const { tile, bars } = shapes(maskable);
  const px = Buffer.alloc(size * size * 4);
  const ss = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const u = (x + (sx + 0.5) / ss) / size;
          const v = (y + (sy + 0.5) / ss) / size;
          if (!inRoundRect(u, v, tile)) continue;
          const bar = bars.find((s) => inRoundRect(u, v, s));
          const c = bar ? bar.color : tile.color;
          r += c[0];
          g += c[1];
          b += c[2];
          a += 1;
        }
      }
      const i = (y * size + x) * 4;
      const n = ss * ss;
      px[i] = a ? Math.round(r / a) : 0;
      px[i + 1] = a ? Math.round(g / a) : 0;
      px[i + 2] = a ? Math.round(b / a) : 0;
      px[i + 3] = Math.round((a / n) * 255);
    }
  }
  return png(size, px);
}

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function svg() {
  const { tile, bars } = shapes(false);
  const hex = (c) => `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
  const rect = (s) =>
    `<rect x="${(s.x * 512).toFixed(1)}" y="${(s.y * 512).toFixed(1)}" width="${(s.w * 512).toFixed(1)}" height="${(s.h * 512).toFixed(1)}" rx="${(s.r * 512).toFixed(1)}" fill="${hex(s.color)}"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><title>Miniatures Progress Tracker</title>${[tile, ...bars].map(rect).join('')}</svg>\n`;
}

writeFileSync(join(out, 'icon-192.png'), render(192, false));
writeFileSync(join(out, 'icon-512.png'), render(512, false));
writeFileSync(join(out, 'maskable-512.png'), render(512, true));
writeFileSync(join(out, 'apple-touch-icon.png'), render(180, true));
writeFileSync(join(out, 'icon.svg'), svg());
console.log('icons written to', out);
