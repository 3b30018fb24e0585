// Placeholder portraits for the demo: a head-and-shoulders silhouette on a tinted background, as PNG.
import { PNG } from 'pngjs';

export function placeholderPortrait(seed: number, width = 240, height = 300): Buffer {
  const png = new PNG({ width, height });
  const hue = (seed * 67) % 360;
  const background = hsl(hue, 0.35, 0.86);
  const figure = hsl(hue, 0.3, 0.38);
  const head = { x: width / 2, y: height * 0.38, r: width * 0.21 };
  const body = { x: width / 2, y: height * 1.02, rx: width * 0.42, ry: height * 0.36 };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inHead = (x - head.x) ** 2 + (y - head.y) ** 2 <= head.r ** 2;
      const inBody = ((x - body.x) / body.rx) ** 2 + ((y - body.y) / body.ry) ** 2 <= 1;
      const [r, g, b] = inHead || inBody ? figure : background;
      const i = (y * width + x) * 4;
      png.data[i] = r;
      png.data[i + 1] = g;
      png.data[i + 2] = b;
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

function hsl(h: number, s: number, l: number): [number, number, number] {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}
