/**
 * A canvas to draw a digit on, and its conversion to MNIST's input: the ink's bounding box scaled to
 * fit 20×20 pixels and centred by its centre of mass in a 28×28 image, values in [0, 1].
 */
export class DrawPad {
  #drawing = false;
  #last: { x: number; y: number } | undefined;
  readonly #context: CanvasRenderingContext2D;

  constructor(
    readonly canvas: HTMLCanvasElement,
    onStroke: () => void,
  ) {
    this.#context = canvas.getContext('2d', { willReadFrequently: true })!;
    this.clear();
    canvas.addEventListener('pointerdown', (e) => {
      this.#drawing = true;
      this.#last = this.#point(e);
      this.#line(this.#last, this.#last);
    });
    canvas.addEventListener('pointermove', (e) => {
      if (!this.#drawing) return;
      const point = this.#point(e);
      this.#line(this.#last!, point);
      this.#last = point;
    });
    const end = (): void => {
      if (!this.#drawing) return;
      this.#drawing = false;
      onStroke();
    };
    canvas.addEventListener('pointerup', end);
    canvas.addEventListener('pointerleave', end);
  }

  clear(): void {
    this.#context.fillStyle = '#000';
    this.#context.fillRect(0, 0, this.canvas.width, this.canvas.height);
  }

  #point(e: PointerEvent): { x: number; y: number } {
    const box = this.canvas.getBoundingClientRect();
    return {
      x: ((e.clientX - box.left) * this.canvas.width) / box.width,
      y: ((e.clientY - box.top) * this.canvas.height) / box.height,
    };
  }

  #line(from: { x: number; y: number }, to: { x: number; y: number }): void {
    const c = this.#context;
    c.strokeStyle = '#fff';
    c.lineWidth = this.canvas.width / 14;
    c.lineCap = 'round';
    c.beginPath();
    c.moveTo(from.x, from.y);
    c.lineTo(to.x, to.y);
    c.stroke();
  }

  /** The drawing as 784 values in [0, 1] laid out like MNIST; all zeros when nothing is drawn. */
  pixels(): Float32Array {
    const { width, height } = this.canvas;
    const data = this.#context.getImageData(0, 0, width, height).data;
    let [left, top, right, bottom] = [width, height, -1, -1];
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        if (data[(y * width + x) * 4]! > 32)
          [left, top, right, bottom] = [Math.min(left, x), Math.min(top, y), Math.max(right, x), Math.max(bottom, y)];
      }
    }
    const out = new Float32Array(784);
    if (right < 0) return out;
    // Scale the ink's box to fit 20×20, then centre it by its centre of mass (as MNIST was made).
    const scale = 20 / Math.max(right - left + 1, bottom - top + 1);
    const small = document.createElement('canvas');
    small.width = 28;
    small.height = 28;
    const s = small.getContext('2d', { willReadFrequently: true })!;
    s.fillStyle = '#000';
    s.fillRect(0, 0, 28, 28);
    s.imageSmoothingQuality = 'high';
    const w = (right - left + 1) * scale;
    const h = (bottom - top + 1) * scale;
    s.drawImage(this.canvas, left, top, right - left + 1, bottom - top + 1, (28 - w) / 2, (28 - h) / 2, w, h);
    const grey = s.getImageData(0, 0, 28, 28).data;
    let [mass, cx, cy] = [0, 0, 0];
    for (let i = 0; i < 784; i++) {
      const v = grey[i * 4]! / 255;
      mass += v;
      cx += v * (i % 28);
      cy += v * Math.floor(i / 28);
    }
    const dx = Math.round(14 - cx / mass);
    const dy = Math.round(14 - cy / mass);
    for (let i = 0; i < 784; i++) {
      const x = (i % 28) - dx;
      const y = Math.floor(i / 28) - dy;
      out[i] = x >= 0 && x < 28 && y >= 0 && y < 28 ? grey[(y * 28 + x) * 4]! / 255 : 0;
    }
    return out;
  }
}
