declare module 'mnist' {
  const mnist: Record<number, { length: number; range(start: number, end: number): number[][] }>;
  export default mnist;
}
