import {
  CategoryScale,
  Chart,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(CategoryScale, LineController, LineElement, LinearScale, PointElement, Legend, Tooltip);

/** A live chart of the training loss and accuracy against epochs (fractional while an epoch runs). */
export class TrainingChart {
  readonly #chart: Chart<'line', { x: number; y: number }[]>;
  constructor(canvas: HTMLCanvasElement) {
    this.#chart = new Chart(canvas, {
      type: 'line',
      data: {
        datasets: [
          {
            label: 'loss',
            data: [],
            borderColor: '#d33',
            backgroundColor: '#d33',
            yAxisID: 'loss',
            pointRadius: 0,
            borderWidth: 2,
          },
          {
            label: 'accuracy',
            data: [],
            borderColor: '#07a',
            backgroundColor: '#07a',
            yAxisID: 'accuracy',
            pointRadius: 0,
            borderWidth: 2,
          },
          {
            label: 'val_accuracy',
            data: [],
            borderColor: '#0a6',
            backgroundColor: '#0a6',
            yAxisID: 'accuracy',
            pointRadius: 3,
            borderWidth: 2,
          },
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: {
          x: { type: 'linear', title: { display: true, text: 'epoch' }, min: 0 },
          loss: { type: 'linear', position: 'left', title: { display: true, text: 'loss' }, min: 0 },
          accuracy: { type: 'linear', position: 'right', min: 0, max: 1, title: { display: true, text: 'accuracy' } },
        },
      },
    });
  }
  reset(): void {
    for (const set of this.#chart.data.datasets) set.data = [];
    this.#chart.update();
  }
  /** Adds a point per series present in `logs` at `epoch` (e.g. 1.25 = a quarter into the second epoch). */
  add(epoch: number, logs: Record<string, number>): void {
    for (const set of this.#chart.data.datasets) {
      const value = logs[set.label!];
      if (value !== undefined) set.data.push({ x: epoch, y: value });
    }
    this.#chart.update();
  }
}
