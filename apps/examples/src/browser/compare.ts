/** Deep comparison of printed values across backends: equal structure and strings, numbers within a relative tolerance. */
export function differences(actual: unknown, expected: unknown, tolerance: number, path = ''): string[] {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const close = Number.isNaN(expected)
      ? Number.isNaN(actual)
      : Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected));
    return close ? [] : [`${path || '.'}: ${actual} vs ${expected}`];
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (actual.length !== expected.length) return [`${path || '.'}: ${actual.length} entries vs ${expected.length}`];
    return expected.flatMap((e, i) => differences(actual[i], e, tolerance, `${path}[${i}]`));
  }
  if (
    expected !== null &&
    typeof expected === 'object' &&
    actual !== null &&
    typeof actual === 'object' &&
    !Array.isArray(actual)
  ) {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    return [...keys].flatMap((k) =>
      differences(
        (actual as Record<string, unknown>)[k],
        (expected as Record<string, unknown>)[k],
        tolerance,
        `${path}.${k}`,
      ),
    );
  }
  return Object.is(actual, expected)
    ? []
    : [`${path || '.'}: ${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`];
}
